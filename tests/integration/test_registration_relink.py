"""A registration made with someone's e-mail never becomes the participant the organisers
entered with that e-mail, except through the claim link mailed to it; a form's nonce opens
nothing for another e-mail, nor once it is old (security review, holes D and H)."""
from __future__ import annotations

import datetime as dt
import re

from kit.extensions import db
from kit.models import Participant, Registration, Workshop
from kit.services import registrations
from tests.security.conftest import outbox  # noqa: F401 (fixture)
from tests.support.registrations import nonce_of, open_workshop, post_registration  # noqa: F401

CLAIM_RE = re.compile(r"https?://[^/\s]+(/inscription/[^/\s]+/retrouver/\S+)")


def organisers_row(app, person_id: int) -> tuple:
    with app.app_context():
        live = db.session.get(Participant, person_id)
        return live.first_name, live.last_name, live.phone, live.consent


def claim_path(message) -> str:
    (path,) = CLAIM_RE.findall(message.get_content())
    return path


def test_cancel_then_register_again_does_not_take_over_a_participant_entered_later(
        app, open_workshop, make_participant, outbox):
    workshop = open_workshop()
    attacker = app.test_client()
    first = post_registration(attacker, workshop.code, email="elise@example.org",
                              first_name="Pirate", last_name="Pirate", consent="public")
    personal = first.location
    assert attacker.post(f"{personal}annuler").status_code == 302
    person = make_participant(workshop, first_name="Élise", last_name="Vasserot",
                              email="elise@example.org", phone="0698765432",
                              consent="participants")
    entered = organisers_row(app, person.id)
    outbox.clear()
    # the browser that made the registration posts the form again with the same address
    again = post_registration(attacker, workshop.code, email="elise@example.org",
                              first_name="Élise", last_name="Vasserot", phone="",
                              consent="public")
    assert again.location == f"/inscription/{workshop.code}/mise-a-jour"
    assert organisers_row(app, person.id) == entered
    with app.app_context():
        (registration,) = db.session.scalars(db.select(Registration)).all()
        assert (registration.status, registration.participant_id) == ("cancelled", None)
    assert attacker.get(f"{personal}donnees.json").get_data(as_text=True).count(
        "0698765432") == 0
    # only the address's owner, through the mailed link, joins a registration to her
    (message,) = outbox
    assert message["To"] == "elise@example.org"
    owner = app.test_client()
    claimed = owner.post(claim_path(message))
    assert claimed.location.startswith("/mon-inscription/")
    assert organisers_row(app, person.id) == entered
    with app.app_context():
        (registration,) = db.session.scalars(db.select(Registration)).all()
        assert (registration.status, registration.participant_id) == ("confirmed", person.id)
    assert attacker.get(personal).status_code == 404  # the earlier link opens nothing now


def test_waiting_list_promotion_does_not_take_over_a_participant_entered_later(
        app, open_workshop, make_participant, outbox):
    workshop = open_workshop(capacity=1)
    post_registration(app.test_client(), workshop.code, email="first@example.org")
    attacker = app.test_client()
    waiting = post_registration(attacker, workshop.code, email="elise@example.org",
                                first_name="Pirate", last_name="Pirate", consent="public")
    personal = waiting.location
    person = make_participant(workshop, first_name="Élise", last_name="Vasserot",
                              email="elise@example.org", phone="0698765432",
                              consent="participants")
    entered = organisers_row(app, person.id)
    with app.app_context():
        live_workshop = db.session.get(Workshop, workshop.id)
        live_workshop.capacity = 5
        db.session.commit()
        (promoted,) = registrations.promote_waiting(live_workshop)
        assert (promoted.email, promoted.status, promoted.participant_id) == (
            "elise@example.org", "confirmed", None)
    assert organisers_row(app, person.id) == entered
    data = attacker.get(f"{personal}donnees.json").get_data(as_text=True)
    assert "0698765432" not in data and "Vasserot" not in data
    # nor does posting the form again from that browser: the address is sent the claim link
    outbox.clear()
    again = post_registration(attacker, workshop.code, email="elise@example.org",
                              first_name="Élise", consent="public")
    assert again.location == f"/inscription/{workshop.code}/mise-a-jour"
    assert organisers_row(app, person.id) == entered
    (message,) = outbox
    assert message["To"] == "elise@example.org" and "/retrouver/" in message.get_content()


def test_a_registration_kept_apart_and_its_participant_take_one_seat(app, open_workshop,
                                                                  make_participant):
    """A promoted registration kept apart from the participant entered with its e-mail (until
    the claim link joins them) is one person: one seat, so the next person is not turned away."""
    workshop = open_workshop(capacity=1)
    post_registration(app.test_client(), workshop.code, email="first@example.org")
    post_registration(app.test_client(), workshop.code, email="elise@example.org",
                      first_name="Élise")
    make_participant(workshop, first_name="Élise", last_name="Vasserot",
                     email="Elise@example.org")
    with app.app_context():
        live_workshop = db.session.get(Workshop, workshop.id)
        live_workshop.capacity = 3
        db.session.commit()
        (promoted,) = registrations.promote_waiting(live_workshop)
        assert (promoted.status, promoted.participant_id) == ("confirmed", None)
        assert registrations.seats_taken(live_workshop) == 2
    post_registration(app.test_client(), workshop.code, email="third@example.org")
    with app.app_context():
        third = db.session.scalars(db.select(Registration).where(
            Registration.email == "third@example.org")).one()
        assert third.status == "confirmed"
        live_workshop = db.session.get(Workshop, workshop.id)
        assert registrations.free_seats(live_workshop) == 0


def test_a_form_nonce_opens_nothing_for_another_email(app, open_workshop):
    workshop = open_workshop()
    first = app.test_client()
    nonce = nonce_of(first.get(f"/inscription/{workshop.code}/").get_data(as_text=True))
    elise = post_registration(first, workshop.code, nonce=nonce, email="elise@example.org",
                              first_name="Élise", phone="0698765432")
    other = app.test_client()
    other.get(f"/inscription/{workshop.code}/")
    paul = post_registration(other, workshop.code, nonce=nonce, email="paul@example.org",
                             first_name="Paul")
    assert paul.location.startswith("/mon-inscription/") and paul.location != elise.location
    page = other.get(paul.location).get_data(as_text=True)
    assert "Paul" in page and "0698765432" not in page and "06 98 76 54 32" not in page
    with app.app_context():
        emails = sorted(r.email for r in db.session.scalars(db.select(Registration)))
        assert emails == ["elise@example.org", "paul@example.org"]


def test_an_old_form_nonce_no_longer_opens_the_registration(app, open_workshop, outbox):
    workshop = open_workshop()
    first = app.test_client()
    nonce = nonce_of(first.get(f"/inscription/{workshop.code}/").get_data(as_text=True))
    elise = post_registration(first, workshop.code, nonce=nonce, email="elise@example.org")
    assert elise.location.startswith("/mon-inscription/")
    with app.app_context():  # the form was posted long ago (a cached page, a shared device)
        minutes = app.config.get("REGISTRATION_NONCE_MINUTES", 30)
        registration = db.session.scalars(db.select(Registration)).one()
        registration.updated_at = registration.updated_at - dt.timedelta(minutes=minutes + 1)
        db.session.commit()
    replay = post_registration(app.test_client(), workshop.code, nonce=nonce,
                               email="elise@example.org", first_name="Autre")
    assert replay.location == f"/inscription/{workshop.code}/mise-a-jour"
    with app.app_context():
        assert db.session.scalars(db.select(Registration)).one().first_name != "Autre"


def test_cancelling_after_the_pack_is_printed_frees_the_seat(app, open_workshop):
    """A participant kept for their printed pack takes no seat once their registration is
    cancelled: the waiting list moves up (review of 4 December: the seat stayed taken)."""
    from kit.models import Card

    workshop = open_workshop(capacity=1)
    post_registration(app.test_client(), workshop.code, email="first@example.org")
    post_registration(app.test_client(), workshop.code, email="second@example.org")
    with app.app_context():
        registration = db.session.scalars(db.select(Registration).where(
            Registration.email == "first@example.org")).one()
        person_id = registration.participant_id
        db.session.add(Card(code="AK2-IDEN-P00001X", serial=1, type_key="identite",
                            workshop_id=workshop.id, participant_id=person_id))  # printed
        db.session.commit()
        promoted = registrations.cancel(registration)
        assert [r.email for r in promoted] == ["second@example.org"]
        assert db.session.get(Participant, person_id) is not None  # the pack still reads
        assert registrations.seats_taken(db.session.get(Workshop, workshop.id)) == 1
