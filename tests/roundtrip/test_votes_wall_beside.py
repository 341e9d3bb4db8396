"""scan.votes: the wall beside the card does not change a layout-2 vote count.

The dark mask takes what is VOTE_DARKNESS darker than the paper's grey, and that grey was the
median of an 11 mm margin around the strip: on the need card about 40 % of it is off the card
(the strip is 5 mm from its left edge), so on a dark wall the grey fell below the card's paper.
Pen ink then had to be darker to count: a green or blue tally, soft-focused, lost its bars and
read 0 or 1 (family-2 vote walls 26100-26159: tallies of 4 and 5 read 1 on white cards beside a
kraft or dark wall), and black bars, their blurred skirts out of the mask, stayed apart and were
counted surely where the same card on a white wall is a proposal. Now, where only pen ink is
on the area (nothing thicker than a pen dot), the grey is the card's paper (as for colour since
226a3fb). The real printed need card, white paper under a dim light, a pen tally, soft focus,
JPEG, on a dark, a brown and a white wall: one reading whatever the wall.
"""

import cv2
import numpy as np
import pytest

from printables.layout import card_type
from scan.read import read_card
from tests.support.people_marks import _poly

NEED = card_type("besoin", "2")
BOX = NEED.field("votes").box
WALL_MM = 30.0  # wall around the card
PENS = {"blue": (120, 50, 20), "green": (60, 110, 40), "black": (30, 30, 35)}
WALLS = {"dark": (55, 55, 55), "brown": (60, 95, 120), "white": (235, 235, 235)}


def tally_on_wall(printed, pen_bgr, count, wall_bgr, px_per_mm, blur_px):
    """The votes read on the real printed need card with a tally of ``count`` (0.5 mm bars
    1.6 mm apart, the fifth struck across), under a dim light, on a plain ``wall_bgr`` wall."""
    kit_card = next(p for p in printed if p.type_key == "besoin")
    card, s = kit_card.image.copy(), kit_card.px_per_mm
    y = BOX.y_mm + BOX.h_mm / 2
    for i in range(count):
        group, k = divmod(i, 5)
        x = BOX.x_mm + 12 + 9 * group
        if k < 4:
            _poly(card, [(x + 1.6 * k, y - 3), (x + 1.6 * k + 0.3, y + 3)], s, pen_bgr, 0.5)
        else:
            _poly(card, [(x - 1, y + 2), (x + 6.3, y - 2)], s, pen_bgr, 0.5)
    card = (card.astype(np.float32) * 0.85).astype(np.uint8)
    m = round(WALL_MM * s)
    wall = np.full((card.shape[0] + 2 * m, card.shape[1] + 2 * m, 3), wall_bgr, np.uint8)
    wall[m : m + card.shape[0], m : m + card.shape[1]] = card
    scale = px_per_mm / s
    image = cv2.resize(wall, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    image = cv2.GaussianBlur(image, (0, 0), blur_px)
    image = image + np.random.default_rng(0).normal(0, 3.0, image.shape)
    image = np.clip(image, 0, 255).astype(np.uint8)
    image = cv2.imdecode(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 80])[1], 1)
    offset = WALL_MM * px_per_mm + 0.5 * scale - 0.5
    h = np.array([[px_per_mm, 0, offset], [0, px_per_mm, offset], [0, 0, 1.0]])
    return read_card(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), image, h, NEED)[1]["votes"]


# (pen, tally, px/mm, blur px): on the dark wall the old code read 1, 1, 0, 1 and 1
@pytest.mark.parametrize(
    ("pen", "count", "px_per_mm", "blur_px"),
    [
        ("green", 5, 2.5, 1.5),
        ("green", 3, 3.0, 1.5),
        ("green", 3, 2.5, 1.0),
        ("blue", 3, 2.5, 1.5),
        ("green", 5, 3.0, 1.5),
    ],
)
def test_a_pale_pen_tally_beside_a_dark_wall_is_counted(
    printed_kit, pen, count, px_per_mm, blur_px
):
    printed = printed_kit()
    for wall in ("dark", "brown"):
        votes = tally_on_wall(printed, PENS[pen], count, WALLS[wall], px_per_mm, blur_px)
        assert (votes.count, votes.reason) == (count, None), (wall, votes)


# the old code read these surely on the dark wall, at 0.4 on the white one
@pytest.mark.parametrize(("count", "px_per_mm"), [(3, 2.5), (3, 3.0), (5, 3.0)])
def test_a_black_tally_reads_the_same_beside_a_dark_or_a_white_wall(printed_kit, count, px_per_mm):
    printed = printed_kit()
    readings = {
        wall: tally_on_wall(printed, PENS["black"], count, WALLS[wall], px_per_mm, 1.0)
        for wall in ("dark", "white")
    }
    assert readings["dark"] == readings["white"], readings
    assert readings["dark"].count == count and readings["dark"].reason is None, readings
