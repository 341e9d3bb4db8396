"""Online registration through the public page and the personal link (issue 5)."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from kit.extensions import db
from kit.models import Participant, Registration
from tests.support.registrations import (  # noqa: F401 (fixtures)
    FORM,
    open_workshop,
    post_registration,
    register,
    registrations_of,
    today,
)


def participants_of(app, workshop) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(db.select(Participant).where(
            Participant.workshop_id == workshop.id).order_by(Participant.number))
        return [(p.number, p.full_name, p.email, p.origin, p.consent, p.newsletter) for p in rows]


def test_registration_page_shows_workshop_and_form(client, open_workshop):
    workshop = open_workshop(capacity=30)
    html = client.get(f"/inscription/{workshop.code}/").get_data(as_text=True)
    assert "<h1>Mobilité douce dans le Grand Briançonnais</h1>" in html
    assert "Centre des congrès, Briançon" in html
    assert 'name="consent" type="radio" value="participants"' in html
    assert 'name="website"' in html and 'class="hp"' in html  # the honeypot, hidden by CSS
    assert "Ce site n’envoie pas d’e-mail" in html  # no SMTP configured in tests
    assert f'href="/inscription/{workshop.code}/atelier.ics"' in html


def test_register_creates_registration_and_preregistered_participant(client, app, open_workshop,
                                                                    register):
    workshop = open_workshop()
    location = register(workshop)
    [registration] = registrations_of(app, workshop)
    secret = location.split("/")[2]
    assert registration.token == hashlib.sha256(secret.encode()).hexdigest()
    assert (registration.status, registration.email, registration.phone) == (
        "confirmed", "camille@example.org", "06 12 34 56 78")
    assert participants_of(app, workshop) == [
        (1, "Camille Arnaud", "camille@example.org", "preregistered", "participants", True)]
    html = client.get(location).get_data(as_text=True)
    assert "Merci, votre inscription est enregistrée." in html
    assert "Camille, votre inscription est confirmée." in html
    assert f"http://localhost/mon-inscription/{secret}/" in html
    assert "Aucun serveur d’envoi d’e-mails n’est configuré" in html
    assert "Répondre au questionnaire" in html


def test_questionnaire_answers_saved_and_shown(client, app, open_workshop, register):
    workshop = open_workshop()
    location = register(workshop)
    page = client.get(location + "questionnaire").get_data(as_text=True)
    assert page.count('name="freins-') == 3 and "Ajouter une ligne" in page
    response = client.post(location + "questionnaire", data={
        "freins-0": "Pas de piste cyclable vers le lycée", "freins-1": "  ", "freins-2": "Le froid",
        "besoins-0": "Un garage à vélos à la gare"})
    assert response.headers["Location"] == location
    html = client.get(location).get_data(as_text=True)
    assert "<li>Pas de piste cyclable vers le lycée</li>" in html and "<li>Le froid</li>" in html
    assert "<li>Un garage à vélos à la gare</li>" in html
    [registration] = registrations_of(app, workshop)
    with app.app_context():
        live = db.session.get(Registration, registration.id)
        assert [(a.category, a.position, a.text, a.item.text) for a in live.answers] == [
            ("besoins", 0, "Un garage à vélos à la gare", "Un garage à vélos à la gare"),
            (
                "freins",
                0,
                "Pas de piste cyclable vers le lycée",
                "Pas de piste cyclable vers le lycée",
            ),
            ("freins", 1, "Le froid", "Le froid"),
        ]


def test_questionnaire_add_line_keeps_answers_without_javascript(client, open_workshop, register):
    workshop = open_workshop()
    location = register(workshop)
    data = {f"leviers-{i}": f"Levier {i}" for i in range(3)}
    response = client.post(location + "questionnaire", data={**data, "ajouter": "leviers"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('name="leviers-') == 5  # three answers, the usual empty one, the added one
    assert 'value="Levier 2"' in html
    assert client.get(location).get_data(as_text=True).count("<li>Levier ") == 3  # saved too


def test_edit_through_token_link_updates_participant(client, app, open_workshop, register):
    workshop = open_workshop()
    location = register(workshop)
    form = client.get(location + "modifier").get_data(as_text=True)
    assert (
        'value="Mountain Wilderness"' in form
        and 'checked class="field__checkbox" id="consent-0"' in form
    )
    response = client.post(location + "modifier", data={**FORM, "structure": "Vélo Club",
                                                          "consent": "aucun", "newsletter": ""})
    assert response.headers["Location"] == location
    assert "Vos informations sont enregistrées." in client.get(location).get_data(as_text=True)
    with app.app_context():
        person = db.session.scalars(db.select(Participant)).one()
        assert (person.structure, person.consent, person.newsletter) == (
            "Vélo Club",
            "aucun",
            False,
        )


def test_cancel_removes_participant_and_answers(client, app, open_workshop, register):
    workshop = open_workshop()
    location = register(workshop)
    client.post(location + "questionnaire", data={"freins-0": "Le froid"})
    assert "Oui, j’annule mon inscription" in client.get(location + "annuler").get_data(
        as_text=True
    )
    client.post(location + "annuler")
    html = client.get(location).get_data(as_text=True)
    assert "Cette inscription est annulée." in html and "Le froid" not in html
    [registration] = registrations_of(app, workshop)
    assert registration.status == "cancelled"
    assert participants_of(app, workshop) == []
    with app.app_context():
        from kit.models import Answer, BaseItem
        assert db.session.query(Answer).count() == 0 and db.session.query(BaseItem).count() == 0


def test_register_again_from_another_browser_changes_nothing(client, app, open_workshop,
                                                             register):
    workshop = open_workshop()
    register(workshop)
    other_browser = app.test_client()
    response = post_registration(other_browser, workshop.code, first_name="Camille-Marie",
                                 email="  Camille@Example.org ")
    assert response.headers["Location"] == f"/inscription/{workshop.code}/mise-a-jour"
    html = other_browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "Si vous êtes déjà inscrit·e, un lien vous a été envoyé" in html
    assert "/mon-inscription/" not in html  # a stranger knowing the e-mail gets no link
    [registration] = registrations_of(app, workshop)
    assert registration.first_name == "Camille"  # anyone may type anyone's e-mail
    assert [p[1] for p in participants_of(app, workshop)] == ["Camille Arnaud"]


def test_same_browser_registering_again_lands_on_its_page(client, app, open_workshop, register):
    workshop = open_workshop()
    first = register(workshop)
    second = register(workshop, role="Présidente")
    assert first == second
    assert "Votre inscription est mise à jour." in client.get(second).get_data(as_text=True)
    assert [r.role for r in registrations_of(app, workshop)] == ["Présidente"]


def test_waiting_list_when_full_and_promotion_on_cancel(client, app, open_workshop, register):
    workshop = open_workshop(capacity=1)
    first = register(workshop, email="a@example.org", first_name="Alix")
    html = client.get(f"/inscription/{workshop.code}/").get_data(as_text=True)
    assert "L’atelier est complet." in html and "M’inscrire sur la liste d’attente" in html
    second = register(workshop, email="b@example.org", first_name="Basile")
    third = register(workshop, email="c@example.org", first_name="Chloé")
    assert "sur la liste d’attente, en position 2" in client.get(third).get_data(as_text=True)
    assert [(r.first_name, r.status) for r in registrations_of(app, workshop)] == [
        ("Alix", "confirmed"), ("Basile", "waiting"), ("Chloé", "waiting")]
    assert [p[1] for p in participants_of(app, workshop)] == ["Alix Arnaud"]
    client.post(first + "annuler")
    assert "Basile, votre inscription est confirmée." in client.get(second).get_data(as_text=True)
    assert "en position 1" in client.get(third).get_data(as_text=True)
    assert [p[1] for p in participants_of(app, workshop)] == ["Basile Arnaud"]


def test_registration_closed_before_opening(client, app, open_workshop):
    workshop = open_workshop(registration_opens_on=today() + dt.timedelta(days=3))
    html = client.get(f"/inscription/{workshop.code}/").get_data(as_text=True)
    opening = today() + dt.timedelta(days=3)
    assert f"Les inscriptions ouvriront le {opening.day}" in html
    assert 'name="first_name"' not in html
    response = post_registration(client, workshop.code, nonce="x" * 20)
    assert "Les inscriptions ne sont pas ouvertes : rien n’a été enregistré." in response.get_data(
        as_text=True)
    assert registrations_of(app, workshop) == []


def test_registration_closed_after_closing_date(client, app, open_workshop):
    closing = today() - dt.timedelta(days=1)
    workshop = open_workshop(registration_opens_on=today() - dt.timedelta(days=20),
                             registration_closes_on=closing)
    html = client.get(f"/inscription/{workshop.code}/").get_data(as_text=True)
    assert f"Les inscriptions sont closes depuis le {closing.day}" in html
    post_registration(client, workshop.code, nonce="y" * 20)
    assert registrations_of(app, workshop) == []


def test_registration_closes_the_day_before_the_workshop_by_default(client, open_workshop):
    workshop = open_workshop(date=today())
    assert "Les inscriptions sont closes" in client.get(
        f"/inscription/{workshop.code}/").get_data(as_text=True)


def test_registration_page_is_404_without_opening_date(client, make_workshop):
    workshop = make_workshop()
    assert client.get(f"/inscription/{workshop.code}/").status_code == 404


def test_unknown_token_gets_a_clear_404(client):
    response = client.get("/mon-inscription/ceci-nest-pas-un-lien-valide/")
    assert response.status_code == 404
    assert "Ce lien ne correspond à aucune inscription" in response.get_data(as_text=True)


def test_personal_pages_are_not_cached_nor_referred(client, open_workshop, register):
    location = register(open_workshop())
    headers = client.get(location).headers
    assert headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"


def test_ics_download_describes_the_workshop(client, open_workshop):
    day = dt.date(2026, 6, 18)
    workshop = open_workshop(date=day, registration_closes_on=today() + dt.timedelta(days=5))
    response = client.get(f"/inscription/{workshop.code}/atelier.ics")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    assert "DTSTART:20260618T070000Z\r\n" in text and "DTEND:20260618T150000Z\r\n" in text
    assert "SUMMARY:Mobilité douce dans le Grand Briançonnais\r\n" in text
    assert "LOCATION:Centre des congrès\\, Briançon\r\n" in text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")


def test_organiser_list_shows_registrations_and_waiting_list(client, app, login, open_workshop,
                                                             register):
    workshop = open_workshop(capacity=1)
    register(workshop, email="a@example.org", last_name="Blanc")
    register(workshop, email="b@example.org", last_name="Martin")
    assert client.get(f"/ateliers/{workshop.code}/inscriptions/").status_code == 302  # login
    login()
    html = client.get(f"/ateliers/{workshop.code}/inscriptions/").get_data(as_text=True)
    assert "Inscrit·es (1)" in html and "Liste d’attente (1)" in html
    assert "<td>BLANC Camille</td>" in html and "<td>MARTIN Camille</td>" in html
    assert "1 place prise sur 1." in html


def test_csv_export_has_bom_semicolons_and_every_registration(client, app, login, open_workshop,
                                                              register):
    workshop = open_workshop(capacity=1)
    first = register(workshop, email="a@example.org", last_name="Blanc")
    client.post(first + "questionnaire", data={"freins-0": "=1+1", "freins-1": "Le froid"})
    register(workshop, email="b@example.org", last_name="Martin", structure="+33 Asso")
    login()
    response = client.get(f"/ateliers/{workshop.code}/inscriptions/inscriptions.csv")
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:5] == ["statut", "position liste d'attente", "n° participant", "prénom", "nom"]
    by_name = {row[4]: dict(zip(header, row)) for row in rows[1:]}
    assert set(by_name) == {"Blanc", "Martin"}
    assert by_name["Blanc"]["statut"] == "inscrit·e" and by_name["Blanc"]["n° participant"] == "1"
    assert by_name["Blanc"]["Freins"] == "'=1+1 | Le froid"  # a formula is shown, never run
    assert by_name["Blanc"]["territoire"] == "Briançonnais"
    assert by_name["Martin"]["statut"] == "liste d'attente"
    assert by_name["Martin"]["position liste d'attente"] == "1"
    assert by_name["Martin"]["structure"] == "'+33 Asso"


def test_workshop_form_sets_registration_dates_and_capacity(client, app, login, make_workshop):
    login()
    workshop = make_workshop(code="INSC1")
    data = {"code": "INSC1", "title": "Atelier", "pack_identite": "1", "pack_frein": "2",
            "pack_levier": "2", "pack_ressource": "1", "pack_besoin": "2", "pack_contact": "1",
            "blank_packs": "2", "registration_opens_on": "2026-03-01",
            "registration_closes_on": "2026-02-01", "capacity": "40"}
    html = client.post("/ateliers/INSC1/modifier", data=data).get_data(as_text=True)
    assert "La clôture doit venir après l’ouverture des inscriptions." in html
    client.post("/ateliers/INSC1/modifier", data={**data, "registration_closes_on": "2026-06-10"})
    with app.app_context():
        from kit.models import Workshop
        saved = db.session.get(Workshop, workshop.id)
        assert (saved.registration_opens_on, saved.registration_closes_on, saved.capacity) == (
            dt.date(2026, 3, 1), dt.date(2026, 6, 10), 40)
    page = client.get("/ateliers/INSC1/").get_data(as_text=True)
    assert 'href="/inscription/INSC1/"' in page and "Première base du diagnostic" in page


def test_invitation_flyer_a4_and_a5_carry_details_and_a_readable_qr(client, login, open_workshop):
    import zxingcpp

    from tests.support.pdf import pdf_page_sizes_mm, pdf_page_texts, render_pdf_pages

    workshop = open_workshop(title="Mobilité <b>douce</b>", date=dt.date(2026, 6, 18),
                             registration_closes_on=dt.date(2026, 6, 10), capacity=40)
    login()
    for paper, size_mm in (("a4", (210, 297)), ("a5", (148, 210))):
        response = client.get(f"/ateliers/{workshop.code}/inscriptions/invitation-{paper}.pdf")
        pdf = response.get_data()
        assert response.mimetype == "application/pdf"
        assert [tuple(round(v) for v in s) for s in pdf_page_sizes_mm(pdf)] == [size_mm]
        [text] = pdf_page_texts(pdf)
        assert "Mobilité <b>douce</b>" in text  # plain text, never markup
        assert "jeudi 18 juin 2026" in text and "jusqu'au mercredi 10 juin 2026" in text
        assert f"http://localhost/inscription/{workshop.code}/" in text
        [image] = render_pdf_pages(pdf, 4.0)
        codes = [
            r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        ]
        assert codes == [f"http://localhost/inscription/{workshop.code}/"]
    assert (
        client.get(f"/ateliers/{workshop.code}/inscriptions/invitation-a3.pdf").status_code == 404
    )


def test_registration_page_in_english_after_switch(client, open_workshop):
    workshop = open_workshop()
    client.post("/langue", data={"lang": "en"})
    html = client.get(f"/inscription/{workshop.code}/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert ">Register</button>" in html and "Who are you?" in html
    assert "My contact details may appear in" in html
