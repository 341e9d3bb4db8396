"""The workshop cockpit: stage, checklist, next action, a kit flagged out of date."""
from __future__ import annotations

import datetime as dt

from kit.extensions import db
from kit.models import Workshop
from kit.models.base import utc_now
from kit.services import cockpit


def checklist_item(html: str, key: str) -> str:
    return html.split(f'id="etape-{key}"')[1].split("</li>")[0]


def test_stage_follows_the_workshop_date(app, make_workshop):
    day = dt.date(2026, 6, 12)
    workshop = make_workshop(date=day)
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        stages = [cockpit.workshop_cockpit(live, today).stage
                  for today in (day - dt.timedelta(days=1), day, day + dt.timedelta(days=1))]
    assert stages == ["preparation", "day", "after"]


def test_new_workshop_asks_for_participants_first(client, login, make_workshop):
    login()
    workshop = make_workshop()
    html = client.get(f"/ateliers/{workshop.code}/").get_data(as_text=True)
    assert "Prochaine étape :" in html
    next_link = html.split("Prochaine étape :")[1].split("</a>")[0]
    assert f'href="/ateliers/{workshop.code}/import/"' in next_link
    assert "checklist__item--todo checklist__item--next" in html.split('id="etape-people"')[0]


def test_kit_printed_before_new_registrations_is_flagged_out_of_date(app, client, login,
                                                                    make_workshop,
                                                                    make_participant):
    login()
    workshop = make_workshop()
    make_participant(workshop, number=1)
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        live.kit_generated_at = utc_now() - dt.timedelta(hours=1)
        db.session.commit()
    html = client.get(f"/ateliers/{workshop.code}/").get_data(as_text=True)
    kit = checklist_item(html, "kit")
    assert "à réimprimer" in kit and "1 personne inscrite depuis" in kit
    assert "checklist__item--next" in html.split('id="etape-kit"')[0].rsplit("<li", 1)[1]
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        live.kit_generated_at = utc_now() + dt.timedelta(seconds=5)
        db.session.commit()
    html = client.get(f"/ateliers/{workshop.code}/").get_data(as_text=True)
    assert "à réimprimer" not in checklist_item(html, "kit")
    assert "aucun lien actif" in checklist_item(html, "link")


def test_fields_left_to_review_are_counted_and_linked(client, login, make_workshop, make_card,
                                                      make_field_value, make_photo):
    login()
    workshop = make_workshop()
    card = make_card(workshop, "frein")
    make_field_value(card, "texte", proposal="Pas de bus")
    make_photo(workshop)
    html = client.get(f"/ateliers/{workshop.code}/").get_data(as_text=True)
    review = checklist_item(html, "review")
    assert "1 champ à vérifier" in review
    assert f'href="/ateliers/{workshop.code}/verification/champs"' in review
    assert "1 photo reçue, dont 1 lue" in checklist_item(html, "photos")


def test_publishing_the_restitution_ticks_the_last_step(app, client, login, make_workshop):
    login()
    workshop = make_workshop()
    html = client.get(f"/ateliers/{workshop.code}/").get_data(as_text=True)
    step = checklist_item(html, "restitution")
    assert "pas encore publiée" in step
    assert f'href="/ateliers/{workshop.code}/resultats/restitution"' in step
    with app.app_context():
        db.session.get(Workshop, workshop.id).restitution_published_at = utc_now()
        db.session.commit()
    step = checklist_item(client.get(f"/ateliers/{workshop.code}/").get_data(as_text=True),
                          "restitution")
    assert "publiée" in step and "pas encore" not in step
