"""Readings never overwrite what a person said (issue 14 point 5, issue 8 point 6): ticks
against online answers, contradictory ticks, consents that wait for a human."""
from __future__ import annotations

from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue, Participant, Registration, User
from kit.services import results, review, ticks
from kit.services.apply import apply_card
from printables.layout import card_type

IDENTITY = card_type("identite")


def group_names(group: str) -> list[str]:
    return [f.name for f in IDENTITY.fields if f.group == group]


def read_card(app, card, **ticked: str) -> dict[str, str]:
    """Digitisation's confident readings of every checkbox of ``card`` ("1" for ``ticked``,
    "0" elsewhere), then the rules of kit.services.ticks and the push into the participant.
    Returns field name -> review state."""
    with app.app_context():
        live = db.session.get(Card, card.id)
        values = {}
        for f in IDENTITY.fields:
            if f.kind != "checkbox":
                continue
            mark = ticked.get(f.name, "0")
            values[f.name] = FieldValue(card=live, field_name=f.name, kind="checkbox",
                                        value=mark, proposal=mark, source="checkbox",
                                        confidence=0.97, review="auto")
            db.session.add(values[f.name])
        ticks.settle_identity_ticks(live, values)
        db.session.commit()
        apply_card(live)
        return {name: value.review for name, value in values.items()}


def person_of(card) -> Participant:
    return db.session.get(Participant, card.participant_id)


def decide(app, card, field_name: str, checked: bool, user) -> None:
    with app.app_context():
        value = db.session.scalars(select(FieldValue).where(
            FieldValue.card_id == card.id, FieldValue.field_name == field_name)).one()
        review.set_mark(value, db.session.get(User, user.id), checked)


def test_tick_against_the_online_answer_waits_for_a_human_then_applies(app, make_workshop,
                                                                        make_participant,
                                                                        make_card, make_user):
    workshop = make_workshop()
    person = make_participant(workshop, number=1, territory="brianconnais")
    card = make_card(workshop, "identite", participant=person)
    states = read_card(app, card, territoire_ecrins="1")
    assert states["territoire_ecrins"] == states["territoire_brianconnais"] == "pending"
    assert states["territoire_hors"] == "auto"  # agrees with the online answer: nothing to ask
    with app.app_context():
        assert person_of(card).territory == "brianconnais"  # the person's own answer stays
    user = make_user()
    decide(app, card, "territoire_ecrins", True, user)
    with app.app_context():
        assert person_of(card).territory == "brianconnais"  # half the disagreement decided
    decide(app, card, "territoire_brianconnais", False, user)
    with app.app_context():
        assert person_of(card).territory == "ecrins"


def test_ticks_agreeing_with_the_online_answer_are_accepted(app, make_workshop,
                                                           make_participant, make_card):
    workshop = make_workshop()
    person = make_participant(workshop, number=1, territory="ecrins", actor_type="association")
    card = make_card(workshop, "identite", participant=person)
    states = read_card(app, card, territoire_ecrins="1", acteur_association="1")
    assert {states[n] for n in group_names("territoire") + group_names("acteur")} == {"auto"}


def test_a_group_left_empty_keeps_the_online_answer_without_review(app, make_workshop,
                                                                   make_participant, make_card):
    workshop = make_workshop()
    person = make_participant(workshop, number=1, territory="ecrins", consent="public",
                              newsletter=True)
    card = make_card(workshop, "identite", participant=person)
    states = read_card(app, card)
    assert set(states.values()) == {"auto"}
    with app.app_context():
        kept = person_of(card)
        assert (kept.territory, kept.consent, kept.newsletter) == ("ecrins", "public", True)


def test_exclusive_choices_ticked_together_go_to_review(app, make_workshop, make_participant,
                                                        make_card):
    workshop = make_workshop()
    person = make_participant(workshop, number=1)
    card = make_card(workshop, "identite", participant=person)
    states = read_card(app, card, consentement_public="1", consentement_aucun="1",
                       territoire_ecrins="1", territoire_hors="1")
    assert {states[n] for n in group_names("consentement") + group_names("territoire")} == {
        "pending"}
    with app.app_context():
        assert (person_of(card).consent, person_of(card).territory) == (None, None)


def test_paper_consent_is_applied_only_after_a_human_confirms_it(app, make_workshop,
                                                                 make_participant, make_card,
                                                                 make_user):
    workshop = make_workshop()
    person = make_participant(workshop, number=1)  # imported without any consent
    card = make_card(workshop, "identite", participant=person)
    states = read_card(app, card, consentement_public="1", newsletter="1", journal="1")
    assert (states["consentement_public"], states["newsletter"], states["journal"]) == (
        "pending", "pending", "pending")
    assert states["consentement_aucun"] == "auto"  # an empty box grants nothing
    with app.app_context():
        assert person_of(card).consent is None and not person_of(card).newsletter
        assert results.address_book(workshop, "public") == []
    decide(app, card, "consentement_public", True, make_user())
    with app.app_context():
        assert person_of(card).consent == "public"
        assert [p.id for p in results.address_book(workshop, "public")] == [person.id]


def test_person_with_a_consent_waiting_for_review_is_not_shared(app, make_workshop,
                                                                make_participant, make_card):
    workshop = make_workshop()
    person = make_participant(workshop, number=1, consent="public")
    card = make_card(workshop, "identite", participant=person)
    states = read_card(app, card, consentement_aucun="1")  # withdrawn on paper?
    assert states["consentement_aucun"] == states["consentement_public"] == "pending"
    with app.app_context():
        live = person_of(card)
        assert live.consent == "public"  # what they said online is kept...
        assert results.address_book(workshop, "public") == []  # ...but nobody sees them
        assert results.address_book(workshop, "participants") == []
        assert not results.may_see(live, "participants")
        assert [p.id for p in results.address_book(workshop, "organisers")] == [person.id]


def test_registration_answer_counts_as_online_answer(app, make_workshop, make_participant,
                                                     make_card):
    workshop = make_workshop()
    person = make_participant(workshop, number=1, consent="participants")
    with app.app_context():
        db.session.add(Registration(workshop_id=workshop.id, participant_id=person.id,
                                    token="t" * 40, email=person.email, consent="participants",
                                    newsletter=True))
        db.session.commit()
    card = make_card(workshop, "identite", participant=person)
    states = read_card(app, card, consentement_participants="1", newsletter="1")
    assert states["consentement_participants"] == states["newsletter"] == "auto"


def test_marks_review_shows_the_card_beside_the_online_answer(app, client, login, make_workshop,
                                                              make_participant, make_card):
    login()
    workshop = make_workshop()
    person = make_participant(workshop, number=1, territory="brianconnais")
    card = make_card(workshop, "identite", participant=person)
    read_card(app, card, territoire_ecrins="1")
    html = client.get(f"/ateliers/{workshop.code}/verification/cases"
                      "?champ=identite.territoire_brianconnais").get_data(as_text=True)
    assert "Sur la carte : vide" in html and "En ligne : coché" in html
    html = client.get(f"/ateliers/{workshop.code}/verification/cartes/{card.id}").get_data(
        as_text=True)
    assert "Sur la carte : coché" in html and "En ligne : vide" in html
