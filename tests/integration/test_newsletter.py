"""Newsletter and journal lists, their CSV for mailing tools, and the journal article draft
from the published restitution (issue 10, point 5)."""
from __future__ import annotations

import csv
import io
import re

import pytest

from kit.extensions import db
from kit.services.newsletter import NEWSLETTER_COLUMNS


@pytest.fixture
def ticks(make_workshop, make_participant, make_card, make_field_value):
    """People with newsletter / journal ticks at every consent level, one tick still pending."""
    workshop = make_workshop()
    for last, consent in (("Partage", "participants"), ("Public", "public"),
                          ("Aucun", "aucun"), ("Muet", None)):
        make_participant(workshop, first_name="Lou", last_name=last, consent=consent,
                         newsletter=True, journal_volunteer=True, phone="06 12 34 56 78")
    make_participant(workshop, first_name="Non", last_name="Coche", newsletter=False)
    make_participant(workshop, first_name="Sans", last_name="Adresse", email="",
                     newsletter=True, journal_volunteer=True, phone="+41 22 555 01 02")
    waiting = make_participant(workshop, first_name="En", last_name="Attente", newsletter=True,
                               journal_volunteer=True)
    card = make_card(workshop, "identite", participant=waiting)
    for box in ("newsletter", "journal"):  # the paper box disagrees: it waits for a human
        make_field_value(card, box, proposal="0", review="pending", source="checkbox",
                         crop=False)
    make_participant(workshop, first_name="Formule", last_name="=HYPERLINK(\"http://x\")",
                     email="formule@example.org", newsletter=True, structure="@SUM(A1)",
                     commune="-2+3")
    return workshop


def rows_of(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert not text.startswith("\ufeff")  # mailing tools read a BOM into the first header
    return list(csv.reader(io.StringIO(text)))


def test_lists_page_shows_confirmed_ticks_at_every_consent_level(client, login, ticks):
    login()
    html = client.get(f"/ateliers/{ticks.code}/resultats/lettre-et-journal").get_data(
        as_text=True)
    letter = html.split('id="liste-lettre"')[1].split('id="liste-journal"')[0]
    for name in ("PARTAGE", "PUBLIC", "AUCUN", "MUET", "ADRESSE"):
        assert name in letter  # the tick is the consent this list needs
    assert "COCHE" not in letter and "ATTENTE" not in letter
    assert "pas d’adresse : absent du CSV" in letter


def test_newsletter_csv_has_the_mailing_tool_shape(client, login, ticks):
    login()
    response = client.get(f"/ateliers/{ticks.code}/resultats/lettre-information.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "lettre-information.csv" in response.headers["Content-Disposition"]
    rows = rows_of(response.data)
    assert rows[0] == NEWSLETTER_COLUMNS == ["EMAIL", "FIRSTNAME", "LASTNAME", "SMS",
                                             "ORGANISATION", "COMMUNE"]
    lasts = [row[2] for row in rows[1:]]
    assert sorted(lasts) == sorted(["Partage", "Public", "Aucun", "Muet",
                                    "'=HYPERLINK(\"http://x\")"])
    partage = next(row for row in rows if row[2] == "Partage")
    assert partage[3] == "+33612345678" and partage[0].endswith("@example.org")


def test_journal_csv_keeps_volunteers_without_email(client, login, ticks):
    login()
    rows = rows_of(client.get(f"/ateliers/{ticks.code}/resultats/benevoles-journal.csv").data)
    lasts = sorted(row[2] for row in rows[1:])
    assert lasts == ["Adresse", "Aucun", "Muet", "Partage", "Public"]
    assert ["", "Sans", "Adresse", "+41225550102", "", ""] in rows


def test_newsletter_csv_quotes_formulas(client, login, ticks):
    login()
    rows = rows_of(client.get(f"/ateliers/{ticks.code}/resultats/lettre-information.csv").data)
    formula = next(row for row in rows if row[1] == "Formule")
    assert formula[2] == "'=HYPERLINK(\"http://x\")"
    assert formula[4] == "'@SUM(A1)" and formula[5] == "'-2+3"


# --- journal article ----------------------------------------------------------------------

@pytest.fixture
def wall(make_workshop, make_participant, make_card, make_field_value):
    """Needs with votes (one pending), two in one cluster, a seed, people of each consent."""
    workshop = make_workshop(contact="contact@collectif.example", place="Briançon")
    alice = make_participant(workshop, first_name="Alice", last_name="Roux", consent="public",
                             territory="brianconnais")
    bruno = make_participant(workshop, first_name="Bruno", last_name="Faure", consent="aucun",
                             territory="ecrins")

    def card(type_key, person=None, cluster=None, **values):
        zone = {"besoin": "besoins", "graine": "graines"}.get(type_key, "freins")
        made = make_card(workshop, type_key, participant=person, zone=zone, cluster=cluster)
        for name, (value, review) in values.items():
            make_field_value(made, name, value=value if review != "pending" else None,
                             proposal=value, review=review, crop=False)

    card("frein", alice, "1", texte=("Pas de bus le dimanche", "confirmed"))
    card("besoin", alice, "2", texte=("Navette gare", "confirmed"), votes=("9", "auto"))
    card("besoin", bruno, "2", texte=("Des <b>horaires</b> *tardifs*", "confirmed"),
         votes=("0", "auto"))
    card("besoin", bruno, None, texte=("Un garage à vélos", "confirmed"), votes=("6", "auto"))
    card("besoin", bruno, None, texte=("Idée secrète pas vérifiée", "pending"),
         votes=("20", "auto"))
    card("besoin", alice, None, texte=("Covoiturage", "confirmed"), votes=("1", "auto"))
    card("graine", None, None, titre=("Vélo-bus scolaire", "confirmed"),
         envie=("Accompagner les enfants à vélo", "confirmed"),
         referent=("Bruno Faure", "confirmed"),
         membre_1_nom=("Alice Roux", "confirmed"), membre_1_email=("alice@example.org",
                                                                    "confirmed"),
         ouvert=("1", "auto"))
    return workshop


def publish(app, workshop) -> None:
    from kit.models import Workshop
    from kit.models.base import utc_now

    with app.app_context():
        db.session.get(Workshop, workshop.id).restitution_published_at = utc_now()
        db.session.commit()


def test_article_waits_for_the_published_restitution(app, client, login, wall):
    login()
    base = f"/ateliers/{wall.code}/resultats/article-journal"
    html = client.get(base).get_data(as_text=True)
    assert "publiez d’abord la restitution" in html and "Navette gare" not in html
    for suffix in (".md", ".html"):
        response = client.get(base + suffix)
        assert response.status_code == 302 and response.headers["Location"] == base


def test_article_markdown_has_figures_top_needs_quotes_seeds_and_draft_mark(app, client, login,
                                                                             wall):
    login()
    publish(app, wall)
    response = client.get(f"/ateliers/{wall.code}/resultats/article-journal.md")
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.get_data(as_text=True)
    assert text.startswith("> **BROUILLON généré par Atelier Kit")
    assert "# Mobilité douce : 2 personnes, 1 projet qui démarre" in text
    assert "- 2 territoires représentés" in text and "- 5 cartes au mur" in text
    assert "- 16 votes sur les besoins" in text
    needs = text.split("## Les trois besoins les plus votés")[1].split("## Les graines")[0]
    assert needs.index("Navette gare") < needs.index("Un garage à vélos")
    assert needs.index("Un garage à vélos") < needs.index("Covoiturage")
    assert "**Des" not in needs  # fourth: only quoted under the need of its cluster
    assert "1. **Navette gare** — 9 votes" in needs
    assert "> « Des \\<b\\>horaires\\</b\\> \\*tardifs\\* »" in needs  # a quote, markup escaped
    assert "secrète" not in text  # pending text never appears
    seeds = text.split("## Les graines de projet")[1]
    assert "### Vélo-bus scolaire" in seeds and "Accompagner les enfants à vélo" in seeds
    assert "Ouvert à de nouveaux membres" in seeds
    assert "http://localhost/restitution/" in seeds and "contact@collectif.example" in seeds
    for private in ("Alice", "Roux", "Bruno", "Faure", "alice@example.org"):
        assert private not in text


def test_article_html_download_and_page_escape_card_text(app, client, login, wall):
    login()
    publish(app, wall)
    page = client.get(f"/ateliers/{wall.code}/resultats/article-journal").get_data(as_text=True)
    assert "BROUILLON généré par Atelier Kit" in page
    assert "&lt;b&gt;horaires&lt;/b&gt;" in page and "<b>horaires" not in page
    response = client.get(f"/ateliers/{wall.code}/resultats/article-journal.html")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    html = response.get_data(as_text=True)
    assert html.startswith("<!doctype html>")
    assert "<h1>Mobilité douce : 2 personnes, 1 projet qui démarre</h1>" in html
    assert "<strong>Navette gare</strong> — 9 votes" in html
    assert "<blockquote>« Des &lt;b&gt;horaires&lt;/b&gt; *tardifs* »</blockquote>" in html
    assert "Bruno" not in html and "alice@example.org" not in html


def test_article_gives_each_open_action_groups_join_link(app, client, login, wall):
    from kit.models import Workshop
    from kit.services import groups

    login()
    publish(app, wall)
    with app.app_context():
        assert groups.create_from_seeds(db.session.get(Workshop, wall.id)) == 1
    text = client.get(f"/ateliers/{wall.code}/resultats/article-journal.md").get_data(
        as_text=True)
    join = re.search(r"- Pour rejoindre le groupe : <(http://localhost/groupes/[^>]+)>", text)
    assert join is not None
    assert client.get(join.group(1).removeprefix("http://localhost")).status_code == 200
    html = client.get(f"/ateliers/{wall.code}/resultats/article-journal.html").get_data(
        as_text=True)
    assert f'<a href="{join.group(1)}">' in html
