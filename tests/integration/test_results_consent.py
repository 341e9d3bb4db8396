"""A reviewer sees the diagnostic and the seeds as participants do (GDPR): people are named
only when they consented; a seed member or a need's volunteer who did not is counted, or is
"une personne", never named nor given an e-mail. Organisers still see everyone."""
from __future__ import annotations

import csv
import io
import json

import pytest

from kit.extensions import db
from kit.models import Participant
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def diag(app, make_workshop, make_participant, make_card, make_field_value):
    workshop = make_workshop(code="DIAG")
    elise = make_participant(workshop, first_name="Élise", last_name="Vasserot",
                             email="elise@example.org", consent="aucun")
    marc = make_participant(workshop, first_name="Marc", last_name="Lignon",
                            email="marc@example.org", consent="participants")
    with app.app_context():
        numbers = [db.session.get(Participant, p.id).number for p in (elise, marc)]
    seed = make_card(workshop, "graine")
    for name, value in (("titre", "Covoiturage des vallées"),
                        ("membre_1_nom", "Élise Vasserot"), ("membre_1_numero", str(numbers[0])),
                        ("membre_1_email", "elise@example.org"),
                        ("membre_2_nom", "Marc Lignon"), ("membre_2_numero", str(numbers[1])),
                        ("membre_2_email", "marc@example.org")):
        make_field_value(seed, name, value=value, review="confirmed", source="human")
    need = make_card(workshop, "besoin", participant=elise)
    make_field_value(need, "texte", value="Un bus le dimanche", review="confirmed",
                     source="human")
    make_field_value(need, "travailler", value="1", review="confirmed", source="human")
    return workshop, numbers


@pytest.fixture
def reviewer_client(app, diag, make_user, add_member):
    reviewer = make_user(email="relecteur@example.org")
    add_member(diag[0], reviewer, "reviewer")
    client = app.test_client()
    response = client.post("/connexion", data={"email": reviewer.email,
                                               "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def test_reviewer_json_names_only_consenting_seed_members(reviewer_client, diag):
    response = reviewer_client.get("/ateliers/DIAG/resultats/etat-des-lieux.json")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "elise@example.org" not in text and "Vasserot" not in text
    data = json.loads(text)
    (seed,) = data["seeds"]
    assert [m["name"] for m in seed["members"]] == ["Marc Lignon"]
    assert seed["other_members"] == 1
    (need,) = data["needs"]
    assert need["volunteer_number"] is None and need["has_volunteer"] is True


def test_reviewer_pages_and_csv_do_not_name_a_refusing_person(reviewer_client, diag):
    seeds = reviewer_client.get("/ateliers/DIAG/resultats/graines").get_data(as_text=True)
    assert "Vasserot" not in seeds and "elise@example.org" not in seeds
    assert "Marc Lignon" in seeds and "marc@example.org" in seeds
    assert "1 personne qui n’a pas accepté d’être nommée" in seeds
    page = reviewer_client.get("/ateliers/DIAG/resultats/etat-des-lieux").get_data(as_text=True)
    assert "Vasserot" not in page and f"n° {diag[1][0]}" not in page
    assert "une personne" in page
    response = reviewer_client.get("/ateliers/DIAG/resultats/etat-des-lieux.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    (need_row,) = [row for row in rows if row[5] == "Un bus le dimanche"]
    assert need_row[8] == "une personne"


def test_organisers_still_see_every_member(client, login, diag):
    login()
    data = json.loads(client.get("/ateliers/DIAG/resultats/etat-des-lieux.json").data)
    assert [m["email"] for m in data["seeds"][0]["members"]] == [
        "elise@example.org", "marc@example.org"]
    assert data["needs"][0]["volunteer_number"] == diag[1][0]
    page = client.get("/ateliers/DIAG/resultats/etat-des-lieux").get_data(as_text=True)
    assert "Élise Vasserot" in page


@pytest.fixture
def frein_cards(app, diag, make_card, make_field_value):
    """A frein written by Élise (no consent) and one by Marc (participants), both confirmed."""
    workshop, numbers = diag
    for number, text in zip(numbers, ("Pas de bus le dimanche", "Trop de voitures")):
        card = make_card(workshop, "frein", number=number)
        make_field_value(card, "texte", value=text, review="confirmed", source="human")
    return numbers


def test_reviewer_never_sees_the_number_of_a_refusing_card_author(reviewer_client, frein_cards):
    elise, marc = frein_cards
    data = json.loads(reviewer_client.get("/ateliers/DIAG/resultats/etat-des-lieux.json").data)
    authors = {card["text"]["text"]: card["participant_number"]
               for group in data["diagnostic"]["frein"] for card in group["cards"]}
    assert authors == {"Pas de bus le dimanche": None, "Trop de voitures": marc}
    response = reviewer_client.get("/ateliers/DIAG/resultats/etat-des-lieux.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    numbers = {row[5]: row[4] for row in rows[1:] if row[5] in authors}
    assert numbers == {"Pas de bus le dimanche": "", "Trop de voitures": str(marc)}
    page = reviewer_client.get("/ateliers/DIAG/resultats/etat-des-lieux").get_data(as_text=True)
    assert f"n° {elise}<" not in page and f"n° {elise} " not in page
    assert f"n° {marc}" in page


def test_organisers_see_every_card_author_number(client, login, frein_cards):
    login()
    data = json.loads(client.get("/ateliers/DIAG/resultats/etat-des-lieux.json").data)
    assert sorted(card["participant_number"] for group in data["diagnostic"]["frein"]
                  for card in group["cards"]) == sorted(frein_cards)
