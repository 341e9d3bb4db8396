"""The "première base" page, and the kit printed after registrations (issue 5)."""
from __future__ import annotations

import zxingcpp

from kit.extensions import db
from kit.models import BaseItem, Workshop
from tests.support.pdf import pdf_page_texts, render_pdf_pages
from tests.support.registrations import open_workshop, register  # noqa: F401 (fixtures)

PX_PER_MM = 4.0  # 6 px per QR module: a sharp rendering, quick to decode
SMALL_CARD_FILES = ("frein.pdf", "levier.pdf", "ressource.pdf", "besoin.pdf")


def items_of(app, workshop) -> list[tuple]:
    with app.app_context():
        query = db.select(BaseItem).where(BaseItem.workshop_id == workshop.id).order_by(BaseItem.id)
        return [(i.id, i.category, i.text, i.card_type, i.to_print, i.contributor_count)
                for i in db.session.scalars(query)]


def answer(client, location: str, **entries) -> None:
    response = client.post(location + "questionnaire", data=entries)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def base_edit(item, **changes) -> dict:
    item_id, _, text, card_type, to_print, _ = item
    values = {"texte": text, "type": card_type, "imprimer": "1" if to_print else "", **changes}
    return {f"{key}-{item_id}": value for key, value in values.items() if value}


def test_premiere_base_lists_entries_by_category(client, login, open_workshop, register):
    workshop = open_workshop()
    answer(client, register(workshop, email="a@example.org"),
           **{"freins-0": "Pas de piste", "envies-0": "Un atelier vélo"})
    login()
    html = client.get(f"/ateliers/{workshop.code}/premiere-base/").get_data(as_text=True)
    assert 'id="cat-freins"' in html and ">Pas de piste</textarea>" in html
    assert ">Un atelier vélo</textarea>" in html
    assert '<option value="besoin" selected>Besoin</option>' in html  # envies print as Besoin
    assert "Aucune réponse dans cette catégorie." in html


def test_merge_duplicates_and_edit_wording(client, app, login, open_workshop, register):
    workshop = open_workshop()
    answer(client, register(workshop, email="a@example.org"), **{"freins-0": "pas de pistes"})
    answer(
        client,
        register(workshop, email="b@example.org"),
        **{"freins-0": "Pistes cyclables absentes"},
    )
    first, second = items_of(app, workshop)
    login()
    url = f"/ateliers/{workshop.code}/premiere-base/"
    response = client.post(url, data={"action": "fusionner", "categorie": "freins",
                                      "item": [str(first[0]), str(second[0])]})
    assert response.headers["Location"] == url + "#cat-freins"
    [merged] = items_of(app, workshop)
    assert merged[:3] == (first[0], "freins", "pas de pistes") and merged[5] == 2
    client.post(
        url,
        data={
            "action": "enregistrer",
            "ids": str(merged[0]),
            **base_edit(merged, texte="  Manque de pistes   cyclables ", imprimer="1"),
        },
    )
    assert items_of(app, workshop) == [(merged[0], "freins", "Manque de pistes cyclables", "frein",
                                        True, 2)]
    html = client.get(url).get_data(as_text=True)
    assert "<li>pas de pistes</li>" in html and "<li>Pistes cyclables absentes</li>" in html


def test_premiere_base_refuses_empty_wording_and_single_merge(client, app, login, open_workshop,
                                                             register):
    workshop = open_workshop()
    answer(client, register(workshop), **{"leviers-0": "Le bus"})
    [item] = items_of(app, workshop)
    login()
    url = f"/ateliers/{workshop.code}/premiere-base/"
    html = client.post(
        url,
        data={"ids": str(item[0]), f"type-{item[0]}": "levier", f"texte-{item[0]}": "   "},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "n’a pas été modifié : Le texte ne peut pas être vide." in html
    html = client.post(url, data={"action": "fusionner", "item": str(item[0])},
                       follow_redirects=True).get_data(as_text=True)
    assert "Cochez au moins deux éléments à fusionner." in html
    assert items_of(app, workshop) == [item]


def test_answers_edited_keep_unchanged_items(client, app, open_workshop, register):
    workshop = open_workshop()
    location = register(workshop)
    answer(client, location, **{"freins-0": "A", "freins-1": "B"})
    before = {text: item_id for item_id, _, text, *_ in items_of(app, workshop)}
    answer(client, location, **{"freins-0": "A", "freins-1": "C"})
    after = {text: item_id for item_id, _, text, *_ in items_of(app, workshop)}
    assert after["A"] == before["A"] and "B" not in after and set(after) == {"A", "C"}


def decoded_codes(pdf: bytes) -> dict[str, int]:
    """Code -> page index, for every QR code found on the rendered pages."""
    found = {}
    for page, image in enumerate(render_pdf_pages(pdf, PX_PER_MM)):
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            found[result.text] = page
    return found


def test_kit_after_registrations_prints_names_and_premiere_base(client, app, login, open_workshop,
                                                                register):
    workshop = open_workshop(pack_counts={"identite": 1}, blank_packs=0, group_sheets=0)
    answer(client, register(workshop, email="a@example.org", first_name="Zoé",
                            last_name="<i>Fabre</i>", what_i_do="Maraîchère à Vallouise"),
           **{"freins-0": "Pas de bus le dimanche", "moyens-0": "Un local associatif",
              "envies-0": "Un pédibus", "points_de_vue-0": "Hors sujet"})
    items = {text: item for item in items_of(app, workshop) for text in [item[2]]}
    login()
    marked = [items[t] for t in ("Pas de bus le dimanche", "Un local associatif", "Un pédibus")]
    data = {"ids": ",".join(str(i[0]) for i in items.values())}
    for item in items.values():
        data.update(base_edit(item, imprimer="1" if item in marked else ""))
    client.post(f"/ateliers/{workshop.code}/premiere-base/", data=data)
    with app.app_context():
        from kit.services import kits, prediagnostic
        live = db.session.get(Workshop, workshop.id)
        output = kits.generate_kit(live, app.config["KIT_DIR"])
        identity_text = pdf_page_texts(output.files["identite.pdf"])[0]
        assert "Zoé <i>Fabre</i>" in identity_text and "Maraîchère à Vallouise" in identity_text
        printed = {}
        for name in SMALL_CARD_FILES:
            if name in output.files:
                texts = pdf_page_texts(output.files[name])
                for code, page in decoded_codes(output.files[name]).items():
                    item = prediagnostic.item_for_code(code)
                    assert item is not None and item.text in texts[page], code
                    printed[item.text] = (name, item.card.type_key)
        runsheet = " ".join(pdf_page_texts(output.files["deroule.pdf"]))
    assert printed == {"Pas de bus le dimanche": ("frein.pdf", "frein"),
                       "Un local associatif": ("ressource.pdf", "ressource"),
                       "Un pédibus": ("besoin.pdf", "besoin")}
    assert "Pré-diagnostic" in runsheet and "1 inscription en ligne" in runsheet
    assert "Première base : 3 cartes imprimées" in runsheet


def test_reprint_keeps_item_codes_and_prints_new_wording(
    client, app, login, open_workshop, register
):
    workshop = open_workshop(pack_counts={"identite": 1}, blank_packs=0, group_sheets=0)
    answer(client, register(workshop), **{"leviers-0": "Le train"})
    [item] = items_of(app, workshop)
    login()
    url = f"/ateliers/{workshop.code}/premiere-base/"
    client.post(url, data={"ids": str(item[0]), **base_edit(item, imprimer="1")})
    with app.app_context():
        from kit.services import kits
        kits.ensure_cards(db.session.get(Workshop, workshop.id))
        code = db.session.get(BaseItem, item[0]).card.code
    html = client.post(url, data={"ids": str(item[0]), **base_edit(
        item, texte="Le train de nuit", imprimer="1", type="frein")}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Déjà imprimé comme carte Levier : le type ne peut plus changer." in html
    client.post(
        url, data={"ids": str(item[0]), **base_edit(item, texte="Le train de nuit", imprimer="1")}
    )
    with app.app_context():
        from kit.services import kits
        live = db.session.get(Workshop, workshop.id)
        assert kits.ensure_cards(live) == []  # the item keeps its card and code
        extra = [c for c in kits.build_kit_request(live).cards if c.participant_number is None]
    assert [(c.code, c.type_key, c.prefill) for c in extra] == [
        (code, "levier", {"texte": "Le train de nuit"})]
