"""The afternoon groups page and its printed sheets (issue 11): proposals grouped by meaning,
merge, split, rename, confirm, and the pre-filled "Graine de projet" PDF (consent levels)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import AfternoonGroup, AfternoonItem, FieldValue, Workshop
from tests.support.pdf import pdf_page_texts

NEEDS = (  # text, votes, wants to work, consent of its author
    ("Pas de bus le dimanche", 5, True, "public"),
    ("Transports en commun rares le week-end", 3, True, "participants"),
    ("Logement des saisonniers trop cher", 4, True, "aucun"),
    ("Les travailleurs saisonniers ne trouvent pas à se loger", 2, False, "public"),
    ("Un atelier de réparation de vélos", 1, True, None),
)


@pytest.fixture
def morning(app, make_workshop, make_participant, make_card, make_field_value):
    """A workshop whose need cards were read and confirmed; returns (workshop, card ids)."""
    workshop = make_workshop(code="MIDI")
    cards = []
    for number, (text, votes, wants, consent) in enumerate(NEEDS, start=1):
        person = make_participant(workshop, number=number, consent=consent,
                                  first_name=f"Prénom{number}", last_name=f"Nom{number}")
        card = make_card(workshop, "besoin", participant=person)
        make_field_value(card, "texte", value=text, review="confirmed", source="human")
        make_field_value(card, "votes", value=str(votes), review="auto", source="votes",
                         crop=False)
        make_field_value(card, "travailler", value="1" if wants else "0", review="auto",
                         source="checkbox", crop=False)
        cards.append(card.id)
    return workshop, cards


def groups(app, workshop) -> list[tuple[str, str, list[int]]]:
    with app.app_context():
        found = db.session.scalars(select(AfternoonGroup).where(
            AfternoonGroup.workshop_id == workshop.id).order_by(AfternoonGroup.position))
        return [(g.name, g.status, [i.card_id for i in g.items]) for g in found]


def test_propose_groups_paraphrases_and_lists_votes_and_people(app, client, login, morning):
    workshop, cards = morning
    login()
    response = client.post("/ateliers/MIDI/apres-midi/proposer")
    assert response.status_code == 302
    assert groups(app, workshop) == [
        ("Pas de bus le dimanche", "proposed", [cards[0], cards[1]]),
        ("Logement des saisonniers trop cher", "proposed", [cards[2], cards[3]]),
    ]
    page = client.get("/ateliers/MIDI/apres-midi/").get_data(as_text=True)
    bus = page.split('id="groupe-')[1]
    assert "2 cartes · 8 votes" in " ".join(bus.split())
    wanting = "Veulent y travailler :</strong> Prénom1 Nom1 (n° 1), Prénom2 Nom2 (n° 2)</p>"
    assert wanting in " ".join(bus.split())
    loose = page[page.index('id="sans-groupe"'):]
    assert "Un atelier de réparation de vélos" in loose and "(1)" in loose


def test_propose_again_keeps_confirmed_groups(app, client, login, morning):
    workshop, cards = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    first = group_id(app, workshop, cards[0])
    client.post(f"/ateliers/MIDI/apres-midi/{first}/confirmer", data={"confirmed": "1"})
    client.post("/ateliers/MIDI/apres-midi/proposer")
    found = groups(app, workshop)
    assert found[0] == ("Pas de bus le dimanche", "confirmed", [cards[0], cards[1]])
    assert [g[2] for g in found[1:]] == [[cards[2], cards[3]]]


def group_id(app, workshop, card_id: int) -> int:
    with app.app_context():
        return db.session.scalars(select(AfternoonItem.group_id).where(
            AfternoonItem.card_id == card_id)).one()


def test_split_merge_rename_and_confirm(app, client, login, morning):
    workshop, cards = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    bus, housing = group_id(app, workshop, cards[0]), group_id(app, workshop, cards[2])
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/confirmer", data={"confirmed": "1"})
    # split: the second bus need goes to a group of its own; the confirmed group is proposed again
    client.post("/ateliers/MIDI/apres-midi/deplacer", data={"card_id": cards[1], "target": "new"})
    new = group_id(app, workshop, cards[1])
    assert new not in (bus, housing)
    assert groups(app, workshop)[0][1:] == ("proposed", [cards[0]])
    # merge it back, rename, give it a table, confirm
    client.post(f"/ateliers/MIDI/apres-midi/{new}/fusionner", data={"into": bus})
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/modifier",
                data={"name": "  Bus du  dimanche ", "table": "Salle B"})
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/confirmer", data={"confirmed": "1"})
    # the loose need joins the housing group, then leaves every group
    client.post("/ateliers/MIDI/apres-midi/deplacer", data={"card_id": cards[4],
                                                            "target": str(housing)})
    assert groups(app, workshop)[1][2] == [cards[2], cards[3], cards[4]]
    client.post("/ateliers/MIDI/apres-midi/deplacer", data={"card_id": cards[4], "target": "none"})
    assert groups(app, workshop) == [
        ("Bus du dimanche", "confirmed", [cards[0], cards[1]]),
        ("Logement des saisonniers trop cher", "proposed", [cards[2], cards[3]]),
    ]
    page = client.get("/ateliers/MIDI/apres-midi/").get_data(as_text=True)
    assert "Salle B" in page and "Confirmé" in page


def test_confirm_gives_a_table_number(app, client, login, morning):
    workshop, cards = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    for card in (cards[2], cards[0]):
        client.post(f"/ateliers/MIDI/apres-midi/{group_id(app, workshop, card)}/confirmer")
    with app.app_context():
        tables = {g.name: g.table_label for g in db.session.scalars(select(AfternoonGroup))}
    assert tables == {"Logement des saisonniers trop cher": "1", "Pas de bus le dimanche": "2"}
    page = client.get("/ateliers/MIDI/apres-midi/").get_data(as_text=True)
    assert "Table 1" in page and "Table 2" in page


def test_moving_a_card_of_another_workshop_is_not_found(client, login, morning, make_workshop,
                                                        make_card):
    other_card = make_card(make_workshop(code="AUTRE"), "besoin")
    login()
    response = client.post("/ateliers/MIDI/apres-midi/deplacer",
                           data={"card_id": other_card.id, "target": "new"})
    assert response.status_code == 404
    assert client.post("/ateliers/MIDI/apres-midi/deplacer",
                       data={"card_id": morning[1][0], "target": "x"}).status_code == 400


def printed(client, data: dict | None = None) -> tuple[str, list[str]]:
    response = client.post("/ateliers/MIDI/apres-midi/imprimer", data=data or {})
    assert response.mimetype == "application/pdf"
    pages = [" ".join(t.split()) for t in pdf_page_texts(response.data)]
    return response.headers["Content-Disposition"], pages


def test_print_runsheet_and_sheets_of_confirmed_groups_with_consent(app, client, login, morning):
    workshop, cards = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    bus, housing = group_id(app, workshop, cards[0]), group_id(app, workshop, cards[2])
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/confirmer")
    client.post(f"/ateliers/MIDI/apres-midi/{housing}/confirmer")
    disposition, pages = printed(client)
    assert disposition == 'inline; filename="MIDI-groupes-apres-midi.pdf"'
    assert len(pages) == 3
    assert "Table 1 Pas de bus le dimanche — 2 besoins, 8 votes, 2 personnes" in pages[0]
    assert ("Table 2 Logement des saisonniers trop cher — 2 besoins, 6 votes, 2 personnes"
            in pages[0])
    # public and "participants" consents are printed; "aucun" and no answer are not
    assert "Prénom1 Nom1" in pages[1] and "Prénom2 Nom2" in pages[1]
    assert "Pas de bus le dimanche · Transports en commun rares le week-end" in pages[1]
    assert "Prénom3" not in pages[2]
    # Prénom4 wrote a housing need but did not tick "je veux y travailler"
    assert "Prénom4" not in pages[2]
    with app.app_context():
        group = db.session.get(AfternoonGroup, bus)
        assert group.sheet_card.type_key == "graine" and group.sheet_card.slot >= 1000
        assert group.sheet_card.prefill == {
            "titre": "Pas de bus le dimanche",
            "besoins": "Pas de bus le dimanche · Transports en commun rares le week-end",
            "membre_1_nom": "Prénom1 Nom1", "membre_1_numero": "1",
            "membre_2_nom": "Prénom2 Nom2", "membre_2_numero": "2"}
        assert group.sheet_card.code in pages[1]
        code = group.sheet_card.code
    # reprinting keeps the sheet's code
    _, again = printed(client, {"group_id": str(bus)})
    assert len(again) == 1 and code in again[0]


def test_print_leaves_out_texts_and_ticks_waiting_for_review(app, client, login, morning):
    workshop, cards = morning
    with app.app_context():
        text = db.session.scalars(select(FieldValue).where(
            FieldValue.card_id == cards[1], FieldValue.field_name == "texte")).one()
        text.review, text.proposal = "pending", text.value
        tick = db.session.scalars(select(FieldValue).where(
            FieldValue.card_id == cards[0], FieldValue.field_name == "travailler")).one()
        tick.review = "pending"
        db.session.commit()
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    bus = group_id(app, workshop, cards[0])
    page = client.get("/ateliers/MIDI/apres-midi/").get_data(as_text=True)
    assert "lecture à vérifier" in page  # shown to the organiser, flagged
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/confirmer")
    _, pages = printed(client, {"group_id": str(bus)})
    assert "Transports en commun" not in pages[0] and "Prénom1" not in pages[0]
    assert "Prénom2 Nom2" in pages[0]


def test_print_one_sheet_of_a_proposed_group_is_refused(app, client, login, morning):
    workshop, cards = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    bus = group_id(app, workshop, cards[0])
    response = client.post("/ateliers/MIDI/apres-midi/imprimer", data={"group_id": str(bus)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(AfternoonGroup, bus).sheet_card_id is None


def test_kit_reprint_leaves_afternoon_sheets_out(app, client, login, morning):
    from kit.services.kits import build_kit_request, ensure_cards

    workshop, cards = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    bus = group_id(app, workshop, cards[0])
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/confirmer")
    printed(client)
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        ensure_cards(live)
        sheet = db.session.get(AfternoonGroup, bus).sheet_card.code
        assert sheet not in {c.code for c in build_kit_request(live).group_sheets}


def test_erasing_a_person_removes_them_from_printed_sheets(app, client, login, morning):
    from kit.models import Participant
    from kit.services import personal_data

    workshop, cards = morning
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    bus = group_id(app, workshop, cards[0])
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/confirmer")
    printed(client)
    with app.app_context():
        person = db.session.scalars(select(Participant).where(Participant.number == 1)).one()
        personal_data.erase(personal_data.person_of_participant(person),
                            app.config["CROPS_DIR"])
        prefill = db.session.get(AfternoonGroup, bus).sheet_card.prefill
    assert {k: v for k, v in prefill.items() if k.startswith("membre_")} == {
        "membre_1_nom": "Prénom2 Nom2", "membre_1_numero": "2"}
    _, pages = printed(client, {"group_id": str(bus)})
    assert "Prénom1" not in pages[0]


def test_a_group_of_machine_readings_waits_for_a_name(app, client, login, morning):
    workshop, cards = morning
    with app.app_context():
        for card_id in cards[:2]:
            text = db.session.scalars(select(FieldValue).where(
                FieldValue.card_id == card_id, FieldValue.field_name == "texte")).one()
            text.review, text.proposal, text.value = "pending", text.value, None
        db.session.commit()
    login()
    client.post("/ateliers/MIDI/apres-midi/proposer")
    bus = group_id(app, workshop, cards[0])
    assert groups(app, workshop)[0] == ("", "proposed", [cards[0], cards[1]])
    page = client.get("/ateliers/MIDI/apres-midi/", follow_redirects=True).get_data(as_text=True)
    assert "Groupe sans nom" in page
    response = client.post(f"/ateliers/MIDI/apres-midi/{bus}/confirmer", follow_redirects=True)
    assert "Donnez un nom au groupe avant de le confirmer" in response.get_data(as_text=True)
    assert groups(app, workshop)[0][1] == "proposed"
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/modifier", data={"name": "Bus", "table": ""})
    client.post(f"/ateliers/MIDI/apres-midi/{bus}/confirmer")
    assert groups(app, workshop)[0][:2] == ("Bus", "confirmed")
