"""scan.checkbox: a small tick in soft focus, beside a neighbour's print, keeps its "yes".

Found on fresh second-family walls (1200-1239, 1300-1379, 800-879): 2-3 mm ticks of a thin pen
at 1.4-2.6 px/mm in soft focus read against the paper ring's darkest side, which the box above
or below (its outline 2 mm away, or the circle drawn round it) darkens once blurred: the faint
tick vanished against it and the box had no value ("couvert": the ring's other sides looked like
a whiter foreign paper; "trace"), or a "no" proposed. A foreign paper beside a pastel box leaves
its inside even (its own paper); a tick does not (``is_even_inside``)."""

import numpy as np
import pytest

from printables.layout import CARD_TYPES, Box
from scan.checkbox import is_even_inside
from scan.thresholds import READ_PX_PER_MM
from tests.support.people_marks import PENS_BGR, mark_box
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import (
    SHARP_PX_PER_MM,
    camera,
    confident_wrong,
    identity,
    labelled,
    read_boxes,
)

CARD = CARD_TYPES["identite"]
NAMES = [f.name for f in CARD.fields_of_kind("checkbox")]


def ticked_card(seed: int, paper_bgr, every: int):
    """A labelled identity card on ``paper_bgr``, a small thin tick (people_marks) in every
    other box; the names ticked."""
    rng = np.random.default_rng(seed)
    sharp = labelled(identity(Marks())).astype(np.float32) * np.array(paper_bgr) / 245
    sharp = np.clip(sharp, 0, 255).astype(np.uint8)
    ticked = NAMES[every::2]
    for name in ticked:
        mark_box(sharp, CARD.field(name).box, "small_tick", SHARP_PX_PER_MM, rng,
                 PENS_BGR[seed % len(PENS_BGR)])
    return sharp, ticked


@pytest.mark.parametrize(
    "seed, paper_bgr, px_per_mm, blur_px",
    [
        (4, (250, 220, 190), 1.8, 1.4),
        (5, (245, 245, 245), 2.0, 1.6),
        (7, (205, 185, 250), 2.4, 1.4),
        (10, (245, 245, 245), 2.2, 1.4),
        (11, (200, 240, 200), 2.4, 1.6),
    ],
)
def test_small_ticks_in_soft_focus_beside_neighbours_print_are_yes(
    seed, paper_bgr, px_per_mm, blur_px
):
    sharp, ticked = ticked_card(seed, paper_bgr, seed % 2)
    boxes = read_boxes(*camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, seed=seed))
    assert {n: (b.checked, b.reason) for n, b in boxes.items()
            if n in ticked and b.checked is not True} == {}
    assert not confident_wrong(boxes, dict.fromkeys(ticked, True))


def test_the_inside_of_a_pastel_box_is_even_a_ticked_one_is_not():
    s = READ_PX_PER_MM
    box = CARD.field("newsletter").box
    noise = np.random.default_rng(0).normal(0, 2.0, (round(12 * s), round(12 * s)))
    patch = (200.0 + noise).astype(np.float32)  # pastel paper, its grain
    at = Box(3.5, 3.5, box.w_mm, box.h_mm)
    x0, y0, x1, y1 = (round(v * s) for v in (at.x_mm, at.y_mm, at.right_mm, at.bottom_mm))
    patch[y0:y1, x0 : x0 + 1] = patch[y0:y1, x1 - 1 : x1] = 60  # the printed outline
    patch[y0 : y0 + 1, x0:x1] = patch[y1 - 1 : y1, x0:x1] = 60
    assert is_even_inside(patch, at, s, 2.4)
    ticked = patch.copy()
    for k in range(8):  # a stroke of a 0.5 mm pen across the inside, pale (soft focus)
        ticked[y0 + 5 + k, x0 + 5 + k : x0 + 7 + k] = 140
    assert not is_even_inside(ticked, at, s, 2.4)
