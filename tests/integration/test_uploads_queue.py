"""The real queue: SqliteHuey in the instance folder, a consumer thread, the request returning
before the photo is read (the web request never waits for the scanner)."""
from __future__ import annotations

import time

import cv2
import numpy as np
from huey import SqliteHuey

from kit.extensions import db
from kit.models import Photo
from kit.tasks import get_huey
from tests.conftest import TEST_PASSWORD
from tests.support import appkit

WAIT_S = 30.0  # generous on a loaded 2-core machine; a blank photo is read in well under 1 s


def blank_jpeg() -> bytes:
    return cv2.imencode(".jpg", np.full((300, 400, 3), 210, np.uint8))[1].tobytes()


def wait_for(app, photo_id: int, statuses=("done", "error")) -> Photo:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        with app.app_context():
            photo = db.session.get(Photo, photo_id)
            if photo.status in statuses:
                db.session.expunge(photo)
                return photo
        time.sleep(0.1)
    raise AssertionError(f"photo {photo_id} still not processed after {WAIT_S} s")


def test_upload_is_queued_then_read_by_a_consumer_thread(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'file.sqlite3'}",
                   HUEY_IMMEDIATE=False, OCR_ENGINE="none")
    with app.app_context():
        huey = get_huey()
        assert isinstance(huey, SqliteHuey) and not huey.immediate
        from kit.services.users import create_user
        from kit.services.workshops import create_workshop
        user = create_user("orga-file@example.org", "Orga", TEST_PASSWORD)
        email = user.email
        create_workshop({"code": "FILE1", "title": "File d'attente"}, created_by=user)
    client = app.test_client()
    client.post("/connexion", data={"email": email, "password": TEST_PASSWORD})
    answer = client.post("/ateliers/FILE1/photos/", headers={"Accept": "application/json"},
                         **appkit.multipart([(blank_jpeg(), "vide.jpg"), ])).get_json()["photos"][0]
    assert answer["status"] == "queued" and len(huey) == 1
    consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=False)
    consumer.start()
    try:
        photo = wait_for(app, answer["id"])
    finally:
        consumer.stop(graceful=True)
    assert photo.status == "error"
    assert photo.message.startswith("Aucune carte Atelier Kit n'a été trouvée sur cette photo.")
    status = client.get(f"/ateliers/FILE1/photos/statut?ids={answer['id']}").get_json()
    assert status["photos"][0]["status"] == "error" and len(huey) == 0
