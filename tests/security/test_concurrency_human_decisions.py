"""Issue 9, point 5: a human decision is never overwritten by the worker, with two real
concurrent writers (the worker's thread and a reviewer's request, each with its own database
connection), on a SQLite file and on a throwaway PostgreSQL server. Queued or processing photos
are taken up again when the worker starts."""
from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, Photo, Workshop
from tests.conftest import TEST_PASSWORD
from tests.postgres.conftest import (  # noqa: F401 (fixtures: the throwaway server)
    empty_tables,
    postgres_server,
    postgres_url,
)

RENDER_PX_PER_MM = 5.0  # a flat "scan" of the printed page: QR modules of 7.5 px
WAIT_S = 60.0  # a loaded 2-core machine; each step takes well under a second alone
REVIEWER_HEAD_START_S = 1.0  # on PostgreSQL the reviewer commits in this time; SQLite waits


@pytest.fixture
def pg_app(make_app, postgres_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url, OCR_ENGINE="none")
    yield app
    empty_tables(app)


def page_photo(app, code: str) -> bytes:
    import cv2

    from tests.support.pdf import render_pdf_pages

    pdf = Path(app.config["KIT_DIR"]) / code / "identite.pdf"
    (page,) = render_pdf_pages(pdf.read_bytes(), RENDER_PX_PER_MM, pages=range(1))
    return cv2.imencode(".png", page)[1].tobytes()


def digitised_workshop(app, code: str):
    """A logged-in client, the commune value of Sophie's identity card, and the photo's id."""
    from kit.services import kits
    from kit.services.participants import save_participant
    from kit.services.users import create_user
    from kit.services.workshops import create_workshop

    with app.app_context():
        owner = create_user(f"orga-{code.lower()}@example.org", "Orga", TEST_PASSWORD)
        email = owner.email
        workshop = create_workshop({"code": code, "title": "Concurrence", "blank_packs": 0,
                                    "group_sheets": 1}, created_by=owner)
        person = save_participant(workshop, {"first_name": "Sophie", "last_name": "Chaix",
                                             "commune": "Briançon", "consent": "participants",
                                             "origin": "preregistered"})
        kits.generate_kit(db.session.get(Workshop, workshop.id), app.config["KIT_DIR"])
        person_id = person.id
    client = app.test_client()
    client.post("/connexion", data={"email": email, "password": TEST_PASSWORD})
    client.post(f"/ateliers/{code}/photos/", content_type="multipart/form-data",
                data={"photos": (io.BytesIO(page_photo(app, code)), "identite.png")})
    with app.app_context():
        card = db.session.scalars(select(Card).where(Card.participant_id == person_id,
                                                     Card.type_key == "identite")).one()
        commune = db.session.scalars(select(FieldValue).where(
            FieldValue.card_id == card.id, FieldValue.field_name == "commune")).one()
        photo_id = db.session.scalars(select(Photo.id)).one()
        assert (commune.value, commune.source) == ("Briançon", "printed")
        return client, commune.id, photo_id


def race_worker_against_reviewer(app, monkeypatch, client, code, value_id, photo_id) -> list:
    """The worker re-reads the photo; while it works on the commune box (after checking that no
    human decided it), a reviewer corrects that box through the web page."""
    from kit.services import digitise, photos

    checked, release = threading.Event(), threading.Event()
    real_write_text = digitise.write_text
    errors: list = []

    def slow_write_text(fv, *args, **kwargs):
        if fv.field_name == "commune":
            checked.set()  # is_locked said no; the OCR is "running"
            release.wait(WAIT_S)
        real_write_text(fv, *args, **kwargs)
        if fv.field_name == "commune":
            fv.value = "Briancon (lu par la machine)"  # what a machine could have read instead

    monkeypatch.setattr(digitise, "write_text", slow_write_text)

    def worker() -> None:
        try:
            with app.app_context():
                photos.requeue(db.session.get(Photo, photo_id))
                digitise.digitise_photo(photo_id)
        except Exception as exc:  # reported to the test's thread
            errors.append(exc)

    def reviewer() -> None:
        try:
            response = client.post(f"/ateliers/{code}/verification/champs/{value_id}",
                                   data={"action": "save", "value": "Névache"})
            assert response.status_code == 302, response.status_code
        except Exception as exc:
            errors.append(exc)

    machine = threading.Thread(target=worker)
    machine.start()
    assert checked.wait(WAIT_S), "the worker never reached the commune box"
    person = threading.Thread(target=reviewer)
    person.start()
    person.join(REVIEWER_HEAD_START_S)  # PostgreSQL: committed; SQLite: waits for the worker
    release.set()
    machine.join(WAIT_S)
    person.join(WAIT_S)
    assert not machine.is_alive() and not person.is_alive()
    return errors


def assert_human_kept(app, value_id: int, photo_id: int) -> None:
    with app.app_context():
        value = db.session.get(FieldValue, value_id)
        assert (value.value, value.source, value.review) == ("Névache", "human", "corrected")
        assert db.session.get(Photo, photo_id).status == "done"


def test_worker_never_overwrites_a_decision_on_sqlite(make_app, tmp_path, monkeypatch):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'race.sqlite3'}",
                   OCR_ENGINE="none")
    client, value_id, photo_id = digitised_workshop(app, "RACE1")
    errors = race_worker_against_reviewer(app, monkeypatch, client, "RACE1", value_id, photo_id)
    assert errors == []
    assert_human_kept(app, value_id, photo_id)


@pytest.mark.postgres
def test_worker_never_overwrites_a_decision_on_postgresql(pg_app, monkeypatch):
    client, value_id, photo_id = digitised_workshop(pg_app, "RACE2")
    errors = race_worker_against_reviewer(pg_app, monkeypatch, client, "RACE2", value_id, photo_id)
    assert errors == []
    assert_human_kept(pg_app, value_id, photo_id)


def test_worker_start_requeues_queued_and_processing_photos(make_app, tmp_path, monkeypatch):
    """A photo whose enqueue failed stays "queued" with no task: the worker takes it up."""
    from kit import tasks

    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'queue.sqlite3'}",
                   HUEY_IMMEDIATE=False, OCR_ENGINE="none")
    with app.app_context():
        workshop = Workshop(code="REQ1", title="Relance")
        db.session.add(workshop)
        for n, status in enumerate(("queued", "processing", "done", "error")):
            db.session.add(Photo(workshop=workshop, sha256=f"{n}" * 64, filename=f"{status}.jpg",
                                 stored_name=f"{n}.jpg", status=status))
        db.session.commit()
    monkeypatch.setattr(tasks, "run_consumer", lambda workers: None)  # start, but do not block
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        statuses = dict(db.session.execute(select(Photo.filename, Photo.status)).all())
        assert len(tasks.get_huey()) == 2  # one task each for the queued and processing photos
    assert statuses == {"queued.jpg": "queued", "processing.jpg": "queued", "done.jpg": "done",
                        "error.jpg": "error"}
    assert "queued.jpg remise dans la file" in result.output


def test_a_photo_is_digitised_once_even_with_two_copies_of_its_task(make_app, monkeypatch):
    """Re-queued at start while its old task was still in the queue: the second copy is a no-op."""
    from kit.services import digitise

    app = make_app(OCR_ENGINE="none")
    calls = []
    monkeypatch.setattr(digitise, "load_image", lambda photo: calls.append(photo.id) or
                        (_ for _ in ()).throw(digitise.scan_io.PhotoError("illisible")))
    with app.app_context():
        workshop = Workshop(code="ONCE1", title="Une fois")
        photo = Photo(workshop=workshop, sha256="e" * 64, filename="a.jpg", stored_name="a.jpg",
                      status="queued")
        db.session.add(photo)
        db.session.commit()
        digitise.digitise_photo(photo.id)
        digitise.digitise_photo(photo.id)
        assert calls == [photo.id] and db.session.get(Photo, photo.id).status == "error"


def test_upload_when_the_queue_is_down_is_kept_queued(make_app, tmp_path, monkeypatch):
    """Redis unreachable at upload: the photo is received (not a server error) and stays queued
    for the worker's start, instead of being lost."""
    import cv2
    import numpy as np

    from kit.services.users import create_user
    from kit.services.workshops import create_workshop

    app = make_app(HUEY_IMMEDIATE=False, OCR_ENGINE="none")

    def queue_down(photo_id):
        raise ConnectionError("redis: connection refused")
    monkeypatch.setitem(app.extensions, "huey.process_photo", queue_down)
    with app.app_context():
        owner = create_user("orga-down@example.org", "Orga", TEST_PASSWORD)
        email = owner.email
        create_workshop({"code": "DOWN1", "title": "File en panne"}, created_by=owner)
    client = app.test_client()
    client.post("/connexion", data={"email": email, "password": TEST_PASSWORD})
    jpeg = cv2.imencode(".jpg", np.full((200, 300, 3), 200, np.uint8))[1].tobytes()
    response = client.post("/ateliers/DOWN1/photos/", headers={"Accept": "application/json"},
                           content_type="multipart/form-data",
                           data={"photos": (io.BytesIO(jpeg), "mur.jpg")})
    assert response.status_code == 200
    assert response.get_json()["photos"][0]["status"] == "queued"
    with app.app_context():
        assert db.session.scalars(select(Photo.status)).all() == ["queued"]
