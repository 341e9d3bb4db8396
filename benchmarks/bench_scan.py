"""Scanner benchmark on synthetic wall photos: `python -m benchmarks.bench_scan [--quick]`.

Per level of px/mm (2.7, 3.5, 5) and degradation (mild, strong): card recall, false cards,
checkbox accuracy and confident errors, vote-count accuracy, zone accuracy, handwriting-ink
accuracy, and the time to fully process one 12-megapixel photo; on the same photos, in the same
run, the time and recall of a plain zxing-cpp decode and of a plain pyzbar decode (the floor:
finding the codes at all), and the ratio of full processing to plain zxing-cpp.

Then the second, independent photo family (tests/support/field_photos.py, issue 8): its tuning
part, its held-out part (never looked at while tuning) and bare textured walls, and a summary
table with both families side by side (benchmarks/bench_field.py).

Times are for one thread (OpenCV limited to 1): the issue's budget is per core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field

import cv2
import numpy as np
import zxingcpp
from pyzbar import pyzbar

from benchmarks.bench_field import LEGEND as FIELD_LEGEND
from benchmarks.bench_field import calibration_rows, family2_column, run_family, summary_rows
from benchmarks.stage_times import StageTimes, stage_rows
from tests.support import kitcache
from tests.support.field_set import FAMILIES
from tests.support.roundtrip import run_roundtrip
from tests.support.shots import wall_photo

LEVELS_PX_PER_MM = (2.7, 3.5, 5.0)
SEVERITIES = ("mild", "strong")
KIT = {"packs": 10, "blank_packs": 2, "group_sheets": 2}  # enough cards for 40 on one wall
CARD_PX_PER_MM = 8.0


@dataclass
class Cell:
    """Totals over the photos of one level x degradation."""

    photos: int = 0
    cards: int = 0
    found: int = 0
    false_cards: int = 0
    boxes: int = 0
    boxes_right: int = 0
    boxes_unsure: int = 0
    confident_errors: int = 0
    votes: int = 0
    votes_exact: int = 0
    zones: int = 0
    zones_right: int = 0
    ink: int = 0
    ink_right: int = 0
    scan_s: list[float] = field(default_factory=list)
    zxing_s: list[float] = field(default_factory=list)
    zxing_found: int = 0
    pyzbar_s: list[float] = field(default_factory=list)
    pyzbar_found: int = 0

    def add_score(self, score) -> None:
        self.photos += 1
        self.cards += len(score.expected)
        self.found += len(score.expected & score.found)
        self.false_cards += len(score.false_cards)
        self.boxes += score.checkboxes
        self.boxes_right += score.checkboxes_right
        self.boxes_unsure += score.checkboxes_unsure
        self.confident_errors += len(score.confident_errors)
        self.votes += score.votes
        self.votes_exact += score.votes_exact
        self.zones += score.zones
        self.zones_right += score.zones_right
        self.ink += score.ink
        self.ink_right += score.ink_right


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def plain_decoders(cell: Cell, image: np.ndarray, expected: set[str]) -> float:
    """Plain zxing-cpp and pyzbar decodes of the photo; returns zxing's CPU seconds."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)  # pyzbar reads one channel only
    start_cpu = time.process_time()
    found, seconds = timed(zxingcpp.read_barcodes, gray, formats=zxingcpp.BarcodeFormat.QRCode)
    zxing_cpu = time.process_time() - start_cpu
    cell.zxing_s.append(seconds)
    cell.zxing_found += len(expected & {r.text for r in found})
    found, seconds = timed(pyzbar.decode, gray, symbols=[pyzbar.ZBarSymbol.QRCODE])
    cell.pyzbar_s.append(seconds)
    cell.pyzbar_found += len(expected & {r.data.decode("utf-8", "replace") for r in found})
    return zxing_cpu


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    -"


def row(level: float, severity: str, c: Cell) -> str:
    scan_s, zx_s = statistics.mean(c.scan_s), statistics.mean(c.zxing_s)
    return (
        f"| {level:4.1f} | {severity:6} | {c.photos:3d} | {c.cards:4d} | {pct(c.found, c.cards)} "
        f"| {c.false_cards:3d} | {pct(c.boxes_right, c.boxes)} | {c.confident_errors:3d} "
        f"| {c.boxes_unsure:3d} | {pct(c.votes_exact, c.votes)} | {pct(c.zones_right, c.zones)} "
        f"| {pct(c.ink_right, c.ink)} | {scan_s:6.2f} | {zx_s:5.2f} "
        f"| {pct(c.zxing_found, c.cards)} "
        f"| {statistics.mean(c.pyzbar_s):5.2f} | {pct(c.pyzbar_found, c.cards)} "
        f"| {scan_s / zx_s:5.1f} |"
    )


HEADER = (
    "| px/mm | degr. | ph. | cards | recall % | false | boxes % | conf.err | unsure "
    "| votes % | zones % | ink % | scan s | zxing s | zxing rec % | pyzbar s | pyzbar rec % "
    "| scan/zxing |"
)


LEGEND = """
recall: cards identified / cards on the wall; false: codes read that are not on the wall;
boxes: checkboxes read right; conf.err: wrong with confidence >= 0.5 (must be 0); unsure: None
or wrong below 0.5 (goes to review); votes: strips counted exactly; zones: cards given the zone
of their column; ink: handwritten fields told from blank ones; scan s: scan_image per photo;
zxing/pyzbar: a plain decode of the same grey photo, and the share of its cards it reads;
scan/zxing: full processing time over the plain zxing-cpp time (issue 3 target: <= 10).
px/mm is the scale at the aim point; tilted content is kept where it is >= 72 % of that."""


def run_cell(
    printed,
    manifest,
    level: float,
    severity: str,
    seeds,
    max_cards: int,
    stages: StageTimes | None = None,
) -> Cell:
    cell = Cell()
    stages = stages or StageTimes()
    for seed in seeds:
        photo = wall_photo(printed, level, severity, seed, max_cards=max_cards)
        with stages.active():
            start_cpu = time.process_time()
            trip = run_roundtrip(photo, manifest)
            cpu = time.process_time() - start_cpu
        cell.add_score(trip.score)
        cell.scan_s.append(trip.seconds)
        stages.photo(cpu, plain_decoders(cell, photo.image, set(photo.truth.cards)))
        if trip.score.problems():
            print(f"  {photo.truth.name}: " + "; ".join(trip.score.problems()[:6]), file=sys.stderr)
    return cell


def family1_column(cells: list[Cell]) -> dict:
    """The first family's figures in the summary's terms (its confident line is 0.5)."""
    total = Cell()
    for c in cells:
        for name, value in vars(c).items():
            setattr(total, name, getattr(total, name) + value)
    ratios = [s / z for c in cells for s, z in zip(c.scan_s, c.zxing_s)]

    def share(part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f} % ({part}/{whole})" if whole else "-"

    return {
        "cards found": share(total.found, total.cards),
        "false cards": str(total.false_cards),
        "checkboxes right": share(total.boxes_right, total.boxes),
        "confident wrong": f"{total.confident_errors} boxes",
        "vote strips exact": share(total.votes_exact, total.votes),
        "worst s / photo": f"{max(total.scan_s):.2f}",
        "median scan/zxing": f"{statistics.median(ratios):.1f}",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one photo of 20 cards per cell")
    parser.add_argument("--photos", type=int, default=3, help="photos per cell (default 3)")
    parser.add_argument(
        "--family2-only",
        action="store_true",
        help="only the second photo family (tests/support/field_set.py)",
    )
    parser.add_argument(
        "--cards", type=int, default=30, help="cards per wall, at most (default 30)"
    )
    args = parser.parse_args(argv)
    photos, cards = (1, 20) if args.quick else (args.photos, args.cards)
    cv2.setNumThreads(1)
    printed, seconds = timed(lambda: list(kitcache.printed_kit(CARD_PX_PER_MM, **KIT)))
    manifest = kitcache.manifest(**KIT)
    print(
        f"kit rendered in {seconds:.1f} s ({len(printed)} items); {photos} photo(s) per cell, "
        f"up to {cards} cards each, 4000x3000 px, one OpenCV thread",
        flush=True,
    )
    columns: dict[str, dict] = {}
    stages: dict[str, StageTimes] = {}
    if not args.family2_only:
        print(HEADER)
        print("|" + "---|" * (HEADER.count("|") - 1))
        cells = []
        stages["family 1"] = StageTimes()
        for level in LEVELS_PX_PER_MM:
            for s, severity in enumerate(SEVERITIES):
                seeds = [1000 * (s + 1) + 100 * i + int(level * 10) for i in range(photos)]
                cells.append(
                    run_cell(printed, manifest, level, severity, seeds, cards, stages["family 1"])
                )
                print(row(level, severity, cells[-1]), flush=True)
        print(LEGEND)
        columns["family 1 (all cells)"] = family1_column(cells)
    print("\nsecond photo family (tests/support/field_set.py), 4000x3000 px", flush=True)
    calibration = []
    for label, recipes in FAMILIES.items():
        if args.quick:
            recipes = recipes[:2]
        stages[f"family 2 {label}"] = StageTimes()
        tally = run_family(printed, manifest, recipes, label, stages=stages[f"family 2 {label}"])
        columns[f"family 2 {label}"] = family2_column(tally)
        if tally.box_readings:
            calibration += ["", *calibration_rows(tally, label)]
    print("\n".join(summary_rows(columns)))
    print("\n".join(calibration))
    print("\nwhere the time goes (CPU time of scan_image by stage, one OpenCV thread)")
    print("\n".join(stage_rows(stages)))
    print(FIELD_LEGEND)


if __name__ == "__main__":
    main()
