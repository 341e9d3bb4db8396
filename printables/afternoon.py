"""The lunch-hour print (issue 11): a run-sheet page listing the afternoon groups and their
tables, then one pre-filled "Graine de projet" sheet per confirmed group.

The sheets are the group sheet of the kit (printables.sheets, the same layout spec in mm that
the scanner reads), with the group's name, its needs and its members printed in their boxes;
the QR code is the group's own card code, so a photo of the sheet finds its group. Strings come
in already translated; this module imports nothing of the app.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from printables.imposition import SHEET, draw_cut_marks
from printables.kitdata import KitCard
from printables.render import Document
from printables.runsheet import BODY_PT, SMALL_PT, TITLE_PT, Flow
from printables.sheets import place_sheet

TABLE_COLUMN_MM = 26.0
Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass(frozen=True)
class AfternoonGroupSheet:
    """One confirmed group: its sheet (code and pre-filled boxes) and its run-sheet line."""
    sheet: KitCard
    table: str  # "Table 3"
    line: str  # "Pas de bus le dimanche — 4 besoins, 1 frein, 12 votes, 3 personnes" (translated)


@dataclass(frozen=True)
class RunSheetText:
    kicker: str  # "Groupes de l'après-midi"
    title: str  # the workshop's title
    intro: str
    empty: str  # said when no group is confirmed


def draw_afternoon_runsheet(doc: Document, text: RunSheetText,
                            groups: tuple[AfternoonGroupSheet, ...]) -> None:
    flow = Flow(doc)
    flow.lines(text.kicker, SMALL_PT, gray=0.35)
    flow.lines(text.title, TITLE_PT, bold=True)
    flow.gap(2.0)
    flow.lines(text.intro, BODY_PT, gray=0.2)
    flow.gap(3.0)
    if not groups:
        flow.lines(text.empty, BODY_PT)
    for group in groups:
        flow.row(group.table, group.line, TABLE_COLUMN_MM, bold_left=True)
        flow.gap(1.5)


def afternoon_pdf(text: RunSheetText, groups: tuple[AfternoonGroupSheet, ...],
                  with_runsheet: bool = True, progress: Progress | None = None) -> bytes:
    """The run-sheet page (unless ``with_runsheet`` is false), then one sheet per group."""
    doc = Document(text.kicker)
    if with_runsheet:
        draw_afternoon_runsheet(doc, text, groups)
    for done, group in enumerate(groups, start=1):
        page = doc.new_page(SHEET.page_mm)
        x_mm, y_mm = SHEET.slots[0]
        place_sheet(doc, page, group.sheet, x_mm, y_mm)
        draw_cut_marks(page, SHEET, 1)
        if progress is not None:
            progress(done, len(groups))
    return doc.to_bytes()
