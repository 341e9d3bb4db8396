"""What people put in checkboxes and on vote strips: ticks, crosses, filled and scribbled boxes,
stray marks, coloured dot stickers and pen dots. All drawn on a card raster at ``px_per_mm``,
positions given as ``printables.layout.Box`` in mm.
"""
from __future__ import annotations

import cv2
import numpy as np

from printables.layout import VOTE_TARGET_MM, Box, Field
from tests.support.handwriting import PENCIL_BGR, blend_ink, draw_strokes, fill_polygon

CHECK_STYLES = ("tick", "cross", "fill", "scribble")
# The convention printed on the cards (printables.wording.CHECKBOX_CONVENTION): a tick, a cross or
# a box filled inside its outline says yes; a box scribbled out past its outline is cancelled.
# Both blackened kinds go to a person: a fill read "checked" (reason "remplie"), a scribble read
# "not checked" (reason "noircie").
BLACKENED_STYLES = ("fill", "scribble")
CANCEL_STYLES = ("scribble",)
# How far past the box's left and right edges a scribble's zigzags turn, as the card asks
# ("gribouillez-la en débordant"), in mm before the hand's jitter (0.4 mm)
SCRIBBLE_OVERFLOW_MM = 1.0
PEN_MM = (0.35, 0.7)  # a ballpoint to a felt pen
STRAY_GAP_MM = (1.5, 4.0)  # how far outside a box a stray mark lands (never touching it)
# Dot stickers sold for dot voting: 8 to 12 mm, in these colours (BGR).
STICKER_COLOURS_BGR = {"rouge": (40, 40, 215), "vert": (70, 170, 40), "bleu": (200, 110, 30),
                       "jaune": (40, 215, 245)}
STICKER_MM = (8.0, 12.0)
STICKER_OFFSET_MM = 1.5  # people aim at the printed circle, not exactly
PEN_VOTE_STYLES = ("dot", "cross", "tick", "bar")


SPOT_COLUMNS, SPOT_ROWS = 8, 2  # where people put votes on a plain (layout 2) area


def vote_spots(field: Field) -> tuple[Box, ...]:
    """Where people put their votes, as target-sized boxes: the printed circles (layout 1), or on
    a plain area (layout 2) a grid of 8 x 2 sticker-sized places filling it (on layout 2's need
    card these are where layout 1's circles were: the same counts and placements on both)."""
    if field.targets:
        return field.targets
    b, size = field.box, VOTE_TARGET_MM
    pitch_x = (b.w_mm - 2 - size) / (SPOT_COLUMNS - 1)
    pitch_y = (b.h_mm - 4 - size) / max(SPOT_ROWS - 1, 1)
    return tuple(Box(b.x_mm + 1 + c * pitch_x, b.y_mm + 2 + r * pitch_y, size, size)
                 for r in range(SPOT_ROWS) for c in range(SPOT_COLUMNS))


def _px(point_mm, px_per_mm: float) -> np.ndarray:
    return np.asarray(point_mm, np.float64) * px_per_mm


def _jitter(rng: np.random.Generator, n: int, mm: float) -> np.ndarray:
    return rng.uniform(-mm, mm, size=(n, 2))


def check_strokes(style: str, box: Box, rng: np.random.Generator) -> list[np.ndarray]:
    """The pen path of a tick, cross or scribble over ``box``, in mm (may leave the box a bit)."""
    x, y, w, h = box.x_mm, box.y_mm, box.w_mm, box.h_mm
    if style == "tick":
        pts = np.array([(x + 0.15 * w, y + 0.5 * h), (x + 0.42 * w, y + 0.85 * h),
                        (x + 1.1 * w, y - 0.25 * h)]) + _jitter(rng, 3, 0.5)
        return [pts]
    if style == "cross":
        a = np.array([(x + 0.1 * w, y + 0.1 * h), (x + 0.95 * w, y + 0.92 * h)]) + _jitter(
            rng, 2, 0.7
        )
        b = np.array([(x + 0.9 * w, y + 0.05 * h), (x + 0.08 * w, y + 0.95 * h)]) + _jitter(
            rng, 2, 0.7
        )
        return [a, b]
    if style == "scribble":
        n = int(rng.integers(7, 12))
        ys = np.linspace(y + 0.1 * h, y + 0.9 * h, n)
        xs = np.where(np.arange(n) % 2 == 0, x - SCRIBBLE_OVERFLOW_MM, x + w + SCRIBBLE_OVERFLOW_MM)
        return [np.stack([xs, ys], axis=1) + _jitter(rng, n, 0.4)]
    raise ValueError(f"unknown check style {style!r}")


def mark_checkbox(card: np.ndarray, box: Box, style: str, px_per_mm: float,
                  rng: np.random.Generator, ink_bgr) -> None:
    """Mark ``box`` as ``style`` says (a tick, a cross or a fill checks; a scribble cancels)."""
    if style == "fill":
        inner = box.grown(-0.4)
        corners = np.array([(inner.x_mm, inner.y_mm), (inner.right_mm, inner.y_mm),
                            (inner.right_mm, inner.bottom_mm), (inner.x_mm, inner.bottom_mm)])
        fill_polygon(card, _px(corners + _jitter(rng, 4, 0.5), px_per_mm), ink_bgr, 0.9)
        return
    thickness_px = rng.uniform(*PEN_MM) * px_per_mm
    strokes = [_px(s, px_per_mm) for s in check_strokes(style, box, rng)]
    draw_strokes(card, strokes, thickness_px, ink_bgr)


def stray_mark(card: np.ndarray, box: Box, px_per_mm: float, rng: np.random.Generator) -> None:
    """A faint short line or dot near ``box`` but outside it: a pen resting, a slip."""
    side = int(rng.integers(4))
    gap = rng.uniform(*STRAY_GAP_MM)
    cx, cy = box.center_mm
    offsets = ((0, -(box.h_mm / 2 + gap)), (box.w_mm / 2 + gap, 0),
               (0, box.h_mm / 2 + gap), (-(box.w_mm / 2 + gap), 0))
    ox, oy = offsets[side]
    length_mm = rng.uniform(0.5, 2.5)
    angle = rng.uniform(0, np.pi)
    d = np.array([np.cos(angle), np.sin(angle)]) * length_mm / 2
    # keep the whole stroke outside the box: push it out by its own half-length
    push = np.sign([ox, oy]) * np.abs(d)
    centre = np.array([cx + ox, cy + oy]) + push
    line = np.array([centre - d, centre + d])
    draw_strokes(card, [_px(line, px_per_mm)], PEN_MM[0] * px_per_mm, PENCIL_BGR,
                 rng.uniform(0.3, 0.6))


def stick_sticker(card: np.ndarray, target: Box, px_per_mm: float, rng: np.random.Generator,
                  colour: str | None = None) -> None:
    """A round dot sticker, roughly centred on a vote spot (``vote_spots``)."""
    name = colour or list(STICKER_COLOURS_BGR)[int(rng.integers(len(STICKER_COLOURS_BGR)))]
    bgr = np.asarray(STICKER_COLOURS_BGR[name], np.float32) + rng.uniform(-15, 15, 3)
    diameter_mm = rng.uniform(*STICKER_MM)
    centre_mm = np.asarray(target.center_mm) + rng.uniform(-STICKER_OFFSET_MM, STICKER_OFFSET_MM, 2)
    radius_px = diameter_mm / 2 * px_per_mm
    size = int(2 * radius_px) + 4
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) - (size - 1) / 2
    dist = np.sqrt(xx * xx + yy * yy)
    alpha = np.clip(radius_px - dist + 0.5, 0, 1)  # an anti-aliased disc
    # a sticker is opaque paper: shade it slightly (matte, lit from above) instead of multiplying
    shade = 1.0 - 0.08 * (yy / max(radius_px, 1)) - 0.12 * (dist / max(radius_px, 1)) ** 4
    patch = np.clip(bgr[None, None, :] * shade[..., None], 0, 255)
    cx, cy = _px(centre_mm, px_per_mm)
    x0, y0 = int(round(cx - size / 2)), int(round(cy - size / 2))
    _paste_opaque(card, patch, alpha, x0, y0)


def _paste_opaque(card: np.ndarray, patch: np.ndarray, alpha: np.ndarray, x0: int, y0: int) -> None:
    h, w = alpha.shape
    cx0, cy0 = max(x0, 0), max(y0, 0)
    cx1, cy1 = min(x0 + w, card.shape[1]), min(y0 + h, card.shape[0])
    a = alpha[cy0 - y0:cy1 - y0, cx0 - x0:cx1 - x0, None]
    p = patch[cy0 - y0:cy1 - y0, cx0 - x0:cx1 - x0]
    region = card[cy0:cy1, cx0:cx1].astype(np.float32)
    card[cy0:cy1, cx0:cx1] = (region * (1 - a) + p * a).round().astype(np.uint8)


def pen_vote(card: np.ndarray, target: Box, style: str, px_per_mm: float,
             rng: np.random.Generator, ink_bgr) -> None:
    """A vote made with a pen on a vote spot (``vote_spots``): a dot, a cross, a tick or a bar."""
    cx, cy = np.asarray(target.center_mm) + rng.uniform(-1.0, 1.0, 2)
    if style == "dot":
        r = rng.uniform(1.5, 2.8) * px_per_mm
        mask = np.zeros((int(2 * r) + 4,) * 2, np.uint8)
        c = mask.shape[0] // 2
        cv2.circle(mask, (c, c), int(r), 255, -1, cv2.LINE_AA)
        blend_ink(card, mask.astype(np.float32) / 255 * 0.9, ink_bgr,
                  int(cx * px_per_mm) - c, int(cy * px_per_mm) - c)
        return
    small = Box(cx - 3, cy - 3, 6, 6)
    if style == "bar":
        line = np.array([(cx - 0.4, cy - 3.2), (cx + 0.4, cy + 3.2)]) + _jitter(rng, 2, 0.3)
        strokes = [line]
    else:
        strokes = check_strokes(style, small, rng)
    draw_strokes(card, [_px(s, px_per_mm) for s in strokes], rng.uniform(0.5, 0.9) * px_per_mm,
                 ink_bgr)
