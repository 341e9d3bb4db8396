"""OCR proposals for handwritten fields, fully offline: rapidocr 3.10's recogniser only.

Why this way (see /work/shared/notes/ocr-offline.md, measured on this kind of machine):
- the recogniser alone on the crop trimmed to its ink was the most accurate (~2x Tesseract on
  handwriting) and fast (~20-50 ms a line); the detector scales thin crops up ~7x: slow, worse;
- a whole wide box dilutes the line when the recogniser scales it to its fixed height, so the
  crop is trimmed to its ink; a multi-line box is cut into lines on its ink profile;
- ONE engine per process, created on first use (a second engine's threads slowed the next 3-4x);
- only the model files inside the rapidocr 3.10.0 wheel work offline: nothing is downloaded.

``OCR_ENGINE`` = "rapidocr" (default) or "none" (no proposals: fast tests).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

from scan.read import paper_light

ENGINES = ("rapidocr", "none")
ENGINE_PARAMS = {
    "Global.log_level": "error",
    "Global.use_det": False, "Global.use_cls": False,
    # one thread: measured faster than two on the 2 shared cores, and leaves one to the server
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
}
BORDER_MM = 1.2  # the printed box outline (grown 0.5 mm in the crop) and its blur: never ink
# ink is darker than the local paper by this fraction; set for OCR apart from scan/read.py's
# ink-presence test, which takes 0.20
INK_DARKNESS = 0.25
RULE_MIN_MM = 12.0  # a straight dark run this long is a printed line, not handwriting
LINE_GAP_MM = 1.0  # ink rows closer than this belong to one handwritten line
MIN_LINE_MM = 1.5  # a band of ink thinner than this is a speck or an accent alone
# Two handwritten lines often touch (a descender meets the next line's capital): a band taller
# than one line may hold two. It is cut at its emptiest row when that row holds less than
# VALLEY_FRACTION of the band's busiest row, at least MIN_PART_MM from either edge.
SPLIT_MIN_MM = 8.0
MULTILINE_BOX_MM = 13.5  # single-line boxes are 9-12 mm tall (crops 1 mm more): never cut
VALLEY_FRACTION = 0.25
MIN_PART_MM = 3.0
PROFILE_SMOOTH_MM = 0.5  # pen strokes make the row profile jagged: smooth over half a mm
MARGIN_MM = 1.0  # white kept around a trimmed line: the recogniser expects some
MIN_INK_PX = 12  # fewer ink pixels in a line: noise, not worth a recogniser call

_engine = None
_engine_lock = threading.Lock()  # the worker may run several threads: one engine, one at a time


@dataclass(frozen=True)
class OcrResult:
    text: str
    score: float  # the recogniser's mean line score, 0..1: orders the review queue


def get_engine():
    """The process's single rapidocr engine, created on first use."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr import RapidOCR  # onnxruntime loads only when OCR is really used
            _engine = RapidOCR(params=ENGINE_PARAMS)
        return _engine


def flatten(gray: np.ndarray, px_per_mm: float) -> tuple[np.ndarray, np.ndarray]:
    """(ink on white, ink mask): the paper's uneven light divided out, box lines removed."""
    background = np.maximum(paper_light(gray, px_per_mm), 1.0)
    flat = np.clip(gray.astype(np.float32) / background * 255, 0, 255).astype(np.uint8)
    ink = (background - gray) > INK_DARKNESS * background
    border = int(round(BORDER_MM * px_per_mm))
    ink[:border], ink[-border:], ink[:, :border], ink[:, -border:] = False, False, False, False
    return flat, ink & ~printed_rules(ink, px_per_mm)


def printed_rules(ink: np.ndarray, px_per_mm: float) -> np.ndarray:
    """Long straight horizontal or vertical runs: the printed box, never a letter."""
    run = max(3, int(RULE_MIN_MM * px_per_mm))
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
    width = max(1, int(PROFILE_SMOOTH_MM * px_per_mm))
    return np.convolve(profile, np.ones(width, np.float32) / width, mode="same")


def split_band(profile: np.ndarray, band: tuple[int, int], px_per_mm: float
               ) -> list[tuple[int, int]]:
    """The band, or its lines when touching lines made one band (cut recursively)."""
    top, bottom = band
    edge = int(MIN_PART_MM * px_per_mm)
    if bottom - top <= SPLIT_MIN_MM * px_per_mm or bottom - top <= 2 * edge:
        return [band]
    inner = profile[top + edge:bottom - edge]
    cut = top + edge + int(np.argmin(inner))
    if profile[cut] >= VALLEY_FRACTION * profile[top:bottom].max():
        return [band]  # one tall line (big letters): no valley to cut at
    return split_band(profile, (top, cut), px_per_mm) + split_band(
        profile, (cut, bottom), px_per_mm
    )


def ink_lines(crop_bgr: np.ndarray, px_per_mm: float) -> list[np.ndarray]:
    """Each handwritten line of the crop, trimmed to its ink plus a margin, ink on white (BGR)."""
    gray = cv2.cvtColor(crop_bgr, cv2.COLOR_BGR2GRAY) if crop_bgr.ndim == 3 else crop_bgr
    flat, ink = flatten(gray, px_per_mm)
    margin = int(MARGIN_MM * px_per_mm)
    lines = []
    multiline = gray.shape[0] > MULTILINE_BOX_MM * px_per_mm
    for top, bottom in line_bands(ink, px_per_mm, may_split=multiline):
        band = ink[top:bottom]
        if int(band.sum()) < MIN_INK_PX:
            continue
        cols = np.flatnonzero(band.any(axis=0))
        line = flat[max(0, top - margin):bottom + margin,
                    max(0, cols[0] - margin):cols[-1] + 1 + margin]
        lines.append(cv2.cvtColor(line, cv2.COLOR_GRAY2BGR))
    return lines


def recognise_line(engine, line_bgr: np.ndarray) -> OcrResult:
    with _engine_lock:
        output = engine(line_bgr, use_det=False, use_cls=False, use_rec=True)
    texts, scores = getattr(output, "txts", None) or (), getattr(output, "scores", None) or ()
    if not texts:
        return OcrResult("", 0.0)
    return OcrResult(" ".join(t.strip() for t in texts).strip(), float(min(scores)))


def join_lines(results: list[OcrResult]) -> OcrResult:
    """One proposal: the lines' texts joined; the score weighted by each line's length."""
    kept = [r for r in results if r.text]
    if not kept:
        return OcrResult("", 0.0)
    weight = sum(len(r.text) for r in kept)
    score = sum(r.score * len(r.text) for r in kept) / weight
    return OcrResult(" ".join(r.text for r in kept), round(score, 4))


def read_field(crop_bgr: np.ndarray, px_per_mm: float, engine_name: str) -> OcrResult | None:
    """The OCR proposal for one handwritten field's crop; None when OCR is switched off."""
    if engine_name == "none":
        return None
    if engine_name not in ENGINES:
        raise ValueError(f"OCR_ENGINE {engine_name!r} inconnu ; attendu : {', '.join(ENGINES)}")
    engine = get_engine()
    return join_lines([recognise_line(engine, line) for line in ink_lines(crop_bgr, px_per_mm)])
