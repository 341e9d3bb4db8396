"""A blurred photo's blur measured on the photo itself and undone before a second code search
(issue 8, point 4: cards lost on shaken walls where the finder search saw no finder)."""

import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES, QR_MODULE_MM
from scan.budget import Budget
from scan.deblur import deblur_pass, deblurred, photo_blur, psf_of, wiener_kernel
from scan.locate import Blur, Search, line_kernel, search_codes
from scan.results import CodeHit
from scan.thresholds import (
    BLUR_MOTION_ANISOTROPY,
    DEBLUR_BELOW_SHARPNESS,
    DEBLUR_CODES_BELOW_SHARPNESS,
    DEBLUR_LENGTH_PER_SHARPNESS,
    DEBLUR_SIGMA_PER_SHARPNESS,
)
from tests.unit.test_scan_blur import TEXTS, code_tile, wall


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


def test_a_wall_of_big_codes_is_not_searched_again_however_blurred_the_photo():
    """Codes of >= BLUR_PASS_BELOW_PX_PER_MODULE px per module keep their finders through such
    blur: the deblurred search (0.5 s) is not run, the blur not even measured (unless the codes
    read are themselves shaken: a wall seen at an angle, below)."""
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


def card_tile(text: str, px_per_mm: float) -> np.ndarray:
    """A small card (``frein``: white, its four corner markers and its code) at ``px_per_mm``."""
    card = CARD_TYPES["frein"]
    tile = np.full((round(card.height_mm * px_per_mm), round(card.width_mm * px_per_mm)), 255,
                   np.uint8)
    for m in card.markers:
        x, y, w = (round(v * px_per_mm) for v in (m.x_mm, m.y_mm, m.w_mm))
        tile[y : y + w, x : x + w] = 0
    code = code_tile(text, QR_MODULE_MM * px_per_mm)  # with its quiet zone of 4 modules
    x, y = (round((v - 4 * QR_MODULE_MM) * px_per_mm) for v in (card.qr.x_mm, card.qr.y_mm))
    tile[y : y + code.shape[0], x : x + code.shape[1]] = code
    return tile


def angled_wall(
    length: float, big_module_px: float = 6.0, craters: bool = False, cards: bool = False
) -> np.ndarray:
    """A wall seen at an angle, shaken ``length`` px at 30 degrees: one code near the camera
    (``big_module_px`` px per module) and four further off (3.3 px), on grey paper;
    ``craters``: big soft dark spots on the wall (a texture like the moon's or shaded plaster,
    more contrasted than the codes' patches); ``cards``: the four further off are on their
    cards (white, with their corner markers)."""
    img = np.full((1200, 2400), 200, np.float32)
    rng = np.random.default_rng(0)
    if craters:
        for _ in range(40):
            x, y = rng.uniform(0, 2400), rng.uniform(500, 1200)
            cv2.circle(img, (int(x), int(y)), int(rng.uniform(20, 50)), 20, -1)
        img = cv2.GaussianBlur(img, (0, 0), 12)
    tile = code_tile(TEXTS[0], big_module_px)
    img[80 : 80 + tile.shape[0], 60 : 60 + tile.shape[1]] = tile
    for i, text in enumerate(TEXTS[1:5]):
        tile = card_tile(text, 3.3 / QR_MODULE_MM) if cards else code_tile(text, 3.3)
        x, y = 500 + i * (tile.shape[1] + 80), 120 + (i % 2) * max(250, tile.shape[0] + 50)
        img[y : y + tile.shape[0], x : x + tile.shape[1]] = tile
    img = cv2.filter2D(img, -1, line_kernel(length, 30.0))
    img += rng.normal(0, 2.5, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def test_a_wall_seen_at_an_angle_whose_big_code_is_shaken_is_searched_again():
    """Only the code near the camera (6 px per module) is read; the four further off (3.3 px)
    lost their finders to a 6 px shake. Big codes alone no longer stop the deblurred search
    when they are themselves shaken (DEBLUR_CODES_BELOW_SHARPNESS) and the photo shows cards
    none of them explains (their markers, bymarkers.unread_card_markers): it reads the four."""
    img = angled_wall(6.0, cards=True)
    search = search_codes(img, Budget(60.0))
    assert [h.text for h in search.hits] == [TEXTS[0]]
    assert search.blur is not None and search.blur.sharpness < DEBLUR_CODES_BELOW_SHARPNESS
    found = deblur_pass(img, search)
    assert {h.text for h in found} == set(TEXTS[1:5])


def test_a_photo_whose_patches_measure_sharp_is_searched_again_when_its_codes_are_shaken(
    monkeypatch,
):
    """A 5.3 px shake measured 0.28 on a wall's patches (printed text on white paper, over
    DEBLUR_BELOW_SHARPNESS) and 0.19 on its codes: a card whose finders the shake erased was
    lost. The codes' blur decides too."""
    img = wall(TEXTS[:4], 4.0, ("motion", 6.0, 30.0), size=(1600, 900))
    sharp_patches = Blur(DEBLUR_BELOW_SHARPNESS + 0.01, 30.0, 2.0)
    monkeypatch.setattr("scan.deblur.photo_blur", lambda gray, codes=None: sharp_patches)
    codes = Blur(DEBLUR_CODES_BELOW_SHARPNESS - 0.02, 30.0, 2.0)
    search = Search([], [], Budget(60.0), codes)
    deblur_pass(img, search)
    assert search.deblurred is not None  # searched again
    calm = Search([], [], Budget(60.0), Blur(DEBLUR_CODES_BELOW_SHARPNESS + 0.02, 30.0, 2.0))
    assert deblur_pass(img, calm) == [] and calm.deblurred is None


def test_a_wall_s_own_soft_texture_does_not_set_the_blur_undone():
    """Big soft dark spots on the wall are the most contrasted patches: measured with them, a
    6 px shake came out as 0.04 (anisotropy 1.05: a soft focus of 10 px) and the deblurred
    photo read none of the four codes. Patches far softer than the code read
    (DEBLUR_SOFT_WALL_SHARE) are left out: the shake is measured on the codes' patches."""
    img = angled_wall(6.0, big_module_px=4.6, craters=True)
    search = search_codes(img, Budget(60.0))
    assert [h.text for h in search.hits] == [TEXTS[0]]
    found = deblur_pass(img, search)
    assert search.photo_blur is not None and search.photo_blur.motion
    assert 0.75 <= DEBLUR_LENGTH_PER_SHARPNESS / search.photo_blur.sharpness / 6.0 <= 1.5
    assert {h.text for h in found} == set(TEXTS[1:5])


def test_a_wall_of_big_shaken_cards_all_read_is_not_searched_again():
    """Codes read all big (6.6 px per module) and shaken under DEBLUR_CODES_BELOW_SHARPNESS,
    as on a wall seen at an angle, but every card the photo shows read: no smaller card further
    off to look for, the deblurred search (0.5-0.9 s on 2 of the 18 first-family photos of
    bench_scan, no card gained) is not run, the photo's blur not even measured."""
    img = np.full((1100, 2400), 200, np.float32)
    for i, text in enumerate(TEXTS[:3]):
        tile = card_tile(text, 6.6 / QR_MODULE_MM)
        x, y = 60 + i * (tile.shape[1] + 120), 100 + (i % 2) * 300
        img[y : y + tile.shape[0], x : x + tile.shape[1]] = tile
    img = cv2.filter2D(img, -1, line_kernel(7.0, 30.0))
    img = np.clip(img + np.random.default_rng(0).normal(0, 2.5, img.shape), 0, 255)
    img = img.astype(np.uint8)
    search = search_codes(img, Budget(60.0))
    assert {h.text for h in search.hits} == set(TEXTS[:3])
    assert search.blur is not None and search.blur.sharpness < DEBLUR_CODES_BELOW_SHARPNESS
    assert deblur_pass(img, search) == []
    assert search.deblurred is None and search.photo_blur is None
