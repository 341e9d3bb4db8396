"""Styled error pages in both languages instead of a bare English "Not Found"."""
from __future__ import annotations


def test_unknown_address_gets_a_styled_french_404(client):
    response = client.get("/nulle-part")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in html and "Not Found" not in html
    assert 'href="/static/css/app.css' in html  # the site's own layout


def test_404_follows_the_chosen_language(client):
    client.post("/langue", data={"lang": "en"})
    html = client.get("/nulle-part").get_data(as_text=True)
    assert "<h1>Page not found</h1>" in html and "introuvable" not in html


def test_unknown_workshop_is_styled(client, login):
    login()
    response = client.get("/ateliers/NOPE/")
    assert response.status_code == 404 and "Page introuvable" in response.get_data(as_text=True)


def test_server_error_is_styled_and_says_nothing_was_lost(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/casse")
    def broken():
        raise RuntimeError("boom")

    response = app.test_client().get("/casse")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Une erreur est survenue" in html and "boom" not in html
