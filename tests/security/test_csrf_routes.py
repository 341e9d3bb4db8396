"""Every POST of the app, generated from the URL map, is refused without its CSRF token, and
changes nothing; the same form with the token is accepted (so the refusal is the token's)."""
from __future__ import annotations

from tests.security.conftest import CSRF_RE, log_in, routes, snapshot


def post_routes(app):
    return [rule for rule, method in routes(app) if method == "POST"]


def test_every_post_without_token_is_refused(sec_app, world):
    client = sec_app.test_client()
    log_in(client, world.owner)  # the victim's own session: the worst case for CSRF
    sec_app.config["WTF_CSRF_ENABLED"] = True
    before = snapshot(sec_app)
    accepted = []
    for rule in post_routes(sec_app):
        with sec_app.test_request_context():
            url = sec_app.url_for(rule.endpoint, **world.args_for(rule))
        response = client.post(url, data={"email": "x@example.org", "role": "reviewer"})
        refused = (response.status_code == 400
                   and "jeton de sécurité" in response.get_data(as_text=True))
        response.close()
        if not refused:
            accepted.append(f"POST {url} -> {response.status_code}")
    assert accepted == []
    assert snapshot(sec_app) == before
    assert len(post_routes(sec_app)) >= 20  # the enumeration did find the app's forms


def test_post_with_token_from_the_page_is_accepted(sec_app, world):
    client = sec_app.test_client()
    sec_app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/connexion").get_data(as_text=True)
    token = CSRF_RE.search(page).group(1)
    response = client.post("/connexion", data={"email": world.owner.email,
                                               "password": "mot-de-passe-test",
                                               "csrf_token": token})
    assert response.status_code == 302
