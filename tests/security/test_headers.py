"""Security headers on every kind of page (issue 9): a strict CSP with no inline script,
never framed, no sniffing, no referrer outside the site; cookies SameSite, Secure over HTTPS;
ProxyFix so that the rate limits see the real client behind a reverse proxy."""
from __future__ import annotations

import re
from pathlib import Path

import kit
from kit.security import CONTENT_SECURITY_POLICY

TEMPLATES = Path(kit.__file__).parent / "templates"
PAGES = ["/connexion", "/ateliers/", "/static/css/app.css", "/inscription/NOPE/"]


def test_every_kind_of_response_carries_the_headers(client, login, make_workshop):
    login()
    workshop = make_workshop()
    for path in [*PAGES, f"/ateliers/{workshop.code}/", f"/ateliers/{workshop.code}/kit/statut"]:
        response = client.get(path)
        response.close()
        headers = response.headers
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY", path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] in ("same-origin", "no-referrer"), path


def test_templates_hold_no_inline_script_nor_handler():
    """What the CSP would block: JavaScript in a template instead of kit/static/."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"
                        r"|\son[a-z]+\s*=|javascript:|\sstyle\s*=|<style", re.I)
    found = [f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
             for path in TEMPLATES.rglob("*.html")
             for match in inline.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


def test_session_cookie_is_samesite_and_secure_over_https(make_app, make_user):
    app = make_app(PUBLIC_URL="https://ateliers.example.org")
    with app.app_context():
        from kit.services.users import create_user
        create_user("https@example.org", "H", "mot-de-passe-test")
    client = app.test_client()
    response = client.post("/connexion", data={"email": "https@example.org",
                                               "password": "mot-de-passe-test"},
                           base_url="https://ateliers.example.org")
    cookie = response.headers["Set-Cookie"]
    assert "SameSite=Lax" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_session_cookie_over_plain_http_is_samesite_lax(client, login):
    login()
    response = client.post("/langue", data={"lang": "en"})
    assert "SameSite=Lax" in response.headers["Set-Cookie"]


def test_proxy_fix_gives_the_limiter_the_real_client(make_app, make_user):
    """Behind one proxy, two clients are two addresses; without ProxyFix, one bucket."""
    app = make_app(PROXY_FIX_HOPS=1, LOGIN_ADDRESS_LIMIT="2 per 15 minutes")
    client = app.test_client()

    def attempt(client_ip: str) -> int:
        return client.post("/connexion", data={"email": f"x{client_ip}@example.org",
                                               "password": "faux"},
                           headers={"X-Forwarded-For": client_ip},
                           environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code
    assert [attempt("198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert attempt("198.51.100.2") == 200  # another client behind the same proxy


def test_proxy_fix_ignores_a_client_supplied_prefix(make_app):
    """X-Forwarded-Prefix from a client must not turn a redirect into another site."""
    app = make_app(PROXY_FIX_HOPS=1)
    response = app.test_client().get("/", headers={"X-Forwarded-Prefix": "//evil.example"})
    assert response.status_code in (301, 302, 303, 307, 308)
    assert "evil.example" not in response.headers["Location"]
