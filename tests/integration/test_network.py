"""The directory's consent, the network map (organisers' and public), its JSON endpoint and
the territory at a glance (issue 12)."""
from __future__ import annotations

import json

import pytest

from kit.extensions import db


@pytest.fixture
def scene(app, make_user, make_workshop, make_participant, make_card, make_field_value):
    """Two workshops of one owner, the first published; people at every consent level."""
    from kit.models import User, Workshop
    from kit.services import workshops

    owner = make_user(email="orga@example.org")
    first = make_workshop(owner=owner, code="MOB1", title="Mobilité", theme="Mobilité")
    second = make_workshop(owner=owner, code="ALIM1", title="Alimentation", theme="Alimentation")
    people = {
        "public": make_participant(first, first_name="Paula", last_name="Publique",
                                   consent="public", structure="Mairie de Briançon",
                                   commune="Briançon", email="paula@example.org"),
        "shared": make_participant(first, first_name="Sam", last_name="Partage",
                                   consent="participants", structure="Mairie de Briançon",
                                   commune="Vallouise", email="sam@example.org"),
        "none": make_participant(first, first_name="Nina", last_name="Aucun", consent="aucun",
                                 structure="Ferme des Vigneaux", commune="Les Vigneaux",
                                 email="nina@example.org"),
        "unasked": make_participant(first, first_name="Ulysse", last_name="Jamais",
                                    consent=None, email="ulysse@example.org"),
        # public in the first workshop, "aucun" in the second: the strictest wins
        "strict": make_participant(first, first_name="Stella", last_name="Stricte",
                                   consent="public", email="stella@example.org", number=9),
        "pending": make_participant(first, first_name="Pia", last_name="Attente",
                                    consent="public", email="pia@example.org"),
    }
    make_participant(second, first_name="Stella", last_name="Stricte", consent="aucun",
                     email="Stella@Example.org")
    identity = make_card(first, "identite", participant=people["pending"])
    make_field_value(identity, "consentement_public", value="1", review="pending",
                     source="checkbox")
    need = make_card(first, "besoin", participant=people["public"])
    make_field_value(need, "texte", value="Une navette le samedi", review="confirmed")
    guess = make_card(first, "besoin", participant=people["shared"])
    make_field_value(guess, "texte", proposal="Un vélo ?", review="pending")
    group = make_card(first, "graine", number=None)
    make_field_value(group, "titre", value="Covoiturage de la vallée", review="confirmed")
    make_field_value(group, "membre_1_nom", value="Paula Publique", review="confirmed")
    make_field_value(group, "membre_1_email", value="paula@example.org", review="confirmed")
    make_field_value(group, "membre_2_nom", value="Nina Aucun", review="confirmed")
    make_field_value(group, "membre_2_email", value="nina@example.org", review="confirmed")
    with app.app_context():
        workshops.set_published(db.session.get(Workshop, first.id),
                                db.session.get(User, owner.id), True)
    return owner, first, second, people


def names_in(text: str) -> set[str]:
    everyone = ("Paula", "Sam", "Nina", "Ulysse", "Stella", "Pia")
    return {name for name in everyone if name in text}


def test_directory_organisers_see_everyone_shared_view_the_consented(client, login, scene):
    owner, *_ = scene
    login(owner)
    assert names_in(client.get("/acteurs/").get_data(as_text=True)) == {
        "Paula", "Sam", "Nina", "Ulysse", "Stella", "Pia"}
    assert names_in(client.get("/acteurs/?vue=partagee").get_data(as_text=True)) == {
        "Paula", "Sam"}


def test_directory_exports_hold_only_the_shared_consent(client, login, scene):
    owner, *_ = scene
    login(owner)
    vcard = client.get("/acteurs/annuaire.vcf")
    assert vcard.headers["Content-Type"] == "text/vcard; charset=utf-8"
    text = vcard.get_data(as_text=True)
    assert names_in(text) == {"Paula", "Sam"} and text.count("BEGIN:VCARD") == 2
    assert "ORG:Mairie de Briançon" in text
    csv = client.get("/acteurs/annuaire.csv").get_data().decode("utf-8-sig")
    assert names_in(csv) == {"Paula", "Sam"}
    assert csv.splitlines()[0].startswith("Prénom;Nom;Structure")


def test_directory_filters(client, login, scene):
    owner, *_ = scene
    login(owner)
    page = client.get("/acteurs/?q=vigneaux").get_data(as_text=True)
    assert names_in(page) == {"Nina"}
    page = client.get("/acteurs/?atelier=ALIM1").get_data(as_text=True)
    assert names_in(page) == {"Stella"}
    page = client.get("/acteurs/?theme=Alimentation").get_data(as_text=True)
    assert names_in(page) == {"Stella"}
    assert names_in(client.get("/acteurs/?atelier=NOPE").get_data(as_text=True)) == {
        "Paula", "Sam", "Nina", "Ulysse", "Stella", "Pia"}  # an unknown code filters nothing


def structure_mentions(text: str) -> set[str]:
    return {name for name in ("Mairie de Briançon", "Ferme des Vigneaux") if name in text}


def test_public_map_shows_only_public_people_but_every_structure_and_group(client, scene):
    page = client.get("/reseau/public/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert names_in(text) == {"Paula"}
    assert structure_mentions(text) == {"Mairie de Briançon", "Ferme des Vigneaux"}
    assert "Covoiturage de la vallée" in text
    data = client.get("/reseau/public/donnees.json").get_json()
    people = [n["label"] for n in data["nodes"] if n["kind"] == "person"]
    assert people == ["Paula Publique"]
    kinds = {(e["kind"]) for e in data["edges"]}
    assert kinds == {"works_in", "wrote", "joined", "met_at"}
    assert {n["label"] for n in data["nodes"] if n["kind"] == "need"} == {
        "Une navette le samedi"}  # the pending "Un vélo ?" is never shown


def test_public_map_of_unpublished_workshops_is_empty(app, client, scene):
    from kit.models import Workshop
    owner, first, *_ = scene
    with app.app_context():
        db.session.get(Workshop, first.id).restitution_published_at = None
        db.session.commit()
    data = client.get("/reseau/public/donnees.json").get_json()
    assert data["nodes"] == [] and data["edges"] == []


def test_data_endpoint_shape_and_links(client, login, scene):
    owner, first, second, people = scene
    login(owner)
    response = client.get("/reseau/donnees.json")
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.get_data(as_text=True))
    assert set(data) == {"nodes", "edges", "counts"}
    assert data["counts"] == {"person": 6, "structure": 2, "need": 1, "group": 1, "workshop": 2}
    node = next(n for n in data["nodes"] if n["label"] == "Paula Publique")
    assert set(node) == {"id", "kind", "label", "workshops", "x", "y", "cluster"}
    assert node["kind"] == "person" and node["workshops"] == ["MOB1"]
    ties = {(e["kind"], by_id(data, e["target"])) for e in data["edges"]
            if e["source"] == node["id"]}
    assert ties == {("works_in", "Mairie de Briançon"), ("wrote", "Une navette le samedi"),
                    ("joined", "Covoiturage de la vallée"), ("met_at", "Mobilité")}
    stella = next(n for n in data["nodes"] if n["label"] == "Stella Stricte")
    assert sorted(stella["workshops"]) == ["ALIM1", "MOB1"]  # one actor, two workshops


def by_id(data: dict, node_id: str) -> str:
    return next(n["label"] for n in data["nodes"] if n["id"] == node_id)


def test_map_filtered_by_workshop_and_theme(client, login, scene):
    owner, *_ = scene
    login(owner)
    data = client.get("/reseau/donnees.json?atelier=ALIM1").get_json()
    assert [n["label"] for n in data["nodes"] if n["kind"] == "person"] == ["Stella Stricte"]
    data = client.get("/reseau/donnees.json?theme=Mobilit%C3%A9").get_json()
    assert data["counts"]["person"] == 6 and data["counts"]["workshop"] == 1


def test_map_page_has_svg_table_and_script(client, login, scene):
    owner, *_ = scene
    login(owner)
    page = client.get("/reseau/").get_data(as_text=True)
    assert '<svg class="network__svg"' in page and 'id="network-table"' in page
    assert page.count('class="network__row"') == 6
    assert "/static/js/network.js" in page and "<script>" not in page and "style=" not in page


def test_network_of_another_organiser_is_not_seen(client, login, make_user, scene):
    stranger = make_user(email="autre@example.org")
    login(stranger)
    data = client.get("/reseau/donnees.json").get_json()
    assert data["nodes"] == []
    assert names_in(client.get("/acteurs/").get_data(as_text=True)) == set()


def test_territory_counts_per_community_and_commune(client, login, scene):
    owner, *_ = scene
    login(owner)
    page = client.get("/territoire/").get_data(as_text=True)
    assert 'class="chart__svg"' in page
    from kit.models import User
    from kit.services import directory, territory_counts
    with client.application.app_context():
        counts = territory_counts.count(directory.user_scope(db.session.get(User, owner.id)))
    assert counts.communities["brianconnais"]["actors"] == 1  # Paula, Briançon
    assert counts.communities["ecrins"]["actors"] == 2  # Sam (Vallouise), Nina (Les Vigneaux)
    assert counts.communities["brianconnais"]["needs"] == 1
    assert counts.communities["brianconnais"]["groups"] == 1
    assert counts.communities["ecrins"]["groups"] == 1  # Nina is a member
    assert counts.communes["Vallouise-Pelvoux"]["actors"] == 1  # a short form, officially named


def test_action_groups_confirmed_members_join_sheets_made_groups_are_not_doubled(
        app, client, login, scene):
    """A group sheet made into an action group (issue 10) shows once, as the group, with only
    its confirmed members; a proposed member is not tied to it."""
    from kit.models import ActionGroup, Card, GroupMember, Workshop

    owner, first, second, people = scene
    with app.app_context():
        sheet = db.session.scalars(db.select(Card).where(Card.type_key == "graine")).one()
        group = ActionGroup(workshop=db.session.get(Workshop, first.id), card_id=sheet.id,
                            public_id="x" * 20, title="Covoiturage de la vallée")
        db.session.add(group)
        db.session.add_all([
            GroupMember(group=group, participant_id=people["shared"].id, state="member"),
            GroupMember(group=group, participant_id=people["public"].id, state="proposed")])
        db.session.commit()
        group_id = group.id
    login(owner)
    data = client.get("/reseau/donnees.json").get_json()
    groups = [n for n in data["nodes"] if n["kind"] == "group"]
    assert [(n["id"], n["label"]) for n in groups] == [(f"a{group_id}",
                                                        "Covoiturage de la vallée")]
    members = {by_id(data, e["source"]) for e in data["edges"] if e["kind"] == "joined"}
    assert members == {"Sam Partage"}
