"""The address book shared with participants, through a personal link each (issue 10, point 3).

A link opens the book restricted to the people whose consent allows it ("participants" or
"public", confirmed: kit.services.results); the person behind the link corrects their own entry
or withdraws, which takes them out of the book at once. Secrets are stored hashed, as for the
volunteers' upload links (kit.services.upload_links.hash_token), expire and can be revoked.
"""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from kit.extensions import db
from kit.models import AddressBookLink, Participant, Registration, Workshop
from kit.models.base import utc_now
from kit.models.participants import PACK_ORIGINS
from kit.services import registrations, results
from kit.services.participants import apply_values, existing_emails
from kit.services.upload_links import TOKEN_BYTES, hash_token

# what a person may correct in their own entry (consent included: withdrawing is one choice)
OWN_FIELDS = ("first_name", "last_name", "structure", "role", "commune", "territory",
              "actor_type", "email", "phone", "consent")
WITHDRAWN_CONSENT = "aucun"


class EntryError(ValueError):
    """A change of one's own entry refused; ``code`` names the reason (the view words it)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class NewLink:
    link: AddressBookLink
    secret: str  # the /carnet/<secret>/ part of the address; stored nowhere


def recipients(workshop: Workshop) -> list[Participant]:
    """The people who came (a numbered pack), in number order; erased people get nothing."""
    query = select(Participant).where(Participant.workshop_id == workshop.id,
                                      Participant.origin.in_(PACK_ORIGINS),
                                      Participant.erased_at.is_(None))
    return list(db.session.scalars(query.order_by(Participant.number.nulls_last(),
                                                  Participant.last_name)))


def new_link(person: Participant, channel: str, days: int | None) -> NewLink:
    """A fresh link (not yet committed): the caller decides once it has reached the person."""
    secret = secrets.token_urlsafe(TOKEN_BYTES)
    expires = utc_now() + dt.timedelta(days=days) if days else None
    link = AddressBookLink(workshop_id=person.workshop_id, participant=person, channel=channel,
                           token=hash_token(secret), expires_at=expires)
    db.session.add(link)
    return NewLink(link, secret)


def revoke_others(link: AddressBookLink) -> None:
    """The person's earlier links of the same channel stop working (the newest one counts)."""
    query = select(AddressBookLink).where(AddressBookLink.participant_id == link.participant_id,
                                          AddressBookLink.channel == link.channel,
                                          AddressBookLink.id != link.id,
                                          AddressBookLink.revoked_at.is_(None))
    for other in db.session.scalars(query):
        other.revoked_at = utc_now()


def issue_links(people: list[Participant], channel: str, days: int | None) -> list[NewLink]:
    """One new link per person (for the handout), replacing their previous one; commit."""
    made = [new_link(person, channel, days) for person in people]
    db.session.flush()
    for new in made:
        revoke_others(new.link)
    db.session.commit()
    return made


def find_link(token: str) -> AddressBookLink | None:
    """The link of this secret, active or not (the page says why an old one no longer works)."""
    if not token or len(token) > 64:
        return None
    digest = hash_token(token)
    return db.session.scalars(select(AddressBookLink)
                              .where(AddressBookLink.token == digest)).first()


def revoke_person(workshop: Workshop, person_id: int) -> int:
    """Revoke every active link of one participant (or of all, ``person_id`` 0); how many."""
    query = select(AddressBookLink).where(AddressBookLink.workshop_id == workshop.id,
                                          AddressBookLink.revoked_at.is_(None))
    if person_id:
        query = query.where(AddressBookLink.participant_id == person_id)
    links = list(db.session.scalars(query))
    for link in links:
        link.revoked_at = utc_now()
    db.session.commit()
    return len(links)


def latest_links(workshop: Workshop) -> dict[int, dict[str, AddressBookLink]]:
    """Participant id -> channel -> their newest link (for the organisers' page)."""
    query = (select(AddressBookLink).where(AddressBookLink.workshop_id == workshop.id)
             .order_by(AddressBookLink.id))
    latest: dict[int, dict[str, AddressBookLink]] = {}
    for link in db.session.scalars(query):
        latest.setdefault(link.participant_id, {})[link.channel] = link
    return latest


# --- what the link shows, and the person's own changes -------------------------------------

NO_FILTER = results.Filters()


def shared_people(workshop: Workshop, filters: results.Filters = NO_FILTER) -> list[Participant]:
    return results.address_book(workshop, "participants", filters)


def is_shared(person: Participant) -> bool:
    return results.may_see(person, "participants")


def registration_of(person: Participant) -> Registration | None:
    return db.session.scalars(select(Registration).where(
        Registration.participant_id == person.id)).first()


def update_entry(person: Participant, values: dict) -> None:
    """The person's own corrections. A registered person's registration is updated too (it is
    what they said online, which a later reading of their card must not overrule)."""
    values = {key: values[key] for key in OWN_FIELDS if key in values}
    if "email" in values:
        values["email"] = (values["email"] or "").strip().lower() or None
        if values["email"] in existing_emails(person.workshop, exclude=person):
            raise EntryError("email_taken")
    registration = registration_of(person)
    if registration is not None:  # its e-mail is required: an emptied one is kept there
        kept = {key: value for key, value in values.items() if key != "email" or value}
        other = registrations.find_by_email(person.workshop, kept.get("email") or "")
        if other is not None and other.id != registration.id:
            raise EntryError("email_taken")
        registrations.apply_identity(registration, kept)  # not synced back: the card's
        # confirmed values on the participant stay as they are
    apply_values(person, values)
    db.session.commit()


def withdraw(person: Participant) -> None:
    """Out of the shared book (and of the public restitution) at once."""
    update_entry(person, {"consent": WITHDRAWN_CONSENT})
