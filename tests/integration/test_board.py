"""The diagnostic as people saw it: the wall board, the charts and their tables (issue 10)."""
from __future__ import annotations

import re

import pytest


@pytest.fixture
def needs_wall(make_workshop, make_participant, make_card, make_field_value):
    """A workshop with three needs: two confirmed, one waiting for review."""
    workshop = make_workshop()
    alice = make_participant(workshop, first_name="Alice", last_name="Roux", consent="public")

    def need(text, votes, review="confirmed"):
        made = make_card(workshop, "besoin", participant=alice, zone="besoins", cluster="7-1")
        make_field_value(made, "texte", value=None if review == "pending" else text,
                         proposal=text, review=review, crop=False)
        make_field_value(made, "votes", value=str(votes), review="auto", crop=False)
    need("Un garage à vélos", 3)
    need("Navette gare", 7)
    need("Horaires de car", 9, review="pending")
    return workshop


def test_diagnostic_page_charts_confirmed_needs_with_a_table(client, login, needs_wall):
    login()
    url = f"/ateliers/{needs_wall.code}/resultats/etat-des-lieux"
    html = client.get(url).get_data(as_text=True)
    figure = html.split('<figure class="chart"')[1].split("</figure>")[0]
    assert 'role="img"' in figure
    assert 'aria-labelledby="besoins-votes-titre besoins-votes-desc"' in figure
    assert ('<desc id="besoins-votes-desc">Navette gare\u00a0: 7 ; '
            'Un garage à vélos\u00a0: 3</desc>') in figure
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', figure)
    assert rows == [("Navette gare", "7"), ("Un garage à vélos", "3")]
    assert "Horaires de car" not in figure  # a guess is never charted
    assert "css/results.css" in html


def pdf_text(data: bytes) -> str:
    from tests.support.pdf import pdf_page_texts

    return "\n".join(pdf_page_texts(data))


def publish(app, workshop) -> None:
    from kit.extensions import db
    from kit.models import Workshop
    from kit.models.base import utc_now

    with app.app_context():
        db.session.get(Workshop, workshop.id).restitution_published_at = utc_now()
        db.session.commit()


@pytest.fixture
def day(make_workshop, make_participant, make_card, make_field_value):
    """A workshop after the day: one person per consent level (participants, public, aucun,
    none given, and "public" ticked on paper but still waiting for a human), walls with two
    clusters, needs with votes, a seed whose members are two of these people."""
    workshop = make_workshop(contact="atelier@example.org")
    people = {
        "part": make_participant(workshop, first_name="Sophie", last_name="Partage",
                                 consent="participants", territory="brianconnais",
                                 actor_type="association", email="sophie@example.org"),
        "pub": make_participant(workshop, first_name="Marc", last_name="Public", consent="public",
                                territory="ecrins", actor_type="public",
                                structure="Mairie de Vallouise", email="marc@example.org"),
        "none": make_participant(workshop, first_name="Nina", last_name="Refus", consent="aucun",
                                 territory="guillestrois", actor_type="citoyen",
                                 email="nina@example.org"),
        "unasked": make_participant(workshop, first_name="Paul", last_name="Muet", consent=None,
                                    territory="hors", actor_type="entreprise"),
        "waiting": make_participant(workshop, first_name="Wanda", last_name="Attente",
                                    consent="public", territory="ecrins",
                                    actor_type="porteur", email="wanda@example.org"),
    }
    make_participant(workshop, first_name="Zoé", last_name="Absente", consent="public",
                     territory="ecrins")  # registered, but no card of hers was read: not there
    identity = make_card(workshop, "identite", participant=people["waiting"])
    make_field_value(identity, "consentement_public", proposal="1", review="pending", crop=False)
    for key in ("part", "pub", "none", "unasked"):
        seen = make_card(workshop, "identite", participant=people[key])
        make_field_value(seen, "nom", value="Lu", review="auto", crop=False)

    def card(type_key, person, cluster, **values):
        made = make_card(workshop, type_key, participant=person, zone=type_key + "s",
                         cluster=cluster)
        for name, (value, review) in values.items():
            make_field_value(made, name, value=None if review == "pending" else value,
                             proposal=value, review=review, crop=False)
    card("frein", people["part"], "3-1", texte=("Pas de bus le dimanche", "confirmed"))
    card("frein", people["none"], "3-1", texte=("Horaires de car", "pending"))
    card("frein", people["none"], "3-2", texte=("Routes fermées l’hiver", "auto"))
    card("levier", people["pub"], "4-1", texte=("Covoiturage de village", "confirmed"))
    card("ressource", people["pub"], None, texte=("Atelier vélo associatif", "confirmed"))
    card("besoin", people["part"], "5-1", texte=("Navette vers la gare", "confirmed"),
         votes=("7", "auto"))
    card("besoin", people["pub"], "5-1", texte=("Garage à vélos", "confirmed"),
         votes=("3", "auto"))
    card("graine", None, None, titre=("Vélo-bus scolaire", "confirmed"),
         envie=("Accompagner les enfants à vélo", "confirmed"),
         membre_1_nom=("Sophie", "confirmed"), membre_1_numero=(str(people["part"].number),
                                                               "confirmed"),
         membre_2_nom=("Nina", "confirmed"), membre_2_numero=(str(people["none"].number),
                                                             "confirmed"),
         membre_3_nom=("Marc", "confirmed"), membre_3_numero=(str(people["pub"].number),
                                                             "confirmed"))
    return workshop


def test_board_shows_the_walls_in_clusters_named_by_first_words(client, login, day):
    login()
    html = client.get(f"/ateliers/{day.code}/resultats/tableau").get_data(as_text=True)
    freins = html.split('id="zone-frein"')[1].split("</section>")[0]
    clusters = re.findall(r"<h4>([^<]+)</h4>", freins)
    assert clusters == ["Pas de bus le dimanche", "Routes fermées l’hiver"]
    assert "3 cartes" in freins and "badge--warn" in freins  # the card to check, flagged
    assert not re.search(r"groupe \d|de la photo", freins)  # never a photo's number
    besoins = html.split('id="zone-besoin"')[1].split("</section>")[0]
    cards = besoins.split('<ul class="board-cards">')[1]
    assert cards.index("7 votes") < cards.index("Navette vers la gare") < cards.index("3 votes")
    assert "Cartes isolées" in html.split('id="zone-ressource"')[1].split("</section>")[0]
    for chart in ("cartes-zones", "territoires", "acteurs", "besoins-votes"):
        assert f'aria-labelledby="{chart}-titre {chart}-desc"' in html
    territories = html.split('id="territoires-desc">')[1].split("</desc>")[0]
    assert territories == ("Briançonnais\u00a0: 1 ; Pays des Écrins\u00a0: 2 ; "
                           "Guillestrois-Queyras\u00a0: 1 ; Hors territoire\u00a0: 1")


def test_organiser_names_a_cluster_everywhere(app, client, login, day):
    login()
    page = f"/ateliers/{day.code}/resultats/tableau"
    html = client.get(page).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    response = client.post(page + "/regroupement",
                           data={"csrf_token": token, "cluster": "3-1", "name": "  Transports  "})
    assert response.status_code == 302
    freins = client.get(page).get_data(as_text=True).split('id="zone-frein"')[1]
    assert re.findall(r"<h4>([^<]+)</h4>", freins.split("</section>")[0])[0] == "Transports"
    publish(app, day)
    assert "<h4>Transports</h4>" in client.get(f"/restitution/{day.code}").get_data(as_text=True)
    assert "Transports" in pdf_text(client.get(f"/restitution/{day.code}/compte-rendu.pdf").data)
    client.post(page + "/regroupement", data={"csrf_token": token, "cluster": "3-1", "name": ""})
    assert "<h4>Pas de bus le dimanche</h4>" in client.get(page).get_data(as_text=True)
    unknown = client.post(page + "/regroupement", data={"csrf_token": token, "cluster": "99-9",
                                                        "name": "X"})
    assert unknown.status_code == 404


def test_reviewer_may_see_the_board_but_not_name_clusters(client, login, day, make_user,
                                                         add_member):
    reviewer = make_user(email="relecture@example.org")
    add_member(day, reviewer, "reviewer")
    login(reviewer)
    page = f"/ateliers/{day.code}/resultats/tableau"
    html = client.get(page).get_data(as_text=True)
    assert "Pas de bus le dimanche" in html and "Nommer ce regroupement" not in html
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    token = token.group(1) if token else ""
    response = client.post(page + "/regroupement", data={"csrf_token": token, "cluster": "3-1",
                                                         "name": "X"})
    assert response.status_code == 403


NAMED = {"part": "Sophie", "pub": "Marc", "none": "Nina", "unasked": "Paul", "waiting": "Wanda",
         "absent": "Zoé"}


def names_in(text: str) -> set[str]:
    return {key for key, first in NAMED.items() if first in text}


def test_restitution_is_public_consent_and_confirmed_values_only(app, client, day):
    publish(app, day)
    html = client.get(f"/restitution/{day.code}").get_data(as_text=True)
    assert names_in(html) == {"pub"}  # "waiting" ticked public on paper: not yet confirmed
    assert "marc@example.org" not in html and "Horaires de car" not in html
    assert "Pas de bus le dimanche" in html and "Vélo-bus scolaire" in html
    assert "Écrivez à l’équipe de l’atelier : atelier@example.org" in html  # how to join
    territories = html.split('id="territoires-desc">')[1].split("</desc>")[0]
    assert territories.endswith("Pays des Écrins\u00a0: 1 ; Guillestrois-Queyras\u00a0: 0 ; "
                                "Hors territoire\u00a0: 0")
    assert "<strong>5</strong> personnes venues" in html  # a figure, naming nobody


def test_public_pdf_report_holds_public_consent_only(app, client, day):
    assert client.get(f"/restitution/{day.code}/compte-rendu.pdf").status_code == 404  # draft
    publish(app, day)
    response = client.get(f"/restitution/{day.code}/compte-rendu.pdf")
    assert response.content_type == "application/pdf"
    assert f'filename="compte-rendu-{day.code}-public.pdf"' in response.headers[
        "Content-Disposition"]
    text = pdf_text(response.data)
    assert names_in(text) == {"pub"}
    assert "@example.org" not in text.replace("atelier@example.org", "")
    for words in ("Programme de la journée", "Qui était là", "État des lieux",
                  "Besoins, par nombre de votes", "Graines de projet", "Navette vers la gare",
                  "Vélo-bus scolaire", "Participants par territoire"):
        assert words in text, words
    assert "Horaires de car" not in text
    join = text.split("Rejoindre ce groupe")[1]  # each seed's "how to join" block
    assert "Écrivez à l’équipe de l’atelier : atelier@example.org" in join


def test_team_pdf_report_holds_shared_consent_with_group_contacts(client, login, day):
    login()
    response = client.get(f"/ateliers/{day.code}/resultats/compte-rendu.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    text = pdf_text(response.data)
    assert names_in(text) == {"part", "pub"}
    contacts = text.split("Contacts du groupe")[1]
    assert "sophie@example.org" in contacts and "marc@example.org" in contacts
    assert "nina@example.org" not in text and "wanda@example.org" not in text
    public = pdf_text(client.get(f"/ateliers/{day.code}/resultats/compte-rendu.pdf?public=1").data)
    assert names_in(public) == {"pub"} and "marc@example.org" not in public


def test_team_pdf_report_in_english(client, login, day):
    login()
    client.post("/langue", data={"lang": "en"})
    text = pdf_text(client.get(f"/ateliers/{day.code}/resultats/compte-rendu.pdf").data)
    assert "Workshop report" in text and "Programme of the day" in text
    assert "Who was there" in text and "Lunch." in text


def test_unpublished_restitution_is_not_public_but_previewed_by_members(client, login, day,
                                                                       make_user):
    assert client.get(f"/restitution/{day.code}").status_code == 404
    preview = f"/ateliers/{day.code}/resultats/restitution"
    assert client.get(preview).headers["Location"].startswith("/connexion")
    stranger = make_user(email="inconnu@example.org")
    login(stranger)
    assert client.get(preview).status_code == 404
    assert client.get(f"/ateliers/{day.code}/resultats/compte-rendu.pdf").status_code == 404
    client.post("/deconnexion")
    login()
    html = client.get(preview).get_data(as_text=True)
    assert "Aperçu pour l’équipe" in html and "exactement ce que verra le public" in html
    assert names_in(html.split("Qui était là")[1]) == {"pub"}
    assert "Horaires de car" not in html  # the preview is the public page: no value to check


def test_public_pdf_report_is_rate_limited_per_address(app, client, day):
    """Drawn on each request without a login: one address cannot keep the server busy."""
    publish(app, day)
    app.config["PUBLIC_REPORT_RATE_LIMIT"] = "2 per minute"  # read at each request
    statuses = [client.get(f"/restitution/{day.code}/compte-rendu.pdf").status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.get(f"/restitution/{day.code}/compte-rendu.pdf").get_data(as_text=True)
    assert "Trop de demandes en peu de temps" in refused and "formulaire" not in refused
    assert client.get(f"/restitution/{day.code}").status_code == 200  # the page stays readable
    # an IPv6 client may use any address of its /64: they count as one
    for n in range(3):
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = f"2001:db8:4:7::{n + 1:x}"
        statuses.append(other.get(f"/restitution/{day.code}/compte-rendu.pdf").status_code)
    assert statuses[3:] == [200, 200, 429]
