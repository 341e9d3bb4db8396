"""One person's data (RGPD): everything we hold about them, exported or erased.

A person is a workshop participant, their online registration, or both. Their data is spread
over: the participant row, the registration and its questionnaire answers, the values read
from their identity card and from the "Contact utile" cards that name them, and the images of
the cards in their hand (field crops and rectified cards under ``CROPS_DIR``).

Erasing keeps the rows that other people's data hangs on (the pack number printed on the
cards, the registration's place in the list) but replaces every personal value by "effacé",
locks those values as a human decision (a re-scan never writes them back) and paints over the
images. The photos themselves show many people's cards and stay until the retention purge.
"""
from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import and_, or_, select

from kit.extensions import db
from kit.models import (
    Card,
    CardReading,
    FieldValue,
    GroupMember,
    Participant,
    Registration,
    Workshop,
)
from kit.models.base import utc_now
from kit.services import afternoon_print, exports, prediagnostic
from kit.services.sightings import card_folder

log = logging.getLogger(__name__)

ERASED = "effacé"  # what every erased value and image says
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
PARTICIPANT_FIELDS = ("number", "first_name", "last_name", "structure", "role", "commune",
                      "territory", "actor_type", "email", "phone", "consent", "newsletter",
                      "journal_volunteer", "origin")
REGISTRATION_FIELDS = ("status", "email", "first_name", "last_name", "structure", "role",
                       "commune", "territory", "actor_type", "phone", "consent", "newsletter",
                       "journal_volunteer", "what_i_do", "stakes")
# the personal cards: their values are about the person (a pack's idea cards are the
# workshop's content; only their images, in the person's hand, are painted over)
PERSONAL_CARD_TYPES = ("identite", "contact")


@dataclass
class Person:
    workshop: Workshop
    participant: Participant | None = None
    registration: Registration | None = None

    @property
    def label(self) -> str:
        row = self.participant or self.registration
        return row.full_name if row is not None else ""


@dataclass
class Erasure:
    values: int = 0
    images: int = 0
    answers: int = 0
    rows: list[str] = field(default_factory=list)


def person_of_participant(participant: Participant) -> Person:
    registration = db.session.scalars(select(Registration).where(
        Registration.participant_id == participant.id)).first()
    return Person(participant.workshop, participant, registration)


def person_of_registration(registration: Registration) -> Person:
    return Person(registration.workshop, registration.participant, registration)


def written_cards(participant: Participant | None) -> list[Card]:
    """Cards in the person's hand (their pack) or about them (a contact card naming them)."""
    if participant is None:
        return []
    about = select(CardReading.card_id).where(CardReading.participant_id == participant.id)
    query = select(Card).where(or_(Card.participant_id == participant.id, Card.id.in_(about)))
    return list(db.session.scalars(query.order_by(Card.serial)))


def personal_values(cards: list[Card]) -> list[FieldValue]:
    ids = [card.id for card in cards if card.type_key in PERSONAL_CARD_TYPES]
    query = select(FieldValue).where(FieldValue.card_id.in_(ids))
    return list(db.session.scalars(query.order_by(FieldValue.card_id, FieldValue.id)))


# --- export -----------------------------------------------------------------------------------

def plain(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def export_json(person: Person) -> dict:
    """Everything held about the person, as JSON-ready data."""
    cards = written_cards(person.participant)
    data: dict = {"atelier": {"code": person.workshop.code, "titre": person.workshop.title,
                              "date": plain(person.workshop.date)},
                  "exporte_le": utc_now().isoformat(timespec="seconds")}
    if person.participant is not None:
        data["participant"] = {name: plain(getattr(person.participant, name))
                               for name in PARTICIPANT_FIELDS}
    if person.registration is not None:
        registration = person.registration
        data["inscription"] = {name: plain(getattr(registration, name))
                               for name in REGISTRATION_FIELDS}
        data["inscription"]["questionnaire"] = [
            {"rubrique": answer.category, "texte": answer.text} for answer in registration.answers]
    data["groupes"] = [{"groupe": member.group.title, "etat": member.state, "nom": member.name,
                        "email": member.email, "referent": member.is_referent}
                       for member in group_memberships(person.participant)]
    data["cartes"] = [{"code": card.code, "type": card.type_key} for card in cards]
    data["valeurs_lues"] = [{"carte": value.card.code, "champ": value.field_name,
                             "valeur": value.value, "source": value.source}
                            for value in personal_values(cards)]
    return data


def group_memberships(participant: Participant | None) -> list[GroupMember]:
    """The action groups the participant is a member of (kit.services.groups)."""
    if participant is None or participant.id is None:
        return []
    return list(db.session.scalars(select(GroupMember).where(
        GroupMember.participant_id == participant.id).order_by(GroupMember.id)))


def export_vcard(person: Person) -> bytes:
    """The person's own contact card (vCard 4.0, escaped like the address book's)."""
    row = person.participant or registration_as_participant(person)
    lines = exports.vcard_lines(row, person.workshop, exports.french_label)
    text = exports.CRLF.join(exports.fold_line(line) for line in lines) + exports.CRLF
    return text.encode("utf-8")


def registration_as_participant(person: Person) -> Participant:
    """A registration without a participant row (waiting list) as the vCard writer reads it."""
    registration = person.registration
    assert registration is not None
    values = {name: getattr(registration, name) for name in REGISTRATION_FIELDS
              if name != "status"}
    transient = Participant(**values, origin="preregistered")
    transient.id = -registration.id  # the vCard's UID only: never added to the session
    return transient


# --- erasure ----------------------------------------------------------------------------------

def erase(person: Person, crops_root: str) -> Erasure:
    """Erase the person's data everywhere (see the module's docstring); commit."""
    done = Erasure()
    cards = written_cards(person.participant)
    done.values = erase_values(personal_values(cards))
    done.images = sum(paint_over(card_folder(crops_root, card)) for card in cards)
    if person.participant is not None:
        for member in group_memberships(person.participant):  # as written on the group sheet
            member.name, member.email, member.number, member.message = ERASED, "", "", ""
        if afternoon_print.forget_member(person.participant):
            done.rows.append("fiche de l'après-midi")
        erase_participant(person.participant)
        done.rows.append("participant")
    if person.registration is not None:
        done.answers = erase_registration(person.registration)
        done.rows.append("inscription")
    db.session.commit()
    log.info("personal data erased in %s: %s", person.workshop.code, done)
    return done


def delete_participant(person: Person, crops_root: str) -> Erasure:
    """The organisers' one "supprimer" of a participant: everything is erased (``erase``).
    When no printed card carries their number the row goes too (no photo can bring them
    back); otherwise it stays, marked erased, so that photographing one of their cards finds
    it and records nothing, instead of creating a new walk-in with what the card says."""
    done = erase(person, crops_root)
    participant = person.participant
    if participant is not None and not has_printed_cards(participant):
        for registration in db.session.scalars(select(Registration).where(
                Registration.participant_id == participant.id)):
            registration.participant_id = None
        db.session.delete(participant)
        db.session.commit()
        done.rows.append("participant supprimé")
    return done


def has_printed_cards(participant: Participant) -> bool:
    """A card of the kit is theirs, or bears their pack number."""
    theirs = Card.participant_id == participant.id
    if participant.number is not None:
        theirs = or_(theirs, and_(Card.workshop_id == participant.workshop_id,
                                  Card.participant_number == participant.number))
    return db.session.scalar(select(Card.id).where(theirs).limit(1)) is not None


def erase_values(values: list[FieldValue]) -> int:
    now = utc_now()
    for value in values:
        erased = "0" if value.kind in ("checkbox", "votes") else ERASED  # no tick, no vote
        value.value, value.proposal, value.proposal_score = erased, None, None
        # a human decision: no re-scan of the photo writes the reading back
        value.source, value.review, value.reviewed_at = "human", "corrected", now
    return len(values)


def erase_participant(person: Participant) -> None:
    person.erased_at = utc_now()
    person.first_name, person.last_name = ERASED, ""
    person.structure = person.role = person.commune = person.phone = ""
    person.email, person.territory, person.actor_type = None, None, None
    person.consent = "aucun"  # appears in no shared or public output any more
    person.newsletter = person.journal_volunteer = False


def erase_registration(registration: Registration) -> int:
    answers = len(registration.answers)
    prediagnostic.remove_answers(registration)
    registration.email = f"efface-{registration.id}@invalid"  # unique per workshop, no one's
    registration.first_name, registration.last_name = ERASED, ""
    for name in ("structure", "role", "commune", "phone", "what_i_do", "stakes"):
        setattr(registration, name, "")
    registration.territory = registration.actor_type = None
    registration.consent = "aucun"
    registration.newsletter = registration.journal_volunteer = False
    registration.form_nonce = None
    registration.token = secrets.token_urlsafe(24)  # the personal link opens nothing any more
    if registration.status != "cancelled":
        registration.status, registration.cancelled_at = "cancelled", utc_now()
    return answers


def paint_over(folder: Path) -> int:
    """Replace every image of a card's folder by one of the same size saying "effacé"."""
    if not folder.is_dir():
        return 0
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file():
            with Image.open(path) as old:
                size = old.size
            erased_image(size).save(path, format="PNG" if path.suffix.lower() == ".png"
                                    else "JPEG")
            count += 1
    return count


def erased_image(size: tuple[int, int]) -> Image.Image:
    image = Image.new("L", size, 235)
    ImageDraw.Draw(image).text((4, max(0, size[1] // 2 - 6)), ERASED, fill=60)
    return image


def is_erased_card(card: Card) -> bool:
    """A card in the hand of, or about, someone whose data was erased: never recorded again."""
    owner = card.participant
    if owner is not None and owner.erased_at is not None:
        return True
    reading = db.session.scalars(select(CardReading).where(CardReading.card_id == card.id)).first()
    about = reading.participant if reading is not None else None
    return about is not None and about.erased_at is not None
