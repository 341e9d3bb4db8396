"""A vote count a person marked « Illisible » in the review is no count: never 0 (a claim nobody
made), never ranked. The JSON gives ``votes`` null with ``votes_status`` "unreadable"; the pages
say « votes illisibles »; the needs come counted first, then waiting, then unreadable. A strip a
person said empty (« Aucun vote ») still counts 0."""
from __future__ import annotations

import re

import pytest

from tests.support.results_pages import board_cards, needs_json, needs_section, publish, results_url


@pytest.fixture
def voted(make_workshop, make_participant, make_card, make_field_value):
    """Five needs with confirmed texts: votes accepted by rule (7), corrected by a person (3),
    waiting for review (proposal 12), found unreadable by a person (the machine had proposed
    4), and said empty by a person (« Aucun vote »). Returns (workshop, votes values by text)."""
    workshop = make_workshop()
    alice = make_participant(workshop, first_name="Alice", last_name="Roux", consent="public")
    values = {}

    def need(text, votes, review, proposal=None, source="votes"):
        card = make_card(workshop, "besoin", participant=alice, zone="besoins", cluster="2-1",
                         image=True)
        make_field_value(card, "texte", value=text, review="confirmed", crop=False)
        values[text] = make_field_value(card, "votes", value=votes, proposal=proposal,
                                        review=review, source=source, crop=False)
    need("Navette gare", "7", "auto", "7")
    need("Bancs au marché", None, "unreadable", "4", source="human")
    need("Un garage à vélos", "3", "corrected", "2")
    need("Horaires tardifs", "12", "pending", "12")
    need("Pistes cyclables", None, "empty", "1", source="human")
    return workshop, values


def test_json_gives_unreadable_votes_null_with_their_own_status_last(client, login, voted):
    workshop, _ = voted
    login()
    assert needs_json(client, workshop) == [
        ("Navette gare", 7, "confirmed"), ("Un garage à vélos", 3, "confirmed"),
        ("Pistes cyclables", 0, "confirmed"),  # « Aucun vote »: a person said 0
        ("Horaires tardifs", None, "waiting"), ("Bancs au marché", None, "unreadable")]


def test_marking_a_count_unreadable_in_review_takes_it_out_of_the_ranking(client, login,
                                                                          voted):
    workshop, values = voted
    login()
    url = f"/ateliers/{workshop.code}/verification/besoins/{values['Horaires tardifs'].id}"
    assert client.post(url, data={"action": "unreadable", "filtre": "votes"}).status_code == 302
    assert needs_json(client, workshop)[2:] == [
        ("Pistes cyclables", 0, "confirmed"), ("Bancs au marché", None, "unreadable"),
        ("Horaires tardifs", None, "unreadable")]


def test_diagnostic_page_lists_unreadable_votes_apart_never_as_0(client, login, voted):
    workshop, _ = voted
    login()
    figure, table = needs_section(client, workshop)
    assert re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>',
                      figure) == [("Navette gare", "7"), ("Un garage à vélos", "3"),
                                  ("Pistes cyclables", "0")]
    assert "Besoins aux votes illisibles, absents du graphique : 1" in figure
    ranked, waiting = table.split('<tbody class="needs-table__waiting">', 1)
    assert re.findall(r'<td class="num">(\d+)</td>\s*<td>([^<]+)</td>', ranked) == [
        ("7", "Navette gare"), ("3", "Un garage à vélos"), ("0", "Pistes cyclables")]
    waiting, unreadable = waiting.split("needs-table__unreadable")
    assert "Horaires tardifs" in waiting and "Bancs au marché" not in waiting
    assert "Votes illisibles : hors classement" in unreadable
    assert re.findall(r'<span class="badge">illisibles</span></td>\s*<td>([^<]+)</td>',
                      unreadable) == ["Bancs au marché"]


def test_restitution_board_and_pdf_say_votes_unreadable(app, client, voted):
    from tests.support.pdf import pdf_page_texts

    workshop, _ = voted
    publish(app, workshop)
    assert board_cards(client, workshop) == [
        ("7 votes", "Navette gare"), ("3 votes", "Un garage à vélos"),
        ("0 vote", "Pistes cyclables"), ("votes à compter", "Horaires tardifs"),
        ("votes illisibles", "Bancs au marché")]
    html = client.get(f"/restitution/{workshop.code}").get_data(as_text=True)
    chart = html.split('id="besoins-classes"')[1].split("</figure>")[0]
    assert "Bancs au marché" not in chart
    text = "\n".join(pdf_page_texts(client.get(f"/restitution/{workshop.code}/compte-rendu.pdf")
                                    .data))
    assert "Bancs au marché — votes illisibles" in text
    needs = text.split("Besoins, par nombre de votes")[1]
    assert re.findall(r"^(\d+|à compter|illisibles) ([^\r\n]+)", needs, re.MULTILINE)[-2:] == [
        ("à compter", "Horaires tardifs"), ("illisibles", "Bancs au marché")]


def test_journal_never_ranks_unreadable_votes_and_says_how_many(app, client, login, voted):
    workshop, _ = voted
    login()
    publish(app, workshop)
    text = client.get(results_url(workshop) + "/article-journal.md").get_data(as_text=True)
    assert "- 10 votes sur les besoins" in text
    assert "- 1 besoin dont les votes restent à compter (hors classement)" in text
    assert "- 1 besoin aux votes illisibles (hors classement)" in text
    needs = text.split("## Les trois besoins les plus votés")[1].split("## Les graines")[0]
    assert re.findall(r"^\d\. \*\*(.+)\*\* — (.+)$", needs, re.MULTILINE) == [
        ("Navette gare", "7 votes"), ("Un garage à vélos", "3 votes"),
        ("Pistes cyclables", "0 vote")]


def test_live_wall_says_votes_unreadable(client, login, voted):
    workshop, _ = voted
    login()
    data = client.get(f"/ateliers/{workshop.code}/mur/etat.json").get_json()
    besoins = next(c for c in data["columns"] if c["zone"] == "besoins")
    cards = {card["text"]: card for cluster in besoins["clusters"] for card in cluster["cards"]}
    bancs = cards["Bancs au marché"]
    assert (bancs["votes"], bancs["votes_pending"], bancs["votes_unreadable"]) == (
        None, False, True)
    assert (cards["Pistes cyclables"]["votes"], cards["Pistes cyclables"]["votes_unreadable"]) \
        == (0, False)
    page = client.get(f"/ateliers/{workshop.code}/mur").get_data(as_text=True)
    assert "votes illisibles" in page
