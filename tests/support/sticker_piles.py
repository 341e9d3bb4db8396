"""A pile of round stickers stuck on a need card's vote strip, photographed by the test camera
and read: the vote-counting tests' common scene (tests/unit/test_scan_votes_*)."""

import cv2
import numpy as np

from printables.layout import card_type
from scan.read import read_card
from tests.support.people_marks import sticker
from tests.support.scan_cards import Marks, make_code, render_card
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera

NEED = card_type("besoin", "2")
BOX = NEED.field("votes").box
CENTRE = np.array([BOX.x_mm + 30, BOX.y_mm + BOX.h_mm / 2])  # the pile's centre, mm


def read_pile(stickers, px_per_mm, blur_px):
    """The strip's reading of ``stickers`` (in the order stuck: centre offset from CENTRE in
    mm, diameter mm, BGR colour) seen at ``px_per_mm`` with ``blur_px`` of blur."""
    sharp = render_card("besoin", make_code("besoin", 4, version="2"), SHARP_PX_PER_MM, Marks())
    for offset, diameter, colour in stickers:
        sticker(sharp, CENTRE + offset, float(diameter), colour, SHARP_PX_PER_MM)
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return read_card(gray, image, h, NEED)[1]["votes"]
