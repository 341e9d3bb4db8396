"""Issue 9, point 6: a whole workshop as one ZIP (data as JSON and CSV, photos, card images,
kit) restored on another instance; a restore never overwrites and never writes outside."""
from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, Participant, Photo, Workshop
from tests.conftest import TEST_PASSWORD
from tests.postgres.conftest import (  # noqa: F401 (fixtures: the throwaway server)
    empty_tables,
    postgres_server,
    postgres_url,
)
from tests.security.test_concurrency_human_decisions import digitised_workshop


def snapshot(app, code: str) -> dict:
    with app.app_context():
        workshop = db.session.scalars(select(Workshop).where(Workshop.code == code)).one()
        cards = {c.id: c.code for c in workshop.cards}
        values = db.session.scalars(select(FieldValue).where(FieldValue.card_id.in_(cards)))
        photos = db.session.scalars(select(Photo).where(Photo.workshop_id == workshop.id))
        return {
            "people": sorted((p.number, p.first_name, p.last_name, p.commune)
                             for p in workshop.participants),
            "cards": sorted(cards.values()),
            "values": sorted((cards[v.card_id], v.field_name, v.value, v.source, v.review)
                             for v in values),
            "photos": sorted((p.sha256, p.filename, p.status, utc(p.uploaded_at))
                             for p in photos),
        }


def utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive UTC, PostgreSQL the server's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def files_of(app, code: str) -> dict[str, bytes]:
    found = {}
    for key in ("PHOTOS_DIR", "CROPS_DIR", "KIT_DIR"):
        root = Path(app.config[key]) / code
        found |= {f"{key}/{p.relative_to(root)}": p.read_bytes() for p in root.rglob("*")
                  if p.is_file()}
    return found


def other_instance(make_app, tmp_path, name: str):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / f'{name}.sqlite3'}",
                   INSTANCE_PATH=str(tmp_path / name), KIT_DIR=str(tmp_path / name / "kits"),
                   PHOTOS_DIR=str(tmp_path / name / "photos"),
                   CROPS_DIR=str(tmp_path / name / "crops"), OCR_ENGINE="none")
    from kit.services.users import create_user

    with app.app_context():
        create_user("reprise@example.org", "Reprise", TEST_PASSWORD)
    return app


def test_archive_then_restore_on_another_instance(make_app, tmp_path):
    first = make_app(OCR_ENGINE="none")
    digitised_workshop(first, "ARC1")
    before, files = snapshot(first, "ARC1"), files_of(first, "ARC1")
    assert any(k.startswith("PHOTOS_DIR") for k in files) and any(
        k.startswith("CROPS_DIR") for k in files) and any(k.startswith("KIT_DIR") for k in files)
    target = tmp_path / "ARC1.zip"
    result = first.test_cli_runner().invoke(args=["archive", "ARC1", "--out", str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert {"data/participants.json", "csv/participants.csv", "data/field_values.json"} <= names
    assert manifest["workshop"] == "ARC1" and manifest["rows"]["cards"] == len(before["cards"])
    second = other_instance(make_app, tmp_path, "ailleurs")
    restored = second.test_cli_runner().invoke(
        args=["restore", str(target), "--owner", "reprise@example.org"])
    assert restored.exit_code == 0, restored.output
    assert "ARC1 restauré" in restored.output
    assert snapshot(second, "ARC1") == before
    assert files_of(second, "ARC1") == files


def test_restore_refuses_an_existing_workshop(make_app, tmp_path):
    first = make_app(OCR_ENGINE="none")
    digitised_workshop(first, "ARC2")
    target = tmp_path / "ARC2.zip"
    first.test_cli_runner().invoke(args=["archive", "ARC2", "--out", str(target)])
    before = snapshot(first, "ARC2")
    result = first.test_cli_runner().invoke(args=["restore", str(target)])
    assert result.exit_code != 0 and "existe déjà" in result.output
    assert snapshot(first, "ARC2") == before


def test_restore_refuses_paths_outside_its_folders(make_app, tmp_path):
    app = other_instance(make_app, tmp_path, "cible")
    target = tmp_path / "piege.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("manifest.json", json.dumps(
            {"format": "atelier-kit-archive", "version": 1, "workshop": "EVIL1"}))
        archive.writestr("files/photos/../../../../evil.txt", "pwned")
    result = app.test_cli_runner().invoke(args=["restore", str(target)])
    assert result.exit_code != 0 and "sort de son dossier" in result.output
    assert not list(tmp_path.rglob("evil.txt"))
    with app.app_context():
        assert db.session.scalars(select(Workshop)).all() == []


def test_owner_downloads_the_archive_from_the_workshop(make_app):
    app = make_app(OCR_ENGINE="none")
    client, _, _ = digitised_workshop(app, "ARC3")
    response = client.get("/ateliers/ARC3/archive.zip")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert json.loads(archive.read("manifest.json"))["workshop"] == "ARC3"
        people = json.loads(archive.read("data/participants.json"))
    assert [p["first_name"] for p in people] == ["Sophie"]
    response.close()


def test_a_stranger_cannot_download_the_archive(make_app):
    from kit.services.users import create_user

    app = make_app(OCR_ENGINE="none")
    digitised_workshop(app, "ARC4")
    with app.app_context():
        create_user("etrangere@example.org", "Étrangère", TEST_PASSWORD)
    client = app.test_client()
    response = client.post("/connexion", data={"email": "etrangere@example.org",
                                               "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get("/ateliers/ARC4/archive.zip").status_code in (403, 404)
    with app.app_context():  # the check is not "logged in": the stranger is no owner
        assert db.session.scalars(select(Card)).first() is not None
        assert db.session.scalars(select(Participant)).first() is not None


@pytest.mark.postgres
def test_archive_from_sqlite_restores_on_postgresql(make_app, postgres_url, tmp_path):
    from kit.services.users import create_user

    first = make_app(OCR_ENGINE="none")
    digitised_workshop(first, "ARC5")
    before, files = snapshot(first, "ARC5"), files_of(first, "ARC5")
    target = tmp_path / "ARC5.zip"
    first.test_cli_runner().invoke(args=["archive", "ARC5", "--out", str(target)])
    second = make_app(SQLALCHEMY_DATABASE_URI=postgres_url, OCR_ENGINE="none",
                      INSTANCE_PATH=str(tmp_path / "pg"), PHOTOS_DIR=str(tmp_path / "pg" / "p"),
                      CROPS_DIR=str(tmp_path / "pg" / "c"), KIT_DIR=str(tmp_path / "pg" / "k"))
    try:
        with second.app_context():
            create_user("reprise@example.org", "Reprise", TEST_PASSWORD)
        result = second.test_cli_runner().invoke(
            args=["restore", str(target), "--owner", "reprise@example.org"])
        assert result.exit_code == 0, result.output
        assert snapshot(second, "ARC5") == before
        assert files_of(second, "ARC5") == files
    finally:
        empty_tables(second)
