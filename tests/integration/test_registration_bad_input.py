"""Bad input on the public registration pages: a clear message, and nothing lost or changed."""
from __future__ import annotations

import pytest

from kit.extensions import db
from kit.models import Participant
from tests.support.registrations import (  # noqa: F401 (fixtures)
    CSRF_RE,
    FORM,
    nonce_of,
    open_workshop,
    post_registration,
    register,
    registrations_of,
)

SCRIPT = "<script>alert('x')</script>"


def test_invalid_email_is_refused_with_a_message(client, app, open_workshop):
    workshop = open_workshop()
    response = post_registration(client, workshop.code, email="camille@@example")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Une information est à corriger :" in html
    assert '<a href="#email">E-mail</a> : Adresse e-mail invalide.' in html
    assert 'value="Mountain Wilderness"' in html  # what was typed is kept
    assert registrations_of(app, workshop) == []


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"email": ""}, "Indiquez votre adresse e-mail"),
        ({"first_name": ""}, '<a href="#first_name">Prénom</a> : Ce champ est obligatoire.'),
        ({"consent": None}, "Choisissez une des trois réponses."),
        ({"phone": "12"}, "Numéro de téléphone invalide."),
        (
            {"structure": "S" * 201},
            '<a href="#structure">Structure</a> : Trop long : 200 caractères au plus.',
        ),
    ],
)
def test_registration_field_errors_name_the_field(client, app, open_workshop, changes, message):
    workshop = open_workshop()
    html = post_registration(client, workshop.code, **changes).get_data(as_text=True)
    assert message in html
    assert registrations_of(app, workshop) == []


def test_answer_far_too_long_names_category_and_line_and_keeps_old_answers(client, app,
                                                                           open_workshop, register):
    location = register(open_workshop())
    client.post(location + "questionnaire", data={"freins-0": "Le froid"})
    response = client.post(location + "questionnaire", data={
        "freins-0": "Le froid", "leviers-0": "ok", "leviers-1": "x" * 5000})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (
        '<a href="#leviers-1">« Leviers », ligne 2</a> : Réponse trop longue : 5000 caractères, '
        "300 au plus."
    ) in html
    assert "Rien n’a été enregistré pour l’instant" in html
    page = client.get(location).get_data(as_text=True)
    assert "<li>Le froid</li>" in page and "<li>ok</li>" not in page


def test_html_in_answers_is_escaped_on_every_page(client, app, login, open_workshop, register):
    workshop = open_workshop()
    location = register(workshop, first_name=SCRIPT, structure="<b>gras</b>")
    client.post(location + "questionnaire", data={"freins-0": SCRIPT})
    escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
    pages = [client.get(location).get_data(as_text=True),
             client.get(location + "modifier").get_data(as_text=True),
             client.get(location + "questionnaire").get_data(as_text=True)]
    login()
    pages += [client.get(f"/ateliers/{workshop.code}/inscriptions/").get_data(as_text=True),
              client.get(f"/ateliers/{workshop.code}/premiere-base/").get_data(as_text=True),
              client.get(f"/ateliers/{workshop.code}/participants/").get_data(as_text=True)]
    for html in pages:
        assert "<script>alert" not in html and "<b>gras" not in html
        assert escaped in html or "&lt;b&gt;gras&lt;/b&gt;" in html
    assert escaped in pages[0] and escaped in pages[4]


def test_double_click_on_submit_makes_one_registration(client, app, open_workshop):
    workshop = open_workshop()
    nonce = nonce_of(client.get(f"/inscription/{workshop.code}/").get_data(as_text=True))
    first = post_registration(client, workshop.code, nonce=nonce)
    fresh_cookies = app.test_client()  # the first response's cookie never arrived
    second = post_registration(fresh_cookies, workshop.code, nonce=nonce)
    assert first.headers["Location"] == second.headers["Location"]
    assert len(registrations_of(app, workshop)) == 1
    with app.app_context():
        assert db.session.query(Participant).count() == 1


def test_post_without_csrf_token_gets_friendly_400_and_changes_nothing(make_app, open_workshop):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        import datetime as dt

        from kit.services.workshops import create_workshop
        workshop = create_workshop({"code": "CSRF5", "title": "Atelier",
                                    "registration_opens_on": dt.date.today()})
        workshop_id = workshop.id
    page = client.get("/inscription/CSRF5/").get_data(as_text=True)
    response = client.post("/inscription/CSRF5/", data={**FORM, "nonce": nonce_of(page)})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Ce formulaire n’a pas pu être envoyé" in html and "Rien n’a été enregistré" in html
    token = CSRF_RE.search(page).group(1)
    ok = client.post(
        "/inscription/CSRF5/", data={**FORM, "nonce": nonce_of(page), "csrf_token": token}
    )
    assert ok.status_code == 302
    with app.app_context():
        from kit.models import Registration
        assert [r.workshop_id for r in db.session.query(Registration)] == [workshop_id]


def test_honeypot_filled_is_silently_discarded(client, app, open_workshop):
    workshop = open_workshop()
    response = post_registration(client, workshop.code, website="http://spam.example")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Merci, votre demande a bien été reçue." in html
    assert "erreur" not in html.lower() and "/mon-inscription/" not in html
    assert registrations_of(app, workshop) == []


def test_too_many_posts_from_one_address_get_friendly_429(make_app, open_workshop):
    app = make_app(REGISTRATION_RATE_LIMIT="3 per minute")
    client = app.test_client()
    with app.app_context():
        import datetime as dt

        from kit.services.workshops import create_workshop

        create_workshop(
            {"code": "LIM1", "title": "Atelier", "registration_opens_on": dt.date.today()}
        )
    statuses = [post_registration(client, "LIM1", email=f"p{i}@example.org").status_code
                for i in range(3)]
    blocked = post_registration(client, "LIM1", email="p9@example.org")
    assert statuses == [302, 302, 302] and blocked.status_code == 429
    assert "Trop d’envois en peu de temps" in blocked.get_data(as_text=True)
    with app.app_context():
        from kit.models import Registration
        emails = sorted(r.email for r in db.session.query(Registration))
    assert emails == ["p0@example.org", "p1@example.org", "p2@example.org"]
    assert client.get("/inscription/LIM1/").status_code == 200  # reading is never limited


def test_changing_email_to_another_registration_is_refused(client, app, open_workshop, register):
    workshop = open_workshop()
    register(workshop, email="a@example.org")
    location = register(workshop, email="b@example.org")
    html = client.post(location + "modifier", data={**FORM, "email": "a@example.org"}
                       ).get_data(as_text=True)
    assert "Cette adresse e-mail est déjà utilisée pour une autre inscription" in html
    assert sorted(r.email for r in registrations_of(app, workshop)) == ["a@example.org",
                                                                       "b@example.org"]
