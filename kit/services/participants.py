"""Participants: numbering, hand edits and the all-or-nothing CSV import."""
from __future__ import annotations

from sqlalchemy import func, or_, select

from kit.extensions import db
from kit.models import Card, Participant, Workshop
from kit.services.csv_import import ParsedRow

EDITABLE_FIELDS = ("first_name", "last_name", "structure", "role", "commune", "territory",
                   "actor_type", "email", "phone", "consent", "newsletter", "journal_volunteer",
                   "origin")


class ParticipantError(ValueError):
    pass


def next_participant_number(workshop: Workshop) -> int:
    """After every number already used by a person or by a printed (blank) pack."""
    people = select(func.max(Participant.number)).where(Participant.workshop_id == workshop.id)
    cards = select(func.max(Card.participant_number)).where(Card.workshop_id == workshop.id)
    highest = max(db.session.scalar(people) or 0, db.session.scalar(cards) or 0)
    return highest + 1


def existing_emails(workshop: Workshop, exclude: Participant | None = None) -> set[str]:
    query = select(Participant.email).where(Participant.workshop_id == workshop.id,
                                            Participant.email.is_not(None))
    if exclude is not None and exclude.id is not None:
        query = query.where(Participant.id != exclude.id)
    return {email.lower() for email in db.session.scalars(query) if email is not None}


def search_participants(workshop: Workshop, text: str = "") -> list[Participant]:
    query = select(Participant).where(Participant.workshop_id == workshop.id)
    for word in text.split():
        pattern = f"%{word}%"
        query = query.where(or_(*(column.ilike(pattern) for column in (
            Participant.first_name, Participant.last_name, Participant.structure,
            Participant.commune, Participant.email))))
    return list(db.session.scalars(query.order_by(Participant.number.nulls_last(),
                                                  Participant.last_name)))


def apply_values(participant: Participant, values: dict) -> None:
    for key in EDITABLE_FIELDS:
        if key in values:
            setattr(participant, key, values[key])
    if participant.email:
        participant.email = participant.email.strip().lower() or None
    if participant.has_pack and participant.number is None:
        participant.number = next_participant_number(participant.workshop)


def save_participant(workshop: Workshop, values: dict,
                     participant: Participant | None = None) -> Participant:
    """Create (participant None) or update one participant; refuse a duplicate e-mail."""
    email = (values.get("email") or "").strip().lower()
    if email and email in existing_emails(workshop, exclude=participant):
        raise ParticipantError(f"l'e-mail {email} est déjà inscrit dans cet atelier")
    if participant is None:
        participant = Participant(workshop=workshop)
        db.session.add(participant)
    apply_values(participant, values)
    db.session.commit()
    return participant


def import_rows(workshop: Workshop, rows: list[ParsedRow]) -> list[Participant]:
    """Add every row as a pre-registered participant in one transaction, or none at all."""
    if any(row.issues for row in rows):
        raise ParticipantError("le fichier contient des erreurs : rien n'a été importé")
    number = next_participant_number(workshop)
    people = []
    for offset, row in enumerate(rows):
        values = {k: v for k, v in row.values.items() if v is not None}
        person = Participant(workshop=workshop, number=number + offset, origin="preregistered")
        for key, value in values.items():
            setattr(person, key, value)
        people.append(person)
    db.session.add_all(people)
    db.session.commit()
    return people
