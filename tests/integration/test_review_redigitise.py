"""A human decision survives a re-digitisation of the same photo (the real scanner and queue)."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, Participant, Photo, Workshop

RENDER_PX_PER_MM = 5.0  # a flat "scan" of the printed page: QR modules of 7.5 px


@pytest.fixture
def app(make_app):
    return make_app(OCR_ENGINE="none")  # no OCR proposals: the printed values are enough


def page_photo(app, workshop, pdf_name: str) -> bytes:
    """The first page of one of the kit's PDFs as a PNG, the way a flat scan would be."""
    from pathlib import Path

    import cv2

    from tests.support.pdf import render_pdf_pages

    pdf = Path(app.config["KIT_DIR"]) / workshop.code / pdf_name
    (page,) = render_pdf_pages(pdf.read_bytes(), RENDER_PX_PER_MM, pages=range(1))
    ok, data = cv2.imencode(".png", page)
    assert ok
    return data.tobytes()


def identity_values(app, person) -> dict[str, FieldValue]:
    with app.app_context():
        card = db.session.scalars(select(Card).where(Card.participant_id == person.id,
                                                     Card.type_key == "identite")).one()
        values = db.session.scalars(select(FieldValue).where(FieldValue.card_id == card.id))
        found = {fv.field_name: fv for fv in values}
        db.session.expunge_all()
        return found


def test_review_human_decisions_survive_a_redigitisation(app, client, login, make_workshop,
                                                         make_participant):
    from kit.services import kits

    login()
    workshop = make_workshop(blank_packs=0, group_sheets=1)
    person = make_participant(workshop, first_name="Sophie", last_name="Chaix",
                              commune="Briançon", consent="participants")
    with app.app_context():
        kits.generate_kit(db.session.get(Workshop, workshop.id), app.config["KIT_DIR"])
    photo = page_photo(app, workshop, "identite.pdf")
    client.post(f"/ateliers/{workshop.code}/photos/", content_type="multipart/form-data",
                data={"photos": (io.BytesIO(photo), "cartes-identite.png")})
    before = identity_values(app, person)
    assert before["commune"].value == "Briançon" and before["newsletter"].value == "0"

    base = f"/ateliers/{workshop.code}/verification"
    client.post(f"{base}/champs/{before['commune'].id}", data={"action": "save",
                                                               "value": "Névache"})
    client.post(f"{base}/cases/{before['newsletter'].id}", data={"mark": "flip"})
    with app.app_context():  # a machine-owned value, spoiled: the re-scan must write it again
        db.session.get(FieldValue, before["role"].id).value = "abîmé"
        db.session.commit()
        photo_id = db.session.scalars(select(Photo.id)).one()

    client.post(f"/ateliers/{workshop.code}/photos/{photo_id}/relancer")
    after = identity_values(app, person)
    assert (after["commune"].value, after["commune"].review, after["commune"].source) == (
        "Névache", "corrected", "human")
    assert (after["newsletter"].value, after["newsletter"].review) == ("1", "corrected")
    assert after["role"].value == before["role"].value != "abîmé"
    with app.app_context():
        assert db.session.get(Photo, photo_id).status == "done"
        sophie = db.session.get(Participant, person.id)
        assert (sophie.commune, sophie.newsletter) == ("Névache", True)
