"""scan.votes: the hatch band printed between a card's bottom markers is no sticker.

A 19 mm sticker stuck across a need card's vote area's lower edge reaches the hatch band 8.5 mm
below it. Motion-blurred, the band is a grey body thicker than a line (``without_print_around``
keeps it): it joined the sticker's blob and its pieces were counted as stickers of their own
(family-2 vote walls 26905 and 26932: 7 for 6). The band is now taken out of the dark mask except
inside a body a ``VOTE_BAND_BODY_MM`` disc fits in (a dark sticker over it). The real printed
need card, photographed at 2.0-2.5 px/mm with a camera shake.
"""

import cv2
import numpy as np
import pytest

from printables.layout import card_type
from scan.read import read_card
from tests.support.people_marks import STICKER_COLOURS_BGR, sticker
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera

NEED = card_type("besoin", "2")
RED, GREEN, YELLOW, PURPLE, BLACK = (STICKER_COLOURS_BGR[i] for i in (0, 1, 3, 4, 7))
# (centre mm on the card, diameter mm, colour): the stickers of wall 26905's card, two 19 mm ones
# across the area's lower edge (81 mm)
WALL_26905 = [
    ((53.4, 68.7), 8, RED), ((38.9, 68.2), 19, PURPLE), ((43.2, 82.3), 19, GREEN),
    ((58.4, 69.0), 8, YELLOW), ((66.9, 63.5), 12, PURPLE), ((75.9, 82.2), 19, PURPLE),
]
TWO_ACROSS = [((30.0, 82.0), 19, GREEN), ((62.0, 82.0), 19, PURPLE)]


def shaken(image, length_px, angle_deg):
    """A camera shake of ``length_px`` along ``angle_deg`` (the family-2 photos' kernel)."""
    n = int(np.ceil(length_px)) | 1
    kernel = np.zeros((n * 4, n * 4), np.float32)
    d = np.array([np.cos(np.radians(angle_deg)), np.sin(np.radians(angle_deg))]) * length_px * 2
    c = np.array([n * 2, n * 2])
    ends = [tuple(int(v) for v in np.round(p)) for p in (c - d, c + d)]
    cv2.line(kernel, ends[0], ends[1], 1.0, 2, cv2.LINE_AA)
    kernel = cv2.resize(kernel, (n, n), interpolation=cv2.INTER_AREA)
    return cv2.filter2D(image, -1, kernel / kernel.sum())


def read_shaken(printed, stickers, px_per_mm, length_px, angle_deg):
    """The votes of the real printed need card with ``stickers``, shaken."""
    kit_card = next(p for p in printed if p.type_key == "besoin")
    card = (kit_card.image.astype(np.float32) * 0.8 + 20).astype(np.uint8)  # paper under light
    scale = SHARP_PX_PER_MM / kit_card.px_per_mm
    sharp = cv2.resize(card, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    for centre, diameter, colour in stickers:
        sticker(sharp, np.array(centre), float(diameter), colour, SHARP_PX_PER_MM)
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=0.5)
    image = shaken(image, length_px, angle_deg)
    return read_card(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), image, h, NEED)[1]["votes"]


# (px/mm, shake px, shake angle): the old code counted pieces of the band, 7 or 8 for 6
WALL_SHAKES = [(2.0, 3.0, 90), (2.0, 6.0, 90), (2.0, 6.0, 135), (2.2, 4.5, 90), (2.5, 6.0, 45),
               (2.5, 6.0, 135)]


@pytest.mark.parametrize(("px_per_mm", "length_px", "angle_deg"), WALL_SHAKES)
def test_stickers_hanging_over_the_hatch_band_are_counted_once(
    printed_kit, px_per_mm, length_px, angle_deg
):
    votes = read_shaken(printed_kit(), WALL_26905, px_per_mm, length_px, angle_deg)
    assert votes.count == 6, votes


@pytest.mark.parametrize("angle_deg", [45, 135])
def test_two_stickers_across_the_lower_edge_are_two(printed_kit, angle_deg):
    votes = read_shaken(printed_kit(), TWO_ACROSS, 2.5, 6.0, angle_deg)
    assert votes.count == 2, votes


@pytest.mark.parametrize("centre_x_mm", [35.0, 60.0])
def test_a_black_sticker_over_the_band_is_still_one(printed_kit, centre_x_mm):
    """Dark like the band's print, its body is wider than the band: it is kept."""
    votes = read_shaken(printed_kit(), [((centre_x_mm, 82.0), 19, BLACK)], 2.3, 4.5, 90)
    assert votes.count == 1, votes
