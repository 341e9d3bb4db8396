"""The facilitator's run-sheet ("déroulé"): programme, what was printed, materials, photo guide.

The text flows down A4 portrait pages (``Flow``); the content is built as plain data by
printables.programme so it can be tested without a PDF.
"""
from __future__ import annotations

from printables.kitdata import KitRequest
from printables.layout import Box
from printables.link_qr import draw_matrix, link_matrix
from printables.photo_card import PhotoCardInfo, draw_photo_cards_sheet
from printables.programme import (
    CHECKBOX_MM,
    Section,
    materials,
    photo_guide,
    printed_counts,
    programme,
    workshop_header,
)
from printables.render import A4_PORTRAIT_MM, Document, Surface, wrap_text

MARGIN_MM = 15.0
TITLE_PT, HEADING_PT, BODY_PT, SMALL_PT = 18.0, 12.0, 9.5, 8.0
LINE_FACTOR = 0.46  # line height in mm per pt of font size (1.3 x the em)
TIME_COLUMN_MM = 28.0
COUNT_COLUMN_MM = 20.0


class Flow:
    """A cursor going down the pages of a document, opening a new page when one is full."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.width_mm = A4_PORTRAIT_MM[0] - 2 * MARGIN_MM
        self.page: Surface | None = None
        self.y_mm = 0.0

    def need(self, height_mm: float) -> Surface:
        if self.page is None or self.y_mm + height_mm > A4_PORTRAIT_MM[1] - MARGIN_MM:
            self.page = self.doc.new_page(A4_PORTRAIT_MM).shifted(MARGIN_MM, 0)
            self.y_mm = MARGIN_MM
        return self.page

    def lines(self, text: str, size_pt: float, bold: bool = False, gray: float = 0.0,
              indent_mm: float = 0.0) -> None:
        for line in wrap_text(text, self.width_mm - indent_mm, size_pt, bold):
            page = self.need(size_pt * LINE_FACTOR)
            self.y_mm += size_pt * LINE_FACTOR
            page.text(indent_mm, self.y_mm, line, size_pt, bold=bold, gray=gray)

    def gap(self, height_mm: float) -> None:
        self.y_mm += height_mm

    def row(self, left: str, right: str, left_mm: float, size_pt: float = BODY_PT,
            bold_left: bool = False) -> None:
        """A two-column line: ``left`` in a column ``left_mm`` wide, ``right`` wrapped after it."""
        wrapped = wrap_text(right, self.width_mm - left_mm, size_pt) or [""]
        page = self.need(len(wrapped) * size_pt * LINE_FACTOR)
        for i, line in enumerate(wrapped):
            self.y_mm += size_pt * LINE_FACTOR
            if i == 0:
                page.text(0, self.y_mm, left, size_pt, bold=bold_left)
            page.text(left_mm, self.y_mm, line, size_pt)

    def checkbox_row(self, text: str, size_pt: float = BODY_PT) -> None:
        page = self.need(size_pt * LINE_FACTOR + 1.0)
        self.y_mm += size_pt * LINE_FACTOR + 1.0
        page.rect(Box(0, self.y_mm - CHECKBOX_MM + 0.6, CHECKBOX_MM, CHECKBOX_MM), stroke_gray=0.0,
                  line_mm=0.3)
        for i, line in enumerate(wrap_text(text, self.width_mm - CHECKBOX_MM - 2, size_pt)):
            if i:
                self.y_mm += size_pt * LINE_FACTOR
            page.text(CHECKBOX_MM + 2, self.y_mm, line, size_pt)


def _section(flow: Flow, section: Section) -> None:
    flow.gap(3.0)
    flow.need(HEADING_PT * LINE_FACTOR * 3)  # never a heading alone at the foot of a page
    flow.lines(section.title, HEADING_PT, bold=True)
    flow.gap(1.0)
    for intro in section.intro:
        flow.lines(intro, SMALL_PT, gray=0.3)
    for left, right in section.rows:
        flow.row(left, right, section.left_column_mm, bold_left=section.bold_left)
    for item in section.checklist:
        flow.checkbox_row(item)
    for bullet in section.bullets:
        flow.row("•", bullet, 4.0)


def draw_runsheet(doc: Document, request: KitRequest, card: PhotoCardInfo | None = None) -> int:
    """Append the run-sheet pages to ``doc``; return how many pages it took. With ``card``
    (its ``url`` set), the volunteers' link is printed with its QR code after the photo tips."""
    first_page = doc.page_count
    flow = Flow(doc)
    title, details = workshop_header(request.workshop)
    flow.lines("Déroulé de l'atelier", SMALL_PT, gray=0.35)
    flow.lines(title, TITLE_PT, bold=True)
    for line in details:
        flow.lines(line, BODY_PT, gray=0.2)
    for section in (
        programme(request.workshop, TIME_COLUMN_MM),
        printed_counts(request, COUNT_COLUMN_MM),
        materials(request),
        photo_guide(),
    ):
        _section(flow, section)
    if card is not None and card.url:
        _volunteer_link(flow, card)
    if request.prediagnostic_summary:
        _section(flow, Section("Pré-diagnostic : ce que disent les inscriptions",
                               bullets=tuple(request.prediagnostic_summary)))
    return doc.page_count - first_page


LINK_QR_MM = 38.0  # on the run-sheet: scanned from the facilitator's table


def _volunteer_link(flow: Flow, card: PhotoCardInfo) -> None:
    """The volunteers' upload link as a QR code beside its address (the sheet printed from the
    link page, where the secret is known)."""
    assert card.url is not None
    flow.gap(3.0)
    flow.need(HEADING_PT * LINE_FACTOR * 2 + LINK_QR_MM)
    flow.lines("Lien des bénévoles pour envoyer les photos", HEADING_PT, bold=True)
    flow.gap(2.0)
    page = flow.need(LINK_QR_MM)
    draw_matrix(page, link_matrix(card.url), Box(0, flow.y_mm, LINK_QR_MM, LINK_QR_MM))
    text_x = LINK_QR_MM + 6.0
    width = flow.width_mm - text_x
    y = flow.y_mm
    for text, bold in ((card.scan_hint, True), (card.url, False), (card.expires, False)):
        for line in wrap_text(text, width, BODY_PT, bold) if text else []:
            y += BODY_PT * LINE_FACTOR
            page.text(text_x, y, line, BODY_PT, bold=bold)
    flow.y_mm += LINK_QR_MM


def runsheet_with_link_pdf(request: KitRequest, card: PhotoCardInfo) -> bytes:
    """The run-sheet with the volunteers' link QR code, then a sheet of four A6 cards with it."""
    doc = Document(f"Déroulé – {request.workshop.title}")
    draw_runsheet(doc, request, card)
    draw_photo_cards_sheet(doc, card)
    return doc.to_bytes()


def runsheet_pdf(request: KitRequest) -> bytes:
    doc = Document(f"Déroulé – {request.workshop.title}")
    draw_runsheet(doc, request)
    return doc.to_bytes()

