"""Issue 9, point 6: the public restitution exists only once an owner publishes it; members
preview the draft; the address is "not found" before and after a withdrawal."""
from __future__ import annotations

import pytest

from kit.extensions import db
from kit.models import Workshop
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def owned_workshop(app, make_user, make_participant, make_card, make_field_value):
    """A workshop created by its owner, with one person who agreed to be public; both came
    (their identity cards were read: the restitution names only people who came)."""
    from kit.services.workshops import create_workshop

    owner = make_user()
    with app.app_context():
        workshop = create_workshop({"code": "PUB1", "title": "Mobilité douce"},
                                   created_by=db.session.get(type(owner), owner.id))
        workshop_id = workshop.id
        db.session.expunge(workshop)
    for first, last, consent in (("Publique", "Dupont", "public"),
                                 ("Discrète", "Martin", "participants")):
        person = make_participant(workshop, first_name=first, last_name=last, consent=consent)
        card = make_card(workshop, "identite", participant=person)
        make_field_value(card, "nom", value=last, review="auto", crop=False)
    return owner, workshop_id


def logged_in(app, user):
    client = app.test_client()
    assert client.post("/connexion", data={"email": user.email,
                                           "password": TEST_PASSWORD}).status_code == 302
    return client


def published_at(app, workshop_id):
    with app.app_context():
        return db.session.get(Workshop, workshop_id).restitution_published_at


def test_public_restitution_is_not_found_until_published(app, client, owned_workshop):
    response = client.get("/restitution/PUB1")
    assert response.status_code == 404
    assert "Publique Dupont" not in response.get_data(as_text=True)


def test_member_previews_the_draft(app, owned_workshop):
    owner, _ = owned_workshop
    page = logged_in(app, owner).get("/ateliers/PUB1/resultats/restitution").get_data(as_text=True)
    assert "Brouillon" in page and "Publique Dupont" in page and "Discrète Martin" not in page
    assert "Publier la restitution" in page


def test_preview_needs_login(client, owned_workshop):
    response = client.get("/ateliers/PUB1/resultats/restitution")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_owner_publishes_then_withdraws(app, client, owned_workshop):
    owner, workshop_id = owned_workshop
    team = logged_in(app, owner)
    response = team.post("/ateliers/PUB1/resultats/restitution", data={"action": "publish"})
    assert response.status_code == 302 and published_at(app, workshop_id) is not None
    public = client.get("/restitution/PUB1")
    assert public.status_code == 200
    text = public.get_data(as_text=True)
    assert "Publique Dupont" in text and "Discrète Martin" not in text
    assert "Aperçu pour l’équipe" not in text and "Publier" not in text
    team.post("/ateliers/PUB1/resultats/restitution", data={"action": "unpublish"})
    assert published_at(app, workshop_id) is None
    assert client.get("/restitution/PUB1").status_code == 404


def test_only_the_owner_publishes(app, make_user, owned_workshop):
    _, workshop_id = owned_workshop
    other = logged_in(app, make_user())
    response = other.post("/ateliers/PUB1/resultats/restitution", data={"action": "publish"})
    assert response.status_code in (403, 404)  # 404 once membership hides the workshop
    assert published_at(app, workshop_id) is None

