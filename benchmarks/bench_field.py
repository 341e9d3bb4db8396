"""The second photo family in ``make bench-scan`` (issue 8 point 7): tuning, held-out, bare walls.

Each photo of ``tests/support/field_set.py`` is made, scanned with ``scan_image`` (one OpenCV
thread) and scored with ``tests/support/field_scoring.py``; a plain zxing-cpp decode of the same
grey photo gives the scan/zxing ratio. The summary puts both families side by side.
"""

from __future__ import annotations

import statistics
import sys
import time

import cv2
import zxingcpp

from benchmarks.bench_readings import ConfidenceBins
from benchmarks.stage_times import StageTimes
from scan import scan_image
from tests.support.field_photos import take
from tests.support.field_scoring import CONFIDENT, MIN_PX_PER_MM, Tally, score


def run_family(
    printed,
    manifest: dict,
    recipes,
    label: str,
    verbose: bool = True,
    stages: StageTimes | None = None,
) -> Tally:
    total = Tally()
    stages = stages or StageTimes()
    for recipe in recipes:
        photo = take(printed, recipe, name=f"{label}-{recipe.seed}.jpg")
        with stages.active():
            start, start_cpu = time.perf_counter(), time.process_time()
            reading = scan_image(photo.image, photo.truth.name, manifest=manifest).to_dict()
            seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        gray = cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY)
        start, start_cpu = time.perf_counter(), time.process_time()
        zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
        zxing_s = time.perf_counter() - start
        stages.photo(cpu, time.process_time() - start_cpu)
        tally = score(photo.truth, reading)
        tally.scan_s.append(seconds)
        tally.cpu_s.append(cpu)
        tally.ratios.append(seconds / max(zxing_s, 1e-4))
        total.add(tally)
        if verbose and tally.problems:
            print(
                f"  {photo.truth.name} ({photo.truth.conditions.get('blur')}, "
                f"{photo.truth.px_per_mm} px/mm, {seconds:.2f} s): "
                + "; ".join(tally.problems[:5]),
                file=sys.stderr,
            )
    return total


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} % ({part}/{whole})" if whole else "-"


def summary_rows(columns: dict[str, dict]) -> list[str]:
    """Markdown rows: one measure per row, one family per column."""
    names = list(columns)
    lines = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    measures = (
        "cards found",
        "false cards",
        "checkboxes right",
        "confident wrong",
        "vote strips exact",
        "unread for time (boxes, strips)",
        "worst s / photo",
        "worst CPU s / photo",
        "median scan/zxing",
    )
    for measure in measures:
        lines.append(
            f"| {measure} | " + " | ".join(columns[n].get(measure, "-") for n in names) + " |"
        )
    return lines


def family2_column(t: Tally) -> dict:
    return {
        "cards found": pct(t.found, t.must_find),
        "false cards": str(t.false_cards),
        "checkboxes right": pct(t.boxes_right, t.boxes),
        "confident wrong": f"{t.confident_wrong_boxes} boxes, {t.confident_wrong_votes} votes",
        "vote strips exact": pct(t.strips_exact, t.strips),
        "unread for time (boxes, strips)": f"{t.boxes_unread}, {t.strips_unread}",
        "worst s / photo": f"{max(t.scan_s):.2f}" if t.scan_s else "-",
        "worst CPU s / photo": f"{max(t.cpu_s):.2f}" if t.cpu_s else "-",
        "median scan/zxing": f"{statistics.median(t.ratios):.1f}" if t.ratios else "-",
    }


def calibration_rows(t: Tally, label: str) -> list[str]:
    """Visible checkboxes of found cards by confidence bin: readings and error rate."""
    bins = ConfidenceBins()
    for confidence, has_value, right in t.box_readings:
        bins.add(has_value, right, confidence)
    return bins.rows(f"checkboxes, family 2 {label}")


LEGEND = f"""
cards found: fully visible cards (wholly in frame, code uncovered) at >= {MIN_PX_PER_MM} px/mm;
false cards: codes read that are not on the photo; checkboxes right: visible boxes of found cards
(a scribbled-out box must read unchecked; unsure is not right); confident wrong: wrong at
confidence >= {CONFIDENT} (family 1: >= 0.5), hidden boxes included; vote strips exact: visible
strips counted exactly (a strip left unread for time, reason "temps", is never exact, even
where the truth is 0); unread for time: visible boxes and strips of found cards not read because
the photo's whole time budget ran out (for a person to read; counted above as not right);
worst s: scan_image of the slowest photo, wall clock (one OpenCV thread),
and its CPU time (what one core spends: on a shared machine the wall clock also counts waiting);
scan/zxing:
scan_image over a plain zxing-cpp decode of the same grey photo, median over photos."""
