"""Action groups in a real browser (issue 10, point 4): the organiser makes the groups from the
seed sheets, creates the referent's link and publishes the restitution; a visitor, logged out,
opens the restitution, follows a seed's join link and asks to join; the referent, with their
link and no account, accepts and posts news that the public page then shows.

Screenshots (phone 390 px and desktop 1366 px) go to $AK_SCREENSHOTS when set, else to the
test's folder."""
from __future__ import annotations

import pytest

from tests.e2e.test_browser import app, browser, live_server, log_in, wait_for  # noqa: F401
from tests.e2e.test_organiser_path import DESKTOP, shoot
from tests.support.groups import make_group, seed_workshop  # noqa: F401

pytestmark = pytest.mark.browser
PHONE = (390, 844)


def click_button(driver, text: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.XPATH, f"//button[normalize-space()='{text}']").click()


def test_restitution_join_and_referent_news(app, live_server, browser, default_organiser,  # noqa: F811
                                           seed_workshop, tmp_path):
    from selenium.webdriver.common.by import By

    user = default_organiser()
    seed = seed_workshop(published=False)
    code = seed.workshop.code
    group_id, public_id = make_group(app, seed.workshop)  # members confirmed, Alice referent
    browser.set_window_size(*DESKTOP)
    log_in(browser, live_server, user)
    browser.get(f"{live_server}/ateliers/{code}/groupes/{group_id}")
    click_button(browser, "Créer et envoyer un nouveau lien")
    field = wait_for(lambda: browser.find_elements(By.ID, "adresse-referent"), "the new link")[0]
    referent_url = field.get_attribute("value").replace("http://localhost", live_server)
    shoot(browser, tmp_path, "group-organiser-desktop")
    browser.get(f"{live_server}/ateliers/{code}/groupes/")
    shoot(browser, tmp_path, "groups-index-desktop")
    browser.get(f"{live_server}/ateliers/{code}/resultats/restitution")
    click_button(browser, "Publier la restitution")
    wait_for(lambda: "Restitution publiée" in browser.page_source, "the publication")

    browser.delete_all_cookies()  # logged out from here on
    browser.set_window_size(*PHONE)
    browser.get(f"{live_server}/restitution/{code}")
    join = browser.find_element(By.CSS_SELECTOR, ".seed-join a.button")
    assert join.get_attribute("href").endswith(f"/groupes/{public_id}/rejoindre")
    shoot(browser, tmp_path, "restitution-join-phone")
    browser.get(join.get_attribute("href").replace("http://localhost", live_server))
    browser.find_element(By.NAME, "name").send_keys("Zoé Blanc")
    browser.find_element(By.NAME, "email").send_keys("zoe@example.org")
    browser.find_element(By.NAME, "message").send_keys("J’ai un vélo cargo.")
    browser.find_element(By.NAME, "consent").click()
    shoot(browser, tmp_path, "group-join-phone")
    click_button(browser, "Envoyer ma demande")
    wait_for(lambda: "Merci, votre demande est enregistrée" in browser.page_source, "the request")

    browser.get(referent_url)
    assert "Zoé Blanc" in browser.find_element(By.ID, "demandes").find_element(
        By.XPATH, "..").text
    click_button(browser, "Accepter Zoé Blanc")
    wait_for(lambda: "Zoé Blanc fait maintenant partie du groupe." in browser.page_source,
             "the acceptance")
    browser.find_element(By.NAME, "body").send_keys("Premier trajet jeudi à 8 h, départ place "
                                                    "de la mairie.")
    click_button(browser, "Publier et envoyer")
    wait_for(lambda: "Nouvelle publiée" in browser.page_source, "the news")
    shoot(browser, tmp_path, "group-referent-phone")

    browser.get(f"{live_server}/groupes/{public_id}")
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Premier trajet jeudi à 8 h" in page and "5 membres" in page
    assert "Alice Roux" in page  # consent "public"
    assert "Bruno" not in page and "Zoé" not in page and "@" not in page
    shoot(browser, tmp_path, "group-page-phone")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0]  # nothing wider than the phone
    browser.set_window_size(*DESKTOP)
    browser.get(f"{live_server}/groupes/{public_id}")
    shoot(browser, tmp_path, "group-page-desktop")
