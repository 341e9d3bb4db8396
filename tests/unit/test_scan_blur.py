"""Blur and low resolution (issue 8 point 4): the blur of a photo measured on its codes, codes
recovered from soft and shaken photos at ~3 px per module, and hints naming what was lost."""

import cv2
import numpy as np
import pytest

from scan import scan_image
from scan.budget import Budget
from scan.locate import code_blur, line_kernel, read_zxing, search_codes
from scan.thresholds import BLUR_PASS_BELOW_SHARPNESS, TOO_BLURRED_CODE_SHARPNESS
from tests.support.scan_cards import make_code, qr_matrix


def code_tile(text: str, module_px: float) -> np.ndarray:
    modules = np.pad(np.where(qr_matrix(text), 0, 255).astype(np.uint8), 4, constant_values=255)
    side = int(round(modules.shape[0] * module_px))
    return cv2.resize(modules, (side, side), interpolation=cv2.INTER_AREA)


def wall(texts, module_px=3.3, blur=None, size=(2400, 900), seed=0) -> np.ndarray:
    """Grey paper with codes in a row; ``blur``: ("soft", sigma) or ("motion", length, angle)."""
    img = np.full((size[1], size[0]), 200, np.uint8)
    for i, text in enumerate(texts):
        tile = code_tile(text, module_px)
        x, y = 60 + i * (tile.shape[1] + 80), 80 + (i % 2) * 200
        img[y : y + tile.shape[0], x : x + tile.shape[1]] = tile
    if blur and blur[0] == "soft":
        img = cv2.GaussianBlur(img, (0, 0), blur[1])
    elif blur:
        img = cv2.filter2D(img, -1, line_kernel(blur[1], blur[2]))
    noise = np.random.default_rng(seed).normal(0, 2.5, img.shape)
    return np.clip(img + noise, 0, 255).astype(np.uint8)


TEXTS = [make_code("frein", i) for i in range(1, 9)]


def test_code_blur_tells_sharp_soft_and_shaken_apart():
    sharp = code_blur(*with_hits(wall(TEXTS[:3], 5.0)))
    soft = code_blur(*with_hits(wall(TEXTS[:3], 5.0, ("soft", 1.6))))
    shaken = code_blur(*with_hits(wall(TEXTS[:3], 5.0, ("motion", 6.0, 90.0))))
    assert sharp.sharpness > BLUR_PASS_BELOW_SHARPNESS and not sharp.motion
    assert soft.sharpness < BLUR_PASS_BELOW_SHARPNESS and not soft.motion
    assert shaken.sharpness < BLUR_PASS_BELOW_SHARPNESS and shaken.motion
    assert abs(shaken.angle_deg - 90.0) <= 22.5


def with_hits(img):
    hits = read_zxing(img)
    assert hits
    return img, hits


@pytest.mark.parametrize("blur", [("soft", 1.8), ("motion", 5.0, 100.0)])
def test_blurred_codes_at_three_px_per_module_recovered(blur):
    img = wall(TEXTS, 3.0, blur)
    assert len(read_zxing(img)) <= 1  # the full-frame decode alone loses (nearly) all
    found = {h.text for h in search_codes(img, Budget(60.0)).hits}
    assert found == set(TEXTS)


def smudged(text: str, module_px: float, seed: int = 0) -> np.ndarray:
    """A code whose data modules are smeared over (a wet thumb): its three finders intact."""
    tile = code_tile(text, module_px)
    quiet, n = int(4 * module_px), tile.shape[0]
    inner = slice(quiet + int(8 * module_px), n - quiet - int(1 * module_px))
    rng = np.random.default_rng(seed)
    tile[inner, inner] = rng.integers(60, 200, tile[inner, inner].shape).astype(np.uint8)
    return tile


def test_code_seen_but_unreadable_is_reported_where_it_is():
    img = np.full((900, 1600), 205, np.uint8)
    good = code_tile(TEXTS[0], 5.0)
    img[100 : 100 + good.shape[0], 100 : 100 + good.shape[1]] = good
    bad = smudged(TEXTS[1], 5.0)
    img[200 : 200 + bad.shape[0], 900 : 900 + bad.shape[1]] = bad
    bgr = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    reading = scan_image(bgr, "mur.jpg", budget=Budget(60.0)).to_dict()
    assert [c["code"] for c in reading["cards"]] == [TEXTS[0]]
    lost = [e for e in reading["errors"] if e["kind"] == "unreadable_code"]
    assert len(lost) == 1
    xs, ys = zip(*lost[0]["corners_px"])
    assert min(xs) <= 900 + bad.shape[1] / 2 <= max(xs) and min(ys) <= 200 + bad.shape[
        0
    ] / 2 <= max(ys)
    assert any(h["kind"] == "lost_codes" and h["value"] == 1 for h in reading["hints"])


def test_blurred_photo_with_cards_says_it_is_too_blurred():
    img = cv2.cvtColor(wall(TEXTS[:4], 5.0, ("soft", 2.2)), cv2.COLOR_GRAY2BGR)
    reading = scan_image(img, "flou.jpg", budget=Budget(60.0)).to_dict()
    hint = next(h for h in reading["hints"] if h["kind"] == "too_blurred")
    assert hint["value"] < TOO_BLURRED_CODE_SHARPNESS == hint["threshold"]


def test_sharp_photo_has_no_blur_hint_and_no_lost_code():
    img = cv2.cvtColor(wall(TEXTS[:4], 5.0), cv2.COLOR_GRAY2BGR)
    reading = scan_image(img, "net.jpg", budget=Budget(60.0)).to_dict()
    assert {h["kind"] for h in reading["hints"]} & {"too_blurred", "lost_codes"} == set()
    assert not [e for e in reading["errors"] if e["kind"] == "unreadable_code"]


@pytest.mark.parametrize(
    "module_px, blur, read_at_first",
    [(3.0, ("motion", 5.0, 100.0), 1), (3.6, ("soft", 1.8), 1), (3.0, ("soft", 1.8), 0)],
)
def test_blurred_small_codes_need_one_finder_search_only(
    monkeypatch, module_px, blur, read_at_first
):
    """A blurred photo of small codes, or one where the full frame reads nothing, is searched
    once, at full scale on the sharpened photo: the plain search (blind to thin blurred rings,
    a sixth of a wall's time, a third of a bare wall's) is not run, and every code is read."""
    import scan.locate

    def reduced_search(*args, **kwargs):
        raise AssertionError("the reduced-scale finder search ran on a blurred photo")

    monkeypatch.setattr(scan.locate, "find_finders_at", reduced_search)
    img = wall(TEXTS, module_px, blur)
    assert len(read_zxing(img)) == read_at_first
    assert {h.text for h in search_codes(img, Budget(60.0)).hits} == set(TEXTS)


def test_the_blur_measure_is_the_same_bits_as_first_written():
    """Speed: the code blur is measured with the gradients cast to float64 once and the contrast
    percentiles taken on the bytes; the same numbers as the first formulas."""
    from scan.locate import DIRECTIONS_DEG, blur_in, high_percentile

    img = wall(TEXTS, 3.0, ("motion", 4.0, 30.0))
    boxes = [
        (np.array([40.0 + 150 * i, 50.0]), np.array([160.0 + 150 * i, 170.0])) for i in range(3)
    ]
    per_code = []
    for low_px, high_px in boxes:
        crop = img[int(low_px[1]) : int(high_px[1]), int(low_px[0]) : int(high_px[0])]
        crop = crop.astype(np.float32)
        gx = cv2.Sobel(crop, cv2.CV_32F, 1, 0, ksize=3) / 8
        gy = cv2.Sobel(crop, cv2.CV_32F, 0, 1, ksize=3) / 8
        low, high = np.percentile(crop, [5, 95])
        contrast = max(float(high - low), 1.0)
        per_code.append(
            [
                high_percentile(np.abs(gx * np.cos(a) + gy * np.sin(a)), 99) / contrast
                for a in np.radians(DIRECTIONS_DEG)
            ]
        )
    steepness = np.median(np.array(per_code), axis=0)
    blur = blur_in(img, boxes)
    assert blur is not None
    assert blur.sharpness == float(steepness.min())
    assert blur.anisotropy == float(steepness.max() / max(steepness.min(), 1e-6))
