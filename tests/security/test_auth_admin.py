"""The instance administrator creates accounts (issue 9): the new owner chooses a password from
a mailed link; nobody else reaches the page; an administrator sees no one else's workshop."""
from __future__ import annotations

import re

from tests.security.conftest import log_in

LINK_RE = re.compile(r"(https?://\S+/mot-de-passe/\S+)")


def test_admin_creates_an_account_whose_owner_sets_the_password(app, client, make_user,
                                                                 outbox):
    admin = make_user(admin=True)
    log_in(client, admin)
    response = client.post("/admin/comptes", data={"name": "Léa", "email": "lea@example.org"})
    assert response.status_code == 302
    (message,) = outbox
    assert message["To"] == "lea@example.org"
    path = LINK_RE.search(message.get_content()).group(1).removeprefix("http://localhost")
    newcomer = app.test_client()
    new = {"password": "un-secret-a-moi", "confirm": "un-secret-a-moi"}
    assert newcomer.post(path, data=new).status_code == 302
    assert newcomer.post("/connexion", data={"email": "lea@example.org",
                                             "password": "un-secret-a-moi"}).status_code == 302
    assert newcomer.post(path, data=new).status_code == 404  # once


def test_accounts_page_is_refused_to_organisers(client, login):
    login()
    assert client.get("/admin/comptes").status_code == 403
    assert client.post("/admin/comptes", data={"name": "X", "email": "x@example.org"}
                       ).status_code == 403


def test_admin_sees_no_workshop_he_is_not_a_member_of(client, make_user, make_workshop):
    workshop = make_workshop()
    log_in(client, make_user(admin=True))
    assert client.get(f"/ateliers/{workshop.code}/").status_code == 404
    assert workshop.code not in client.get("/ateliers/").get_data(as_text=True)
