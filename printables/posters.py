"""Zone posters (A4 landscape): a huge title over each wall, with its own QR code.

A poster wears the icon and hatch pattern of the cards that belong under it, so that a
participant matches a Frein card to the FREINS wall without reading, even in black and white.
"""
from __future__ import annotations

from printables.cards import place_static, printed_type
from printables.decor import hatch_band, icon, pattern_key
from printables.kitdata import KitCard
from printables.layout import Box, CardType, poster_quiet_mm
from printables.render import Document, Surface, fit_size_pt, text_width_mm, wrap_text
from printables.wording import POSTER_HINTS, POSTER_NUMBER, POSTER_PHOTO_HINT

LEFT_MM = 12.0
ICON_BOX = Box(LEFT_MM, 14.0, 28.0, 28.0)
ZONE_NUMBER_SIZE_PT = 30.0
TITLE_MAX_PT, TITLE_MIN_PT = 110.0, 40.0
TITLE_BASELINE_MM = 100.0
HINT_SIZE_PT = 18.0
HINT_BASELINE_MM = 128.0
WORKSHOP_SIZE_PT = 13.0
WORKSHOP_BASELINE_MM = 162.0
PHOTO_HINT_SIZE_PT = 11.0
BAND = Box(LEFT_MM, 172.0, 263.0, 14.0)
CODE_TEXT_SIZE_PT = 9.0


def _title_width_mm(card: CardType) -> float:
    return card.qr.x_mm - poster_quiet_mm(card.qr) - LEFT_MM


def _title_lines(card: CardType) -> tuple[list[str], float]:
    """One line as large as fits, or two lines when one would be smaller than 60 % of max."""
    width_mm = _title_width_mm(card)
    size_pt = fit_size_pt(card.title, width_mm, TITLE_MAX_PT, TITLE_MIN_PT, bold=True)
    if size_pt >= 0.6 * TITLE_MAX_PT:
        return [card.title], size_pt
    words = card.title.split(" ")
    half = (len(words) + 1) // 2
    lines = [" ".join(words[:half]), " ".join(words[half:])]
    longest = max(lines, key=lambda line: text_width_mm(line, TITLE_MAX_PT, bold=True))
    return lines, fit_size_pt(longest, width_mm, TITLE_MAX_PT, TITLE_MIN_PT, bold=True)


def draw_poster_static(surface: Surface, card: CardType) -> None:
    key = pattern_key(card.key, card.zone)
    icon(surface, key, ICON_BOX)
    surface.text(
        ICON_BOX.right_mm + 6,
        ICON_BOX.y_mm + 20,
        POSTER_NUMBER.format(number=card.letter),
        ZONE_NUMBER_SIZE_PT,
        bold=True,
        gray=0.35,
    )
    lines, size_pt = _title_lines(card)
    line_mm = size_pt * 0.3528 * 1.05
    first_baseline_mm = TITLE_BASELINE_MM - line_mm * (len(lines) - 1)
    for i, line in enumerate(lines):
        surface.text(LEFT_MM, first_baseline_mm + i * line_mm, line, size_pt, bold=True)
    assert card.zone is not None  # every poster heads a zone
    for i, line in enumerate(wrap_text(POSTER_HINTS[card.zone], BAND.w_mm, HINT_SIZE_PT)):
        surface.text(LEFT_MM, HINT_BASELINE_MM + i * 8.0, line, HINT_SIZE_PT, gray=0.2)
    hatch_band(surface, key, BAND)
    surface.text(LEFT_MM, BAND.bottom_mm + 6, POSTER_PHOTO_HINT, PHOTO_HINT_SIZE_PT, gray=0.35)


def place_poster(doc: Document, page: Surface, item: KitCard, workshop_title: str,
                 x_mm: float, y_mm: float) -> None:
    card = printed_type(item)
    local = place_static(doc, page, card, x_mm, y_mm, draw_poster_static)
    local.qr(card.qr, item.code)
    local.text(card.qr.center_mm[0], card.code_text_baseline_mm, item.code, CODE_TEXT_SIZE_PT,
               align="centre")
    size_pt = fit_size_pt(workshop_title, BAND.w_mm, WORKSHOP_SIZE_PT, 8.0)
    local.text(LEFT_MM, WORKSHOP_BASELINE_MM, workshop_title, size_pt, gray=0.35)
