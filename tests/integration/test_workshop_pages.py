"""Workshop list, creation, edition and the workshop page."""
from __future__ import annotations

import datetime as dt

import pytest

from kit.extensions import db
from kit.models import Workshop
from kit.services.workshops import get_workshop

FORM = {"code": "mob26", "title": "Mobilité douce dans le Grand Briançonnais",
        "theme": "Mobilité douce", "place": "Briançon", "date": "2026-06-18",
        "start_time": "09:00", "lunch_time": "12:30", "end_time": "17:00",
        "organiser": "PETR", "contact": "mobilite@example.org",
        "pack_identite": "1", "pack_frein": "3", "pack_levier": "2", "pack_ressource": "1",
        "pack_besoin": "2", "pack_contact": "0", "blank_packs": "4", "group_sheets": ""}


def test_workshop_list_when_empty_invites_to_create(client, login):
    login()
    html = client.get("/ateliers/").get_data(as_text=True)
    assert "Aucun atelier pour l’instant" in html
    assert 'href="/ateliers/nouveau"' in html


def test_workshop_list_shows_each_workshop_with_participant_count(client, login, make_workshop,
                                                                  make_participant):
    login()
    first = make_workshop(code="MOB26", title="Mobilité douce", date=dt.date(2026, 6, 18))
    make_workshop(code="ALIM27", title="Alimentation locale")
    make_participant(first)
    make_participant(first)
    html = client.get("/ateliers/").get_data(as_text=True)
    assert 'href="/ateliers/MOB26/">MOB26</a>' in html and "Alimentation locale" in html
    assert "18 juin 2026" in html
    assert '<td class="num">2</td>' in html and '<td class="num">0</td>' in html


def test_create_workshop_stores_every_field(client, login, app):
    user = login()
    response = client.post("/ateliers/nouveau", data=FORM)
    assert response.headers["Location"] == "/ateliers/MOB26/"
    with app.app_context():
        workshop = get_workshop("MOB26")
        assert workshop.title == FORM["title"] and workshop.place == "Briançon"
        assert workshop.date == dt.date(2026, 6, 18)
        assert (workshop.start_time, workshop.lunch_time, workshop.end_time) == (
            dt.time(9), dt.time(12, 30), dt.time(17))
        assert workshop.pack_counts == {"identite": 1, "frein": 3, "levier": 2, "ressource": 1,
                                        "besoin": 2, "contact": 0}
        assert workshop.blank_packs == 4 and workshop.group_sheets is None
        assert workshop.created_by_id == user.id


@pytest.mark.parametrize("changes, message", [
    ({"code": "MO B"}, "2 à 8 lettres ou chiffres, sans espace."),
    ({"code": "TROPLONG9"}, "2 à 8 lettres ou chiffres, sans espace."),
    ({"title": ""}, "This field is required."),
    ({"pack_identite": "2"}, "Number must be between 0 and 1."),
])
def test_create_workshop_with_bad_field_shows_error(client, login, app, changes, message):
    login()
    response = client.post("/ateliers/nouveau", data={**FORM, **changes})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    with app.app_context():
        assert db.session.query(Workshop).count() == 0
    # WTForms' own messages come translated to French
    french = {"This field is required.": "Ce champ est requis.",
              "Number must be between 0 and 1.": "Le nombre doit être compris entre 0 et 1."}
    assert french.get(message, message) in html


def test_create_workshop_with_taken_code_is_refused(client, login, make_workshop, app):
    login()
    make_workshop(code="MOB26")
    html = client.post("/ateliers/nouveau", data=FORM).get_data(as_text=True)
    assert "Le code MOB26 est déjà pris." in html
    with app.app_context():
        assert db.session.query(Workshop).count() == 1


def test_edit_workshop_form_shows_stored_values_and_saves(client, login, make_workshop, app):
    login()
    workshop = make_workshop(code="MOB26", pack_counts={"identite": 1, "frein": 4}, blank_packs=7)
    html = client.get("/ateliers/MOB26/modifier").get_data(as_text=True)
    assert 'name="pack_frein" type="number" value="4"' in html
    assert 'name="blank_packs" type="number" value="7"' in html
    response = client.post("/ateliers/MOB26/modifier", data={**FORM, "code": "MOB26",
                                                             "title": "Nouveau titre"})
    assert response.headers["Location"] == "/ateliers/MOB26/"
    with app.app_context():
        saved = db.session.get(Workshop, workshop.id)
        assert saved.title == "Nouveau titre" and saved.pack_counts["frein"] == 3


def test_edit_workshop_code_after_printing_is_refused(client, login, make_workshop, app):
    login()
    workshop = make_workshop(code="MOB26")
    with app.app_context():
        from kit.services.kits import ensure_cards
        ensure_cards(db.session.get(Workshop, workshop.id))
    html = client.post("/ateliers/MOB26/modifier", data={**FORM, "code": "MOB27"}
                       ).get_data(as_text=True)
    assert "Le code ne peut plus changer" in html
    with app.app_context():
        assert db.session.get(Workshop, workshop.id).code == "MOB26"


def test_workshop_page_shows_summary_and_kit_section(client, login, make_workshop,
                                                     make_participant):
    login()
    workshop = make_workshop(code="MOB26", title="Mobilité douce", theme="Vélo",
                             start_time=dt.time(9), end_time=dt.time(17), blank_packs=3)
    make_participant(workshop)
    html = client.get("/ateliers/MOB26/").get_data(as_text=True)
    assert "<h1>Mobilité douce</h1>" in html and "Vélo" in html
    assert "1 participant<" in html
    assert "3 paquets vierges." in html
    assert "Le kit n’a pas encore été généré." in html
    assert 'action="/ateliers/MOB26/kit/"' in html and "(Re)générer le kit" in html


def test_unknown_workshop_is_404(client, login):
    login()
    assert client.get("/ateliers/NOPE/").status_code == 404
    assert client.get("/ateliers/NOPE/participants/").status_code == 404


def test_language_switch_to_english_translates_navigation(client, login):
    login()
    response = client.post("/langue", data={"lang": "en", "next": "/ateliers/"})
    assert response.headers["Location"] == "/ateliers/"
    html = client.get("/ateliers/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert ">Workshops</a>" in html and ">New workshop</a>" in html and "Log out" in html
    client.post("/langue", data={"lang": "fr"})
    assert ">Ateliers</a>" in client.get("/ateliers/").get_data(as_text=True)
