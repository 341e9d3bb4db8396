"""Where cards go on A4 pages, and the cut marks between them.

Office laser printers leave about 4 mm unprinted: every mark of ink stays PAGE_MARGIN_MM from
the page edge. Cards of one page are separated by gutters so that each card has its own cut
marks, outside every card (a slightly wrong cut never slices through another card).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from printables.layout import (
    IDENTITY_H_MM,
    IDENTITY_W_MM,
    POSTER_H_MM,
    POSTER_W_MM,
    SHEET_H_MM,
    SHEET_W_MM,
    SMALL_H_MM,
    SMALL_W_MM,
    Box,
)
from printables.render import A4_LANDSCAPE_MM, A4_PORTRAIT_MM, Surface

PAGE_MARGIN_MM = 5.0  # no ink closer to the page edge (office printers)
CUT_MARK_OFFSET_MM = 1.0  # a mark starts this far from the card corner
CUT_MARK_MM = 3.0
CUT_MARK_MIN_MM = 1.0  # shorter marks (squeezed by the margin) are left out
CUT_MARK_CLEAR_MM = 0.5  # a mark stops this far from any card
CUT_MARK_LINE_MM = 0.2


@dataclass(frozen=True)
class Imposition:
    """A page of a given size with card slots (top-left corners in mm) and cut marks or not."""
    name: str
    page_mm: tuple[float, float]
    card_mm: tuple[float, float]
    slots: tuple[tuple[float, float], ...]
    cut_marks: bool

    @property
    def per_page(self) -> int:
        return len(self.slots)

    def boxes(self) -> list[Box]:
        return [Box(x, y, *self.card_mm) for x, y in self.slots]


def _grid(page_mm: tuple[float, float], card_mm: tuple[float, float], cols: int, rows: int,
          gutter_mm: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """Slots of a centred grid, row by row from the top-left."""
    block_w = cols * card_mm[0] + (cols - 1) * gutter_mm[0]
    block_h = rows * card_mm[1] + (rows - 1) * gutter_mm[1]
    left, top = (page_mm[0] - block_w) / 2, (page_mm[1] - block_h) / 2
    return tuple((left + c * (card_mm[0] + gutter_mm[0]), top + r * (card_mm[1] + gutter_mm[1]))
                 for r in range(rows) for c in range(cols))


# 4 small cards on A4 landscape: 2 x 140 + 5 mm gutter = 285 of 297 mm; 2 x 98 + 4 = 200 of 210.
SMALL = Imposition("small", A4_LANDSCAPE_MM, (SMALL_W_MM, SMALL_H_MM),
                   _grid(A4_LANDSCAPE_MM, (SMALL_W_MM, SMALL_H_MM), 2, 2, (5.0, 4.0)), True)
# 2 identity cards on A4 portrait: 196 of 210 mm wide; 2 x 138 + 7 mm gutter = 283 of 297.
IDENTITY = Imposition("identity", A4_PORTRAIT_MM, (IDENTITY_W_MM, IDENTITY_H_MM),
                      _grid(A4_PORTRAIT_MM, (IDENTITY_W_MM, IDENTITY_H_MM), 1, 2, (0.0, 7.0)), True)
SHEET = Imposition("sheet", A4_PORTRAIT_MM, (SHEET_W_MM, SHEET_H_MM), ((5.0, 5.0),), False)
POSTER = Imposition("poster", A4_LANDSCAPE_MM, (POSTER_W_MM, POSTER_H_MM), ((5.0, 5.0),), False)


def _mark_segments(card: Box) -> list[tuple[float, float, float, float]]:
    """Two marks per corner, continuing the card's edges outwards: (x1, y1, x2, y2)."""
    start, end = CUT_MARK_OFFSET_MM, CUT_MARK_OFFSET_MM + CUT_MARK_MM
    segments = []
    for x in (card.x_mm, card.right_mm):
        segments += [(x, card.y_mm - start, x, card.y_mm - end),
                     (x, card.bottom_mm + start, x, card.bottom_mm + end)]
    for y in (card.y_mm, card.bottom_mm):
        segments += [(card.x_mm - start, y, card.x_mm - end, y),
                     (card.right_mm + start, y, card.right_mm + end, y)]
    return segments


def _clip(segment: tuple[float, float, float, float], page_mm: tuple[float, float],
          cards: list[Box]) -> tuple[float, float, float, float] | None:
    """Shorten a mark to the printable area and away from every card; None if too short."""
    x1, y1, x2, y2 = segment
    vertical = x1 == x2
    across, (a, b) = (x1, sorted((y1, y2))) if vertical else (y1, sorted((x1, x2)))
    lo, hi = PAGE_MARGIN_MM, page_mm[1 if vertical else 0] - PAGE_MARGIN_MM
    for card in cards:
        grown = card.grown(CUT_MARK_CLEAR_MM)
        side = (grown.x_mm, grown.right_mm) if vertical else (grown.y_mm, grown.bottom_mm)
        span = (grown.y_mm, grown.bottom_mm) if vertical else (grown.x_mm, grown.right_mm)
        if side[0] < across < side[1]:
            lo, hi = _shrink(a, b, lo, hi, *span)
    a, b = max(a, lo), min(b, hi)
    if b - a < CUT_MARK_MIN_MM:
        return None
    return (across, a, across, b) if vertical else (a, across, b, across)


def _shrink(a: float, b: float, lo: float, hi: float, obstacle_lo: float, obstacle_hi: float
            ) -> tuple[float, float]:
    """Narrow the allowed range [lo, hi] of the mark [a, b] so it stays off an obstacle."""
    if obstacle_hi <= a or obstacle_lo >= b:
        return lo, hi
    if obstacle_lo <= a and obstacle_hi >= b:
        return hi, lo  # swallowed: an empty range drops the mark
    if obstacle_lo <= a:
        return max(lo, obstacle_hi), hi
    return lo, min(hi, obstacle_lo)


@functools.cache
def cut_marks(
    imposition: Imposition, occupied: int
) -> tuple[tuple[float, float, float, float], ...]:
    """The cut marks of a page holding cards in its first ``occupied`` slots (x1, y1, x2, y2)."""
    if not imposition.cut_marks:
        return ()
    boxes = imposition.boxes()
    marks = {
        _clip(s, imposition.page_mm, boxes) for b in boxes[:occupied] for s in _mark_segments(b)
    }
    return tuple(sorted(m for m in marks if m is not None))


def draw_cut_marks(page: Surface, imposition: Imposition, occupied: int) -> None:
    for x1, y1, x2, y2 in cut_marks(imposition, occupied):
        page.line(x1, y1, x2, y2, gray=0.0, line_mm=CUT_MARK_LINE_MM)
