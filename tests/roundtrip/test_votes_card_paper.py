"""scan.votes: a vote area's colour is measured against the card's own paper, not the wall's.

The colour mask divides each pixel's colour (max - min of B, G, R) by the paper's grey and
compares it with the paper's tint. Both came from the median of an 11 mm margin around the
strip; on the need card 40 % of that margin is off the card (the strip is 5 mm from its left
edge) and much of the rest is print (QR code, hatched band, markers): on a dark wall the median
fell between the wall and the paper, the yellow paper's own colour, divided by too dark a grey,
passed the colour threshold with its JPEG noise, and its grain was counted (family-2 vote walls
25600-25659: 3 stickers read 12, 4 pen dots 15). Now the grey and the tint are those of the
margin's pixels on the card. The real printed need card on yellow paper, on a dark wall, at
2.2-2.7 px/mm, JPEG: four pen dots read 8 to 20 on the old code.
"""

import cv2
import numpy as np
import pytest

from printables.layout import card_type
from scan.read import read_card

NEED = card_type("besoin", "2")
BOX = NEED.field("votes").box
WALL_MM = 30.0  # wall around the card


def photo_on_wall(printed, paper_bgr, wall_bgr, px_per_mm, quality, noise):
    """The real printed need card, four 1.6 mm pen dots on its vote area, on ``paper_bgr``
    paper under a dim light, on a plain ``wall_bgr`` wall; a soft camera, JPEG. The photo and
    its card mm -> photo px homography."""
    kit_card = next(p for p in printed if p.type_key == "besoin")
    card, s = kit_card.image.copy(), kit_card.px_per_mm
    for k in range(4):
        centre = (int((BOX.x_mm + 10 + 9 * k) * s), int((BOX.y_mm + 9 + k % 2) * s))
        cv2.circle(card, centre, int(0.8 * s), (40, 40, 40), -1, cv2.LINE_AA)
    card = (card.astype(np.float32) * np.array(paper_bgr, np.float32) / 255 * 0.8).astype(np.uint8)
    m = round(WALL_MM * s)
    wall = np.full((card.shape[0] + 2 * m, card.shape[1] + 2 * m, 3), wall_bgr, np.uint8)
    wall[m : m + card.shape[0], m : m + card.shape[1]] = card
    scale = px_per_mm / s
    image = cv2.resize(wall, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    image = cv2.GaussianBlur(image, (0, 0), 0.8)
    image = image + np.random.default_rng(0).normal(0, noise, image.shape)
    image = np.clip(image, 0, 255).astype(np.uint8)
    image = cv2.imdecode(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])[1], 1)
    offset = WALL_MM * px_per_mm + 0.5 * scale - 0.5
    return image, np.array([[px_per_mm, 0, offset], [0, px_per_mm, offset], [0, 0, 1.0]])


YELLOW, STRAW = (120, 230, 250), (140, 225, 245)
BLACK_WALL, BLUE_GREY_WALL = (50, 50, 50), (70, 80, 95)


# (paper, wall, px/mm, JPEG quality, noise): the old code read 14, 8, 15 and 20 dots
@pytest.mark.parametrize(
    ("paper_bgr", "wall_bgr", "px_per_mm", "quality", "noise"),
    [
        (YELLOW, BLACK_WALL, 2.7, 75, 4.0),
        (YELLOW, BLACK_WALL, 2.7, 60, 7.0),
        (YELLOW, BLUE_GREY_WALL, 2.2, 75, 4.0),
        (STRAW, BLACK_WALL, 2.2, 75, 4.0),
    ],
)
def test_yellow_paper_on_a_dark_wall_is_no_colour_mark(
    printed_kit, paper_bgr, wall_bgr, px_per_mm, quality, noise
):
    image, h = photo_on_wall(printed_kit(), paper_bgr, wall_bgr, px_per_mm, quality, noise)
    votes = read_card(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), image, h, NEED)[1]["votes"]
    assert (votes.count, votes.reason) == (4, None), votes
