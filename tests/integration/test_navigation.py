"""The main navigation marks its tab on every page of every blueprint (base.html)."""
from __future__ import annotations

import re

import pytest

from kit.extensions import db
from kit.models import User, Workshop
from kit.views.display import UNTABBED_BLUEPRINTS

WORKSHOP_PAGES = ("/ateliers/", "/ateliers/{code}/", "/ateliers/{code}/participants/",
                  "/ateliers/{code}/import/", "/ateliers/{code}/inscriptions/",
                  "/ateliers/{code}/premiere-base/", "/ateliers/{code}/verification/",
                  "/ateliers/{code}/photos/")


def current_tabs(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]*)</a>', nav)


@pytest.mark.parametrize("path", WORKSHOP_PAGES)
def test_workshop_pages_mark_the_workshops_tab(client, login, make_workshop, path):
    user = login()
    workshop = make_workshop()
    with client.application.app_context():  # the organiser's own workshop
        db.session.get(Workshop, workshop.id).created_by = db.session.get(User, user.id)
        db.session.commit()
    response = client.get(path.format(code=workshop.code))
    assert response.status_code == 200
    assert current_tabs(response.get_data(as_text=True)) == ["Ateliers"]


def test_new_workshop_page_marks_its_own_tab(client, login):
    login()
    html = client.get("/ateliers/nouveau").get_data(as_text=True)
    assert current_tabs(html) == ["Nouvel atelier"]


def test_every_blueprint_has_a_tab_or_is_listed_as_untabbed(app):
    tabbed = set(app.blueprints) - set(UNTABBED_BLUEPRINTS)
    assert {"workshops", "participants", "imports", "kits", "registrations", "prediagnostic",
            "review", "results", "uploads"} <= tabbed
    assert set(UNTABBED_BLUEPRINTS) <= set(app.blueprints)
