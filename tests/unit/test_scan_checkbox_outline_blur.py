"""scan.checkbox: the printed outline's blur alone is no sure "yes".

In soft focus at ~2 px/mm (blur 1.4-1.6 px), the outline's blur reaches 1.25-1.75 mm into an
empty 5 mm box, past the band the reading leaves out. Where the paper ring is clean (a row
without a box above or below, low noise: the paper's noise allowance is then 0), the inside's
mean darkness reached 0.13-0.14 of the outline's, over the "checked" line: an empty box read
"yes" at 0.80-0.87, with no stroke in it. Read again clear of the outline's smear, it is paper:
such a "yes" is one to confirm (is_outline_blur_yes). Found by drawn probes (boxes14's shadow
probe, seed 103: an empty yellow box under a shadow at 1.96 px/mm, blur 1.38 px, "yes" at 0.83).
"""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from tests.support.people_marks import PENS_BGR, mark_box
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera, identity, read_boxes

CARD = CARD_TYPES["identite"]
TERRITORY = [f.name for f in CARD.fields_of_kind("checkbox") if f.name.startswith("territoire")]
YELLOW_BGR = (170, 240, 250)
SOFT = [  # (px/mm, blur px, noise): the old reading of the empty box named
    (1.96, 1.4, 1.5),  # territoire_ecrins "yes" 0.82
    (2.2, 1.6, 1.0),  # territoire_hors "yes" 0.85
]


def soft_card(px_per_mm, blur_px, noise, mark=None):
    """The identity card on yellow paper in a light shadow (0.93), its territory boxes marked
    with ``mark`` (or none), seen in soft focus; its boxes read."""
    sharp = identity(Marks()).astype(np.float32) * np.array(YELLOW_BGR) / 245 * 0.93
    sharp = np.clip(sharp, 0, 255).astype(np.uint8)
    rng = np.random.default_rng(0)
    for name in TERRITORY if mark else ():
        mark_box(sharp, CARD.field(name).box, mark, SHARP_PX_PER_MM, rng, PENS_BGR[0])
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, noise=noise, seed=1)
    return read_boxes(image, h)


@pytest.mark.parametrize("px_per_mm, blur_px, noise", SOFT)
def test_an_empty_box_in_soft_focus_is_never_a_sure_yes(px_per_mm, blur_px, noise):
    boxes = soft_card(px_per_mm, blur_px, noise)
    assert not {n: b for n, b in boxes.items() if b.checked and b.confidence >= 0.8}


@pytest.mark.parametrize("px_per_mm, blur_px, noise", SOFT)
def test_small_ticks_in_that_soft_focus_stay_sure(px_per_mm, blur_px, noise):
    # a tick's stroke is found whatever the outline's blur: its "yes" is not the blur's
    boxes = soft_card(px_per_mm, blur_px, noise, "small_tick")
    for name in TERRITORY:
        assert boxes[name].checked is True and boxes[name].confidence >= 0.8, (name, boxes[name])
