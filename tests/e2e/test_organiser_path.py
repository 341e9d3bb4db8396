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
    """The whole page, beyond the viewport (Chromium's own capture)."""
    import base64

    folder = Path(os.environ.get("AK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True})
    target.write_bytes(base64.b64decode(shot["data"]))
    return target


def publish(app, workshop) -> None:
    """The public restitution shows only once published."""
    with app.app_context():
        db.session.get(Workshop, workshop.id).restitution_published_at = utc_now()
        db.session.commit()


def test_cockpit_shows_stage_stale_kit_and_next_action(app, live_server, browser, default_organiser,  # noqa: F811
                                                       make_workshop, make_participant,
                                                       tmp_path):
    from selenium.webdriver.common.by import By

    user = default_organiser()
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
        app, live_server, browser, default_organiser, make_workshop, make_participant, make_card,
        make_field_value, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    user = default_organiser()
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
        app, live_server, browser, default_organiser, make_workshop, make_participant, make_card,
        make_field_value, tmp_path):
    from selenium.webdriver.common.by import By

    user = default_organiser()
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
    publish(app, workshop)
    browser.get(f"{live_server}/restitution/{workshop.code}")
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Pas de bus le dimanche" in page and "Pajue" not in page and "vérifier" not in page


def test_tick_against_the_online_answer_is_decided_side_by_side(  # noqa: F811
        app, live_server, browser, default_organiser, make_workshop, make_participant, make_card,
        tmp_path):
    from selenium.webdriver.common.by import By

    user = default_organiser()
    workshop = make_workshop()
    person = make_participant(workshop, number=1, territory="brianconnais", consent="public")
    card = make_card(workshop, "identite", participant=person)
    read_card(app, card, territoire_ecrins="1", consentement_aucun="1")
    browser.set_window_size(*DESKTOP)
    log_in(browser, live_server, user)
    publish(app, workshop)
    browser.get(f"{live_server}/restitution/{workshop.code}")
    assert person.last_name not in browser.find_element(By.TAG_NAME, "main").text
    base = f"{live_server}/ateliers/{workshop.code}/verification/cases"
    browser.get(f"{base}?champ=identite.territoire_ecrins")
    unsure = browser.find_element(By.CSS_SELECTOR, ".mark-column--unsure .mark")
    assert "Sur la carte : coché" in unsure.text and "En ligne : vide" in unsure.text
    shoot(browser, tmp_path, "marks-online-answer")
    unsure.find_element(By.CSS_SELECTOR, "button[value='1']").click()
    wait_for(lambda: "#case-" in browser.current_url, "the first decision")
    browser.get(f"{base}?champ=identite.territoire_brianconnais")
    browser.find_element(By.CSS_SELECTOR, ".mark-column--unsure button[value='0']").click()
    wait_for(lambda: "territoire_brianconnais" in browser.current_url
             and "#case-" in browser.current_url, "the second decision")
    with app.app_context():
        assert db.session.get(Participant, person.id).territory == "ecrins"
        assert db.session.get(Participant, person.id).consent == "public"  # still waiting


@pytest.fixture
def phone(tmp_path):
    """Headless Chromium as a 390 px wide touch phone."""
    from tests.e2e.test_browser import CHROMEDRIVER, CHROMIUM

    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Chromium absent : installez les paquets Debian chromium et chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-dev-shm-usage", "--disable-background-networking",
                 f"--user-data-dir={tmp_path / 'phone-profile'}", "--lang=fr-FR"):
        options.add_argument(flag)
    options.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0, "touch": True},
        "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                     "(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def test_volunteer_phone_page_sends_on_choosing_and_sums_up(app, live_server, phone,  # noqa: F811
                                                            make_workshop, tmp_path):
    from selenium.webdriver.common.by import By

    from kit.services import kits, upload_links
    from tests.e2e.test_browser import write_page_photo

    workshop = make_workshop(blank_packs=1, group_sheets=1)
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        kits.generate_kit(live, app.config["KIT_DIR"])
        secret = upload_links.create_link(live, "bénévoles").secret
    wall = write_page_photo(app, workshop, "frein.pdf",
                            tmp_path / "mur-des-freins-de-l-apres-midi.png")
    junk = tmp_path / "notes.jpg"
    junk.write_text("pas une photo", encoding="utf-8")
    phone.get(f"{live_server}/u/{secret}")
    assert not phone.find_element(By.CSS_SELECTOR, ".upload__hint--mouse").is_displayed()
    assert not phone.find_element(By.CSS_SELECTOR, "[data-submit]").is_displayed()
    assert phone.find_element(By.CSS_SELECTOR, "[data-auto-hint]").is_displayed()
    assert "Pour des photos lisibles" in phone.find_element(By.CSS_SELECTOR, ".photo-tips").text
    picker = phone.find_element(By.CSS_SELECTOR, "input[type=file][multiple]")
    picker.send_keys(f"{wall}\n{junk}")  # nothing else pressed
    summary = phone.find_element(By.CSS_SELECTOR, "[data-summary]")
    wait_for(lambda: summary.is_displayed() and summary.text, "the batch summary", 60)
    assert summary.text.startswith("2 photos envoyées, 1 lue, 1 à reprendre : notes.jpg")
    rows = phone.find_elements(By.CSS_SELECTOR, "[data-file-list] li")
    assert [r.find_element(By.CSS_SELECTOR, "[data-name]").text for r in rows] == [
        wall.name, junk.name]
    assert rows[0].find_element(By.CSS_SELECTOR, "[data-size]").text.endswith(("ko", "Mo"))
    drawn = phone.execute_script(
        "var c = arguments[0]; var d = c.getContext('2d').getImageData(0, 0, c.width, c.height)"
        ".data; for (var i = 3; i < d.length; i += 4) { if (d[i]) return true; } return false;",
        rows[0].find_element(By.CSS_SELECTOR, "canvas"))
    assert drawn  # the thumbnail of the chosen photo
    width = phone.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    shoot(phone, tmp_path, "volunteer-phone")


def test_volunteer_link_page_copies_and_shows_a_big_qr(app, live_server, browser,  # noqa: F811
                                                       default_organiser, make_workshop, tmp_path):
    from selenium.webdriver.common.by import By

    user = default_organiser()
    workshop = make_workshop()
    browser.set_window_size(*DESKTOP)
    log_in(browser, live_server, user)
    browser.get(f"{live_server}/ateliers/{workshop.code}/")
    browser.find_element(By.ID, "libelle-lien").send_keys("matin")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/liens'] button").click()
    wait_for(lambda: "/liens/" in browser.current_url, "the link page")
    field = browser.find_element(By.ID, "adresse-lien")
    url = field.get_attribute("value")
    public = app.config["PUBLIC_URL"]  # the address people are given, whatever the server
    assert url.startswith(f"{public}/u/") and len(url) > len(public) + 30
    assert field.size["width"] >= 400  # the whole address, not a 25-character box
    button = browser.find_element(By.CSS_SELECTOR, "[data-copy]")
    wait_for(button.is_displayed, "the copy button, shown by its script")
    # the confirmation lasts 2.5 s: recorded when it appears, so a slow machine cannot miss it
    browser.execute_script(
        "var b = arguments[0]; window.copyConfirmed = '';"
        "new MutationObserver(function () { if (b.textContent === b.getAttribute('data-copied'))"
        " { window.copyConfirmed = b.textContent; } }).observe(b, {childList: true,"
        " characterData: true, subtree: true});", button)
    button.click()
    wait_for(lambda: browser.execute_script("return window.copyConfirmed;") == "Copié !",
             "the copy confirmation")
    qr = browser.find_element(By.CSS_SELECTOR, ".big-qr svg")
    assert qr.size["width"] >= 400  # large enough for a projector
    assert "Valable jusqu’au" in browser.find_element(By.CSS_SELECTOR, ".volunteer-link").text
    shoot(browser, tmp_path, "volunteer-link")
    browser.get(live_server + url.removeprefix(public))
    assert "Photos de l’atelier" in browser.find_element(By.TAG_NAME, "h1").text


def test_restitution_fits_a_phone_and_address_book_fits_a_laptop(  # noqa: F811
        app, live_server, phone, browser, default_organiser, make_workshop, make_participant,
        make_card, make_field_value, tmp_path):
    from selenium.webdriver.common.by import By

    user = default_organiser()
    workshop = make_workshop(title="Mobilité douce et covoiturage dans le Grand Briançonnais")
    for i in range(3):
        make_participant(workshop, number=i + 1, consent="public", first_name="Marie-Christine",
                         last_name=f"Bonnardel-Vallouise{i}", role="Chargée de mission mobilité",
                         structure="Communauté de communes du Briançonnais (service transports)",
                         commune="Saint-Martin-de-Queyrières", email=f"marie.christine{i}@"
                         "communaute-de-communes-du-brianconnais.example.org",
                         phone="+33 6 12 34 56 78", territory="brianconnais",
                         actor_type="public")
    card = make_card(workshop, "besoin", zone="besoins")
    make_field_value(card, "texte", value="Une navette quotidienne entre Briançon et les "
                     "villages de la vallée de la Clarée, toute l'année", review="confirmed",
                     crop=False)
    make_field_value(card, "votes", value="7", review="auto", crop=False)
    publish(app, workshop)
    phone.get(f"{live_server}/restitution/{workshop.code}")
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 390
    overflowing = phone.execute_script(
        "return Array.from(document.querySelectorAll('main *')).filter("
        "function (e) { return e.getBoundingClientRect().right > 391; }).length")
    assert overflowing == 0  # nothing cut or scrolled sideways inside the page either
    assert "7 votes" in phone.find_element(By.TAG_NAME, "main").text
    shoot(phone, tmp_path, "restitution-phone")
    browser.set_window_size(*DESKTOP)
    log_in(browser, live_server, user)
    browser.get(f"{live_server}/ateliers/{workshop.code}/resultats/carnet")
    table = browser.find_element(By.CSS_SELECTOR, "main table")
    clipped = browser.execute_script(
        "var t = arguments[0], w = t.closest('.table-wrap') || t.parentElement;"
        "return t.scrollWidth > w.clientWidth + 1;", table)
    shoot(browser, tmp_path, "address-book-1366")
    assert not clipped
