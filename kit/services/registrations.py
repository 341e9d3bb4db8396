"""Online registration: the public window, seats and waiting list, one registration per e-mail.

A confirmed registration is mirrored into the workshop's Participant row (origin
"preregistered"), so the printed kit prefills the person's identity card. Registering again
with the same e-mail updates the registration; the same form posted twice (a double click)
with the same e-mail and within REGISTRATION_NONCE_MINUTES is recognised by its nonce and
changes nothing. A registration is joined to a participant the organisers entered only through
the claim link mailed to that participant's address, never by the e-mail typed in the form.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from babel.dates import get_timezone
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from kit.extensions import db
from kit.models import Card, Participant, Registration, Workshop
from kit.models.base import utc_now
from kit.models.identity import PERSON_FIELDS
from kit.services import prediagnostic
from kit.services.participants import apply_values
from kit.services.upload_links import hash_token

# what the Participant row (and so the identity card) carries
PARTICIPANT_FIELDS = PERSON_FIELDS
# what the person typed: that, and two texts kept on the registration, printed from there
IDENTITY_FIELDS = PARTICIPANT_FIELDS + ("what_i_do", "stakes")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")  # never let a URL part reach a query unchecked
STATES = ("disabled", "not_yet", "open", "closed")


class RegistrationError(ValueError):
    """A change refused; ``code`` names the reason (the view words it)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    created: bool  # a new registration (else an existing one was updated)
    repeated: bool  # the very same form posted again: nothing was changed
    secret: str | None = None  # the personal link's secret, when this request made it


def local_today() -> dt.date:
    """Today where the workshops happen: dates on the page are local dates."""
    zone = get_timezone(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return dt.datetime.now(zone).date()


def last_day(workshop: Workshop) -> dt.date | None:
    """The last day one can register: the closing date, else the day before the workshop."""
    if workshop.registration_closes_on is not None:
        return workshop.registration_closes_on
    if workshop.date is not None:
        return workshop.date - dt.timedelta(days=1)
    return None


def registration_state(workshop: Workshop, today: dt.date) -> str:
    """One of STATES: no opening date means online registration is not offered at all."""
    if workshop.registration_opens_on is None:
        return "disabled"
    if today < workshop.registration_opens_on:
        return "not_yet"
    closing = last_day(workshop)
    if closing is not None and today > closing:
        return "closed"
    return "open"


def is_editable(registration: Registration, today: dt.date) -> bool:
    """A person may change their registration until the workshop day."""
    day = registration.workshop.date
    return registration.is_active and (day is None or today < day)


def seats_taken(workshop: Workshop) -> int:
    """Confirmed registrations, plus people the organiser pre-registered by hand or by CSV.

    A confirmed registration kept apart from the participant entered with its e-mail (see
    sync_participant: only the claim link joins them) and that participant are one seat."""
    confirmed = db.session.scalar(select(func.count()).where(
        Registration.workshop_id == workshop.id, Registration.status == "confirmed"))
    linked = select(Registration.participant_id).where(Registration.participant_id.is_not(None))
    kept_apart = select(Registration.email).where(
        Registration.workshop_id == workshop.id, Registration.status == "confirmed",
        Registration.participant_id.is_(None))
    others = db.session.scalar(select(func.count()).where(
        Participant.workshop_id == workshop.id, Participant.origin == "preregistered",
        Participant.id.not_in(linked),
        or_(Participant.email.is_(None), func.lower(Participant.email).not_in(kept_apart))))
    return (confirmed or 0) + (others or 0)


def free_seats(workshop: Workshop) -> int | None:
    """Seats left, or None when the workshop has no capacity limit."""
    if workshop.capacity is None:
        return None
    return max(0, workshop.capacity - seats_taken(workshop))


def is_full(workshop: Workshop) -> bool:
    return free_seats(workshop) == 0


def new_token(registration: Registration, nonce: str | None = None) -> str:
    """Give the registration a new personal-link secret and return it: only its sha256 is
    stored (like upload links), so the secret is known in this request only, to redirect to
    the person's page or to put in the e-mail sent now.

    A registration made by the public form draws its secret from the form's nonce and the
    app's secret key, so the same form posted twice (a double click whose first answer never
    reached the browser) leads to the same page; the database alone still opens nothing."""
    secret = nonce_secret(nonce) if nonce else secrets.token_urlsafe(32)
    registration.token = hash_token(secret)
    return secret


def nonce_secret(nonce: str) -> str:
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key, f"registration-link:{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def repeated_secret(registration: Registration) -> str | None:
    """The secret of a registration posted again with its form's nonce, if the nonce made it."""
    if not registration.form_nonce:
        return None
    secret = nonce_secret(registration.form_nonce)
    return secret if hash_token(secret) == registration.token else None


def find_by_token(token: str) -> Registration | None:
    if not TOKEN_RE.match(token or ""):
        return None
    return db.session.scalars(
        select(Registration).where(Registration.token == hash_token(token))).first()


def find_by_email(workshop: Workshop, email: str) -> Registration | None:
    return db.session.scalars(select(Registration).where(
        Registration.workshop_id == workshop.id,
        Registration.email == email.strip().lower())).first()


def find_by_nonce(workshop: Workshop, nonce: str | None, email: str) -> Registration | None:
    """The registration this very form made, posted again: same nonce, same e-mail, and
    recently (a double click). A form replayed later, or with another e-mail, opens nothing."""
    if not nonce:
        return None
    registration = db.session.scalars(select(Registration).where(
        Registration.workshop_id == workshop.id, Registration.form_nonce == nonce,
        Registration.email == email.strip().lower())).first()
    if registration is None:
        return None
    posted = registration.updated_at
    if posted.tzinfo is None:  # SQLite gives back naive datetimes; we store UTC
        posted = posted.replace(tzinfo=dt.UTC)
    minutes = current_app.config["REGISTRATION_NONCE_MINUTES"]
    return registration if utc_now() - posted <= dt.timedelta(minutes=minutes) else None


def nonce_used(nonce: str) -> bool:
    """Whether a registration (of any e-mail or workshop) keeps this form nonce: its personal
    link's secret is drawn from it, so no other registration may draw it again."""
    count = db.session.scalar(select(func.count()).where(Registration.form_nonce == nonce))
    return bool(count)


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def list_registrations(workshop: Workshop) -> dict[str, list[Registration]]:
    """Registrations by status: confirmed by date, the waiting list in its order, cancelled."""
    query = select(Registration).where(Registration.workshop_id == workshop.id)
    grouped: dict[str, list[Registration]] = {"confirmed": [], "waiting": [], "cancelled": []}
    for registration in db.session.scalars(query.order_by(Registration.queued_at,
                                                            Registration.id)):
        grouped[registration.status].append(registration)
    return grouped


def waiting_position(registration: Registration) -> int | None:
    if registration.status != "waiting":
        return None
    ahead = db.session.scalar(select(func.count()).where(
        Registration.workshop_id == registration.workshop_id, Registration.status == "waiting",
        Registration.queued_at < registration.queued_at))
    return (ahead or 0) + 1


# --- writes -------------------------------------------------------------------------------------

def register(workshop: Workshop, values: dict, nonce: str | None = None,
             retry: bool = True) -> Outcome:
    """Create the registration, or update the one with this e-mail; confirmed or waiting."""
    repeated = find_by_nonce(workshop, nonce, values["email"])
    if repeated is not None:
        return Outcome(repeated, created=False, repeated=True,
                       secret=repeated_secret(repeated))
    if nonce and nonce_used(nonce):  # another e-mail's form, or an old one, replayed
        nonce = None
    registration = find_by_email(workshop, values["email"])
    created = registration is None
    secret = None
    if registration is None:
        registration = Registration(workshop=workshop, email=values["email"])
        secret = new_token(registration, nonce)
        db.session.add(registration)
    apply_identity(registration, values)
    registration.form_nonce = nonce
    if not registration.is_active or created:
        take_place(registration)
    sync_participant(registration)
    try:
        db.session.commit()
    except IntegrityError:  # the same e-mail or form committed by a simultaneous request
        db.session.rollback()
        if not retry:
            raise
        return register(workshop, values, nonce, retry=False)
    return Outcome(registration, created=created, repeated=False, secret=secret)


def apply_identity(registration: Registration, values: dict) -> None:
    for key in IDENTITY_FIELDS:
        if key in values:
            setattr(registration, key, values[key])
    registration.email = registration.email.strip().lower()


def take_place(registration: Registration) -> None:
    """A seat if one is free, else the end of the waiting list."""
    registration.status = "waiting"  # not counted while the free seats are counted
    registration.cancelled_at = None
    registration.queued_at = utc_now()
    if free_seats(registration.workshop) != 0:
        registration.status = "confirmed"


def update_identity(registration: Registration, values: dict) -> None:
    """The person's own changes, through their personal link."""
    email = values.get("email", registration.email).strip().lower()
    other = find_by_email(registration.workshop, email)
    if other is not None and other.id != registration.id:
        raise RegistrationError("email_taken")
    person = participant_by_email(registration.workshop, email)
    if (person is not None and person.id != registration.participant_id
            and email != registration.email):
        raise RegistrationError("email_taken")
    apply_identity(registration, values)
    sync_participant(registration)
    db.session.commit()


def participant_by_email(workshop: Workshop, email: str) -> Participant | None:
    return db.session.scalars(select(Participant).where(
        Participant.workshop_id == workshop.id, func.lower(Participant.email) == email)).first()


def sync_participant(registration: Registration) -> None:
    """Mirror a confirmed registration into the workshop's participants (the kit reads those).

    A registration not yet joined to a participant is never joined to one the organisers
    entered with the same e-mail: nobody proves an e-mail on a public form, so only the claim
    link mailed to that address joins them (claim_participant). Until then it stays apart."""
    if registration.status != "confirmed":
        release_participant(registration)
        return
    person = registration.participant
    if person is None:
        if participant_by_email(registration.workshop, registration.email) is not None:
            return
        person = Participant(workshop=registration.workshop, origin="preregistered")
        db.session.add(person)
    values = {key: getattr(registration, key) for key in PARTICIPANT_FIELDS}
    if person.origin == "useful_contact":  # named by someone else, now registered to come
        values["origin"] = "preregistered"
    apply_values(person, values)
    registration.participant = person


def has_cards(person: Participant) -> bool:
    count = db.session.scalar(select(func.count()).where(Card.participant_id == person.id))
    return bool(count)


def release_participant(registration: Registration) -> None:
    """No longer coming: the participant goes, unless a pack was already printed for them.

    A participant kept for their printed pack stays joined to the registration: it takes no
    seat then (seats_taken counts confirmed registrations, and participants joined to none),
    and registering again with the same e-mail finds the same person and pack."""
    person = registration.participant
    if person is None or has_cards(person):
        return
    registration.participant = None
    db.session.delete(person)


def cancel(registration: Registration) -> list[Registration]:
    """Cancel and take the answers away; return who moved up from the waiting list."""
    registration.status = "cancelled"
    registration.cancelled_at = utc_now()
    registration.form_nonce = None
    release_participant(registration)
    prediagnostic.remove_answers(registration)
    db.session.flush()
    return promote_waiting(registration.workshop)


def promote_waiting(workshop: Workshop) -> list[Registration]:
    """Give free seats to the waiting list, first come first served; commit."""
    promoted = []
    waiting = list_registrations(workshop)["waiting"]
    while waiting and free_seats(workshop) != 0:
        registration = waiting.pop(0)
        registration.status = "confirmed"
        sync_participant(registration)
        db.session.flush()
        promoted.append(registration)
    db.session.commit()
    return promoted


def renew_token_by_mail(registration: Registration,
                        send: Callable[[Registration, str], str]) -> str:
    """Mail a new personal link (``send(registration, secret)`` returns the mail's status);
    only once it is sent do the old link, its browser and its form stop opening the
    registration. Without a mail sent, nothing changes: the owner keeps the link they have."""
    secret = new_token(registration)
    registration.form_nonce = None
    status = send(registration, secret)
    if status == "sent":
        db.session.commit()
    else:
        db.session.rollback()
    return status


def record_mail(registration: Registration, status: str) -> None:
    registration.mail_status = status
    if status == "sent":
        registration.mail_sent_at = utc_now()
    db.session.commit()


def identity_answers(workshop: Workshop) -> dict[int, dict[str, str]]:
    """Participant id -> the identity card's "fais"/"enjeux" text from their registration."""
    query = select(Registration).where(Registration.workshop_id == workshop.id,
                                       Registration.participant_id.is_not(None))
    answers: dict[int, dict[str, str]] = {}
    for registration in db.session.scalars(query):
        assert registration.participant_id is not None  # the query's condition
        known = {"fais": registration.what_i_do, "enjeux": registration.stakes}
        answers[registration.participant_id] = {k: v for k, v in known.items() if v}
    return answers


# --- a person the organisers imported claims their place (through the link mailed to them) ---

CLAIM_SALT = "claim-participant"
CLAIM_DAYS = 7  # the claim link mailed to an imported person works a week


def claimable_participant(workshop: Workshop, email: str) -> Participant | None:
    """The participant the organisers entered with this e-mail, if no registration has it."""
    person = participant_by_email(workshop, email.strip().lower())
    if person is None:
        return None
    linked = db.session.scalar(select(func.count()).where(
        Registration.participant_id == person.id))
    return None if linked else person


def claim_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=CLAIM_SALT)


def claim_token(person: Participant) -> str:
    """Signed: the participant and the e-mail the link was sent to (a changed e-mail voids it)."""
    return claim_serializer().dumps({"p": person.id, "e": (person.email or "").lower()})


def participant_from_claim(workshop: Workshop, token: str) -> Participant | None:
    try:
        data = claim_serializer().loads(token, max_age=CLAIM_DAYS * 24 * 3600)
    except BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    person = db.session.get(Participant, data.get("p"))
    if person is None or person.workshop_id != workshop.id:
        return None
    if (person.email or "").lower() != data.get("e") or claimable_participant(
            workshop, data["e"]) is None:
        return None  # the e-mail changed, or the place was already claimed
    return person


def claim_participant(person: Participant) -> tuple[Registration, str]:
    """A confirmed registration for an imported participant, with what the organisers knew,
    and its personal link's secret; the person completes it through that link.

    A registration made earlier with this e-mail (cancelled, waiting, or kept apart from the
    participant) goes, with its answers: whoever made it may not be the address's owner, and
    its personal link must stop opening anything."""
    earlier = find_by_email(person.workshop, person.email or "")
    if earlier is not None:
        release_participant(earlier)
        prediagnostic.remove_answers(earlier)
        db.session.delete(earlier)
        db.session.flush()
    registration = Registration(workshop=person.workshop,
                                email=(person.email or "").lower(), participant=person,
                                status="confirmed", queued_at=utc_now())
    secret = new_token(registration)
    for key in PARTICIPANT_FIELDS:
        value = getattr(person, key)
        if value is not None:
            setattr(registration, key, value)
    registration.email = registration.email.lower()
    db.session.add(registration)
    db.session.commit()
    return registration, secret
