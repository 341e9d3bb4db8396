"""Issue 9: a stored original keeps no metadata but its orientation. A phone writes where the
photo was taken (GPS), the device and the time into the file; before, all of it stayed in the
stored original (served to organisers, archived) until the retention purge."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, PngImagePlugin

from kit.extensions import db
from kit.models import Photo, Workshop
from kit.services import upload_links
from kit.services.photos import photo_path
from tests.security.test_uploads_attacks import ocr_off_app, organiser, send  # noqa: F401

GPS_IFD, MAKE, MODEL, ORIENTATION, DATE_TIME = 0x8825, 0x010F, 0x0110, 0x0112, 0x0132


def phone_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[DATE_TIME] = "Fairphone", "FP4", "2026:06:14 10:12:00"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (44.0, 53.0, 51.0), "E", (6.0, 38.0, 37.0)
    return exif


def picture(width: int = 96, height: int = 64) -> Image.Image:
    rng = np.random.default_rng(7)
    return Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8))


def stored_file(app, photo_id: int) -> bytes:
    with app.app_context():
        photo = db.session.get(Photo, photo_id)
        return Path(photo_path(app.config["PHOTOS_DIR"], photo)).read_bytes()


def volunteer_url(app, workshop_id: int) -> str:
    with app.app_context():
        secret = upload_links.create_link(db.session.get(Workshop, workshop_id), "v").secret
    return f"/u/{secret}"


def test_jpeg_is_stored_without_gps_or_device_losslessly_and_upright(ocr_off_app, organiser):
    _, workshop_id = organiser
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", quality=90, exif=phone_exif(6), comment=b"chez moi")
    sent = buffer.getvalue()
    assert b"Fairphone" in sent
    result = send(ocr_off_app.test_client(), volunteer_url(ocr_off_app, workshop_id), sent,
                  "mur.jpg")
    kept = stored_file(ocr_off_app, result["id"])
    assert b"Fairphone" not in kept and b"chez moi" not in kept and b"2026:06:14" not in kept
    with Image.open(io.BytesIO(kept)) as stored, Image.open(io.BytesIO(sent)) as original:
        exif = stored.getexif()
        assert dict(exif) == {ORIENTATION: 6}  # orientation only: still shown upright
        assert exif.get_ifd(GPS_IFD) == {}
        # lossless: the same compressed image, decoded to the same pixels
        assert np.array_equal(np.asarray(stored), np.asarray(original))
    assert kept[kept.index(b"\xff\xda"):] == sent[sent.index(b"\xff\xda"):]


def test_png_is_stored_without_text_or_exif_chunks(ocr_off_app, organiser):
    client, _ = organiser
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "44.8975 N, 6.6436 E")
    buffer = io.BytesIO()
    picture().save(buffer, "PNG", pnginfo=info, exif=phone_exif(1))
    sent = buffer.getvalue()
    result = send(client, "/ateliers/SEC1/photos/", sent, "mur.png")
    kept = stored_file(ocr_off_app, result["id"])
    assert b"44.8975" not in kept and b"Fairphone" not in kept and b"eXIf" not in kept
    with Image.open(io.BytesIO(kept)) as stored, Image.open(io.BytesIO(sent)) as original:
        assert np.array_equal(np.asarray(stored), np.asarray(original))


def test_heic_is_stored_as_an_upright_jpeg_without_metadata(ocr_off_app, organiser):
    from pillow_heif import register_heif_opener

    register_heif_opener()
    client, _ = organiser
    buffer = io.BytesIO()
    picture(96, 64).save(buffer, "HEIF", exif=phone_exif(6))
    sent = buffer.getvalue()
    assert b"Fairphone" in sent
    result = send(client, "/ateliers/SEC1/photos/", sent, "mur.heic")
    kept = stored_file(ocr_off_app, result["id"])
    assert b"Fairphone" not in kept
    with Image.open(io.BytesIO(kept)) as stored, Image.open(io.BytesIO(sent)) as original:
        assert stored.format == "JPEG" and dict(stored.getexif()) == {}
        # upright as the scanner sees the original (orientation applied to the pixels)
        assert stored.size == ImageOps.exif_transpose(original).size


def test_photos_stored_before_are_cleaned_by_a_command(ocr_off_app, organiser, monkeypatch):
    """Originals stored before this change kept their GPS until the purge: one command cleans
    them, keeping their pixels and orientation (and stays a no-op when run again)."""
    from kit.services import photos

    client, _ = organiser
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", quality=90, exif=phone_exif(3))
    sent = buffer.getvalue()
    monkeypatch.setattr(photos, "strip_metadata", lambda data, suffix: (data, suffix))
    result = send(client, "/ateliers/SEC1/photos/", sent, "ancienne.jpg")
    assert stored_file(ocr_off_app, result["id"]) == sent  # stored as before: with its GPS
    monkeypatch.undo()
    runner = ocr_off_app.test_cli_runner()
    output = runner.invoke(args=["strip-photo-metadata"]).output
    assert "1 photo nettoyée de ses métadonnées." in output
    kept = stored_file(ocr_off_app, result["id"])
    assert b"Fairphone" not in kept
    with Image.open(io.BytesIO(kept)) as stored:
        assert dict(stored.getexif()) == {ORIENTATION: 3}
    again = runner.invoke(args=["strip-photo-metadata"]).output
    assert "0 photo nettoyée de ses métadonnées." in again
