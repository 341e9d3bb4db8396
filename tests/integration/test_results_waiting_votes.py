"""A need whose votes are not known yet (review finding T2): a strip never counted (the photo's
time ran out: no value, reason "temps") or a count read but not sure (review "pending": its
proposal is no count). Such a need is never ranked, neither as 0 nor with the proposal, in the
results page, its chart, the CSV and JSON exports, the board, the restitution, its PDF and the
journal's draft; once a person confirms the count, it ranks as any other."""
from __future__ import annotations

import csv
import io
import re

import pytest

from tests.support.results_pages import needs_json, needs_section, publish, results_url


def shown_text(html: str) -> str:
    """The page as read, without its links' addresses nor cards' codes (« AK2-AT1712-B01718U »:
    the workshop's serial code and a card's serial may hold any number)."""
    return re.sub(r'href="[^"]+"|AK\d-[A-Z0-9]+-[A-Z0-9]+', "", html)


@pytest.fixture
def voted(make_workshop, make_participant, make_card, make_field_value):
    """Four needs with confirmed texts: votes accepted by rule (7), corrected by a person (3),
    read but waiting for review (proposal 12, as digitise stores it: value and proposal), and
    never counted (the photo's time ran out: no value, no proposal)."""
    workshop = make_workshop()
    alice = make_participant(workshop, first_name="Alice", last_name="Roux", consent="public")
    values = {}

    def need(text, votes, review, proposal=None):
        card = make_card(workshop, "besoin", participant=alice, zone="besoins", cluster="2-1")
        make_field_value(card, "texte", value=text, review="confirmed", crop=False)
        values[text] = make_field_value(card, "votes", value=votes, proposal=proposal,
                                        review=review, source="votes", crop=False)
    need("Navette gare", "7", "auto", "7")
    need("Un garage à vélos", "3", "corrected", "2")
    need("Horaires tardifs", "12", "pending", "12")
    need("Un vélo-bus", None, "pending")
    return workshop, values


def test_diagnostic_page_ranks_only_counted_needs_and_lists_the_others_apart(client, login,
                                                                              voted):
    workshop, values = voted
    login()
    figure, table = needs_section(client, workshop)
    assert re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>',
                      figure) == [("Navette gare", "7"), ("Un garage à vélos", "3")]
    assert "Besoins dont les votes restent à compter, absents du graphique : 2" in figure
    ranked, waiting = table.split('<tbody class="needs-table__waiting">')
    assert re.findall(r'<td class="num">(\d+)</td>\s*<td>([^<]+)</td>', ranked) == [
        ("7", "Navette gare"), ("3", "Un garage à vélos")]
    assert "Votes pas encore comptés : hors classement" in waiting
    links = re.findall(r'<a class="badge badge--warn" href="([^"]+)">à vérifier</a></td>\s*'
                       r'<td>([^<]+)</td>', waiting)
    review = f"/ateliers/{workshop.code}/verification/besoins?filtre=votes#valeur-"
    assert links == [(review + str(values["Horaires tardifs"].id), "Horaires tardifs"),
                     (review + str(values["Un vélo-bus"].id), "Un vélo-bus")]
    assert "12" not in shown_text(table)  # the proposal is no count
    assert '<td class="num">0</td>' not in table  # nor is a strip never read


def test_confirmed_only_keeps_confirmed_needs_whose_votes_wait_and_names_those_left_out(
        client, login, voted, make_card, make_field_value):
    """« Valeurs confirmées seulement » is about what a need says: a need whose text is
    confirmed stays, ranked when counted, else apart (« à compter », no count, no review
    badge); a need whose text waits is left out, and the page says so with its card's code
    (it used to vanish silently, and so did confirmed needs whose votes wait)."""
    workshop, _ = voted
    guess = make_card(workshop, "besoin", zone="besoins", cluster="2-2")
    make_field_value(guess, "texte", value="Lecture pas sûre", proposal="Lecture pas sûre")
    make_field_value(guess, "votes", value="5", proposal="5", review="auto", source="votes",
                     crop=False)
    login()
    html = client.get(results_url(workshop) + "/etat-des-lieux?confirmes=1").get_data(as_text=True)
    needs = html.split('id="rubrique-besoins"')[1].split("</section>")[0]
    table = needs.split("</figure>")[1]
    ranked, waiting = table.split('<tbody class="needs-table__waiting">')
    assert re.findall(r'<td class="num">(\d+)</td>\s*<td>([^<]+)</td>', ranked) == [
        ("7", "Navette gare"), ("3", "Un garage à vélos")]
    assert re.findall(r'<td class="num"><span class="muted">à compter</span></td>\s*'
                      r'<td>([^<]+)</td>', waiting) == ["Horaires tardifs", "Un vélo-bus"]
    assert "badge--warn" not in needs and "12" not in shown_text(table)
    assert "Lecture pas sûre" not in html
    left_out = ("Non montré ici : 1 besoin dont le texte attend une vérification "
                f"(carte {guess.code}).")
    assert left_out in " ".join(needs.split())
    everything = client.get(results_url(workshop) + "/etat-des-lieux").get_data(as_text=True)
    assert "Non montré" not in everything


def test_diagnostic_json_gives_null_votes_and_a_status_while_they_wait(client, login, voted):
    workshop, _ = voted
    login()
    assert needs_json(client, workshop) == [
        ("Navette gare", 7, "confirmed"), ("Un garage à vélos", 3, "confirmed"),
        ("Horaires tardifs", None, "waiting"), ("Un vélo-bus", None, "waiting")]


def test_diagnostic_csv_leaves_waiting_votes_empty_and_flagged(client, login, voted):
    workshop, _ = voted
    login()
    text = client.get(results_url(workshop) + "/etat-des-lieux.csv").data.decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=";")][1:]
    assert [(row[5], row[7], row[9]) for row in rows] == [
        ("Navette gare", "7", ""), ("Un garage à vélos", "3", ""),
        ("Horaires tardifs", "", "oui"), ("Un vélo-bus", "", "oui")]


def test_restitution_board_and_chart_never_show_an_uncounted_need_as_counted(app, client,
                                                                              voted):
    workshop, _ = voted
    publish(app, workshop)
    html = client.get(f"/restitution/{workshop.code}").get_data(as_text=True)
    cards = re.findall(r'<li class="board-card"><span class="([^"]+)">([^<]+)</span>([^<]+)</li>',
                       html)
    assert cards == [
        ("board-card__votes", "7 votes", "Navette gare"),
        ("board-card__votes", "3 votes", "Un garage à vélos"),
        ("board-card__votes board-card__votes--waiting", "votes à compter", "Horaires tardifs"),
        ("board-card__votes board-card__votes--waiting", "votes à compter", "Un vélo-bus")]
    chart = html.split('id="besoins-classes"')[1].split("</figure>")[0]
    assert "Horaires tardifs" not in chart and "Un vélo-bus" not in chart
    assert "12 votes" not in html and "0 vote" not in html


def test_restitution_pdf_says_the_votes_are_still_to_count(app, client, voted):
    from tests.support.pdf import pdf_page_texts

    workshop, _ = voted
    publish(app, workshop)
    text = "\n".join(pdf_page_texts(client.get(f"/restitution/{workshop.code}/compte-rendu.pdf")
                                    .data))
    assert "Un vélo-bus — votes à compter" in text and "Navette gare — 7 votes" in text
    needs = text.split("Besoins, par nombre de votes")[1]
    assert re.findall(r"^(\d+|à compter) ([^\r\n]+)", needs, re.MULTILINE)[-4:] == [
        ("7", "Navette gare"), ("3", "Un garage à vélos"), ("à compter", "Horaires tardifs"),
        ("à compter", "Un vélo-bus")]
    assert "12 votes" not in text and "0 vote" not in text


def test_journal_ranks_counted_needs_and_says_how_many_wait(app, client, login, voted):
    workshop, _ = voted
    login()
    publish(app, workshop)
    text = client.get(results_url(workshop) + "/article-journal.md").get_data(as_text=True)
    assert "- 10 votes sur les besoins" in text  # 7 + 3: no proposal, no unread 0
    assert "- 2 besoins dont les votes restent à compter (hors classement)" in text
    needs = text.split("## Les trois besoins les plus votés")[1].split("## Les graines")[0]
    ranked = re.findall(r"^\d\. \*\*(.+)\*\* — (.+)$", needs, re.MULTILINE)
    assert ranked == [("Navette gare", "7 votes"), ("Un garage à vélos", "3 votes")]
    assert "> « Horaires tardifs »" in needs  # quoted under its cluster's need, not ranked
    html = client.get(results_url(workshop) + "/article-journal").get_data(as_text=True)
    assert "2 besoins dont les votes restent à compter (hors classement)" in html
    assert "12 votes" not in html


def test_a_count_confirmed_in_review_enters_the_ranking(client, login, voted):
    workshop, values = voted
    login()
    url = f"/ateliers/{workshop.code}/verification/besoins/{values['Horaires tardifs'].id}"
    assert client.post(url, data={"action": "save", "value": "12", "filtre": "votes"}
                       ).status_code == 302
    assert needs_json(client, workshop) == [
        ("Horaires tardifs", 12, "confirmed"), ("Navette gare", 7, "confirmed"),
        ("Un garage à vélos", 3, "confirmed"), ("Un vélo-bus", None, "waiting")]
