"""The live wall (/ateliers/<CODE>/mur): who may see it, and what its JSON holds — confirmed
text or the card's image, never an OCR guess; clusters named by confirmed words; needs by
confirmed votes; the photos still waiting."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from kit.extensions import db

WAITING_OCR = "transports rares le week-end"  # an OCR guess nobody confirmed


@pytest.fixture
def wall_scene(make_workshop, make_card, make_field_value, make_photo):
    """Two freins in one cluster (one confirmed, one waiting for review), a lone levier with
    its printed text, three needs (votes sure, decided by a person, unsure), a frein never
    photographed, an identity card photographed, and photos in every state."""
    workshop = make_workshop()
    first = make_card(workshop, "frein", cluster="7-1", image=True)
    make_field_value(first, "texte", value="Pas de bus le dimanche", review="confirmed",
                     source="human")
    waiting = make_card(workshop, "frein", cluster="7-1", image=True)
    make_field_value(waiting, "texte", value=WAITING_OCR, proposal=WAITING_OCR)
    lone = make_card(workshop, "levier", image=True)
    make_field_value(lone, "texte", value="Covoiturage de village", review="auto",
                     source="printed", crop=False)
    needs = {}
    for name, text, votes, review in (("sure", "Une navette le samedi", "3", "auto"),
                                      ("decided", "Des vélos partagés", "9", "corrected"),
                                      ("unsure", "Un local commun", "12", "pending")):
        card = make_card(workshop, "besoin", cluster=f"8-{name}", image=True)
        make_field_value(card, "texte", value=text, review="confirmed", source="human")
        make_field_value(card, "votes", value=votes, proposal=votes, review=review,
                         source="votes", crop=False)
        needs[name] = card
    never = make_card(workshop, "frein")
    make_field_value(never, "texte", value="Jamais photographié", review="confirmed")
    identity = make_card(workshop, "identite", image=True)
    make_field_value(identity, "nom", value="Chaix", review="confirmed")
    for status in ("queued", "processing", "done", "error"):
        make_photo(workshop, status=status)
    return workshop, {"first": first, "waiting": waiting, "lone": lone, **needs}


def state(client, workshop):
    response = client.get(f"/ateliers/{workshop.code}/mur/etat.json")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json()


def column(data, zone):
    return next(c for c in data["columns"] if c["zone"] == zone)


def test_wall_state_shows_confirmed_text_or_image_never_an_ocr_guess(client, login, wall_scene):
    workshop, cards = wall_scene
    login()
    data = state(client, workshop)
    assert [c["zone"] for c in data["columns"]] == ["freins", "leviers", "ressources", "besoins"]
    assert data["counts"] == {"photos_waiting": 2, "cards_shown": 6}
    freins = column(data, "freins")
    assert freins["title"] == "Freins"
    (cluster,) = freins["clusters"]
    assert (cluster["key"], cluster["name"]) == ("7-1", "Pas de bus le dimanche")
    shown, pending = cluster["cards"]
    assert (shown["code"], shown["text"], shown["image"]) == (
        cards["first"].code, "Pas de bus le dimanche", None)
    assert pending["code"] == cards["waiting"].code and pending["text"] is None
    assert pending["image"].startswith(
        f"/ateliers/{workshop.code}/mur/cartes/{cards['waiting'].id}/image?v=")
    assert WAITING_OCR not in client.get(f"/ateliers/{workshop.code}/mur/etat.json").get_data(
        as_text=True)
    lone = {"code": cards["lone"].code, "text": "Covoiturage de village", "image": None,
            "votes": None, "votes_pending": False, "votes_unreadable": False}
    assert column(data, "leviers")["clusters"] == [
        {"key": None, "name": None, "votes": 0, "cards": [lone]}]
    assert column(data, "ressources")["clusters"] == []


def test_wall_state_sorts_needs_by_confirmed_votes_and_hides_unsure_counts(client, login,
                                                                           wall_scene):
    workshop, cards = wall_scene
    login()
    besoins = column(state(client, workshop), "besoins")["clusters"]
    assert [(c["cards"][0]["code"], c["votes"]) for c in besoins] == [
        (cards["decided"].code, 9), (cards["sure"].code, 3), (cards["unsure"].code, 0)]
    unsure = besoins[2]["cards"][0]
    assert (unsure["votes"], unsure["votes_pending"], unsure["text"]) == (
        None, True, "Un local commun")


def test_wall_ranks_needs_whose_votes_are_not_counted_after_the_counted_ones_never_as_0(
        client, login, make_workshop, make_card, make_field_value):
    """Within a cluster: counted needs by most votes (a person's « Aucun vote » is a counted 0),
    then those whose votes wait, then unreadable ones; a cluster with no counted need comes
    after every cluster with one, even one of 0 votes. Printing order puts each uncounted need
    before the counted 0 it must follow."""
    workshop = make_workshop()
    for cluster, text, votes, review in (
            ("5-a", "Attend un compte", "12", "pending"), ("5-a", "Illisible", None, "unreadable"),
            ("5-a", "Aucun vote", None, "empty"), ("5-a", "Deux votes", "2", "auto"),
            ("5-b", "Attend seul", "4", "pending"), ("5-c", "Zéro confirmé", "0", "confirmed"),
            (None, "Seul illisible", None, "unreadable"), (None, "Seul compté", "1", "auto")):
        card = make_card(workshop, "besoin", cluster=cluster, image=True)
        make_field_value(card, "texte", value=text, review="confirmed", source="human")
        make_field_value(card, "votes", value=votes, proposal=votes or "3", review=review,
                         source="votes", crop=False)
    login()
    besoins = column(state(client, workshop), "besoins")["clusters"]
    assert [[(c["text"], c["votes"]) for c in cluster["cards"]] for cluster in besoins] == [
        [("Deux votes", 2), ("Aucun vote", 0), ("Attend un compte", None), ("Illisible", None)],
        [("Seul compté", 1)], [("Zéro confirmé", 0)], [("Attend seul", None)],
        [("Seul illisible", None)]]
    assert [cluster["votes"] for cluster in besoins] == [2, 1, 0, 0, 0]  # counted votes only
    html = client.get(f"/ateliers/{workshop.code}/mur").get_data(as_text=True)
    shown = re.findall(r'<p class="wall-card__text">([^<]+)</p>\s*<p class="wall-card__votes'
                       r'[^"]*">([^<]+)</p>', html)
    assert shown == [("Deux votes", "2 votes"), ("Aucun vote", "0 vote"),
                     ("Attend un compte", "votes à compter"), ("Illisible", "votes illisibles"),
                     ("Seul compté", "1 vote"), ("Zéro confirmé", "0 vote"),
                     ("Attend seul", "votes à compter"), ("Seul illisible", "votes illisibles")]


def test_wall_state_names_a_cluster_only_by_confirmed_words(client, login, make_workshop,
                                                            make_card, make_field_value):
    workshop = make_workshop()
    for text, review in (("rien de sûr", "pending"), ("Trop de voitures", "confirmed")):
        card = make_card(workshop, "frein", cluster="3-2", image=True)
        make_field_value(card, "texte", value=text, proposal=text, review=review)
    login()
    (cluster,) = column(state(client, workshop), "freins")["clusters"]
    assert cluster["name"] == "Trop de voitures"  # the first card's words wait for a person
    assert [card["text"] for card in cluster["cards"]] == [None, "Trop de voitures"]


def test_wall_image_serves_the_written_field_of_a_photographed_card(client, login, wall_scene,
                                                                    make_workshop, make_card):
    workshop, cards = wall_scene
    login()
    url = column(state(client, workshop), "freins")["clusters"][0]["cards"][1]["image"]
    with client.get(url) as response:  # a file response must be closed
        assert response.status_code == 200 and response.mimetype == "image/png"
        with Image.open(io.BytesIO(response.data)) as image:
            width, height = image.size
    assert width < 240 and height < 60  # the 240 x 60 crop, cut down to its words
    # the levier has no crop of its text: its text box is cut out of the rectified card
    with client.get(f"/ateliers/{workshop.code}/mur/cartes/{cards['lone'].id}/image") as lone:
        assert lone.status_code == 200
        with Image.open(io.BytesIO(lone.data)) as image:
            width, height = image.size
    assert width <= 87 * 8 and height <= 48 * 8  # within the 87 x 48 mm box at 8 px/mm
    identity = make_card(workshop, "identite", image=True)  # not a wall card: never shown
    assert client.get(f"/ateliers/{workshop.code}/mur/cartes/{identity.id}/image").status_code \
        == 404
    with client.get(f"/ateliers/{workshop.code}/mur/cartes/{cards['sure'].id}/image") as need:
        assert need.status_code == 200
    unseen = make_card(workshop, "frein")
    assert client.get(f"/ateliers/{workshop.code}/mur/cartes/{unseen.id}/image").status_code == 404
    other = make_card(make_workshop(), "frein", image=True)
    assert client.get(f"/ateliers/{workshop.code}/mur/cartes/{other.id}/image").status_code == 404


def test_wall_page_renders_the_columns_counter_and_script(client, login, wall_scene):
    workshop, cards = wall_scene
    login()
    html = client.get(f"/ateliers/{workshop.code}/mur").get_data(as_text=True)
    assert f'data-state-url="/ateliers/{workshop.code}/mur/etat.json"' in html
    assert "2 photos en attente" in html and "6 cartes affichées" in html
    assert html.count('class="wall-column ') == 4
    assert "Pas de bus le dimanche" in html and WAITING_OCR not in html
    assert "votes à compter" in html and "9 votes" in html
    assert '<script src="/static/js/wall.js" defer></script>' in html
    assert "<script>" not in html and "style=" not in html


@pytest.mark.parametrize("path", ["", "/etat.json", "/cartes/{card}/image"])
def test_wall_is_for_organisers_only(app, client, make_user, add_member, wall_scene, path):
    from tests.conftest import TEST_PASSWORD

    workshop, cards = wall_scene
    url = f"/ateliers/{workshop.code}/mur" + path.format(card=cards["first"].id)
    assert client.get(url).headers["Location"].startswith("/connexion")
    people = {"stranger": None, "reviewer": "reviewer", "coorganiser": "coorganiser"}
    seen = {}
    for name, role in people.items():
        user = make_user()
        if role:
            add_member(workshop, user, role)
        browser = app.test_client()
        browser.post("/connexion", data={"email": user.email, "password": TEST_PASSWORD})
        with browser.get(url) as response:
            seen[name] = response.status_code
    assert seen == {"stranger": 404, "reviewer": 403, "coorganiser": 200}


def test_wall_leaves_out_blank_cards_but_shows_illegible_ones(client, login, make_workshop,
                                                             make_card, make_field_value):
    workshop = make_workshop()
    blank = make_card(workshop, "frein", image=True)
    make_field_value(blank, "texte", value="", review="auto")
    illegible = make_card(workshop, "frein", image=True)
    make_field_value(illegible, "texte", value=None, review="unreadable", source="human")
    voted = make_card(workshop, "besoin", image=True)
    make_field_value(voted, "texte", value="", review="auto")
    make_field_value(voted, "votes", value="2", review="auto", source="votes", crop=False)
    login()
    data = state(client, workshop)
    shown = {zone: [card["code"] for cluster in column(data, zone)["clusters"]
                    for card in cluster["cards"]] for zone in ("freins", "besoins")}
    assert shown == {"freins": [illegible.code], "besoins": [voted.code]}
    assert data["counts"]["cards_shown"] == 2


def test_wall_shows_no_person_and_an_erased_persons_writing_painted_over(
        app, client, login, make_workshop, make_participant, make_card, make_field_value):
    """The wall names nobody (no name, number or contact field at any consent level), and
    after an erasure (RGPD) the handwriting it projects is the painted-over image."""
    from kit.models import Participant
    from kit.services import personal_data

    workshop = make_workshop()
    people = [make_participant(workshop, first_name=f"Personne{consent}", last_name="Mur",
                               consent=consent)
              for consent in ("public", "participants", "aucun", None)]
    cards = []
    for person in people:
        card = make_card(workshop, "frein", participant=person, image=True)
        make_field_value(card, "texte", proposal="écrit à la main")
        make_field_value(card, "contact", value="Lucie Faure", review="confirmed")
        cards.append(card)
    login()
    raw = client.get(f"/ateliers/{workshop.code}/mur/etat.json").get_data(as_text=True)
    assert "Mur" not in raw and "Personne" not in raw and "Lucie Faure" not in raw
    assert state(client, workshop)["counts"]["cards_shown"] == 4
    url = f"/ateliers/{workshop.code}/mur/cartes/{cards[0].id}/image"
    with client.get(url) as before:
        written = before.data
    with app.app_context():
        live = db.session.get(Participant, people[0].id)
        personal_data.erase(personal_data.person_of_participant(live), app.config["CROPS_DIR"])
    with client.get(url) as after:
        assert after.status_code == 200 and after.data != written
        with Image.open(io.BytesIO(after.data)) as image:
            painted = image.convert("L")
    with Image.open(io.BytesIO(written)) as image:
        assert painted.size != image.size  # "effacé", cut to its own few letters
