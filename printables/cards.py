"""The QR-coded cards: identity "Qui fait quoi ?", Frein, Levier, Ressource, Besoin, Contact utile.

A card is drawn in two layers. The static layer (markers, title, icon, hatch band, boxes and
labels) is the same for every card of a type: it is drawn once per PDF as a reportlab form
(an XObject) and placed by reference, which is what makes a 3 000-card kit fast and small.
The variable layer is the QR code, its text in clear, the participant number and any prefill.
"""
from __future__ import annotations

from collections.abc import Callable

from printables.decor import hatch_band, icon
from printables.fields import draw_field, draw_group_headings, draw_prefill, underline_label
from printables.kitdata import KitCard
from printables.layout import (
    LAYOUT_VERSION,
    LAYOUTS,
    MARKER_CLEARANCE_MM,
    MARKER_INSET_MM,
    QR_QUIET_MM,
    Box,
    CardType,
    card_type,
    hatch_box,
)
from printables.payload import parse
from printables.render import Document, Surface, fit_size_pt, wrap_text
from printables.wording import CARD_PROMPTS, CHECKBOX_CONVENTION, KNOWN_HINT, NUMBER, NUMBER_BLANK

TITLE_SIZE_PT = 15.0
TITLE_BASELINE_MM = 11.5
ICON_BOX = Box(12.5, 4.5, 7.5, 7.5)  # between the top-left marker's clearance and the title
TITLE_X_MM = 22.5
HINT_BASELINE_MM = 15.4  # under the title row, above the first label band (16.5 mm)
HINT_SIZE_PT = 5.5
CODE_TEXT_SIZE_PT = 7.0
NUMBER_SIZE_PT = 16.0
NUMBER_BELOW_CODE_MM = 8.5  # baseline of "N° 12" below the code text's baseline
PROMPT_BOX_TOP_MM = 73.0  # small cards: free right column under the number
PROMPT_SIZE_PT = 6.5
# Where the checkbox convention is printed (first baseline, mm): free paper under the last boxes
# of the right column (identity), under "Je veux y travailler" (besoin), right of "Ouvert à de
# nouveaux membres" (group sheet). No box moves.
CONVENTION_AT_MM = {"identite": (146.0, 114.0), "besoin": (98.0, 83.0), "graine": (64.0, 264.0)}
CONVENTION_SIZE_PT = 5.5


def form_name(card: CardType) -> str:
    """One form per card type and geometry: a layout-1 need card reprinted beside layout-2 ones
    gets its own static layer."""
    if LAYOUTS[LAYOUT_VERSION].get(card.key) is card:
        return f"static-{card.key}"
    version = next(v for v, types in LAYOUTS.items() if types.get(card.key) is card)
    return f"static-{card.key}-v{version}"


def printed_type(item: KitCard) -> CardType:
    """The geometry ``item`` is printed with: its type in its code's layout version (a card
    whose code was issued with layout 1 is reprinted as layout 1: the scanner reads it so)."""
    return card_type(item.type_key, parse(item.code).layout_version)


def draw_chrome(surface: Surface, card: CardType) -> None:
    """Markers, icon, title and pattern band: what every card and group sheet carries."""
    for marker in card.markers:
        surface.rect(marker, fill_gray=0.0)
    icon(surface, card.key, ICON_BOX)
    room_mm = card.qr.x_mm - MARKER_CLEARANCE_MM - TITLE_X_MM
    size_pt = fit_size_pt(card.title, room_mm, TITLE_SIZE_PT, 10.0, bold=True)
    surface.text(TITLE_X_MM, TITLE_BASELINE_MM, card.title, size_pt, bold=True)
    hatch_band(surface, card.key, hatch_box(card))


def _draw_prompt(surface: Surface, card: CardType) -> None:
    prompt = CARD_PROMPTS.get(card.key)
    if not prompt:
        return
    left_mm = card.qr.x_mm - 4
    width_mm = card.width_mm - MARKER_INSET_MM - left_mm
    for i, line in enumerate(wrap_text(prompt, width_mm, PROMPT_SIZE_PT)):
        surface.text(left_mm, PROMPT_BOX_TOP_MM + 2.3 + i * 3.0, line, PROMPT_SIZE_PT, gray=0.35)


def draw_convention(surface: Surface, card: CardType) -> None:
    if card.key not in CONVENTION_AT_MM:
        return
    x_mm, y_mm = CONVENTION_AT_MM[card.key]
    for i, line in enumerate(CHECKBOX_CONVENTION):
        surface.text(x_mm, y_mm + i * 2.6, line, CONVENTION_SIZE_PT, gray=0.35)


def draw_static(surface: Surface, card: CardType) -> None:
    draw_chrome(surface, card)
    for field in card.fields:
        draw_field(surface, field, card)
    draw_group_headings(surface, card)
    _draw_prompt(surface, card)
    draw_convention(surface, card)


StaticDrawer = Callable[[Surface, CardType], None]


def ensure_form(doc: Document, card: CardType, drawer: StaticDrawer = draw_static) -> None:
    """Define the static layer of ``card`` in ``doc`` once (call before the first page)."""
    if not doc.has_form(form_name(card)):
        with doc.form(form_name(card), card.width_mm, card.height_mm) as surface:
            drawer(surface, card)


def place_static(doc: Document, page: Surface, card: CardType, x_mm: float, y_mm: float,
                 drawer: StaticDrawer = draw_static) -> Surface:
    """Show the static layer at (x_mm, y_mm); return the card's own frame for the rest."""
    ensure_form(doc, card, drawer)
    page.place_form(form_name(card), x_mm, y_mm, card.height_mm)
    return page.shifted(x_mm, y_mm)


def draw_code(surface: Surface, card: CardType, code: str) -> None:
    """The QR code and, under it, the same text in clear (for a human when the code is torn)."""
    surface.qr(card.qr, code)
    centre_x_mm = card.qr.center_mm[0]
    surface.text(centre_x_mm, card.code_text_baseline_mm, code, CODE_TEXT_SIZE_PT, align="centre")


def draw_number(surface: Surface, card: CardType, number: int | None) -> None:
    text = NUMBER.format(number=number) if number is not None else NUMBER_BLANK
    surface.text(card.qr.center_mm[0], card.code_text_baseline_mm + NUMBER_BELOW_CODE_MM, text,
                 NUMBER_SIZE_PT, bold=True, align="centre")


def draw_known(surface: Surface, card: CardType, item: KitCard) -> None:
    """Prefilled text in its boxes and known checkboxes underlined (never ticked)."""
    for name, text in item.prefill.items():
        if text:
            draw_prefill(surface, card.field(name), text)
    for name in item.known_checks:
        underline_label(surface, card.field(name), card)
    if item.prefill or item.known_checks:
        room_mm = card.qr.x_mm - QR_QUIET_MM - TITLE_X_MM
        size_pt = fit_size_pt(KNOWN_HINT, room_mm, HINT_SIZE_PT, 4.0)
        surface.text(TITLE_X_MM, HINT_BASELINE_MM, KNOWN_HINT, size_pt, gray=0.3)


def place_card(doc: Document, page: Surface, item: KitCard, x_mm: float, y_mm: float) -> None:
    """Draw ``item`` with its top-left corner at (x_mm, y_mm) of the page."""
    card = printed_type(item)
    local = place_static(doc, page, card, x_mm, y_mm)
    draw_code(local, card, item.code)
    draw_number(local, card, item.participant_number)
    draw_known(local, card, item)
