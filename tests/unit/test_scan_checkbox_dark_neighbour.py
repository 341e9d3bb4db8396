"""scan.checkbox: a small soft tick beside a blackened box is a "yes" to confirm.

The next box, 2 mm above or below, filled or scribbled out, is smeared by the blur into that
side of the tick's paper ring: that side's paper is then far darker than the paper inside the
box itself, and against it the tick vanished. The side was taken for the box's own paper (the
"vanish" test, made for a tint or a shadow over the box), the box had no value ("trace"); the
test against the other sides' paper wants the dark side even along its length (a blackened box
is not) or finds two neighbours dark. A side darker than the paper inside the box is no paper
of the box: against the inside's paper the tick keeps its bent stroke, an empty box whose
inside reads "yes" from its outline's blur only a straight frame."""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan.checkbox import TRACE
from tests.support.people_marks import PENS_BGR, mark_box
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import (
    SHARP_PX_PER_MM,
    camera,
    identity,
    motion_blur,
    read_boxes,
)

CARD = CARD_TYPES["identite"]
NAMES = [f.name for f in CARD.fields_of_kind("checkbox")]
PAPERS_BGR = ((245, 245, 245), (205, 185, 250), (250, 220, 190), (170, 240, 250))


def blackened_card(seed):
    """The identity card's boxes marked at random: a small tick (40 %), filled (15 %), scribbled
    out (15 %) or empty, one pen, on white or pastel paper, seen at 1.8-2.9 px/mm with a blur of
    0.8-1.8 px, and a camera shake of 1-2.2 mm on odd seeds; (boxes read, marks)."""
    rng = np.random.default_rng([4000, seed])
    paper = PAPERS_BGR[seed % 4]
    px_per_mm = float(rng.uniform(1.8, 2.9))
    blur_px = float(rng.uniform(0.8, 1.8))
    pen = PENS_BGR[seed % len(PENS_BGR)]
    sharp = identity(Marks()).astype(np.float32) * np.array(paper) / 245
    sharp = np.clip(sharp, 0, 255).astype(np.uint8)
    marks = {}
    for name in NAMES:
        u = rng.random()
        marks[name] = (
            "small_tick" if u < 0.4 else "fill" if u < 0.55 else
            "scribble_out" if u < 0.7 else "empty"
        )
        mark_box(sharp, CARD.field(name).box, marks[name], SHARP_PX_PER_MM, rng, pen)
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, seed=seed)
    if seed % 2:
        shake_mm, angle_deg = float(rng.uniform(1.0, 2.2)), float(rng.uniform(0, 180))
        image = motion_blur(image, shake_mm * px_per_mm, angle_deg)
    return read_boxes(image, h), marks


@pytest.mark.parametrize(
    "seed, names",
    [
        (18, ("newsletter",)),  # blue, 2.0 px/mm, blur 0.9 px
        (30, ("acteur_entreprise", "acteur_porteur")),  # blue, 2.6 px/mm, blur 1.4 px
        (31, ("consentement_participants", "journal")),  # yellow, 2.4 px/mm, shaken
        (38, ("acteur_socioprofessionnel", "consentement_aucun")),  # blue, 2.1 px/mm
        (71, ("consentement_public",)),  # yellow, 2.9 px/mm, blur 1.6 px, shaken
    ],
)
def test_a_small_tick_beside_a_blackened_box_is_a_yes_to_confirm(seed, names):
    boxes, marks = blackened_card(seed)
    for name in names:
        assert marks[name] == "small_tick"
        assert (boxes[name].checked, boxes[name].reason) == (True, TRACE), (name, boxes[name])
        assert boxes[name].confidence < 0.8
    # and no empty box of these cards reads "yes", sure or proposed
    assert not [n for n, b in boxes.items() if marks[n] == "empty" and b.checked], boxes
