"""scan.votes: a pale tally bar beside a counted one is a bar of its own, not a piece of it.

Fresh second-family wall vw-1436 (strip B00088R): three tally bars 1.6 mm apart in pale ink, seen
at 1.9 px/mm with soft blur just under the blurred-strip line, left one blob of 3.2 mm2 and two
of 2.2 and 2.4 mm2, 4.5-5 mm long. The two smaller ones, under ``VOTE_BLOB_MIN_MM2`` and next to
the first, were taken for pieces of it cut off by a printed circle and dropped: read 1 for 3 at
0.95. Drawn here on layout 2's plain area: one bar in a firm pen, the others in a thin one.
"""

import cv2
import numpy as np
import pytest

from printables.layout import BESOIN
from scan.read import read_card
from scan.votes import bar_beside_stroke
from tests.unit.test_scan_checkbox import camera
from tests.unit.test_scan_votearea import AREA, need_card
from tests.unit.test_scan_votes import line

S = 4.0  # px/mm of the counting area


def firm_and_thin_bars(bars, pitch_mm, px_per_mm, blur_px, thin_mm=0.2):
    """``bars`` bars 5.5 mm tall, ``pitch_mm`` apart: the first in a 0.6 mm pen, the others in a
    ``thin_mm`` one (a pen running dry, a light hand)."""
    sharp = need_card()
    x0, y0 = AREA.box.x_mm + 10.0, AREA.box.y_mm + AREA.box.h_mm / 2
    for k in range(bars):
        x = x0 + pitch_mm * k
        line(sharp, (x, y0 - 2.75), (x + 0.2, y0 + 2.75), 0.6 if k == 0 else thin_mm)
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px)
    return read_card(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), image, h, BESOIN)[1]["votes"]


# (bars, pitch mm, px/mm, blur px): the old code read each one bar short at 0.95
SHORT_AND_SURE = [(3, 1.6, 1.9, 0.6), (2, 1.8, 1.9, 0.6), (2, 1.6, 1.8, 0.5), (3, 1.4, 1.9, 0.6)]


@pytest.mark.parametrize(("bars", "pitch_mm", "px_per_mm", "blur_px"), SHORT_AND_SURE)
def test_thin_bars_beside_a_firm_one_are_never_a_sure_short_count(
    bars, pitch_mm, px_per_mm, blur_px
):
    votes = firm_and_thin_bars(bars, pitch_mm, px_per_mm, blur_px)
    assert votes.count == bars or votes.confidence < 0.8, votes


def test_bars_that_each_make_their_own_blob_stay_sure():
    votes = firm_and_thin_bars(3, 1.6, 2.7, 0.6, thin_mm=0.6)
    assert (votes.count, votes.confidence) == (3, pytest.approx(0.95)), votes


def labelled(*masks):
    """Label image of the given masks (1, 2, ...) and their areas in mm2 (index 0: background)."""
    labels = np.zeros(masks[0].shape, np.int32)
    for k, m in enumerate(masks, 1):
        labels[m] = k
    areas = np.array([0.0] + [float(m.sum()) / S**2 for m in masks])
    return labels, areas


def stroke(shape, x0, y0, x1, y1, width_px):
    m = np.zeros(shape, np.uint8)
    cv2.line(m, (x0, y0), (x1, y1), 1, width_px)
    return m > 0


REACH = round(2.0 * S) * 2 + 1  # VOTE_FRAGMENT_GAP_MM each side, as count_votes


def beside(piece):
    bar = stroke((80, 80), 30, 20, 30, 44, 3)  # a 6 mm bar, 0.75 mm wide: 4.5 mm2
    labels, areas = labelled(bar, piece)
    ys, xs = np.nonzero(piece)
    y0, x0 = int(ys.min()) - 3, int(xs.min()) - 3  # the blob's own window, as count_votes
    window = piece[y0 : ys.max() + 4, x0 : xs.max() + 4]
    return bar_beside_stroke(window, (x0, y0), labels, areas, REACH, S)


def test_a_parallel_stroke_level_with_a_bar_is_a_bar_of_its_own():
    assert beside(stroke((80, 80), 37, 22, 37, 42, 1))  # 1.75 mm away, 5 mm long


def test_a_tail_beyond_the_bar_s_end_or_across_it_or_a_short_speck_is_a_piece_of_it():
    assert not beside(stroke((80, 80), 31, 49, 32, 66, 1))  # in line, past its end (cut off)
    assert not beside(stroke((80, 80), 34, 32, 52, 32, 1))  # across it
    assert not beside(stroke((80, 80), 36, 30, 36, 36, 1))  # 1.5 mm: no longer than a pen dot
