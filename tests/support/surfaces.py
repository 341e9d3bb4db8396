"""What the paper lies on: a painted wall or a meeting-room table, drawn in photo pixels.

Drawn at half resolution and enlarged: paint and wood have no detail finer than that which a
scanner could mistake for ink, and the sensor noise added later supplies the fine grain.
"""
from __future__ import annotations

import cv2
import numpy as np

# Painted walls of community halls (BGR): off-white, cream, pale grey, pale green, ochre.
WALL_COLOURS_BGR = ((228, 232, 235), (200, 225, 235), (200, 202, 205), (200, 222, 205),
                    (150, 195, 225))
# Tables: light laminate, beech, dark oak, grey melamine.
TABLE_COLOURS_BGR = ((210, 215, 220), (140, 180, 215), (60, 90, 125), (165, 165, 160))
TONE_AMPLITUDE = 0.07  # uneven paint and old stains: +-7 % brightness over tens of cm
TEXTURE_AMPLITUDE = 0.025  # roller texture


def smooth_noise(shape: tuple[int, int], cell_px: int, rng: np.random.Generator) -> np.ndarray:
    """Zero-mean noise (float32, ~unit amplitude) varying over about ``cell_px`` pixels."""
    small = rng.standard_normal((max(2, shape[0] // cell_px), max(2, shape[1] // cell_px)))
    return cv2.resize(small.astype(np.float32), (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)


def wall(size_px: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    w, h = size_px[0] // 2, size_px[1] // 2
    base = np.asarray(WALL_COLOURS_BGR[int(rng.integers(len(WALL_COLOURS_BGR)))], np.float32)
    tone = 1 + TONE_AMPLITUDE * smooth_noise((h, w), 300, rng)
    texture = 1 + TEXTURE_AMPLITUDE * smooth_noise((h, w), 3, rng)
    img = base[None, None, :] * (tone * texture)[..., None]
    return _enlarge(img, size_px)


def table(size_px: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    w, h = size_px[0] // 2, size_px[1] // 2
    base = np.asarray(TABLE_COLOURS_BGR[int(rng.integers(len(TABLE_COLOURS_BGR)))], np.float32)
    yy = np.arange(h, dtype=np.float32)[:, None]
    warp = 12 * smooth_noise((h, w), 400, rng)
    period = rng.uniform(6, 14)
    streaks = smooth_noise((h, w), 60, rng)  # grain varies in strength along the plank
    grain = (0.03 * np.sin(2 * np.pi * (yy + warp) / period) * (0.5 + 0.5 * np.abs(streaks))
             + 0.015 * smooth_noise((h, w), 3, rng))
    img = base[None, None, :] * (1 + grain)[..., None]
    return _enlarge(img, size_px)


def _enlarge(img: np.ndarray, size_px: tuple[int, int]) -> np.ndarray:
    img = np.clip(img, 0, 255).astype(np.uint8)
    return cv2.resize(img, size_px, interpolation=cv2.INTER_LINEAR)


SURFACES = {"wall": wall, "table": table}


def render_surface(kind: str, size_px: tuple[int, int], seed: int) -> np.ndarray:
    return SURFACES[kind](size_px, np.random.default_rng(seed))
