"""The organiser's path in a real browser (issue 14): the cockpit, printed values as
proposals, no guess published, and readings that never overwrite what a person said.

Screenshots go to $AK_SCREENSHOTS when set (looked at by hand), else to the test's folder."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kit.extensions import db
from kit.models import FieldValue, Participant, Workshop
from kit.models.base import utc_now
from tests.e2e.test_browser import app, browser, live_server, log_in, wait_for  # noqa: F401
from tests.integration.test_ticks import read_card

pytestmark = pytest.mark.browser
DESKTOP = (1366, 900)


def shoot(driver, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("AK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, min(max(height + 120, 600), 3000))
    driver.save_screenshot(str(target))
    return target


def test_cockpit_shows_stage_stale_kit_and_next_action(app, live_server, browser, make_user,  # noqa: F811
                                                       make_workshop, make_participant,
                                                       tmp_path):
    from selenium.webdriver.common.by import By

    user = make_user()
    workshop = make_workshop(date=dt.date.today() + dt.timedelta(days=10))
    make_participant(workshop, number=1, first_name="Léa", last_name="Martin")
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        live.kit_generated_at = utc_now() - dt.timedelta(days=1)
        db.session.commit()
    make_participant(workshop, number=2, first_name="Paul", last_name="Blanc")
    browser.set_window_size(*DESKTOP)
    log_in(browser, live_server, user)
    browser.get(f"{live_server}/ateliers/{workshop.code}/")
    current = browser.find_element(By.CSS_SELECTOR, ".stages__item--current")
    assert current.text == "Préparation"
    kit = browser.find_element(By.ID, "etape-kit")
    assert "à réimprimer" in kit.text and "2 personnes inscrites depuis" in kit.text
    shoot(browser, tmp_path, "cockpit")
    browser.find_element(By.CSS_SELECTOR, ".cockpit__next a").click()
    wait_for(lambda: browser.current_url.endswith("#impression"), "the kit section")


def test_review_of_a_printed_field_keeps_the_printed_value_with_one_key(  # noqa: F811
        app, live_server, browser, make_user, make_workshop, make_participant, make_card,
        make_field_value, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    user = make_user()
    workshop = make_workshop()
    person = make_participant(workshop, number=1, structure="Mairie de Névache")
    card = make_card(workshop, "identite", participant=person)
    value = make_field_value(card, "structure", proposal="Mairie de Nevache + CCB",
                             proposal_score=0.4)
    browser.set_window_size(*DESKTOP)
    log_in(browser, live_server, user)
    url = f"{live_server}/ateliers/{workshop.code}/verification/champs/{value.id}"
    browser.get(url)
    both = browser.find_element(By.CSS_SELECTOR, ".both-values").text
    assert "Imprimé sur la carte" in both and "« Mairie de Névache »" in both
    assert "« Mairie de Nevache + CCB »" in both
    shoot(browser, tmp_path, "review-printed-field")
    wait_for(lambda: browser.switch_to.active_element.get_attribute("id") == "valeur",
             "the focus in the review input")
    ActionChains(browser).key_down(Keys.ALT).send_keys("g").key_up(Keys.ALT).perform()
    wait_for(lambda: browser.current_url != url, "the decision")
    with app.app_context():
        kept = db.session.get(FieldValue, value.id)
        assert (kept.value, kept.source, kept.reviewed_by_id) == (
            "Mairie de Névache", "human", user.id)


def test_results_never_show_a_guess_and_link_it_to_its_review(  # noqa: F811
        app, live_server, browser, make_user, make_workshop, make_participant, make_card,
        make_field_value, tmp_path):
    from selenium.webdriver.common.by import By

    user = make_user()
    workshop = make_workshop()
    alice = make_participant(workshop, number=1, consent="public")
    sure = make_card(workshop, "frein", participant=alice, zone="freins", cluster="4-2")
    make_field_value(sure, "texte", value="Pas de bus le dimanche", review="confirmed", crop=False)
    guess = make_card(workshop, "frein", participant=alice, zone="freins", cluster="4-2",
                      image=True)
    pending = make_field_value(guess, "texte", proposal="Pajue le lea mt be suts", crop=False)
    browser.set_window_size(*DESKTOP)
    log_in(browser, live_server, user)
    browser.get(f"{live_server}/ateliers/{workshop.code}/resultats/etat-des-lieux")
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Pajue" not in page and "photo 4" not in page
    assert "Mur des freins · « Pas de bus le dimanche »" in page
    image = browser.find_element(By.CSS_SELECTOR, ".guess__card")
    wait_for(lambda: browser.execute_script("return arguments[0].naturalWidth", image) > 0,
             "the card's image")
    shoot(browser, tmp_path, "diagnostic-guess")
    browser.find_element(By.LINK_TEXT, "à vérifier").click()
    wait_for(lambda: browser.current_url.endswith(f"/verification/champs/{pending.id}"),
             "the field's review")
    browser.get(f"{live_server}/ateliers/{workshop.code}/resultats/etat-des-lieux?confirmes=1")
    assert not browser.find_elements(By.LINK_TEXT, "à vérifier")
    browser.get(f"{live_server}/restitution/{workshop.code}")
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Pas de bus le dimanche" in page and "Pajue" not in page and "vérifier" not in page


def test_tick_against_the_online_answer_is_decided_side_by_side(  # noqa: F811
        app, live_server, browser, make_user, make_workshop, make_participant, make_card,
        tmp_path):
    from selenium.webdriver.common.by import By

    user = make_user()
    workshop = make_workshop()
    person = make_participant(workshop, number=1, territory="brianconnais", consent="public")
    card = make_card(workshop, "identite", participant=person)
    read_card(app, card, territoire_ecrins="1", consentement_aucun="1")
    browser.set_window_size(*DESKTOP)
    log_in(browser, live_server, user)
    browser.get(f"{live_server}/restitution/{workshop.code}")
    assert person.last_name not in browser.find_element(By.TAG_NAME, "main").text
    base = f"{live_server}/ateliers/{workshop.code}/verification/cases"
    browser.get(f"{base}?champ=identite.territoire_ecrins")
    unsure = browser.find_element(By.CSS_SELECTOR, ".mark-column--unsure .mark")
    assert "Sur la carte : coché" in unsure.text and "En ligne : vide" in unsure.text
    shoot(browser, tmp_path, "marks-online-answer")
    unsure.find_element(By.CSS_SELECTOR, "button[value='1']").click()
    browser.get(f"{base}?champ=identite.territoire_brianconnais")
    browser.find_element(By.CSS_SELECTOR, ".mark-column--unsure button[value='0']").click()
    wait_for(lambda: "territoire_brianconnais" in browser.current_url, "the decision")
    with app.app_context():
        assert db.session.get(Participant, person.id).territory == "ecrins"
        assert db.session.get(Participant, person.id).consent == "public"  # still waiting
