"""Ink on paper: handwritten text in handwriting fonts, and pen strokes, blended onto a BGR raster.

Everything works on a card raster at a known ``px_per_mm`` (8-12 px/mm: finer than any photo,
so the photo's own resampling decides what survives). Ink is drawn as an alpha mask first, then
blended in one colour, so that overlapping strokes never get darker than the pen itself.
"""
from __future__ import annotations

import functools
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

# Debian packages fonts-dkg-handwriting, fonts-comic-neue, fonts-kristi, fonts-sjfonts and
# fonts-breip (scripts/setup.sh). All of them cover Latin-1, so é è à ç ê ô are drawn.
HANDWRITING_FONTS = (
    "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf",
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf",
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-LightItalic.otf",
    "/usr/share/fonts/truetype/kristi/Kristi.ttf",
    "/usr/share/fonts/truetype/sjfonts/SteveHand.ttf",
    "/usr/share/fonts/truetype/sjfonts/Delphine.ttf",
    "/usr/share/fonts/truetype/breip/Breip.ttf",
)
# Pens people bring to a workshop, as BGR: black and dark blue ballpoints, a black felt pen.
INK_COLOURS_BGR = ((35, 30, 30), (110, 45, 25), (90, 30, 15), (20, 20, 25))
PENCIL_BGR = (120, 120, 125)  # stray marks are often a faint pencil or a pen barely touching
LINE_HEIGHT_MM = (4.5, 7.0)  # the height of a handwritten line on a card, smallest to largest
SLANT_RANGE = (-0.05, 0.30)  # horizontal shear per unit height: most people lean right


@functools.cache
def font_paths() -> tuple[str, ...]:
    found = tuple(p for p in HANDWRITING_FONTS if Path(p).exists())
    if not found:
        raise RuntimeError("no handwriting font installed: run scripts/setup.sh "
                           "(fonts-dkg-handwriting, fonts-comic-neue, fonts-kristi, ...)")
    return found


@functools.cache
def _font(path: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size_px)


def pick_pen(rng: np.random.Generator) -> tuple[int, int, int]:
    return INK_COLOURS_BGR[int(rng.integers(len(INK_COLOURS_BGR)))]


def pick_font(rng: np.random.Generator) -> str:
    paths = font_paths()
    return paths[int(rng.integers(len(paths)))]


def blend_ink(canvas: np.ndarray, alpha: np.ndarray, colour_bgr, x0: int, y0: int) -> None:
    """Blend ``alpha`` (float32 0..1, any size) at (x0, y0) of ``canvas`` in place, clipped."""
    h, w = alpha.shape
    cx0, cy0 = max(x0, 0), max(y0, 0)
    cx1, cy1 = min(x0 + w, canvas.shape[1]), min(y0 + h, canvas.shape[0])
    if cx1 <= cx0 or cy1 <= cy0:
        return
    a = alpha[cy0 - y0:cy1 - y0, cx0 - x0:cx1 - x0, None]
    region = canvas[cy0:cy1, cx0:cx1].astype(np.float32)
    ink = np.asarray(colour_bgr, np.float32)
    # ink darkens what is under it (multiply), as a ballpoint does on printed lines
    inked = region * (ink / 255.0)
    canvas[cy0:cy1, cx0:cx1] = (region * (1 - a) + inked * a).round().astype(np.uint8)


def wrap_words(text: str, font: ImageFont.FreeTypeFont, width_px: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font.getlength(trial) > width_px:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + ([line] if line else [])


def text_alpha(text: str, font_path: str, size_px: int, width_px: int, max_lines: int,
               slant: float) -> np.ndarray:
    """The alpha mask of ``text`` wrapped to ``width_px``, at most ``max_lines``, sheared."""
    font = _font(font_path, size_px)
    lines = wrap_words(text, font, width_px)[:max_lines]
    line_px = int(size_px * 1.15)
    h = line_px * len(lines) + size_px // 2
    w = int(max(font.getlength(line) for line in lines)) + size_px if lines else 1
    shear_px = int(abs(slant) * h) + 2
    image = Image.new("L", (w + shear_px, h), 0)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((0, i * line_px), line, font=font, fill=255)
    # output (x, y) samples input (x + slant * y + c): the top leans right for a positive slant
    offset = -slant * h if slant > 0 else 0.0
    sheared = image.transform(image.size, Image.Transform.AFFINE, (1, slant, offset, 0, 1, 0),
                              resample=Image.Resampling.BILINEAR)
    return np.asarray(sheared, np.float32) / 255.0


def write_in_box(canvas: np.ndarray, box_px: tuple[int, int, int, int], text: str,
                 px_per_mm: float, rng: np.random.Generator, colour_bgr=None,
                 font_path: str | None = None) -> None:
    """Handwrite ``text`` inside ``box_px`` (x, y, w, h), starting near its top-left.

    A writer's line height is drawn at random; a long word may run a little past the box's
    edge (people do); text beyond ``h`` is dropped, as a writer would stop.
    """
    x, y, w, h = box_px
    font_path = font_path or pick_font(rng)
    line_mm = float(rng.uniform(*LINE_HEIGHT_MM))
    size_px = max(8, int(min(line_mm * px_per_mm, h * 0.8)))
    max_lines = max(1, int(h / (size_px * 1.15)))
    slant = float(rng.uniform(*SLANT_RANGE))
    dx = int(rng.uniform(0.5, 2.5) * px_per_mm)
    # the slant pushes the top line right by slant x block height: leave room for it, so the
    # text ends near the box's right edge (a long word may still run past, as it does on paper)
    lean_px = abs(slant) * max_lines * size_px * 1.15
    wrap_px = max(size_px, int((w - dx) * rng.uniform(0.82, 0.97) - lean_px))
    alpha = text_alpha(text, font_path, size_px, wrap_px, max_lines, slant)
    alpha *= float(rng.uniform(0.8, 0.97))  # a ballpoint never covers like toner
    dy = int(max(0.0, (h - alpha.shape[0]) * rng.uniform(0.1, 0.6)))
    blend_ink(canvas, alpha, colour_bgr or pick_pen(rng), x + dx, y + dy)


def stroke_alpha(polylines, thickness_px: float) -> tuple[np.ndarray, int, int]:
    """The alpha mask (float32) of anti-aliased polylines, cut to their bounding box.

    Points are in canvas px (floats welcome); returns the mask and its top-left (x0, y0).
    """
    shift = 4  # sub-pixel precision for cv2 drawing
    margin = int(thickness_px) + 2
    allpts = np.concatenate([np.asarray(p, np.float64).reshape(-1, 2) for p in polylines])
    x0, y0 = (np.floor(allpts.min(axis=0)) - margin).astype(int)
    x1, y1 = (np.ceil(allpts.max(axis=0)) + margin).astype(int)
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    pts = [np.round((np.asarray(p, np.float64).reshape(-1, 2) - (x0, y0)) * (1 << shift))
           .astype(np.int32) for p in polylines]
    cv2.polylines(mask, pts, False, 255, max(1, int(round(thickness_px))), cv2.LINE_AA, shift)
    return mask.astype(np.float32) / 255.0, int(x0), int(y0)


def draw_strokes(canvas: np.ndarray, polylines, thickness_px: float, colour_bgr,
                 opacity: float = 0.92) -> None:
    alpha, x0, y0 = stroke_alpha(polylines, thickness_px)
    blend_ink(canvas, alpha * opacity, colour_bgr, x0, y0)


def fill_polygon(canvas: np.ndarray, polygon, colour_bgr, opacity: float = 0.92) -> None:
    """A solid anti-aliased ink polygon (a filled-in box), points in canvas px."""
    pts = np.asarray(polygon, np.float64).reshape(-1, 2)
    x0, y0 = np.floor(pts.min(axis=0)).astype(int) - 2
    x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + 2
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    shifted = np.round((pts - (x0, y0)) * 16).astype(np.int32)
    cv2.fillPoly(mask, [shifted], 255, cv2.LINE_AA, 4)
    blend_ink(canvas, mask.astype(np.float32) / 255.0 * opacity, colour_bgr, int(x0), int(y0))
