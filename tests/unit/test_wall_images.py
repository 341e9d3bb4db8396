"""The wall's crops cut to the handwriting (kit.services.wall_images), on synthetic boxes."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

from kit.services.wall_images import ink_box, mm_to_px, writing_png


def text_box(ink: tuple[int, int, int, int] | None) -> np.ndarray:
    """An 87 x 48 mm box at 8 px/mm: paper, a printed outline, and a dark block of "ink"."""
    box = np.full((384, 696), 235, np.uint8)
    box[:3, :] = box[-3:, :] = 120
    box[:, :3] = box[:, -3:] = 120
    if ink:
        left, top, right, bottom = ink
        box[top:bottom, left:right] = 40
    return box


def test_ink_box_holds_the_writing_with_its_margin_not_the_outline():
    margin = mm_to_px(1.5)
    assert ink_box(text_box((100, 50, 300, 90))) == (100 - margin, 50 - margin,
                                                     300 + margin, 90 + margin)


def test_ink_box_is_none_for_a_blank_box_or_dust():
    assert ink_box(text_box(None)) is None
    assert ink_box(text_box((200, 200, 203, 203))) is None


def test_writing_png_is_cut_to_the_writing_and_whole_when_blank(tmp_path):
    written, blank = tmp_path / "written.png", tmp_path / "blank.png"
    Image.fromarray(text_box((20, 40, 300, 90))).save(written)
    Image.fromarray(text_box(None)).save(blank)
    with Image.open(io.BytesIO(writing_png(written))) as cut:
        assert cut.size == (300 - 20 + 2 * mm_to_px(1.5), 50 + 2 * mm_to_px(1.5))
        assert np.asarray(cut.convert("L"))[:, 0].min() > 200  # the outline is painted out
    with Image.open(io.BytesIO(writing_png(blank))) as whole:
        assert whole.size == (696, 384)


def test_text_box_png_shows_only_the_text_box_of_a_card(tmp_path):
    from kit.services.wall_images import text_box_png
    from printables.layout import card_type

    spec = card_type("frein")
    box, contact = spec.field("texte").box, spec.field("contact").box
    scale = 4  # a rectified card at half the scanner's resolution
    card = np.full((round(spec.height_mm * scale), round(spec.width_mm * scale)), 235, np.uint8)
    card[round((contact.y_mm + 5) * scale):round((contact.y_mm + 8) * scale),
         round((contact.x_mm + 5) * scale):round((contact.x_mm + 40) * scale)] = 30  # a name
    path = tmp_path / "carte.png"
    Image.fromarray(card).save(path)
    with Image.open(io.BytesIO(text_box_png(path, spec))) as shown:
        assert shown.size == (mm_to_px(box.w_mm), mm_to_px(box.h_mm))  # blank box, whole
        assert np.asarray(shown.convert("L")).min() > 200  # the contact's name is not in it
