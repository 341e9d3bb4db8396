"""scan.checkbox: a pen circle round a box softened by blur is a "yes" to confirm (reason
"entourée"), not a "no"; the smear of the box's own outline and a neighbour's mark are not.

On the second photo family's validation walls (seeds 201-232) and fresh walls (400-439), ten
circles in motion blur or soft focus were proposed "no" (their corners too pale for the sharp
circle's 0.3). Blur softens a pen circle as much as the printed outline beside it: with ink in
all four corners at least as dark as the outline is seen, the circle is proposed."""

import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan.checkbox import is_blurred_circle
from scan.thresholds import CIRCLE_BLURRED_MIN_DARKNESS, UNSURE_PROPOSAL_CONFIDENCE
from tests.support.people_marks import PENS_BGR
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera, identity, read_boxes

CARD = CARD_TYPES["identite"]
NAMES = ("consentement_public", "acteur_entreprise", "territoire_ecrins", "newsletter")


def circled(names, axes_px, thickness_px, pen=PENS_BGR[0]):
    sharp = identity(Marks())
    for name in names:
        cx, cy = (np.array(CARD.field(name).box.center_mm) * SHARP_PX_PER_MM).round()
        cv2.ellipse(sharp, (int(cx), int(cy)), axes_px, 10, 0, 360, pen, thickness_px,
                    cv2.LINE_AA)
    return sharp


@pytest.mark.parametrize("axes_px", [(52, 48), (60, 55)])
@pytest.mark.parametrize("pen", [PENS_BGR[0], PENS_BGR[1]])  # black, blue
def test_a_circle_softened_by_blur_is_a_yes_to_confirm(axes_px, pen):
    """0.3 mm circles of 10-12 mm round the box at 2 px/mm under a 0.8 mm soft focus: the old
    code proposed "no" (0.45) for all four."""
    boxes = read_boxes(*camera(circled(NAMES, axes_px, 3, pen), px_per_mm=2.0, blur_px=1.6))
    for name in NAMES:
        assert (boxes[name].checked, boxes[name].reason) == (True, "entourée"), boxes[name]
        assert boxes[name].confidence <= UNSURE_PROPOSAL_CONFIDENCE


@pytest.mark.parametrize("px_per_mm, blur_px", [(2.0, 1.6), (2.0, 2.0), (2.7, 1.2)])
def test_empty_boxes_in_soft_focus_are_not_circled(px_per_mm, blur_px):
    boxes = read_boxes(*camera(identity(Marks()), px_per_mm=px_per_mm, blur_px=blur_px))
    assert not [b for b in boxes.values() if b.reason == "entourée"]
    assert not [b for b in boxes.values() if b.checked is True and b.confidence >= 0.5]


def shaken(image, length_px, angle_deg):
    """A camera shake: a line kernel ``length_px`` long at ``angle_deg``."""
    size = int(length_px) | 1
    kernel = np.zeros((size, size), np.float32)
    c = size // 2
    d = np.array([np.cos(np.radians(angle_deg)), np.sin(np.radians(angle_deg))]) * length_px / 2
    cv2.line(kernel, (round(c - d[0]), round(c - d[1])), (round(c + d[0]), round(c + d[1])), 1.0)
    return cv2.filter2D(image, -1, kernel / kernel.sum())


@pytest.mark.parametrize("angle_deg", [0, 45, 90, 135])
def test_empty_boxes_under_a_camera_shake_are_not_circled(angle_deg):
    """A shake smears the outline's corners into the corners outside the box, fainter than the
    outline itself: no circle."""
    image, h = camera(identity(Marks()), px_per_mm=2.3, blur_px=0.5)
    boxes = read_boxes(shaken(image, 6, angle_deg), h)
    assert not [b for b in boxes.values() if b.reason == "entourée"]


def test_a_blurred_circle_needs_all_four_corners_as_dark_as_the_outline():
    dark = CIRCLE_BLURRED_MIN_DARKNESS
    assert is_blurred_circle([0.3, 0.32, 0.3, 0.31], [0.2] * 12)
    assert not is_blurred_circle([0.3, 0.32, 0.3, 0.12], [0.2] * 12)  # one corner clean
    assert not is_blurred_circle([0.3, 0.32, 0.3, 0.19], [0.25] * 12)  # paler than the outline
    assert not is_blurred_circle([dark - 0.01] * 4, [0.1] * 12)  # both pale: strong soft focus


@pytest.mark.parametrize("axes_px", [(44, 42), (48, 45)])
@pytest.mark.parametrize("px_per_mm, blur_px", [(1.8, 1.2), (2.0, 1.8), (2.3, 1.8)])
def test_a_close_circle_in_soft_focus_is_a_yes_to_confirm_not_left_without_value(
    axes_px, px_per_mm, blur_px
):
    """A thick circle 0.9-1.3 mm past the box's corners, blurred over the paper just outside
    the outline: the template's response at the box's place falls below 0 and no other place is
    verified; the old code left these boxes without value ("déformé", fresh walls 800-879: 4
    circles). The predicted place is the last candidate: its sides are darker than the inside."""
    boxes = read_boxes(*camera(circled(NAMES, axes_px, 5), px_per_mm=px_per_mm, blur_px=blur_px))
    for name in NAMES:
        assert (boxes[name].checked, boxes[name].reason) == (True, "entourée"), boxes[name]
        assert boxes[name].confidence <= 0.45
