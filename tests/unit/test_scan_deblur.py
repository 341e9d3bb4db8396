"""A blurred photo's blur measured on the photo itself and undone before a second code search
(issue 8, point 4: cards lost on shaken walls where the finder search saw no finder)."""

import cv2
import numpy as np
import pytest

from scan.budget import Budget
from scan.deblur import deblur_pass, deblurred, photo_blur, psf_of, wiener_kernel
from scan.locate import Blur, Search, line_kernel, search_codes
from scan.results import CodeHit
from scan.thresholds import (
    BLUR_MOTION_ANISOTROPY,
    DEBLUR_BELOW_SHARPNESS,
    DEBLUR_LENGTH_PER_SHARPNESS,
    DEBLUR_SIGMA_PER_SHARPNESS,
)
from tests.unit.test_scan_blur import TEXTS, wall


def angle_gap(a: float, b: float) -> float:
    return abs((a - b + 90.0) % 180.0 - 90.0)


@pytest.mark.parametrize("length, angle", [(6.0, 30.0), (7.0, 120.0)])
def test_a_shaken_photo_gives_the_motion_direction_and_length(length, angle):
    blur = photo_blur(wall(TEXTS[:4], 5.0, ("motion", length, angle), size=(1600, 900)))
    assert blur is not None and blur.anisotropy >= BLUR_MOTION_ANISOTROPY
    assert angle_gap(blur.angle_deg, angle) <= 15.0
    assert 0.75 <= DEBLUR_LENGTH_PER_SHARPNESS / blur.sharpness / length <= 1.25
    assert blur.sharpness < DEBLUR_BELOW_SHARPNESS


def test_a_soft_photo_gives_its_focus_width_and_a_sharp_one_is_left_alone():
    soft = photo_blur(wall(TEXTS[:4], 5.0, ("soft", 2.2), size=(1600, 900)))
    assert soft is not None and soft.anisotropy < BLUR_MOTION_ANISOTROPY
    assert 0.75 <= DEBLUR_SIGMA_PER_SHARPNESS / soft.sharpness / 2.2 <= 1.25
    sharp = photo_blur(wall(TEXTS[:4], 5.0, size=(1600, 900)))
    assert sharp is not None and sharp.sharpness >= DEBLUR_BELOW_SHARPNESS


def test_the_wiener_kernel_keeps_grey_levels_and_gives_a_shaken_edge_back():
    psf = line_kernel(6.0, 0.0)
    kernel = wiener_kernel(psf)
    assert kernel.sum() == pytest.approx(1.0, abs=1e-4)
    step = np.tile(np.where(np.arange(200) < 100, 40, 220).astype(np.uint8), (60, 1))
    shaken = cv2.filter2D(step, -1, psf)
    blur = Blur(DEBLUR_LENGTH_PER_SHARPNESS / 6.0, 0.0, 3.0)
    assert np.abs(psf_of(blur) - psf).max() < 1e-6
    steepest = lambda img: int(np.abs(np.diff(img[30].astype(int))).max())  # noqa: E731
    assert steepest(deblurred(shaken, blur)) > 2 * steepest(shaken)
    assert abs(int(deblurred(shaken, blur)[30, 20]) - 40) <= 3  # flat areas keep their grey


def test_codes_read_on_the_deblurred_photo_are_marked_and_a_sharp_photo_is_not_searched_twice():
    img = wall(TEXTS[:4], 4.0, ("motion", 6.0, 30.0), size=(1600, 900))
    assert search_codes(img, Budget(60.0)).hits == []  # the search alone reads nothing
    search = Search([], [], Budget(60.0))
    found = deblur_pass(img, search)
    assert {h.text for h in found} == set(TEXTS[:4])
    assert all(h.decoder.endswith("+deblur") for h in found) and search.hits == found
    assert search.blur is not None and search.blur.motion  # measured on the photo
    sharp = Search([CodeHit("x", np.zeros((4, 2)))], [], Budget(60.0))
    assert deblur_pass(wall(TEXTS[:4], 5.0, size=(1600, 900)), sharp) == []
    assert sharp.blur is None and len(sharp.hits) == 1


def test_a_wall_of_big_codes_is_not_searched_again_however_blurred():
    """Codes of >= BLUR_PASS_BELOW_PX_PER_MODULE px per module keep their finders through such
    blur: the deblurred search (0.5 s) is not run, the blur not even measured."""
    img = wall(TEXTS[:4], 4.0, ("motion", 6.0, 30.0), size=(1600, 900))
    side = 21 * 5.5
    big = CodeHit("x", np.array([[0, 0], [side, 0], [side, side], [0, side]], float))
    search = Search([big], [], Budget(60.0))
    assert deblur_pass(img, search) == [] and search.photo_blur is None


def test_a_code_read_from_finders_seen_only_on_the_deblurred_photo_is_marked_deblurred():
    from scan.recover import marked

    seen, deblurred_only = (np.array([10.0, 10.0]), 23.0), (np.array([60.0, 10.0]), 23.0)
    search = Search([], [seen, deblurred_only], Budget(60.0))
    search.deblurred_finders = [deblurred_only]
    hit = CodeHit("AK2-MOB26-F00001B", np.zeros((4, 2)), "grid")
    assert marked(hit, [seen, deblurred_only], search).decoder == "grid+deblur"
    assert marked(hit, [seen], search).decoder == "grid"
