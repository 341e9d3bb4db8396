"""Layout 2: a biro bar drawn over a short side of the vote area is a vote a person checks, never
counted away with the printed line.

A bar (0.4-0.7 mm) drawn 0.5 mm inside the left or right side lies on the 0.3 mm printed line:
taking the outline out of the mask took the bar with it, and the line was seen only a pixel
wider there, under ``VOTE_AREA_INK_WIDER_MM``. Beside stickers, pen dots or a tally group the
rest was counted surely, one short (review of 3 December: 11 of 240 such scenes at 2.0-2.7
px/mm; the old code read each scene below 1 short at 0.95-1.0). The printed line is neutral
grey: on any paper it keeps the paper's hue, a blue biro does not (``VOTE_AREA_INK_HUE_SHIFT``).
"""

import cv2
import numpy as np
import pytest

from printables.layout import BESOIN
from scan.read import read_card
from tests.unit.test_scan_checkbox import camera
from tests.unit.test_scan_votearea import AREA, need_card, spot
from tests.unit.test_scan_votes import line, pen_dot, sticker, tally_group

YELLOW = np.array((180, 245, 250), np.float32) / 255.0  # BGR, a pastel card


def scene(kind: str, right: bool, pen_mm: float, length_mm: float, yellow: bool):
    """The need card with two stickers, two pen dots or a tally group of five, and one blue
    biro bar 0.5 mm inside a short side; the truth is their count."""
    sharp = need_card()
    if kind == "stickers":
        sticker(sharp, spot(5), 12.0, "bleu")
        sticker(sharp, spot(10), 12.0, "rouge")
        truth = 2
    elif kind == "dots":
        pen_dot(sharp, spot(3), 2.0)
        pen_dot(sharp, spot(8), 2.0)
        truth = 2
    else:
        tally_group(sharp, (AREA.box.x_mm + 30, AREA.box.y_mm + 11.5))
        truth = 5
    x = AREA.box.right_mm - 0.5 if right else AREA.box.x_mm + 0.5
    y0 = AREA.box.y_mm + (AREA.box.h_mm - length_mm) / 2
    line(sharp, (x, y0), (x + 0.3, y0 + length_mm), pen_mm)
    if yellow:
        sharp = np.clip(sharp.astype(np.float32) * YELLOW, 0, 255).astype(np.uint8)
    return sharp, truth + 1


def read(sharp, px_per_mm: float, blur_px: float, seed: int):
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, seed=seed)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return read_card(gray, image, h, BESOIN)[1]["votes"]


# (what else, right side?, pen mm, bar length mm, yellow?, px/mm, blur px, camera seed): each
# read 1 short at 0.95-1.0 by the old code
BAR_ON_SIDE = [
    ("dots", True, 0.7, 10.0, True, 2.7, 0.6, 25142),
    ("tally", True, 0.4, 10.0, True, 2.7, 0.6, 25153),
    ("stickers", True, 0.4, 5.0, False, 2.35, 1.2, 25164),
    ("stickers", True, 0.7, 10.0, True, 2.35, 0.6, 25180),
    ("dots", False, 0.4, 5.0, True, 2.35, 0.6, 25142),
    ("stickers", True, 0.4, 10.0, True, 2.0, 1.2, 25147),
    ("tally", False, 0.4, 5.0, True, 2.7, 0.6, 25171),
]


@pytest.mark.parametrize(
    ("kind", "right", "pen", "length", "yellow", "px", "blur", "seed"), BAR_ON_SIDE
)
def test_a_biro_bar_over_a_short_side_is_counted_for_a_person(
    kind, right, pen, length, yellow, px, blur, seed
):
    sharp, truth = scene(kind, right, pen, length, yellow)
    votes = read(sharp, px, blur, seed)
    # the bar is given back from the outline (counted) and a person checks the count
    assert votes.confidence < 0.8 and votes.count >= truth, (votes, truth)


# the same scenes with a black biro (its dots too), which has no hue: each read 1 short at
# 0.95-1.0 by the old code (votes23's probe, camera seeds 25100 + scene)
BLACK_BAR_ON_SIDE = [
    ("dots", True, 0.4, 10.0, False, 2.35, 0.6, 25119),
    ("stickers", True, 0.4, 5.0, False, 2.35, 1.2, 25164),
    ("stickers", True, 0.7, 10.0, True, 2.35, 0.6, 25180),
    ("stickers", True, 0.4, 10.0, True, 2.0, 1.2, 25147),
    ("stickers", True, 0.4, 5.0, True, 2.0, 1.2, 25149),
    ("stickers", True, 0.4, 10.0, False, 2.35, 0.6, 25175),
    ("dots", True, 0.4, 5.0, True, 2.35, 0.6, 25185),
]


@pytest.mark.parametrize(
    ("kind", "right", "pen", "length", "yellow", "px", "blur", "seed"), BLACK_BAR_ON_SIDE
)
def test_a_black_biro_bar_over_a_short_side_sends_the_count_to_a_person(
    monkeypatch, kind, right, pen, length, yellow, px, blur, seed
):
    """A black bar keeps the printed line's hue: it only darkens and widens the line there
    (``VOTE_SHORT_SIDE_*``). It is not counted (a grey line left by a fit a little off looks the
    same), but the count is never sure."""
    monkeypatch.setattr("tests.unit.test_scan_votes.PEN_BGR", (35, 35, 35))
    sharp, truth = scene(kind, right, pen, length, yellow)
    votes = read(sharp, px, blur, seed)
    assert votes.confidence < 0.8, (votes, truth)
