"""Compare what the scanner read (``PhotoReading.to_dict()``) with the truth of a synthetic photo.

One ``Score`` per photo: counts for the benchmark, and a list of plain-language problems for the
round-trip assertions (each names the card, the box and what was expected and read).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scan.budget import OUT_OF_TIME
from tests.support.truth import CardTruth, PhotoTruth, partition

# Above this confidence an answer is "confident": a wrong one is the error issue 3 forbids.
# Below it the reading goes to human review, so being unsure (or even wrong) there is allowed.
CONFIDENT = 0.5


@dataclass
class Score:
    photo: str
    expected: set[str] = field(default_factory=set)
    found: set[str] = field(default_factory=set)
    checkboxes: int = 0
    checkboxes_right: int = 0
    checkboxes_unsure: int = 0  # answered None, or wrong with a low confidence
    confident_errors: list[str] = field(default_factory=list)
    votes: int = 0
    votes_exact: int = 0
    vote_errors: list[str] = field(default_factory=list)
    zones: int = 0
    zones_right: int = 0
    zone_errors: list[str] = field(default_factory=list)
    ink: int = 0
    ink_right: int = 0
    ink_errors: list[str] = field(default_factory=list)
    cluster_errors: list[str] = field(default_factory=list)
    participant_errors: list[str] = field(default_factory=list)
    foreign_missing: list[str] = field(default_factory=list)
    unsure_details: list[str] = field(default_factory=list)

    @property
    def missing(self) -> set[str]:
        return self.expected - self.found

    @property
    def false_cards(self) -> set[str]:
        return self.found - self.expected

    def problems(self, allow_unsure: bool = True) -> list[str]:
        """Every way the reading falls short of the truth (empty when the round trip passes)."""
        out = [f"card not found: {c}" for c in sorted(self.missing)]
        out += [f"false card: {c}" for c in sorted(self.false_cards)]
        out += self.confident_errors + self.vote_errors + self.zone_errors + self.cluster_errors
        out += self.participant_errors + self.ink_errors
        out += [f"foreign code not reported: {t}" for t in self.foreign_missing]
        if not allow_unsure:
            out += self.unsure_details
        return out


def score_checkboxes(score: Score, truth: CardTruth, read: dict) -> None:
    for name, expected in truth.checkboxes.items():
        got = read.get("checkboxes", {}).get(name)
        score.checkboxes += 1
        where = f"{truth.code} {name} ({truth.marks.get(name)})"
        if got is None:
            score.confident_errors.append(f"checkbox missing from reading: {where}")
            continue
        checked, confidence = got.get("checked"), float(got.get("confidence", 0.0))
        if checked is expected:
            score.checkboxes_right += 1
        elif confidence < CONFIDENT:
            score.checkboxes_unsure += 1
            score.unsure_details.append(
                f"unsure checkbox {where}: read {checked} at {confidence:.2f}"
            )
        else:
            score.confident_errors.append(f"checkbox {where}: expected {expected}, read {checked} "
                                          f"with confidence {confidence:.2f}")


def score_votes(score: Score, truth: CardTruth, read: dict) -> None:
    for name, expected in truth.votes.items():
        got = read.get("votes", {}).get(name) or {}
        score.votes += 1
        if got.get("count") == expected and got.get("reason") != OUT_OF_TIME:  # 0 never counted
            score.votes_exact += 1
        else:
            score.vote_errors.append(
                f"votes {truth.code} {name} ({truth.vote_style}): expected "
                f"{expected}, read {got.get('count')} at {got.get('confidence')}"
            )


def score_ink(score: Score, truth: CardTruth, read: dict) -> None:
    for name, expected in truth.fields_with_ink.items():
        got = (read.get("fields", {}).get(name) or {}).get("has_ink")
        score.ink += 1
        if got is expected:
            score.ink_right += 1
        else:
            score.ink_errors.append(f"ink {truth.code} {name}: expected {expected}, read {got}")


def score_zone(score: Score, truth: CardTruth, read: dict) -> None:
    if truth.zone is None:
        return
    score.zones += 1
    if read.get("zone") == truth.zone:
        score.zones_right += 1
    else:
        score.zone_errors.append(
            f"zone {truth.code}: expected {truth.zone}, read {read.get('zone')}"
        )


def score_clusters(score: Score, truth: PhotoTruth, by_code: dict[str, dict]) -> None:
    # only over the cards found: a missing card is reported once, as missing
    seen = [c for c, t in truth.cards.items() if c in by_code and t.cluster is not None]
    expected = partition({c: truth.cards[c].cluster for c in seen})
    got = partition({c: by_code[c].get("cluster") for c in seen})
    if expected and got != expected:
        extra = sorted(sorted(g) for g in got - expected)
        lost = sorted(sorted(g) for g in expected - got)
        score.cluster_errors.append(f"clusters differ: expected groups {lost} read as {extra}")


def score_photo(truth: PhotoTruth, reading: dict) -> Score:
    cards = reading.get("cards", [])
    by_code = {c["code"]: c for c in cards}
    score = Score(truth.name, set(truth.cards), set(by_code))
    for code, card_truth in truth.cards.items():
        read = by_code.get(code)
        if read is None:
            continue
        score_checkboxes(score, card_truth, read)
        score_votes(score, card_truth, read)
        score_ink(score, card_truth, read)
        score_zone(score, card_truth, read)
        if card_truth.participant is not None and read.get("participant") != card_truth.participant:
            score.participant_errors.append(
                f"participant {code}: expected {card_truth.participant},"
                f" read {read.get('participant')}"
            )
    if truth.has_walls:
        score_clusters(score, truth, by_code)
    reported = {
        f.get("text") if isinstance(f, dict) else f for f in reading.get("foreign_codes", [])
    }
    score.foreign_missing = [t for t in truth.foreign_codes if t not in reported]
    return score


def assert_unsure_means_low_confidence(reading: dict) -> None:
    """An unsure checkbox (checked None) goes to review: its confidence must say so."""
    for card in reading.get("cards", []):
        for name, box in card.get("checkboxes", {}).items():
            if box.get("checked") is None:
                assert box.get("confidence", 1.0) < CONFIDENT, (card["code"], name, box)
