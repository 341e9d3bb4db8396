"""On PostgreSQL: participants numbered and searched, and the all-or-nothing CSV import."""
from __future__ import annotations

import io

import pytest

from kit.extensions import db
from kit.models import Participant, Workshop
from kit.services.participants import ParticipantError, save_participant, search_participants

pytestmark = pytest.mark.postgres

HEADER = "Prénom;Nom;Commune;Territoire;E-mail;Téléphone;Bénévole journal"
ROWS = ["Camille;Arnaud;Briançon;Briançonnais;camille@example.org;0492001101;non",
        "Margaux;Eyraud;Vallouise-Pelvoux;Pays des Écrins;margaux@example.org;;oui"]


def csv_bytes(*rows: str) -> bytes:
    return "\r\n".join([HEADER, *rows]).encode("utf-8")


@pytest.fixture
def import_csv(client, login):
    """Upload a CSV for ``workshop`` and confirm it; return the confirmation page's text."""
    login()

    def do_import(workshop, data: bytes) -> str:
        sent = client.post(f"/ateliers/{workshop.code}/import/",
                           data={"file": (io.BytesIO(data), "inscrits.csv")},
                           content_type="multipart/form-data")
        preview = sent.headers["Location"]
        done = client.post(preview, data={"token": preview.rsplit("/")[-1]},
                           follow_redirects=True)
        assert done.status_code == 200
        return done.get_data(as_text=True)
    return do_import


def people_of(app, workshop) -> list[tuple]:
    with app.app_context():
        return [(p.number, p.full_name, p.commune, p.journal_volunteer)
                for p in search_participants(db.session.get(Workshop, workshop.id))]


def test_participants_numbered_and_searched_case_insensitively(app, make_workshop,
                                                               make_participant):
    workshop = make_workshop()
    make_participant(workshop, first_name="Sophie", last_name="Chaix",
                     structure="Mairie de Névache")
    make_participant(workshop, first_name="Luc", last_name="Garcin", email="LUC@Example.org")
    make_participant(workshop, first_name="Inès", last_name="Blanc", origin="useful_contact")
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        found = [(p.number, p.last_name) for p in search_participants(live, "MAIRIE")]
        everyone = [(p.number, p.last_name) for p in search_participants(live)]
        with pytest.raises(ParticipantError, match="luc@example.org"):
            save_participant(live, {"first_name": "Luc", "email": "luc@EXAMPLE.org "})
    assert found == [(1, "Chaix")]
    assert everyone == [(1, "Chaix"), (2, "Garcin"), (None, "Blanc")]  # contacts last


def test_csv_import_adds_every_row_after_existing_participants(app, import_csv, make_workshop,
                                                               make_participant):
    workshop = make_workshop()
    make_participant(workshop, first_name="Sophie", last_name="Chaix", commune="Névache")
    html = import_csv(workshop, csv_bytes(*ROWS))
    assert "2 participants importés." in html
    assert people_of(app, workshop) == [(1, "Sophie Chaix", "Névache", False),
                                        (2, "Camille Arnaud", "Briançon", False),
                                        (3, "Margaux Eyraud", "Vallouise-Pelvoux", True)]


@pytest.mark.parametrize("bad_row, message", [
    ("Luc;Garcin;Gap;Vercors;luc@example.org;;non", "valeur « Vercors » non reconnue"),
    ("Luc;Garcin;" + "Saint-" * 20 + "Gap;hors territoire;luc@example.org;;non",
     "Ligne 4 : commune trop long (plus de 100 caractères)."),
], ids=["bad-territory", "commune-longer-than-its-column"])
def test_csv_import_with_one_bad_row_imports_nothing(app, import_csv, make_workshop, bad_row,
                                                     message):
    workshop = make_workshop()
    html = import_csv(workshop, csv_bytes(*ROWS, bad_row))
    assert message in html and "rien n’a été importé" in html
    with app.app_context():
        assert db.session.query(Participant).count() == 0
