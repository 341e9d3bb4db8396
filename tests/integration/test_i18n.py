"""French first, English available: the shipped catalog is complete and compiled."""
from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import kit

CATALOG = Path(kit.__file__).parent / "translations" / "en" / "LC_MESSAGES"


def entries(catalog) -> dict[tuple, tuple]:
    """msgid(s) -> translation(s), singular and plural messages alike."""
    def as_tuple(value):
        return (value,) if isinstance(value, str) else tuple(value)
    return {as_tuple(m.id): as_tuple(m.string) for m in catalog if m.id}


def test_english_catalog_is_fully_translated_and_compiled():
    with open(CATALOG / "messages.po", "rb") as po_file, open(CATALOG / "messages.mo", "rb") as mo:
        po, compiled = entries(read_po(po_file)), entries(read_mo(mo))
    assert [msgid for msgid, text in po.items() if not all(text)] == []
    assert compiled == po, "messages.mo is older than messages.po: pybabel compile -d kit/translations"


def test_login_page_in_english_after_switch(client):
    client.post("/langue", data={"lang": "en", "next": "/connexion"})
    html = client.get("/connexion").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert ">Password</label>" in html and "Skip to content" in html
    assert 'aria-pressed="true">EN</button>' in html


def test_unknown_language_keeps_french(client):
    client.post("/langue", data={"lang": "de"})
    assert '<html lang="fr">' in client.get("/connexion").get_data(as_text=True)


def test_login_required_message_is_translated(client):
    html = client.get("/ateliers/", follow_redirects=True).get_data(as_text=True)
    assert "Connectez-vous pour accéder à cette page." in html
    client.post("/langue", data={"lang": "en"})
    html = client.get("/ateliers/", follow_redirects=True).get_data(as_text=True)
    assert "Please log in to see this page." in html


def test_csv_errors_are_translated_in_english(client, login, make_workshop):
    import io

    login()
    client.post("/langue", data={"lang": "en"})
    workshop = make_workshop()
    response = client.post(f"/ateliers/{workshop.code}/import/", follow_redirects=True,
                           data={"file": (io.BytesIO(b"nom\nB\n"), "x.csv")},
                           content_type="multipart/form-data")
    assert "Required column missing: “prénom”." in response.get_data(as_text=True)
