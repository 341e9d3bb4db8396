"""Scoring of the second photo family against its truth, with the figures of issue 8's table.

A reading is "confident" at confidence >= 0.8 (the issue's line). Boxes: "checked" must read
True, "empty" and "cancelled" (scribbled out) must read False; unsure (None) is never right but
never a confident error. A hidden box (out of frame, covered) is not counted as right or
wrong unless it is read with confidence and differs from what lies under the cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scan.budget import OUT_OF_TIME
from tests.support.field_photos import PhotoTruth2

CONFIDENT = 0.8
MIN_PX_PER_MM = 2.0
EXPECTED = {"checked": True, "empty": False, "cancelled": False}


@dataclass
class Tally:
    photos: int = 0
    must_find: int = 0
    found: int = 0
    false_cards: int = 0
    boxes: int = 0
    boxes_right: int = 0
    boxes_unsure: int = 0
    confident_wrong_boxes: int = 0
    hidden_boxes: int = 0
    hidden_confident: int = 0  # hidden boxes read with confidence >= 0.8 (right or not)
    strips: int = 0
    strips_exact: int = 0
    confident_wrong_votes: int = 0
    # visible boxes and strips left unread for time (reason "temps"): never right, never exact
    boxes_unread: int = 0
    strips_unread: int = 0
    # each visible box read: (confidence, has a value, right), for the calibration table
    box_readings: list[tuple[float, bool, bool]] = field(default_factory=list)
    scan_s: list[float] = field(default_factory=list)
    cpu_s: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, list):
                getattr(self, name).extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)


def score(truth: PhotoTruth2, reading: dict) -> Tally:
    """What the scanner got right and wrong on one photo (``PhotoReading.to_dict()``)."""
    t = Tally(photos=1)
    read = {c["code"]: c for c in reading.get("cards", [])}
    t.false_cards = len(set(read) - set(truth.cards))
    t.problems += [f"false card {c}" for c in sorted(set(read) - set(truth.cards))]
    for code, card in truth.cards.items():
        if card.must_find and card.px_per_mm >= MIN_PX_PER_MM:
            t.must_find += 1
            t.found += code in read
            if code not in read:
                t.problems.append(f"card not found {code} ({card.px_per_mm} px/mm)")
        got = read.get(code)
        if got is None:
            continue
        for name, state in card.boxes.items():
            box = got.get("checkboxes", {}).get(name) or {}
            value, confidence = box.get("checked"), float(box.get("confidence") or 0.0)
            expected = EXPECTED[state]
            where = f"{code} {name} ({card.marks.get(name)}, {card.paper}, curl {card.curl_mm})"
            if name in card.hidden:
                t.hidden_boxes += 1
                t.hidden_confident += value is not None and confidence >= CONFIDENT
                if value is not None and value != expected and confidence >= CONFIDENT:
                    t.confident_wrong_boxes += 1
                    t.problems.append(f"hidden box read wrong with confidence {where}: {value}")
                continue
            t.boxes += 1
            t.boxes_unread += box.get("reason") == OUT_OF_TIME
            t.box_readings.append((confidence, value is not None, value is expected))
            if value is expected:
                t.boxes_right += 1
            elif value is None:
                t.boxes_unsure += 1
            elif confidence >= CONFIDENT:
                t.confident_wrong_boxes += 1
                t.problems.append(
                    f"box {where}: expected {expected}, read {value} at {confidence:.2f}"
                )
        for name, count in card.votes.items():
            strip = got.get("votes", {}).get(name) or {}
            value, confidence = (
                strip.get("count"),
                float(strip.get("confidence") or 0.0),
            )
            if name in card.hidden:
                if value is not None and value != count and confidence >= CONFIDENT:
                    t.confident_wrong_votes += 1
                continue
            t.strips += 1
            unread = strip.get("reason") == OUT_OF_TIME  # its 0 was never counted
            t.strips_unread += unread
            t.strips_exact += value == count and not unread
            if value != count and confidence >= CONFIDENT:
                t.confident_wrong_votes += 1
                t.problems.append(
                    f"votes {code} {name} {card.vote_marks.get(name)}: expected {count}, "
                    f"read {value} at {confidence:.2f}"
                )
    return t
