"""Review of written fields: the worst-first queue, decisions, progress, crops, the card page."""
from __future__ import annotations

import pytest

from kit.extensions import db
from kit.models import FieldValue, Participant, Workshop
from kit.services import review

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def queue_workshop(make_workshop, make_participant, make_card, make_field_value):
    """Factory: a workshop with one identity card and the given (field, proposal, score)."""
    def factory(*fields, **card_options):
        workshop = make_workshop()
        person = make_participant(workshop, first_name="Camille", last_name="Arnaud")
        card = make_card(workshop, "identite", participant=person, **card_options)
        values = [make_field_value(card, name, proposal=proposal, proposal_score=score)
                  for name, proposal, score in fields]
        return workshop, card, values
    return factory


def field_url(workshop, value) -> str:
    return f"/ateliers/{workshop.code}/verification/champs/{value.id}"


def stored(app, value) -> FieldValue:
    return db.session.get(FieldValue, value.id)


def test_review_queue_is_worst_first_then_by_card(app, make_workshop, make_card,
                                                  make_field_value):
    workshop = make_workshop()
    first, second = make_card(workshop, "frein"), make_card(workshop, "frein")
    sure = make_field_value(first, "texte", proposal="Pas de bus le dimanche", proposal_score=0.9)
    unsure = make_field_value(second, "texte", proposal="Pqs de tr@in", proposal_score=0.2)
    tied_later = make_field_value(second, "contact", proposal="Mairie", proposal_score=0.5)
    tied_earlier = make_field_value(first, "contact", proposal="Office", proposal_score=0.5)
    accepted = make_field_value(make_card(workshop, "levier"), "texte", value="Vélo",
                                review="auto", proposal_score=0.05)
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        order = [value.id for value in review.review_queue(live)]
    assert order == [unsure.id, tied_earlier.id, tied_later.id, sure.id]
    assert accepted.id not in order


def test_review_value_without_score_comes_first(app, make_workshop, make_card,
                                                make_field_value):
    workshop = make_workshop()
    card = make_card(workshop, "contact")
    scored = make_field_value(card, "nom", proposal="Lucie Faure", proposal_score=0.3)
    blank = make_field_value(card, "structure", proposal=None, confidence=0.0)
    with app.app_context():
        order = [v.id for v in review.review_queue(db.session.get(Workshop, workshop.id))]
    assert order == [blank.id, scored.id]


def test_review_start_redirects_to_the_worst_field(client, login, queue_workshop):
    login()
    workshop, _, (good, bad) = queue_workshop(("structure", "Mairie", 0.8),
                                              ("role", "Chargée de misson", 0.1))
    response = client.get(f"/ateliers/{workshop.code}/verification/champs")
    assert response.headers["Location"] == field_url(workshop, bad)


def test_review_field_page_shows_crop_proposal_card_and_shortcuts(client, login,
                                                                  queue_workshop):
    login()
    workshop, card, (value,) = queue_workshop(("commune", "Briançon", 0.4))
    html = client.get(field_url(workshop, value)).get_data(as_text=True)
    assert f'src="{field_url(workshop, value)}/image"' in html
    assert 'id="valeur" name="value" type="text"\n           value="Briançon"' in html
    assert f"<code>{card.code}</code>" in html and "Commune" in html
    assert 'aria-keyshortcuts="Alt+I">Illisible <kbd>Alt+I</kbd>' in html
    assert 'aria-keyshortcuts="Alt+V">Vide <kbd>Alt+V</kbd>' in html
    assert "0 sur 1 vérifiés" in html
    assert "js/review.js" in html
    # Enter presses the first submit button of the form: it must be "Valider"
    form = html[html.index('id="review-form"'):]
    assert form.index('value="save"') < form.index('value="unreadable"')


def test_review_enter_on_proposal_confirms_and_goes_to_next(app, client, login, queue_workshop):
    user = login()
    workshop, _, (first, second) = queue_workshop(("structure", "Mairie de Névache", 0.2),
                                                  ("role", "Secrétaire", 0.6))
    response = client.post(field_url(workshop, first),
                           data={"action": "save", "value": " Mairie de  Névache "})
    assert response.headers["Location"] == field_url(workshop, second)
    with app.app_context():
        fv = stored(app, first)
        assert (fv.value, fv.review, fv.source) == ("Mairie de Névache", "confirmed", "human")
        assert fv.reviewed_by_id == user.id and fv.reviewed_at is not None
        assert fv.proposal == "Mairie de Névache"


def test_review_typed_text_corrects_and_keeps_the_proposal(app, client, login, queue_workshop):
    login()
    workshop, _, (value,) = queue_workshop(("commune", "Briançan", 0.3))
    response = client.post(field_url(workshop, value), data={"action": "save",
                                                             "value": "Briançon"})
    assert response.headers["Location"] == f"/ateliers/{workshop.code}/verification/"
    with app.app_context():
        fv = stored(app, value)
        assert (fv.value, fv.review, fv.proposal) == ("Briançon", "corrected", "Briançan")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tous les champs ont été vérifiés." in html and "1 sur 1 vérifiés" in html


@pytest.mark.parametrize("action", ["unreadable", "empty"])
def test_review_shortcut_actions_record_state_without_value(app, client, login,
                                                            queue_workshop, action):
    login()
    workshop, _, (value,) = queue_workshop(("role", "~~~", 0.05))
    client.post(field_url(workshop, value), data={"action": action, "value": "~~~"})
    with app.app_context():
        fv = stored(app, value)
        assert (fv.value, fv.review, fv.source, fv.proposal) == (None, action, "human", "~~~")


def test_review_cleared_input_means_empty(app, client, login, queue_workshop):
    login()
    workshop, _, (value,) = queue_workshop(("role", "tache", 0.1))
    client.post(field_url(workshop, value), data={"action": "save", "value": "   "})
    with app.app_context():
        assert stored(app, value).review == "empty"


def test_review_invalid_email_is_refused_with_a_message(app, client, login, queue_workshop):
    login()
    workshop, _, (value,) = queue_workshop(("email", "camille@", 0.2))
    response = client.post(field_url(workshop, value), data={"action": "save",
                                                             "value": "camille arobase"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Adresse e-mail invalide : corrigez-la, ou marquez le champ « illisible »." in html
    assert 'value="camille arobase"' in html
    with app.app_context():
        assert (stored(app, value).review, stored(app, value).value) == ("pending", None)


def test_review_phone_is_normalised(app, client, login, queue_workshop):
    login()
    workshop, _, (value,) = queue_workshop(("telephone", "06123A5678", 0.2))
    client.post(field_url(workshop, value), data={"action": "save", "value": "0612345678"})
    with app.app_context():
        assert (stored(app, value).value, stored(app, value).review) == ("06 12 34 56 78",
                                                                         "corrected")


def test_review_previous_link_returns_to_a_decided_field(client, login, queue_workshop):
    login()
    workshop, _, (first, second) = queue_workshop(("structure", "CCB", 0.1),
                                                  ("role", "Élue", 0.2))
    client.post(field_url(workshop, first), data={"action": "save", "value": "CCB"})
    html = client.get(field_url(workshop, second)).get_data(as_text=True)
    assert f'rel="prev" href="{field_url(workshop, first)}" aria-keyshortcuts="Alt+P"' in html
    back = client.get(field_url(workshop, first)).get_data(as_text=True)
    assert "Confirmé" in back and "1 sur 2 vérifiés" in back
    assert f'rel="next" href="{field_url(workshop, second)}"' in back


def test_review_identity_correction_reaches_the_participant(app, client, login,
                                                            queue_workshop):
    login()
    workshop, card, (value,) = queue_workshop(("commune", "Vallouse", 0.3))
    client.post(field_url(workshop, value), data={"action": "save", "value": "Vallouise"})
    with app.app_context():
        person = db.session.get(Participant, card.participant_id)
        assert person.commune == "Vallouise"


def test_review_crop_needs_login_and_is_a_png(client, login, queue_workshop):
    workshop, _, (value,) = queue_workshop(("role", "Animatrice", 0.5))
    url = field_url(workshop, value) + "/image"
    assert client.get(url).headers["Location"].startswith("/connexion")
    login()
    with client.get(url) as response:  # a file response must be closed
        assert response.mimetype == "image/png" and response.data.startswith(PNG_SIGNATURE)


def test_review_value_of_another_workshop_is_not_found(client, login, queue_workshop,
                                                       make_workshop):
    login()
    _, _, (value,) = queue_workshop(("role", "Animatrice", 0.5))
    other = make_workshop()
    assert client.get(field_url(other, value)).status_code == 404
    assert client.get(field_url(other, value) + "/image").status_code == 404
    response = client.post(field_url(other, value), data={"action": "save", "value": "x"})
    assert response.status_code == 404


def test_review_overview_counts_progress_and_lists_cards(client, login, queue_workshop):
    login()
    workshop, card, (first, _) = queue_workshop(("structure", "CCB", 0.1), ("role", "Élue", 0.2))
    client.post(field_url(workshop, first), data={"action": "empty"})
    html = client.get(f"/ateliers/{workshop.code}/verification/").get_data(as_text=True)
    assert "1 sur 2 vérifiés" in html
    assert "1 champ attend une vérification, du moins sûr au plus sûr." in html
    assert f'href="/ateliers/{workshop.code}/verification/cartes/{card.id}"' in html


def test_review_pages_need_login(app, client, queue_workshop):
    workshop, card, (value,) = queue_workshop(("role", "Élue", 0.2))
    base = f"/ateliers/{workshop.code}/verification"
    for url in (f"{base}/", f"{base}/champs", field_url(workshop, value), f"{base}/cases",
                f"{base}/cartes/{card.id}"):
        assert client.get(url).headers["Location"].startswith("/connexion"), url
    response = client.post(field_url(workshop, value), data={"action": "empty"})
    assert response.headers["Location"].startswith("/connexion")
    with app.app_context():
        assert stored(app, value).review == "pending"


def test_review_field_page_in_english(client, login, queue_workshop):
    login()
    client.post("/langue", data={"lang": "en"})
    workshop, _, (value,) = queue_workshop(("role", "Élue", 0.2))
    html = client.get(field_url(workshop, value)).get_data(as_text=True)
    assert 'aria-keyshortcuts="Alt+I">Unreadable <kbd>Alt+I</kbd>' in html
    assert "Confirm <kbd>Enter</kbd>" in html and "0 of 1 checked" in html
    assert "Automatic reading: “Élue”" in html
