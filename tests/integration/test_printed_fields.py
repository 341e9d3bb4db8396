"""Printed values are proposals (issue 14 point 3): a field the kit printed is accepted when
the photo shows it untouched; a handwritten change goes to review beside the printed value."""
from __future__ import annotations

import numpy as np
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, Registration
from kit.services import digitise, fieldhelp, ocr

CROP = np.full((80, 400), 255, dtype=np.uint8)


def write_structure(app, monkeypatch, card, reading: str) -> FieldValue:
    """Digitisation's text rule on the card's "structure" box, the OCR reading ``reading``."""
    monkeypatch.setattr(ocr, "read_field", lambda crop, px, engine: ocr.OcrResult(reading, 0.8))
    with app.app_context():
        live = db.session.get(Card, card.id)
        fv = digitise.fetch_value(live, "structure", "text")
        printed = digitise.printed_values(live).get("structure")
        digitise.write_text(fv, True, CROP, printed, fieldhelp.Known(
            structures=("Mairie de Névache", "Office de tourisme")), "rapidocr")
        db.session.commit()
        return db.session.get(FieldValue, fv.id)


def test_untouched_printed_value_is_accepted(app, monkeypatch, make_workshop, make_participant,
                                             make_card):
    workshop = make_workshop()
    person = make_participant(workshop, number=1, structure="Mairie de Névache")
    card = make_card(workshop, "identite", participant=person)
    fv = write_structure(app, monkeypatch, card, "Mairie de Nevache")
    assert (fv.value, fv.source, fv.review) == ("Mairie de Névache", "printed", "auto")


def test_handwritten_change_on_a_printed_value_goes_to_review(app, monkeypatch, make_workshop,
                                                              make_participant, make_card):
    workshop = make_workshop()
    person = make_participant(workshop, number=1, structure="Mairie de Névache")
    card = make_card(workshop, "identite", participant=person)
    # the reading snaps to another known structure: still no rule may replace the printed one
    fv = write_structure(app, monkeypatch, card, "Office de tourisme")
    assert (fv.value, fv.review, fv.proposal) == (None, "pending", "Office de tourisme")


def test_registration_texts_printed_on_the_card_are_printed_values(app, make_workshop,
                                                                   make_participant, make_card):
    workshop = make_workshop()
    person = make_participant(workshop, number=1)
    with app.app_context():
        db.session.add(Registration(workshop_id=workshop.id, participant_id=person.id,
                                    token="r" * 40, email=person.email,
                                    what_i_do="Maraîchère à Névache"))
        db.session.commit()
    card = make_card(workshop, "identite", participant=person)
    with app.app_context():
        printed = digitise.printed_values(db.session.get(Card, card.id))
        assert printed["fais"] == "Maraîchère à Névache"


def test_review_of_a_printed_field_shows_both_and_keeps_the_printed_one(
        app, client, login, monkeypatch, make_workshop, make_participant, make_card):
    login()
    workshop = make_workshop()
    person = make_participant(workshop, number=1, structure="Mairie de Névache")
    card = make_card(workshop, "identite", participant=person)
    fv = write_structure(app, monkeypatch, card, "Mairie de Briançon")
    url = f"/ateliers/{workshop.code}/verification/champs/{fv.id}"
    html = client.get(url).get_data(as_text=True)
    assert "Imprimé sur la carte" in html and "« Mairie de Névache »" in html
    assert "« Mairie de Briançon »" in html and 'value="printed"' in html
    client.post(url, data={"action": "printed", "value": "Mairie de Briançon"})
    with app.app_context():
        kept = db.session.scalars(select(FieldValue).where(FieldValue.id == fv.id)).one()
        assert (kept.value, kept.source) == ("Mairie de Névache", "human")
