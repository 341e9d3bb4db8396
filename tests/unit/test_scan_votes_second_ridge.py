"""scan.votes: a thin bar melted into a firm one is never a sure single vote.

A drawn probe (a firm 0.6 mm bar and one or two thin 0.2 mm bars, pitch 1.4-1.8 mm, 1.8-2.1 px/mm,
blur 0.5-0.6 px: 144 cases) left 18 confident wrong readings after ``bar_beside_stroke``: two bars
1.4 mm apart ran into one thin blob as wide as one blurred bar, read 1 at 0.95 (or 2 for 3). The
thin bar's ridge in the ink across the blob stays under ``VOTE_TALLY_BAR_SHARE`` of the firm one's
(no tally) but is still a second peak (``has_second_ridge``): the count goes to a person.
"""

import cv2
import numpy as np
import pytest

from scan.votes import has_second_ridge
from tests.unit.test_scan_votes_bar_beside import firm_and_thin_bars

S = 4.0  # px/mm of the counting area


# (bars, pitch mm, px/mm, blur px): the old code read each one bar short at 0.95
MELTED = [(2, 1.4, 1.8, 0.5), (2, 1.4, 1.8, 0.6), (2, 1.4, 2.1, 0.6), (3, 1.4, 1.8, 0.5)]


@pytest.mark.parametrize(("bars", "pitch_mm", "px_per_mm", "blur_px"), MELTED)
def test_a_thin_bar_melted_into_a_firm_one_is_never_a_sure_short_count(
    bars, pitch_mm, px_per_mm, blur_px
):
    votes = firm_and_thin_bars(bars, pitch_mm, px_per_mm, blur_px)
    assert votes.count == bars or votes.confidence < 0.8, votes


@pytest.mark.parametrize("px_per_mm", [1.8, 2.1])
def test_firm_bars_apart_stay_sure(px_per_mm):
    votes = firm_and_thin_bars(2, 1.8, px_per_mm, 0.5, thin_mm=0.6)
    assert (votes.count, votes.confidence) == (2, pytest.approx(0.95)), votes


def bar_ink(centres_mm, darkness, width_mm=0.5, blur_mm=0.3, length_mm=5.5):
    """Ink (0-1) of upright bars seen at S px/mm, and the blob the mask keeps (ink >= 0.08)."""
    xs = (np.arange(round(6 * S)) + 0.5) / S
    across = np.zeros_like(xs)
    for c, d in zip(centres_mm, darkness):
        core = np.clip(width_mm / 2 + 0.5 / S - np.abs(xs - c), 0.0, 1.0 / S) * S
        kernel = np.exp(-0.5 * (np.arange(-8, 9) / (blur_mm * S)) ** 2)
        across += d * np.convolve(core, kernel / kernel.sum(), mode="same")
    ink = np.zeros((round(length_mm * S) + 6, len(xs)), np.float32)
    ink[3:-3] = np.clip(across, 0.0, 1.0)
    return ink >= 0.08, ink


def test_a_fainter_ridge_beside_the_bar_is_a_second_bar():
    blob, ink = bar_ink([2.5, 3.9], [0.9, 0.35])
    assert has_second_ridge(blob, ink, S)


@pytest.mark.parametrize(("width_mm", "blur_mm"), [(0.2, 0.3), (0.6, 0.3), (0.8, 0.6), (0.6, 0.9)])
def test_one_bar_of_any_width_and_blur_has_no_second_ridge(width_mm, blur_mm):
    blob, ink = bar_ink([3.0], [0.9], width_mm, blur_mm)
    assert not has_second_ridge(blob, ink, S)


def drawn_ink(strokes, blur_mm=0.35):
    """Ink (0-1) of pen strokes ((x0, y0, x1, y1) mm, pen mm, darkness) seen at S px/mm, and the
    blob the mask keeps (ink >= 0.08)."""
    ink = np.zeros((round(14 * S), round(14 * S)), np.float32)
    for (x0, y0, x1, y1), pen_mm, darkness in strokes:
        layer = np.zeros_like(ink)
        ends = [(round(x * S), round(y * S)) for x, y in ((x0, y0), (x1, y1))]
        cv2.line(layer, ends[0], ends[1], darkness, max(1, round(pen_mm * S)), cv2.LINE_AA)
        ink = np.maximum(ink, layer)
    ink = cv2.GaussianBlur(ink, (0, 0), blur_mm * S)
    return ink >= 0.08, ink


def test_a_firm_bar_and_a_thin_one_drawn_close_have_a_second_ridge():
    blob, ink = drawn_ink([((6, 4, 6.2, 10), 0.6, 0.8), ((7.4, 4.2, 7.6, 9.8), 0.25, 0.8)])
    assert has_second_ridge(blob, ink, S)


@pytest.mark.parametrize(
    "strokes",
    [
        [((4, 4, 10, 10), 0.5, 0.9), ((4, 10, 10, 4), 0.5, 0.9)],  # a cross: no long axis
        [((5, 8, 6.5, 10), 0.5, 0.9), ((6.5, 10, 9.5, 4), 0.5, 0.9)],  # a tick: its arm tails off
        [((7, 3, 7, 11), 1.8, 0.9)],  # a felt-tip bar: wide, flat-topped, symmetric
    ],
)
def test_one_mark_of_another_shape_has_no_second_ridge(strokes):
    blob, ink = drawn_ink(strokes)
    assert not has_second_ridge(blob, ink, S)
