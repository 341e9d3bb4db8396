"""Log-in, log-out, pages closed to visitors, CSRF, the create-user command."""
from __future__ import annotations

import re

import pytest

from kit.extensions import db
from kit.services.users import find_user

ORGANISER_PAGES = ["/ateliers/", "/ateliers/nouveau", "/ateliers/{code}/",
                   "/ateliers/{code}/modifier", "/ateliers/{code}/participants/",
                   "/ateliers/{code}/participants/nouveau",
                   "/ateliers/{code}/participants/{pid}/modifier", "/ateliers/{code}/import/",
                   "/ateliers/{code}/kit/kit.pdf"]


def csrf_token_of(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_login_page_shows_labelled_french_form(client):
    html = client.get("/connexion").get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert '<label class="field__label" for="email">E-mail</label>' in html
    assert '<label class="field__label" for="password">Mot de passe</label>' in html
    assert 'href="#contenu"' in html  # skip link


def test_login_with_right_password_opens_workshops(client, make_user):
    user = make_user(name="Élise Vasserot")
    response = client.post("/connexion", data={"email": user.email.upper(),
                                               "password": "mot-de-passe-test"})
    assert response.headers["Location"] == "/"
    html = client.get("/ateliers/").get_data(as_text=True)
    assert "Élise Vasserot" in html and "Se déconnecter" in html


def test_login_with_wrong_password_is_refused(client, make_user):
    user = make_user()
    response = client.post("/connexion", data={"email": user.email, "password": "faux-mot"})
    assert response.status_code == 200
    assert "E-mail ou mot de passe incorrect." in response.get_data(as_text=True)
    assert client.get("/ateliers/").status_code == 302


def test_login_follows_local_next_only(client, make_user):
    user = make_user()
    data = {"email": user.email, "password": "mot-de-passe-test"}
    assert client.post("/connexion?next=/ateliers/nouveau", data=data
                       ).headers["Location"] == "/ateliers/nouveau"
    client.post("/deconnexion")
    assert client.post("/connexion?next=https://evil.example/", data=data
                       ).headers["Location"] == "/"


def test_logout_closes_organiser_pages(client, login):
    login()
    response = client.post("/deconnexion", follow_redirects=True)
    assert "Vous êtes déconnecté·e." in response.get_data(as_text=True)
    assert client.get("/ateliers/").headers["Location"].startswith("/connexion")


def test_logout_forgets_the_links_secrets_but_keeps_the_language(client, login, make_workshop):
    # the session cookie is signed, not encrypted: a volunteer link's secret remembered for its
    # organiser must not stay in it once they log out (anyone holding the cookie could decode it)
    workshop = make_workshop()
    login()
    client.post("/langue", data={"lang": "en"})
    assert client.post(f"/ateliers/{workshop.code}/liens", data={"label": "Table 1"}
                       ).status_code == 302
    with client.session_transaction() as session:
        secrets = list(session["upload_link_secrets"].values())
    assert secrets
    client.post("/deconnexion")
    with client.session_transaction() as session:
        assert "upload_link_secrets" not in session
        assert session.get("lang") == "en"
        assert not any(secret in repr(dict(session)) for secret in secrets)


@pytest.mark.parametrize("template", ORGANISER_PAGES)
def test_organiser_page_when_logged_out_redirects_to_login(client, make_workshop,
                                                          make_participant, template):
    workshop = make_workshop()
    person = make_participant(workshop)
    url = template.format(code=workshop.code, pid=person.id)
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion?next=")


@pytest.mark.parametrize("url", ["/ateliers/nouveau", "/ateliers/{code}/kit/",
                                 "/ateliers/{code}/participants/nouveau"])
def test_post_when_logged_out_changes_nothing(client, make_workshop, app, url):
    workshop = make_workshop()
    response = client.post(url.format(code=workshop.code),
                           data={"code": "PIRATE", "title": "x", "first_name": "x",
                                 "last_name": "y"})
    assert response.status_code == 302
    with app.app_context():
        from kit.models import Card, Participant, Workshop
        assert db.session.query(Workshop).count() == 1
        assert db.session.query(Participant).count() == 0
        assert db.session.query(Card).count() == 0


def test_post_without_csrf_token_is_rejected(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        from kit.services.users import create_user
        create_user("csrf@example.org", "Test", "mot-de-passe-test")
    data = {"email": "csrf@example.org", "password": "mot-de-passe-test"}
    assert client.post("/connexion", data=data).status_code == 400
    assert client.post("/langue", data={"lang": "en"}).status_code == 400
    token = csrf_token_of(client.get("/connexion").get_data(as_text=True))
    assert client.post("/connexion", data={**data, "csrf_token": token}).status_code == 302
    assert client.post("/ateliers/nouveau", data={"code": "CSRF1", "title": "t"}).status_code == 400
    with app.app_context():
        from kit.models import Workshop
        assert db.session.query(Workshop).count() == 0


def test_create_user_command_hashes_password(app, runner):
    result = runner.invoke(args=["create-user", "Anne@Example.org", "--name", "Anne Pellegrin",
                                 "--password", "un-bon-mot-de-passe"])
    assert result.exit_code == 0, result.output
    assert "Compte créé : anne@example.org" in result.output
    with app.app_context():
        user = find_user("anne@example.org")
        assert user.name == "Anne Pellegrin"
        assert "un-bon-mot-de-passe" not in user.password_hash
        assert user.check_password("un-bon-mot-de-passe")


def test_create_user_command_prompts_for_password(app, runner):
    result = runner.invoke(args=["create-user", "lea@example.org"],
                           input="mot-de-passe-long\nmot-de-passe-long\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert find_user("lea@example.org").check_password("mot-de-passe-long")


@pytest.mark.parametrize("args, message", [
    (["create-user", "a@example.org", "--password", "court"], "mot de passe trop court"),
    (["create-user", "pas-une-adresse", "--password", "assez-long-oui"], "adresse e-mail invalide"),
])
def test_create_user_command_with_bad_input_fails(runner, args, message):
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert message in result.output


def test_create_user_command_twice_is_refused(runner, make_user):
    user = make_user()
    result = runner.invoke(args=["create-user", user.email, "--password", "encore-un-autre"])
    assert result.exit_code == 1
    assert f"un compte existe déjà pour {user.email}" in result.output
