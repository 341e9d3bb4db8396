"""Log-in (issue 9): throttled per account and per client address (HTTP 429), the same work
for an unknown account as for a known one, and the password reset by e-mail link."""
from __future__ import annotations

import re

from tests.conftest import TEST_PASSWORD

LINK_RE = re.compile(r"(https?://\S+/mot-de-passe/\S+)")
# a CSRF token carries the second it was made: two pages a second apart differ only there
CSRF_RE = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+"')


def attempt(client, email: str, password: str = "mauvais", address: str = "203.0.113.7"):
    return client.post("/connexion", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_account_is_throttled_from_the_guessing_address_even_with_the_right_password(
        app, client, make_user):
    user = make_user()
    app.config["LOGIN_ACCOUNT_LIMIT"] = "3 per 15 minutes"
    for _ in range(3):
        assert attempt(client, user.email, address="198.51.100.1").status_code == 200
    response = attempt(client, user.email, TEST_PASSWORD, address="198.51.100.1")
    assert response.status_code == 429
    assert client.get("/ateliers/").status_code == 302  # still not logged in
    other = make_user()
    assert attempt(client, other.email, TEST_PASSWORD, address="198.51.100.1").status_code == 302


def test_someone_guessing_elsewhere_never_locks_the_owner_out(app, make_user):
    """The lock is per (account, address): five wrong passwords typed by an attacker do not
    keep the account's owner, at their own address, out for 15 minutes."""
    user = make_user()
    app.config["LOGIN_ACCOUNT_LIMIT"] = "3 per 15 minutes"
    attacker = app.test_client()
    for _ in range(5):
        attempt(attacker, user.email, address="198.51.100.66")
    assert attempt(attacker, user.email, TEST_PASSWORD,
                   address="198.51.100.66").status_code == 429
    owner = app.test_client()
    assert attempt(owner, user.email, TEST_PASSWORD, address="203.0.113.50").status_code == 302
    assert owner.get("/ateliers/").status_code == 200


def test_owner_locked_out_gets_in_through_the_reset_link(app, make_user, outbox):
    user = make_user()
    app.config["LOGIN_ACCOUNT_LIMIT"] = "3 per 15 minutes"
    owner = app.test_client()
    for _ in range(3):  # the owner's own typing errors, from the owner's address
        attempt(owner, user.email)
    assert attempt(owner, user.email, TEST_PASSWORD).status_code == 429
    owner.post("/mot-de-passe-oublie", data={"email": user.email},
               environ_base={"REMOTE_ADDR": "203.0.113.7"})
    path = LINK_RE.search(outbox[-1].get_content()).group(1).removeprefix("http://localhost")
    new = {"password": "un-nouveau-secret", "confirm": "un-nouveau-secret"}
    response = owner.post(path, data=new, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert response.status_code == 302 and response.location == "/"
    assert owner.get("/ateliers/").status_code == 200  # logged in by the link
    owner.post("/deconnexion")
    assert attempt(owner, user.email, "un-nouveau-secret").status_code == 302  # count forgiven


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
    other = app.test_client()
    assert attempt(other, user.email, TEST_PASSWORD, address="192.0.2.9").status_code == 200
    assert attempt(other, user.email, "un-nouveau-secret", address="192.0.2.9").status_code == 302


def test_password_reset_says_the_same_for_unknown_accounts(app, client, make_user, outbox):
    user = make_user()
    known = client.post("/mot-de-passe-oublie", data={"email": user.email},
                        follow_redirects=True).get_data(as_text=True)
    unknown = client.post("/mot-de-passe-oublie", data={"email": "personne@example.org"},
                          follow_redirects=True).get_data(as_text=True)
    assert "Si un compte existe pour cette adresse" in known
    assert CSRF_RE.search(known) and CSRF_RE.search(unknown)
    assert CSRF_RE.sub(r'\1…"', known) == CSRF_RE.sub(r'\1…"', unknown)
    assert [m["To"] for m in outbox] == [user.email]


def test_forged_reset_token_is_refused(client):
    assert client.get("/mot-de-passe/pas-un-jeton").status_code == 404


def test_password_reset_mail_is_sent_by_the_queue_for_known_and_unknown_alike(make_app,
                                                                           monkeypatch):
    """The page only queues a task, whatever the address: the lookup and the mail server's
    delay (50 ms vs 5 ms before) happen in the worker, so the answer's time tells nothing."""
    from kit.services import mail
    from kit.tasks import get_huey

    sent = []
    monkeypatch.setattr(mail, "send", lambda config, message: sent.append(message) or "sent")
    app = make_app(HUEY_IMMEDIATE=False)
    with app.app_context():
        from kit.services import users
        users.create_user("orga@example.org", "Orga", TEST_PASSWORD)
    client = app.test_client()
    for email in ("orga@example.org", "personne@example.org"):
        assert client.post("/mot-de-passe-oublie", data={"email": email}).status_code == 302
    assert sent == []  # nothing sent while the person waited for the page
    with app.app_context():
        huey = get_huey()
        assert huey.pending_count() == 2
        while (task := huey.dequeue()) is not None:
            huey.execute(task)
    assert [m["To"] for m in sent] == ["orga@example.org"]
    assert "/mot-de-passe/" in sent[0].get_content()


def test_sessions_end_when_the_password_changes(app, make_user, outbox):
    """A session stamp in the session id: a stolen or forgotten session dies with a reset."""
    user = make_user()
    elsewhere = app.test_client()
    attempt(elsewhere, user.email, TEST_PASSWORD, address="192.0.2.30")
    assert elsewhere.get("/ateliers/").status_code == 200
    me = app.test_client()
    me.post("/mot-de-passe-oublie", data={"email": user.email})
    path = LINK_RE.search(outbox[-1].get_content()).group(1).removeprefix("http://localhost")
    new = {"password": "un-nouveau-secret", "confirm": "un-nouveau-secret"}
    assert me.post(path, data=new).status_code == 302
    assert me.get("/ateliers/").status_code == 200  # the one who reset is in
    assert elsewhere.get("/ateliers/").status_code == 302  # the other session is over


def test_sessions_end_when_the_password_is_set_by_command(app, make_user):
    user = make_user()
    client = app.test_client()
    attempt(client, user.email, TEST_PASSWORD, address="192.0.2.31")
    assert client.get("/ateliers/").status_code == 200
    result = app.test_cli_runner().invoke(args=["set-password", user.email],
                                          input="autre-secret-long\nautre-secret-long\n")
    assert result.exit_code == 0, result.output
    assert client.get("/ateliers/").status_code == 302


def test_guessing_spread_over_many_addresses_meets_the_accounts_overall_limit(
        app, make_user, outbox):
    """One failure from each of many addresses stays under every per-address count, but the
    account's overall count stops it (429); the owner still gets in through the reset link."""
    user = make_user()
    app.config["LOGIN_ACCOUNT_TOTAL_LIMIT"] = "6 per hour"
    attacker = app.test_client()
    for n in range(6):
        assert attempt(attacker, user.email, address=f"198.51.100.{n + 1}").status_code == 200
    assert attempt(attacker, user.email, TEST_PASSWORD,
                   address="198.51.100.99").status_code == 429
    owner = app.test_client()
    assert attempt(owner, user.email, TEST_PASSWORD).status_code == 429
    owner.post("/mot-de-passe-oublie", data={"email": user.email},
               environ_base={"REMOTE_ADDR": "203.0.113.7"})
    path = LINK_RE.search(outbox[-1].get_content()).group(1).removeprefix("http://localhost")
    new = {"password": "un-nouveau-secret", "confirm": "un-nouveau-secret"}
    response = owner.post(path, data=new, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert response.status_code == 302
    owner.post("/deconnexion")
    assert attempt(owner, user.email, "un-nouveau-secret").status_code == 302  # count forgiven
