"""Exports: vCard 4.0 and CSV of the address book (consent filtered), diagnostic CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from kit.extensions import db
from kit.models import Participant, Workshop
from kit.services import exports

CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=[^:;]+)*:.*$")


def download(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    disposition = response.headers["Content-Disposition"]
    return response, disposition


def parse_vcards(data: bytes) -> list[dict[str, list[str]]]:
    """A strict reader: CRLF only, folded lines <= 75 octets, BEGIN/VERSION/.../END."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for physical in text.split("\r\n")[:-1]:
        assert len(physical.encode("utf-8")) <= 75, physical
    cards, current = [], None
    for line in text.replace("\r\n ", "").split("\r\n")[:-1]:
        assert CONTENT_LINE.match(line), line
        name, value = line.split(":", 1)
        if line == "BEGIN:VCARD":
            current = {}
        elif line == "END:VCARD":
            cards.append(current)
            current = None
        else:
            current.setdefault(name, []).append(value)
    assert current is None
    return cards


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@pytest.fixture
def contacts(make_workshop, make_participant):
    workshop = make_workshop(title="Mobilité douce, Grand Briançonnais")
    make_participant(workshop, first_name="Sophie", last_name="Chaix", consent="participants",
                     structure="Vélo Club; Briançon, section VTT", role="Présidente",
                     commune="Saint-Chaffrey", phone="06 12 34 56 03", territory="brianconnais",
                     actor_type="association", email="sophie.chaix@example.org")
    make_participant(workshop, first_name="Marc", last_name="Blanc", consent="public",
                     phone="+41 22 555 01 02", structure="=HYPERLINK(\"http://x\")")
    make_participant(workshop, first_name="Nina", last_name="Secret", consent="aucun",
                     email="nina.secret@example.org")
    make_participant(workshop, first_name="Paul", last_name="Muet", consent=None,
                     email="paul.muet@example.org")
    return workshop


def test_vcard_export_is_valid_and_holds_only_consenting_people(client, login, contacts):
    login()
    response, disposition = download(client, f"/ateliers/{contacts.code}/resultats/carnet.vcf")
    assert response.mimetype == "text/vcard"
    assert disposition == f'attachment; filename="{contacts.code}-carnet.vcf"'
    cards = parse_vcards(response.data)
    assert [card["FN"] for card in cards] == [["Sophie Chaix"], ["Marc Blanc"]]
    assert b"Secret" not in response.data and b"Muet" not in response.data
    sophie = cards[0]
    assert sophie["VERSION"] == ["4.0"] and list(sophie)[0] == "VERSION"
    assert sophie["N"] == ["Chaix;Sophie;;;"]
    assert sophie["ORG"] == ["Vélo Club\\; Briançon\\, section VTT"]
    assert unescape(sophie["ORG"][0]) == "Vélo Club; Briançon, section VTT"
    assert sophie["TITLE"] == ["Présidente"]
    assert sophie["EMAIL;TYPE=work"] == ["sophie.chaix@example.org"]
    assert sophie["TEL;VALUE=uri;TYPE=voice"] == ["tel:+33612345603"]
    assert sophie["ADR;TYPE=work"] == [";;;Saint-Chaffrey;;;"]
    assert unescape(sophie["NOTE"][0]) == (f"Mobilité douce, Grand Briançonnais ({contacts.code})"
                                           " · Association · Briançonnais")
    assert cards[1]["TEL;VALUE=uri;TYPE=voice"] == ["tel:+41225550102"]
    assert cards[0]["UID"] != cards[1]["UID"]


def test_vcard_long_lines_fold_without_cutting_a_character():
    line = "NOTE:" + "é" * 60  # 125 octets: two folds, never inside a two-octet "é"
    folded = exports.fold_line(line)
    pieces = folded.split("\r\n")
    assert [len(p.encode("utf-8")) <= 75 for p in pieces] == [True] * len(pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def test_vcard_escapes_newlines_and_backslashes():
    assert exports.escape_text("a\\b\nc,d;e") == "a\\\\b\\nc\\,d\\;e"


def test_csv_export_has_bom_semicolons_and_only_consenting_people(client, login, contacts):
    login()
    response, disposition = download(client,
                                     f"/ateliers/{contacts.code}/resultats/carnet-partage.csv")
    assert disposition == f'attachment; filename="{contacts.code}-carnet-partage.csv"'
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbfN\xc2\xb0;Pr\xc3\xa9nom;Nom;")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["N°", "Prénom", "Nom", "Structure", "Rôle / fonction", "Commune",
                       "Territoire", "Type d'acteur", "E-mail", "Téléphone", "Origine"]
    assert [row[2] for row in rows[1:]] == ["Chaix", "Blanc"]
    assert rows[1][3] == "Vélo Club; Briançon, section VTT"  # quoted, not split
    assert rows[1][6:8] == ["Briançonnais", "Association"]
    assert rows[2][3] == "'=HYPERLINK(\"http://x\")"  # never run as a formula by Excel
    assert rows[2][9] == "+41 22 555 01 02"  # a phone number is not a formula


def test_internal_csv_holds_everyone(client, login, contacts):
    login()
    response, _ = download(client, f"/ateliers/{contacts.code}/resultats/carnet-interne.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert [row[2] for row in rows[1:]] == ["Chaix", "Blanc", "Secret", "Muet"]
    # the organisers' own file carries consents and opt-ins; the shared one does not
    assert rows[0][-3:] == ["Consentement", "Lettre d'information", "Bénévole pour le journal"]
    assert [row[-3] for row in rows[1:]] == [
        "Carnet d'adresses partagé avec les participants", "Restitution publique",
        "Ni l'un ni l'autre", "pas encore demandé"]
    assert [row[-2:] for row in rows[1:]] == [["non", "non"]] * 4
    shared, _ = download(client, f"/ateliers/{contacts.code}/resultats/carnet-partage.csv")
    assert "Consentement" not in shared.data.decode("utf-8-sig").split("\r\n")[0]


def test_csv_export_headers_follow_the_language(client, login, contacts):
    login()
    client.post("/langue", data={"lang": "en"})
    response, _ = download(client, f"/ateliers/{contacts.code}/resultats/carnet-partage.csv")
    header = response.data.decode("utf-8-sig").split("\r\n")[0]
    assert header == ("No.;First name;Last name;Organisation;Role / position;Municipality;"
                      "Territory;Actor type;E-mail;Phone;Origin")


def test_exporter_contract_returns_filename_type_and_bytes(app, contacts):
    with app.app_context():
        workshop = db.session.get(Workshop, contacts.id)
        people = list(db.session.scalars(db.select(Participant).order_by(Participant.id)))
        for export in (exports.export_vcards(workshop, people),
                       exports.export_address_book_csv(workshop, people, "interne"),
                       exports.export_diagnostic_csv(workshop),
                       exports.export_diagnostic_json(workshop)):
            filename, content_type, data = export
            assert filename.startswith(contacts.code) and isinstance(data, bytes)
            assert content_type.endswith("charset=utf-8")


@pytest.fixture
def diagnostic_workshop(make_workshop, make_participant, make_card, make_field_value):
    workshop = make_workshop()
    person = make_participant(workshop, first_name="Alice", last_name="Roux")
    frein = make_card(workshop, "frein", participant=person, zone="freins", cluster="1")
    make_field_value(frein, "texte", value="Pas de bus; ni de train", review="confirmed",
                     crop=False)
    besoin = make_card(workshop, "besoin", participant=person, zone="besoins")
    make_field_value(besoin, "texte", proposal="Garage à vélos", crop=False)
    make_field_value(besoin, "votes", value="4", review="auto", crop=False)
    make_field_value(besoin, "travailler", value="1", review="auto", crop=False)
    graine = make_card(workshop, "graine", zone="graines")
    make_field_value(graine, "titre", value="Vélo-bus", review="confirmed", crop=False)
    make_field_value(graine, "membre_2_nom", value="Alice Roux", review="confirmed", crop=False)
    make_field_value(graine, "membre_2_numero", value="1", review="confirmed", crop=False)
    return workshop


def test_diagnostic_csv_lists_cards_and_needs(client, login, diagnostic_workshop):
    login()
    response, disposition = download(
        client, f"/ateliers/{diagnostic_workshop.code}/resultats/etat-des-lieux.csv")
    assert disposition.endswith('-etat-des-lieux.csv"')
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Rubrique", "Zone", "Groupe", "Carte", "N° participant", "Texte"]
    assert [r[0] for r in rows[1:]] == ["Freins", "Besoins"]
    assert rows[1][1:3] == ["freins", "1"] and rows[1][4:6] == ["1", "Pas de bus; ni de train"]
    # a value waiting for review is not exported: only flagged
    assert rows[2][5] == "" and rows[2][7:10] == ["4", "1", "oui"]


def test_diagnostic_json_holds_sections_needs_and_seeds(client, login, diagnostic_workshop):
    login()
    response, _ = download(
        client, f"/ateliers/{diagnostic_workshop.code}/resultats/etat-des-lieux.json")
    assert response.mimetype == "application/json"
    data = json.loads(response.data.decode("utf-8"))
    assert data["workshop"]["code"] == diagnostic_workshop.code
    (group,) = data["diagnostic"]["frein"]
    assert (group["zone"], group["cluster"]) == ("freins", "1")
    assert group["cards"][0]["text"] == {"text": "Pas de bus; ni de train", "verified": True}
    assert data["diagnostic"]["levier"] == [] and data["diagnostic"]["ressource"] == []
    (need,) = data["needs"]
    assert (need["votes"], need["volunteer_number"]) == (4, 1)
    assert need["text"] == {"text": "", "verified": False}
    (seed,) = data["seeds"]
    assert seed["title"]["text"] == "Vélo-bus"
    assert seed["members"] == [{"name": "Alice Roux", "number": "1", "email": ""}]
    assert "Vélo-bus" in response.data.decode("utf-8")  # accents kept, not \u escapes


def test_useful_contact_carries_why_it_is_useful(app, client, login, make_workshop,
                                                 make_participant, make_card,
                                                 make_field_value):
    from kit.models import CardReading

    login()
    workshop = make_workshop()
    owner = make_participant(workshop, first_name="Alice", last_name="Roux")
    contact = make_participant(workshop, first_name="Léa", last_name="Garnier",
                               origin="useful_contact", consent="participants")
    card = make_card(workshop, "contact", participant=owner, zone="freins")
    make_field_value(card, "pourquoi", value="Connaît les horaires des navettes",
                     review="confirmed", crop=False)
    with app.app_context():
        reading = db.session.scalars(db.select(CardReading).filter_by(card_id=card.id)).one()
        reading.participant_id = contact.id
        db.session.commit()
    html = client.get(f"/ateliers/{workshop.code}/resultats/carnet").get_data(as_text=True)
    assert "Pourquoi utile : Connaît les horaires des navettes" in html
    response, _ = download(client, f"/ateliers/{workshop.code}/resultats/carnet.vcf")
    (card_data,) = parse_vcards(response.data)
    assert unescape(card_data["NOTE"][0]).endswith(
        " · Contact utile · Connaît les horaires des navettes")
