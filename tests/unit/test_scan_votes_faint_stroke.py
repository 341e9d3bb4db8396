"""scan.strokes: a pencil or pale-pen stroke the mask never took is never a sure empty strip.

A drawn grid of single bars (960 cases) left 81 read 0 at 1.0 on sharp strips: a 0.15-0.3 mm
pencil or pale ballpoint bar is 4-16 % darker than the paper, under the mask's 20 %, and
``faded_strokes`` looks only on blurred strips. A straight thin ridge of grey, held over three
thirds of 4 mm end to end, is such a stroke (``faint_strokes``); it is proposed, for a person.
"""

import cv2
import numpy as np
import pytest

from printables.layout import BESOIN
from scan.read import read_card
from scan.strokes import faint_strokes
from tests.unit import test_scan_votes as T
from tests.unit.test_scan_checkbox import camera
from tests.unit.test_scan_votearea import AREA, need_card

PENCIL_BGR = (150, 150, 150)
PALE_BLUE_BGR = (200, 165, 130)
S = 4.0  # px/mm of the counting area


def with_bar(pen_mm, angle_deg, colour, length_mm=5.5):
    """The need card with one bar drawn in the vote area (angle from upright)."""
    sharp = need_card()
    cx, cy = AREA.box.x_mm + 20.0, AREA.box.y_mm + AREA.box.h_mm / 2
    a = np.deg2rad(angle_deg)
    dx, dy = np.sin(a) * length_mm / 2, np.cos(a) * length_mm / 2
    ends = [
        np.round(np.array(p) * T.SHARP_PX_PER_MM).astype(int)
        for p in ((cx - dx, cy - dy), (cx + dx, cy + dy))
    ]
    width = max(1, round(pen_mm * T.SHARP_PX_PER_MM))
    cv2.line(sharp, tuple(ends[0]), tuple(ends[1]), colour, width, cv2.LINE_AA)
    return sharp


def votes_of(sharp, px_per_mm, blur_px):
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px)
    return read_card(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), image, h, BESOIN)[1]["votes"]


# (pen mm, angle, colour, px/mm, blur px): the old code read each 0 at 1.0
FAINT = [
    (0.3, 20, PENCIL_BGR, 3.5, 1.4),
    (0.15, 2, PALE_BLUE_BGR, 2.7, 0.9),
    (0.3, 80, PENCIL_BGR, 2.7, 0.9),
    (0.15, 45, PENCIL_BGR, 5.0, 1.4),
]


@pytest.mark.parametrize(("pen_mm", "angle_deg", "colour", "px_per_mm", "blur_px"), FAINT)
def test_a_faint_bar_on_a_sharp_strip_is_proposed_never_a_sure_zero(
    pen_mm, angle_deg, colour, px_per_mm, blur_px
):
    votes = votes_of(with_bar(pen_mm, angle_deg, colour), px_per_mm, blur_px)
    assert (votes.count, votes.confidence) == (1, pytest.approx(0.4)), votes


@pytest.mark.parametrize("px_per_mm", [1.8, 2.7, 5.0])
def test_an_empty_sharp_strip_stays_a_sure_zero(px_per_mm):
    votes = votes_of(need_card(), px_per_mm, 0.5)
    assert (votes.count, votes.confidence) == (0, 1.0), votes


def paper(seed=0, size_mm=(45, 109)):
    """Grainy pastel paper at S px/mm (a counting area and its margin), its inside, no marks."""
    rng = np.random.default_rng(seed)
    h, w = round(size_mm[0] * S), round(size_mm[1] * S)
    grain = cv2.GaussianBlur(rng.normal(0, 6, (h, w)).astype(np.float32), (0, 0), 0.7)
    bgr = np.clip(np.array([200, 215, 245], np.float32) + grain[..., None], 0, 255)
    inside = np.zeros((h, w), bool)
    inside[round(11 * S) : h - round(11 * S), round(11 * S) : w - round(11 * S)] = True
    return bgr, inside


def strokes_on(bgr, inside, lines_mm, darkness=60.0):
    """``faint_strokes`` on ``bgr`` with 0.25 mm lines ``darkness`` grey levels darker drawn on."""
    layer = np.zeros(inside.shape, np.float32)
    for x0, y0, x1, y1 in lines_mm:
        ends = [(round(x * S), round(y * S)) for x, y in ((x0, y0), (x1, y1))]
        cv2.line(layer, ends[0], ends[1], 1.0, 1, cv2.LINE_AA)
    image = np.clip(bgr - darkness * layer[..., None], 0, 255).astype(np.uint8)
    return faint_strokes(image, np.zeros(inside.shape, bool), inside, None, S)


def test_grain_alone_holds_no_stroke():
    bgr, inside = paper()
    assert strokes_on(bgr, inside, []) == 0


def test_each_faint_straight_stroke_is_one_place():
    bgr, inside = paper()
    assert strokes_on(bgr, inside, [(40, 19, 41, 25)]) == 1
    assert strokes_on(bgr, inside, [(40, 19, 41, 25), (60, 21, 66, 22)]) == 2


def test_a_crooked_line_of_specks_is_no_stroke():
    bgr, inside = paper()
    specks = [
        (40 + 1.3 * k, 20 + (k % 2) * 1.2, 40.3 + 1.3 * k, 20.2 + (k % 2) * 1.2) for k in range(5)
    ]
    assert strokes_on(bgr, inside, specks, darkness=90.0) == 0  # darker than the strokes above
