"""The network map in a real browser (issue 12): 300 synthetic actors; the map renders, a
search highlights one person and their row, the table holds exactly the map's people, the
labels shown do not overlap (measured by the browser's own text boxes), and the keyboard
reaches a person. Screenshots (desktop and phone) go to $AK_SCREENSHOTS when set."""
from __future__ import annotations

import pytest

from kit.extensions import db
from kit.models import User
from tests.e2e.test_browser import app, browser, live_server, log_in, wait_for  # noqa: F401
from tests.e2e.test_organiser_path import shoot
from tests.support.network_world import build_network_world

pytestmark = pytest.mark.browser
ACTORS = 300
LABEL_BOXES_JS = """
return Array.from(document.querySelectorAll('#network-svg .node__label'))
  .filter(t => getComputedStyle(t).display !== 'none')
  .map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; });
"""


@pytest.fixture
def world(app, make_user):
    owner = make_user(email="reseau@example.org")
    with app.app_context():
        built = build_network_world(db.session.get(User, owner.id), actors=ACTORS)
    return owner, built


def overlapping(boxes, slack_px: float = 0.5):
    """Pairs of boxes that overlap by more than ``slack_px`` (sub-pixel rounding aside)."""
    ordered = sorted(boxes)
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[0] >= a[2] - slack_px:
                break
            if a[1] < b[3] - slack_px and b[1] < a[3] - slack_px:
                found.append((a, b))
    return found


def test_map_of_300_actors_search_table_and_labels(browser, live_server, world, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    owner, built = world
    browser.set_window_size(1366, 900)
    log_in(browser, live_server, owner)
    browser.get(f"{live_server}/reseau/")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#network-map.is-scripted"),
             "the map's script")
    people = {n.get_attribute("data-node")
              for n in browser.find_elements(By.CSS_SELECTOR, "#network-svg .node--person")}
    rows = {r.get_attribute("data-node")
            for r in browser.find_elements(By.CSS_SELECTOR, ".network__row")}
    assert len(people) == ACTORS and rows == people
    assert overlapping(browser.execute_script(LABEL_BOXES_JS)) == []
    shoot(browser, tmp_path, "reseau-bureau")

    name = built.actor_names[42]
    search = browser.find_element(By.ID, "network-search")
    search.send_keys(name)
    found = wait_for(lambda: browser.find_elements(
        By.CSS_SELECTOR, "#network-svg .node--person.is-found"), "the search's highlight")
    assert [node.get_attribute("aria-label").startswith(name) for node in found] == [True]
    node_id = found[0].get_attribute("data-node")
    row = browser.find_element(By.ID, f"row-{node_id}")
    assert "is-found" in row.get_attribute("class") and name in row.text
    assert browser.find_element(By.ID, "network-status").text.endswith("1")
    lit = browser.find_elements(By.CSS_SELECTOR, "#network-svg .node.is-lit")
    assert 1 < len(lit) < 20  # the person and their structure, needs, groups, workshops
    shoot(browser, tmp_path, "reseau-recherche")

    search.send_keys(Keys.ENTER)  # Enter goes to the person on the map...
    wait_for(lambda: browser.switch_to.active_element.get_attribute("data-node") == node_id,
             "the focus on the person")
    browser.switch_to.active_element.send_keys(Keys.ENTER)  # ...then to their table row
    wait_for(lambda: browser.switch_to.active_element.get_attribute("data-show") == node_id,
             "the focus on the person's row")

    browser.set_window_size(390, 844)
    browser.get(f"{live_server}/reseau/")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#network-map.is-scripted"),
             "the map's script on a phone")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390  # the map scrolls inside its frame, the page does not
    shoot(browser, tmp_path, "reseau-telephone")


def test_public_map_in_the_browser_shows_only_public_people(browser, live_server, world):
    from selenium.webdriver.common.by import By

    owner, built = world
    browser.get(f"{live_server}/reseau/public/")
    labels = {n.get_attribute("aria-label")
              for n in browser.find_elements(By.CSS_SELECTOR, "#network-svg .node--person")}
    assert len(labels) == len(built.public_names)
    assert all(any(label.startswith(name) for name in built.public_names) for label in labels)
