"""scan.hints: the measures behind a photo's hints keep their values when made faster."""

import cv2
import numpy as np

from printables.layout import SMALL_W_MM
from scan.hints import hint_sized, mean_of, paper_px_per_mm, spanning
from scan.thresholds import HINT_WIDTH_PX, MIN_PAPER_SIDE_PX, PAPER_ASPECT_RANGE, PAPER_MIN_FILL


def textured_wall_with_cards(seed: int) -> np.ndarray:
    """A 4000 x 3000 wall of fine light and dark specks with a few light cards, some turned."""
    rng = np.random.default_rng(seed)
    wall = rng.normal(100, 40, (750, 1000)).clip(0, 255).astype(np.uint8)
    wall = cv2.resize(wall, (4000, 3000), interpolation=cv2.INTER_NEAREST)
    for _ in range(4):
        centre = rng.uniform(500, 3500), rng.uniform(500, 2500)
        size = rng.uniform(150, 500)
        angle = float(rng.uniform(0, 90))
        shadow = cv2.boxPoints((centre, (size * 1.42 + 40, size + 40), angle))
        cv2.fillPoly(wall, [shadow.astype(np.int32)], 40)  # a dark gap round the card
        box = cv2.boxPoints((centre, (size * 1.42, size), angle))
        cv2.fillPoly(wall, [box.astype(np.int32)], 245)
    return wall


def paper_px_per_mm_every_contour(gray: np.ndarray) -> float | None:
    """``paper_px_per_mm`` as first written: a minAreaRect for every contour (the oracle)."""
    scale = min(1.0, HINT_WIDTH_PX / gray.shape[1])
    small = hint_sized(gray)
    _, light = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(light, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    lengths = []
    for contour in contours:
        (_, _), (w, h), _ = cv2.minAreaRect(contour)
        if (
            min(w, h) >= MIN_PAPER_SIDE_PX
            and PAPER_ASPECT_RANGE[0] <= max(w, h) / min(w, h) <= PAPER_ASPECT_RANGE[1]
            and cv2.contourArea(contour) >= PAPER_MIN_FILL * w * h
        ):
            lengths.append(max(w, h) / scale)
    return float(np.median(lengths)) / SMALL_W_MM if lengths else None


def test_the_paper_scale_skips_only_specks_that_no_card_side_fits():
    """Speed: only contours spanning MIN_PAPER_SIDE_PX along x or y get a minAreaRect (a
    textured wall gives ten thousand specks); the scale is the very float of the loop over all."""
    for seed in range(3):
        gray = textured_wall_with_cards(seed)
        assert paper_px_per_mm(gray) == paper_px_per_mm_every_contour(gray)
        assert paper_px_per_mm(gray) is not None


def test_spanning_keeps_every_contour_a_side_fits_in_order():
    rng = np.random.default_rng(2)
    contours = [
        (rng.integers(0, 30, (int(rng.integers(1, 9)), 1, 2)) + rng.integers(0, 900, 2)).astype(
            np.int32
        )
        for _ in range(2000)
    ]
    kept = spanning(contours, MIN_PAPER_SIDE_PX)
    wide = [c for c in contours if min(cv2.minAreaRect(c)[1]) >= MIN_PAPER_SIDE_PX]
    assert all(any(c is k for k in kept) for c in wide)  # every contour a side fits is kept
    order = [next(i for i, c in enumerate(contours) if c is k) for k in kept]
    assert order == sorted(order)
    assert spanning([], MIN_PAPER_SIDE_PX) == []


def test_mean_of_bytes_is_numpys_mean():
    rng = np.random.default_rng(3)
    for shape in ((1, 1), (3, 7), (3000, 4000), (1001, 999)):
        gray = rng.integers(0, 256, shape, dtype=np.uint8)
        assert mean_of(gray) == float(gray.mean())
    floats = rng.random((40, 50))
    assert mean_of(floats) == float(floats.mean())
