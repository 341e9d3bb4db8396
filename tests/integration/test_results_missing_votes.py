"""A need card with no vote count recorded at all (no "votes" value: nobody read its strip) is
no 0: its votes are « à compter », as for a count waiting for a person (results.count_of). It is
never ranked, in the diagnostic page, its JSON and CSV, the restitution's board, the journal's
draft and the live wall; a strip a person said empty (« Aucun vote ») still counts 0."""
from __future__ import annotations

import csv
import io
import re

import pytest

from tests.support.results_pages import board_cards, needs_json, needs_section, publish, results_url


@pytest.fixture
def voted(make_workshop, make_participant, make_card, make_field_value):
    """Three needs with confirmed texts, in printing order: votes accepted by rule (7), no
    count recorded (before the next one: ranked as 0 it would come before it), and said empty
    by a person (« Aucun vote »: 0). Returns (workshop, the card without a count)."""
    workshop = make_workshop()
    alice = make_participant(workshop, first_name="Alice", last_name="Roux", consent="public")
    cards = {}

    def need(text, votes=None, review=None):
        card = cards[text] = make_card(workshop, "besoin", participant=alice, zone="besoins",
                                       cluster="2-1", image=True)
        make_field_value(card, "texte", value=text, review="confirmed", crop=False)
        if review is not None:
            make_field_value(card, "votes", value=votes, proposal=votes, review=review,
                             source="votes", crop=False)
    need("Navette gare", "7", "auto")
    need("Un local commun")  # no "votes" value at all
    need("Pistes cyclables", None, "empty")
    return workshop, cards["Un local commun"]


def test_json_and_csv_give_a_need_without_a_count_as_waiting(client, login, voted):
    workshop, _ = voted
    login()
    assert needs_json(client, workshop) == [
        ("Navette gare", 7, "confirmed"), ("Pistes cyclables", 0, "confirmed"),
        ("Un local commun", None, "waiting")]
    text = client.get(results_url(workshop) + "/etat-des-lieux.csv").data.decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=";")][1:]
    assert [(row[5], row[7], row[9]) for row in rows] == [
        ("Navette gare", "7", ""), ("Pistes cyclables", "0", ""), ("Un local commun", "", "oui")]


def test_diagnostic_page_lists_a_need_without_a_count_apart_never_as_0(client, login, voted):
    workshop, card = voted
    login()
    figure, table = needs_section(client, workshop)
    assert "Un local commun" not in figure
    assert "Besoins dont les votes restent à compter, absents du graphique : 1" in figure
    ranked, waiting = table.split('<tbody class="needs-table__waiting">')
    assert re.findall(r'<td class="num">(\d+)</td>\s*<td>([^<]+)</td>', ranked) == [
        ("7", "Navette gare"), ("0", "Pistes cyclables")]
    # no count to review (no review page can count it): no link, the way out is a new photo
    assert re.findall(r'<span class="muted">([^<]+)</span></td>\s*<td>([^<]+)</td>',
                      waiting) == [("bande non lue : reprendre la photo", "Un local commun")]
    assert "à vérifier" not in waiting and f"/cartes/{card.id}" not in waiting


def test_board_and_journal_never_rank_a_need_without_a_count(app, client, login, voted):
    workshop, _ = voted
    publish(app, workshop)
    assert board_cards(client, workshop) == [
        ("7 votes", "Navette gare"), ("0 vote", "Pistes cyclables"),
        ("votes à compter", "Un local commun")]
    login()
    text = client.get(results_url(workshop) + "/article-journal.md").get_data(as_text=True)
    assert "- 1 besoin dont les votes restent à compter (hors classement)" in text
    needs = text.split("## Les trois besoins les plus votés")[1].split("## Les graines")[0]
    assert re.findall(r"^\d\. \*\*(.+)\*\* — (.+)$", needs, re.MULTILINE) == [
        ("Navette gare", "7 votes"), ("Pistes cyclables", "0 vote")]


def test_live_wall_says_the_votes_of_a_need_without_a_count_are_to_count(client, login, voted):
    workshop, _ = voted
    login()
    data = client.get(f"/ateliers/{workshop.code}/mur/etat.json").get_json()
    besoins = next(c for c in data["columns"] if c["zone"] == "besoins")
    (cluster,) = besoins["clusters"]
    cards = {c["text"]: (c["votes"], c["votes_pending"]) for c in cluster["cards"]}
    assert cards == {"Navette gare": (7, False), "Pistes cyclables": (0, False),
                     "Un local commun": (None, True)}
    page = client.get(f"/ateliers/{workshop.code}/mur").get_data(as_text=True)
    assert page.count("votes à compter") == 2  # the script's word, and the card's


def test_a_blank_spare_need_without_any_count_is_left_out_as_on_the_live_wall(
        client, login, voted, make_card, make_field_value):
    """A spare need card photographed blank (empty text read with confidence) with no strip
    read says nothing: left out of the results, as the live wall leaves it out."""
    workshop, _ = voted
    spare = make_card(workshop, "besoin", zone="besoins", cluster=None, image=True)
    make_field_value(spare, "texte", value="", review="auto", crop=False)
    login()
    assert needs_json(client, workshop) == [
        ("Navette gare", 7, "confirmed"), ("Pistes cyclables", 0, "confirmed"),
        ("Un local commun", None, "waiting")]
    _, table = needs_section(client, workshop)
    assert "—" not in table
    data = client.get(f"/ateliers/{workshop.code}/mur/etat.json").get_json()
    codes = [c["code"] for col in data["columns"] if col["zone"] == "besoins"
             for cluster in col["clusters"] for c in cluster["cards"]]
    assert spare.code not in codes


def test_afternoon_page_says_a_strip_never_read_needs_a_new_photo(client, login, voted):
    workshop, card = voted
    login()
    client.post(f"/ateliers/{workshop.code}/apres-midi/proposer")
    page = client.get(f"/ateliers/{workshop.code}/apres-midi/").get_data(as_text=True)
    entry = " ".join(page.split(f'id="carte-{card.id}"')[1].split("</li>")[0].split())
    assert '<span class="badge">votes non lus : reprendre la photo</span>' in entry
    assert "votes à compter" not in entry and "/verification/" not in entry
