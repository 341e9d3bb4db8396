"""scan.checkbox: under a long camera shake along a column of boxes, no box is read with
confidence where the outline does not pin its place along the shake.

A shake of 6.5-7.5 px at 2.0-2.3 px/mm (3-3.5 mm) runs along the consent column (boxes 2 mm
apart): each box's top and bottom sides are smeared into bands that run into the next box's,
and the outline template fits as well 2-3 mm up or down the column as where the box is. The
box was then placed there (by its own outline, or by the local field built from such places)
and an empty consent box, read where its smeared sides fill the middle, was a "yes" at 1.0
(seen on a drawn probe, seed 26239; on boxes27's drawn probe, 56 of 272 sure readings wrong).
Such a reading is now a proposal, reason "déformé"; a box with no neighbour along the shake
(the territory row) keeps its sure reading.
"""

import pytest

from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import camera, identity, labelled, motion_blur, read_boxes

TICKED = ("territoire_ecrins", "newsletter")  # one in a row, one in the consent column


def shaken_card(px_per_mm: float, length_px: float, angle_deg: float) -> dict:
    sharp = labelled(identity(Marks(checks=dict.fromkeys(TICKED, "tick"))))
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=0.6)
    return read_boxes(motion_blur(image, length_px, angle_deg), h)


@pytest.mark.parametrize(
    "px_per_mm, length_px, angle_deg",
    [(2.0, 6.5, 85.0), (2.0, 6.5, 95.0), (2.0, 7.5, 95.0), (2.3, 7.5, 85.0), (2.3, 7.5, 95.0)],
)
def test_an_empty_box_in_a_column_under_a_long_shake_along_it_is_never_a_sure_yes(
    px_per_mm, length_px, angle_deg
):
    boxes = shaken_card(px_per_mm, length_px, angle_deg)
    sure_yes = {n: b for n, b in boxes.items()
                if n not in TICKED and b.checked and b.confidence >= 0.8}
    assert sure_yes == {}
    # the tick alone in its row is pinned by its outline: still a sure "yes"
    assert boxes["territoire_ecrins"].checked is True
    assert boxes["territoire_ecrins"].confidence >= 0.8
    assert not (boxes["newsletter"].checked is False and boxes["newsletter"].confidence >= 0.8)


def test_a_sure_reading_made_unsure_by_the_shake_says_why():
    boxes = shaken_card(2.3, 6.5, 90.0)
    assert (boxes["newsletter"].checked, boxes["newsletter"].confidence,
            boxes["newsletter"].reason) == (True, 0.45, "déformé")
