"""The live wall's cost per poll: time to answer /ateliers/<CODE>/mur/etat.json (the page asks
every 4 s) and to serve one card image cut to its handwriting, for workshops of 40, 100 and 300
people (8 wall cards each: 2 freins, 2 leviers, 2 ressources, 2 besoins; half of the texts
confirmed, half waiting with their crop). SQLite file database, Flask test client, one process.
Run: `make bench-wall`.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from kit.app import create_app
from kit.extensions import db

SIZES = (40, 100, 300)
CARDS_PER_PERSON = (("frein", 2), ("levier", 2), ("ressource", 2), ("besoin", 2))
REPEATS = 15
PASSWORD = "mot-de-passe-banc"
CROP_PX = (696, 384)  # an 87 x 48 mm text box at the scanner's 8 px/mm


def write_crop(path: Path) -> None:
    image = Image.new("RGB", CROP_PX, (236, 236, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((2, 2, CROP_PX[0] - 3, CROP_PX[1] - 3), outline=(120, 120, 120), width=3)
    draw.text((40, 60), "Pas de bus le dimanche vers les stations", fill=(30, 40, 120))
    image.save(path)


def build(app, people: int) -> tuple[str, str, int]:
    """A workshop with ``people`` x 8 photographed wall cards; (code, e-mail, an image card)."""
    from kit.models import Card, CardReading, FieldValue, Photo, Sighting
    from kit.services.users import create_user
    from kit.services.workshops import create_workshop
    from printables.layout import card_type
    from printables.payload import CardCode, encode

    user = create_user(f"banc{people}@example.org", "Banc", PASSWORD)
    workshop = create_workshop({"code": f"MUR{people}", "title": "Banc", "blank_packs": 0},
                               created_by=user)
    folder = Path(app.config["CROPS_DIR"]) / workshop.code
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / "modele.png"
    write_crop(model)
    photo = Photo(workshop=workshop, sha256="0" * 64, filename="mur.jpg", stored_name="mur.jpg",
                  status="done")
    db.session.add(photo)
    serial, image_card = 0, None
    for person in range(people):
        for type_key, count in CARDS_PER_PERSON:
            for _ in range(count):
                serial += 1
                code = encode(CardCode(workshop.code, serial, card_type(type_key).letter))
                card = Card(workshop=workshop, code=code, serial=serial, type_key=type_key)
                crop = f"{code}-texte.png"
                os.link(model, folder / crop)
                sighting = Sighting(photo=photo, card=card, corners_px=[[0, 0]] * 4,
                                    image_name=crop)
                confirmed = serial % 2 == 0
                db.session.add_all([card, sighting, CardReading(
                    card=card, best_sighting=sighting, cluster=f"1-{person % 12}"),
                    FieldValue(card=card, field_name="texte", kind="text",
                               value="Pas de bus le dimanche", source="human" if confirmed
                               else "ocr", review="confirmed" if confirmed else "pending",
                               crop_name=crop)])
                if type_key == "besoin":
                    db.session.add(FieldValue(card=card, field_name="votes", kind="votes",
                                              value=str(serial % 9), source="votes",
                                              review="auto"))
                if not confirmed:
                    image_card = card
    db.session.commit()
    assert image_card is not None
    return workshop.code, user.email, image_card.id


def timed(client, url: str) -> tuple[float, int]:
    """Median milliseconds over REPEATS requests, and the answer's size in bytes."""
    times, size = [], 0
    for _ in range(REPEATS):
        start = time.perf_counter()
        with client.get(url) as response:
            assert response.status_code == 200, (url, response.status_code)
            size = len(response.data)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


def measure(people: int, folder: Path) -> tuple:
    app = create_app({"SECRET_KEY": "banc", "INSTANCE_PATH": str(folder / f"i{people}"),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / f'mur{people}.sqlite3'}",
                      "WTF_CSRF_ENABLED": False, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                      "RATELIMIT_ENABLED": False, "PUBLIC_URL": "http://localhost"})
    with app.app_context():
        db.create_all()
        code, email, card_id = build(app, people)
    client = app.test_client()
    client.post("/connexion", data={"email": email, "password": PASSWORD})
    state_ms, state_bytes = timed(client, f"/ateliers/{code}/mur/etat.json")
    image_ms, image_bytes = timed(client, f"/ateliers/{code}/mur/cartes/{card_id}/image")
    page_ms, _ = timed(client, f"/ateliers/{code}/mur")
    cards = people * sum(count for _, count in CARDS_PER_PERSON)
    return people, cards, state_ms, state_bytes, page_ms, image_ms, image_bytes


def main() -> None:
    print("| personnes | cartes au mur | etat.json (ms, médiane) | taille (Ko) | page (ms) "
          "| une image recoupée (ms) | taille (Ko) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for people in SIZES:
            people, cards, state_ms, state_b, page_ms, image_ms, image_b = measure(
                people, Path(tmp))
            print(f"| {people} | {cards} | {state_ms:.0f} | {state_b / 1024:.0f} | "
                  f"{page_ms:.0f} | {image_ms:.1f} | {image_b / 1024:.1f} |")


if __name__ == "__main__":
    main()
