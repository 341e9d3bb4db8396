"""The group sheet "Graine de projet": one A4 portrait page per group, 10 member rows.

The member rows are a table: one header line above the first row and a row number in the left
margin, instead of a label above every box (the rows are 10 mm apart, with no room for labels).
"""
from __future__ import annotations

from printables.cards import draw_chrome, draw_code, draw_convention, place_static, printed_type
from printables.fields import LABEL_GRAY, LABEL_SIZE_PT, draw_field, draw_label_above, draw_prefill
from printables.kitdata import KitCard
from printables.layout import MEMBER_ROWS, CardType, Field
from printables.render import Document, Surface
from printables.wording import MEMBER_HEADERS, MEMBERS_TITLE, SHEET_SUBTITLE

SUBTITLE_BASELINE_MM = 17.6
SUBTITLE_SIZE_PT = 7.5
MEMBERS_TITLE_SIZE_PT = 9.0
MEMBERS_TITLE_GAP_MM = 5.5  # the "Membres" heading's baseline above the header line
ROW_NUMBER_X_MM = 2.5  # in the left margin of the sheet (7.5 mm from the page edge)


def is_member_field(field: Field) -> bool:
    return field.name.startswith("membre_")


def member_field(row: int, column: str) -> str:
    return f"membre_{row}_{column}"


def _draw_members(surface: Surface, card: CardType) -> None:
    first = card.field(member_field(1, "nom"))
    surface.text(first.box.x_mm, first.box.y_mm - MEMBERS_TITLE_GAP_MM, MEMBERS_TITLE,
                 MEMBERS_TITLE_SIZE_PT, bold=True)
    for column, header in MEMBER_HEADERS.items():
        draw_label_above(
            surface, Field(column, "text", header, card.field(member_field(1, column)).box)
        )
    for row in range(1, MEMBER_ROWS + 1):
        box = card.field(member_field(row, "nom")).box
        surface.text(ROW_NUMBER_X_MM, box.y_mm + box.h_mm / 2 + 1.0, str(row), LABEL_SIZE_PT,
                     gray=LABEL_GRAY, align="centre")


def draw_sheet_static(surface: Surface, card: CardType) -> None:
    draw_chrome(surface, card)
    surface.text(
        card.markers[0].x_mm, SUBTITLE_BASELINE_MM, SHEET_SUBTITLE, SUBTITLE_SIZE_PT, gray=0.3
    )
    for field in card.fields:
        draw_field(surface, field, card, label=not is_member_field(field))
    _draw_members(surface, card)
    draw_convention(surface, card)


def place_sheet(doc: Document, page: Surface, item: KitCard, x_mm: float, y_mm: float) -> None:
    card = printed_type(item)
    local = place_static(doc, page, card, x_mm, y_mm, draw_sheet_static)
    draw_code(local, card, item.code)
    for name, text in item.prefill.items():  # e.g. a project title carried over from a wall
        if text:
            draw_prefill(local, card.field(name), text)
