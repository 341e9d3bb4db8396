"""The small A6 card "Photographiez les murs": the volunteers' upload link as a QR code, its
expiry and the photo tips, to lay on the table or pin by the walls (issue 14, point 2).

Black on white, plain text; the QR code is the flyer's (vector squares, any version).
"""
from __future__ import annotations

from dataclasses import dataclass

from printables.flyer import QUIET_MODULES, draw_matrix, link_matrix
from printables.layout import Box
from printables.programme import PHOTO_GUIDE
from printables.render import Document, wrap_text

A6_MM = (105.0, 148.0)
MARGIN_MM = 7.0
QR_MM = 52.0  # read from ~30 cm by any phone camera
TITLE_PT, BODY_PT, SMALL_PT = 16.0, 8.0, 6.5
LINE_FACTOR = 0.46  # line height in mm per pt (as on the run-sheet and the flyer)
TIPS = PHOTO_GUIDE[:6]  # the first six fit under the code


@dataclass(frozen=True)
class PhotoCardInfo:
    title: str  # the workshop's
    url: str
    expires: str = ""  # already written out, e.g. "jusqu'au 14 juin 2026"
    heading: str = "Photographiez les murs"
    scan_hint: str = "Scannez avec l'appareil photo du téléphone, puis envoyez vos photos."


def lines(page, x_mm: float, y_mm: float, text: str, size_pt: float, width_mm: float,
          bold: bool = False, align: str = "left") -> float:
    """Wrapped text from ``y_mm`` down; returns the y below the last line."""
    for line in wrap_text(text, width_mm, size_pt, bold):
        y_mm += size_pt * LINE_FACTOR
        page.text(x_mm, y_mm, line, size_pt, bold=bold, align=align)
    return y_mm


def photo_card_pdf(info: PhotoCardInfo) -> bytes:
    width_mm, height_mm = A6_MM
    inner_mm = width_mm - 2 * MARGIN_MM
    doc = Document(f"{info.heading} – {info.title}")
    page = doc.new_page(A6_MM)
    page.rect(Box(MARGIN_MM / 2, MARGIN_MM / 2, width_mm - MARGIN_MM, height_mm - MARGIN_MM),
              stroke_gray=0.0, line_mm=0.5)
    centre = width_mm / 2
    y = lines(page, centre, MARGIN_MM, info.heading, TITLE_PT, inner_mm, bold=True,
              align="centre")
    y = lines(page, centre, y + 1, info.title, BODY_PT, inner_mm, align="centre")
    matrix = link_matrix(info.url)
    quiet_mm = QR_MM / matrix.shape[0] * QUIET_MODULES
    box = Box(centre - QR_MM / 2, y + quiet_mm, QR_MM, QR_MM)
    draw_matrix(page, matrix, box)
    y = box.y_mm + QR_MM + quiet_mm / 2
    y = lines(page, centre, y, info.scan_hint, SMALL_PT, inner_mm, bold=True, align="centre")
    y = lines(page, centre, y, info.url, SMALL_PT, inner_mm, align="centre")
    if info.expires:
        y = lines(page, centre, y, info.expires, SMALL_PT, inner_mm, align="centre")
    y += 1.5
    for tip in TIPS:
        y = lines(page, MARGIN_MM, y, "• " + tip, SMALL_PT, inner_mm)
    return doc.to_bytes()
