"""What makes a card type recognisable on a black-and-white printout: an icon and a hatch band.

Each card type (and the zone poster heading its wall) gets its own pictogram and its own line
pattern, so that "Frein" and "Levier" cards can be told apart at arm's length without colour.
All geometry in mm, drawn through render.Surface.
"""
from __future__ import annotations

import math
from collections.abc import Callable

from printables.layout import HOME_ZONE, Box
from printables.render import Surface

HATCH_PITCH_MM = 1.6  # fine enough to read as a texture, coarse enough for a 600 dpi laser
HATCH_LINE_MM = 0.35
ICON_LINE_MM = 0.5


def _lines(surface: Surface, box: Box, angle_deg: float) -> None:
    """Parallel lines at ``angle_deg`` (0 = horizontal) covering ``box``, clipped to it."""
    angle = math.radians(angle_deg)
    dx, dy = math.cos(angle), math.sin(angle)
    reach_mm = box.w_mm + box.h_mm
    cx, cy = box.center_mm
    steps = int(reach_mm / HATCH_PITCH_MM) + 1
    for i in range(-steps, steps + 1):
        ox, oy = cx - dy * i * HATCH_PITCH_MM, cy + dx * i * HATCH_PITCH_MM
        surface.line(ox - dx * reach_mm, oy - dy * reach_mm, ox + dx * reach_mm, oy + dy * reach_mm,
                     line_mm=HATCH_LINE_MM)


def _dots(surface: Surface, box: Box) -> None:
    cols = int(box.w_mm / HATCH_PITCH_MM)
    rows = int(box.h_mm / HATCH_PITCH_MM)
    for r in range(rows):
        for c in range(cols):
            surface.circle(
                box.x_mm + (c + 0.5) * HATCH_PITCH_MM,
                box.y_mm + (r + 0.5) * HATCH_PITCH_MM,
                0.45,
                fill_gray=0.0,
            )


def _zigzag(surface: Surface, box: Box) -> None:
    half_mm = box.h_mm / 2
    for row_y in (box.y_mm + half_mm / 2, box.y_mm + 1.5 * half_mm):
        points = [(box.x_mm + i * half_mm, row_y + (half_mm / 2 if i % 2 else -half_mm / 2))
                  for i in range(int(box.w_mm / half_mm) + 2)]
        surface.polygon(points, stroke_gray=0.0, line_mm=HATCH_LINE_MM, closed=False)


def _crossed_lines(surface: Surface, box: Box) -> None:
    _lines(surface, box, 45)
    _lines(surface, box, 135)


PATTERNS: dict[str, Callable[[Surface, Box], None]] = {
    "identite": lambda s, b: _lines(s, b, 135),
    "frein": lambda s, b: _lines(s, b, 0),
    "levier": lambda s, b: _lines(s, b, 45),
    "ressource": _dots,
    "besoin": _crossed_lines,
    "contact": lambda s, b: _lines(s, b, 90),
    "graine": _zigzag,
}


def pattern_key(type_key: str, zone: str | None = None) -> str:
    """The card type whose pattern and icon a card or zone poster wears."""
    if zone is None:
        return type_key
    return {z: t for t, z in HOME_ZONE.items()}[zone]


def hatch_band(surface: Surface, key: str, box: Box) -> None:
    with surface.clipped(box):
        PATTERNS[key](surface, box)
    surface.rect(box, stroke_gray=0.0, line_mm=HATCH_LINE_MM)


def _person(s: Surface, b: Box) -> None:
    u = b.w_mm / 10
    s.circle(b.x_mm + 5 * u, b.y_mm + 3 * u, 2.2 * u, fill_gray=0.0)
    s.polygon([(b.x_mm + 1 * u, b.bottom_mm), (b.x_mm + 2 * u, b.y_mm + 6.2 * u),
               (b.x_mm + 8 * u, b.y_mm + 6.2 * u), (b.x_mm + 9 * u, b.bottom_mm)], fill_gray=0.0)


def _no_entry(s: Surface, b: Box) -> None:
    cx, cy = b.center_mm
    s.circle(cx, cy, b.w_mm / 2, fill_gray=0.0)
    s.rect(
        Box(b.x_mm + b.w_mm * 0.18, cy - b.h_mm * 0.1, b.w_mm * 0.64, b.h_mm * 0.2), fill_gray=1.0
    )


def _lever(s: Surface, b: Box) -> None:
    u = b.w_mm / 10
    s.polygon([(b.x_mm + 4 * u, b.bottom_mm), (b.x_mm + 6 * u, b.bottom_mm),
               (b.x_mm + 5 * u, b.y_mm + 7.5 * u)], fill_gray=0.0)
    s.line(b.x_mm, b.y_mm + 9 * u, b.right_mm - u, b.y_mm + 3 * u, line_mm=ICON_LINE_MM * 2)
    s.polygon([(b.right_mm - 2.5 * u, b.y_mm + 0.5 * u), (b.right_mm, b.y_mm + 0.5 * u),
               (b.right_mm - 0.8 * u, b.y_mm + 3 * u)], fill_gray=0.0)


def _house(s: Surface, b: Box) -> None:
    u = b.w_mm / 10
    s.polygon(
        [(b.x_mm, b.y_mm + 4.5 * u), (b.x_mm + 5 * u, b.y_mm), (b.right_mm, b.y_mm + 4.5 * u)],
        fill_gray=0.0,
    )
    s.rect(Box(b.x_mm + 1.5 * u, b.y_mm + 4.5 * u, 7 * u, 5.5 * u), fill_gray=0.0)
    s.rect(Box(b.x_mm + 4 * u, b.y_mm + 6.5 * u, 2 * u, 3.5 * u), fill_gray=1.0)


def _question(s: Surface, b: Box) -> None:
    cx, cy = b.center_mm
    s.circle(cx, cy, b.w_mm / 2, stroke_gray=0.0, line_mm=ICON_LINE_MM * 1.5)
    s.text(cx, cy + b.h_mm * 0.3, "?", size_pt=b.h_mm * 2.2, bold=True, align="centre")


def _envelope(s: Surface, b: Box) -> None:
    body = Box(b.x_mm, b.y_mm + b.h_mm * 0.15, b.w_mm, b.h_mm * 0.7)
    s.rect(body, stroke_gray=0.0, line_mm=ICON_LINE_MM * 1.5)
    s.polygon(
        [
            (body.x_mm, body.y_mm),
            (body.x_mm + body.w_mm / 2, body.y_mm + body.h_mm * 0.6),
            (body.right_mm, body.y_mm),
        ],
        stroke_gray=0.0,
        line_mm=ICON_LINE_MM * 1.5,
        closed=False,
    )


def _sprout(s: Surface, b: Box) -> None:
    u = b.w_mm / 10
    s.line(b.x_mm + 5 * u, b.bottom_mm, b.x_mm + 5 * u, b.y_mm + 3 * u, line_mm=ICON_LINE_MM * 2)
    s.polygon(
        [
            (b.x_mm + 5 * u, b.y_mm + 5 * u),
            (b.x_mm, b.y_mm + 2 * u),
            (b.x_mm + 2 * u, b.y_mm + 6 * u),
        ],
        fill_gray=0.0,
    )
    s.polygon(
        [
            (b.x_mm + 5 * u, b.y_mm + 3.5 * u),
            (b.right_mm, b.y_mm),
            (b.right_mm - 2 * u, b.y_mm + 4.5 * u),
        ],
        fill_gray=0.0,
    )
    s.line(b.x_mm + u, b.bottom_mm, b.right_mm - u, b.bottom_mm, line_mm=ICON_LINE_MM * 2)


ICONS: dict[str, Callable[[Surface, Box], None]] = {
    "identite": _person, "frein": _no_entry, "levier": _lever, "ressource": _house,
    "besoin": _question, "contact": _envelope, "graine": _sprout,
}


def icon(surface: Surface, key: str, box: Box) -> None:
    ICONS[key](surface, box)
