"""The whole loop: the app's kit -> synthetic photo (the generator) -> upload through the test
client -> queue (immediate) -> review decisions through the review service -> participants and
field values hold what the people wrote. OCR off: the reviewer types every handwritten field."""
from __future__ import annotations

from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, Participant, User, Workshop
from kit.services import review
from tests.conftest import TEST_PASSWORD
from tests.support import appkit
from tests.support.filling import FillPlan
from tests.support.shots import closeup_photo

WALK_IN = {"nom": "Loïc Faure", "commune": "Embrun", "structure": "Office de tourisme"}
CONTACT = {"nom": "Cécile Roux", "structure": "Café associatif", "coordonnees": "04 92 21 08 15"}
WALK_IN_CHECKS = {"territoire_ecrins": "tick", "acteur_entreprise": "cross",
                  "consentement_participants": "tick", "journal": "cross"}


def loop_photo(printed):
    cards = [appkit.with_text(appkit.find(printed, "identite", 2), WALK_IN, seed=1),
             appkit.with_text(appkit.find(printed, "contact", 1), CONTACT, seed=2),
             appkit.find(printed, "besoin", 1)]
    plans = {"identite": FillPlan(checks=WALK_IN_CHECKS),
             "besoin": FillPlan(checks={"travailler": "tick"}, votes={"votes": 4})}
    return closeup_photo(cards, ("identite", "contact", "besoin"), "mild", seed=21, plans=plans)


def typed_truth(card: Card) -> dict[str, str]:
    return {"identite": WALK_IN, "contact": CONTACT}.get(card.type_key, {})


def review_everything(user: User, truth: dict) -> int:
    """Decide every pending value as an organiser would: type the text, settle boxes and votes."""
    decided = 0
    for value in db.session.scalars(select(FieldValue).where(FieldValue.review == "pending")).all():
        card_truth = truth[value.card.code]
        if value.kind == "checkbox":
            review.set_mark(value, user, card_truth.checkboxes[value.field_name])
        elif value.kind == "votes":
            review.submit_typed(value, user, str(card_truth.votes[value.field_name]))
        else:
            review.submit_typed(value, user, typed_truth(value.card).get(value.field_name, ""))
        decided += 1
    return decided


def test_loop_kit_photo_upload_review_fills_participants(make_app):
    app = make_app(OCR_ENGINE="none")
    with app.app_context():
        from kit.services.users import create_user
        owner = create_user("orga-boucle@example.org", "Orga", TEST_PASSWORD)
        email = owner.email
        workshop = appkit.setup_workshop("BOUCLE", people=1, blank_packs=1, owner=owner)
        workshop_id, printed = workshop.id, appkit.printed_cards(workshop)
    photo = loop_photo(printed)
    client = app.test_client()
    client.post("/connexion", data={"email": email, "password": TEST_PASSWORD})
    answer = client.post("/ateliers/BOUCLE/photos/", headers={"Accept": "application/json"},
                         **appkit.multipart([(photo.jpeg, "table.jpg")])).get_json()["photos"][0]
    assert (answer["status"], answer["cards"]) == ("done", 3)
    with app.app_context():
        assert (
            db.session.scalars(select(Participant).where(Participant.number == 2)).first() is None
        )
        user = db.session.scalars(select(User)).one()
        assert review_everything(user, photo.truth.cards) >= len(WALK_IN) + len(CONTACT)
        walk_in = db.session.scalars(select(Participant).where(Participant.number == 2)).one()
        assert (walk_in.origin, walk_in.full_name, walk_in.commune, walk_in.structure) == (
            "walk_in", "Loïc Faure", "Embrun", "Office de tourisme")
        assert (
            walk_in.territory,
            walk_in.actor_type,
            walk_in.consent,
            walk_in.journal_volunteer,
        ) == ("ecrins", "entreprise", "participants", True)
        contact_card = db.session.scalars(select(Card).where(Card.workshop_id == workshop_id,
                                                             Card.type_key == "contact")).first()
        contact = db.session.scalars(select(CardReading).where(
            CardReading.card_id == contact_card.id)).one().participant
        assert (contact.origin, contact.full_name, contact.structure, contact.phone) == (
            "useful_contact", "Cécile Roux", "Café associatif", "04 92 21 08 15")
        need = db.session.scalars(select(Card).where(Card.workshop_id == workshop_id,
                                                     Card.type_key == "besoin")).first()
        values = {v.field_name: v for v in db.session.scalars(
            select(FieldValue).where(FieldValue.card_id == need.id))}
        assert (values["votes"].value, values["travailler"].value) == ("4", "1")
        assert review.pending_queue(db.session.get(Workshop, workshop_id)) == []
