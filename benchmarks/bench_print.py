"""Benchmark: build the printed kit for 30, 100 and 300 participants and print a table.

Run with ``python -m benchmarks.bench_print`` (or ``make bench-print``). Target (issue 2): the
300-participant kit (300 packs of 9 cards, posters, group sheets, every item PDF) in < 10 s.
"""
from __future__ import annotations

import argparse
import time

import pypdfium2 as pdfium

from printables.demo import demo_request
from printables.kit import build_kit

SIZES = (30, 100, 300)
TARGET_S = {300: 10.0}


def measure(participants: int) -> dict:
    request = demo_request("BENCH", participants, 0)
    started = time.perf_counter()
    output = build_kit(request)
    seconds = time.perf_counter() - started
    document = pdfium.PdfDocument(output.files["kit.pdf"])
    pages = len(document)
    document.close()
    cards = len(request.cards) + len(request.posters) + len(request.group_sheets)
    return {"participants": participants, "seconds": seconds, "pages": pages,
            "kit_mb": len(output.files["kit.pdf"]) / 1e6,
            "all_mb": sum(len(b) for b in output.files.values()) / 1e6,
            "cards": cards, "cards_per_s": cards / seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_print")
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    args = parser.parse_args(argv)
    build_kit(demo_request("WARM", 1, 0))  # font loading and caches, not what we measure
    print(
        f"{'participants':>12} {'seconds':>8} {'pages':>6} {'kit.pdf MB':>10} {'all PDFs MB':>11} "
        f"{'cards':>6} {'cards/s':>8}  target"
    )
    for size in args.sizes:
        row = measure(size)
        target = TARGET_S.get(size)
        verdict = (
            "" if target is None else ("ok" if row["seconds"] < target else f"SLOW (>{target:g} s)")
        )
        print(
            f"{row['participants']:>12} {row['seconds']:>8.2f} {row['pages']:>6} "
            f"{row['kit_mb']:>10.2f} "
            f"{row['all_mb']:>11.2f} {row['cards']:>6} {row['cards_per_s']:>8.0f}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
