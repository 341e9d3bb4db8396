"""Authorization on every route, generated from the URL map (issue 9, finding "every organiser
account sees and edits every workshop"): a stranger, a member of another workshop and a
reviewer get nothing they should not, and nothing in the database changes."""
from __future__ import annotations

import pytest

from tests.security.conftest import (
    ACCOUNT_ONLY,
    PUBLIC,
    REVIEWER_PREFIXES,
    REVIEWER_REFUSED,
    log_in,
    routes,
    snapshot,
)

FORM = {"email": "x@example.org", "title": "Piraté", "code": "PIRATE2", "role": "owner",
        "action": "remove", "first_name": "Pirate", "last_name": "Pirate", "label": "pirate"}


def organiser_routes(app):
    return [(rule, method) for rule, method in routes(app)
            if rule.endpoint not in PUBLIC and rule.endpoint not in ACCOUNT_ONLY]


def workshop_routes(app):
    return [(rule, method) for rule, method in organiser_routes(app) if "code" in rule.arguments]


def call(client, method: str, url: str):
    """The response, closed (a file sent back holds its handle open until then)."""
    response = client.open(url, method=method, data=FORM if method == "POST" else None)
    response.close()
    return response


def test_every_route_is_classified(sec_app):
    """A route outside /ateliers/<code>/ must be listed as public or account-only on purpose."""
    stray = [f"{rule.endpoint} {rule.rule}" for rule, _ in organiser_routes(sec_app)
             if "code" not in rule.arguments]
    assert stray == []
    listed = set(PUBLIC) | set(ACCOUNT_ONLY)
    assert listed <= {rule.endpoint for rule in sec_app.url_map.iter_rules()}


def test_stranger_logged_out_is_sent_to_login_everywhere(sec_app, world):
    client = sec_app.test_client()
    before = snapshot(sec_app)
    leaks = []
    for rule, method in [*organiser_routes(sec_app),
                         *[(r, m) for r, m in routes(sec_app) if r.endpoint in ACCOUNT_ONLY]]:
        with sec_app.test_request_context():
            url = sec_app.url_for(rule.endpoint, **world.args_for(rule))
        response = call(client, method, url)
        to_login = response.status_code == 302 and response.location.startswith("/connexion")
        if not to_login:
            leaks.append(f"{method} {url} -> {response.status_code}")
    assert leaks == []
    assert snapshot(sec_app) == before


def test_member_of_another_workshop_gets_404_everywhere(sec_app, world):
    client = sec_app.test_client()
    log_in(client, world.attacker)
    before = snapshot(sec_app)
    leaks = []
    for rule, method in workshop_routes(sec_app):
        with sec_app.test_request_context():
            url = sec_app.url_for(rule.endpoint, **world.args_for(rule))
        response = call(client, method, url)
        if response.status_code != 404:
            leaks.append(f"{method} {url} -> {response.status_code}")
    assert leaks == []
    assert snapshot(sec_app) == before


def test_ids_of_another_workshop_under_ones_own_code_are_404(sec_app, world):
    """The attacker's own workshop code with the victim's row ids (participant, photo...)."""
    client = sec_app.test_client()
    log_in(client, world.attacker)
    before = snapshot(sec_app)
    leaks = []
    for rule, method in workshop_routes(sec_app):
        id_args = set(rule.arguments) & {"pid", "card_id", "value_id", "photo_id", "link_id",
                                         "member_id", "group_id", "action_id"}
        if not id_args:
            continue
        with sec_app.test_request_context():
            url = sec_app.url_for(rule.endpoint,
                                  **world.args_for(rule, code=world.attacker_workshop.code))
        response = call(client, method, url)
        if response.status_code != 404:
            leaks.append(f"{method} {url} -> {response.status_code}")
    assert leaks == []
    assert snapshot(sec_app) == before


def test_owner_reaches_every_page_the_others_are_refused(sec_app, world):
    """The control: the sample URLs above do reach their views (else a 404 would prove
    nothing). Only GETs, so that nothing is changed; a kit never drawn is a real 404."""
    client = sec_app.test_client()
    log_in(client, world.owner)
    missing = []
    for rule, method in workshop_routes(sec_app):
        if method != "GET" or rule.endpoint in {"kits.download", "imports.preview"}:
            continue  # no kit file and no CSV upload exist in this world: 404 by design
        with sec_app.test_request_context():
            url = sec_app.url_for(rule.endpoint, **world.args_for(rule))
        response = call(client, "GET", url)
        if response.status_code not in (200, 302):
            missing.append(f"GET {url} -> {response.status_code}")
    assert missing == []


@pytest.mark.parametrize("role", ["reviewer", "coorganiser"])
def test_roles_reach_only_what_they_may(sec_app, world, make_user, add_member, role):
    """A reviewer may only review and see results; a co-organiser all but the members page and
    the whole-workshop archive (every personal datum in one file: owners only)."""
    member = make_user()
    add_member(world.victim, member, role)
    client = sec_app.test_client()
    log_in(client, member)
    before = snapshot(sec_app)
    wrong = []
    for rule, method in workshop_routes(sec_app):
        if method != "GET" or rule.endpoint in {"kits.download", "imports.preview"}:
            continue
        allowed = (rule.endpoint.startswith(REVIEWER_PREFIXES)
                   and rule.endpoint not in REVIEWER_REFUSED if role == "reviewer"
                   else not rule.endpoint.startswith(("members.", "archives.")))
        with sec_app.test_request_context():
            url = sec_app.url_for(rule.endpoint, **world.args_for(rule))
        status = call(client, "GET", url).status_code
        if allowed != (status in (200, 302)) or (not allowed and status != 403):
            wrong.append(f"{role} GET {url} -> {status}")
    assert wrong == []
    assert snapshot(sec_app) == before


def test_reviewer_cannot_post_outside_review(sec_app, world, make_user, add_member):
    member = make_user()
    add_member(world.victim, member, "reviewer")
    client = sec_app.test_client()
    log_in(client, member)
    before = snapshot(sec_app)
    wrong = []
    for rule, method in workshop_routes(sec_app):
        if method != "POST" or rule.endpoint.startswith(REVIEWER_PREFIXES):
            continue
        with sec_app.test_request_context():
            url = sec_app.url_for(rule.endpoint, **world.args_for(rule))
        status = call(client, "POST", url).status_code
        if status != 403:
            wrong.append(f"reviewer POST {url} -> {status}")
    assert wrong == []
    assert snapshot(sec_app) == before


def test_workshop_list_shows_only_ones_own(sec_app, world):
    client = sec_app.test_client()
    log_in(client, world.attacker)
    page = client.get("/ateliers/").get_data(as_text=True)
    assert world.attacker_workshop.code in page and world.victim.code not in page
