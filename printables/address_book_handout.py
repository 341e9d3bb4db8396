"""The address-book handout: one A6 slip per participant with their personal link, as text and
as a QR code, four slips to an A4 sheet with cut lines (issue 10, point 3).

Black on white, plain text; the QR code is the flyer's (vector squares, any version). Every
string comes in already translated (``HandoutTexts``), this module only lays it out.
"""
from __future__ import annotations

from dataclasses import dataclass

from printables.flyer import QUIET_MODULES, draw_matrix, link_matrix
from printables.layout import Box
from printables.photo_card import lines
from printables.render import A4_PORTRAIT_MM, Document, text_width_mm

SLIP_MM = (A4_PORTRAIT_MM[0] / 2, A4_PORTRAIT_MM[1] / 2)  # A6: four to a sheet
MARGIN_MM = 9.0  # inside each slip: keeps text 9 mm from the sheet's edge (office printers)
QR_MM = 56.0  # read from ~30 cm by any phone camera; a ~70-character link is version 4-5
TITLE_PT, NAME_PT, BODY_PT, SMALL_PT, URL_PT = 13.0, 12.0, 8.5, 7.5, 8.0
LINE_FACTOR = 0.46  # line height in mm per pt of font size (as in photo_card.lines)
CUT_GRAY = 0.6
CUT_LINE_MM = 0.2


@dataclass(frozen=True)
class HandoutTexts:
    heading: str = "Le carnet d’adresses de l’atelier"
    scan_hint: str = "Scannez avec l’appareil photo du téléphone, ou tapez l’adresse :"
    body: str = ("Vous y trouverez les personnes qui ont accepté de partager leurs coordonnées "
                 "avec les participants. Vous pouvez corriger votre fiche ou vous retirer du "
                 "carnet. Ce lien est personnel : ne le transmettez pas.")


@dataclass(frozen=True)
class Slip:
    name: str  # "n° 12 · Camille Reynaud"
    url: str
    expires: str = ""  # already written out, e.g. "Valable jusqu’au 30 mai 2027"


def draw_slip(page, slip: Slip, title: str, texts: HandoutTexts) -> None:
    """One slip in its own frame (origin at its top-left corner)."""
    width_mm = SLIP_MM[0]
    inner_mm = width_mm - 2 * MARGIN_MM
    centre = width_mm / 2
    y = lines(page, centre, MARGIN_MM, texts.heading, TITLE_PT, inner_mm, bold=True,
              align="centre")
    y = lines(page, centre, y + 0.5, title, BODY_PT, inner_mm, align="centre")
    y = lines(page, centre, y + 2, slip.name, NAME_PT, inner_mm, bold=True, align="centre")
    matrix = link_matrix(slip.url)
    quiet_mm = QR_MM / matrix.shape[0] * QUIET_MODULES
    box = Box(centre - QR_MM / 2, y + quiet_mm, QR_MM, QR_MM)  # the full quiet zone above
    draw_matrix(page, matrix, box)
    y = box.y_mm + QR_MM + quiet_mm / 2
    y = lines(page, centre, y, texts.scan_hint, SMALL_PT, inner_mm, align="centre")
    for line in url_lines(slip.url, inner_mm, URL_PT):  # typed by hand: cut, never shrunk
        y += URL_PT * LINE_FACTOR
        page.text(centre, y, line, URL_PT, bold=True, align="centre")
    if slip.expires:
        y = lines(page, centre, y + 0.5, slip.expires, SMALL_PT, inner_mm, align="centre")
    lines(page, MARGIN_MM, y + 2, texts.body, SMALL_PT, inner_mm)


def url_lines(url: str, width_mm: float, size_pt: float) -> list[str]:
    """An address has no spaces to wrap at: cut it where the line is full, after a "/" when
    one is near the end (so that the pieces read as parts of the address), never just after a
    "-" (a line ending in a hyphen reads as a word cut in two: the hyphen would not be typed)."""
    pieces: list[str] = []
    rest = url
    while rest:
        end = len(rest)
        while end > 1 and text_width_mm(rest[:end], size_pt, True) > width_mm:
            end -= 1
        slash = rest.rfind("/", 0, end)
        if end < len(rest) and slash > end * 2 // 3:
            end = slash + 1
        while 1 < end < len(rest) and rest[end - 1] == "-":
            end -= 1  # the hyphen opens the next line
        pieces.append(rest[:end])
        rest = rest[end:]
    return pieces


def draw_cut_lines(page) -> None:
    width_mm, height_mm = A4_PORTRAIT_MM
    page.line(SLIP_MM[0], 0, SLIP_MM[0], height_mm, gray=CUT_GRAY, line_mm=CUT_LINE_MM)
    page.line(0, SLIP_MM[1], width_mm, SLIP_MM[1], gray=CUT_GRAY, line_mm=CUT_LINE_MM)


def handout_pdf(title: str, slips: list[Slip], texts: HandoutTexts = HandoutTexts()) -> bytes:
    """Four slips per A4 page, left to right then top to bottom, in the given order."""
    doc = Document(f"{texts.heading} – {title}")
    for index, slip in enumerate(slips):
        if index % 4 == 0:
            page = doc.new_page(A4_PORTRAIT_MM)
            draw_cut_lines(page)
        column, row = index % 2, (index % 4) // 2
        draw_slip(page.shifted(column * SLIP_MM[0], row * SLIP_MM[1]), slip, title, texts)
    if not slips:
        doc.new_page(A4_PORTRAIT_MM)
    return doc.to_bytes()
