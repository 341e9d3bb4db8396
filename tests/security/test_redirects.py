"""Open redirects (issue 9): a crafted next= never sends anyone to another site, after login
or after the language switch; a path on this site is kept."""
from __future__ import annotations

import pytest

from tests.conftest import TEST_PASSWORD

HOSTILE = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "\\\\evil.example/",
           "/\\/evil.example/", "javascript:alert(1)", "http:evil.example", "\t//evil.example/",
           "/\t/evil.example/", "https:/evil.example", "///evil.example/"]


def is_local(location: str) -> bool:
    return location.startswith("/") and not location.startswith(("//", "/\\")) and all(
        ord(char) >= 32 for char in location)


@pytest.mark.parametrize("target", HOSTILE)
def test_login_next_to_another_site_lands_home(client, make_user, target):
    user = make_user()
    response = client.post("/connexion", query_string={"next": target},
                           data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.location == "/", response.location


@pytest.mark.parametrize("target", HOSTILE)
def test_language_switch_next_to_another_site_lands_home(client, target):
    response = client.post("/langue", data={"lang": "en", "next": target})
    assert response.status_code == 302 and is_local(response.location)
    assert response.location == "/", response.location


def test_login_next_on_this_site_is_kept(client, make_user):
    user = make_user()
    response = client.post("/connexion", query_string={"next": "/ateliers/?q=1"},
                           data={"email": user.email, "password": TEST_PASSWORD})
    assert response.location == "/ateliers/?q=1"


def test_login_asked_by_a_protected_page_comes_back_to_it(client, default_organiser,
                                                           make_workshop):
    workshop = make_workshop()
    page = f"/ateliers/{workshop.code}/participants/"
    response = client.get(page)
    assert response.status_code == 302 and response.location.startswith("/connexion?next=")
    back = client.post(response.location, data={"email": default_organiser().email,
                                                "password": TEST_PASSWORD})
    assert back.location == page
