"""Log-in (issue 9): throttled per account and per client address (HTTP 429), the same work
for an unknown account as for a known one, and the password reset by e-mail link."""
from __future__ import annotations

import re

from tests.conftest import TEST_PASSWORD

LINK_RE = re.compile(r"(https?://\S+/mot-de-passe/\S+)")


def attempt(client, email: str, password: str = "mauvais", address: str = "203.0.113.7"):
    return client.post("/connexion", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_account_is_throttled_after_failures_even_with_the_right_password(app, client,
                                                                          make_user):
    user = make_user()
    app.config["LOGIN_ACCOUNT_LIMIT"] = "3 per 15 minutes"
    for i in range(3):  # three addresses: the account's own count trips
        assert attempt(client, user.email, address=f"198.51.100.{i}").status_code == 200
    response = attempt(client, user.email, TEST_PASSWORD, address="198.51.100.9")
    assert response.status_code == 429
    assert client.get("/ateliers/").status_code == 302  # still not logged in
    other = make_user()
    assert attempt(client, other.email, TEST_PASSWORD, address="198.51.100.9").status_code == 302


def test_address_is_throttled_across_accounts(app, client, make_user):
    app.config["LOGIN_ADDRESS_LIMIT"] = "4 per 15 minutes"
    for i in range(4):
        assert attempt(client, f"inconnu{i}@example.org").status_code == 200
    user = make_user()
    assert attempt(client, user.email, TEST_PASSWORD).status_code == 429
    assert attempt(client, user.email, TEST_PASSWORD, address="203.0.113.8").status_code == 302


def test_unknown_account_costs_a_password_check_like_a_known_one(app, client, make_user,
                                                                  monkeypatch):
    """No timing in a test: the unknown account must run the same hash check (on a dummy
    hash), which is what made the known ones 18 times slower to answer."""
    from kit.services import users

    checked = []
    real = users.check_password_hash

    def counting(hash_value, password):
        checked.append(hash_value.split("$")[0])
        return real(hash_value, password)
    monkeypatch.setattr(users, "check_password_hash", counting)
    monkeypatch.setattr("kit.models.users.check_password_hash", counting)
    known = make_user()
    attempt(client, known.email, address="192.0.2.1")
    attempt(client, "personne@example.org", address="192.0.2.2")
    assert len(checked) == 2 and checked[0] == checked[1]  # same method and cost
    assert attempt(client, "personne@example.org").get_data(as_text=True).count(
        "E-mail ou mot de passe incorrect.") == 1


def test_password_reset_by_mailed_link_works_once(app, client, make_user, outbox):
    user = make_user()
    response = client.post("/mot-de-passe-oublie", data={"email": user.email.upper()})
    assert response.status_code == 302
    (message,) = outbox
    link = LINK_RE.search(message.get_content()).group(1)
    assert link.startswith("http://localhost/mot-de-passe/")  # PUBLIC_URL
    path = link.removeprefix("http://localhost")
    assert client.get(path).status_code == 200
    new = {"password": "un-nouveau-secret", "confirm": "un-nouveau-secret"}
    assert client.post(path, data=new).status_code == 302
    assert client.get(path).status_code == 404  # the hash changed: the link is spent
    assert attempt(client, user.email, TEST_PASSWORD, address="192.0.2.9").status_code == 200
    assert attempt(client, user.email, "un-nouveau-secret", address="192.0.2.9").status_code == 302


def test_password_reset_says_the_same_for_unknown_accounts(app, client, make_user, outbox):
    user = make_user()
    known = client.post("/mot-de-passe-oublie", data={"email": user.email},
                        follow_redirects=True).get_data(as_text=True)
    unknown = client.post("/mot-de-passe-oublie", data={"email": "personne@example.org"},
                          follow_redirects=True).get_data(as_text=True)
    assert "Si un compte existe pour cette adresse" in known
    assert known == unknown
    assert [m["To"] for m in outbox] == [user.email]


def test_forged_reset_token_is_refused(client):
    assert client.get("/mot-de-passe/pas-un-jeton").status_code == 404
