"""The participants CSV parser and value readers, without Flask."""
from __future__ import annotations

import pytest

from kit.services.csv_import import decode_csv, normalise_header, parse_participants_csv
from kit.services.values import (
    ValueProblem,
    parse_actor_type,
    parse_consent,
    parse_phone,
    parse_territory,
    parse_yes_no,
)


@pytest.mark.parametrize("header, expected", [
    ("Prénom", "prenom"), (" E-MAIL ", "e mail"), ("Lettre d’Information", "lettre d information"),
    ("Type d'acteur", "type d acteur"), ("BÉNÉVOLE_JOURNAL", "benevole journal"),
])
def test_normalise_header_ignores_case_accents_and_punctuation(header, expected):
    assert normalise_header(header) == expected


@pytest.mark.parametrize("cell, key", [
    ("Pays des Écrins", "ecrins"), ("CC du Briançonnais", "brianconnais"),
    ("Guillestrois-Queyras", "guillestrois"), ("Queyras", "guillestrois"),
    ("hors territoire", "hors"), ("", None),
])
def test_parse_territory_maps_french_names(cell, key):
    assert parse_territory(cell) == key


@pytest.mark.parametrize(
    "cell, key",
    [
        ("acteur public", "public"),
        ("Élu·e", "public"),
        ("Socioprofessionnel·le", "socioprofessionnel"),
        ("Porteur·se de projet", "porteur"),
        ("Citoyen·ne", "citoyen"),
        ("asso", "association"),
    ],
)
def test_parse_actor_type_maps_french_labels(cell, key):
    assert parse_actor_type(cell) == key


@pytest.mark.parametrize("cell, key", [
    ("Carnet d'adresses partagé avec les participants", "participants"),
    ("Restitution publique", "public"), ("Ni l'un ni l'autre", "aucun"), ("non", "aucun"),
])
def test_parse_consent_maps_card_wording(cell, key):
    assert parse_consent(cell) == key


@pytest.mark.parametrize("cell, value", [("Oui", True), ("x", True), ("NON", False), ("", False)])
def test_parse_yes_no_accepts_french_words(cell, value):
    assert parse_yes_no(cell) is value


@pytest.mark.parametrize("parser, cell", [(parse_yes_no, "peut-être"), (parse_territory, "Vercors"),
                                          (parse_phone, "06 12"), (parse_phone, "appelez-moi")])
def test_value_parsers_reject_unknown_values(parser, cell):
    with pytest.raises(ValueProblem):
        parser(cell)


def test_parse_phone_groups_french_numbers_and_keeps_international():
    assert parse_phone("0612345678") == "06 12 34 56 78"
    assert parse_phone("+33 6 12 34 56 78") == "+33 6 12 34 56 78"


def test_decode_csv_detects_each_encoding():
    text = "prénom;nom\nÉlise;Vasserot\n"
    assert decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "UTF-8")
    assert decode_csv(text.encode("utf-8")) == (text, "UTF-8")
    assert decode_csv(text.encode("cp1252")) == (text, "Windows-1252")
    assert decode_csv(text.encode("utf-16")) is None
    assert decode_csv(b"PK\x03\x04\x14\x00") is None  # an .xlsx sent by mistake


def test_parse_reports_line_numbers_after_blank_and_multiline_rows():
    data = ('prénom;nom;structure\n\nA;B;"deux\nlignes"\n;C;x\n').encode()
    result = parse_participants_csv(data)
    assert [row.line for row in result.rows] == [4, 5]
    assert [issue.message() for issue in result.errors] == ["Ligne 5 : prénom vide."]


def test_parse_duplicate_email_in_file_names_first_line():
    data = b"prenom,nom,email\nA,B,a@example.org\nC,D,b@example.org\nE,F,A@Example.org\n"
    result = parse_participants_csv(data)
    assert [i.message() for i in result.errors] == [
        "Ligne 4 : e-mail « a@example.org » déjà présent ligne 2."]


def test_parse_email_already_registered_is_an_error():
    result = parse_participants_csv(b"prenom;nom;e-mail\nA;B;a@example.org\n",
                                    existing_emails={"A@example.org"})
    assert [i.code for i in result.errors] == ["duplicate_email_db"]


def test_parse_unknown_column_is_a_warning_and_duplicate_column_an_error():
    result = parse_participants_csv(b"prenom;nom;remarque\nA;B;x\n")
    assert result.ok and [w.message() for w in result.warnings] == [
        "Colonne « remarque » ignorée (non reconnue)."]
    result = parse_participants_csv(b"prenom;nom;Nom\nA;B;C\n")
    assert [i.message() for i in result.errors] == ["La colonne « nom » apparaît deux fois."]


def test_parse_header_only_or_empty_file_is_an_error():
    assert [i.code for i in parse_participants_csv(b"prenom;nom\n").errors] == ["no_rows"]
    assert [i.code for i in parse_participants_csv(b" \n").errors] == ["empty_file"]


def test_parse_too_long_cell_is_an_error():
    result = parse_participants_csv(("prenom;nom;structure\nA;B;" + "C" * 201 + "\n").encode())
    assert [i.message() for i in result.errors] == [
        "Ligne 2 : structure trop long (plus de 200 caractères)."]


def test_parse_cell_longer_than_its_column_is_an_error():
    result = parse_participants_csv(("prenom;nom\nA;" + "B" * 101 + "\nC;" + "D" * 100).encode())
    assert [i.message() for i in result.errors] == [
        "Ligne 2 : nom trop long (plus de 100 caractères)."]


def test_issue_message_uses_given_gettext():
    issue = parse_participants_csv(b"nom\nB\n").errors[0]
    assert issue.message(lambda text, **values: "EN: " + text % values).startswith("EN: Colonne")
