"""The worker writes one line per photo to its log: file, seconds, cards read, errors."""
from __future__ import annotations

import logging
import re

import cv2
import numpy as np

from tests.support import appkit


def test_each_photo_gets_one_log_line(make_app, caplog):
    from tests.conftest import TEST_PASSWORD

    app = make_app(OCR_ENGINE="none")
    with app.app_context():
        from kit.services.users import create_user
        from kit.services.workshops import create_workshop

        user = create_user("orga-log@example.org", "Orga", TEST_PASSWORD)
        create_workshop({"code": "LOG1", "title": "Mobilité douce"}, created_by=user)
        email = user.email
    client = app.test_client()
    client.post("/connexion", data={"email": email, "password": TEST_PASSWORD})
    image = np.full((480, 640, 3), 200, np.uint8)
    jpeg = cv2.imencode(".jpg", image)[1].tobytes()
    with caplog.at_level(logging.INFO, logger="kit.tasks"):
        client.post("/ateliers/LOG1/photos/", headers={"Accept": "application/json"},
                    **appkit.multipart([(jpeg, "mur-vide.jpg")]))
    lines = [r.getMessage() for r in caplog.records if r.name == "kit.tasks"]
    assert len(lines) == 1
    assert re.fullmatch(r"photo \d+ \(mur-vide\.jpg\): \d+\.\d s, cards read: 0, errors: \d+, "
                        r"error: .+", lines[0])
