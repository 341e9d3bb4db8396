"""scan.votes: the tint a sticker gives the paper round it is part of that sticker, not a vote.

Blur and JPEG's coarse colour (a colour block is 8 px, 3-4 mm at 2-2.7 px/mm) spread a saturated
sticker's colour into the paper beside it; the hue mask (for pale stickers) keeps pieces of that
tint, no darker than the paper, and each was counted as a pen mark (fresh seeds 1400-1459: a
strip of 2 stickers read 6, of 4 read 6, of 6 read 8).
"""

import warnings

import cv2
import numpy as np
import pytest

from scan.votes import count_votes

S = 4.0  # px/mm of the counting area
PAPER = (215, 225, 240)  # BGR: a pale pink card
GREEN = (60, 150, 40)


def strip_with_sticker():
    """A 100 x 30 mm counting area (the strip from 5 mm in) with an 8 mm green sticker."""
    patch = np.full((round(30 * S), round(100 * S), 3), PAPER, np.uint8)
    inside = np.zeros(patch.shape[:2], bool)
    inside[round(5 * S) : round(25 * S), round(5 * S) : round(95 * S)] = True
    marked = np.zeros(patch.shape[:2], np.uint8)
    cv2.circle(marked, (round(50 * S), round(15 * S)), round(4 * S), 1, -1)
    patch[marked > 0] = GREEN
    return patch, marked > 0, inside


def piece(patch, marked, centre_mm, colour, size_mm=2.0):
    """A small piece of the mask (2 x 2 mm) of the given colour."""
    x, y = round(centre_mm[0] * S), round(centre_mm[1] * S)
    half = round(size_mm / 2 * S)
    patch[y - half : y + half, x - half : x + half] = colour
    marked[y - half : y + half, x - half : x + half] = True


TINT = (205, 228, 232)  # the paper a little greener, no darker: the sticker's colour bled


@pytest.mark.parametrize("blur_mm", [0.8, 2.5])
def test_pieces_of_a_stickers_tint_beside_it_are_no_votes(blur_mm):
    patch, marked, inside = strip_with_sticker()
    for centre in ((56.0, 15.0), (50.0, 21.0), (44.5, 11.0)):  # 1-1.5 mm off its edge
        piece(patch, marked, centre, TINT)
    got = count_votes(patch, marked, inside, S, blur_mm=blur_mm)
    assert got.votes == 1, got


def test_a_pen_dot_beside_a_sticker_still_counts():
    """Ink is darker than the paper: a dot drawn beside a sticker is a vote."""
    patch, marked, inside = strip_with_sticker()
    piece(patch, marked, (56.0, 15.0), (60, 40, 40))
    assert count_votes(patch, marked, inside, S, blur_mm=0.8).votes == 2


def test_a_tinted_piece_far_from_any_sticker_is_counted_as_before():
    patch, marked, inside = strip_with_sticker()
    piece(patch, marked, (80.0, 15.0), TINT)
    assert count_votes(patch, marked, inside, S, blur_mm=0.8).votes == 2


def test_a_window_wholly_marked_has_no_paper_colour_and_stays_unsure():
    """A sticker-coloured card or a hand over the whole window leaves no paper to compare a
    tint with: the halo rule is off (no median of no pixels, no warning) and the strip goes to
    a person."""
    patch = np.full((round(30 * S), round(100 * S), 3), GREEN, np.uint8)
    marked = np.ones(patch.shape[:2], bool)
    inside = np.zeros(patch.shape[:2], bool)
    inside[round(5 * S) : round(25 * S), round(5 * S) : round(95 * S)] = True
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Mean of empty slice" before the guard
        got = count_votes(patch, marked, inside, S, blur_mm=0.8)
    assert got.confidence < 0.8, got
