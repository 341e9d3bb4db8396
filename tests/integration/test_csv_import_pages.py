"""CSV import through the pages: upload, preview, confirm; every error imports nothing."""
from __future__ import annotations

import io
import re

import pytest

from kit.extensions import db
from kit.models import Participant

HEADER = ("Prénom;Nom;Structure;Rôle;Commune;Territoire;Type d'acteur;E-mail;Téléphone;"
          "Consentement;Lettre d'information;Bénévole journal")
GOOD_ROWS = [
    "Camille;Arnaud;Mairie de Briançon;Adjointe;Briançon;Briançonnais;Acteur public;"
    "camille@example.org;0492001101;participants;oui;non",
    "Margaux;Eyraud;Parc national des Écrins;Chargée de mission;Vallouise-Pelvoux;"
    "Pays des Écrins;association;margaux@example.org;;public;non;oui",
]


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\r\n".join([header, *rows]).encode(encoding)


@pytest.fixture
def upload(client, login, make_workshop):
    """Log in, upload bytes for a new workshop; return (workshop, preview response)."""
    login()

    def do_upload(data: bytes, workshop=None):
        workshop = workshop or make_workshop()
        response = client.post(f"/ateliers/{workshop.code}/import/",
                               data={"file": (io.BytesIO(data), "inscrits.csv")},
                               content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)
        return workshop, client.get(response.headers["Location"])
    return do_upload


def participant_count(app) -> int:
    with app.app_context():
        return db.session.query(Participant).count()


def test_import_page_lists_expected_headers(client, login, make_workshop):
    login()
    workshop = make_workshop()
    html = client.get(f"/ateliers/{workshop.code}/import/").get_data(as_text=True)
    assert "prénom; nom; structure; rôle" in html and 'type="file"' in html


def test_import_preview_then_confirm_adds_every_row(client, upload, app):
    workshop, preview = upload(
        csv_bytes(*GOOD_ROWS).replace(b"Pr\xc3\xa9nom", b"\xef\xbb\xbfPRENOM")
    )
    html = preview.get_data(as_text=True)
    assert "Encodage : UTF-8 · séparateur : « ; »" in html
    assert "2 lignes lues" in html and "Pays des Écrins" in html
    assert participant_count(app) == 0  # nothing before confirmation
    response = client.post(
        preview.request.path, data={"token": preview.request.path.rsplit("/")[-1]}
    )
    assert response.headers["Location"] == f"/ateliers/{workshop.code}/participants/"
    with app.app_context():
        people = db.session.query(Participant).order_by(Participant.number).all()
        assert [(p.number, p.first_name, p.last_name, p.origin) for p in people] == [
            (1, "Camille", "Arnaud", "preregistered"), (2, "Margaux", "Eyraud", "preregistered")]
        assert (people[0].territory, people[0].actor_type, people[0].phone) == (
            "brianconnais", "public", "04 92 00 11 01")
        assert (people[1].territory, people[1].consent, people[1].journal_volunteer) == (
            "ecrins", "public", True)


def test_import_windows_1252_with_commas(client, upload, app):
    rows = ["Hélène,Garçon,hors territoire,helene@example.org"]
    data = csv_bytes(*rows, header="prénom,nom,territoire,e-mail", encoding="cp1252")
    workshop, preview = upload(data)
    assert "Encodage : Windows-1252 · séparateur : « , »" in preview.get_data(as_text=True)
    client.post(preview.request.path, data={"token": preview.request.path.rsplit("/")[-1]})
    with app.app_context():
        person = db.session.query(Participant).one()
        assert (person.first_name, person.last_name, person.territory) == (
            "Hélène", "Garçon", "hors")


@pytest.mark.parametrize("data, messages", [
    ("prénom;nom\nÉlise;Vasserot\n".encode("utf-16"),
     ["Le fichier n’est ni en UTF-8 ni en Windows-1252 (enregistrez-le en « CSV UTF-8 »)."]),
    (csv_bytes("Arnaud;camille@example.org", header="Nom;E-mail"),
     ["Colonne obligatoire manquante : « prénom »."]),
    (csv_bytes(GOOD_ROWS[0], GOOD_ROWS[1].replace("margaux@", "CAMILLE@")),
     ["Ligne 3 : e-mail « camille@example.org » déjà présent ligne 2."]),
    (csv_bytes(GOOD_ROWS[0], ";;Mairie;;;;;;;;;"),
     ["Ligne 3 : prénom vide.", "Ligne 3 : nom vide."]),
    (csv_bytes(GOOD_ROWS[0].replace("camille@example.org", "camille.example.org")),
     ["Ligne 2 : e-mail « camille.example.org » invalide."]),
    (csv_bytes(GOOD_ROWS[0].replace("Briançonnais", "Vercors")),
     ["Ligne 2 : valeur « Vercors » non reconnue pour territoire (attendu : Briançonnais, "
      "Pays des Écrins, Guillestrois-Queyras, hors territoire)."]),
], ids=["encoding", "missing-column", "duplicate-email", "empty-name", "bad-email",
        "bad-territory"])
def test_import_with_error_shows_message_and_imports_nothing(client, upload, app, data,
                                                             messages):
    workshop, preview = upload(data)
    html = preview.get_data(as_text=True)
    for message in messages:
        assert message.replace("'", "&#39;") in html
    assert "rien ne sera importé" in html and "Importer les" not in html
    token = preview.request.path.rsplit("/")[-1]
    response = client.post(preview.request.path, data={"token": token})
    assert "Le fichier contient des erreurs : rien n’a été importé." in response.get_data(
        as_text=True)
    assert participant_count(app) == 0


def test_import_email_already_in_workshop_imports_nothing(client, upload, app, make_workshop,
                                                          make_participant):
    workshop = make_workshop()
    make_participant(workshop, email="margaux@example.org")
    _, preview = upload(csv_bytes(*GOOD_ROWS), workshop)
    assert ("Ligne 3 : e-mail « margaux@example.org » déjà inscrit dans cet atelier."
            in preview.get_data(as_text=True))
    client.post(preview.request.path, data={"token": preview.request.path.rsplit("/")[-1]})
    assert participant_count(app) == 1


def test_import_confirm_recheck_catches_email_added_meanwhile(client, upload, app,
                                                              make_participant):
    workshop, preview = upload(csv_bytes(*GOOD_ROWS))
    make_participant(workshop, email="camille@example.org")  # added after the preview
    response = client.post(preview.request.path,
                           data={"token": preview.request.path.rsplit("/")[-1]})
    assert "déjà inscrit dans cet atelier" in response.get_data(as_text=True)
    assert participant_count(app) == 1


def test_import_numbers_follow_existing_participants(client, upload, app, make_workshop,
                                                     make_participant):
    workshop = make_workshop()
    make_participant(workshop)
    _, preview = upload(csv_bytes(*GOOD_ROWS), workshop)
    client.post(preview.request.path, data={"token": preview.request.path.rsplit("/")[-1]})
    with app.app_context():
        numbers = sorted(p.number for p in db.session.query(Participant))
        assert numbers == [1, 2, 3]


def test_import_unknown_token_is_404(client, login, make_workshop):
    login()
    workshop = make_workshop()
    assert client.get(f"/ateliers/{workshop.code}/import/{'0' * 32}").status_code == 404
    assert client.get(f"/ateliers/{workshop.code}/import/..%2Fsecret_key").status_code == 404


def test_import_without_file_asks_for_one(client, login, make_workshop):
    login()
    workshop = make_workshop()
    html = client.post(f"/ateliers/{workshop.code}/import/", data={},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Choisissez un fichier." in html


def test_demo_csv_imports_cleanly():
    from kit.services.csv_import import parse_participants_csv
    from kit.services.demo import DEMO_CSV

    result = parse_participants_csv(DEMO_CSV.read_bytes())
    assert result.ok, [issue.message() for issue in result.errors]
    assert len(result.rows) == 24
    embrun = [r.values for r in result.rows if r.values["commune"] == "Embrun"]
    assert embrun and all(values["territory"] == "hors" for values in embrun)
    assert not re.search(r"\?", DEMO_CSV.read_text(encoding="utf-8"))  # no lost accents
