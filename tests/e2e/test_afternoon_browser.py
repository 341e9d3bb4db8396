"""The afternoon groups page in a real browser (issue 11): a card moved to another group by
drag and drop (the page's own script), then by the keyboard alone; nothing inline, strict CSP."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from sqlalchemy import select

from kit.extensions import db
from kit.models import AfternoonGroup, AfternoonItem, User, Workshop
from kit.services import afternoon
from kit.services.members import add_member
from tests.conftest import TEST_PASSWORD
from tests.e2e.test_browser import app, browser, live_server, wait_for  # noqa: F401
from tests.support.midday import seed_needs

pytestmark = pytest.mark.browser

# What a browser does when a card is dragged onto a group: the same events, with a
# DataTransfer (Selenium's drag actions do not fire HTML5 drag and drop in Chromium).
DRAG_JS = """
const [card, zone] = arguments;
const data = new DataTransfer();
for (const [target, type] of [[card, 'dragstart'], [zone, 'dragover'], [zone, 'drop'],
                              [card, 'dragend']]) {
  target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
}
"""


@pytest.fixture
def groups_page(app, make_user):  # noqa: F811
    owner = make_user(email="midi-e2e@example.org")
    with app.app_context():
        workshop = Workshop(code="MIDIE", title="Mobilité douce")
        db.session.add(workshop)
        db.session.flush()
        add_member(workshop, db.session.get(User, owner.id), "owner")
        cards = seed_needs(workshop, 15)
        afternoon.propose(workshop)
    return owner, cards


def group_of(app, card_id: int) -> int | None:  # noqa: F811
    with app.app_context():
        return db.session.scalars(select(AfternoonItem.group_id).where(
            AfternoonItem.card_id == card_id)).first()


def log_in(browser, live_server, email: str) -> None:  # noqa: F811
    browser.get(f"{live_server}/connexion")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(TEST_PASSWORD + Keys.ENTER)
    wait_for(lambda: "/connexion" not in browser.current_url, "the login")


def test_card_moved_by_drag_and_drop_then_by_keyboard(app, browser, live_server,  # noqa: F811
                                                      groups_page):
    owner, cards = groups_page
    log_in(browser, live_server, owner.email)
    browser.get(f"{live_server}/ateliers/MIDIE/apres-midi/")
    with app.app_context():
        ids = [g.id for g in db.session.scalars(select(AfternoonGroup).order_by(
            AfternoonGroup.position))]
    first, second = ids[0], ids[1]
    moved = next(c for c in cards if group_of(app, c) == first)
    card = browser.find_element(By.ID, f"carte-{moved}")
    zone = browser.find_element(By.ID, f"groupe-{second}")
    browser.execute_script(DRAG_JS, card, zone)
    wait_for(lambda: group_of(app, moved) == second, "the card dropped on the second group")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, f"#groupe-{second} #carte-{moved}"),
             "the page showing it there")
    # the keyboard alone: focus the card's list, pick "Nouveau groupe (séparer)", press Enter
    select_box = browser.find_element(By.ID, f"vers-{moved}")
    select_box.send_keys("Nouveau")
    select_box.send_keys(Keys.TAB, Keys.ENTER)
    wait_for(lambda: group_of(app, moved) not in (first, second, None), "the keyboard split")
    refused = [entry["message"] for entry in browser.get_log("browser")
               if "Content Security Policy" in entry["message"]]
    assert refused == []
