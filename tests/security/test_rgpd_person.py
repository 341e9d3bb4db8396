"""Issue 9, point 6: one person's data exported (JSON + vCard) and erased, from the organisers'
participant page and from the person's own link; an erased value never comes back."""
from __future__ import annotations

import json
import re
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, Participant, Photo, Registration
from tests.security.test_concurrency_human_decisions import digitised_workshop
from tests.support.registrations import open_workshop, register  # noqa: F401 (fixtures)


def identity_card(app, person_id: int) -> tuple[list[FieldValue], list[Path]]:
    with app.app_context():
        card = db.session.scalars(select(Card).where(Card.participant_id == person_id,
                                                     Card.type_key == "identite")).one()
        values = list(db.session.scalars(select(FieldValue).where(FieldValue.card_id == card.id)))
        folder = Path(app.config["CROPS_DIR"]) / card.workshop.code / card.code
        db.session.expunge_all()
    return values, sorted(p for p in folder.rglob("*") if p.suffix == ".png")


def pixel_spread(path: Path) -> int:
    with Image.open(path) as image:
        low, high = image.convert("L").getextrema()
    return high - low


def sophie(app) -> int:
    with app.app_context():
        return db.session.scalars(select(Participant.id).where(
            Participant.first_name == "Sophie")).one()


def test_organiser_exports_one_person_as_json_and_vcard(make_app):
    app = make_app(OCR_ENGINE="none")
    client, _, _ = digitised_workshop(app, "RGPD1")
    pid = sophie(app)
    response = client.get(f"/ateliers/RGPD1/participants/{pid}/donnees.json")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.get_data(as_text=True))
    assert (data["participant"]["first_name"], data["participant"]["commune"]) == (
        "Sophie", "Briançon")
    assert any(v["champ"] == "commune" and v["valeur"] == "Briançon"
               for v in data["valeurs_lues"])
    vcard = client.get(f"/ateliers/RGPD1/participants/{pid}/donnees.vcf").get_data(as_text=True)
    assert vcard.startswith("BEGIN:VCARD\r\n") and "FN:Sophie Chaix\r\n" in vcard


def test_organiser_erases_a_person_and_a_rescan_does_not_bring_it_back(make_app):
    app = make_app(OCR_ENGINE="none")
    client, commune_id, photo_id = digitised_workshop(app, "RGPD2")
    pid = sophie(app)
    _, crops = identity_card(app, pid)
    assert crops and max(pixel_spread(path) for path in crops) > 100  # ink on paper
    page = client.get(f"/ateliers/RGPD2/participants/{pid}/effacer").get_data(as_text=True)
    assert "Oui, effacer définitivement" in page
    response = client.post(f"/ateliers/RGPD2/participants/{pid}/effacer", follow_redirects=True)
    assert "Données effacées" in response.get_data(as_text=True)
    client.post(f"/ateliers/RGPD2/photos/{photo_id}/relancer")  # the photo still shows the card
    values, crops = identity_card(app, pid)
    commune = next(v for v in values if v.id == commune_id)
    assert (commune.value, commune.source) == ("effacé", "human")
    assert all(v.value in ("effacé", None) for v in values if v.kind != "checkbox")
    assert all(v.value == "0" for v in values if v.kind == "checkbox")
    assert all(pixel_spread(path) < 255 - 60 for path in crops)  # grey "effacé" only
    with app.app_context():
        person = db.session.get(Participant, pid)
        assert (person.first_name, person.last_name, person.commune, person.email,
                person.consent) == ("effacé", "", "", None, "aucun")
        assert db.session.get(Photo, photo_id).status == "done"
    book = client.get("/ateliers/RGPD2/resultats/carnet").get_data(as_text=True)
    assert "Sophie" not in book and "Chaix" not in book
    assert re.search("Briançon(?!nais)", book) is None  # the territory's name stays


def test_person_exports_and_erases_through_their_own_link(app, client, open_workshop, register):
    workshop = open_workshop()
    location = register(workshop, email="camille@example.org")
    client.post(location + "questionnaire", data={"freins-0": "Pas de bus le dimanche"})
    token = location.rstrip("/").rsplit("/", 1)[1]
    data = client.get(f"/mon-inscription/{token}/donnees.json").get_json(force=True)
    assert data["inscription"]["email"] == "camille@example.org"
    assert data["participant"]["last_name"] == "Arnaud"
    vcard = client.get(f"/mon-inscription/{token}/donnees.vcf").get_data(as_text=True)
    assert "EMAIL;TYPE=work:camille@example.org" in vcard
    page = client.post(f"/mon-inscription/{token}/effacer").get_data(as_text=True)
    assert "Vos données sont effacées" in page
    assert client.get(f"/mon-inscription/{token}/").status_code == 404  # the link is dead
    with app.app_context():
        registration = db.session.scalars(select(Registration)).one()
        assert registration.email != "camille@example.org" and registration.answers == []
        assert (registration.status, registration.first_name, registration.phone) == (
            "cancelled", "effacé", "")
        stored = [(p.first_name, p.email) for p in db.session.scalars(select(Participant))]
        assert ("Camille", "camille@example.org") not in stored


def test_unknown_personal_link_gets_nothing(client):
    assert client.get("/mon-inscription/pas-un-jeton/donnees.json").status_code == 404
    assert client.post("/mon-inscription/pas-un-jeton/effacer").status_code == 404


def test_deleting_a_participant_then_rescanning_never_recreates_a_walk_in(make_app):
    """Issue 14: "supprimer" and the RGPD "effacer" are one action. Before, deleting removed
    the row, and the next reading of the person's identity card silently recreated them as a
    walk-in with their name, commune and consent."""
    app = make_app(OCR_ENGINE="none")
    client, _, photo_id = digitised_workshop(app, "RGPD3")
    pid = sophie(app)
    edit = client.get(f"/ateliers/RGPD3/participants/{pid}/modifier").get_data(as_text=True)
    assert f'href="/ateliers/RGPD3/participants/{pid}/effacer"' in edit
    client.post(f"/ateliers/RGPD3/participants/{pid}/effacer")
    client.post(f"/ateliers/RGPD3/photos/{photo_id}/relancer")  # the photo still shows the card
    with app.app_context():
        people = db.session.scalars(select(Participant)).all()
        assert [(p.id, p.first_name, p.origin) for p in people] == [
            (pid, "effacé", "preregistered")]
    listing = client.get("/ateliers/RGPD3/participants/").get_data(as_text=True)
    assert "Sophie" not in listing and "Chaix" not in listing
