"""The QR matrix of a card code: version 1, error correction M, alphanumeric mode.

The encoder is pure: text in, a 21 x 21 boolean matrix out (True = dark module); render.py only
serialises it as vector squares.

Why not just ``qrcode.QRCode().make()``: it places the data and scores eight candidate symbols
in pure Python (~3 ms a code), too slow for a 3 000-card kit. We let ``qrcode`` encode the
codewords (with Reed-Solomon), place their bits with numpy along the standard zigzag, XOR the
eight mask patterns over the data area (function patterns and format bits depend only on the
mask: taken once from ``qrcode``), and score the eight at once with numpy, with the same penalty
rules (ISO/IEC 18004 §7.8.3) as ``qrcode``. Tests check the result equals qrcode's own symbol.
"""
from __future__ import annotations

import functools

import numpy as np
import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_ALPHA_NUM, QRData, create_data, mask_func

from printables.layout import QR_MODULES

VERSION = 1
MASKS = range(8)
# 1:1:3:1:1 finder-like runs with 4 light modules on one side, as 11-bit integers read
# left to right (the first module is the most significant bit).
_FINDER_LIKE = (0b10111010000, 0b00001011101)
_WINDOW = 11
_REFERENCE_TEXT = "AK1-REF-F00000A"  # any payload: only its function patterns are reused


class QrCapacityError(ValueError):
    """The text does not fit a version-1 alphanumeric code (card geometry assumes 21 modules)."""


def _symbol(text: str, mask: int, scoring: bool = False) -> np.ndarray:
    code = qrcode.QRCode(version=VERSION, error_correction=ERROR_CORRECT_M, border=0,
                         mask_pattern=mask)
    code.add_data(QRData(text, mode=MODE_ALPHA_NUM))
    try:
        code.make(fit=False)
    except qrcode.exceptions.DataOverflowError:
        raise QrCapacityError(f"{text!r} does not fit a version-{VERSION} QR code") from None
    if scoring:
        code.makeImpl(True, mask)  # format bits blank, as qrcode scores masks
    matrix = np.array(code.modules, dtype=bool)
    assert matrix.shape == (QR_MODULES, QR_MODULES), "layout.QR_MODULE_MM assumes version 1"
    return matrix


def _data_area() -> np.ndarray:
    """Modules holding data (version 1): all but finders, separators, format bits and timing."""
    area = np.ones((QR_MODULES, QR_MODULES), dtype=bool)
    area[:9, :9] = area[:9, -8:] = area[-8:, :9] = False
    area[6, :] = area[:, 6] = False
    return area


def _placement_order(area: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the data modules in bit order: two-column zigzag from bottom right."""
    size = area.shape[0]
    rows, cols = [], []
    upward = True
    for right in range(size - 1, 0, -2):
        right = right - 1 if right <= 6 else right  # skip the vertical timing column
        for row in (range(size - 1, -1, -1) if upward else range(size)):
            for col in (right, right - 1):
                if area[row, col]:
                    rows.append(row)
                    cols.append(col)
        upward = not upward
    return np.array(rows), np.array(cols)


@functools.cache
def _references() -> tuple[
    np.ndarray, tuple[np.ndarray, np.ndarray], np.ndarray, np.ndarray, np.ndarray
]:
    """Data area, bit placement, the 8 mask patterns, each mask's fixed modules (final, scored)."""
    area = _data_area()
    rows, cols = np.indices((QR_MODULES, QR_MODULES))
    patterns = np.array([np.vectorize(mask_func(m))(rows, cols) for m in MASKS], dtype=bool)
    final = np.array([_symbol(_REFERENCE_TEXT, m) for m in MASKS])
    scored = np.array([_symbol(_REFERENCE_TEXT, m, scoring=True) for m in MASKS])
    return area, _placement_order(area), patterns, final, scored


def _data_bits(text: str) -> np.ndarray:
    try:
        codewords = create_data(VERSION, ERROR_CORRECT_M, [QRData(text, mode=MODE_ALPHA_NUM)])
    except qrcode.exceptions.DataOverflowError:
        raise QrCapacityError(f"{text!r} does not fit a version-{VERSION} QR code") from None
    return np.unpackbits(np.array(codewords, dtype=np.uint8)).astype(bool)  # most significant first


def candidates(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The 8 masked symbols of ``text`` (final, and with blank format bits for scoring)."""
    area, (rows, cols), patterns, final, scored = _references()
    data = np.zeros((QR_MODULES, QR_MODULES), dtype=bool)
    bits = _data_bits(text)
    data[rows, cols] = bits[:len(rows)]
    masked = data[None] ^ patterns
    return np.where(area, masked, final), np.where(area, masked, scored)


def _lines(symbols: np.ndarray) -> np.ndarray:
    """Rows then columns of each symbol: shape (n, 2 * size, size)."""
    return np.concatenate([symbols, symbols.transpose(0, 2, 1)], axis=1)


def _penalty_runs(lines: np.ndarray) -> np.ndarray:
    n, count, size = lines.shape
    change = np.concatenate(
        [np.zeros((n, count, 1), bool), lines[..., 1:] != lines[..., :-1]], axis=2
    )
    run_ids = np.cumsum(change, axis=2) + (np.arange(n * count) * size).reshape(n, count, 1)
    lengths = np.bincount(run_ids.ravel(), minlength=n * count * size).reshape(n, -1)
    return np.where(lengths >= 5, lengths - 2, 0).sum(axis=1)


def _penalty_blocks(symbols: np.ndarray) -> np.ndarray:
    top_left = symbols[:, :-1, :-1]
    same = ((top_left == symbols[:, 1:, :-1]) & (top_left == symbols[:, :-1, 1:])
            & (top_left == symbols[:, 1:, 1:]))
    return 3 * same.sum(axis=(1, 2))


def _penalty_finder_like(lines: np.ndarray) -> np.ndarray:
    size = lines.shape[2]
    as_ints = lines.astype(np.int64) @ (1 << np.arange(size - 1, -1, -1, dtype=np.int64))
    shifts = np.arange(size - _WINDOW, -1, -1, dtype=np.int64)
    windows = (as_ints[..., None] >> shifts) & ((1 << _WINDOW) - 1)
    hits = sum((windows == pattern).sum(axis=(1, 2)) for pattern in _FINDER_LIKE)
    return 40 * hits


def _penalty_balance(symbols: np.ndarray) -> np.ndarray:
    percent = symbols.mean(axis=(1, 2)) * 100
    return (np.abs(percent - 50) / 5).astype(int) * 10


def penalties(symbols: np.ndarray) -> np.ndarray:
    """The mask penalty score of each symbol (lower is easier to read)."""
    lines = _lines(symbols)
    return (_penalty_runs(lines) + _penalty_blocks(symbols) + _penalty_finder_like(lines)
            + _penalty_balance(symbols))


def qr_matrix(text: str) -> np.ndarray:
    """The 21 x 21 module matrix of ``text`` (True = dark), best mask, no quiet zone."""
    final, scored = candidates(text)
    return final[int(np.argmin(penalties(scored)))]
