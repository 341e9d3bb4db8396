"""scan.votes: two colour parts of one blob, of one colour, on neither of which a sticker's edge
is seen, are one thing cut in two, counted once (``unseen_twins``).

The colour clustering splits a blob into parts; a part with no round edge of a sticker is still
counted when it is thick enough to be a sticker mostly hidden (``unseen_sticker``). A band of
one colour that another sticker crosses (a grey band of blur or shade, a felt-pen stroke under a
sticker) falls into two such parts, each counted: fresh seeds 700-739 and 1700-1759, 3 strips
read one too high (pairs 1-3 Lab units apart).
"""

import cv2
import numpy as np
import pytest

from scan.votes import count_blob

S = 4.0
PAPER = (235, 230, 240)
RED, TEAL, YELLOW = (40, 40, 200), (150, 160, 60), (40, 200, 230)


def crossed_band(left, right):
    """A 4 mm band, 28 mm long (``left`` colour, then ``right``), under a red 19 mm sticker."""
    image = np.full((130, 160, 3), PAPER, np.uint8)
    top, bottom = 65 - round(2 * S), 65 + round(2 * S)
    cv2.rectangle(image, (80 - round(14 * S), top), (80, bottom), left, -1)
    cv2.rectangle(image, (80, top), (80 + round(14 * S), bottom), right, -1)
    cv2.circle(image, (80, 65), round(9.5 * S), RED, -1)
    image = cv2.GaussianBlur(image, (0, 0), 0.6)
    blob = np.abs(image.astype(int) - PAPER).max(axis=2) > 25
    return blob, cv2.cvtColor(image, cv2.COLOR_BGR2LAB)


@pytest.mark.parametrize("blur_mm", [0.7, 1.1])
def test_a_band_of_one_colour_cut_by_a_sticker_counts_once(blur_mm):
    blob, lab = crossed_band(TEAL, TEAL)
    votes, confidence = count_blob(blob, S, lab, blur_mm=blur_mm)
    assert votes == 2  # the sticker and the band
    assert confidence < 0.8


def test_pieces_of_two_colours_stay_two():
    blob, lab = crossed_band(TEAL, YELLOW)
    assert count_blob(blob, S, lab, blur_mm=0.7)[0] == 3
