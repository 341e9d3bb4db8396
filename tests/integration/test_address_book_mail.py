"""Address-book links mailed in one batch through a real local SMTP server (aiosmtpd)."""
from __future__ import annotations

import re

import pytest
from aiosmtpd.controller import Controller

from kit.extensions import db
from tests.integration.test_mail import Inbox, free_port

LINK_RE = re.compile(r"http://localhost/carnet/[A-Za-z0-9_-]+/")


@pytest.fixture
def inbox_server():
    """A local SMTP server on a free port, stopped at the end: (port, inbox)."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


@pytest.fixture
def mailed_world(make_app, inbox_server, default_organiser):
    """An app sending through the local server, a workshop with three people (one without
    an e-mail, one without consent) and a useful contact (who gets no link)."""
    port, inbox = inbox_server
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_FROM="atelier@example.org",
                   MAIL_TIMEOUT=5)
    from kit.models import User
    from kit.services.participants import save_participant
    from kit.services.users import create_user
    from kit.services.workshops import create_workshop

    with app.app_context():
        owner = create_user("orga-mail@example.org", "Orga", "mot-de-passe-test")
        workshop = create_workshop({"code": "CARNET", "title": "Mobilité douce"},
                                   created_by=db.session.get(User, owner.id))
        for first, last, email, consent in (
                ("Sophie", "Chaix", "sophie@example.org", "participants"),
                ("Marc", "Blanc", "", "public"),
                ("Nina", "Secret", "nina@example.org", "aucun")):
            save_participant(workshop, {"first_name": first, "last_name": last, "email": email,
                                        "consent": consent, "origin": "preregistered"})
        save_participant(workshop, {"first_name": "Léa", "last_name": "Contact",
                                    "email": "lea@example.org", "consent": "participants",
                                    "origin": "useful_contact"})
    client = app.test_client()
    client.post("/connexion", data={"email": "orga-mail@example.org",
                                    "password": "mot-de-passe-test"})
    return app, client, inbox


def test_batch_mails_each_participant_their_own_working_link(mailed_world):
    app, client, inbox = mailed_world
    response = client.post("/ateliers/CARNET/resultats/carnet-partage/envoyer",
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert ("Envoi terminé : 2 e-mails envoyés sur 3 personnes, 0 échec, "
            "1 sans adresse e-mail.") in html
    assert sorted(m["To"] for m in inbox.messages) == ["nina@example.org", "sophie@example.org"]
    message = next(m for m in inbox.messages if m["To"] == "sophie@example.org")
    assert message["Subject"] == "Le carnet d’adresses de l’atelier : Mobilité douce"
    body = message.get_content()
    assert "Bonjour Sophie," in body and "corriger votre propre fiche" in body
    links = LINK_RE.findall(body)
    assert len(links) == 1
    book = app.test_client().get(links[0].removeprefix("http://localhost"))
    assert book.status_code == 200
    page = book.get_data(as_text=True)
    assert "Bonjour Sophie" in page and "BLANC" in page and "SECRET" not in page
    assert html.count("<td>envoyé</td>") == 2


def test_a_second_batch_replaces_the_first_links(mailed_world):
    app, client, inbox = mailed_world
    url = "/ateliers/CARNET/resultats/carnet-partage/envoyer"
    client.post(url)
    first = LINK_RE.findall(inbox.messages[0].get_content())[0]
    client.post(url)
    assert len(inbox.messages) == 4
    assert app.test_client().get(first.removeprefix("http://localhost")).status_code == 410


def test_a_failed_send_keeps_the_previous_link(mailed_world):
    from kit.models import AddressBookLink

    app, client, inbox = mailed_world
    url = "/ateliers/CARNET/resultats/carnet-partage/envoyer"
    client.post(url)
    first = LINK_RE.findall(inbox.messages[0].get_content())[0]
    app.config["MAIL_PORT"] = free_port()  # nobody listens there: the server is "down"
    html = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "2 échecs" in html and "Non envoyés : Sophie Chaix, Nina Secret" in html
    assert app.test_client().get(first.removeprefix("http://localhost")).status_code == 200
    with app.app_context():
        failed = db.session.scalars(db.select(AddressBookLink).where(
            AddressBookLink.mail_status == "failed")).all()
        assert len(failed) == 2 and all(not link.is_active for link in failed)
