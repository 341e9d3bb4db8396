"""Cutting a handwritten field into lines before recognition (scan.lines.line_bands)."""
from __future__ import annotations

import numpy as np

from scan.lines import line_bands

PX_PER_MM = 8.0


def ink_mask(
    rows_with_ink: list[tuple[int, int]], height: int = 240, width: int = 600
) -> np.ndarray:
    mask = np.zeros((height, width), bool)
    for top, bottom in rows_with_ink:
        mask[top:bottom, 40:560:7] = True  # strokes across the line, as letters are
        mask[top:bottom, 41:560:7] = True
    return mask


def test_line_bands_cuts_two_lines_joined_by_a_descender():
    mask = ink_mask([(40, 90), (96, 146)])  # two 6 mm lines: a 13 mm band
    mask[85:100, 300:302] = True  # a descender of line 1 touching a capital of line 2
    bands = line_bands(mask, PX_PER_MM)
    assert len(bands) == 2
    (top1, bottom1), (top2, bottom2) = bands
    assert top1 == 40 and bottom2 == 146
    assert 88 <= bottom1 == top2 <= 98  # cut in the valley between the lines


def test_line_bands_keeps_one_tall_line_whole():
    assert line_bands(ink_mask([(40, 120)]), PX_PER_MM) == [(40, 120)]


def test_line_bands_separate_lines_stay_separate():
    assert line_bands(ink_mask([(40, 80), (120, 160)]), PX_PER_MM) == [(40, 80), (120, 160)]


def test_line_bands_of_a_single_line_box_are_never_cut():
    mask = ink_mask([(40, 90), (96, 146)])
    mask[85:100, 300:302] = True
    assert line_bands(mask, PX_PER_MM, may_split=False) == [(40, 146)]
