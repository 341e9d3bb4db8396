"""Issue 9, point 6: retention per workshop (default 12 months after the day) and `flask purge`,
which deletes what has expired and says what; uploaded CSV files do not stay behind."""
from __future__ import annotations

import datetime as dt
import io
import os
import time
from pathlib import Path

from sqlalchemy import select

from kit.extensions import db
from kit.models import Participant, Registration, Workshop
from kit.services import retention

TODAY = dt.date.today()


def photo_file(app, code: str) -> Path:
    path = Path(app.config["PHOTOS_DIR"]) / code / ("a" * 64 + ".jpg")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8 photo")
    return path


def test_retention_defaults_to_twelve_months_after_the_day(make_workshop, app):
    workshop = make_workshop(date=dt.date(2025, 1, 31))
    assert workshop.retention_months == 12
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        assert retention.expiry_day(live) == dt.date(2026, 1, 31)
        assert not retention.is_expired(live, dt.date(2026, 1, 30))
        assert retention.is_expired(live, dt.date(2026, 1, 31))
    assert retention.add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert retention.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_purge_erases_expired_workshops_only_and_says_what(app, runner, make_workshop,
                                                           make_participant):
    old = make_workshop(code="OLD1", date=TODAY - dt.timedelta(days=400))
    recent = make_workshop(code="NEW1", date=TODAY - dt.timedelta(days=30))
    make_participant(old, first_name="Ancienne", email="ancienne@example.org")
    make_participant(recent, first_name="Récente", email="recente@example.org")
    old_photo, recent_photo = photo_file(app, "OLD1"), photo_file(app, "NEW1")
    trial = runner.invoke(args=["purge", "--dry-run"])
    assert trial.exit_code == 0, trial.output
    assert "(essai) OLD1 : conservation échue" in trial.output and old_photo.exists()
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "OLD1 : conservation échue" in result.output
    assert "1 personne effacée, 1 fichier de photos et d’images supprimé" in result.output
    assert "NEW1" not in result.output
    assert not old_photo.exists() and recent_photo.exists()
    with app.app_context():
        names = dict(db.session.execute(select(Participant.email, Participant.first_name)).all())
    assert names == {None: "effacé", "recente@example.org": "Récente"}
    again = runner.invoke(args=["purge"])
    assert "Rien à supprimer." in again.output


def test_purge_erases_cancelled_registrations(app, runner, make_workshop):
    from kit.services import registrations

    workshop = make_workshop(date=TODAY + dt.timedelta(days=30))
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        outcome = registrations.register(live, {
            "first_name": "Partie", "last_name": "Avant", "email": "partie@example.org",
            "consent": "participants"})
        registrations.cancel(outcome.registration)
    result = runner.invoke(args=["purge"])
    assert "inscription annulée" in result.output
    with app.app_context():
        stored = db.session.scalars(select(Registration)).one()
        assert stored.email != "partie@example.org" and stored.first_name == "effacé"


def test_abandoned_csv_upload_is_deleted_by_purge(app, runner, make_workshop):
    folder = Path(app.config["IMPORT_DIR"])
    folder.mkdir(parents=True)
    stale, fresh = folder / f"AT1-{'a' * 32}.csv", folder / f"AT1-{'b' * 32}.csv"
    for path in (stale, fresh):
        path.write_text("prénom;nom;e-mail\nCamille;Arnaud;c@example.org\n")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))
    result = runner.invoke(args=["purge"])
    assert f"fichier CSV importé supprimé : {stale.name}" in result.output
    assert not stale.exists() and fresh.exists()


def test_confirmed_csv_import_leaves_no_file(app, client, login, make_workshop):
    login()
    workshop = make_workshop()
    data = "prénom;nom;e-mail\nCamille;Arnaud;camille@example.org\n".encode()
    response = client.post(f"/ateliers/{workshop.code}/import/",
                           data={"file": (io.BytesIO(data), "inscrits.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert len(list(Path(app.config["IMPORT_DIR"]).glob("*.csv"))) == 1
    client.post(response.headers["Location"], data={"token": response.headers["Location"]
                                                    .rstrip("/").rsplit("/", 1)[1]})
    assert list(Path(app.config["IMPORT_DIR"]).glob("*.csv")) == []


def test_retention_is_set_on_the_workshop_form(app, client, login, make_workshop):
    login()
    workshop = make_workshop()
    page = client.get(f"/ateliers/{workshop.code}/modifier").get_data(as_text=True)
    assert 'name="retention_months"' in page and 'value="12"' in page
