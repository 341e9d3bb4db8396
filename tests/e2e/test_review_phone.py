"""The lunch-hour review on a phone (issue 11, point 4): at 390 px, a volunteer filters the
morning's vote counts, confirms one with a single tap, then confirms a need's text; every
button is a thumb-sized target and nothing is wider than the screen.

Screenshots go to $AK_SCREENSHOTS when set (looked at by hand), else to the test's folder."""
from __future__ import annotations

import pytest

from kit.extensions import db
from kit.models import FieldValue
from tests.e2e.test_browser import app, browser, live_server, log_in, wait_for  # noqa: F401
from tests.e2e.test_live_wall import set_viewport
from tests.e2e.test_organiser_path import shoot

pytestmark = pytest.mark.browser
PHONE = (390, 844)
MIN_TARGET_PX = 44  # the smallest comfortable touch target (WCAG 2.5.5)


@pytest.fixture
def lunch(make_user, make_workshop, make_card, make_field_value):
    """Three need cards read this morning: texts and vote counts waiting for a person."""
    user = make_user()
    workshop = make_workshop(owner=user)
    values = {}
    for name, text, votes in (("navette", "Une navette le dimanche", "4"),
                              ("local", "Un local commun au village", "7"),
                              ("velos", "Des vélos partagés", "2")):
        card = make_card(workshop, "besoin", image=True)
        values[f"{name}-texte"] = make_field_value(card, "texte", value=text, proposal=text,
                                                   proposal_score=0.6)
        values[f"{name}-votes"] = make_field_value(card, "votes", value=votes, proposal=votes,
                                                   source="votes", confidence=0.4)
    return user, workshop, values


def stored(app, value):
    with app.app_context():
        found = db.session.get(FieldValue, value.id)
        return found.review, found.value, found.reviewed_by_id


def test_phone_review_confirms_a_vote_count_and_a_need_in_one_tap(app, live_server, browser,
                                                                  lunch, tmp_path):
    from selenium.webdriver.common.by import By

    user, workshop, values = lunch
    set_viewport(browser, PHONE, mobile=True)
    log_in(browser, live_server, user)
    browser.get(f"{live_server}/ateliers/{workshop.code}/verification/besoins?filtre=votes")
    items = browser.find_elements(By.CSS_SELECTOR, ".quick")
    assert [i.get_attribute("id") for i in items] == [
        f"valeur-{values[f'{n}-votes'].id}" for n in ("navette", "local", "velos")]
    width = browser.execute_script("return document.documentElement.scrollWidth;")
    assert width <= PHONE[0]  # no sideways scrolling on the phone
    targets = browser.find_elements(By.CSS_SELECTOR, ".quick button, .quick-filter a")
    assert min(t.size["height"] for t in targets) >= MIN_TARGET_PX
    shoot(browser, tmp_path, "verification-besoins-390")

    local = browser.find_element(By.ID, f"valeur-{values['local-votes'].id}")
    local.find_element(By.CSS_SELECTOR, ".quick__confirm").click()
    wait_for(lambda: stored(app, values["local-votes"])[0] == "confirmed",
             "the vote count confirmed")
    assert stored(app, values["local-votes"]) == ("confirmed", "7", user.id)
    flash = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".flash"), "the message")
    assert "confirmé" in flash[0].text
    remaining = [i.get_attribute("id") for i in browser.find_elements(By.CSS_SELECTOR, ".quick")]
    assert f"valeur-{values['local-votes'].id}" not in remaining and len(remaining) == 2
    shoot(browser, tmp_path, "verification-besoins-390-apres")

    browser.find_element(By.CSS_SELECTOR, ".quick-filter a[href$='filtre=besoins']").click()
    wait_for(lambda: "filtre=besoins" in browser.current_url, "the needs filter")
    first = browser.find_element(By.CSS_SELECTOR, ".quick")
    assert first.get_attribute("id") == f"valeur-{values['navette-texte'].id}"
    first.find_element(By.CSS_SELECTOR, ".quick__confirm").click()
    wait_for(lambda: stored(app, values["navette-texte"])[0] == "confirmed", "the need confirmed")
    assert stored(app, values["navette-texte"]) == (
        "confirmed", "Une navette le dimanche", user.id)
    assert stored(app, values["navette-votes"])[0] == "pending"  # only what was tapped
