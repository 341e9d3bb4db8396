"""Are confident readings right? `python -m benchmarks.bench_readings [--cards N]`.

Reads single cards from tests.support.readings (random marks, sticker sizes and placements, pen
votes, pastel paper, shadow, curl, rotation, an inexact fit, blur, noise, JPEG, frame cuts and
covers) and prints, for checkboxes and vote strips: how many readings, how many right, how many
unsure (left to a person), and among readings at confidence >= 0.8 the share that is wrong: the
calibration the README promises (target: <= 0.5 %).
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field

import cv2

from printables.layout import CARD_TYPES
from scan.read import read_card
from tests.support.readings import Case, make_case

CONFIDENT = 0.8


@dataclass
class Tally:
    total: int = 0
    right: int = 0
    unsure: int = 0
    confident: int = 0
    confident_wrong: int = 0
    examples: list[str] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)

    def add(self, right: bool, unsure: bool, confidence: float, what: str) -> None:
        self.total += 1
        self.right += right
        self.unsure += unsure
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
    checkboxes, strips, _ = read_card(gray, case.image, case.homography, CARD_TYPES[case.type_key])
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
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--first-seed", type=int, default=0)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    boxes, votes = Tally(), Tally()
    for seed in range(args.first_seed, args.first_seed + args.cards):
        score_case(make_case(seed), seed, boxes, votes)
    print(
        f"{args.cards} cards (half identity, half need), seeds {args.first_seed}-"
        f"{args.first_seed + args.cards - 1}\n"
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
    for example in boxes.examples[:10] + votes.examples[:10]:
        print("confident error:", example)


if __name__ == "__main__":
    main()
