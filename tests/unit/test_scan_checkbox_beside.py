"""scan.checkbox: a tick drawn just left of a box, where nothing is printed, is never a sure "no".

Found by the red team's probe (1 December): small ticks drawn 0.6-1.5 mm beside the box read
"unchecked" at 0.85-1.0. Left of a box nothing is printed on our cards (the label is to the
right, the next box 2 mm above or below): a bent stroke there makes the "no" a proposal."""

import numpy as np
import pytest

from printables.layout import Box
from tests.support.handwriting import draw_strokes
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import (
    IDENTITY_BOXES,
    SHARP_PX_PER_MM,
    camera,
    identity,
    labelled,
    read_boxes,
)
from tests.unit.test_scan_checkbox_overlays import CARD

NAMES = ("acteur_public", "territoire_ecrins", "consentement_public", "journal")


def tick_left_of(sharp, box: Box, gap_mm: float, size_mm: float = 2.5, pen_mm: float = 0.35):
    """A small tick whose right end is ``gap_mm`` left of ``box``, level with its middle."""
    x1, cy = box.x_mm - gap_mm, box.center_mm[1]
    x0, y0 = x1 - size_mm, cy - size_mm / 2
    points = np.array([[x0, y0 + 0.55 * size_mm], [x0 + 0.35 * size_mm, y0 + size_mm],
                       [x1, y0]])
    draw_strokes(sharp, [points * SHARP_PX_PER_MM], pen_mm * SHARP_PX_PER_MM, (120, 50, 20))


@pytest.mark.parametrize("gap_mm", [0.8, 1.2])
@pytest.mark.parametrize("px_per_mm, blur_px", [(2.0, 0.8), (2.7, 0.5), (3.5, 0.6)])
def test_a_tick_just_left_of_the_box_is_never_a_sure_no(gap_mm, px_per_mm, blur_px):
    sharp = labelled(identity(Marks()))
    for name in NAMES:
        tick_left_of(sharp, CARD.field(name).box, gap_mm)
    boxes = read_boxes(*camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px))
    for name in NAMES:
        assert boxes[name].checked is not False or boxes[name].confidence < 0.8, boxes[name]


@pytest.mark.parametrize("px_per_mm, blur_px", [(2.7, 0.5), (2.7, 0.8), (3.5, 0.6)])
def test_labels_and_neighbours_of_a_clean_card_keep_their_sure_no(px_per_mm, blur_px):
    boxes = read_boxes(*camera(labelled(identity(Marks())), px_per_mm=px_per_mm,
                               blur_px=blur_px))
    sure = [n for n in IDENTITY_BOXES if boxes[n].checked is False and boxes[n].confidence >= 0.8]
    assert sure == list(IDENTITY_BOXES), {n: boxes[n] for n in IDENTITY_BOXES}
