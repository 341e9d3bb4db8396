"""Photo upload pages: organisers and volunteers, duplicates, bad files, statuses, links."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zlib

import cv2
import numpy as np
import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import Photo, UploadLink, Workshop
from kit.services import upload_links


@pytest.fixture
def ocr_off_app(make_app):
    return make_app(OCR_ENGINE="none")


@pytest.fixture
def org_client(ocr_off_app, make_user):
    """Factory: a logged-in test client on the OCR-less app, and a workshop."""
    from kit.services.users import create_user
    from kit.services.workshops import create_workshop

    def factory(code: str = "UPL1"):
        with ocr_off_app.app_context():
            user = create_user(f"orga-{code.lower()}@example.org", "Orga", "mot-de-passe-test")
            workshop = create_workshop({"code": code, "title": "Mobilité douce"}, created_by=user)
            email, workshop_id = user.email, workshop.id
        client = ocr_off_app.test_client()
        client.post("/connexion", data={"email": email, "password": "mot-de-passe-test"})
        return client, workshop_id

    return factory


def blank_jpeg(width: int = 640, height: int = 480, grey: int = 200) -> bytes:
    image = np.full((height, width, 3), grey, np.uint8)
    cv2.putText(image, "mur vide", (40, 240), cv2.FONT_HERSHEY_SIMPLEX, 2, (40, 40, 40), 3)
    return cv2.imencode(".jpg", image)[1].tobytes()


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header announces width x height px (the pixels never follow)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))


def upload(client, url: str, files: list[tuple[bytes, str]], as_json: bool = True):
    data = {"photos": [(io.BytesIO(content), name) for content, name in files]}
    headers = {"Accept": "application/json"} if as_json else {}
    return client.post(url, data=data, headers=headers, content_type="multipart/form-data")


def only_photo(app, workshop_id: int) -> Photo:
    with app.app_context():
        return db.session.scalars(select(Photo).where(Photo.workshop_id == workshop_id)).one()


def test_upload_page_requires_login(client, make_workshop):
    workshop = make_workshop()
    response = client.get(f"/ateliers/{workshop.code}/photos/")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_upload_page_offers_camera_and_multiple_files(org_client):
    client, _ = org_client("UPL2")
    html = client.get("/ateliers/UPL2/photos/").get_data(as_text=True)
    assert 'capture="environment"' in html and "multiple" in html and 'accept="image/*"' in html
    assert "js/upload.js" in html and "Envoyer les photos" in html


def test_upload_photo_without_cards_reports_no_card(ocr_off_app, org_client):
    client, workshop_id = org_client("UPL3")
    response = upload(client, "/ateliers/UPL3/photos/", [(blank_jpeg(), "mur.jpg")])
    assert response.status_code == 200
    answer = response.get_json()["photos"][0]
    assert (answer["filename"], answer["status"], answer["duplicate"]) == (
        "mur.jpg",
        "error",
        False,
    )
    assert answer["message"].startswith("Aucune carte Atelier Kit n'a été trouvée sur cette photo.")
    photo = only_photo(ocr_off_app, workshop_id)
    assert (photo.width, photo.height, photo.size_bytes > 0) == (640, 480, True)


def test_upload_same_file_twice_is_one_photo(ocr_off_app, org_client):
    client, workshop_id = org_client("UPL4")
    data = blank_jpeg()
    first = upload(client, "/ateliers/UPL4/photos/", [(data, "a.jpg")]).get_json()["photos"][0]
    again = upload(client, "/ateliers/UPL4/photos/", [(data, "copie.jpg")]).get_json()["photos"][0]
    assert again["duplicate"] is True and again["id"] == first["id"]
    assert only_photo(ocr_off_app, workshop_id).filename == "a.jpg"


@pytest.mark.parametrize(
    "content, name, expected",
    [
        (
            b"Bonjour, ceci n'est pas une photo.",
            "notes.txt",
            "notes.txt : ce n’est pas une image lisible",
        ),
        (blank_jpeg()[:3000], "coupee.jpg", "coupee.jpg : image tronquée ou abîmée"),
        (png_header_claiming(9000, 6700), "enorme.png", "enorme.png : image refusée"),
    ],
)
def test_upload_bad_file_gets_clear_error(ocr_off_app, org_client, content, name, expected):
    client, workshop_id = org_client("UPL5")
    answer = upload(client, "/ateliers/UPL5/photos/", [(content, name)]).get_json()["photos"][0]
    assert answer["status"] == "error"
    assert answer["message"].startswith(expected), answer["message"]
    with ocr_off_app.app_context():  # refused before storage: nothing to digitise
        assert db.session.scalars(select(Photo)).all() == []


def test_upload_60_megapixel_photo_names_the_limit(org_client):
    client, _ = org_client("UPL6")
    answer = upload(
        client, "/ateliers/UPL6/photos/", [(png_header_claiming(9000, 6700), "grand.png")]
    ).get_json()["photos"][0]
    assert "60300000" not in answer["message"] and "50 Mpx" in answer["message"]


def test_upload_without_js_redirects_to_list_with_statuses(org_client):
    client, _ = org_client("UPL7")
    response = upload(
        client,
        "/ateliers/UPL7/photos/",
        [(blank_jpeg(), "mur.jpg"), (b"pas une image", "x.txt")],
        as_json=False,
    )
    assert response.status_code == 302 and "?ids=" in response.headers["Location"]
    page = client.get("/ateliers/UPL7/photos/").get_data(as_text=True)
    assert "1 photo reçue." in page
    assert "x.txt : ce n’est pas une image lisible" in page
    assert "1 photo : 0 lue, 0 en attente, 1 en erreur." in page


def test_upload_empty_form_says_nothing_was_received(org_client):
    client, _ = org_client("UPL8")
    response = client.post("/ateliers/UPL8/photos/", data={}, follow_redirects=True)
    assert "Aucun fichier reçu" in response.get_data(as_text=True)


def test_status_endpoint_gives_status_and_message(org_client):
    client, _ = org_client("UPL9")
    ids = [
        upload(client, "/ateliers/UPL9/photos/", [(content, "a.jpg")]).get_json()["photos"][0]["id"]
        for content in (blank_jpeg(), blank_jpeg(grey=180))
    ]
    body = client.get(f"/ateliers/UPL9/photos/statut?ids={ids[0]},{ids[1]},999").get_json()
    assert [(p["id"], p["status"]) for p in body["photos"]] == [
        (ids[0], "error"),
        (ids[1], "error"),
    ]
    assert body["counts"] == {"queued": 0, "processing": 0, "done": 0, "error": 2}


def make_link(app, workshop_id: int, **changes) -> str:
    with app.app_context():
        created = upload_links.create_link(db.session.get(Workshop, workshop_id), "matin")
        for key, value in changes.items():
            setattr(created.link, key, value)
        db.session.commit()
        return created.secret


def test_volunteer_link_uploads_without_account(ocr_off_app, org_client):
    _, workshop_id = org_client("VOL1")
    token = make_link(ocr_off_app, workshop_id)
    anonymous = ocr_off_app.test_client()
    page = anonymous.get(f"/u/{token}").get_data(as_text=True)
    assert "Photos de l’atelier « Mobilité douce »" in page and 'capture="environment"' in page
    answer = upload(anonymous, f"/u/{token}", [(blank_jpeg(), "benevole.jpg")]).get_json()[
        "photos"
    ][0]
    assert answer["status"] == "error"  # no card on it, but received and read
    with ocr_off_app.app_context():
        photo = db.session.get(Photo, answer["id"])
        assert photo.upload_link.label == "matin"
    status = anonymous.get(f"/u/{token}/statut?ids={answer['id']}").get_json()
    assert status["photos"][0]["filename"] == "benevole.jpg"


@pytest.mark.parametrize(
    "changes, status_code, text",
    [
        ({"revoked_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}, 403, "Ce lien a été révoqué"),
        ({"expires_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)}, 403, "Ce lien a expiré"),
    ],
)
def test_volunteer_link_inactive_gets_friendly_403(
    ocr_off_app, org_client, changes, status_code, text
):
    _, workshop_id = org_client("VOL2")
    token = make_link(ocr_off_app, workshop_id, **changes)
    anonymous = ocr_off_app.test_client()
    for response in (
        anonymous.get(f"/u/{token}"),
        upload(anonymous, f"/u/{token}", [(blank_jpeg(), "a.jpg")]),
    ):
        assert response.status_code == status_code
        assert text in response.get_data(as_text=True)
    with ocr_off_app.app_context():
        assert db.session.scalars(select(Photo)).all() == []


def test_volunteer_wrong_token_gets_friendly_404(client):
    response = client.get("/u/pas-un-vrai-jeton")
    assert response.status_code == 404 and "Lien inconnu" in response.get_data(as_text=True)


def test_organiser_creates_and_revokes_link_on_workshop_page(ocr_off_app, org_client):
    client, workshop_id = org_client("LNK1")
    page = client.post(
        "/ateliers/LNK1/liens", data={"label": "après-midi"}, follow_redirects=True
    ).get_data(as_text=True)
    token = re.search(r"/u/([A-Za-z0-9_-]+)", page).group(1)  # shown once, at creation
    assert "après-midi" in page
    with ocr_off_app.app_context():
        link_id = db.session.scalars(select(UploadLink)).one().id
    assert ocr_off_app.test_client().get(f"/u/{token}").status_code == 200
    assert f"/u/{token}" not in client.get("/ateliers/LNK1/").get_data(as_text=True)
    client.post(f"/ateliers/LNK1/liens/{link_id}/revoquer")
    page = client.get("/ateliers/LNK1/").get_data(as_text=True)
    assert "révoqué" in page
    assert ocr_off_app.test_client().get(f"/u/{token}").status_code == 403
