"""scan.votes.count_sticker_edges and inked_disc: a pale sticker stuck on two stickers of one
colour is split off into a blob of its own by the seam of mixed colour round it, and leaves a
round bite in their blob. The circle most edge points lie on was then either the bite's (its
disc is paper: no sticker) or the big sticker's, whose disc the bite takes more than 15 % of:
both failed the ink test and the search stopped with no circle at all (a cyan 12 mm and a cyan
19 mm under a peach 12 mm read 2 for 3 at every camera). The marks beside the blob now cover a
disc that is mostly the blob's own, and a circle failing the ink test (the bite's) is set aside
and the next one looked for; the count stays a proposal (the bite's edge is on no sticker)."""

import cv2
import numpy as np
import pytest

from scan.votes import count_sticker_edges
from tests.support.people_marks import STICKER_COLOURS_BGR
from tests.support.sticker_piles import read_pile

PEACH, CYAN = STICKER_COLOURS_BGR[5], STICKER_COLOURS_BGR[6]
# in the order they are stuck: centre offset mm, diameter mm, colour
BITTEN = [((0, 0), 12, CYAN), ((9, 1), 19, CYAN), ((2, -6), 12, PEACH)]



@pytest.mark.parametrize("px_per_mm", [2.0, 2.3, 2.7])
@pytest.mark.parametrize("blur_px", [0.6, 1.2])
def test_two_stickers_bitten_by_a_pale_one_on_them_are_counted_and_proposed(px_per_mm, blur_px):
    strip = read_pile(BITTEN, px_per_mm, blur_px)
    assert (strip.count, strip.confidence < 0.8) == (3, True), strip


def bitten_masks(s: float = 4.0):
    """The two cyan stickers' mask less the peach one's disc and a 1 px seam round it (blob),
    and every mark in the window (cover: blob and the peach disc)."""
    shape = (110, 130)
    lower = np.zeros(shape, np.uint8)
    cv2.circle(lower, (round(30 + 0 * s), round(60)), round(6 * s), 1, -1)
    cv2.circle(lower, (round(30 + 9 * s), round(60 + 1 * s)), round(9.5 * s), 1, -1)
    peach, seam = np.zeros(shape, np.uint8), np.zeros(shape, np.uint8)
    centre = (round(30 + 2 * s), round(60 - 6 * s))
    cv2.circle(peach, centre, round(6 * s), 1, -1)
    cv2.circle(seam, centre, round(6 * s) + 1, 1, -1)
    blob = (lower > 0) & (seam == 0)
    return blob, blob | (peach > 0)


def test_the_bite_is_no_sticker_and_the_two_under_it_are_found():
    s = 4.0
    blob, cover = bitten_masks(s)
    count, confidence, circles = count_sticker_edges(blob, blob, s, cover=cover)
    radii = sorted(round(r / s) for _, _, r in circles)
    assert (count, radii, confidence < 0.8) == (2, [6, 9], True)
