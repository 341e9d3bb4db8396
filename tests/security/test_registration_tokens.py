"""Personal registration links are stored hashed (issue 9): a copy of the database opens no
one's registration, links mailed before the change keep working, and a mail sent when the
secret is not known (a seat freed by someone else's cancellation) carries no dead link."""
from __future__ import annotations

import re

from sqlalchemy import text

from kit.extensions import db
from kit.models import Registration, Workshop
from kit.services.upload_links import hash_token
from tests.support.registrations import open_workshop, post_registration, register  # noqa: F401

LINK_RE = re.compile(r"https?://[^/\s]+/mon-inscription/([A-Za-z0-9_-]+)/")


def test_personal_link_secret_is_not_stored_in_clear(app, client, open_workshop, register,
                                                    outbox):
    workshop = open_workshop()
    location = register(workshop)
    secret = location.split("/")[2]
    with app.app_context():
        (stored,) = db.session.execute(text("SELECT token FROM registrations")).scalars()
    assert secret not in stored and stored == hash_token(secret)
    assert client.get(location).status_code == 200
    # a stolen copy of the database: its value, used as a link, opens nothing
    assert app.test_client().get(f"/mon-inscription/{stored}/").status_code == 404


def test_mailed_link_opens_the_registration(app, open_workshop, outbox):
    workshop = open_workshop()
    with app.app_context():
        app.config.update(MAIL_SERVER="smtp.example.org")  # outbox catches what is sent
    post_registration(app.test_client(), workshop.code)
    (message,) = outbox
    (secret,) = LINK_RE.findall(message.get_content())
    page = app.test_client().get(f"/mon-inscription/{secret}/")
    assert page.status_code == 200 and "Camille" in page.get_data(as_text=True)


def test_migration_hashes_existing_links_which_keep_working(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'avant.sqlite3'}")
    with app.app_context():
        db.drop_all()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", "e5a7c3d1f9b2"]).exit_code == 0
    old_secret = "lien-mis-dans-un-mail-avant-la-migration"
    with app.app_context():  # the schema is the same before and after: only values change
        workshop = Workshop(code="OLD1", title="Ancien atelier")
        db.session.add(Registration(workshop=workshop, token=old_secret, email="a@example.org",
                                    first_name="Ada", last_name="Lovelace"))
        db.session.commit()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        (stored,) = db.session.execute(text("SELECT token FROM registrations")).scalars()
        assert stored == hash_token(old_secret)
    page = app.test_client().get(f"/mon-inscription/{old_secret}/")
    assert page.status_code == 200 and "Ada" in page.get_data(as_text=True)


def test_seat_freed_mail_has_no_dead_link(app, open_workshop, outbox):
    workshop = open_workshop(capacity=1)
    app.config.update(MAIL_SERVER="smtp.example.org")
    first, second = app.test_client(), app.test_client()
    mine = post_registration(first, workshop.code).location
    waiting = post_registration(second, workshop.code, email="b@example.org").location
    (waiting_secret,) = [waiting.split("/")[2]]
    page = first.get(f"{mine}annuler")
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                     page.get_data(as_text=True))
    first.post(f"{mine}annuler", data={"csrf_token": csrf.group(1) if csrf else ""})
    promoted = outbox[-1]
    assert promoted["To"] == "b@example.org"
    body = promoted.get_content()
    assert LINK_RE.findall(body) == []
    assert "Votre lien personnel est dans l’e-mail reçu lors de votre inscription" in body
    with app.app_context():
        (registration,) = db.session.scalars(db.select(Registration).where(
            Registration.email == "b@example.org")).all()
        assert registration.status == "confirmed"
    assert second.get(f"/mon-inscription/{waiting_secret}/").status_code == 200
