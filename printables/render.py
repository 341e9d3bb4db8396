"""The only place that knows about points and reportlab's y axis.

Everything above this module speaks millimetres with the origin at the top-left of the current
card or page and y pointing down (like printables.layout). ``Surface`` converts to PDF points
and flips y; ``Document`` owns one reportlab canvas and returns the PDF bytes.
"""
from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from printables.layout import QR_MODULES, Box
from printables.qr import qr_matrix

PT_PER_MM = 72 / 25.4
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core
FONTS = {
    "regular": ("DejaVuSans", "DejaVuSans.ttf"),
    "bold": ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
}
A4_PORTRAIT_MM = (210.0, 297.0)
A4_LANDSCAPE_MM = (297.0, 210.0)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")


class FontMissingError(RuntimeError):
    """The DejaVu fonts are not installed (they are embedded so any user text prints)."""


def mm_to_pt(length_mm: float) -> float:
    return length_mm * PT_PER_MM


def plain_text(text: str) -> str:
    """User text as one printable line: control characters (newlines, tabs) become spaces."""
    return " ".join(_CONTROL_RE.sub(" ", text).split())


@functools.cache
def register_fonts() -> None:
    for name, filename in FONTS.values():
        path = FONT_DIR / filename
        if not path.is_file():
            raise FontMissingError(f"police introuvable : {path} (paquet Debian fonts-dejavu-core)")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def font_name(bold: bool) -> str:
    return FONTS["bold" if bold else "regular"][0]


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font_name(bold), size_pt) / PT_PER_MM


def fit_size_pt(text: str, width_mm: float, size_pt: float, min_size_pt: float,
                bold: bool = False) -> float:
    """The largest size <= size_pt at which ``text`` fits ``width_mm`` (never below min)."""
    width = text_width_mm(text, size_pt, bold)
    if width <= width_mm:
        return size_pt
    return max(min_size_pt, size_pt * width_mm / width)


def wrap_text(text: str, width_mm: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of plain text; a word longer than the width gets a line of its own."""
    lines: list[str] = []
    for word in plain_text(text).split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width_mm(candidate, size_pt, bold) <= width_mm:
            lines[-1] = candidate
        elif word:
            lines.append(word)
    return lines


@functools.lru_cache(maxsize=8192)
def qr_operators(text: str) -> str:
    """PDF path operators drawing the dark modules of ``text`` in module units, y up.

    Cached: a kit draws every code twice (kit.pdf and its item PDF). Each row's runs of dark
    modules become one rectangle, all in one filled path, so renderers show no seams.
    """
    matrix = qr_matrix(text)
    size = matrix.shape[0]
    padded = np.pad(matrix, ((0, 0), (1, 1))).astype(np.int8)
    edges = np.diff(padded, axis=1)
    starts, stops = np.argwhere(edges == 1), np.argwhere(edges == -1)  # both in row-major order
    parts = [f"{col} {size - 1 - row} {stop - col} 1 re"
             for (row, col), stop in zip(starts.tolist(), stops[:, 1].tolist())]
    return " ".join(parts) + " f"


class Surface:
    """Draw in mm on a page or form: origin at (origin_x_mm, origin_y_mm) from its top-left."""

    def __init__(self, canvas: rl_canvas.Canvas, height_mm: float,
                 origin_x_mm: float = 0.0, origin_y_mm: float = 0.0):
        self._canvas = canvas
        self._height_mm = height_mm
        self._ox_mm = origin_x_mm
        self._oy_mm = origin_y_mm

    def shifted(self, x_mm: float, y_mm: float) -> Surface:
        """The same page, with the origin moved to (x_mm, y_mm): draw a card in its own frame."""
        return Surface(self._canvas, self._height_mm, self._ox_mm + x_mm, self._oy_mm + y_mm)

    def _pt(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        return (
            (self._ox_mm + x_mm) * PT_PER_MM,
            (self._height_mm - self._oy_mm - y_mm) * PT_PER_MM,
        )

    def _style(self, fill_gray: float | None, stroke_gray: float | None, line_mm: float) -> None:
        if fill_gray is not None:
            self._canvas.setFillGray(fill_gray)
        if stroke_gray is not None:
            self._canvas.setStrokeGray(stroke_gray)
            self._canvas.setLineWidth(line_mm * PT_PER_MM)

    def rect(self, box: Box, fill_gray: float | None = None, stroke_gray: float | None = None,
             line_mm: float = 0.25) -> None:
        self._style(fill_gray, stroke_gray, line_mm)
        x_pt, y_pt = self._pt(box.x_mm, box.bottom_mm)
        self._canvas.rect(x_pt, y_pt, box.w_mm * PT_PER_MM, box.h_mm * PT_PER_MM,
                          stroke=int(stroke_gray is not None), fill=int(fill_gray is not None))

    def line(self, x1_mm: float, y1_mm: float, x2_mm: float, y2_mm: float,
             gray: float = 0.0, line_mm: float = 0.25) -> None:
        self._style(None, gray, line_mm)
        self._canvas.line(*self._pt(x1_mm, y1_mm), *self._pt(x2_mm, y2_mm))

    def circle(self, cx_mm: float, cy_mm: float, r_mm: float, fill_gray: float | None = None,
               stroke_gray: float | None = None, line_mm: float = 0.25) -> None:
        self._style(fill_gray, stroke_gray, line_mm)
        self._canvas.circle(*self._pt(cx_mm, cy_mm), r_mm * PT_PER_MM,
                            stroke=int(stroke_gray is not None), fill=int(fill_gray is not None))

    def polygon(
        self,
        points_mm: list[tuple[float, float]],
        fill_gray: float | None = None,
        stroke_gray: float | None = None,
        line_mm: float = 0.25,
        closed: bool = True,
    ) -> None:
        self._style(fill_gray, stroke_gray, line_mm)
        path = self._canvas.beginPath()
        path.moveTo(*self._pt(*points_mm[0]))
        for point in points_mm[1:]:
            path.lineTo(*self._pt(*point))
        if closed:
            path.close()
        self._canvas.drawPath(path, stroke=int(stroke_gray is not None),
                              fill=int(fill_gray is not None))

    def text(self, x_mm: float, baseline_mm: float, text: str, size_pt: float, bold: bool = False,
             gray: float = 0.0, align: str = "left") -> None:
        """One line of plain text (never markup); ``align`` is left, centre or right of x_mm."""
        register_fonts()
        self._canvas.setFont(font_name(bold), size_pt)
        self._canvas.setFillGray(gray)
        x_pt, y_pt = self._pt(x_mm, baseline_mm)
        line = plain_text(text)
        if align == "centre":
            self._canvas.drawCentredString(x_pt, y_pt, line)
        elif align == "right":
            self._canvas.drawRightString(x_pt, y_pt, line)
        else:
            self._canvas.drawString(x_pt, y_pt, line)

    @contextmanager
    def clipped(self, box: Box) -> Iterator[None]:
        """Drawing inside the block is cut to ``box`` (hatch patterns)."""
        self._canvas.saveState()
        path = self._canvas.beginPath()
        x_pt, y_pt = self._pt(box.x_mm, box.bottom_mm)
        path.rect(x_pt, y_pt, box.w_mm * PT_PER_MM, box.h_mm * PT_PER_MM)
        self._canvas.clipPath(path, stroke=0, fill=0)
        try:
            yield
        finally:
            self._canvas.restoreState()

    def qr(self, box: Box, text: str) -> None:
        """The QR code of ``text`` as vector squares filling ``box`` (quiet zone left white)."""
        module_pt = box.w_mm / QR_MODULES * PT_PER_MM  # qr_matrix asserts the 21 modules
        x_pt, y_pt = self._pt(box.x_mm, box.bottom_mm)
        self._canvas.saveState()
        self._canvas.setFillGray(0.0)
        self._canvas.transform(module_pt, 0, 0, module_pt, x_pt, y_pt)
        self._canvas.addLiteral(qr_operators(text))
        self._canvas.restoreState()

    def place_form(self, name: str, x_mm: float, y_mm: float, h_mm: float) -> None:
        """Show form ``name`` (defined by Document.form) with its top-left at (x_mm, y_mm)."""
        self._canvas.saveState()
        self._canvas.translate(*self._pt(x_mm, y_mm + h_mm))
        self._canvas.doForm(name)
        self._canvas.restoreState()


class Document:
    """One PDF: pages of any size in mm, reusable forms, bytes at the end."""

    def __init__(self, title: str):
        register_fonts()
        self._buffer = io.BytesIO()
        self._canvas = rl_canvas.Canvas(self._buffer, pageCompression=1, invariant=1)
        self._canvas.setTitle(title)
        self._forms: set[str] = set()
        self.page_count = 0
        self._page_open = False

    def has_form(self, name: str) -> bool:
        return name in self._forms

    @contextmanager
    def form(self, name: str, w_mm: float, h_mm: float) -> Iterator[Surface]:
        """Define a reusable drawing (the static part of a card type) in its own mm frame."""
        self._canvas.beginForm(name, 0, 0, w_mm * PT_PER_MM, h_mm * PT_PER_MM)
        yield Surface(self._canvas, h_mm)
        self._canvas.endForm()
        self._forms.add(name)

    def new_page(self, size_mm: tuple[float, float]) -> Surface:
        if self._page_open:
            self._canvas.showPage()
        self._canvas.setPageSize((size_mm[0] * PT_PER_MM, size_mm[1] * PT_PER_MM))
        self._page_open = True
        self.page_count += 1
        return Surface(self._canvas, size_mm[1])

    def to_bytes(self) -> bytes:
        if self._page_open:
            self._canvas.showPage()
            self._page_open = False
        self._canvas.save()
        return self._buffer.getvalue()
