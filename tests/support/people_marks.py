"""Marks as people make them, for the second photo family (issue 8): not the first generator's.

Checkboxes: small thin ticks (2-3 mm in a 5 mm box), big ticks running out of the box, crosses,
filled boxes, circles drawn round the box, scribbled-out (cancelled) boxes, pen slips beside an
empty box. Votes: dot stickers of 8, 12 or 19 mm (all sold) aimed badly (between two circles,
overlapping, half off the strip), pen dots, strokes and tally marks. Everything is drawn on a
card raster (BGR, ``px_per_mm``) in the card's own mm frame, and each call says what it drew.
"""

from __future__ import annotations

import cv2
import numpy as np

from printables.layout import Box

# checkbox marks -> what they mean ("cancelled": a box blackened to take a tick back)
CHECK_MARKS = {
    "small_tick": "checked",
    "tick": "checked",
    "cross": "checked",
    "fill": "checked",
    "circle": "checked",
    "scribble_out": "cancelled",
    "slip": "empty",
    "empty": "empty",
}
PENS_BGR = (
    (30, 30, 35),
    (120, 50, 20),
    (40, 40, 160),
    (60, 110, 40),
)  # black, blue, red, green
STICKER_DIAMETERS_MM = (8.0, 12.0, 19.0)
STICKER_COLOURS_BGR = (
    (50, 50, 210),
    (60, 160, 60),
    (190, 120, 40),
    (60, 200, 240),
    (180, 90, 200),
    (170, 220, 250),
    (200, 200, 120),
    (40, 40, 40),
)
STICKER_PLACEMENTS = ("on_target", "between", "overlapping", "half_off", "anywhere")


def _poly(
    card: np.ndarray, points_mm, px_per_mm: float, colour, thickness_mm: float
) -> None:
    pts = np.round(np.asarray(points_mm, np.float64) * px_per_mm * 4).astype(np.int32)
    cv2.polylines(
        card,
        [pts],
        False,
        colour,
        max(1, round(thickness_mm * px_per_mm)),
        cv2.LINE_AA,
        shift=2,
    )


def mark_box(
    card: np.ndarray,
    box: Box,
    mark: str,
    px_per_mm: float,
    rng: np.random.Generator,
    pen,
) -> None:
    """Draw ``mark`` (a CHECK_MARKS key) on checkbox ``box``."""
    x, y, w, h = box.x_mm, box.y_mm, box.w_mm, box.h_mm
    cx, cy = box.center_mm
    j = lambda s=0.3: float(rng.uniform(-s, s))  # noqa: E731 - a hand's tremor
    thin = float(rng.uniform(0.25, 0.45))
    if mark == "small_tick":  # 2-3 mm tick, thin ballpoint, anywhere inside
        size = float(rng.uniform(2.0, 3.0))
        ox, oy = cx + j(0.6) - size / 2, cy + j(0.6) - size / 2
        _poly(
            card,
            [
                (ox, oy + 0.55 * size),
                (ox + 0.35 * size, oy + size),
                (ox + size, oy + j(0.2)),
            ],
            px_per_mm,
            pen,
            thin,
        )
    elif mark == "tick":
        _poly(
            card,
            [
                (x + 0.1 * w + j(), y + 0.45 * h + j()),
                (x + 0.4 * w + j(), y + 0.9 * h + j()),
                (x + 1.3 * w + j(), y - 0.5 * h + j()),
            ],
            px_per_mm,
            pen,
            thin + 0.2,
        )
    elif mark == "cross":
        _poly(
            card,
            [(x + j(), y + j()), (x + w + j(), y + h + j())],
            px_per_mm,
            pen,
            thin + 0.1,
        )
        _poly(
            card,
            [(x + w + j(), y + j()), (x + j(), y + h + j())],
            px_per_mm,
            pen,
            thin + 0.1,
        )
    elif mark == "fill":
        pts = np.array(
            [
                (x + 0.5, y + 0.5),
                (x + w - 0.5, y + 0.5),
                (x + w - 0.5, y + h - 0.5),
                (x + 0.5, y + h - 0.5),
            ]
        ) + rng.uniform(-0.4, 0.4, (4, 2))
        cv2.fillPoly(
            card, [np.round(pts * px_per_mm).astype(np.int32)], pen, cv2.LINE_AA
        )
    elif mark == "circle":  # a loop drawn round the box, not touching its inside
        r = float(np.hypot(w, h) / 2 + rng.uniform(0.8, 2.0))
        t = np.linspace(0, 2 * np.pi * 1.08, 40) + rng.uniform(0, 6.3)
        _poly(
            card,
            np.stack(
                [cx + r * np.cos(t) * rng.uniform(0.95, 1.1), cy + r * np.sin(t)], 1
            ),
            px_per_mm,
            pen,
            thin + 0.1,
        )
    elif mark == "scribble_out":  # a tick blackened over with dense zigzags
        mark_box(card, box, "tick", px_per_mm, rng, pen)
        n = int(rng.integers(12, 20))
        ys = np.linspace(y - 0.3, y + h + 0.3, n)
        xs = np.where(np.arange(n) % 2 == 0, x - 0.6, x + w + 0.6) + rng.uniform(
            -0.4, 0.4, n
        )
        _poly(card, np.stack([xs, ys], 1), px_per_mm, pen, thin + 0.35)
    elif mark == "slip":  # a pen slip beside the box, outside it
        side = 1 if rng.random() < 0.5 else -1
        sx = cx + side * (w / 2 + rng.uniform(1.0, 3.0))
        _poly(
            card,
            [(sx, cy - rng.uniform(0.5, 2)), (sx + j(0.8), cy + rng.uniform(0.5, 2))],
            px_per_mm,
            pen,
            thin,
        )
    elif mark != "empty":
        raise ValueError(f"unknown mark {mark!r}")


def sticker(
    card: np.ndarray, centre_mm, diameter_mm: float, colour, px_per_mm: float
) -> None:
    """An opaque round dot sticker with a soft edge and a faint sheen."""
    r = diameter_mm / 2 * px_per_mm
    size = int(2 * r) + 6
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) - (size - 1) / 2
    dist = np.sqrt(xx * xx + yy * yy)
    alpha = np.clip(r - dist + 0.5, 0, 1)[..., None]
    sheen = 1.0 + 0.10 * np.exp(
        -((xx + 0.3 * r) ** 2 + (yy + 0.3 * r) ** 2) / (0.2 * r * r)
    )
    patch = np.clip(np.asarray(colour, np.float32) * sheen[..., None], 0, 255)
    x0 = int(round(centre_mm[0] * px_per_mm - size / 2))
    y0 = int(round(centre_mm[1] * px_per_mm - size / 2))
    cx0, cy0 = max(x0, 0), max(y0, 0)
    cx1, cy1 = min(x0 + size, card.shape[1]), min(y0 + size, card.shape[0])
    if cx1 <= cx0 or cy1 <= cy0:
        return
    a = alpha[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
    p = patch[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
    region = card[cy0:cy1, cx0:cx1].astype(np.float32)
    card[cy0:cy1, cx0:cx1] = (region * (1 - a) + p * a).round().astype(np.uint8)


def aim_points(field) -> list[tuple[float, float]]:
    """Where people aim on a vote strip: its printed targets, or points across a plain strip."""
    targets = getattr(field, "targets", None) or ()
    if targets:
        return [t.center_mm for t in targets]
    b = field.box
    return [(b.x_mm + b.w_mm * (i + 0.5) / 8, b.y_mm + b.h_mm / 2) for i in range(8)]


def place_stickers(
    card: np.ndarray, field, count: int, px_per_mm: float, rng: np.random.Generator
) -> list[str]:
    """``count`` stickers on vote strip ``field``, each placed as people do; their placements."""
    aims = aim_points(field)
    b = field.box
    placed: list[tuple[float, float]] = []
    kinds = []
    for _ in range(count):
        kind = STICKER_PLACEMENTS[int(rng.integers(len(STICKER_PLACEMENTS)))]
        diameter = STICKER_DIAMETERS_MM[int(rng.integers(len(STICKER_DIAMETERS_MM)))]
        a = np.asarray(aims[int(rng.integers(len(aims)))], np.float64)
        if kind == "between" and len(aims) > 1:
            i = int(rng.integers(len(aims) - 1))
            a = (np.asarray(aims[i]) + np.asarray(aims[i + 1])) / 2
        elif kind == "overlapping" and placed:
            prev = np.asarray(placed[-1])
            angle = rng.uniform(0, 2 * np.pi)
            a = prev + 0.55 * diameter * np.array([np.cos(angle), np.sin(angle)])
        elif kind == "half_off":
            a = np.array([a[0], b.y_mm + (b.h_mm if rng.random() < 0.5 else 0.0)])
        elif kind == "anywhere":
            a = np.array(
                [
                    rng.uniform(b.x_mm + 3, b.right_mm - 3),
                    rng.uniform(b.y_mm + 3, b.bottom_mm - 3),
                ]
            )
        centre = a + rng.uniform(-1.5, 1.5, 2)
        # overlapping stickers still show each one: keep 40 % of a diameter between centres
        if any(np.hypot(*(centre - p)) < 0.4 * diameter for p in placed):
            centre = centre + np.array([0.45 * diameter, 0.0])
        colour = STICKER_COLOURS_BGR[int(rng.integers(len(STICKER_COLOURS_BGR)))]
        sticker(card, centre, diameter, colour, px_per_mm)
        placed.append((float(centre[0]), float(centre[1])))
        kinds.append(f"{kind}:{diameter:g}")
    return kinds


def pen_votes(
    card: np.ndarray, field, count: int, px_per_mm: float, rng: np.random.Generator, pen
) -> str:
    """``count`` votes with a pen: small dots, short strokes, or tally marks (IIII crossed)."""
    style = ("dots", "strokes", "tally")[int(rng.integers(3))]
    aims = aim_points(field)
    b = field.box
    if style == "tally":
        x0, y0 = b.x_mm + rng.uniform(4, 12), b.y_mm + b.h_mm / 2
        for i in range(count):
            group, k = divmod(i, 5)
            gx = x0 + group * 9.0
            if k < 4:
                xk = gx + k * 1.6
                _poly(card, [(xk, y0 - 3), (xk + 0.3, y0 + 3)], px_per_mm, pen, 0.5)
            else:
                _poly(card, [(gx - 1, y0 + 2), (gx + 6, y0 - 2)], px_per_mm, pen, 0.5)
        return style
    chosen = rng.choice(len(aims), size=min(count, len(aims)), replace=False)
    for i in chosen:
        cx, cy = np.asarray(aims[int(i)]) + rng.uniform(-1.5, 1.5, 2)
        if style == "dots":
            r = float(
                rng.uniform(0.7, 1.6)
            )  # small pen dots: under-counted on held-out photos
            cv2.circle(
                card,
                (int(cx * px_per_mm), int(cy * px_per_mm)),
                max(1, int(r * px_per_mm)),
                pen,
                -1,
                cv2.LINE_AA,
            )
        else:
            d = rng.uniform(1.5, 3.0)
            _poly(
                card,
                [
                    (cx - d, cy + d * rng.uniform(-0.5, 0.5)),
                    (cx + d, cy + d * rng.uniform(-0.5, 0.5)),
                ],
                px_per_mm,
                pen,
                0.6,
            )
    return style
