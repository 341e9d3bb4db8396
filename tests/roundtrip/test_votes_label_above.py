"""scan.votearea: the label printed above a vote area is no ink on its outline.

Ink lying on the area's printed outline (a tally bar drawn along it) is given back and sends the
count to a person (``ink_on_outline``): it is found where the ink across the line is wider than
the line elsewhere. That width was counted 1.6 mm on both sides of the line, and the label's
letters, printed 1 mm above the top side and blurred into the ink mask, widened it over a word:
empty areas and sure pen counts went to a person (family-2 vote walls 4140-4199: 17 sure
strips of 97 lost). Now only the line and the area's side of it count. The real printed need
card, photographed at 2.5-3 px/mm with a soft blur.
"""

import cv2
import numpy as np
import pytest

from printables.layout import card_type
from scan.read import read_card
from tests.support.people_marks import _poly
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera

NEED = card_type("besoin", "2")
BOX = NEED.field("votes").box
PEN = (120, 60, 20)  # a blue biro


def read_printed(printed, strokes, px_per_mm, blur_px):
    """The votes of the real printed need card with ``strokes`` ((x0, y0, x1, y1) mm, pen mm)."""
    kit_card = next(p for p in printed if p.type_key == "besoin")
    card = (kit_card.image.astype(np.float32) * 0.8 + 20).astype(np.uint8)  # paper under light
    for (x0, y0, x1, y1), pen_mm in strokes:
        _poly(card, [(x0, y0), (x1, y1)], kit_card.px_per_mm, PEN, pen_mm)
    scale = SHARP_PX_PER_MM / kit_card.px_per_mm
    sharp = cv2.resize(card, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px)
    return read_card(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), image, h, NEED)[1]["votes"]


def stroke_at(x_mm):
    y = BOX.y_mm + BOX.h_mm / 2
    return (x_mm - 2.5, y, x_mm + 2.5, y + 0.4), 0.6


# (px/mm, blur px): the old code gave back a word of the label and read each one at 0.4
SOFT = [(2.5, 0.9), (2.7, 1.0), (3.0, 1.2)]


@pytest.mark.parametrize(("px_per_mm", "blur_px"), SOFT)
def test_an_empty_area_under_its_label_is_surely_empty(printed_kit, px_per_mm, blur_px):
    votes = read_printed(printed_kit(), [], px_per_mm, blur_px)
    assert (votes.count, votes.reason) == (0, None) and votes.confidence >= 0.8, votes


@pytest.mark.parametrize(("px_per_mm", "blur_px"), SOFT)
def test_two_pen_strokes_under_the_label_are_a_sure_two(printed_kit, px_per_mm, blur_px):
    strokes = [stroke_at(BOX.x_mm + 20), stroke_at(BOX.x_mm + 45)]
    votes = read_printed(printed_kit(), strokes, px_per_mm, blur_px)
    assert (votes.count, votes.reason) == (2, None) and votes.confidence >= 0.8, votes


@pytest.mark.parametrize(("px_per_mm", "blur_px"), SOFT)
def test_a_bar_drawn_along_the_top_side_still_goes_to_a_person(printed_kit, px_per_mm, blur_px):
    """A black felt pen along the top side, on the line: the area's side of the line is still
    measured, the bar is given back and the count is unsure (never a sure count without it)."""
    strokes = [stroke_at(BOX.x_mm + 45), ((BOX.x_mm + 20, BOX.y_mm + 0.2, BOX.x_mm + 27,
                                           BOX.y_mm + 0.3), 0.5)]
    votes = read_printed(printed_kit(), strokes, px_per_mm, blur_px)
    assert votes.confidence < 0.8 or votes.count == 2, votes


@pytest.mark.parametrize(("px_per_mm", "blur_px"), SOFT)
def test_a_bar_just_outside_the_left_side_still_goes_to_a_person(printed_kit, px_per_mm, blur_px):
    """No label there: ink just outside the left side, along it, is still measured on the line."""
    x = BOX.x_mm - 0.4
    strokes = [stroke_at(BOX.x_mm + 45), ((x, BOX.y_mm + 6, x + 0.2, BOX.y_mm + 12), 0.5)]
    votes = read_printed(printed_kit(), strokes, px_per_mm, blur_px)
    assert votes.confidence < 0.8 or votes.count == 2, votes
