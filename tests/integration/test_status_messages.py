"""Stored status messages are a key and parameters, translated when they are read."""
from __future__ import annotations

from kit.extensions import db
from kit.models import Photo, Workshop
from kit.services import kit_jobs, photos
from kit.status_messages import french, part, render, scan_part, text_part
from scan.messages import make_error, make_hint

PARTS = [part("photo.cards_read", num=2), scan_part("error", make_error("duplicate", "AB12")),
         text_part("mur.jpg : image tronquée")]


def test_french_rendering_is_the_scanner_and_app_wording():
    assert french(PARTS) == ("2 cartes lues. · AB12 : la même carte apparaît deux fois sur la "
                             "photo (seule la première est lue) · mur.jpg : image tronquée")


def test_scanner_words_without_a_template_are_kept_as_they_are():
    hint = make_hint("too_dark")
    hint.key = ""  # a hint built without scan.messages (or by a newer scanner)
    assert scan_part("hint", hint) == text_part(hint.message)


def test_two_wordings_of_one_kind_keep_their_own_template():
    blurred = scan_part("hint", make_hint("too_blurred", key="too_blurred_codes"))
    assert french([blurred]).startswith("Photo floue (bougé ou mise au point)")


def test_photo_message_stored_as_parts_read_in_english(client, login, make_workshop, make_photo,
                                                       app):
    login()
    workshop = make_workshop()
    photo = make_photo(workshop, status="queued")
    with app.app_context():
        stored = db.session.get(Photo, photo.id)
        photos.set_status(stored, "done", PARTS)
        assert stored.message == french(PARTS)  # French kept beside, for logs and the CLI
    client.post("/langue", data={"lang": "en"})
    answer = client.get(f"/ateliers/{workshop.code}/photos/statut?ids={photo.id}").get_json()
    assert answer["photos"][0]["message"] == (
        "2 cards read. · AB12: the same card appears twice on the photo (only the first is "
        "read) · mur.jpg : image tronquée")
    html = client.get(f"/ateliers/{workshop.code}/photos/").get_data(as_text=True)
    assert "2 cards read." in html


def test_kit_failure_read_in_each_language(client, login, make_workshop, app):
    login()
    workshop = make_workshop()
    with app.app_context():
        kit_jobs.fail_kit(workshop.id, [part("kit.queue_unavailable", error="ConnectionError")])
        stored = db.session.get(Workshop, workshop.id)
        assert stored.kit_message == "File d’attente indisponible (ConnectionError)"
        assert render(stored.kit_message_parts, lambda text: text) == stored.kit_message
    client.post("/langue", data={"lang": "en"})
    state = client.get(f"/ateliers/{workshop.code}/kit/statut").get_json()
    assert state["message"] == "Queue unavailable (ConnectionError)"
