"""How a field of the layout is printed: its box, its label, checkboxes and vote targets.

Geometry comes from printables.layout; this module only decides where the words go, in mm.
``checkbox_label`` is public so tests can prove no label runs into another box.
"""
from __future__ import annotations

from dataclasses import dataclass

from printables.layout import (
    LABEL_GAP_MM,
    MARKER_INSET_MM,
    VOTE_AREA_LINE_MM,
    Box,
    CardType,
    Field,
)
from printables.render import Surface, fit_size_pt, text_width_mm, wrap_text
from printables.wording import GROUP_HEADINGS

LABEL_SIZE_PT = 6.5  # 2.3 mm high: readable, and fits the 3.5 mm label band
LABEL_BASELINE_GAP_MM = 0.9  # baseline this far above the box: descenders stay off the line
LABEL_GRAY = 0.2
BOX_GRAY = 0.55  # thin grey outlines: a guide for the pen, faint for the scanner's crops
BOX_LINE_MM = 0.25
CHECKBOX_LINE_MM = 0.35
CHECKBOX_LABEL_GAP_MM = 1.5
CHECKBOX_LABEL_PT = (7.0, 5.5)  # preferred and smallest size of a checkbox label
VOTE_LINE_MM = 0.3
VOTE_GRAY = 0.35
# layout 2's plain vote area: a dark thin outline (found again by the scanner like a checkbox's),
# nothing inside it, so no printed line crosses a sticker or a stroke
VOTE_AREA_GRAY = 0.25
HEADING_SIZE_PT = 6.5
HEADING_BASELINE_GAP_MM = 1.3


@dataclass(frozen=True)
class LabelLines:
    lines: tuple[str, ...]
    size_pt: float
    x_mm: float
    baselines_mm: tuple[float, ...]
    box: Box  # the area the label may use


def draw_field(surface: Surface, field: Field, card: CardType, label: bool = True) -> None:
    if field.kind == "checkbox":
        draw_checkbox(surface, field, card)
    elif field.kind == "votes":
        draw_votes(surface, field)
    else:
        surface.rect(field.box, stroke_gray=BOX_GRAY, line_mm=BOX_LINE_MM)
    if label and field.kind != "checkbox":
        draw_label_above(surface, field)


def draw_label_above(surface: Surface, field: Field) -> None:
    size_pt = fit_size_pt(field.label, field.box.w_mm, LABEL_SIZE_PT, 5.0)
    surface.text(field.box.x_mm, field.box.y_mm - LABEL_BASELINE_GAP_MM, field.label, size_pt,
                 gray=LABEL_GRAY)


def label_band(field: Field) -> Box:
    """The band just above a box where its label is printed (layout.LABEL_GAP_MM)."""
    return Box(field.box.x_mm, field.box.y_mm - LABEL_GAP_MM, field.box.w_mm, LABEL_GAP_MM)


def draw_votes(surface: Surface, field: Field) -> None:
    """Layout 1: the target circles; layout 2 (no targets): the plain area's outline."""
    if not field.targets:
        surface.rect(field.box, stroke_gray=VOTE_AREA_GRAY, line_mm=VOTE_AREA_LINE_MM)
    for target in field.targets:
        cx, cy = target.center_mm
        surface.circle(cx, cy, target.w_mm / 2, stroke_gray=VOTE_GRAY, line_mm=VOTE_LINE_MM)


def _label_room_mm(field: Field, card: CardType) -> float:
    """Width free to the right of a checkbox, up to the next box on its row or the card edge."""
    start = field.box.right_mm + CHECKBOX_LABEL_GAP_MM
    limit = card.width_mm - MARKER_INSET_MM
    row = Box(start, field.box.y_mm, card.width_mm, field.box.h_mm)
    for other in card.fields:
        if other is not field and other.box.x_mm >= start and other.box.overlaps(row):
            limit = min(limit, other.box.x_mm - CHECKBOX_LABEL_GAP_MM)
    return limit - start


def checkbox_label(field: Field, card: CardType) -> LabelLines:
    """One line at 7 pt if it fits, else shrunk, else two lines at the smallest size."""
    room_mm = _label_room_mm(field, card)
    x_mm = field.box.right_mm + CHECKBOX_LABEL_GAP_MM
    box = Box(x_mm, field.box.y_mm, room_mm, field.box.h_mm)
    centre_mm = field.box.y_mm + field.box.h_mm / 2
    preferred, smallest = CHECKBOX_LABEL_PT
    size_pt = fit_size_pt(field.label, room_mm, preferred, smallest)
    if text_width_mm(field.label, size_pt) <= room_mm:
        return LabelLines((field.label,), size_pt, x_mm, (centre_mm + size_pt * 0.12,), box)
    lines = tuple(wrap_text(field.label, room_mm, smallest))
    return LabelLines(lines, smallest, x_mm, (centre_mm - 0.3, centre_mm + 1.9)[:len(lines)], box)


def draw_checkbox(surface: Surface, field: Field, card: CardType) -> None:
    surface.rect(field.box, stroke_gray=0.0, line_mm=CHECKBOX_LINE_MM)
    label = checkbox_label(field, card)
    for line, baseline in zip(label.lines, label.baselines_mm):
        surface.text(label.x_mm, baseline, line, label.size_pt, gray=LABEL_GRAY)


def underline_label(surface: Surface, field: Field, card: CardType) -> None:
    """Mark a checkbox whose answer we already know: the label is underlined, the box stays
    empty."""
    label = checkbox_label(field, card)
    for line, baseline in zip(label.lines, label.baselines_mm):
        width_mm = text_width_mm(line, label.size_pt)
        surface.line(label.x_mm, baseline + 0.6, label.x_mm + width_mm, baseline + 0.6,
                     gray=0.35, line_mm=0.3)


def draw_group_headings(surface: Surface, card: CardType) -> None:
    seen: set[str] = set()
    for field in card.fields:
        if field.group and field.group not in seen and field.group in GROUP_HEADINGS:
            seen.add(field.group)
            heading = GROUP_HEADINGS[field.group]
            room_mm = card.width_mm - MARKER_INSET_MM - field.box.x_mm
            size_pt = fit_size_pt(heading, room_mm, HEADING_SIZE_PT, 5.0, bold=True)
            surface.text(field.box.x_mm, field.box.y_mm - HEADING_BASELINE_GAP_MM, heading,
                         size_pt, bold=True, gray=LABEL_GRAY)


def draw_prefill(surface: Surface, field: Field, text: str) -> None:
    """Known text printed in dark grey at the top-left of its box, to be corrected by hand."""
    pad_mm = 1.2
    width_mm = field.box.w_mm - 2 * pad_mm
    for size_pt in (8.5, 7.5, 6.5):
        line_mm, ascent_mm, descent_mm = size_pt * 0.45, size_pt * 0.3, size_pt * 0.085
        room_mm = field.box.h_mm - pad_mm - 0.3 - ascent_mm - descent_mm
        capacity = max(1, int(room_mm / line_mm) + 1)
        lines = wrap_text(text, width_mm, size_pt)
        if len(lines) <= capacity:
            break
    lines = _truncate(lines, capacity, width_mm, size_pt)
    with surface.clipped(field.box):  # an over-long word must not run into the next box
        for i, line in enumerate(lines):
            surface.text(
                field.box.x_mm + pad_mm,
                field.box.y_mm + pad_mm + size_pt * 0.3 + i * line_mm,
                line,
                size_pt,
                gray=0.3,
            )


def _truncate(lines: list[str], capacity: int, width_mm: float, size_pt: float) -> list[str]:
    if len(lines) <= capacity and all(text_width_mm(line, size_pt) <= width_mm for line in lines):
        return lines
    kept = lines[:capacity]
    last = kept[-1]
    while last and text_width_mm(last + "…", size_pt) > width_mm:
        last = last[:-1]
    return kept[:-1] + [last.rstrip() + "…"]
