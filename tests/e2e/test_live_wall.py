"""The live wall in a real browser (issue 11): the page is open on a projector-sized window,
a photo of handwritten cards is uploaded and digitised by the worker's task (run here, in
process), and the wall shows the new cards and counts by itself, without a reload.

Screenshots go to $AK_SCREENSHOTS when set (looked at by hand), else to the test's folder."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kit.extensions import db
from kit.models import Workshop
from tests.conftest import write_png
from tests.e2e.test_browser import (  # noqa: F401
    RENDER_PX_PER_MM,
    app,
    browser,
    live_server,
    log_in,
    wait_for,
)
from tests.e2e.test_organiser_path import shoot

pytestmark = pytest.mark.browser
PROJECTOR = (1920, 1080)
SMALL_PROJECTOR = (1280, 720)
PHONE = (390, 844)
SEEDED_SERIAL = 900  # cards made by hand in this test, far above the printed kit's serials
# (type, cluster, confirmed text, votes: a count, "pending" or None) already on the wall
SEEDED = (("levier", "1-1", "Le covoiturage entre voisins existe déjà à Névache", None),
          ("levier", "1-1", "Des horaires de bus affichés en mairie", None),
          ("ressource", None, "L’association Mobil’Écrins prête des vélos", None),
          ("besoin", "2-1", "Un arrêt de bus couvert au village", "pending"),
          ("besoin", "2-1", "Une navette le dimanche vers Briançon", "7"),
          ("besoin", None, "Savoir qui fait du covoiturage chaque matin", "3"))


def set_viewport(driver, size: tuple[int, int], mobile: bool = False) -> None:
    width, height = size
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def seed_card(app, workshop, index: int, type_key: str, cluster: str | None, text: str,
              votes: str | None) -> None:
    """A card already photographed and reviewed: its reading, best view and values."""
    from kit.models import Card, CardReading, FieldValue, Photo, Sighting
    from printables.layout import card_type
    from printables.payload import CardCode, encode

    serial = SEEDED_SERIAL + index
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        code = encode(CardCode(live.code, serial, card_type(type_key).letter))
        card = Card(workshop=live, code=code, serial=serial, type_key=type_key)
        photo = Photo(workshop=live, sha256=f"{serial:064x}", filename="mur.jpg",
                      stored_name="mur.jpg", status="done")
        name = f"{code}/rectified.png"
        write_png(Path(app.config["CROPS_DIR"]) / live.code / name, code, (560, 392))
        sighting = Sighting(photo=photo, card=card, corners_px=[[0, 0]] * 4, image_name=name)
        db.session.add_all([card, photo, sighting,
                            CardReading(card=card, cluster=cluster, best_sighting=sighting),
                            FieldValue(card=card, field_name="texte", kind="text", value=text,
                                       source="human", review="confirmed")])
        if votes is not None:
            db.session.add(FieldValue(card=card, field_name="votes", kind="votes",
                                      value=None if votes == "pending" else votes,
                                      proposal="5", source="votes",
                                      review="pending" if votes == "pending" else "auto"))
        db.session.commit()


def handwritten_page(app, workshop, type_key: str, target: Path, seed: int) -> Path:
    """The kit's first page of ``type_key`` cards, each "texte" box written in by hand, as a
    photo (manifest positions are on kit.pdf's pages)."""
    import json

    import cv2

    from printables.layout import card_type
    from tests.support.filling import box_px
    from tests.support.handwriting import write_in_box
    from tests.support.pdf import render_pdf_pages
    from tests.support.phrases import phrase_for

    folder = Path(app.config["KIT_DIR"]) / workshop.code
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    index = min(item["page"] for item in manifest["items"] if item["type"] == type_key)
    (page,) = render_pdf_pages((folder / "kit.pdf").read_bytes(), RENDER_PX_PER_MM,
                               grayscale=False, pages=range(index, index + 1))
    page = np.ascontiguousarray(page[:, :, ::-1])  # RGB -> BGR, as OpenCV writes
    rng = np.random.default_rng(seed)
    for item in (i for i in manifest["items"] if i["page"] == index):
        x, y, w, h = box_px(card_type(item["type"]).field("texte").box, RENDER_PX_PER_MM)
        left, top = (round(item[k] * RENDER_PX_PER_MM) for k in ("x_mm", "y_mm"))
        write_in_box(page, (left + x, top + y, w, h),
                     phrase_for(item["type"], "texte", "text", rng), RENDER_PX_PER_MM, rng)
    cv2.imwrite(str(target), page)
    return target


@pytest.fixture
def wall_scene(app, make_user, make_workshop, make_participant, tmp_path):
    from kit.services import kits

    user = make_user()
    workshop = make_workshop(owner=user, blank_packs=0, group_sheets=0)
    make_participant(workshop, first_name="Sophie", last_name="Chaix")
    make_participant(workshop, first_name="Marc", last_name="Blanc")  # a page of four freins
    with app.app_context():
        kits.generate_kit(db.session.get(Workshop, workshop.id), app.config["KIT_DIR"])
    for index, (type_key, cluster, text, votes) in enumerate(SEEDED):
        seed_card(app, workshop, index, type_key, cluster, text, votes)
    photo = handwritten_page(app, workshop, "frein", tmp_path / "mur-freins.png", seed=11)
    return user, workshop, photo


def upload_and_digitise(app, workshop, photo: Path, browser, seen) -> list[str]:
    """Store the photo as the upload page does (queued), wait for the wall to count it as
    waiting, then run the worker's task on it; the types of the cards it read."""
    from kit.models import Photo
    from kit.services import photos
    from kit.tasks import run_photo

    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        stored = photos.store_upload(app.config["PHOTOS_DIR"], live, photo.name,
                                     photo.read_bytes())
        photo_id = stored.photo.id
    wait_for(lambda: seen("waiting") == "1 photo en attente", "the wall to count the new photo")
    with app.app_context():
        run_photo(photo_id)
        return sorted(s.card.type_key for s in db.session.get_one(Photo, photo_id).sightings)


def test_wall_updates_by_itself_while_a_photo_is_digitised(app, live_server, browser,
                                                           wall_scene, tmp_path):
    from selenium.webdriver.common.by import By

    user, workshop, photo = wall_scene
    log_in(browser, live_server, user)
    set_viewport(browser, PROJECTOR)
    browser.get(f"{live_server}/ateliers/{workshop.code}/mur")
    browser.execute_script("window.wallNotReloaded = true;")

    # read in one script: the wall redraws itself while it polls, so an element found by one
    # WebDriver call can be gone (stale) by the next
    def texts(selector: str) -> list[str]:
        return browser.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText.trim());",
            selector)

    def seen(name: str) -> str:
        return " ".join(texts(f'[data-count="{name}"]'))

    def codes(zone: str) -> list[str]:
        return browser.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0]), e => e.dataset.code);",
            f'[data-zone="{zone}"] .wall-card')

    assert (seen("waiting"), seen("shown")) == ("0 photo en attente", "6 cartes affichées")
    assert codes("freins") == []
    needs = texts('[data-zone="besoins"] .wall-card')
    assert [n.splitlines()[-1] for n in needs] == ["7 votes", "votes à compter", "3 votes"]
    # a cluster is named by its first card's words, unless that card heads it already
    names = {zone: texts(f'[data-zone="{zone}"] .wall-cluster__name')
             for zone in ("leviers", "besoins")}
    assert names == {"leviers": [], "besoins": ["Un arrêt de bus couvert au village"]}

    read = upload_and_digitise(app, workshop, photo, browser, seen)
    freins = read.count("frein")
    assert freins >= 2, read
    wall_types = [t for t in read if t in ("frein", "levier", "ressource", "besoin")]
    wait_for(lambda: seen("waiting") == "0 photo en attente" and len(codes("freins")) == freins,
             "the wall to show the photo's freins")
    assert seen("shown") == f"{6 + len(wall_types)} cartes affichées"
    assert browser.execute_script("return window.wallNotReloaded === true;")  # no reload
    images = '[data-zone="freins"] .wall-card__image'
    assert len(texts(images)) == freins  # handwriting nobody confirmed yet: shown as written
    wait_for(lambda: browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".every(i => i.complete && i.naturalWidth > 0);", images),
        "the card images to load through the authorised route")
    assert browser.find_elements(By.CSS_SELECTOR, '[data-zone="freins"] .wall-card__text') == []
    fits = "return Array.from(document.querySelectorAll('.wall-column__body'))" \
           ".every(b => b.scrollHeight <= b.clientHeight + 1);"
    assert browser.execute_script(fits)  # every column fits the projector's screen
    shoot(browser, tmp_path, "mur-1920x1080")
    set_viewport(browser, SMALL_PROJECTOR)
    wait_for(lambda: browser.execute_script(fits), "the wall to fit 1280x720")
    shoot(browser, tmp_path, "mur-1280x720")
    set_viewport(browser, PHONE, mobile=True)  # on a phone: the zones one under the other
    wait_for(lambda: browser.execute_script(
        "return document.documentElement.scrollWidth <= 390;"), "the wall to fit a phone")
    shoot(browser, tmp_path, "mur-390")


def test_full_wall_shrinks_its_type_then_scrolls_the_longest_column(app, live_server, browser,
                                                                    make_user, make_workshop,
                                                                    tmp_path):
    """A 40-person morning: more needs than a screen holds even in smaller type."""
    from selenium.webdriver.common.by import By

    user = make_user()
    workshop = make_workshop(owner=user, blank_packs=0)
    phrases = ("Une navette le dimanche vers Briançon", "Des vélos partagés en gare",
               "Un local commun pour les associations", "Savoir qui covoiture le matin")
    for index in range(48):
        seed_card(app, workshop, index, "besoin", f"3-{index % 9}",
                  f"{phrases[index % 4]} ({index + 1})", str(index % 13))
    for index, type_key in enumerate(("frein", "levier", "ressource") * 6, start=100):
        seed_card(app, workshop, index, type_key, None, phrases[index % 4], None)
    log_in(browser, live_server, user)
    set_viewport(browser, PROJECTOR)
    browser.get(f"{live_server}/ateliers/{workshop.code}/mur")
    root = browser.find_element(By.ID, "mur")
    wait_for(lambda: root.get_attribute("data-updates"), "the first poll")
    scales = {c.get_attribute("data-zone"): float(c.get_attribute("data-scale"))
              for c in browser.find_elements(By.CSS_SELECTOR, ".wall-column")}
    # only the long column is in smaller type, as small as stays readable
    assert scales == {"freins": 1.0, "leviers": 1.0, "ressources": 1.0, "besoins": 0.55}
    long_columns = [b.find_element(By.XPATH, "..").get_attribute("data-zone") for b in
                    browser.find_elements(By.CSS_SELECTOR, ".wall-column__body[data-defile]")]
    assert long_columns == ["besoins"]
    assert len(browser.find_elements(By.CSS_SELECTOR, '[data-zone="besoins"] .wall-card')) == 48
    body = browser.find_element(By.CSS_SELECTOR, '[data-zone="besoins"] .wall-column__body')
    wait_for(lambda: browser.execute_script("return arguments[0].scrollTop > 0;", body),
             "the long column to scroll by itself")
    shoot(browser, tmp_path, "mur-1920x1080-plein")
