"""Who ticked "recevoir la lettre d'information" and "bénévole pour le journal", as lists and as
CSV files newsletter tools import (issue 10, point 5).

Only confirmed ticks: the participant's flag is set only from a trusted value (the person's own
online answer, or a box a human confirmed: kit.services.apply), and a person whose paper box
still waits for review is left out even when their online answer said yes. The tick itself is
the consent these lists need (the address-book consent is another matter).

The CSV shape (``NEWSLETTER_COLUMNS``): ``EMAIL,FIRSTNAME,LASTNAME,SMS,ORGANISATION,COMMUNE``,
comma-separated, UTF-8 without BOM, one header line — what Brevo imports as is (EMAIL,
FIRSTNAME, LASTNAME, SMS are its own attributes) and Mailchimp maps at import (EMAIL matches
"Email Address"). SMS is the phone in international form (+33…), as Brevo requires.
"""
from __future__ import annotations

from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, Participant, Workshop
from kit.services.csvfile import csv_bytes
from kit.services.exports import Export, tel_uri

LISTS = {"newsletter": ("newsletter", "newsletter"),  # list -> (participant flag, card box)
         "journal": ("journal_volunteer", "journal")}
NEWSLETTER_COLUMNS = ["EMAIL", "FIRSTNAME", "LASTNAME", "SMS", "ORGANISATION", "COMMUNE"]
FILENAMES = {"newsletter": "lettre-information", "journal": "benevoles-journal"}


def pending_tick_ids(workshop: Workshop, field_name: str):
    """A select of participant ids whose ``field_name`` box from paper waits for a human."""
    return (select(Card.participant_id).join(FieldValue, FieldValue.card_id == Card.id)
            .where(Card.workshop_id == workshop.id, Card.type_key == "identite",
                   Card.participant_id.is_not(None), FieldValue.field_name == field_name,
                   FieldValue.review == "pending"))


def subscribers(workshop: Workshop, kind: str) -> list[Participant]:
    """People with a confirmed tick for list ``kind`` (a key of LISTS), by name."""
    flag, box = LISTS[kind]
    query = select(Participant).where(Participant.workshop_id == workshop.id,
                                      getattr(Participant, flag).is_(True),
                                      Participant.erased_at.is_(None),
                                      Participant.id.not_in(pending_tick_ids(workshop, box)))
    return list(db.session.scalars(query.order_by(Participant.last_name,
                                                  Participant.first_name)))


def international_phone(phone: str) -> str:
    uri = tel_uri(phone or "")
    return uri.removeprefix("tel:") if uri else ""


def tool_row(person: Participant) -> list:
    return [person.email or "", person.first_name, person.last_name,
            international_phone(person.phone), person.structure, person.commune]


def export_list_csv(workshop: Workshop, kind: str) -> Export:
    """The list as a newsletter tool imports it. The newsletter needs an e-mail (people
    without one are left out); a journal volunteer may be reached by phone alone."""
    people = subscribers(workshop, kind)
    if kind == "newsletter":
        people = [person for person in people if person.email]
    data = csv_bytes(NEWSLETTER_COLUMNS, [tool_row(person) for person in people],
                     delimiter=",", bom=False)
    return f"{workshop.code}-{FILENAMES[kind]}.csv", "text/csv; charset=utf-8", data
