"""Participants: list with search, add and edit by hand."""
from __future__ import annotations

from kit.extensions import db
from kit.models import Participant

FORM = {"first_name": "Sophie", "last_name": "Chaix", "structure": "Vélo Club Briançonnais",
        "role": "Présidente", "commune": "Saint-Chaffrey", "territory": "brianconnais",
        "actor_type": "association", "email": "Sophie.Chaix@Example.org",
        "phone": "0612345603", "consent": "participants", "newsletter": "y",
        "origin": "preregistered"}


def test_participant_list_when_empty_explains_how_to_add(client, login, make_workshop):
    login()
    workshop = make_workshop()
    html = client.get(f"/ateliers/{workshop.code}/participants/").get_data(as_text=True)
    assert "Aucun participant pour l’instant" in html
    assert f'href="/ateliers/{workshop.code}/import/"' in html


def test_participant_list_shows_labels_in_number_order(client, login, make_workshop,
                                                       make_participant):
    login()
    workshop = make_workshop()
    make_participant(workshop, last_name="Zorzi", territory="ecrins", actor_type="public")
    make_participant(workshop, last_name="Albert", origin="useful_contact")
    make_participant(workshop, last_name="Blanc")
    html = client.get(f"/ateliers/{workshop.code}/participants/").get_data(as_text=True)
    assert html.index("ZORZI") < html.index("BLANC") < html.index("ALBERT")  # contacts last
    assert "Pays des Écrins" in html and "Acteur public" in html and "Contact utile" in html
    assert "3 personnes" in html


def test_participant_search_matches_name_structure_and_commune(client, login, make_workshop,
                                                               make_participant):
    login()
    workshop = make_workshop()
    make_participant(workshop, last_name="Chaix", commune="Névache")
    make_participant(workshop, last_name="Gravier", structure="Cycles Gravier")
    url = f"/ateliers/{workshop.code}/participants/"
    html = client.get(url, query_string={"q": "névache"}).get_data(as_text=True)
    assert "CHAIX" in html and "GRAVIER" not in html
    html = client.get(url, query_string={"q": "cycles"}).get_data(as_text=True)
    assert "GRAVIER" in html and "CHAIX" not in html
    html = client.get(url, query_string={"q": "Inconnu"}).get_data(as_text=True)
    assert "Personne ne correspond à « Inconnu »." in html


def test_add_participant_by_hand_numbers_and_normalises(client, login, make_workshop, app,
                                                        make_participant):
    login()
    workshop = make_workshop()
    make_participant(workshop)
    response = client.post(f"/ateliers/{workshop.code}/participants/nouveau", data=FORM)
    assert response.headers["Location"] == f"/ateliers/{workshop.code}/participants/"
    with app.app_context():
        person = db.session.query(Participant).filter_by(last_name="Chaix").one()
        assert person.number == 2
        assert person.email == "sophie.chaix@example.org"
        assert person.phone == "06 12 34 56 03"
        assert (person.territory, person.actor_type, person.consent) == (
            "brianconnais", "association", "participants")
        assert person.newsletter is True and person.journal_volunteer is False


def test_add_useful_contact_gets_no_pack_number(client, login, make_workshop, app):
    login()
    workshop = make_workshop()
    client.post(f"/ateliers/{workshop.code}/participants/nouveau",
                data={**FORM, "origin": "useful_contact", "consent": ""})
    with app.app_context():
        person = db.session.query(Participant).one()
        assert person.number is None and person.consent is None


def test_add_participant_with_bad_values_shows_errors(client, login, make_workshop, app):
    login()
    workshop = make_workshop()
    data = {**FORM, "first_name": "", "email": "pas-un-email", "phone": "12"}
    html = client.post(f"/ateliers/{workshop.code}/participants/nouveau", data=data
                       ).get_data(as_text=True)
    assert "Ce champ est requis." in html
    assert "Adresse e-mail invalide." in html
    assert "Numéro de téléphone invalide." in html
    with app.app_context():
        assert db.session.query(Participant).count() == 0


def test_add_participant_with_taken_email_is_refused(client, login, make_workshop,
                                                     make_participant, app):
    login()
    workshop = make_workshop()
    make_participant(workshop, email="sophie.chaix@example.org")
    html = client.post(f"/ateliers/{workshop.code}/participants/nouveau", data=FORM
                       ).get_data(as_text=True)
    assert "Cet e-mail est déjà inscrit dans cet atelier." in html
    with app.app_context():
        assert db.session.query(Participant).count() == 1


def test_edit_participant_prefills_form_and_saves(client, login, make_workshop,
                                                  make_participant, app):
    login()
    workshop = make_workshop()
    person = make_participant(workshop, first_name="Léa", territory="hors",
                              email="lea@example.org")
    url = f"/ateliers/{workshop.code}/participants/{person.id}/modifier"
    html = client.get(url).get_data(as_text=True)
    assert 'value="Léa"' in html and '<option selected value="hors">' in html
    response = client.post(url, data={**FORM, "email": "lea@example.org"})
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(Participant, person.id)
        assert saved.last_name == "Chaix" and saved.number == person.number


def test_edit_participant_of_another_workshop_is_404(client, login, make_workshop,
                                                     make_participant):
    login()
    mine, other = make_workshop(), make_workshop()
    person = make_participant(other)
    assert client.get(f"/ateliers/{mine.code}/participants/{person.id}/modifier"
                      ).status_code == 404


def test_delete_participant_asks_then_erases_them_keeping_their_printed_number(
        app, client, login, make_workshop, make_participant, make_card, make_field_value):
    """"Supprimer" is the RGPD erasure: one action. A card was printed for them, so the row
    stays, erased, and keeps the number a re-scan of that card finds."""
    from kit.extensions import db
    from kit.models import Card, FieldValue, Participant

    login()
    workshop = make_workshop()
    person = make_participant(workshop, number=1, first_name="Léa", last_name="Martin")
    card = make_card(workshop, "identite", participant=person)
    make_field_value(card, "email", value="lea@example.org", review="auto", crop=False)
    url = f"/ateliers/{workshop.code}/participants/{person.id}/effacer"
    edit = client.get(f"/ateliers/{workshop.code}/participants/{person.id}/modifier")
    html = edit.get_data(as_text=True)
    assert f'href="{url}"' in html and "Supprimer ce participant…" in html
    assert "/supprimer" not in html  # no second, different deletion
    assert "Supprimer Léa Martin et effacer ses données" in client.get(url).get_data(
        as_text=True)
    with app.app_context():
        assert db.session.get(Participant, person.id).first_name == "Léa"  # a GET erases nothing
    response = client.post(url)
    assert response.headers["Location"] == f"/ateliers/{workshop.code}/participants/"
    with app.app_context():
        erased = db.session.get(Participant, person.id)
        assert (erased.number, erased.first_name, erased.email) == (1, "effacé", None)
        assert db.session.get(Card, card.id).participant_id == person.id
        (value,) = db.session.scalars(db.select(FieldValue)).all()
        assert (value.value, value.source) == ("effacé", "human")
    page = client.get(f"/ateliers/{workshop.code}/participants/").get_data(as_text=True)
    assert "Données effacées" in page and "Martin" not in page


def test_delete_participant_never_printed_removes_the_row(app, client, login, make_workshop,
                                                          make_participant):
    from kit.extensions import db
    from kit.models import Participant

    login()
    workshop = make_workshop()
    person = make_participant(workshop, number=3, first_name="Erreur", last_name="Saisie")
    client.post(f"/ateliers/{workshop.code}/participants/{person.id}/effacer")
    with app.app_context():
        assert db.session.get(Participant, person.id) is None
