"""scan.checkbox: a line along one side of a box, inside its outline (the arc of a circle drawn
round the box below it, over the outline), is never a confident "checked".

Found on fresh second-family walls (800-839): an empty box under the circle drawn round its
neighbour, the arc 0.75 mm into its inside along the whole bottom side, read "checked" at 0.85."""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from tests.support.handwriting import draw_strokes
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import (
    SHARP_PX_PER_MM,
    TICKED,
    camera,
    identity,
    labelled,
    read_boxes,
)

CARD = CARD_TYPES["identite"]
# circled box -> the empty box above (or below) it, its bottom (top) side 2 mm away
CIRCLED = {
    "acteur_association": "acteur_socioprofessionnel",
    "acteur_porteur": "acteur_public",
    "acteur_citoyen": "acteur_entreprise",
    "journal": "newsletter",
}


def circle_round(sharp, name: str, into_mm: float, pen_mm: float = 0.55,
                 ink=(120, 40, 20)) -> None:
    """A circle round box ``name`` whose top runs ``into_mm`` over the bottom side of the box
    above it (7 mm pitch: that side is 4.5 mm above this box's centre). Deeper than 1.5 mm,
    the arc runs past the box's sides: "barrée", no value."""
    cx, cy = CARD.field(name).box.center_mm
    r = 4.5 + into_mm
    t = np.linspace(0, 2 * np.pi * 1.08, 60) + 0.7
    points = np.stack([cx + 1.05 * r * np.cos(t), cy + r * np.sin(t)], 1)
    draw_strokes(sharp, [points * SHARP_PX_PER_MM], pen_mm * SHARP_PX_PER_MM, ink)


@pytest.mark.parametrize("into_mm", [1.2, 1.4])
@pytest.mark.parametrize("px_per_mm, blur_px", [(2.0, 0.8), (2.7, 0.5), (3.5, 0.5), (4.0, 0.7)])
def test_a_neighbours_circle_over_the_side_is_never_a_confident_checked(
    into_mm, px_per_mm, blur_px
):
    sharp = labelled(identity(Marks()))
    for name in CIRCLED:
        circle_round(sharp, name, into_mm)
    boxes = read_boxes(*camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px))
    for above in CIRCLED.values():
        box = boxes[above]
        assert not (box.checked and box.confidence >= 0.8), (above, box)


@pytest.mark.parametrize("px_per_mm, blur_px", [(2.7, 0.5), (3.5, 0.5), (4.0, 0.7)])
def test_ticks_and_crosses_keep_their_sure_checked(px_per_mm, blur_px):
    boxes = read_boxes(*camera(labelled(identity(Marks(checks=TICKED))), px_per_mm=px_per_mm,
                               blur_px=blur_px))
    for name in TICKED:
        assert boxes[name].checked and boxes[name].confidence >= 0.8, (name, boxes[name])
