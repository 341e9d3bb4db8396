"""The état des lieux's needs table on a phone: at 390 px it keeps two columns, votes and need,
says who wants to work on a need under the need's text, and no longer scrolls sideways (its
table was 380 px wide in a 314 px frame); at 1280 px it keeps its three columns."""
from __future__ import annotations

import pytest

from tests.e2e.test_browser import app, browser, live_server, log_in  # noqa: F401
from tests.e2e.test_live_wall import set_viewport

pytestmark = pytest.mark.browser
PHONE = (390, 844)
LONG_NEED = "Une navette entre la gare de Briançon et les hameaux le dimanche matin"


@pytest.fixture
def needs(make_user, make_workshop, make_participant, make_card, make_field_value):
    """Two needs a participant wants to work on: one counted, one whose count waits."""
    user = make_user()
    workshop = make_workshop(owner=user)
    alice = make_participant(workshop, first_name="Alice", last_name="Roux", consent="public")
    for text, votes, review in ((LONG_NEED, "5", "auto"), ("Un local commun", "12", "pending")):
        card = make_card(workshop, "besoin", participant=alice, number=7, zone="besoins",
                         image=True)
        make_field_value(card, "texte", value=text, review="confirmed", source="human",
                         crop=False)
        make_field_value(card, "votes", value=votes, proposal=votes, review=review,
                         source="votes", crop=False)
        make_field_value(card, "travailler", value="1", review="auto", source="checkbox",
                         crop=False)
    return user, workshop


def shown_table(driver) -> tuple[list[str], list[list[str]], int, int]:
    """(visible headers, visible cells of each need's row, the frame's scrolled and shown
    widths)."""
    from selenium.webdriver.common.by import By

    table = driver.find_element(By.CSS_SELECTOR, ".needs-table")
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")
               if th.is_displayed()]
    rows = [[" ".join(td.text.split()) for td in row.find_elements(By.TAG_NAME, "td")
             if td.is_displayed()] for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    widths = driver.execute_script("var wrap = arguments[0].parentElement;"
                                   " return [wrap.scrollWidth, wrap.clientWidth];", table)
    return headers, [row for row in rows if row], *widths


def test_needs_table_fits_a_phone_and_keeps_its_columns_on_a_screen(live_server, browser,
                                                                    needs):
    user, workshop = needs
    log_in(browser, live_server, user)
    page = f"{live_server}/ateliers/{workshop.code}/resultats/etat-des-lieux"
    set_viewport(browser, PHONE, mobile=True)
    browser.get(page)
    headers, rows, scrolled, shown = shown_table(browser)
    assert headers == ["Votes", "Besoin"]
    who = "Veut y travailler : participant n° 7 (Alice Roux)"
    assert rows == [["5", f"{LONG_NEED} {who}"], ["à vérifier", f"Un local commun {who}"]]
    assert scrolled <= shown  # nothing to scroll sideways
    assert browser.execute_script("return document.documentElement.scrollWidth;") <= PHONE[0]

    set_viewport(browser, (1280, 900))
    browser.get(page)
    headers, rows, _, _ = shown_table(browser)
    assert headers == ["Votes", "Besoin", "Veut y travailler"]
    assert rows == [["5", LONG_NEED, "participant n° 7 (Alice Roux)"],
                    ["à vérifier", "Un local commun", "participant n° 7 (Alice Roux)"]]
