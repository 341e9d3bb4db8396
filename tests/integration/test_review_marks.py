"""Checkbox review in columns, and the card page with its overlay of what was read."""
from __future__ import annotations

import re

from kit.extensions import db
from kit.models import FieldValue
from printables.layout import card_type


def marks_url(workshop, key: str = "") -> str:
    url = f"/ateliers/{workshop.code}/verification/cases"
    return f"{url}?champ={key}" if key else url


def column_ids(html: str, column: str) -> list[int]:
    section = html.split(f'class="mark-column mark-column--{column}"')[1].split("</section>")[0]
    return [int(n) for n in re.findall(r'id="case-(\d+)"', section)]


def need_cards(make_workshop, make_card, make_field_value):
    """Three need cards: "travailler" read as checked, unchecked, and unsure."""
    workshop = make_workshop()
    checked = make_field_value(make_card(workshop, "besoin", number=1), "travailler", value="1",
                               proposal="1", review="auto", source="checkbox", confidence=0.95)
    unchecked = make_field_value(make_card(workshop, "besoin", number=2), "travailler",
                                 value="0", proposal="0", review="auto", source="checkbox")
    unsure = make_field_value(make_card(workshop, "besoin", number=3), "travailler",
                              proposal="1", review="pending", source="checkbox", confidence=0.4)
    return workshop, checked, unchecked, unsure


def test_marks_page_sorts_crops_into_three_columns(client, login, make_workshop, make_card,
                                                   make_field_value):
    login()
    workshop, checked, unchecked, unsure = need_cards(make_workshop, make_card, make_field_value)
    html = client.get(marks_url(workshop)).get_data(as_text=True)
    assert "Je veux y travailler" in html
    assert column_ids(html, "unsure") == [unsure.id]
    assert column_ids(html, "checked") == [checked.id]
    assert column_ids(html, "unchecked") == [unchecked.id]
    assert 'data-key="c">Cochée <kbd>C</kbd>' in html and 'data-key="x"' in html
    assert "0 sur 1 vérifiés" in html


def test_marks_one_click_flips_a_checked_crop(app, client, login, make_workshop, make_card,
                                              make_field_value):
    user = login()
    workshop, checked, _, _ = need_cards(make_workshop, make_card, make_field_value)
    response = client.post(f"{marks_url(workshop)}/{checked.id}", data={"mark": "flip"})
    assert response.headers["Location"] == (marks_url(workshop, "besoin.travailler")
                                            + f"#case-{checked.id}")
    with app.app_context():
        fv = db.session.get(FieldValue, checked.id)
        assert (fv.value, fv.review, fv.source, fv.reviewed_by_id) == ("0", "corrected", "human",
                                                                       user.id)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert checked.id in column_ids(html, "unchecked")


def test_marks_unsure_crop_decided_leaves_the_unsure_column(app, client, login, make_workshop,
                                                            make_card, make_field_value):
    login()
    workshop, _, _, unsure = need_cards(make_workshop, make_card, make_field_value)
    client.post(f"{marks_url(workshop)}/{unsure.id}", data={"mark": "1"})
    with app.app_context():
        fv = db.session.get(FieldValue, unsure.id)
        assert (fv.value, fv.review) == ("1", "confirmed")  # agrees with the machine's guess
    html = client.get(marks_url(workshop)).get_data(as_text=True)
    assert column_ids(html, "unsure") == [] and unsure.id in column_ids(html, "checked")
    assert "1 sur 1 vérifiés" in html


def test_marks_refuses_an_unknown_choice(app, client, login, make_workshop, make_card,
                                         make_field_value):
    login()
    workshop, _, _, unsure = need_cards(make_workshop, make_card, make_field_value)
    assert client.post(f"{marks_url(workshop)}/{unsure.id}", data={"mark": "2"}).status_code == 400
    with app.app_context():
        assert db.session.get(FieldValue, unsure.id).review == "pending"


def test_marks_page_without_readings_says_so(client, login, make_workshop):
    login()
    html = client.get(marks_url(make_workshop())).get_data(as_text=True)
    assert "Aucune case lue pour l’instant." in html


def test_card_page_overlays_layout_boxes_on_the_rectified_image(client, login, make_workshop,
                                                                make_participant, make_card,
                                                                make_field_value):
    login()
    workshop = make_workshop()
    card = make_card(workshop, "identite", participant=make_participant(workshop),
                     zone="freins", cluster="2", image=True)
    pending = make_field_value(card, "nom", proposal="Camile Arnaud", proposal_score=0.3)
    make_field_value(card, "newsletter", value="1", review="auto", source="checkbox")
    url = f"/ateliers/{workshop.code}/verification/cartes/{card.id}"
    html = client.get(url).get_data(as_text=True)
    spec = card_type("identite")
    box = spec.field("nom").box
    assert f'viewBox="0 0 {spec.width_mm} {spec.height_mm}"' in html
    assert f'<image href="{url}/image"' in html
    assert (f'class="overlay__box overlay__box--pending"\n            x="{box.x_mm}" '
            f'y="{box.y_mm}" width="{box.w_mm}" height="{box.h_mm}"') in html
    assert "overlay__box--auto overlay__box--checked" in html
    assert html.count('class="overlay__box overlay__box--missing') == len(spec.fields) - 2
    assert f'href="/ateliers/{workshop.code}/verification/champs/{pending.id}"' in html
    assert "Camile Arnaud" in html and "groupe 2" in html
    with client.get(f"{url}/image") as image:
        assert image.mimetype == "image/png"


def test_card_page_without_image_still_draws_the_boxes(client, login, make_workshop, make_card):
    login()
    workshop = make_workshop()
    card = make_card(workshop, "frein")
    url = f"/ateliers/{workshop.code}/verification/cartes/{card.id}"
    html = client.get(url).get_data(as_text=True)
    assert "<image" not in html
    assert html.count('class="overlay__box overlay__box--missing') == 2
    assert client.get(f"{url}/image").status_code == 404
