"""On PostgreSQL: online registration with its waiting list (issue 5), and a digitised card
whose human corrections survive a machine re-reading and reach the participant."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, Participant, Photo, Workshop
from tests.support.registrations import (  # noqa: F401 (fixtures)
    open_workshop,
    register,
    registrations_of,
)

pytestmark = pytest.mark.postgres

RENDER_PX_PER_MM = 5.0  # a flat "scan" of the printed page: QR modules of 7.5 px
DISPLAY_ZONE = "Europe/Paris"  # BABEL_DEFAULT_TIMEZONE: what organisers read


def exported_rows(client, workshop) -> dict[str, dict[str, str]]:
    data = client.get(f"/ateliers/{workshop.code}/inscriptions/inscriptions.csv").get_data()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    return {row[3]: dict(zip(rows[0], row)) for row in rows[1:]}


def test_registration_waiting_list_promotion_and_times(app, client, login, open_workshop,
                                                       register):
    from zoneinfo import ZoneInfo

    workshop = open_workshop(capacity=1)
    first = register(workshop, email="a@example.org", first_name="Alix")
    register(workshop, email="b@example.org", first_name="Basile")
    register(workshop, email="c@example.org", first_name="Chloé")
    client.post(first + "annuler")
    statuses = [(r.first_name, r.status) for r in registrations_of(app, workshop)]
    assert statuses == [("Alix", "cancelled"), ("Basile", "confirmed"), ("Chloé", "waiting")]
    with app.app_context():
        people = db.session.scalars(select(Participant).where(
            Participant.workshop_id == workshop.id)).all()
        assert [(p.full_name, p.origin, p.newsletter) for p in people] == [
            ("Basile Arnaud", "preregistered", True)]
    created = registrations_of(app, workshop)[0].created_at
    now = dt.datetime.now(dt.UTC)
    assert abs(now - created) < dt.timedelta(minutes=1)  # right whatever the server's zone
    login()
    shown = exported_rows(client, workshop)["Alix"]["inscrit·e le"]
    local = dt.datetime.strptime(shown, "%d/%m/%Y %H:%M").replace(tzinfo=ZoneInfo(DISPLAY_ZONE))
    assert abs(now - local) < dt.timedelta(minutes=2)  # in French time, as on SQLite


def identity_values(app, person) -> dict[str, FieldValue]:
    with app.app_context():
        card = db.session.scalars(select(Card).where(Card.participant_id == person.id,
                                                     Card.type_key == "identite")).one()
        found = {fv.field_name: fv for fv in db.session.scalars(
            select(FieldValue).where(FieldValue.card_id == card.id))}
        db.session.expunge_all()
        return found


def printed_identity_page(app, workshop) -> bytes:
    """The kit's identity cards, printed then "scanned" flat: page 1 as a PNG."""
    import cv2

    from kit.services import kits
    from tests.support.pdf import render_pdf_pages

    with app.app_context():
        kits.generate_kit(db.session.get(Workshop, workshop.id), app.config["KIT_DIR"])
    pdf = Path(app.config["KIT_DIR"]) / workshop.code / "identite.pdf"
    (page,) = render_pdf_pages(pdf.read_bytes(), RENDER_PX_PER_MM, pages=range(1))
    ok, png = cv2.imencode(".png", page)
    assert ok
    return png.tobytes()


def test_human_corrections_survive_redigitisation_and_reach_participant(
        app, client, login, make_workshop, make_participant):
    login()
    workshop = make_workshop(blank_packs=0, group_sheets=1)
    person = make_participant(workshop, first_name="Sophie", last_name="Chaix",
                              commune="Briançon", consent="participants")
    client.post(f"/ateliers/{workshop.code}/photos/", content_type="multipart/form-data",
                data={"photos": (io.BytesIO(printed_identity_page(app, workshop)), "cartes.png")})
    before = identity_values(app, person)
    assert (before["commune"].value, before["commune"].source) == ("Briançon", "printed")
    review = f"/ateliers/{workshop.code}/verification"
    client.post(f"{review}/champs/{before['commune'].id}", data={"action": "save",
                                                                 "value": "Névache"})
    client.post(f"{review}/cases/{before['newsletter'].id}", data={"mark": "flip"})
    with app.app_context():  # a machine-owned value, spoiled: the re-reading writes it again
        db.session.get(FieldValue, before["role"].id).value = "abîmé"
        db.session.commit()
        photo_id = db.session.scalars(select(Photo.id)).one()
    client.post(f"/ateliers/{workshop.code}/photos/{photo_id}/relancer")
    after = identity_values(app, person)
    assert (after["commune"].value, after["commune"].source, after["commune"].review) == (
        "Névache", "human", "corrected")
    assert (after["newsletter"].value, after["role"].value) == ("1", before["role"].value)
    with app.app_context():
        photo = db.session.get(Photo, photo_id)
        assert photo.status == "done" and photo.reading["cards"]  # the JSON reading kept
        sophie = db.session.get(Participant, person.id)
        assert (sophie.commune, sophie.newsletter) == ("Névache", True)
        card_id = db.session.get(FieldValue, before["commune"].id).card_id
    organiser_pages_show(client, workshop, card_id)


def organiser_pages_show(client, workshop, card_id: int) -> None:
    """Every organiser page over the digitised data answers on PostgreSQL (grouped counts,
    queue order, case-insensitive searches, the JSON export)."""
    base = f"/ateliers/{workshop.code}"
    pages = {"/ateliers/": "Mobilité douce", f"{base}/participants/?q=CHAIX": "Sophie",
             f"{base}/verification/": "%", f"{base}/verification/champs": "",
             f"{base}/verification/cases": "", f"{base}/verification/cartes/{card_id}": "Névache",
             f"{base}/resultats/carnet?q=NéVACHE": "Sophie", f"{base}/resultats/etat-des-lieux": "",
             f"{base}/resultats/graines": "", f"{base}/resultats/etat-des-lieux.json": ""}
    for path, expected in pages.items():
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        assert expected in response.get_data(as_text=True), path


def test_correction_longer_than_participant_column_is_kept_and_cut_for_participant(
        app, client, login, make_workshop, make_participant):
    """The value keeps what the reviewer typed; the participant gets what its column holds."""
    from kit.services.kits import ensure_cards

    login()
    workshop = make_workshop(blank_packs=0, group_sheets=1)
    person = make_participant(workshop, first_name="Sophie", last_name="Chaix")
    with app.app_context():
        ensure_cards(db.session.get(Workshop, workshop.id))
        card = db.session.scalars(select(Card).where(Card.participant_id == person.id,
                                                     Card.type_key == "identite")).one()
        value = FieldValue(card=card, field_name="commune", kind="text", source="ocr",
                           proposal="Nevache", review="pending")
        db.session.add(value)
        db.session.commit()
        value_id = value.id
    typed = "Névache, hameau de Plampinet, " * 5  # 150 characters; the column holds 100
    response = client.post(f"/ateliers/{workshop.code}/verification/champs/{value_id}",
                           data={"action": "save", "value": typed})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(FieldValue, value_id).value == typed.strip()
        assert db.session.get(Participant, person.id).commune == typed.strip()[:100]
