"""The lunch-hour review of the morning's needs: their texts and vote counts, on a phone.

A second volunteer confirms with one tap what the machine read (or types the correction) while
the facilitator groups the needs. Decisions go through kit.services.review (same rules: the
human decision is kept, who and when). Two people on the same list never overwrite each other:
a value someone else decided meanwhile is left as they decided it.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, User, Workshop
from kit.services import review
from kit.services.results import text_of

NEED_TYPE = "besoin"
# the list's filter (its URL word) -> the need card's fields it shows
FILTERS = {"tout": ("texte", "votes"), "besoins": ("texte",), "votes": ("votes",)}
DEFAULT_FILTER = "tout"


@dataclass(frozen=True)
class Decision:
    state: str  # the review state recorded, or the one found when someone else decided first
    by_other: User | None = None  # set when the value had been decided by someone else


def filter_key(asked: str) -> str:
    return asked if asked in FILTERS else DEFAULT_FILTER


def need_values(workshop: Workshop, key: str, pending_only: bool = True) -> list[FieldValue]:
    """The need cards' values of filter ``key`` in printing order (text before votes)."""
    query = (select(FieldValue).join(FieldValue.card)
             .where(Card.workshop_id == workshop.id, Card.type_key == NEED_TYPE,
                    FieldValue.field_name.in_(FILTERS[filter_key(key)]),
                    FieldValue.review.in_(review.REVIEWABLE_STATES))
             .order_by(Card.serial, FieldValue.field_name))  # "texte" before "votes"
    if pending_only:
        query = query.where(FieldValue.review == "pending")
    return list(db.session.scalars(query))


def pending_counts(workshop: Workshop) -> dict[str, int]:
    """Values still waiting, per filter."""
    waiting = need_values(workshop, "tout")
    return {key: sum(1 for v in waiting if v.field_name in names) for key, names in FILTERS.items()}


def progress(workshop: Workshop, key: str) -> review.Progress:
    found = need_values(workshop, key, pending_only=False)
    return review.Progress(total=len(found),
                           pending=sum(1 for v in found if v.review == "pending"))


def is_need_value(value: FieldValue) -> bool:
    return value.card.type_key == NEED_TYPE and value.field_name in FILTERS[DEFAULT_FILTER]


def decide(value: FieldValue, user: User, action: str, typed: str) -> Decision:
    """Confirm or correct (``typed``), or mark unreadable or empty; raises review.ReviewError
    for a value that cannot be stored (a vote count that is not a number)."""
    if value.review != "pending":
        return Decision(value.review, value.reviewed_by)
    if action == "unreadable":
        return Decision(review.mark_unreadable(value, user))
    if action == "empty":
        return Decision(review.mark_empty(value, user))
    return Decision(review.submit_typed(value, user, typed))


def next_after(queue: list[FieldValue], value: FieldValue) -> FieldValue | None:
    """The value to show next: the one after ``value`` in the list it was in, else the first."""
    ids = [v.id for v in queue]
    if value.id in ids:
        later = queue[ids.index(value.id) + 1:]
        if later:
            return later[0]
    return next((v for v in queue if v.id != value.id), None)


@dataclass(frozen=True)
class NeedContext:
    """Beside a vote count: which need it counts, by its confirmed text, else its image."""
    text: str = ""
    image_value_id: int | None = None  # the "texte" value whose crop shows the handwriting


def need_contexts(values: list[FieldValue]) -> dict[int, NeedContext]:
    """Card id -> the need's confirmed text or its handwriting's crop (never an OCR guess)."""
    card_ids = {value.card_id for value in values if value.field_name == "votes"}
    query = select(FieldValue).where(FieldValue.card_id.in_(card_ids),
                                     FieldValue.field_name == "texte")
    contexts = {}
    for value in db.session.scalars(query):
        text = text_of(value)
        shown = text.text if text.verified else ""
        contexts[value.card_id] = NeedContext(shown, None if shown or not value.crop_name
                                              else value.id)
    return contexts
