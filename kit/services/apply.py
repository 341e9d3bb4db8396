"""Push a card's current field values into the domain: identity cards and useful contacts.

``apply_card(card)`` is called after each digitisation and after each review decision. Rules:

- Only trusted values are applied: review "auto" (printed, a confident checkbox, an exact or
  fuzzy match above the threshold) or a human decision ("confirmed", "corrected"). A pending
  proposal, "unreadable" or "empty" never reaches a participant.
- Identity card ("identite"): fills the participant of the pack. A blank pack's card (a
  walk-in) creates the participant with the pack's number, origin "walk_in", once its name or
  e-mail is trusted, and links every card of that pack to them.
- "Contact utile" card: creates (then updates) one participant of origin "useful_contact",
  without a number. The pack owner stays on ``Card.participant``; the contact is on
  ``CardReading.participant``. "Pourquoi utile ?" stays a field value of the card.
- Human edits win: ``CardReading.applied`` remembers what this card last wrote into each
  participant attribute. An attribute the card already wrote and whose value has changed
  since was edited by a human (participant page): it is never overwritten again. The first
  write of an attribute replaces the registration data (the card is the person's own,
  reviewed correction of it).
- Checkbox groups: a group with an unsure or pending box is skipped (kit.services.ticks sends
  to review the ticks that contradict the person's online answer, contradictory ticks and
  unconfirmed consents); if a human confirms several consent boxes, the most restrictive one
  ("aucun") holds, as GDPR requires; several actor types keep the first. An empty newsletter
  or journal box changes nothing unless a human decided it.
- Other card types (frein, levier, ressource, besoin, graine): their field values are the
  domain data themselves (read by the results); nothing to push.
"""
from __future__ import annotations

import logging

from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, Participant
from kit.services.participants import existing_emails
from kit.services.values import ValueProblem, parse_email
from printables.layout import card_type

log = logging.getLogger(__name__)

TRUSTED_STATES = ("auto", "confirmed", "corrected")
IDENTITY_TEXTS = {"structure": "structure", "role": "role", "commune": "commune",
                  "telephone": "phone"}
CHOICE_GROUPS = {"acteur": "actor_type", "territoire": "territory", "consentement": "consent"}
FLAGS = {"newsletter": "newsletter", "journal": "journal_volunteer"}
MOST_RESTRICTIVE_CONSENT = "aucun"
CONTACT_TEXTS = {"structure": "structure"}


def human_decided(card: Card) -> frozenset[str]:
    query = select(FieldValue.field_name).where(FieldValue.card_id == card.id,
                                                FieldValue.source == "human")
    return frozenset(db.session.scalars(query))


def trusted_values(card: Card) -> dict[str, str]:
    """Field name -> value, for the values a human or a sure rule stands behind."""
    query = select(FieldValue).where(FieldValue.card_id == card.id)
    return {fv.field_name: (fv.value or "").strip() for fv in db.session.scalars(query)
            if fv.review in TRUSTED_STATES and fv.value is not None}


def split_name(full: str) -> dict[str, str]:
    """"Camille Reynaud" -> first "Camille", last "Reynaud" (the first word is the first name)."""
    first, _, last = " ".join(full.split()).partition(" ")
    return {"first_name": first, "last_name": last}


def email_value(text: str) -> dict[str, str]:
    try:
        email = parse_email(text)
    except ValueProblem:
        return {}
    return {"email": email} if email else {}


def group_choice(values: dict[str, str], group: str, field_names: list[str]) -> str | None:
    """The chosen key of a checkbox group, or None when unsure or unanswered."""
    if any(name not in values for name in field_names):
        return None  # a box still pending: decide nothing on half a group
    prefix = f"{group}_"
    chosen = [name[len(prefix):] for name in field_names if values[name] == "1"]
    if not chosen:
        return None
    if group == "consentement" and len(chosen) > 1:
        return MOST_RESTRICTIVE_CONSENT
    return chosen[0]


def identity_attributes(values: dict[str, str], decided: frozenset[str] = frozenset()) -> dict:
    """``decided``: the fields a human decided (their empty boxes count as an answer)."""
    attrs: dict = {}
    if values.get("nom"):
        attrs.update(split_name(values["nom"]))
    attrs.update({attr: values[name] for name, attr in IDENTITY_TEXTS.items() if values.get(name)})
    attrs.update(email_value(values.get("email", "")))
    spec = card_type("identite")
    for group, attr in CHOICE_GROUPS.items():
        names = [f.name for f in spec.fields if f.group == group]
        choice = group_choice(values, group, names)
        if choice is not None:
            attrs[attr] = choice
    # an empty box is no answer (the online one stands); a human's "empty" decision is one
    attrs.update({attr: values[name] == "1" for name, attr in FLAGS.items()
                  if values.get(name) == "1" or name in decided})
    return attrs


def contact_attributes(values: dict[str, str]) -> dict:
    attrs: dict = split_name(values["nom"]) if values.get("nom") else {}
    attrs.update({attr: values[name] for name, attr in CONTACT_TEXTS.items() if values.get(name)})
    reach = values.get("coordonnees", "")
    attrs.update(email_value(reach) if "@" in reach else ({"phone": reach} if reach else {}))
    return attrs


def reading_of(card: Card) -> CardReading:
    reading = db.session.scalars(select(CardReading).where(CardReading.card_id == card.id)).first()
    if reading is None:
        reading = CardReading(card=card)
        db.session.add(reading)
    return reading


def fit_column(attr: str, value):
    """Text cut to the participant column's length (a reviewer may type up to 2000 characters):
    PostgreSQL refuses a longer value; the card's FieldValue keeps the whole text."""
    length = getattr(Participant.__table__.c[attr].type, "length", None)
    return value[:length] if isinstance(value, str) and length else value


def write_attributes(person: Participant, reading: CardReading, attrs: dict) -> None:
    """Write each attribute unless a human changed it after this card last wrote it."""
    applied = dict(reading.applied or {})
    taken = existing_emails(person.workshop, exclude=person) if person.workshop else set()
    for attr, value in ((a, fit_column(a, v)) for a, v in attrs.items()):
        current = getattr(person, attr)
        if attr in applied and current != applied[attr]:
            continue  # edited (or cleared) by a human since: theirs wins
        if attr == "email" and value in taken:
            log.info("card %s: e-mail %s already used in the workshop, not applied",
                     reading.card.code, value)
            continue
        setattr(person, attr, value)
        applied[attr] = value
    reading.applied = applied


def pack_owner(card: Card, attrs: dict) -> Participant | None:
    """The identity card's participant; a walk-in is created once there is a name or e-mail."""
    if card.participant is not None:
        return card.participant
    if card.participant_number is None or not (attrs.get("first_name") or attrs.get("email")):
        return None
    person = db.session.scalars(select(Participant).where(
        Participant.workshop_id == card.workshop_id,
        Participant.number == card.participant_number)).first()
    if person is None:
        person = Participant(workshop=card.workshop, number=card.participant_number,
                             origin="walk_in")
        db.session.add(person)
    link_pack(card, person)
    return person


def link_pack(card: Card, person: Participant) -> None:
    """Every card of the blank pack now belongs to the walk-in."""
    query = select(Card).where(Card.workshop_id == card.workshop_id,
                               Card.participant_number == card.participant_number,
                               Card.participant_id.is_(None))
    for pack_card in db.session.scalars(query):
        pack_card.participant = person
    card.participant = person


def apply_identity(card: Card) -> None:
    attrs = identity_attributes(trusted_values(card), human_decided(card))
    person = pack_owner(card, attrs)
    if person is None:
        return
    reading = reading_of(card)
    reading.participant = person
    write_attributes(person, reading, attrs)


def apply_contact(card: Card) -> None:
    attrs = contact_attributes(trusted_values(card))
    reading = reading_of(card)
    person = reading.participant
    if person is None:
        if not attrs.get("first_name"):
            return  # nobody to add until the name is trusted
        person = Participant(workshop=card.workshop, number=None, origin="useful_contact")
        db.session.add(person)
        reading.participant = person
    write_attributes(person, reading, attrs)


APPLIERS = {"identite": apply_identity, "contact": apply_contact}


def apply_card(card: Card) -> None:
    """Push ``card``'s trusted field values into its participant (see the module's rules)."""
    applier = APPLIERS.get(card.type_key)
    if applier is None:
        return
    applier(card)
    db.session.commit()
