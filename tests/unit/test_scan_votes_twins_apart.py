"""scan.votes: two counted colour parts of one blob, of one colour and apart, each on its own
circle, may be one thing seen on both sides of a sticker stuck across it: the count goes to a
person (``twins_apart``).

A band of highlighter or coloured tape, 4.5-5 mm wide, under a 19 mm sticker shows an end on
either side; each end fits a circle of a small sticker (2.8-3.4 mm), and the strip read 3 at 1.0
(drawn: 71 of 2160 bands, 4-7 mm wide, under 12 or 19 mm stickers of three colours). Two stickers
of one colour on either side of a third look alike but for their far ends: round, not square
(``blunt_end``): they are not taken for a band (a proposal at 0.6 only, for the 8 mm one
that may lie wholly under the 19 mm one: ``sizes_confidence``).
"""

import cv2
import numpy as np
import pytest

from scan.thresholds import VOTE_HIDE_CONFIDENCE
from scan.votes import count_blob

S = 4.0
PAPER = (235, 230, 240)
RED, BLUE, BLACK = (40, 40, 200), (190, 90, 40), (30, 30, 30)
TEAL, YELLOW, GREEN = (150, 160, 60), (60, 230, 240), (60, 150, 40)


def blob_of(image):
    """The biggest blob of what is not paper in ``image``, and the image in Lab."""
    blob = np.abs(image.astype(int) - PAPER).max(axis=2) > 25
    _, labels, stats, _ = cv2.connectedComponentsWithStats(blob.astype(np.uint8))
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return labels == biggest, cv2.cvtColor(image, cv2.COLOR_BGR2LAB)


def band_under_sticker(band, top, width_mm, blur_mm, angle_deg):
    """A 28 mm band ``width_mm`` wide under a 19 mm sticker stuck across its middle."""
    image = np.full((160, 200, 3), PAPER, np.uint8)
    rect = ((100, 80), (28 * S, width_mm * S), angle_deg)
    cv2.fillConvexPoly(image, cv2.boxPoints(rect).astype(np.int32), band, cv2.LINE_AA)
    cv2.circle(image, (100, 80), round(9.5 * S), top, -1, cv2.LINE_AA)
    return blob_of(cv2.GaussianBlur(image, (0, 0), blur_mm * S))


def stickers_either_side(left, right, top=BLUE):
    """Two 8 mm stickers, a third of each under a 19 mm one between them."""
    image = np.full((160, 220, 3), PAPER, np.uint8)
    for x, colour in ((110 - round(11 * S), left), (110 + round(11 * S), right)):
        cv2.circle(image, (x, 80), round(4 * S), colour, -1, cv2.LINE_AA)
    cv2.circle(image, (110, 80), round(9.5 * S), top, -1, cv2.LINE_AA)
    return blob_of(cv2.GaussianBlur(image, (0, 0), 0.5 * S / 2))


@pytest.mark.parametrize(
    ("band", "top", "width_mm", "blur_mm", "angle_deg"),
    [
        (TEAL, RED, 4.5, 0.4, 0),
        (TEAL, BLUE, 5.0, 0.25, 20),
        (YELLOW, BLACK, 4.5, 0.4, 20),
        (YELLOW, RED, 5.0, 0.25, 20),
    ],
)
def test_a_band_under_a_sticker_is_never_three_sure_stickers(
    band, top, width_mm, blur_mm, angle_deg
):
    blob, lab = band_under_sticker(band, top, width_mm, blur_mm, angle_deg)
    votes, confidence = count_blob(blob, S, lab, blur_mm=0.6 + 2 * blur_mm)
    assert votes == 3  # read as two small stickers and the big one ...
    assert confidence < 0.8  # ... for a person to check


def test_two_stickers_of_one_colour_either_side_of_a_third_are_not_a_band():
    # their ends away from the middle one are round, not square like a band's: not the band's
    # 0.4; only the hidden-sticker rule's proposal, a pile of 8 and 19 mm stickers showing both
    # sizes (another 8 mm one may be under the 19 mm one: sizes_confidence)
    blob, lab = stickers_either_side(GREEN, GREEN)
    assert count_blob(blob, S, lab, blur_mm=1.1) == (3, VOTE_HIDE_CONFIDENCE)
