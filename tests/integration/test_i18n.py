"""French first, English available: the shipped catalog is complete, up to date and compiled."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po, write_po

import kit
import printables.labels
import scan.messages

KIT_DIR = Path(kit.__file__).parent
CATALOG = KIT_DIR / "translations" / "en" / "LC_MESSAGES"
FRENCH = KIT_DIR / "translations" / "fr" / "LC_MESSAGES"
BABEL_CFG = KIT_DIR / "babel.cfg"
# outside kit/: the labels printed on the identity card, the scanner's hints and errors; the app
# shows them translated (see babel.cfg)
SHARED_SOURCES = (Path(printables.labels.__file__), Path(scan.messages.__file__))


def entries(catalog) -> dict[tuple, tuple]:
    """msgid(s) -> translation(s), singular and plural messages alike."""
    def as_tuple(value):
        return (value,) if isinstance(value, str) else tuple(value)
    return {as_tuple(m.id): as_tuple(m.string) for m in catalog if m.id}


def read_english_po():
    with open(CATALOG / "messages.po", "rb") as po_file:
        return read_po(po_file)


def extract_sources(pot_path: Path):
    """What `pybabel extract` would find today, with babel.cfg and the keywords of its header."""
    config = BABEL_CFG.read_text(encoding="utf-8")
    keywords = {**DEFAULT_KEYWORDS, **{name: None for name in re.findall(r"-k (\w+)", config)}}
    with open(BABEL_CFG, encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, str(BABEL_CFG))
    template = Catalog()
    for path, line, message, comments, context in extract_from_dir(
            KIT_DIR, method_map, options_map, keywords=keywords):
        template.add(message, None, [(path, line)], auto_comments=comments, context=context)
    for source in SHARED_SOURCES:
        where = f"{source.parent.name}/{source.name}"
        for line, message, comments, context in extract_from_file(
                "python", source, keywords=keywords):
            template.add(message, None, [(where, line)], auto_comments=comments, context=context)
    with open(pot_path, "wb") as pot:
        write_po(pot, template)
    with open(pot_path, "rb") as pot:
        return read_po(pot)


def first_locations(catalog) -> dict[tuple, str]:
    """msgid(s) -> "path:line" of its first use in the sources."""
    return {msgid: "{}:{}".format(*message.locations[0])
            for message in catalog if message.id for msgid in entries([message])}


def test_every_source_message_is_in_the_english_catalog(tmp_path):
    extracted = first_locations(extract_sources(tmp_path / "messages.pot"))
    english = entries(read_english_po())
    missing = [f"{where} {msgid}" for msgid, where in extracted.items()
               if not all(english.get(msgid, ("",)))]
    assert missing == [], ("missing or untranslated in en/messages.po: extract, update, translate "
                           "and compile as the header of kit/babel.cfg says")


def test_english_translations_keep_placeholders_and_plurals():
    problems = [(message.id, [str(error) for error in errors])
                for message, errors in read_english_po().check()]
    assert problems == []


def test_english_catalog_is_fully_translated_and_compiled():
    with open(CATALOG / "messages.po", "rb") as po_file, open(CATALOG / "messages.mo", "rb") as mo:
        po, compiled = entries(read_po(po_file)), entries(read_mo(mo))
    assert [msgid for msgid, text in po.items() if not all(text)] == []
    assert compiled == po, (
        "messages.mo is older than messages.po: pybabel compile -d kit/translations"
    )


def test_french_catalog_gives_every_plural_message_the_french_rule(tmp_path):
    """The sources are French; the fr catalogue is there for its Plural-Forms (the singular for
    0 and 1). A plural message missing from its compiled .mo (not updated, not compiled, or
    fuzzy) falls back to the English rule, n != 1: « 0 votes »."""
    plurals = [msgid for msgid in first_locations(extract_sources(tmp_path / "messages.pot"))
               if len(msgid) == 2]
    with open(FRENCH / "messages.po", "rb") as po_file, open(FRENCH / "messages.mo", "rb") as mo:
        po, compiled = read_po(po_file), read_mo(mo)
    assert compiled.plural_forms == "nplurals=2; plural=(n > 1);"
    # nothing is translated: the French shown is the source's (compile writes the msgids)
    assert [msgid for msgid, texts in entries(po).items() if any(texts)] == []
    french = entries(compiled)
    assert [msgid for msgid in plurals if french.get(msgid) != msgid] == [], (
        "plural messages missing from fr/messages.mo: update and compile as the header of "
        "kit/babel.cfg says (and remove any #, fuzzy in fr/messages.po)")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_catalog_entry_is_fuzzy(language):
    """`pybabel compile` leaves fuzzy entries out of the .mo: the next compile would drop a
    translation (English) or a French plural rule (« 0 votes ») that the tests saw compiled."""
    with open(KIT_DIR / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    # a fuzzy header (msgid "") makes compile skip the whole catalogue
    fuzzy = ["header"] * catalog.fuzzy + [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == [], f"remove the #, fuzzy marks in {language}/messages.po, then compile"


def test_zero_and_one_are_singular_in_french_zero_plural_in_english(
        client, login, make_workshop, make_card, make_field_value):
    """« 0 vote », « 1 vote », « 2 votes » on the live wall, its counters said the same way;
    in English « 0 votes ». Before the fr catalogue the French pages said « 0 votes »."""
    workshop = make_workshop()
    for text, votes in (("Deux", "2"), ("Un", "1"), ("Zéro", "0")):
        card = make_card(workshop, "besoin", image=True)
        make_field_value(card, "texte", value=text, review="confirmed", source="human")
        make_field_value(card, "votes", value=votes, review="confirmed", source="votes",
                         crop=False)
    login()

    def wall_votes():
        html = client.get(f"/ateliers/{workshop.code}/mur").get_data(as_text=True)
        return (re.findall(r'<p class="wall-card__votes">([^<]+)</p>', html),
                re.search(r'data-waiting-zero="([^"]+)"', html).group(1))

    assert wall_votes() == (["2 votes", "1 vote", "0 vote"], "{n} photo en attente")
    client.post("/langue", data={"lang": "en"})
    assert wall_votes() == (["2 votes", "1 vote", "0 votes"], "{n} photos waiting")


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


def test_photos_page_in_english_after_switch(client, login, make_workshop):
    login()
    client.post("/langue", data={"lang": "en"})
    workshop = make_workshop()
    html = client.get(f"/ateliers/{workshop.code}/photos/").get_data(as_text=True)
    assert ">Photos</a>" in html and ">Upload photos</h2>" in html
    assert "No photos yet." in html and "Glissez" not in html


def test_empty_upload_error_is_translated_in_english(client, login, make_workshop):
    import io

    login()
    client.post("/langue", data={"lang": "en"})
    workshop = make_workshop()
    response = client.post(f"/ateliers/{workshop.code}/photos/",
                           headers={"Accept": "application/json"},
                           data={"photos": (io.BytesIO(b""), "mur.jpg")},
                           content_type="multipart/form-data")
    answer = response.get_json()["photos"][0]
    assert answer["message"] == "mur.jpg: empty file, nothing was received."


def test_workshop_code_errors_are_translated_in_english(client, login, make_workshop):
    login()
    client.post("/langue", data={"lang": "en"})
    taken = make_workshop().code
    html = client.post("/ateliers/nouveau", data={"code": taken, "title": "Atelier bis"}
                       ).get_data(as_text=True)
    assert f"The code {taken} is already taken." in html


def test_every_printed_field_label_is_named_in_the_readers_language(app):
    """The cards are printed in French; the review pages name their fields in English too
    ("Prénom et nom" stayed French in the English UI before)."""
    from flask_babel import force_locale

    from kit.views.labels import field_text
    from printables.layout import LAYOUTS

    # every layout still read (an old kit's cards are reviewed too)
    labels = {field.label for layout in LAYOUTS.values() for card in layout.values()
              for field in card.fields}
    with app.test_request_context(), force_locale("en"):
        untranslated = sorted(label for label in labels
                              if field_text(label) == label and label not in PLACE_NAMES)
        assert untranslated == []
        assert field_text("Prénom et nom") == "First and last name"
        assert field_text("Membre 10 : e-mail") == "Member 10: e-mail"
    with app.test_request_context(), force_locale("fr"):
        assert field_text("Membre 10 : e-mail") == "Membre 10 : e-mail"


PLACE_NAMES = {"Briançonnais", "Pays des Écrins", "Guillestrois-Queyras", "Association",
               "Structure", "E-mail"}  # the same word in English


def test_review_pages_name_the_fields_in_english(app, client, login, make_workshop,
                                                 make_participant, make_card,
                                                 make_field_value):
    login()
    workshop = make_workshop()
    card = make_card(workshop, "identite", participant=make_participant(workshop))
    value = make_field_value(card, "nom", proposal="Arnaud")
    client.post("/langue", data={"lang": "en"})
    page = client.get(f"/ateliers/{workshop.code}/verification/cartes/{card.id}").get_data(
        as_text=True)
    assert "First and last name" in page and "Prénom et nom" not in page
    field = client.get(f"/ateliers/{workshop.code}/verification/champs/{value.id}").get_data(
        as_text=True)
    assert "<h2 id=\"champ\">First and last name</h2>" in field
