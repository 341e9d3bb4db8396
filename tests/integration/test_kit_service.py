"""Card codes: allocated once, stable across reprints; the kit request sent to printables."""
from __future__ import annotations

from collections import Counter

import pytest

from kit.extensions import db
from kit.models import Card, Workshop
from kit.services.kits import build_kit_request, ensure_cards
from printables import payload

PACK = {"identite": 1, "frein": 2, "levier": 2, "ressource": 1, "besoin": 2, "contact": 1}


@pytest.fixture
def kit_state(app):
    """Run ensure_cards on a workshop; return {code: (type, number, slot)} and the request."""
    def run(workshop):
        with app.app_context():
            live = db.session.get(Workshop, workshop.id)
            ensure_cards(live)
            request = build_kit_request(live)
            cards = {c.code: (c.type_key, c.participant_number, c.slot) for c in live.cards}
            return cards, request
    return run


def test_ensure_cards_makes_packs_blank_packs_posters_and_sheets(make_workshop,
                                                                 make_participant, kit_state):
    workshop = make_workshop(code="MOB26", pack_counts=PACK, blank_packs=2)
    people = [make_participant(workshop) for _ in range(3)]
    cards, request = kit_state(workshop)
    types = Counter(type_key for type_key, _, _ in cards.values())
    assert types == {"identite": 5, "frein": 10, "levier": 10, "ressource": 5, "besoin": 10,
                     "contact": 5, "graine": 4, "poster_freins": 1, "poster_leviers": 1,
                     "poster_ressources": 1, "poster_besoins": 1, "poster_graines": 1}
    pack_numbers = [c.participant_number for c in request.cards]
    assert pack_numbers == sorted(pack_numbers)  # packs in participant order, blanks last
    assert sorted(set(pack_numbers)) == [p.number for p in people] + [4, 5]
    assert [c.type_key for c in request.cards[:9]] == [
        "identite", "frein", "frein", "levier", "levier", "ressource", "besoin", "besoin",
        "contact"]
    assert len(request.posters) == 5 and len(request.group_sheets) == 4


def test_card_codes_decode_to_their_workshop_type_and_serial(app, make_workshop, kit_state):
    workshop = make_workshop(code="MOB26", blank_packs=1)
    kit_state(workshop)
    with app.app_context():
        for card in db.session.query(Card):
            decoded = payload.parse(card.code)
            assert (decoded.workshop, decoded.serial, decoded.card_type) == (
                "MOB26", card.serial, card.type_key)
        serials = sorted(c.serial for c in db.session.query(Card))
        assert serials == list(range(1, len(serials) + 1))


def test_reprint_keeps_every_code(make_workshop, make_participant, kit_state):
    workshop = make_workshop(blank_packs=2)
    make_participant(workshop)
    first, _ = kit_state(workshop)
    again, request = kit_state(workshop)
    assert again == first
    printed = {c.code for c in (*request.cards, *request.posters, *request.group_sheets)}
    assert printed == set(first)


def test_reprint_after_new_participant_adds_cards_without_changing_old(
        make_workshop, make_participant, kit_state):
    workshop = make_workshop(blank_packs=2)
    make_participant(workshop)
    first, _ = kit_state(workshop)
    late = make_participant(workshop)
    assert late.number == 4  # after the two blank packs (2 and 3)
    again, request = kit_state(workshop)
    assert {code: again[code] for code in first} == first
    new = {code: key for code, key in again.items() if code not in first}
    assert sorted({number for _, number, _ in new.values()}) == [4]
    assert [c.participant_number for c in request.cards[::9]] == [1, 4, 2, 3]


def test_kit_without_participants_still_prints_blank_packs(make_workshop, kit_state):
    workshop = make_workshop(blank_packs=3, group_sheets=2)
    _, request = kit_state(workshop)
    assert sorted({c.participant_number for c in request.cards}) == [1, 2, 3]
    assert len(request.cards) == 3 * 9 and len(request.group_sheets) == 2


def test_group_sheets_default_to_one_per_five_packs(make_workshop, make_participant, kit_state):
    workshop = make_workshop(blank_packs=4)
    for _ in range(22):
        make_participant(workshop)
    _, request = kit_state(workshop)
    assert len(request.group_sheets) == 6  # 26 packs / 5, rounded up


def test_identity_card_prefills_known_answers(make_workshop, make_participant, kit_state):
    workshop = make_workshop(blank_packs=1)
    make_participant(workshop, first_name="Élise", last_name="Vasserot",
                     structure="Queyras Mobilités", commune="Abriès-Ristolas",
                     email="elise@example.org", territory="guillestrois",
                     actor_type="association", consent="public", newsletter=True)
    _, request = kit_state(workshop)
    identity = request.cards[0]
    assert identity.type_key == "identite" and identity.participant_number == 1
    assert identity.prefill == {"nom": "Élise Vasserot", "structure": "Queyras Mobilités",
                                "commune": "Abriès-Ristolas", "email": "elise@example.org"}
    assert identity.known_checks == ("acteur_association", "territoire_guillestrois",
                                     "consentement_public", "newsletter")
    blank_identity = request.cards[9]
    assert blank_identity.participant_number == 2 and blank_identity.prefill == {}
    assert request.cards[1].prefill == {}  # only the identity card is prefilled


def test_useful_contacts_get_no_pack(make_workshop, make_participant, kit_state):
    workshop = make_workshop(blank_packs=0)
    make_participant(workshop, origin="useful_contact")
    _, request = kit_state(workshop)
    assert request.cards == ()


def test_kit_request_carries_workshop_details(make_workshop, kit_state):
    import datetime as dt

    workshop = make_workshop(code="MOB26", title="Mobilité douce", place="Briançon",
                             start_time=dt.time(9), organiser="PETR")
    _, request = kit_state(workshop)
    assert (request.workshop.code, request.workshop.title, request.workshop.place,
            request.workshop.start, request.workshop.organiser) == (
        "MOB26", "Mobilité douce", "Briançon", dt.time(9), "PETR")
