"""Plain data handed to the kit printer: no Flask, no database (the kit app fills these).

The printer never allocates codes: the caller passes every card with its code already made
(``printables.payload.encode``), so that reprinting reuses the codes stored by the app.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# A personal pack, in printing order: card type key -> how many.
DEFAULT_PACK: dict[str, int] = {"identite": 1, "frein": 2, "levier": 2, "ressource": 1,
                                "besoin": 2, "contact": 1}


def pack_slots(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The (card type, index within its type) slots of one pack, identity card first."""
    order = ("identite", "frein", "levier", "ressource", "besoin", "contact")
    unknown = set(counts) - set(order)
    if unknown:
        raise ValueError(f"pack counts name unknown card types: {', '.join(sorted(unknown))}")
    return [(key, i) for key in order for i in range(counts.get(key, 0))]


@dataclass(frozen=True)
class KitWorkshop:
    """The workshop as every printed thing shows it: kit, run-sheet, invitation."""
    code: str
    title: str
    theme: str = ""
    date: dt.date | None = None
    place: str = ""
    start: dt.time | None = None
    lunch: dt.time | None = None
    end: dt.time | None = None
    organiser: str = ""
    contact: str = ""


@dataclass(frozen=True)
class KitCard:
    """One printed card, group sheet or poster."""
    code: str  # the full QR payload text
    type_key: str  # a key of printables.layout.CARD_TYPES
    participant_number: int | None = None
    # text printed in a field box: a pre-registered person's known answers, or a
    # "première base" item's wording. Field name -> text (plain text, never markup).
    prefill: dict[str, str] = field(default_factory=dict)
    # checkbox names printed as already known (shown as a hint, never pre-ticked)
    known_checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class KitRequest:
    workshop: KitWorkshop
    cards: tuple[KitCard, ...]  # packs in participant order, then blank packs, then extras
    posters: tuple[KitCard, ...]
    group_sheets: tuple[KitCard, ...]
    # lines for the run-sheet's "pré-diagnostic" summary (issue 5); may be empty
    prediagnostic_summary: tuple[str, ...] = ()
