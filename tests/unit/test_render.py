"""mm -> pt, plain user text, word wrap: the only conversions between the layout and the PDF."""
from __future__ import annotations

import pytest

from printables.cards import place_card
from printables.demo import demo_request
from printables.kitdata import KitCard
from printables.layout import Box
from printables.render import (
    A4_PORTRAIT_MM,
    Document,
    mm_to_pt,
    plain_text,
    text_width_mm,
    wrap_text,
)
from tests.support.pdf import pdf_page_sizes_mm, pdf_page_texts, render_pdf_pages


def test_mm_to_pt_inch():
    assert mm_to_pt(25.4) == pytest.approx(72.0)


@pytest.mark.parametrize("raw, clean", [("Léa\nDupré", "Léa Dupré"), ("a\t\tb  c\x00", "a b c"),
                                        ("  ", "")])
def test_plain_text_one_line(raw, clean):
    assert plain_text(raw) == clean


def test_wrap_text_fits_width_keeps_words():
    text = "Je coordonne le plan de mobilité simplifié et le transport à la demande du territoire."
    lines = wrap_text(text, 40.0, 8.0)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(text_width_mm(line, 8.0) <= 40.0 for line in lines)


def test_document_page_size_in_mm():
    doc = Document("essai")
    doc.new_page(A4_PORTRAIT_MM)
    (width, height), = pdf_page_sizes_mm(doc.to_bytes())
    assert (width, height) == pytest.approx(A4_PORTRAIT_MM, abs=0.01)


def test_user_text_printed_literally_never_as_markup():
    identity = demo_request("MOB26", 1, 0).cards[0]
    tricky = "<b>Ça</b> (marche) & co \\ œuvre"
    card = KitCard(identity.code, "identite", 1, prefill={"structure": tricky})
    doc = Document("essai")
    place_card(doc, doc.new_page(A4_PORTRAIT_MM), card, 7.0, 7.0)
    assert tricky in pdf_page_texts(doc.to_bytes())[0]


def test_surface_origin_top_left_y_down():
    doc = Document("essai")
    page = doc.new_page(A4_PORTRAIT_MM).shifted(10.0, 20.0)
    page.rect(Box(0.0, 0.0, 10.0, 5.0), fill_gray=0.0)  # page mm 10..20 across, 20..25 down
    image = render_pdf_pages(doc.to_bytes(), 4.0)[0]
    assert image[22 * 4, 15 * 4] < 50  # inside
    assert image[18 * 4, 15 * 4] > 200 and image[27 * 4, 15 * 4] > 200  # above and below
