"""apply_card: trusted field values of identity and contact cards reach the participants."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, Participant, Workshop
from kit.services.apply import apply_card
from kit.services.kits import ensure_cards
from printables.layout import card_type


@pytest.fixture
def carded_workshop(app, make_workshop, make_participant):
    """Factory: a workshop with ``people`` pre-registered participants and its cards allocated."""
    def factory(people: int = 1, blank_packs: int = 1):
        workshop = make_workshop(blank_packs=blank_packs)
        for _ in range(people):
            make_participant(workshop, structure="Mairie de Névache", commune="Névache")
        with app.app_context():
            ensure_cards(db.session.get(Workshop, workshop.id))
        return workshop
    return factory


def find_card(workshop, type_key: str, number: int | None) -> Card:
    return db.session.scalars(select(Card).where(
        Card.workshop_id == workshop.id, Card.type_key == type_key,
        Card.participant_number == number)).first()


def set_values(card: Card, review: str = "auto", **values: str) -> None:
    """Store field values as digitisation or review would (checkbox values "1"/"0")."""
    spec = card_type(card.type_key)
    for name, value in values.items():
        fv = db.session.scalars(select(FieldValue).where(
            FieldValue.card_id == card.id, FieldValue.field_name == name)).first()
        if fv is None:
            fv = FieldValue(card=card, field_name=name, kind=spec.field(name).kind, source="ocr")
            db.session.add(fv)
        fv.value, fv.review = value, review
    db.session.commit()


def unchecked(group: str, **checked: str) -> dict[str, str]:
    names = [f.name for f in card_type("identite").fields if f.group == group]
    return {name: checked.get(name, "0") for name in names}


def test_apply_identity_updates_preregistered_participant(app, carded_workshop):
    workshop = carded_workshop(people=1)
    with app.app_context():
        card = find_card(workshop, "identite", 1)
        set_values(card, nom="Éloïse Garnier", commune="Embrun", telephone="06 12 34 56 78",
                   email="E.Garnier@Briancon.fr", newsletter="1", journal="0",
                   **unchecked("territoire", territoire_ecrins="1"),
                   **unchecked("acteur", acteur_association="1"))
        apply_card(card)
        person = db.session.get(Participant, card.participant_id)
        assert (person.first_name, person.last_name) == ("Éloïse", "Garnier")
        assert (person.commune, person.phone, person.email) == ("Embrun", "06 12 34 56 78",
                                                                 "e.garnier@briancon.fr")
        assert (person.territory, person.actor_type) == ("ecrins", "association")
        assert (person.newsletter, person.journal_volunteer) == (True, False)
        assert person.origin == "preregistered"


def test_apply_identity_ignores_pending_values(app, carded_workshop):
    workshop = carded_workshop(people=1)
    with app.app_context():
        card = find_card(workshop, "identite", 1)
        before = db.session.get(Participant, card.participant_id).structure
        set_values(card, review="pending", structure="Garage solidaire", commune="Gap")
        apply_card(card)
        person = db.session.get(Participant, card.participant_id)
        assert (person.structure, person.commune) == (before, "Névache")


def test_apply_identity_skips_group_with_unsure_box(app, carded_workshop):
    workshop = carded_workshop(people=1)
    with app.app_context():
        card = find_card(workshop, "identite", 1)
        boxes = unchecked("territoire", territoire_hors="1")
        del boxes["territoire_ecrins"]  # still pending: no trusted value
        set_values(card, **boxes)
        set_values(card, review="pending", territoire_ecrins="1")
        apply_card(card)
        assert db.session.get(Participant, card.participant_id).territory is None


def test_apply_identity_several_consents_mean_the_most_restrictive(app, carded_workshop):
    workshop = carded_workshop(people=1)
    with app.app_context():
        card = find_card(workshop, "identite", 1)
        set_values(card, **unchecked("consentement", consentement_participants="1",
                                     consentement_public="1"))
        apply_card(card)
        assert db.session.get(Participant, card.participant_id).consent == "aucun"


def test_apply_identity_never_overwrites_a_human_edit(app, carded_workshop):
    workshop = carded_workshop(people=1)
    with app.app_context():
        card = find_card(workshop, "identite", 1)
        set_values(card, structure="Garage solidaire", commune="Embrun")
        apply_card(card)
        person = db.session.get(Participant, card.participant_id)
        person.structure = "Garage solidaire d'Embrun"  # the organiser fixes it by hand
        db.session.commit()
        set_values(card, review="corrected", structure="Garage solitaire", commune="Gap")
        apply_card(card)
        person = db.session.get(Participant, card.participant_id)
        assert (person.structure, person.commune) == ("Garage solidaire d'Embrun", "Gap")


def test_apply_identity_of_blank_pack_creates_walk_in_and_links_pack(app, carded_workshop):
    workshop = carded_workshop(people=1, blank_packs=1)
    with app.app_context():
        card = find_card(workshop, "identite", 2)
        assert card.participant_id is None
        set_values(card, nom="Loïc Faure", structure="Office de tourisme")
        apply_card(card)
        person = db.session.scalars(select(Participant).where(
            Participant.workshop_id == workshop.id, Participant.number == 2)).one()
        assert (person.origin, person.full_name, person.structure) == (
            "walk_in", "Loïc Faure", "Office de tourisme")
        pack = db.session.scalars(select(Card).where(Card.workshop_id == workshop.id,
                                                     Card.participant_number == 2)).all()
        assert {c.participant_id for c in pack} == {person.id}
        apply_card(card)  # applying again creates nobody new
        everyone = db.session.scalars(select(Participant).where(
            Participant.workshop_id == workshop.id)).all()
        assert len(everyone) == 2


def test_apply_identity_of_blank_pack_without_trusted_name_creates_nobody(app, carded_workshop):
    workshop = carded_workshop(people=0, blank_packs=1)
    with app.app_context():
        card = find_card(workshop, "identite", 1)
        set_values(card, review="pending", nom="Loïc Faure")
        set_values(card, commune="Embrun")
        apply_card(card)
        assert db.session.scalars(select(Participant)).all() == []


def test_apply_contact_creates_useful_contact_not_touching_pack_owner(app, carded_workshop):
    workshop = carded_workshop(people=1)
    with app.app_context():
        card = find_card(workshop, "contact", 1)
        owner_id = card.participant_id
        set_values(card, nom="Cécile Roux", structure="Café associatif",
                   coordonnees="cecile.roux@gmail.com", pourquoi="Peut prêter une salle")
        apply_card(card)
        reading = db.session.scalars(
            select(CardReading).where(CardReading.card_id == card.id)
        ).one()
        contact = reading.participant
        assert (contact.origin, contact.number, contact.full_name) == ("useful_contact", None,
                                                                       "Cécile Roux")
        assert (contact.structure, contact.email) == ("Café associatif", "cecile.roux@gmail.com")
        assert db.session.get(Card, card.id).participant_id == owner_id
        set_values(card, review="corrected", coordonnees="04 92 21 08 15")
        apply_card(card)
        assert db.session.get(Participant, contact.id).phone == "04 92 21 08 15"
        assert db.session.scalars(select(Participant).where(
            Participant.origin == "useful_contact")).all() == [contact]


def test_apply_identity_skips_email_already_used_in_workshop(
    app, carded_workshop, make_participant
):
    workshop = carded_workshop(people=1, blank_packs=1)
    other = make_participant(workshop, email="pris@example.org")
    with app.app_context():
        card = find_card(workshop, "identite", 2)
        set_values(card, nom="Noël Para", email="pris@example.org")
        apply_card(card)
        walk_in = db.session.get(Card, card.id).participant
        assert walk_in.full_name == "Noël Para" and walk_in.email is None
        assert db.session.get(Participant, other.id).email == "pris@example.org"
