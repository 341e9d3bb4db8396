"""The afternoon groups count and rank votes as the results do (kit.services.results.count_of):
a count still waiting for a person (the machine's proposal) or one a person found unreadable
adds nothing and ranks nothing; the page and the printed run-sheet say so (« votes à compter »,
« votes illisibles », « 5 votes comptés (1 besoin aux votes illisibles) »)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import AfternoonGroup, AfternoonItem
from tests.support.pdf import pdf_page_texts

NEEDS = (  # text, votes value, review state, proposal
    ("Pas de bus le dimanche", "5", "auto", "5"),
    ("Transports en commun rares le week-end", None, "unreadable", "9"),
    ("Logement des saisonniers trop cher", "4", "auto", "4"),
    ("Les travailleurs saisonniers ne trouvent pas à se loger", "30", "pending", "30"),
    ("Un atelier de réparation de vélos", "1", "auto", "1"),
)


@pytest.fixture
def morning(app, make_workshop, make_participant, make_card, make_field_value):
    """Need cards with confirmed texts; the bus pair has one count a person found unreadable
    (the machine had proposed 9), the housing pair one count waiting for review (proposal
    30, more than any count). Returns (workshop, card ids, votes value ids)."""
    workshop = make_workshop(code="MIDI")
    cards, values = [], []
    for number, (text, votes, review, proposal) in enumerate(NEEDS, start=1):
        person = make_participant(workshop, number=number, consent="public",
                                  first_name=f"Prénom{number}", last_name=f"Nom{number}")
        card = make_card(workshop, "besoin", participant=person)
        make_field_value(card, "texte", value=text, review="confirmed", source="human")
        value = make_field_value(card, "votes", value=votes, proposal=proposal, review=review,
                                 source="human" if review == "unreadable" else "votes",
                                 crop=False)
        make_field_value(card, "travailler", value="1", review="auto", source="checkbox",
                         crop=False)
        cards.append(card.id)
        values.append(value.id)
    return workshop, cards, values


def groups(app, workshop) -> list[tuple[str, list[int]]]:
    with app.app_context():
        found = db.session.scalars(select(AfternoonGroup).where(
            AfternoonGroup.workshop_id == workshop.id).order_by(AfternoonGroup.position))
        return [(g.name, [i.card_id for i in g.items]) for g in found]


def group_id(app, card_id: int) -> int:
    with app.app_context():
        return db.session.scalars(select(AfternoonItem.group_id).where(
            AfternoonItem.card_id == card_id)).one()


def test_groups_rank_by_counted_votes_never_by_a_proposal(app, client, login, morning):
    workshop, cards, _ = morning
    login()
    assert client.post("/ateliers/MIDI/apres-midi/proposer").status_code == 302
    # bus: 5 counted (the unreadable count adds nothing); housing: 4 counted (the proposal 30
    # adds nothing and its need comes after the counted one)
    assert groups(app, workshop) == [
        ("Pas de bus le dimanche", [cards[0], cards[1]]),
        ("Logement des saisonniers trop cher", [cards[2], cards[3]])]


def test_page_says_which_votes_are_not_counted(app, client, login, morning):
    workshop, cards, values = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    page = client.get("/ateliers/MIDI/apres-midi/").get_data(as_text=True)
    bus, housing = (" ".join(part.split()) for part in page.split('id="groupe-')[1:3])
    housing = housing.split('id="sans-groupe"')[0]
    assert "2 cartes · 5 votes comptés (1 besoin aux votes illisibles)" in bus
    assert "2 cartes · 4 votes comptés (1 besoin aux votes à compter)" in housing
    assert re.findall(r'<p class="ag-entry__meta muted"> (.+?) · Prénom', bus) == [
        "5 votes", '<span class="badge">votes illisibles</span>']
    review = (f"/ateliers/MIDI/verification/besoins?filtre=votes#valeur-{values[3]}")
    assert re.findall(r'<p class="ag-entry__meta muted"> (.+?) · Prénom', housing) == [
        "4 votes", f'<a class="badge badge--warn" href="{review}">votes à compter</a>']
    shown = re.sub(r'[a-z-]+="[^"]*"', "", housing)  # ids and links hold numbers too
    assert "30" not in shown and "9 vote" not in bus and "0 vote" not in page


def test_runsheet_prints_counted_votes_and_what_is_left_to_count(app, client, login, morning):
    workshop, cards, _ = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    for card in (cards[0], cards[2]):
        client.post(f"/ateliers/MIDI/apres-midi/{group_id(app, card)}/confirmer")
    response = client.post("/ateliers/MIDI/apres-midi/imprimer")
    assert response.mimetype == "application/pdf"
    runsheet = " ".join(pdf_page_texts(response.data)[0].split())
    assert ("Table 1 Pas de bus le dimanche — 2 besoins, 5 votes comptés (1 besoin aux votes "
            "illisibles), 2 personnes") in runsheet
    assert ("Table 2 Logement des saisonniers trop cher — 2 besoins, 4 votes comptés (1 besoin "
            "aux votes à compter), 2 personnes") in runsheet
    assert "34 votes" not in runsheet and "30 votes" not in runsheet


def test_runsheet_counts_a_groups_freins_apart_from_its_needs(app, client, login, morning,
                                                              make_card, make_field_value):
    """A frein moved into a group is no « besoin »: the run-sheet line counts each apart (it
    said « 3 besoins » for two needs and a frein); a group of freins alone says no votes, on
    the run-sheet as on the page (« 1 besoin, 0 votes », « 1 carte · 0 votes »)."""
    workshop, cards, _ = morning
    freins = []
    for text in ("Pas de car scolaire le mercredi", "Routes dangereuses à vélo"):
        frein = make_card(workshop, "frein")
        make_field_value(frein, "texte", value=text, review="confirmed", source="human")
        freins.append(frein.id)
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    bus = group_id(app, cards[0])
    client.post("/ateliers/MIDI/apres-midi/deplacer", data={"card_id": freins[0],
                                                            "target": str(bus)})
    client.post("/ateliers/MIDI/apres-midi/deplacer", data={"card_id": freins[1],
                                                            "target": "new"})
    for group in (bus, group_id(app, freins[1])):
        client.post(f"/ateliers/MIDI/apres-midi/{group}/confirmer")
    runsheet = " ".join(pdf_page_texts(client.post("/ateliers/MIDI/apres-midi/imprimer").data
                                       )[0].split())
    assert ("Pas de bus le dimanche — 2 besoins, 1 frein, 5 votes comptés (1 besoin aux votes "
            "illisibles), 2 personnes") in runsheet
    alone = re.search(r"Routes dangereuses à vélo — (.*?personnes?)", runsheet)
    assert alone is not None and alone.group(1) == "1 frein, 0 personne"
    assert "3 besoins" not in runsheet
    page = client.get("/ateliers/MIDI/apres-midi/").get_data(as_text=True)
    totals = [" ".join(p.split()) for p in re.findall(
        r'<p class="ag-group__totals">(.*?)</p>', page, re.DOTALL)]
    assert totals[0] == "3 cartes · 5 votes comptés (1 besoin aux votes illisibles) · Table 1"
    assert "1 carte · Table 2" in totals  # the group of one frein


def test_a_count_confirmed_at_lunch_enters_the_group_total(app, client, login, morning):
    workshop, cards, values = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    url = f"/ateliers/MIDI/verification/besoins/{values[3]}"
    assert client.post(url, data={"action": "save", "value": "3", "filtre": "votes"}
                       ).status_code == 302
    page = client.get("/ateliers/MIDI/apres-midi/").get_data(as_text=True)
    housing = " ".join(page.split('id="groupe-')[2].split())
    assert "2 cartes · 7 votes" in housing and "à compter" not in housing
