"""Issue 9, point 3: uploads that cannot carry code, served so that nothing runs, and volunteer
links that see only their own photos. Each test fails on the code before issue 9."""

from __future__ import annotations

import io
import os
import stat
import struct
import zlib

import cv2
import numpy as np
import pytest
from PIL import Image
from sqlalchemy import select, text

from kit.extensions import db
from kit.models import Photo, UploadLink, Workshop
from kit.services import upload_links

SCRIPT_HTML = b"<html><body><script>fetch('/ateliers/')</script></body></html>"
SCRIPT_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)">'
    b"<script>alert(1)</script></svg>"
)


@pytest.fixture
def ocr_off_app(make_app):
    return make_app(OCR_ENGINE="none")


@pytest.fixture
def organiser(ocr_off_app):
    """A logged-in client of a new organiser and the id of their workshop."""
    from kit.services.users import create_user
    from kit.services.workshops import create_workshop

    with ocr_off_app.app_context():
        user = create_user("orga-upl@example.org", "Orga", "mot-de-passe-test")
        workshop_id = create_workshop(
            {"code": "SEC1", "title": "Mobilité douce"}, created_by=user
        ).id
        email = user.email
    client = ocr_off_app.test_client()
    client.post("/connexion", data={"email": email, "password": "mot-de-passe-test"})
    return client, workshop_id


def jpeg_bytes(width: int = 320, height: int = 240, grey: int = 200) -> bytes:
    image = np.full((height, width, 3), grey, np.uint8)
    cv2.putText(image, "mur", (20, 120), cv2.FONT_HERSHEY_SIMPLEX, 1, (40, 40, 40), 2)
    return cv2.imencode(".jpg", image)[1].tobytes()


def encoded(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    if fmt == "HEIF":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 120, 60)).save(buffer, fmt)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header announces width x height px: a decompression bomb's shape."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * (1 << 20), 9)  # 1 MB of zeros in ~1 kB: what a bomb is made of
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def send(client, url: str, content: bytes, name: str) -> dict:
    data = {"photos": [(io.BytesIO(content), name)]}
    response = client.post(
        url, data=data, headers={"Accept": "application/json"}, content_type="multipart/form-data"
    )
    return response.get_json()["photos"][0]


def stored_photos(app) -> list[Photo]:
    with app.app_context():
        return list(db.session.scalars(select(Photo)))


@pytest.mark.parametrize(
    "content, name, expected",
    [
        (SCRIPT_HTML, "mur.html", "mur.html : ce n’est pas une image lisible"),
        (SCRIPT_SVG, "mur.svg", "mur.svg : ce n’est pas une image lisible"),
        (SCRIPT_HTML, "mur.jpg", "mur.jpg : ce n’est pas une image lisible"),
        (encoded("PDF"), "scan.jpg", "scan.jpg : ce n’est pas une image lisible"),
        (encoded("GIF"), "anime.jpg", "anime.jpg : ce n’est pas une image lisible"),
        (b"", "vide.jpg", "vide.jpg : fichier vide"),
        (jpeg_bytes()[:1500], "coupee.jpg", "coupee.jpg : image tronquée ou abîmée"),
        (png_claiming(20_000, 20_000), "bombe.png", "bombe.png : image refusée, trop de pixels"),
        (
            png_claiming(200_000, 200_000),
            "bombe2.png",
            "bombe2.png : image refusée, trop de pixels",
        ),
        (
            png_claiming(10_000, 6_000),
            "60mpx.png",
            "60mpx.png : image refusée, trop de pixels (60 Mpx ; au plus 50 Mpx)",
        ),
    ],
)
def test_upload_that_is_not_a_photo_is_refused_and_never_stored(
    ocr_off_app, organiser, content, name, expected
):
    client, _ = organiser
    answer = send(client, "/ateliers/SEC1/photos/", content, name)
    assert answer["status"] == "error" and answer["message"].startswith(expected), answer
    assert "id" not in answer and stored_photos(ocr_off_app) == []
    photos_dir = ocr_off_app.config["PHOTOS_DIR"]
    assert not os.path.isdir(photos_dir) or all(not files for _, _, files in os.walk(photos_dir))


@pytest.mark.parametrize(
    "fmt, name, suffix, mimetype",
    [
        ("JPEG", "mur.html", ".jpg", "image/jpeg"),  # a real photo under a page's name
        ("PNG", "mur.svg", ".png", "image/png"),
        # HEIC carries its metadata in nested boxes: stored re-encoded as JPEG, without it
        ("HEIF", "IMG_0042.HEIC", ".jpg", "image/jpeg"),
    ],
)
def test_photo_is_stored_and_served_by_its_decoded_type_as_a_download(
    ocr_off_app, organiser, fmt, name, suffix, mimetype
):
    client, _ = organiser
    content = jpeg_bytes() if fmt == "JPEG" else encoded(fmt)
    answer = send(client, "/ateliers/SEC1/photos/", content, name)
    photo = stored_photos(ocr_off_app)[0]
    assert photo.stored_name.endswith(suffix) and photo.filename == name
    with client.get(f"/ateliers/SEC1/photos/{answer['id']}/fichier") as response:
        assert response.status_code == 200
        assert response.data == content or fmt == "HEIF"  # no metadata to strip: same bytes
        headers, served = response.headers, response.mimetype
    assert served == mimetype and headers["X-Content-Type-Options"] == "nosniff"
    disposition = headers["Content-Disposition"]
    assert (
        disposition.startswith("attachment;") and f"{name.rsplit('.', 1)[0]}{suffix}" in disposition
    )


def test_file_stored_before_the_check_is_never_served_inline(ocr_off_app, organiser):
    """A page stored by the old code (as .bin) is served as an opaque download."""
    client, workshop_id = organiser
    with ocr_off_app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        folder = os.path.join(ocr_off_app.config["PHOTOS_DIR"], workshop.code)
        os.makedirs(folder)
        with open(os.path.join(folder, "abc.bin"), "wb") as handle:
            handle.write(SCRIPT_HTML)
        photo = Photo(
            workshop=workshop,
            sha256="a" * 64,
            filename="mur.html",
            stored_name="abc.bin",
            status="error",
        )
        db.session.add(photo)
        db.session.commit()
        photo_id = photo.id
    with client.get(f"/ateliers/SEC1/photos/{photo_id}/fichier") as response:
        assert response.mimetype == "application/octet-stream"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def new_link(app, workshop_id: int, label: str) -> str:
    with app.app_context():
        return upload_links.create_link(db.session.get(Workshop, workshop_id), label).secret


def test_volunteer_link_sees_only_its_own_uploads(ocr_off_app, organiser):
    client, workshop_id = organiser
    mine, theirs = new_link(ocr_off_app, workshop_id, "A"), new_link(ocr_off_app, workshop_id, "B")
    own = send(ocr_off_app.test_client(), f"/u/{mine}", jpeg_bytes(grey=190), "moi.jpg")["id"]
    other = send(ocr_off_app.test_client(), f"/u/{theirs}", jpeg_bytes(grey=170), "secret-B.jpg")[
        "id"
    ]
    organisers = send(client, "/ateliers/SEC1/photos/", jpeg_bytes(grey=150), "orga.jpg")["id"]
    volunteer = ocr_off_app.test_client()
    status = volunteer.get(f"/u/{mine}/statut?ids={own},{other},{organisers}").get_json()
    assert [p["id"] for p in status["photos"]] == [own]
    page = volunteer.get(f"/u/{mine}?ids={own},{other},{organisers}").get_data(as_text=True)
    assert "moi.jpg" in page and "secret-B.jpg" not in page and "orga.jpg" not in page


def test_volunteer_resending_someone_elses_photo_learns_nothing_of_it(ocr_off_app, organiser):
    client, _ = organiser
    same = jpeg_bytes(grey=160)
    send(client, "/ateliers/SEC1/photos/", same, "Dupont-Marie-confidentiel.jpg")
    _, workshop_id = organiser
    token = new_link(ocr_off_app, workshop_id, "A")
    answer = send(ocr_off_app.test_client(), f"/u/{token}", same, "mur.jpg")
    assert answer["duplicate"] is True
    assert answer["filename"] == "mur.jpg" and "id" not in answer
    assert "Dupont" not in str(answer)
    page = ocr_off_app.test_client().post(
        f"/u/{token}", data={"photos": [(io.BytesIO(same), "mur2.jpg")]},
        content_type="multipart/form-data", follow_redirects=True,
    ).get_data(as_text=True)
    assert "Dupont" not in page and "mur2.jpg" in page


def test_volunteer_never_reads_raw_exception_text(ocr_off_app, organiser, monkeypatch):
    from kit.services import digitise

    def broken(*args, **kwargs):
        raise RuntimeError(
            "/srv/atelier/instance/photos: psycopg.OperationalError password=hunter2"
        )

    monkeypatch.setattr(digitise, "scan_image", broken)
    _, workshop_id = organiser
    token = new_link(ocr_off_app, workshop_id, "A")
    answer = send(ocr_off_app.test_client(), f"/u/{token}", jpeg_bytes(), "a.jpg")
    status = ocr_off_app.test_client().get(f"/u/{token}/statut?ids={answer['id']}").get_json()
    message = status["photos"][0]["message"]
    assert status["photos"][0]["status"] == "error"
    assert "RuntimeError" not in message and "hunter2" not in message and "/srv" not in message
    assert message.startswith("Cette photo n’a pas pu être lue")


def test_upload_link_secret_is_not_stored_in_clear(ocr_off_app, organiser):
    _, workshop_id = organiser
    token = new_link(ocr_off_app, workshop_id, "A")
    with ocr_off_app.app_context():
        stored = db.session.execute(text("SELECT token FROM upload_links")).scalars().all()
        assert len(stored) == 1 and token not in stored[0] and stored[0] not in token
        assert upload_links.find_link(token).label == "A"
        assert upload_links.find_link(stored[0]) is None  # the stored value opens nothing
        assert db.session.scalars(select(UploadLink)).one().label == "A"
    assert ocr_off_app.test_client().get(f"/u/{token}").status_code == 200


def test_database_file_and_instance_folder_are_private(make_app, tmp_path):
    db_file = tmp_path / "data" / "atelier.sqlite3"
    db_file.parent.mkdir()
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}")
    with app.app_context():
        db.session.execute(text("SELECT 1"))
    assert stat.S_IMODE(db_file.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(os.stat(app.instance_path).st_mode) & 0o077 == 0


def test_oversize_upload_is_refused_with_a_clear_message(make_app):
    """Beyond MAX_CONTENT_LENGTH: 413 and the limit in words, nothing stored."""
    from kit.services.users import create_user
    from kit.services.workshops import create_workshop

    app = make_app(OCR_ENGINE="none", MAX_CONTENT_LENGTH=1024 * 1024)
    with app.app_context():
        user = create_user("orga-gros@example.org", "Orga", "mot-de-passe-test")
        create_workshop({"code": "BIG1", "title": "Gros fichiers"}, created_by=user)
    client = app.test_client()
    client.post("/connexion", data={"email": "orga-gros@example.org",
                                    "password": "mot-de-passe-test"})
    big = jpeg_bytes() + b"\0" * (2 * 1024 * 1024)
    from tests.support import appkit  # the body built in memory (no spooled temporary file)

    response = client.post("/ateliers/BIG1/photos/", headers={"Accept": "application/json"},
                           **appkit.multipart([(big, "a.jpg")]))
    assert response.status_code == 413
    assert response.get_json()["error"] == "Fichier trop gros : au plus 1 Mo par envoi."
    assert stored_photos(app) == []


def test_photos_sent_at_the_same_moment_stay_within_the_link_quota(make_app, monkeypatch):
    """Requests arriving together all pass the quota check before any of them is stored: once
    stored, the photo that the link's earlier ones leave no room for is taken out again (its
    row and its file) and refused with the link's message."""
    from kit.services import photos
    from kit.services.users import create_user
    from kit.services.workshops import create_workshop

    app = make_app(OCR_ENGINE="none", UPLOAD_LINK_MAX_PHOTOS=2, UPLOAD_LINK_MAX_MB=1)
    with app.app_context():
        user = create_user("orga-race@example.org", "Orga", "mot-de-passe-test")
        workshop_id = create_workshop({"code": "QUO2", "title": "Course"}, created_by=user).id
    link = new_link(app, workshop_id, "A")
    volunteer = app.test_client()
    assert "id" in send(volunteer, f"/u/{link}", jpeg_bytes(grey=190), "un.jpg")
    assert "id" in send(volunteer, f"/u/{link}", jpeg_bytes(grey=180), "deux.jpg")
    # this request looked at the link before the two photos above were stored
    monkeypatch.setattr(photos, "check_link_quota", lambda *args: None)
    late = send(volunteer, f"/u/{link}", jpeg_bytes(grey=170), "trois.jpg")
    assert "id" not in late and "ce lien a reçu tout ce qu’il peut recevoir" in late["message"]
    assert sorted(p.filename for p in stored_photos(app)) == ["deux.jpg", "un.jpg"]
    assert len(os.listdir(os.path.join(app.config["PHOTOS_DIR"], "QUO2"))) == 2


def test_a_volunteer_link_stores_no_more_than_its_quota(make_app):
    """Anyone holding a volunteer link can send photos: past UPLOAD_LINK_MAX_PHOTOS (or _MB) a
    new photo is refused with what to do, and nothing of it is stored; a photo already stored
    still answers as such, another link and the organisers' own page still receive."""
    from kit.services.users import create_user
    from kit.services.workshops import create_workshop

    app = make_app(OCR_ENGINE="none", UPLOAD_LINK_MAX_PHOTOS=2, UPLOAD_LINK_MAX_MB=1)
    with app.app_context():
        user = create_user("orga-quota@example.org", "Orga", "mot-de-passe-test")
        workshop_id = create_workshop({"code": "QUO1", "title": "Quota"}, created_by=user).id
    full, other = new_link(app, workshop_id, "A"), new_link(app, workshop_id, "B")
    volunteer = app.test_client()
    first = send(volunteer, f"/u/{full}", jpeg_bytes(grey=190), "un.jpg")
    second = send(volunteer, f"/u/{full}", jpeg_bytes(grey=180), "deux.jpg")
    assert "id" in first and "id" in second
    refused = send(volunteer, f"/u/{full}", jpeg_bytes(grey=170), "trois.jpg")
    assert refused["status"] == "error" and "id" not in refused
    assert refused["message"] == (
        "trois.jpg : ce lien a reçu tout ce qu’il peut recevoir (2 photos ou 1\u00a0Mo). "
        "Demandez un nouveau lien à l’équipe d’organisation pour envoyer la suite.")
    assert sorted(p.filename for p in stored_photos(app)) == ["deux.jpg", "un.jpg"]
    folder = os.path.join(app.config["PHOTOS_DIR"], "QUO1")
    assert len(os.listdir(folder)) == 2
    again = send(volunteer, f"/u/{full}", jpeg_bytes(grey=190), "un-encore.jpg")
    assert again["duplicate"] is True  # already stored: no new bytes, not refused
    # a full link answers before decoding anything: what to do, not what the file is
    junk = send(volunteer, f"/u/{full}", b"\xff\xd8 pas une photo" * 50, "quatre.jpg")
    assert "Demandez un nouveau lien" in junk["message"]
    assert "id" in send(volunteer, f"/u/{other}", jpeg_bytes(grey=170), "trois.jpg")
    # bytes count too: one photo bigger than the link's megabytes is refused
    noisy = np.random.default_rng(7).integers(0, 255, (1000, 1000, 3), np.uint8)
    big = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, 98])[1].tobytes()
    assert len(big) > 1024 * 1024

    def send_big(client, url: str, name: str) -> dict:
        from tests.support import appkit  # the body built in memory (no spooled temporary file)

        return client.post(url, headers={"Accept": "application/json"},
                           **appkit.multipart([(big, name)])).get_json()["photos"][0]

    assert send_big(volunteer, f"/u/{other}", "gros.jpg")["message"] == (  # a photo left to it
        "gros.jpg : cette photo dépasse la place qui reste sur ce lien (1\u00a0Mo en tout). "
        "Demandez un nouveau lien à l’équipe d’organisation pour l’envoyer.")
    client = app.test_client()
    client.post("/connexion", data={"email": "orga-quota@example.org",
                                    "password": "mot-de-passe-test"})
    assert "id" in send_big(client, "/ateliers/QUO1/photos/", "orga.jpg")
    with app.app_context():
        link_id = db.session.scalars(select(UploadLink).where(UploadLink.label == "A")).one().id
    page = client.get(f"/ateliers/QUO1/liens/{link_id}").get_data(as_text=True).replace(
        "\xa0", " ")
    assert "2 photos reçues par ce lien" in page and "au plus 2 photos ou 1 Mo" in page
