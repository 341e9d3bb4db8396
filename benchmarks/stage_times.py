"""Where a photo's time goes: CPU time per stage of ``scan_image``, for the benchmarks.

``StageTimes`` wraps a few functions of the scanner while it is active (the scanner itself is not
changed) and adds up each one's own CPU time, without the stages it calls (a window's decode is
"windows", not "zxing"). What no stage claims is "other" (conversions, zones, JSON).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from contextlib import contextmanager

import scan.locate
import scan.pipeline
import scan.read

# (label, module, function): looked up where the scanner calls them. A zxing decode inside a
# window's decode belongs to the window's time.
STAGES = (
    ("zxing full frame", scan.locate, "read_zxing"),
    ("finder search", scan.locate, "find_finders_at"),
    ("finder search", scan.locate, "find_finder_candidates"),
    ("sharpen (blur pass)", scan.locate, "sharpened"),
    ("blur measure", scan.locate, "code_blur"),
    ("windows and blind tiles", scan.locate, "decode_window"),
    ("lost codes read from their finders", scan.pipeline, "recover_lost"),
    # the second search on a deblurred photo (scan.deblur: its own decode and finder search)
    ("deblurred photo's search", scan.pipeline, "deblur_pass"),
    # cards by their corner markers on the deblurred photo (scan.bymarkers; it was in "other")
    ("cards by their markers", scan.pipeline, "cards_by_markers"),
    ("cards by their markers", scan.pipeline, "cards_by_three_markers"),
    ("rectify (markers)", scan.pipeline, "rectify_hit"),
    ("checkboxes", scan.read, "read_checkbox_in_photo"),
    ("vote strips", scan.read, "read_votes"),
    ("ink fields", scan.read, "read_ink"),
    ("card reading, rest", scan.pipeline, "read_card"),
    ("hints", scan.pipeline, "photo_hints"),
    ("hints", scan.pipeline, "blur_hints"),
)
ORDER = tuple(dict.fromkeys(label for label, _, _ in STAGES)) + ("other",)


class StageTimes:
    """CPU seconds per stage, summed over the photos scanned inside ``active()``."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.photos = 0
        self.cpu_ratios: list[float] = []  # scan_image over a plain zxing decode, both CPU time
        self._stack: list[list[float]] = []  # per open call: [start, time of nested stages]

    def _wrap(self, label: str, fn):
        def timed(*args, **kwargs):
            if label == "zxing full frame" and self._stack:
                return fn(*args, **kwargs)  # within a window: the window's own time
            self._stack.append([time.process_time(), 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                start, nested = self._stack.pop()
                spent = time.process_time() - start
                self.seconds[label] += spent - nested
                if self._stack:
                    self._stack[-1][1] += spent

        return timed

    @contextmanager
    def active(self):
        saved = [(module, name, getattr(module, name)) for _, module, name in STAGES]
        for label, module, name in STAGES:
            setattr(module, name, self._wrap(label, getattr(module, name)))
        try:
            yield self
        finally:
            for module, name, fn in saved:
                setattr(module, name, fn)

    def photo(self, total_cpu_s: float, zxing_cpu_s: float) -> None:
        """Count one photo whose whole ``scan_image`` took ``total_cpu_s``, and a plain zxing
        decode of it ``zxing_cpu_s`` (CPU time: the wall clock of a shared machine moves the
        ratio by a third from run to run)."""
        self.photos += 1
        self.seconds["total"] += total_cpu_s
        self.cpu_ratios.append(total_cpu_s / max(zxing_cpu_s, 1e-4))

    def per_photo_ms(self) -> dict[str, float]:
        n = max(self.photos, 1)
        claimed = sum(v for k, v in self.seconds.items() if k != "total")
        shares = {label: 1000 * self.seconds.get(label, 0.0) / n for label in ORDER[:-1]}
        shares["other"] = 1000 * max(self.seconds["total"] - claimed, 0.0) / n
        return shares


def stage_rows(columns: dict[str, StageTimes]) -> list[str]:
    """Markdown rows: ms of CPU per photo for each stage, one family per column."""
    names = list(columns)
    lines = [
        "| CPU ms per photo | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    tables = {n: columns[n].per_photo_ms() for n in names}
    for label in ORDER:
        lines.append(f"| {label} | " + " | ".join(f"{tables[n][label]:.0f}" for n in names) + " |")
    totals = [1000 * columns[n].seconds["total"] / max(columns[n].photos, 1) for n in names]
    lines.append("| total | " + " | ".join(f"{t:.0f}" for t in totals) + " |")
    ratios = [
        f"{statistics.median(columns[n].cpu_ratios):.1f}" if columns[n].cpu_ratios else "-"
        for n in names
    ]
    lines.append("| median scan/zxing, CPU time | " + " | ".join(ratios) + " |")
    return lines

