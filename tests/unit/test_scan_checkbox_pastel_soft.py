"""scan.checkbox: an empty pastel box beside the white edge of a card stuck over it, in soft
focus, is never read "yes", not even as a proposal.

The white paper blurred into the box lightens its inside next to that edge: the inside is then as
uneven (its ink's 90th and 10th percentiles 0.09-0.23 of the outline's darkness) as a small tick
in soft focus (0.16-0.69). A rule that took an uneven inside for a mark ("yes" proposed at 0.3,
29ad3b1) turned 28 of 240 such right "no" proposals ("couvert") into wrong "yes" ones."""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera, identity, read_boxes

CARD = CARD_TYPES["identite"]


@pytest.mark.parametrize("paper_bgr", [(250, 220, 190), (205, 185, 250)])  # light blue, pink
@pytest.mark.parametrize("gap_mm", [0.2, 0.5, 0.8])
@pytest.mark.parametrize("px_per_mm, blur_px", [(2.0, 0.8), (2.7, 1.2)])
def test_a_white_card_edge_beside_a_pastel_box_in_soft_focus_is_never_a_yes(
    paper_bgr, gap_mm, px_per_mm, blur_px
):
    sharp = identity(Marks()).astype(np.float32) * np.array(paper_bgr) / 245
    name = "territoire_hors"
    box = CARD.field(name).box
    edge = round((box.right_mm + gap_mm) * SHARP_PX_PER_MM)
    top = round((box.y_mm - 6) * SHARP_PX_PER_MM)
    bottom = round((box.bottom_mm + 6) * SHARP_PX_PER_MM)
    sharp[top:bottom, edge : edge + 200] = (250, 250, 250)  # the card over ours, right of the box
    image = np.clip(sharp, 0, 255).astype(np.uint8)
    reading = read_boxes(*camera(image, px_per_mm=px_per_mm, blur_px=blur_px))[name]
    assert reading.checked is not True, reading
