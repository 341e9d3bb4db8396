"""What a person said before the day against what their identity card's boxes say.

Rules (issue 14 point 5, issue 8 point 6), applied after every digitisation of an identity
card, to machine readings only (a human decision is never touched):

- **Mutually exclusive choices ticked together** (two territories, two actor types, two
  consents) are never settled by a rule: every box of that group goes to review.
- **A tick that disagrees with the person's own online answer** goes to review with the
  other boxes of its group; nothing overwrites the online answer until a human confirms the
  card (the review shows both). A group left without any tick is no new answer: the online
  one stands (the kit underlines known answers and asks people to tick what is still true).
- **Consent, newsletter and journal** boxes are applied only after a human confirms them,
  unless they agree with what the person gave online. A box read as empty grants nothing.
  Until confirmed, ``pending_consent_ids`` lists the person, and the shared and public
  outputs treat them as "no consent" (kit.services.results).

"What the person said online" is their registration (kit.models.Registration) when they
registered on the site, else the participant row as imported, for the attributes this card
never wrote (``CardReading.applied``).
"""
from __future__ import annotations

from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, Participant, Registration, Workshop
from printables.layout import card_type

CHECKED, UNCHECKED = "1", "0"
# checkbox group of the identity card -> the participant attribute holding the chosen key
GROUP_ATTRIBUTES = {"acteur": "actor_type", "territoire": "territory", "consentement": "consent"}
FLAG_ATTRIBUTES = {"newsletter": "newsletter", "journal": "journal_volunteer"}
EXCLUSIVE_GROUPS = ("acteur", "territoire", "consentement")
# boxes whose "checked" must come from a human or from the person's own online answer
CONSENT_GROUP = "consentement"
CONSENT_FLAGS = ("newsletter", "journal")
ANSWER_ATTRIBUTES = (*GROUP_ATTRIBUTES.values(), *FLAG_ATTRIBUTES.values())


def online_answers(person: Participant | None, reading: CardReading | None) -> dict:
    """Attribute -> what the person gave before the day (registration, else import)."""
    if person is None:
        return {}
    registration = db.session.scalars(select(Registration).where(
        Registration.participant_id == person.id)).first()
    if registration is not None:
        return {attr: getattr(registration, attr) for attr in ANSWER_ATTRIBUTES}
    if person.origin != "preregistered":
        return {}  # a walk-in or a contact said nothing before the card
    written = (reading.applied or {}) if reading is not None else {}
    return {attr: getattr(person, attr) for attr in ANSWER_ATTRIBUTES if attr not in written}


def expected_mark(field_name: str, group: str | None, answers: dict) -> str | None:
    """The box as the online answer would tick it, or None when the person gave no answer."""
    if group in GROUP_ATTRIBUTES:
        chosen = answers.get(GROUP_ATTRIBUTES[group])
        if chosen is None:
            return None
        return CHECKED if field_name == f"{group}_{chosen}" else UNCHECKED
    if field_name in FLAG_ATTRIBUTES and FLAG_ATTRIBUTES[field_name] in answers:
        return CHECKED if answers[FLAG_ATTRIBUTES[field_name]] else UNCHECKED
    return None


def needs_human(field_name: str, group: str | None) -> bool:
    return group == CONSENT_GROUP or field_name in CONSENT_FLAGS


def send_to_review(value: FieldValue) -> None:
    if not value.is_locked and value.review == "auto":
        value.review = "pending"


def settle_identity_ticks(card: Card, values: dict[str, FieldValue]) -> None:
    """Send to review the identity card's boxes that no rule may settle (module rules)."""
    person = card.participant
    reading = db.session.scalars(select(CardReading).where(CardReading.card_id == card.id)).first()
    answers = online_answers(person, reading)
    spec = card.spec
    boxes = [(f, values[f.name]) for f in spec.fields if f.kind == "checkbox" and f.name in values]
    for group in {f.group or f.name for f, _ in boxes}:
        members = [(f, v) for f, v in boxes if (f.group or f.name) == group]
        if not any(v.value == CHECKED for _, v in members):
            continue  # nothing ticked: no new answer on paper, the online one stands
        exclusive = group in EXCLUSIVE_GROUPS and sum(v.value == CHECKED for _, v in members) > 1
        for f, value in members:
            expected = expected_mark(f.name, f.group, answers)
            if exclusive or (expected is not None and value.value != expected):
                send_to_review(value)  # contradictory ticks, or the card against the person
            elif expected is None and needs_human(f.name, f.group) and value.value == CHECKED:
                send_to_review(value)  # a consent nobody confirmed yet


def online_mark(value: FieldValue) -> str | None:
    """For the review: the box as the person answered online ("1"/"0"), None if no answer."""
    card = value.card
    if card.type_key != "identite" or value.kind != "checkbox":
        return None
    try:
        group = card_type(card.type_key).field(value.field_name).group
    except KeyError:
        return None
    reading = db.session.scalars(select(CardReading).where(CardReading.card_id == card.id)).first()
    return expected_mark(value.field_name, group, online_answers(card.participant, reading))


# the boxes that decide who appears in shared and public outputs
CONSENT_FIELD_NAMES = tuple(f.name for f in card_type("identite").fields
                            if f.group == CONSENT_GROUP)


def pending_consent_ids(workshop: Workshop):
    """A select of participant ids whose consent boxes from paper wait for a human."""
    return (select(Card.participant_id).join(FieldValue, FieldValue.card_id == Card.id)
            .where(Card.workshop_id == workshop.id, Card.type_key == "identite",
                   Card.participant_id.is_not(None),
                   FieldValue.field_name.in_(CONSENT_FIELD_NAMES),
                   FieldValue.review == "pending"))
