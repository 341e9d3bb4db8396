"""Cut a handwritten field's crop into lines for a recogniser: each line trimmed to its ink.

A whole wide box dilutes the line when the recogniser scales it to its fixed height, so each line
is trimmed to its ink; a multi-line box is cut into lines on its ink profile. The paper's uneven
light is divided out and the printed box lines are removed first.
"""
from __future__ import annotations

import cv2
import numpy as np

from scan.read import ink_mask, paper_light
from scan.thresholds import (
    LINE_BORDER_MM,
    LINE_GAP_MM,
    LINE_INK_DARKNESS,
    LINE_MARGIN_MM,
    LINE_MIN_INK_PX,
    LINE_MIN_PART_MM,
    LINE_PROFILE_SMOOTH_MM,
    LINE_RULE_MIN_MM,
    LINE_SPLIT_MIN_MM,
    LINE_VALLEY_FRACTION,
    MIN_LINE_MM,
    MULTILINE_BOX_MM,
)


def flatten(gray: np.ndarray, px_per_mm: float) -> tuple[np.ndarray, np.ndarray]:
    """(ink on white, ink mask): the paper's uneven light divided out, box lines removed."""
    background = np.maximum(paper_light(gray, px_per_mm), 1.0)
    flat = np.clip(gray.astype(np.float32) / background * 255, 0, 255).astype(np.uint8)
    ink = ink_mask(gray, background, LINE_INK_DARKNESS)
    border = int(round(LINE_BORDER_MM * px_per_mm))
    ink[:border], ink[-border:], ink[:, :border], ink[:, -border:] = False, False, False, False
    return flat, ink & ~printed_rules(ink, px_per_mm)


def printed_rules(ink: np.ndarray, px_per_mm: float) -> np.ndarray:
    """Long straight horizontal or vertical runs: the printed box, never a letter."""
    run = max(3, int(LINE_RULE_MIN_MM * px_per_mm))
    mask = ink.astype(np.uint8)
    rows = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    cols = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    return np.logical_or(rows, cols)


def line_bands(ink: np.ndarray, px_per_mm: float, may_split: bool = True
               ) -> list[tuple[int, int]]:
    """Row ranges of handwritten lines, from the rows that hold ink (touching lines cut apart
    when ``may_split``)."""
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return []
    gap = max(1, int(LINE_GAP_MM * px_per_mm))
    bands, start, last = [], rows[0], rows[0]
    for row in rows[1:]:
        if row - last > gap:
            bands.append((start, last + 1))
            start = row
        last = row
    bands.append((start, last + 1))
    if may_split:
        profile = smooth_profile(ink.sum(axis=1).astype(np.float32), px_per_mm)
        bands = [part for band in bands for part in split_band(profile, band, px_per_mm)]
    return [(a, b) for a, b in bands if b - a >= MIN_LINE_MM * px_per_mm]


def smooth_profile(profile: np.ndarray, px_per_mm: float) -> np.ndarray:
    width = max(1, int(LINE_PROFILE_SMOOTH_MM * px_per_mm))
    return np.convolve(profile, np.ones(width, np.float32) / width, mode="same")


def split_band(profile: np.ndarray, band: tuple[int, int], px_per_mm: float
               ) -> list[tuple[int, int]]:
    """The band, or its lines when touching lines made one band (cut recursively)."""
    top, bottom = band
    edge = int(LINE_MIN_PART_MM * px_per_mm)
    if bottom - top <= LINE_SPLIT_MIN_MM * px_per_mm or bottom - top <= 2 * edge:
        return [band]
    inner = profile[top + edge:bottom - edge]
    cut = top + edge + int(np.argmin(inner))
    if profile[cut] >= LINE_VALLEY_FRACTION * profile[top:bottom].max():
        return [band]  # one tall line (big letters): no valley to cut at
    return split_band(profile, (top, cut), px_per_mm) + split_band(
        profile, (cut, bottom), px_per_mm
    )


def ink_lines(crop_bgr: np.ndarray, px_per_mm: float) -> list[np.ndarray]:
    """Each handwritten line of the crop, trimmed to its ink plus a margin, ink on white (BGR)."""
    gray = cv2.cvtColor(crop_bgr, cv2.COLOR_BGR2GRAY) if crop_bgr.ndim == 3 else crop_bgr
    flat, ink = flatten(gray, px_per_mm)
    margin = int(LINE_MARGIN_MM * px_per_mm)
    lines = []
    multiline = gray.shape[0] > MULTILINE_BOX_MM * px_per_mm
    for top, bottom in line_bands(ink, px_per_mm, may_split=multiline):
        band = ink[top:bottom]
        if int(band.sum()) < LINE_MIN_INK_PX:
            continue
        cols = np.flatnonzero(band.any(axis=0))
        line = flat[max(0, top - margin):bottom + margin,
                    max(0, cols[0] - margin):cols[-1] + 1 + margin]
        lines.append(cv2.cvtColor(line, cv2.COLOR_GRAY2BGR))
    return lines
