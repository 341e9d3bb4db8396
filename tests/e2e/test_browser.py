"""A real browser (Debian's headless Chromium driven by Selenium) through the organiser's day
after the workshop: upload photos and watch them processed, review fields with the keyboard
only, download the shared vCard and check what it holds."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from kit.extensions import db
from kit.models import FieldValue, Participant, Workshop
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT_S = 20.0  # a generous ceiling for a page or a download on a busy 2-core machine
RENDER_PX_PER_MM = 5.0  # a flat "scan" of a printed page: QR modules of 7.5 px


@pytest.fixture
def app(make_app, tmp_path):
    """A file database (shared by the server's threads) and real CSRF checks."""
    return make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'e2e.sqlite3'}",
                    WTF_CSRF_ENABLED=True, OCR_ENGINE="none")


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def browser(tmp_path):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Chromium absent : installez les paquets Debian chromium et chromium-driver "
                    "(scripts/setup.sh le fait)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--lang=fr-FR"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.implicitly_wait(0)
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait_for(condition, what: str, timeout_s: float = WAIT_S):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


@pytest.fixture
def scene(app, make_user, make_workshop, make_participant, make_card, make_field_value,
          tmp_path):
    """Two participants (one sharing, one not), the printed kit, a page of it as a photo, and
    three pending fields on the sharing participant's identity card."""
    from kit.services import kits

    user = make_user()
    workshop = make_workshop(owner=user, blank_packs=0, group_sheets=1)
    sophie = make_participant(workshop, first_name="Sophie", last_name="Chaix",
                              consent="participants", email="sophie.chaix@example.org")
    make_participant(workshop, first_name="Nina", last_name="Secret", consent="aucun",
                     email="nina.secret@example.org")
    with app.app_context():
        kits.generate_kit(db.session.get(Workshop, workshop.id), app.config["KIT_DIR"])
    identity = next(c for c in cards_of(app, workshop) if c.type_key == "identite"
                    and c.participant_id == sophie.id)
    fields = {name: make_field_value(identity, name, proposal=proposal, proposal_score=score)
              for name, proposal, score in (("commune", "Valouise", 0.05),
                                            ("role", "Présidente", 0.1),
                                            ("structure", "?!~", 0.2))}
    photos = [write_page_photo(app, workshop, "frein.pdf", tmp_path / "mur-freins.png"),
              tmp_path / "notes.jpg"]
    photos[1].write_text("pas une photo", encoding="utf-8")
    return user, workshop, fields, photos


def cards_of(app, workshop):
    from kit.models import Card

    with app.app_context():
        cards = list(db.session.scalars(db.select(Card).where(Card.workshop_id == workshop.id)))
        db.session.expunge_all()
        return cards


def write_page_photo(app, workshop, pdf_name: str, target: Path) -> Path:
    """The first page of one of the kit's PDFs, rendered flat like a scan."""
    import cv2

    from tests.support.pdf import render_pdf_pages

    pdf = Path(app.config["KIT_DIR"]) / workshop.code / pdf_name
    (page,) = render_pdf_pages(pdf.read_bytes(), RENDER_PX_PER_MM, pages=range(1))
    cv2.imwrite(str(target), page)
    return target


def log_in(driver, base: str, user) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{base}/connexion")
    driver.find_element(By.NAME, "email").send_keys(user.email)
    driver.find_element(By.NAME, "password").send_keys(TEST_PASSWORD, Keys.ENTER)
    wait_for(lambda: "/connexion" not in driver.current_url, "the login redirect")


def upload_photos(driver, base: str, workshop, photos: list[Path]) -> list[str]:
    """Choose the files in the upload page; wait for every row to end read or in error."""
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/ateliers/{workshop.code}/photos/")
    picker = driver.find_element(By.CSS_SELECTOR, "input[type=file][multiple]")
    picker.send_keys("\n".join(str(p) for p in photos))
    if not driver.find_elements(By.CSS_SELECTOR, "[data-file-list] li"):
        driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()  # no auto-send on choose
    bar = driver.find_element(By.CSS_SELECTOR, "[data-batch-bar]")
    wait_for(lambda: bar.get_attribute("value") == "100", "the batch progress bar to fill")
    finished = ("lue", "erreur")

    def states():
        found = [
            e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-file-list] [data-state]")
        ]
        return found if len(found) == len(photos) and all(s in finished for s in found) else None
    return wait_for(states, "every photo read or refused")


def review_with_keys(driver, base: str, workshop, value, act) -> str:
    """Open one field and act on it with the keyboard only (``act`` adds keys to an action
    chain); return the URL the decision leads to."""
    from selenium.webdriver.common.action_chains import ActionChains

    url = f"{base}/ateliers/{workshop.code}/verification/champs/{value.id}"
    driver.get(url)
    wait_for(lambda: driver.switch_to.active_element.get_attribute("id") == "valeur",
             "the focus in the review input")
    act(ActionChains(driver)).perform()
    return wait_for(lambda: driver.current_url if driver.current_url != url else None,
                    "the next field after a decision")


def test_browser_upload_review_by_keyboard_and_vcard_download(app, live_server, browser,
                                                              scene):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    user, workshop, fields, photos = scene
    log_in(browser, live_server, user)

    states = upload_photos(browser, live_server, workshop, photos)
    assert states == ["lue", "erreur"]

    # Enter confirms the proposal; typing replaces it (it is selected); Alt+I: unreadable
    review_with_keys(browser, live_server, workshop, fields["role"],
                     lambda keys: keys.send_keys(Keys.ENTER))
    review_with_keys(browser, live_server, workshop, fields["commune"],
                     lambda keys: keys.send_keys("Vallouise", Keys.ENTER))
    review_with_keys(browser, live_server, workshop, fields["structure"],
                     lambda keys: keys.key_down(Keys.ALT).send_keys("i").key_up(Keys.ALT))
    with app.app_context():
        decided = {name: db.session.get(FieldValue, fv.id) for name, fv in fields.items()}
        assert [(fv.review, fv.value, fv.reviewed_by_id) for fv in decided.values()] == [
            ("corrected", "Vallouise", user.id), ("confirmed", "Présidente", user.id),
            ("unreadable", None, user.id)]
        sophie = db.session.scalars(db.select(Participant).filter_by(last_name="Chaix")).one()
        assert (sophie.commune, sophie.role) == ("Vallouise", "Présidente")

    browser.get(f"{live_server}/ateliers/{workshop.code}/resultats/carnet")
    browser.find_element(By.PARTIAL_LINK_TEXT, "vCard").click()
    target = browser.downloads / f"{workshop.code}-carnet.vcf"
    wait_for(target.exists, "the vCard download")
    vcard = target.read_bytes().decode("utf-8")
    assert vcard.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "FN:Sophie Chaix\r\n" in vcard and "ADR;TYPE=work:;;;Vallouise;;;\r\n" in vcard
    assert "TITLE:Présidente\r\n" in vcard
    assert "Secret" not in vcard and vcard.count("BEGIN:VCARD") == 1


def test_upload_summary_says_none_read_in_the_singular(live_server, browser, make_user,
                                                       make_workshop, tmp_path):
    """A batch where nothing was read: « 1 photo envoyée, 0 lue » (upload.js took the plural
    for every count but 1: « 0 lues »)."""
    from selenium.webdriver.common.by import By

    user = make_user()
    workshop = make_workshop(owner=user, blank_packs=0, group_sheets=0)
    junk = tmp_path / "notes.jpg"
    junk.write_text("pas une photo", encoding="utf-8")
    log_in(browser, live_server, user)
    assert upload_photos(browser, live_server, workshop, [junk]) == ["erreur"]
    summary = browser.find_element(By.CSS_SELECTOR, "[data-summary]")
    wait_for(lambda: summary.is_displayed() and summary.text, "the batch summary")
    assert summary.text.startswith("1 photo envoyée, 0 lue, 1 à reprendre : notes.jpg")
