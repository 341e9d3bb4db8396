"""Confirmation e-mails through a real SMTP exchange with a local aiosmtpd server."""
from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.registrations import LINK_RE, post_registration, registrations_of


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message, and an authenticator for one account."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes = []
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.password == b"secret":
            self.logins.append(auth_data.login.decode())
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


@pytest.fixture
def smtp_server():
    """Factory: start a local SMTP server (stopped at the end); returns (port, inbox)."""
    controllers = []

    def start(**options):
        inbox, port = Inbox(), free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return port, inbox
    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def mail_app(make_app):
    """Factory: an app sending through 127.0.0.1:port, with a workshop MAIL1 open today."""
    def factory(port: int, **config):
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                       MAIL_FROM="atelier@example.org", MAIL_TIMEOUT=5, **config)
        with app.app_context():
            from kit.services.workshops import create_workshop
            workshop = create_workshop({
                "code": "MAIL1", "title": "Mobilité douce <b>2026</b>", "place": "Briançon",
                "date": dt.date.today() + dt.timedelta(days=20), "start_time": dt.time(9),
                "capacity": 1, "registration_opens_on": dt.date.today()})
            workshop_id = workshop.id
        return app, workshop_id
    return factory


def test_confirmation_mail_sent_and_its_link_works(smtp_server, mail_app):
    port, inbox = smtp_server()
    app, _ = mail_app(port)
    client = app.test_client()
    location = post_registration(client, "MAIL1").headers["Location"]
    [message] = inbox.messages
    assert inbox.envelopes[0].rcpt_tos == ["camille@example.org"]
    assert message["From"] == "atelier@example.org" and message["To"] == "camille@example.org"
    assert message["Subject"] == "Inscription enregistrée : Mobilité douce <b>2026</b>"
    body = message.get_content()
    assert "Bonjour Camille," in body and "Lieu : Briançon" in body
    path = LINK_RE.search(body).group(1)
    assert path == location
    stranger = app.test_client()  # the link works alone, in any browser
    html = stranger.get(path).get_data(as_text=True)
    assert "Camille, votre inscription est confirmée." in html
    assert "Un e-mail de confirmation avec ce lien a été envoyé à camille@example.org." in html
    assert "Mobilité douce &lt;b&gt;2026&lt;/b&gt;" in html


def test_waiting_list_and_promotion_mails(smtp_server, mail_app):
    port, inbox = smtp_server()
    app, _ = mail_app(port)
    client = app.test_client()
    first = post_registration(client, "MAIL1", email="a@example.org").headers["Location"]
    post_registration(client, "MAIL1", email="b@example.org", first_name="Basile")
    assert "liste d’attente, en position 1" in inbox.messages[1].get_content()
    client.post(first + "annuler")
    promoted = inbox.messages[2]
    assert promoted["To"] == "b@example.org"
    assert promoted["Subject"] == "Une place s’est libérée : Mobilité douce <b>2026</b>"
    assert "votre inscription à l’atelier « Mobilité douce <b>2026</b> » est confirmée" in (
        promoted.get_content())


def test_smtp_login_when_configured(smtp_server, mail_app):
    accounts = Inbox()  # checks the password and records the login
    port, inbox = smtp_server(authenticator=accounts, auth_require_tls=False)
    app, _ = mail_app(port, MAIL_USERNAME="atelier", MAIL_PASSWORD="secret")
    post_registration(app.test_client(), "MAIL1")
    assert accounts.logins == ["atelier"] and len(inbox.messages) == 1


def test_stranger_updating_by_email_sends_the_owner_the_link(smtp_server, mail_app):
    port, inbox = smtp_server()
    app, _ = mail_app(port)
    owner_path = post_registration(app.test_client(), "MAIL1").headers["Location"]
    stranger = app.test_client()
    response = post_registration(stranger, "MAIL1", role="Usurpateur")
    html = stranger.get(response.headers["Location"]).get_data(as_text=True)
    assert "Si vous êtes déjà inscrit·e, un lien vous a été envoyé" in html
    update = inbox.messages[-1]
    assert update["Subject"].startswith("Votre lien d’inscription")
    assert "rien n’a été changé" in update.get_content()
    renewed = LINK_RE.search(update.get_content()).group(1)
    assert renewed != owner_path and "a été renouvelé" in update.get_content()
    assert app.test_client().get(renewed).status_code == 200
    assert app.test_client().get(owner_path).status_code == 404


def test_unreachable_smtp_server_keeps_registration_and_says_so(mail_app):
    app, workshop_id = mail_app(free_port())  # nothing listens there: connection refused
    client = app.test_client()
    location = post_registration(client, "MAIL1").headers["Location"]
    html = client.get(location).get_data(as_text=True)
    assert "L’e-mail de confirmation n’a pas pu être envoyé à camille@example.org." in html
    assert location.rstrip("/").rsplit("/", 1)[1] in html  # the link is on the page instead
    [registration] = registrations_of(app, SimpleNamespace(id=workshop_id))
    assert (registration.status, registration.mail_status) == ("confirmed", "failed")


def test_without_smtp_the_pages_say_no_mail_is_sent(client, make_workshop):
    workshop = make_workshop(registration_opens_on=dt.date.today())
    html = client.get(f"/inscription/{workshop.code}/").get_data(as_text=True)
    assert "Ce site n’envoie pas d’e-mail" in html
    location = post_registration(client, workshop.code).headers["Location"]
    assert "Aucun serveur d’envoi d’e-mails n’est configuré sur ce site" in client.get(
        location).get_data(as_text=True)
