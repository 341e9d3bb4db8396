"""Are confident readings right? `python -m benchmarks.bench_readings [--cards N] [--layout V]`.

Reads single cards from tests.support.readings (random marks, sticker sizes and placements, pen
votes, pastel paper, shadow, curl, rotation, an inexact fit, blur, noise, JPEG, frame cuts and
covers) and prints, for checkboxes and vote strips: how many readings, how many right, how many
unsure (left to a person), and among readings at confidence >= 0.8 the share that is wrong: the
calibration the README promises (target: <= 0.5 %). The cards are printed with the current
layout (``--layout 1``: the need card's layout-1 vote circles, as old kits carry them).
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field

import cv2

from printables.layout import LAYOUT_VERSION, LAYOUTS
from scan.read import read_card
from tests.support.readings import Case, make_case

CONFIDENT = 0.8
# Confidence bins of the calibration table: the review band, the unsure band above it, and the
# two bands of the confident readings (whose error rate the README promises <= 0.5 %).
BIN_EDGES = (0.0, 0.5, 0.8, 0.95, 1.0)


@dataclass
class ConfidenceBins:
    """Readings that give a value, by confidence bin: how many, how many wrong."""

    readings: list[int] = field(default_factory=lambda: [0] * (len(BIN_EDGES) - 1))
    wrong: list[int] = field(default_factory=lambda: [0] * (len(BIN_EDGES) - 1))
    no_value: int = 0

    def add(self, has_value: bool, right: bool, confidence: float) -> None:
        if not has_value:
            self.no_value += 1
            return
        i = min(
            sum(confidence >= edge for edge in BIN_EDGES[1:-1]), len(self.readings) - 1
        )
        self.readings[i] += 1
        self.wrong[i] += not right

    def merge(self, other: ConfidenceBins) -> None:
        self.readings = [a + b for a, b in zip(self.readings, other.readings)]
        self.wrong = [a + b for a, b in zip(self.wrong, other.wrong)]
        self.no_value += other.no_value

    def rows(self, name: str) -> list[str]:
        lines = [f"| {name}: confidence | readings | wrong | error rate |", "|---|---|---|---|"]
        for i, (n, bad) in enumerate(zip(self.readings, self.wrong)):
            low, high = BIN_EDGES[i], BIN_EDGES[i + 1]
            span = f"{low:.2f}-{high:.2f}" + (" (incl.)" if i == len(self.readings) - 1 else "")
            rate = f"{100 * bad / n:.2f} %" if n else "-"
            lines.append(f"| {span} | {n} | {bad} | {rate} |")
        n, bad = sum(self.readings[2:]), sum(self.wrong[2:])
        lines.append(
            f"| >= {CONFIDENT} | {n} | {bad} | {f'{100 * bad / n:.2f} %' if n else '-'} |"
        )
        lines.append(f"| no value (to a person) | {self.no_value} | - | - |")
        return lines


@dataclass
class Tally:
    total: int = 0
    right: int = 0
    unsure: int = 0
    confident: int = 0
    confident_wrong: int = 0
    examples: list[str] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    bins: ConfidenceBins = field(default_factory=ConfidenceBins)

    def add(
        self, right: bool, unsure: bool, confidence: float, what: str, has_value: bool | None = None
    ) -> None:
        self.total += 1
        self.right += right
        self.unsure += unsure
        self.bins.add(not unsure if has_value is None else has_value, right, confidence)
        if confidence >= CONFIDENT and not unsure:
            self.confident += 1
            if not right:
                self.confident_wrong += 1
                self.examples.append(what)

    def row(self, name: str) -> str:
        rate = 100 * self.confident_wrong / max(self.confident, 1)
        return (
            f"| {name} | {self.total} | {100 * self.right / max(self.total, 1):.1f} % "
            f"| {100 * self.unsure / max(self.total, 1):.1f} % | {self.confident} "
            f"| {self.confident_wrong} ({rate:.2f} %) |"
        )


def score_case(case: Case, seed: int, boxes: Tally, votes: Tally) -> None:
    gray = cv2.cvtColor(case.image, cv2.COLOR_BGR2GRAY)
    checkboxes, strips, _ = read_card(gray, case.image, case.homography, case.spec)
    for name, truth in case.checks.items():
        got = checkboxes[name]
        boxes.reasons[got.reason] += 1
        boxes.add(
            got.checked is truth,
            got.checked is None,
            got.confidence,
            f"seed {seed} {name} ({case.styles[name]}, {case.tags}): read {got.checked} "
            f"at {got.confidence:.2f}",
        )
    for name, truth in case.votes.items():
        got = strips[name]
        votes.reasons[got.reason] += 1
        unsure = got.reason is not None or got.confidence < CONFIDENT
        votes.add(
            got.count == truth and got.reason is None,
            unsure,
            got.confidence,
            f"seed {seed} {name} ({case.tags}): {truth} read {got.count} at {got.confidence:.2f}",
            has_value=got.reason is None,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default=LAYOUT_VERSION)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    boxes, votes = Tally(), Tally()
    for seed in range(args.first_seed, args.first_seed + args.cards):
        score_case(make_case(seed, args.layout), seed, boxes, votes)
    print(
        f"{args.cards} cards (half identity, half need), seeds {args.first_seed}-"
        f"{args.first_seed + args.cards - 1}, layout {args.layout}\n"
    )
    print(
        "| readings | n | right | unsure (to a person) | confident (>= 0.8) | confident and wrong |"
    )
    print("|---|---|---|---|---|---|")
    print(boxes.row("checkboxes"))
    print(votes.row("vote strips (count exact)"))
    print(
        "\nunsure reasons, checkboxes:", dict(boxes.reasons), "; vote strips:", dict(votes.reasons)
    )
    print()
    print("\n".join(boxes.bins.rows("checkboxes")))
    print()
    print("\n".join(votes.bins.rows("vote strips")))
    for example in boxes.examples[:10] + votes.examples[:10]:
        print("confident error:", example)


if __name__ == "__main__":
    main()
