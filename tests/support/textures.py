"""Real photographed textures as walls and table tops, for the second photo family (issue 8).

scikit-image ships a few real photos in its wheel (no download): brick, grass, gravel, the
moon's surface. Scaled, tinted and tiled with mirrored seams they stand for what people photograph
cards on: painted roughcast, cloth or carpet, kraft paper, gravel-like laminate, bare brick. Fine
texture is the point: it is what made the finder search explode on held-out photos.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np
from skimage import data

# name -> (scikit-image photo, what it stands for)
SOURCES = {
    "brick": ("brick", "bare or painted brick"),
    "grass": ("grass", "cloth, carpet, coarse plaster"),
    "gravel": ("gravel", "roughcast, speckled laminate"),
    "moon": ("moon", "painted plaster with stains"),
}
# Wall paints and table finishes (BGR, the texture's mean goes to this colour)
TINTS_BGR = {
    "white": (232, 236, 238),
    "cream": (200, 226, 238),
    "grey": (185, 188, 190),
    "sage": (190, 214, 196),
    "kraft": (120, 165, 200),
    "oak": (80, 120, 160),
    "slate": (110, 105, 100),
}


@functools.cache
def source(name: str) -> np.ndarray:
    """The scikit-image photo as float32 grey, zero mean, unit standard deviation."""
    image = getattr(data, SOURCES[name][0])()
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    grey = image.astype(np.float32)
    return (grey - grey.mean()) / max(float(grey.std()), 1e-6)


def tiled(name: str, size_px: tuple[int, int], scale: float) -> np.ndarray:
    """The texture at ``scale`` (texture px per photo px), mirrored so the seams do not show."""
    tex = source(name)
    tex = cv2.resize(
        tex,
        None,
        fx=scale,
        fy=scale,
        interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC,
    )
    block = np.block([[tex, tex[:, ::-1]], [tex[::-1, :], tex[::-1, ::-1]]])
    reps = (size_px[1] // block.shape[0] + 1, size_px[0] // block.shape[1] + 1)
    return np.tile(block, reps)[: size_px[1], : size_px[0]]


def surface(
    size_px: tuple[int, int], rng: np.random.Generator, fine: bool = False
) -> tuple[np.ndarray, dict]:
    """A textured wall or table (BGR uint8) and how it was made; ``fine``: the finest grains
    (what made the finder search explode)."""
    name = list(SOURCES)[int(rng.integers(len(SOURCES)))]
    tint = list(TINTS_BGR)[int(rng.integers(len(TINTS_BGR)))]
    scale = float(
        rng.uniform(0.25, 0.6) if fine else rng.uniform(0.3, 2.5)
    )  # fine grain to coarse
    contrast = float(
        rng.uniform(0.04, 0.16)
    )  # share of the brightness the texture swings
    grain = tiled(name, size_px, scale)
    light = cv2.resize(
        rng.standard_normal((6, 8)).astype(np.float32),
        size_px,
        interpolation=cv2.INTER_CUBIC,
    )  # uneven light over the wall
    factor = 1 + contrast * grain + 0.05 * light
    colour = np.asarray(TINTS_BGR[tint], np.float32)
    image = np.clip(colour[None, None, :] * factor[..., None], 0, 255).astype(np.uint8)
    return image, {
        "texture": name,
        "tint": tint,
        "scale": round(scale, 3),
        "contrast": round(contrast, 3),
    }
