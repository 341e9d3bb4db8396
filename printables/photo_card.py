"""The small A6 card "Photographiez les murs": the volunteers' upload link as a QR code, its
expiry and the photo tips, to lay on the table or pin by the walls (issue 14, point 2).

Black on white, plain text; the QR code is drawn like the flyer's (printables.link_qr). The
kit, drawn in the background, cannot know the link (only its hash is stored): its cards leave
a framed square where the QR code printed from the app's link page is stuck. The link page
prints the run-sheet with the cards and the code itself (printables.runsheet).
"""
from __future__ import annotations

from dataclasses import dataclass

from printables.layout import Box
from printables.link_qr import QUIET_MODULES, draw_matrix, link_matrix
from printables.programme import PHOTO_GUIDE
from printables.render import A4_PORTRAIT_MM, Document, Surface, wrap_text

A6_MM = (105.0, 148.0)
MARGIN_MM = 7.0
QR_MM = 52.0  # read from ~30 cm by any phone camera
TITLE_PT, BODY_PT, SMALL_PT = 16.0, 8.0, 6.5
LINE_FACTOR = 0.46  # line height in mm per pt (as on the run-sheet and the flyer)
TIPS = PHOTO_GUIDE[:6]  # the first six fit under the code
CUT_GRAY = 0.6  # the cutting lines between the four cards of an A4 sheet


@dataclass(frozen=True)
class PhotoCardInfo:
    title: str  # the workshop's
    url: str | None = None  # None: a framed square to stick the code on
    expires: str = ""  # already written out, e.g. "jusqu'au 14 juin 2026"
    heading: str = "Photographiez les murs"
    scan_hint: str = "Scannez avec l'appareil photo du téléphone, puis envoyez vos photos."
    stick_hint: str = "Collez ici le QR code du lien des bénévoles"
    where_hint: str = ("Le lien se crée sur la page de l'atelier, dans l'application : "
                       "«\u00a0Créer un lien et imprimer la fiche\u00a0».")


def lines(page, x_mm: float, y_mm: float, text: str, size_pt: float, width_mm: float,
          bold: bool = False, align: str = "left") -> float:
    """Wrapped text from ``y_mm`` down; returns the y below the last line."""
    for line in wrap_text(text, width_mm, size_pt, bold):
        y_mm += size_pt * LINE_FACTOR
        page.text(x_mm, y_mm, line, size_pt, bold=bold, align=align)
    return y_mm


def draw_code_or_space(page: Surface, info: PhotoCardInfo, centre_mm: float,
                       y_mm: float) -> float:
    """The link's QR code (or the square to stick it on) below ``y_mm``; returns the y below."""
    if info.url is None:
        quiet_mm = 4.0
        box = Box(centre_mm - QR_MM / 2, y_mm + quiet_mm, QR_MM, QR_MM)
        page.rect(box, stroke_gray=0.55, line_mm=0.3)
        lines(page, centre_mm, box.y_mm + QR_MM / 2 - SMALL_PT * LINE_FACTOR, info.stick_hint,
              SMALL_PT, QR_MM - 8, align="centre")
        return box.y_mm + QR_MM + quiet_mm / 2
    matrix = link_matrix(info.url)
    quiet_mm = QR_MM / matrix.shape[0] * QUIET_MODULES
    box = Box(centre_mm - QR_MM / 2, y_mm + quiet_mm, QR_MM, QR_MM)
    draw_matrix(page, matrix, box)
    return box.y_mm + QR_MM + quiet_mm / 2


def draw_photo_card(page: Surface, info: PhotoCardInfo) -> None:
    """One card in the A6 area whose top-left corner is ``page``'s origin."""
    width_mm, height_mm = A6_MM
    inner_mm = width_mm - 2 * MARGIN_MM
    page.rect(Box(MARGIN_MM / 2, MARGIN_MM / 2, width_mm - MARGIN_MM, height_mm - MARGIN_MM),
              stroke_gray=0.0, line_mm=0.5)
    centre = width_mm / 2
    y = lines(page, centre, MARGIN_MM, info.heading, TITLE_PT, inner_mm, bold=True,
              align="centre")
    y = lines(page, centre, y + 1, info.title, BODY_PT, inner_mm, align="centre")
    y = draw_code_or_space(page, info, centre, y)
    if info.url is not None:
        y = lines(page, centre, y, info.scan_hint, SMALL_PT, inner_mm, bold=True,
                  align="centre")
        y = lines(page, centre, y, info.url, SMALL_PT, inner_mm, align="centre")
    else:
        y = lines(page, centre, y, info.where_hint, SMALL_PT, inner_mm, align="centre")
    if info.expires:
        y = lines(page, centre, y, info.expires, SMALL_PT, inner_mm, align="centre")
    y += 1.5
    for tip in TIPS:
        y = lines(page, MARGIN_MM, y, "• " + tip, SMALL_PT, inner_mm)


def photo_card_pdf(info: PhotoCardInfo) -> bytes:
    """One A6 page."""
    doc = Document(f"{info.heading} – {info.title}")
    draw_photo_card(doc.new_page(A6_MM), info)
    return doc.to_bytes()


def draw_photo_cards_sheet(doc: Document, info: PhotoCardInfo) -> None:
    """An A4 portrait page of four A6 cards (2 x 2), with light cutting lines between them."""
    page = doc.new_page(A4_PORTRAIT_MM)
    width_mm, height_mm = A6_MM
    for row in range(2):
        for col in range(2):
            draw_photo_card(page.shifted(col * width_mm, row * height_mm), info)
    page.line(width_mm, 0, width_mm, 2 * height_mm, gray=CUT_GRAY, line_mm=0.2)
    page.line(0, height_mm, 2 * width_mm, height_mm, gray=CUT_GRAY, line_mm=0.2)
