"""The wall's card images: a text box's crop cut down to its handwriting, so that a projector
shows the words as large as the column allows instead of a mostly empty box.

The crop is the printed box at the scanner's canonical resolution (kit.services.sightings);
its printed outline is left out by an inset, and the ink's bounding box (with a margin) kept.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from printables.layout import CardType
from scan.thresholds import CANONICAL_PX_PER_MM

TEXT_FIELD = "texte"  # the box of a wall card that says what it is about
OUTLINE_INSET_MM = 1.2  # the printed box outline and the warp's blur around it (0.3 mm line)
INK_MARGIN_MM = 1.5  # white kept round the writing, so letters are not cut at the edge
INK_DARKNESS = 0.72  # ink: darker than this fraction of the paper's brightness
PAPER_PERCENTILE = 90  # the paper's brightness: most of a text box is blank paper
MIN_INK_PX = 30  # fewer dark pixels than this is dust, not writing: the crop is kept whole


def mm_to_px(length_mm: float) -> int:
    return round(length_mm * CANONICAL_PX_PER_MM)


def ink_box(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the writing inside the outline, None if there is none."""
    inset = mm_to_px(OUTLINE_INSET_MM)
    inner = gray[inset:-inset or None, inset:-inset or None]
    if inner.size == 0:
        return None
    paper = float(np.percentile(inner, PAPER_PERCENTILE))
    rows, cols = np.nonzero(inner < paper * INK_DARKNESS)
    if rows.size < MIN_INK_PX:
        return None
    margin = mm_to_px(INK_MARGIN_MM)
    height, width = gray.shape
    return (max(0, int(cols.min()) + inset - margin), max(0, int(rows.min()) + inset - margin),
            min(width, int(cols.max()) + inset + margin + 1),
            min(height, int(rows.max()) + inset + margin + 1))


def without_outline(image: Image.Image) -> Image.Image:
    """A copy with the band of the printed outline painted paper-white."""
    inset = mm_to_px(OUTLINE_INSET_MM)
    width, height = image.size
    clean = Image.new(image.mode, image.size, "white")
    if width > 2 * inset and height > 2 * inset:
        inner = (inset, inset, width - inset, height - inset)
        clean.paste(image.crop(inner), inner[:2])
    return clean


def trimmed_png(image: Image.Image) -> bytes:
    """``image`` (a text box at 8 px/mm) cut to its writing, as PNG (whole when blank)."""
    found = ink_box(np.asarray(image.convert("L")))
    shown = without_outline(image.convert("RGB")).crop(found) if found else image
    out = io.BytesIO()
    shown.save(out, format="PNG")
    return out.getvalue()


def writing_png(path: Path) -> bytes:
    """The text box's crop at ``path`` cut to its writing."""
    with Image.open(path) as image:
        image.load()
        return trimmed_png(image)


def text_box_png(path: Path, spec: CardType) -> bytes:
    """The text box cut out of a rectified card image at ``path``, then cut to its writing:
    the wall never shows the rest of a card (a contact's name, a participant's number)."""
    box = spec.field(TEXT_FIELD).box
    with Image.open(path) as card:
        scale = card.width / spec.width_mm  # px per mm of this image (8 when written by scan)
        text = card.convert("RGB").crop((box.x_mm * scale, box.y_mm * scale,
                                         (box.x_mm + box.w_mm) * scale,
                                         (box.y_mm + box.h_mm) * scale))
    size = (mm_to_px(box.w_mm), mm_to_px(box.h_mm))  # the thresholds above are at 8 px/mm
    return trimmed_png(text if text.size == size else text.resize(size))
