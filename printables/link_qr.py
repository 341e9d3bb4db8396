"""The QR code of a web address (the invitation's, the volunteers' upload link), for paper and
screen alike: the module matrix, and its dark modules as horizontal runs.

Unlike the cards' codes (printables.qr: version 1, alphanumeric, read back by the scanner) a URL
needs a general code: any version, byte mode, error correction M. Both the PDF writer
(``draw_matrix``: vector rectangles) and the app's SVG (kit.services.link_qr: one path) draw the
same runs, one rectangle per run of dark modules, so no seam shows between neighbours.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import qrcode
from qrcode.constants import ERROR_CORRECT_M

from printables.layout import Box
from printables.render import Surface

QUIET_MODULES = 4  # the standard quiet zone, kept free of text


def link_matrix(url: str) -> np.ndarray:
    """The QR module matrix of ``url`` (True = dark), smallest version, error correction M."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return np.array(code.modules, dtype=bool)


def dark_runs(matrix: np.ndarray) -> Iterator[tuple[int, int, int]]:
    """(row, first column, length) of every horizontal run of dark modules."""
    for row, line in enumerate(matrix):
        col = 0
        while col < len(line):
            if not line[col]:
                col += 1
                continue
            start = col
            while col < len(line) and line[col]:
                col += 1
            yield row, start, col - start


def draw_matrix(surface: Surface, matrix: np.ndarray, box: Box) -> None:
    """Dark modules as filled rectangles in ``box`` (the quiet zone is around it, not in it)."""
    module_mm = box.w_mm / matrix.shape[1]
    for row, start, length in dark_runs(matrix):
        surface.rect(Box(box.x_mm + start * module_mm, box.y_mm + row * module_mm,
                         length * module_mm, module_mm), fill_gray=0.0)
