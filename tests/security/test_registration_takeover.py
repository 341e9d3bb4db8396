"""Registration without takeover (issue 9): re-registering someone's e-mail changes nothing
and mails that address its own link; an imported participant is joined to a registration only
through the link mailed to them; every mailed link is built from PUBLIC_URL, never from Host."""
from __future__ import annotations

import re

from kit.extensions import db
from kit.models import Participant, Registration
from kit.services.upload_links import hash_token
from tests.security.conftest import snapshot
from tests.support.registrations import open_workshop, post_registration, register  # noqa: F401

LINK_RE = re.compile(r"(https?://\S+)")


def links_in(message) -> list[str]:
    return LINK_RE.findall(message.get_content())


def test_reregistering_someones_email_changes_nothing_and_mails_them(app, client, open_workshop,
                                                                    register, outbox):
    workshop = open_workshop()
    register(workshop, consent="participants", structure="Mountain Wilderness")
    link_columns = {"registrations": {"token", "form_nonce", "updated_at"}}
    before = snapshot(app, ignore=link_columns)
    outbox.clear()
    attacker = app.test_client()
    response = post_registration(attacker, workshop.code, first_name="Pirate",
                                 consent="public", structure="Pirates SA")
    assert response.location == f"/inscription/{workshop.code}/mise-a-jour"
    page = attacker.get(response.location).get_data(as_text=True)
    assert "Si vous êtes déjà inscrit·e, un lien vous a été envoyé" in page
    assert "/mon-inscription/" not in page
    assert snapshot(app, ignore=link_columns) == before  # nothing changed but the link
    (message,) = outbox
    assert message["To"] == "camille@example.org"
    with app.app_context():
        (registration,) = db.session.scalars(db.select(Registration)).all()
        (mailed,) = [url for url in links_in(message) if "/mon-inscription/" in url]
        assert registration.token == hash_token(mailed.split("/")[-2])


def test_squatter_who_registered_someones_email_first_loses_the_link(app, open_workshop,
                                                                   outbox):
    """Nobody proves an e-mail on a public form: when the address's owner registers, the
    link goes to their mailbox and whoever had registered it before them loses it."""
    workshop = open_workshop()
    squatter = app.test_client()
    first = post_registration(squatter, workshop.code, first_name="Squatter", consent="public")
    squatted = first.location
    assert squatted.startswith("/mon-inscription/")
    assert squatter.get(squatted).status_code == 200
    outbox.clear()
    owner = app.test_client()
    response = post_registration(owner, workshop.code, first_name="Camille")
    assert response.location == f"/inscription/{workshop.code}/mise-a-jour"
    (message,) = outbox
    (mailed,) = [url for url in links_in(message) if "/mon-inscription/" in url]
    assert mailed.removeprefix("http://localhost") != squatted
    assert squatter.get(squatted).status_code == 404
    # the squatter's browser and form no longer own the registration either
    again = post_registration(squatter, workshop.code, first_name="Squatter2")
    assert again.location == f"/inscription/{workshop.code}/mise-a-jour"
    # ...each try only mails the owner a fresh link, which opens it
    latest = outbox[-1]
    assert latest["To"] == message["To"] and len(outbox) == 2
    (fresh,) = [url for url in links_in(latest) if "/mon-inscription/" in url]
    assert owner.get(fresh.removeprefix("http://localhost")).status_code == 200


def test_imported_participant_is_not_taken_over_by_registering_their_email(
        app, open_workshop, make_participant, outbox):
    workshop = open_workshop()
    person = make_participant(workshop, first_name="Élise", last_name="Vasserot",
                              email="elise@example.org", consent="participants")
    before = snapshot(app)
    attacker = app.test_client()
    response = post_registration(attacker, workshop.code, email="elise@example.org",
                                 first_name="Pirate", last_name="Pirate", consent="public")
    assert response.location == f"/inscription/{workshop.code}/mise-a-jour"
    assert snapshot(app) == before
    (message,) = outbox
    assert message["To"] == "elise@example.org"
    (link,) = [url for url in links_in(message) if "/retrouver/" in url]
    path = link.removeprefix("http://localhost")
    # the person opens the mailed link: a GET shows a button, the POST joins them
    owner = app.test_client()
    assert "Élise Vasserot" in owner.get(path).get_data(as_text=True)
    assert snapshot(app) == before
    response = owner.post(path)
    assert response.status_code == 302 and response.location.startswith("/mon-inscription/")
    with app.app_context():
        live = db.session.get(Participant, person.id)
        assert (live.first_name, live.consent) == ("Élise", "participants")
        (registration,) = db.session.scalars(db.select(Registration)).all()
        assert (registration.participant_id, registration.email) == (person.id,
                                                                     "elise@example.org")
        assert registration.token == hash_token(response.location.split("/")[2])
    assert owner.post(path).status_code == 404  # claimed once


def test_claim_link_for_another_workshop_or_forged_is_refused(app, open_workshop,
                                                             make_participant, outbox):
    workshop, other = open_workshop(), open_workshop()
    make_participant(workshop, email="elise@example.org")
    post_registration(app.test_client(), workshop.code, email="elise@example.org")
    (link,) = [url for url in links_in(outbox[0]) if "/retrouver/" in url]
    token = link.rsplit("/", 1)[1]
    client = app.test_client()
    assert client.post(f"/inscription/{other.code}/retrouver/{token}").status_code == 404
    assert client.post(f"/inscription/{workshop.code}/retrouver/{token}x").status_code == 404


def test_forged_host_header_is_refused(app, open_workshop, outbox):
    workshop = open_workshop()
    client = app.test_client()
    page = client.get(f"/inscription/{workshop.code}/")
    nonce = re.search(r'name="nonce" type="hidden" value="([^"]+)"', page.get_data(
        as_text=True)).group(1)
    from tests.support.registrations import FORM
    response = client.post(f"/inscription/{workshop.code}/", data={**FORM, "nonce": nonce},
                           headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert outbox == []


def test_mail_links_come_from_public_url_not_from_the_request(make_app, outbox):
    """Even through a trusted name (127.0.0.1 here), the link names PUBLIC_URL."""
    from tests.support.registrations import FORM, today

    app = make_app(PUBLIC_URL="https://ateliers.example.org")
    with app.app_context():
        import datetime as dt

        from kit.services.workshops import create_workshop
        create_workshop({"code": "HOST1", "title": "Hôte", "date": today() + dt.timedelta(30),
                         "registration_opens_on": today() - dt.timedelta(1)})
    client = app.test_client()
    base = {"base_url": "http://127.0.0.1"}
    page = client.get("/inscription/HOST1/", **base).get_data(as_text=True)
    nonce = re.search(r'name="nonce" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/inscription/HOST1/", data={**FORM, "nonce": nonce}, **base)
    assert response.status_code == 302
    (message,) = outbox
    links = links_in(message)
    assert links and all(url.startswith("https://ateliers.example.org/") for url in links)


def test_without_a_mail_sent_the_owner_keeps_their_link(app, client, open_workshop, register):
    """The link is renewed only when the new one reached the mailbox: without SMTP nothing
    changes, or anyone typing the address would lock its owner out."""
    workshop = open_workshop()
    personal = register(workshop)
    before = snapshot(app)
    response = post_registration(app.test_client(), workshop.code, first_name="Pirate")
    assert response.location == f"/inscription/{workshop.code}/mise-a-jour"
    assert snapshot(app) == before
    assert app.test_client().get(personal).status_code == 200
