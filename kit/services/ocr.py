"""OCR proposals for handwritten fields, fully offline: rapidocr 3.10's recogniser only.

Why this way (see /work/shared/notes/ocr-offline.md, measured on this kind of machine):
- the recogniser alone on the crop trimmed to its ink was the most accurate (~2x Tesseract on
  handwriting) and fast (~20-50 ms a line); the detector scales thin crops up ~7x: slow, worse;
- a whole wide box dilutes the line when the recogniser scales it to its fixed height, so the
  crop is trimmed to its ink; a multi-line box is cut into lines on its ink profile (both are
  image work, done by scan.lines);
- ONE engine per process, created on first use (a second engine's threads slowed the next 3-4x);
- only the model files inside the rapidocr 3.10.0 wheel work offline: nothing is downloaded.

``OCR_ENGINE`` = "rapidocr" (default) or "none" (no proposals: fast tests).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from scan.lines import ink_lines

ENGINES = ("rapidocr", "none")
ENGINE_PARAMS = {
    "Global.log_level": "error",
    "Global.use_det": False, "Global.use_cls": False,
    # one thread: measured faster than two on the 2 shared cores, and leaves one to the server
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
}

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
