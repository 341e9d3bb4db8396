"""Results pages: the address book with filters and consent, the diagnostic, the seeds and
the public restitution."""
from __future__ import annotations

import re

import pytest

from kit.extensions import db


@pytest.fixture
def people(make_workshop, make_participant):
    """A workshop with four people of different consents, territories and actor types."""
    workshop = make_workshop()
    make_participant(workshop, first_name="Sophie", last_name="Chaix", consent="participants",
                     territory="brianconnais", actor_type="association", commune="Névache")
    make_participant(workshop, first_name="Marc", last_name="Blanc", consent="public",
                     territory="ecrins", actor_type="public", structure="Mairie de Vallouise")
    make_participant(workshop, first_name="Nina", last_name="Secret", consent="aucun",
                     territory="brianconnais", actor_type="citoyen")
    make_participant(workshop, first_name="Paul", last_name="Muet", consent=None,
                     territory="brianconnais", actor_type="entreprise")
    make_participant(workshop, first_name="Léa", last_name="Garnier", consent="participants",
                     origin="useful_contact", structure="Office de tourisme")
    return workshop


def book(client, workshop, **args) -> str:
    url = f"/ateliers/{workshop.code}/resultats/carnet"
    return client.get(url, query_string=args).get_data(as_text=True)


def test_address_book_shows_everyone_to_organisers_with_contacts_apart(client, login, people):
    login()
    html = book(client, people)
    for name in ("CHAIX", "BLANC", "SECRET", "MUET", "GARNIER"):
        assert name in html
    assert html.index("CHAIX") < html.index("Autres contacts utiles") < html.index("GARNIER")
    assert "Pas encore demandé" in html  # Paul Muet's consent column


def test_address_book_shared_view_holds_only_consenting_people(client, login, people):
    login()
    html = book(client, people, vue="partagee")
    assert "Vue partagée avec les participants" in html
    assert "CHAIX" in html and "BLANC" in html and "GARNIER" in html
    assert "SECRET" not in html and "MUET" not in html


def test_address_book_filters_by_territory_actor_type_and_text(client, login, people):
    login()
    html = book(client, people, territoire="brianconnais")
    assert "CHAIX" in html and "SECRET" in html and "BLANC" not in html
    html = book(client, people, territoire="brianconnais", acteur="association")
    assert "CHAIX" in html and "SECRET" not in html and "MUET" not in html
    html = book(client, people, q="vallouise")
    assert "BLANC" in html and "CHAIX" not in html
    html = book(client, people, q="Inconnu")
    assert "Personne ne correspond à ces critères." in html


def test_address_book_export_links_keep_the_filters(client, login, people):
    login()
    html = book(client, people, territoire="ecrins")
    assert (f'href="/ateliers/{people.code}/resultats/carnet.vcf?territoire=ecrins"' in html)
    assert '/resultats/carnet-partage.csv?territoire=ecrins"' in html


def test_results_pages_need_login_but_restitution_does_not(app, client, people):
    for page in ("carnet", "carnet.vcf", "carnet-partage.csv", "carnet-interne.csv",
                 "etat-des-lieux", "etat-des-lieux.csv", "etat-des-lieux.json", "graines"):
        response = client.get(f"/ateliers/{people.code}/resultats/{page}")
        assert response.headers["Location"].startswith("/connexion"), page
    assert client.get(f"/restitution/{people.code}").status_code == 404  # a draft
    publish(app, people)
    html = client.get(f"/restitution/{people.code}").get_data(as_text=True)
    assert "Qui était là" in html


def publish(app, workshop) -> None:
    from kit.models import Workshop
    from kit.models.base import utc_now

    with app.app_context():
        db.session.get(Workshop, workshop.id).restitution_published_at = utc_now()
        db.session.commit()


@pytest.fixture
def wall(make_workshop, make_participant, make_card, make_field_value):
    """A workshop whose walls were read: freins in two clusters, needs, a project seed."""
    workshop = make_workshop()
    alice = make_participant(workshop, first_name="Alice", last_name="Roux", consent="public")
    bruno = make_participant(workshop, first_name="Bruno", last_name="Faure", consent="aucun")

    def card(type_key, person=None, zone=None, cluster=None, **values):
        made = make_card(workshop, type_key, participant=person, zone=zone, cluster=cluster)
        for name, (value, review) in values.items():
            make_field_value(made, name, value=value if review != "pending" else None,
                             proposal=value, review=review, crop=False)
        return made

    card("frein", alice, "freins", "1", texte=("Pas de bus le dimanche", "confirmed"),
         contact=("Jean, mairie", "corrected"))
    card("frein", bruno, "freins", "1", texte=("Horaires de car", "pending"))
    card("frein", bruno, "freins", None, texte=("Pistes cyclables coupées", "auto"))
    card("levier", alice, "leviers", "3", texte=("Covoiturage", "confirmed"))
    card("besoin", alice, "besoins", None, texte=("Un garage à vélos", "confirmed"),
         votes=("3", "auto"), travailler=("1", "auto"))
    card("besoin", bruno, "besoins", None, texte=("Navette gare", "confirmed"),
         votes=("7", "corrected"), travailler=("0", "auto"))
    card("graine", None, "graines", None, titre=("Vélo-bus scolaire", "confirmed"),
         envie=("Accompagner les enfants à vélo", "confirmed"),
         membre_1_nom=("Alice Roux", "confirmed"), membre_1_numero=("1", "confirmed"),
         membre_1_email=("alice@example.org", "confirmed"), ouvert=("1", "auto"))
    return workshop


def test_diagnostic_groups_by_zone_and_cluster(client, login, wall):
    login()
    html = client.get(f"/ateliers/{wall.code}/resultats/etat-des-lieux").get_data(as_text=True)
    freins = html.split('id="rubrique-frein"')[1].split("</section>")[0]
    # a cluster is named by its first card's confirmed words, never by a photo's number
    assert "<h4>Mur des freins · « Pas de bus le dimanche »</h4>" in freins
    assert freins.index("« Pas de bus le dimanche »") < freins.index("cartes isolées")
    assert freins.index("cartes isolées") < freins.index("Pistes cyclables coupées")
    assert "Qui ? Contact : Jean, mairie" in freins
    assert "Horaires de car" not in freins  # a guess is never shown, even to organisers...
    assert re.search(r'<a class="badge badge--warn" href="/ateliers/\w+/verification/champs/\d+">'
                     r'à vérifier</a>', freins)  # ...but a link to its review
    assert "/verification/cartes/" in freins  # and the card's image in its place
    content = html.split("</nav>")[-1]  # the navigation names the "Groupes d’action" page
    assert "groupe" not in content and "photo" not in freins
    leviers = html.split('id="rubrique-levier"')[1].split("</section>")[0]
    assert "<h4>Mur des leviers · « Covoiturage »</h4>" in leviers


def test_diagnostic_confirmed_only_filter_hides_cards_to_check(client, login, wall):
    login()
    url = f"/ateliers/{wall.code}/resultats/etat-des-lieux"
    assert "à vérifier" in client.get(url).get_data(as_text=True)
    html = client.get(url + "?confirmes=1").get_data(as_text=True)
    assert "badge--warn" not in html and "Pas de bus le dimanche" in html


def test_diagnostic_ranks_needs_by_votes_with_volunteers(client, login, wall):
    login()
    html = client.get(f"/ateliers/{wall.code}/resultats/etat-des-lieux").get_data(as_text=True)
    needs = html.split('id="rubrique-besoins"')[1]
    assert needs.index("Navette gare") < needs.index("Un garage à vélos")
    assert "participant n° 1 (Alice Roux)" in needs
    assert "participant n° 2" not in needs  # Bruno did not tick "je veux y travailler"


def test_seeds_page_lists_title_members_and_openness(client, login, wall):
    login()
    html = client.get(f"/ateliers/{wall.code}/resultats/graines").get_data(as_text=True)
    assert "Vélo-bus scolaire" in html and "Accompagner les enfants à vélo" in html
    assert "Alice Roux · n° 1 · alice@example.org" in html
    assert "Ouverte à de nouveaux membres</dt><dd>oui" in html


def test_restitution_shows_only_public_people_and_no_personal_data(app, client, wall):
    publish(app, wall)
    html = client.get(f"/restitution/{wall.code}").get_data(as_text=True)
    assert "Alice Roux" in html.split("Qui était là")[1]  # consent "public"
    assert "Bruno" not in html and "Faure" not in html
    assert "alice@example.org" not in html and "Jean, mairie" not in html
    assert "Pas de bus le dimanche" in html and "Vélo-bus scolaire" in html
    assert "Horaires de car" not in html  # not yet checked by a human
    assert "1 membre" in html and "participant n°" not in html


def test_restitution_of_unknown_workshop_is_not_found(client):
    assert client.get("/restitution/NOPE").status_code == 404
