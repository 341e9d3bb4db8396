"""Rasterise a PDF to numpy arrays, and read its text (pypdfium2). Test support only.

A page rendered at ``px_per_mm`` maps the page's millimetre (x, y) to pixel
(x * px_per_mm, y * px_per_mm), origin top-left, y down: the same frame as the card layout.
"""
from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium

MM_PER_PT = 25.4 / 72


def render_pdf_pages(pdf_bytes: bytes, px_per_mm: float, grayscale: bool = True,
                     pages: range | None = None) -> list[np.ndarray]:
    """Every page (or ``pages``) as uint8 arrays: (h, w) in grayscale, else (h, w, 3) RGB."""
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        indices = pages if pages is not None else range(len(document))
        return [_render_page(document[i], px_per_mm, grayscale) for i in indices]
    finally:
        document.close()


def _render_page(page: pdfium.PdfPage, px_per_mm: float, grayscale: bool) -> np.ndarray:
    bitmap = page.render(scale=px_per_mm * MM_PER_PT, grayscale=grayscale, rev_byteorder=True)
    array = bitmap.to_numpy().copy()  # the bitmap's buffer dies with the page
    if grayscale:
        return array.reshape(array.shape[0], array.shape[1])
    return array[..., :3]


def pdf_page_texts(pdf_bytes: bytes) -> list[str]:
    """The text of every page, as pdfium extracts it (what a search or copy would find)."""
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def pdf_page_sizes_mm(pdf_bytes: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        return [tuple(v * MM_PER_PT for v in document[i].get_size()) for i in range(len(document))]
    finally:
        document.close()
