"""The printable invitation (issue 5): the workshop's details, the registration link and its QR.

A4 or A5 portrait, black on white (photocopies well). The QR code of the link is drawn as
vector squares like the cards' codes, but it is a general code (any version, byte mode): a
URL does not fit the cards' version-1 alphanumeric format. All text is plain text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from printables.kitdata import KitWorkshop
from printables.layout import Box
from printables.link_qr import QUIET_MODULES, draw_matrix, link_matrix
from printables.programme import format_date, format_time
from printables.render import A4_PORTRAIT_MM, Document, Surface, text_width_mm, wrap_text

LINE_FACTOR = 0.46  # line height in mm per pt of font size (as on the run-sheet)
LABEL_GAP_MM = 3.0
TEXT_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)  # long titles and addresses shrink to stay above the QR


@dataclass(frozen=True)
class FlyerFormat:
    name: str
    page_mm: tuple[float, float]
    margin_mm: float
    title_pt: float
    body_pt: float
    qr_mm: float  # a phone reads it from ~40 cm at A4, ~30 cm at A5


FORMATS = {
    "A4": FlyerFormat("A4", A4_PORTRAIT_MM, 18.0, 26.0, 12.0, 55.0),
    "A5": FlyerFormat("A5", (148.0, 210.0), 12.0, 18.0, 9.0, 40.0),
}


@dataclass(frozen=True)
class FlyerInfo:
    """What the invitation adds to the workshop's printed details (the same KitWorkshop as the
    kit's): the link and the registration terms, in the reader's language (plain text)."""
    workshop: KitWorkshop
    url: str
    last_day: dt.date | None = None  # last day to register
    limited_seats: bool = False
    invitation: str = "Invitation"
    pitch: tuple[str, ...] = (
        "Une journée pour se connaître, partager un diagnostic et faire naître des projets "
        "ensemble, entre professionnels, élus, associations, porteurs de projet et habitants.",
        "En vous inscrivant, répondez à un court questionnaire : vos idées seront affichées "
        "au mur dès le matin de l'atelier.",
    )
    scan_hint: str = "Inscription gratuite : scannez le code ou tapez l'adresse"


def when_line(workshop: KitWorkshop) -> str:
    parts = [format_date(workshop.date)] if workshop.date else []
    if workshop.start and workshop.end:
        parts.append(f"{format_time(workshop.start)} – {format_time(workshop.end)}")
    elif workshop.start:
        parts.append(f"à partir de {format_time(workshop.start)}")
    return ", ".join(parts)


def detail_lines(info: FlyerInfo) -> list[tuple[str, str]]:
    workshop = info.workshop
    rows = [("Quand", when_line(workshop)), ("Où", workshop.place),
            ("Organisation", workshop.organiser), ("Contact", workshop.contact)]
    if info.last_day:
        seats = " (places limitées)" if info.limited_seats else ""
        rows.append(("Inscription", f"jusqu'au {format_date(info.last_day)}{seats}"))
    elif info.limited_seats:
        rows.append(("Inscription", "places limitées"))
    return [(label, text) for label, text in rows if text]


class Column:
    """A cursor going down the page, in mm from the top, text wrapped to ``width_mm``.

    With no page it only measures (the text is laid out once to choose its size).
    """

    def __init__(self, page: Surface | None, x_mm: float, y_mm: float, width_mm: float):
        self.page, self.x_mm, self.y_mm, self.width_mm = page, x_mm, y_mm, width_mm

    def lines(self, text: str, size_pt: float, bold: bool = False, gray: float = 0.0,
              indent_mm: float = 0.0) -> None:
        for line in wrap_text(text, self.width_mm - indent_mm, size_pt, bold):
            self.y_mm += size_pt * LINE_FACTOR
            if self.page is not None:
                self.page.text(self.x_mm + indent_mm, self.y_mm, line, size_pt, bold=bold,
                               gray=gray)

    def label(self, text: str, size_pt: float) -> None:
        if self.page is not None:
            self.page.text(self.x_mm, self.y_mm + size_pt * LINE_FACTOR, text, size_pt, bold=True)

    def gap(self, height_mm: float) -> None:
        self.y_mm += height_mm


def draw_text(column: Column, info: FlyerInfo, fmt: FlyerFormat) -> None:
    column.lines(info.invitation.upper(), fmt.body_pt, bold=True, gray=0.35)
    column.gap(fmt.body_pt * 0.3)
    column.lines(info.workshop.title, fmt.title_pt, bold=True)
    if info.workshop.theme:
        column.lines(info.workshop.theme, fmt.body_pt * 1.2, gray=0.25)
    column.gap(fmt.body_pt * 0.6)
    details = detail_lines(info)
    label_mm = max((text_width_mm(label, fmt.body_pt, bold=True) for label, _ in details),
                   default=0.0) + LABEL_GAP_MM
    for label, text in details:
        column.gap(fmt.body_pt * 0.15)
        column.label(label, fmt.body_pt)
        column.lines(text, fmt.body_pt, indent_mm=label_mm)
    column.gap(fmt.body_pt * 0.6)
    for paragraph in info.pitch:
        column.lines(paragraph, fmt.body_pt)
        column.gap(fmt.body_pt * 0.2)


def draw_link(page: Surface, info: FlyerInfo, fmt: FlyerFormat) -> float:
    """The QR code centred at the foot of the page, the hint above it and the URL below.

    Returns the top of what it drew, in mm: the text above must end before it.
    """
    width_mm, height_mm = fmt.page_mm
    matrix = link_matrix(info.url)
    quiet_mm = fmt.qr_mm / matrix.shape[0] * QUIET_MODULES
    url_lines = wrap_text(info.url, width_mm - 2 * fmt.margin_mm, fmt.body_pt)
    url_top = height_mm - fmt.margin_mm - len(url_lines) * fmt.body_pt * LINE_FACTOR
    box = Box((width_mm - fmt.qr_mm) / 2, url_top - quiet_mm - fmt.qr_mm, fmt.qr_mm, fmt.qr_mm)
    draw_matrix(page, matrix, box)
    page.text(width_mm / 2, box.y_mm - quiet_mm, info.scan_hint, fmt.body_pt, bold=True,
              align="centre")
    for i, line in enumerate(url_lines):
        page.text(width_mm / 2, url_top + (i + 1) * fmt.body_pt * LINE_FACTOR, line, fmt.body_pt,
                  align="centre")
    return box.y_mm - quiet_mm - fmt.body_pt * LINE_FACTOR * 2


def fitted_format(info: FlyerInfo, fmt: FlyerFormat, bottom_mm: float) -> FlyerFormat:
    """The largest text scale at which the details end above ``bottom_mm``."""
    for scale in TEXT_SCALES:
        scaled = replace(fmt, title_pt=fmt.title_pt * scale, body_pt=fmt.body_pt * scale)
        column = Column(None, fmt.margin_mm, fmt.margin_mm, fmt.page_mm[0] - 2 * fmt.margin_mm)
        draw_text(column, info, scaled)
        if column.y_mm <= bottom_mm:
            return scaled
    return scaled  # absurdly long texts: the smallest size, and they may run into the code


def flyer_pdf(info: FlyerInfo, paper: str = "A4") -> bytes:
    """The invitation as a one-page PDF; ``paper`` is "A4" or "A5"."""
    fmt = FORMATS[paper]
    doc = Document(f"Invitation – {info.workshop.title}")
    page = doc.new_page(fmt.page_mm)
    page.rect(Box(fmt.margin_mm / 2, fmt.margin_mm / 2, fmt.page_mm[0] - fmt.margin_mm,
                  fmt.page_mm[1] - fmt.margin_mm), stroke_gray=0.0, line_mm=0.6)
    bottom_mm = draw_link(page, info, fmt)
    text_fmt = fitted_format(info, fmt, bottom_mm)
    column = Column(page, fmt.margin_mm, fmt.margin_mm, fmt.page_mm[0] - 2 * fmt.margin_mm)
    draw_text(column, info, text_fmt)
    return doc.to_bytes()
