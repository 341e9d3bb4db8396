"""Human review of digitised values: the worst-first queue, decisions, progress.

Every decision sets ``source = "human"``, the review state, who and when, and keeps the
machine's ``proposal`` (so the review page can still show what was read). A decided value is
``FieldValue.is_locked``: digitisation never writes it again. After each decision the card is
pushed into the domain again (participants, contacts) through ``kit.services.apply``.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, User, Workshop
from kit.models.base import utc_now
from kit.models.digitisation import HUMAN_STATES
from kit.services.apply import apply_card
from kit.services.values import ValueProblem, parse_email, parse_phone
from printables.layout import CARD_TYPES, Field, card_type

# Values typed in a text input: the field queue. Vote counts are typed too (a number).
TYPED_KINDS = ("text", "email", "phone", "number", "votes")
MARK_KINDS = ("checkbox",)  # reviewed as crops sorted into columns
REVIEWABLE_STATES = ("pending", *HUMAN_STATES)  # "auto" values were accepted by rule
CHECKED, UNCHECKED = "1", "0"
MAX_VALUE_CHARS = 2000  # a card's largest box holds a few hundred handwritten characters


class ReviewError(ValueError):
    pass


@dataclass(frozen=True)
class Progress:
    total: int  # values that needed a human (pending or already decided)
    pending: int

    @property
    def done(self) -> int:
        return self.total - self.pending

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


def queue_order():
    """Worst first: the engine's own score (or the confidence) ascending, then by card."""
    score = func.coalesce(FieldValue.proposal_score, FieldValue.confidence)
    return (score.asc(), Card.serial.asc(), FieldValue.id.asc())


def workshop_values(workshop: Workshop, kinds: tuple[str, ...]):
    return (select(FieldValue).join(FieldValue.card)
            .where(Card.workshop_id == workshop.id, FieldValue.kind.in_(kinds)))


def review_queue(workshop: Workshop, kinds: tuple[str, ...] = TYPED_KINDS) -> list[FieldValue]:
    """The values a human looks at, decided ones included so that "previous" can go back."""
    query = workshop_values(workshop, kinds).where(FieldValue.review.in_(REVIEWABLE_STATES))
    return list(db.session.scalars(query.order_by(*queue_order())))


def pending_queue(workshop: Workshop, kinds: tuple[str, ...] = TYPED_KINDS) -> list[FieldValue]:
    return [value for value in review_queue(workshop, kinds) if value.review == "pending"]


def next_pending(queue: list[FieldValue], after: FieldValue | None = None) -> FieldValue | None:
    """The first pending value after ``after`` in queue order, wrapping round to the start."""
    start = queue.index(after) + 1 if after in queue else 0
    for value in queue[start:] + queue[:start]:
        if value.review == "pending" and value is not after:
            return value
    return None


def neighbours(queue: list[FieldValue], value: FieldValue) -> tuple[FieldValue | None,
                                                                     FieldValue | None]:
    """The values just before and after ``value`` in queue order, for previous/next."""
    if value not in queue:
        return None, None
    index = queue.index(value)
    before = queue[index - 1] if index > 0 else None
    after = queue[index + 1] if index + 1 < len(queue) else None
    return before, after


def progress(workshop: Workshop, kinds: tuple[str, ...] = TYPED_KINDS) -> Progress:
    query = (select(FieldValue.review, func.count()).join(FieldValue.card)
             .where(Card.workshop_id == workshop.id, FieldValue.kind.in_(kinds),
                    FieldValue.review.in_(REVIEWABLE_STATES))
             .group_by(FieldValue.review))
    counts = dict(db.session.execute(query).all())
    return Progress(total=sum(counts.values()), pending=counts.get("pending", 0))


def get_value(workshop: Workshop, value_id: int) -> FieldValue | None:
    value = db.session.get(FieldValue, value_id)
    if value is None or value.card.workshop_id != workshop.id:
        return None
    return value


def prefill(value: FieldValue) -> str:
    """What the review input shows: the decided value, else the machine's proposal."""
    if value.value is not None:
        return value.value
    return value.proposal or ""


def normalise_typed(kind: str, typed: str) -> str:
    """The stored form of what a reviewer typed; raises ReviewError when it cannot be."""
    text = " ".join((typed or "").split())[:MAX_VALUE_CHARS]
    if not text:
        return ""
    try:
        if kind == "email":
            return parse_email(text) or ""
        if kind == "phone":
            return parse_phone(text)
    except ValueProblem:
        raise ReviewError(kind) from None
    if kind in ("number", "votes"):
        if not (text.isascii() and text.isdigit()):  # "²".isdigit() is True, int("²") fails
            raise ReviewError(kind)
        return str(int(text))
    return text


def submit_typed(value: FieldValue, user: User, typed: str) -> str:
    """Enter in the review input: the proposal unchanged confirms, other text corrects,
    nothing at all means the box was empty. Returns the review state recorded."""
    text = normalise_typed(value.kind, typed)
    if not text:
        return mark_empty(value, user)
    machine = normalise_quietly(value.kind, value.proposal)
    state = "confirmed" if text == machine else "corrected"
    record_decision(value, user, state, text)
    return state


def normalise_quietly(kind: str, text: str | None) -> str:
    try:
        return normalise_typed(kind, text or "")
    except ReviewError:  # a garbled proposal: whatever the human typed differs from it
        return text or ""


def mark_unreadable(value: FieldValue, user: User) -> str:
    record_decision(value, user, "unreadable", None)
    return "unreadable"


def mark_empty(value: FieldValue, user: User) -> str:
    record_decision(value, user, "empty", None)
    return "empty"


def set_mark(value: FieldValue, user: User, checked: bool) -> str:
    """A checkbox decided by a human: confirmed when it agrees with what the machine read."""
    if value.kind not in MARK_KINDS:
        raise ReviewError(value.kind)
    mark = CHECKED if checked else UNCHECKED
    state = "confirmed" if mark == value.proposal else "corrected"
    record_decision(value, user, state, mark)
    return state


def flip_mark(value: FieldValue, user: User) -> str:
    """One click on a checked crop unchecks it, and the other way round."""
    return set_mark(value, user, value.value != CHECKED)


def record_decision(value: FieldValue, user: User, state: str, new_value: str | None) -> None:
    value.value = new_value
    value.source = "human"
    value.review = state
    value.reviewed_by_id = user.id
    value.reviewed_at = utc_now()
    db.session.commit()
    apply_to_domain(value.card)


def apply_to_domain(card: Card) -> None:
    """Push the card's values into participants and contacts (it commits)."""
    apply_card(card)


@dataclass(frozen=True)
class MarkField:
    """One checkbox of one card type, across every card of the workshop."""
    type_key: str
    field_name: str
    label: str
    total: int
    pending: int

    @property
    def key(self) -> str:
        return f"{self.type_key}.{self.field_name}"


def mark_fields(workshop: Workshop) -> list[MarkField]:
    """Every checkbox read in this workshop, in the order the cards print them."""
    pending = func.sum(case((FieldValue.review == "pending", 1), else_=0))
    query = (select(Card.type_key, FieldValue.field_name, func.count(), pending)
             .join(FieldValue.card)
             .where(Card.workshop_id == workshop.id, FieldValue.kind.in_(MARK_KINDS))
             .group_by(Card.type_key, FieldValue.field_name))
    found = [MarkField(type_key, name, field_label(type_key, name), total, waiting or 0)
             for type_key, name, total, waiting in db.session.execute(query)]
    return sorted(found, key=lambda mark: layout_position(mark.type_key, mark.field_name))


def field_label(type_key: str, field_name: str) -> str:
    try:
        return card_type(type_key).field(field_name).label
    except KeyError:  # a value of a field the layout no longer has: show its name
        return field_name


def layout_position(type_key: str, field_name: str) -> tuple[int, int]:
    types = list(CARD_TYPES)
    if type_key not in CARD_TYPES:
        return (len(types), 0)
    names = [f.name for f in CARD_TYPES[type_key].fields]
    return (types.index(type_key), names.index(field_name) if field_name in names else len(names))


def mark_columns(workshop: Workshop, key: str) -> dict[str, list[FieldValue]]:
    """The crops of one checkbox sorted into columns: what a human still has to decide
    ("unsure"), and what is read or decided as checked or unchecked."""
    type_key, _, field_name = key.partition(".")
    query = (workshop_values(workshop, MARK_KINDS)
             .where(Card.type_key == type_key, FieldValue.field_name == field_name)
             .order_by(Card.serial))
    columns: dict[str, list[FieldValue]] = {"unsure": [], "checked": [], "unchecked": []}
    for value in db.session.scalars(query):
        columns[mark_column(value)].append(value)
    return columns


def mark_column(value: FieldValue) -> str:
    if value.review == "pending" or value.value not in (CHECKED, UNCHECKED):
        return "unsure"
    return "checked" if value.value == CHECKED else "unchecked"


@dataclass(frozen=True)
class CardField:
    """One printed field of a card with what was read there (None: nothing read yet)."""
    spec: Field
    value: FieldValue | None

    @property
    def state(self) -> str:
        return self.value.review if self.value is not None else "missing"


def card_fields(card: Card) -> list[CardField]:
    """The card's printed fields in layout order, each with its value: the overlay's content."""
    values = {v.field_name: v for v in db.session.scalars(
        select(FieldValue).where(FieldValue.card_id == card.id))}
    return [CardField(spec, values.get(spec.name)) for spec in card.spec.fields]


def read_cards(workshop: Workshop) -> list[tuple[Card, int]]:
    """Cards with at least one value read, each with its count of pending values."""
    pending = func.sum(case((FieldValue.review == "pending", 1), else_=0))
    query = (select(Card, pending).join(FieldValue, FieldValue.card_id == Card.id)
             .where(Card.workshop_id == workshop.id)
             .group_by(Card.id).order_by(Card.serial))
    return [(card, waiting or 0) for card, waiting in db.session.execute(query)]


def card_reading(card: Card) -> CardReading | None:
    return db.session.scalars(select(CardReading).where(CardReading.card_id == card.id)).first()
