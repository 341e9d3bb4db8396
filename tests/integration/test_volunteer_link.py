"""The volunteer link in one gesture (issue 14 point 2): the whole address with a copy button,
a large QR code, its expiry and an A6 card whose QR code opens the link."""
from __future__ import annotations

import re

import numpy as np
from sqlalchemy import select

from kit.extensions import db
from kit.models import UploadLink
from kit.services import link_qr


def create(client, workshop) -> tuple[str, str]:
    """Create a link; returns (the link page's HTML, its URL path)."""
    response = client.post(f"/ateliers/{workshop.code}/liens", data={"label": "matin"})
    page_url = response.headers["Location"]
    return client.get(page_url).get_data(as_text=True), page_url


def test_new_link_page_shows_whole_address_copy_button_qr_and_expiry(client, login,
                                                                     make_workshop):
    login()
    workshop = make_workshop()
    html, page_url = create(client, workshop)
    assert re.fullmatch(rf"/ateliers/{workshop.code}/liens/\d+", page_url)
    url = re.search(r'value="(http://localhost/u/[A-Za-z0-9_-]{32})"', html).group(1)
    assert 'data-copy="adresse-lien"' in html and "Copier le lien" in html
    assert "Valable jusqu’au" in html
    # what the link has stored, and its quota (kit.services.photos.LinkQuota)
    usage = re.search(r'class="help volunteer-link__usage">([^<]*)<', html).group(1)
    assert usage.replace("\u202f", " ").replace("\xa0", " ") == (
        "Aucune photo reçue par ce lien pour l’instant. Ce lien reçoit au plus 800 photos ou "
        "6 000 Mo ; au-delà, créez-en un nouveau.")
    assert f'd="{link_qr.qr_path(url).d}"' in html
    assert client.get(url.removeprefix("http://localhost")).status_code == 200
    workshop_page = client.get(f"/ateliers/{workshop.code}/").get_data(as_text=True)
    assert f'href="{page_url}"' in workshop_page and "expire le" in workshop_page


def test_qr_path_draws_the_matrix_of_the_link():
    from printables.link_qr import QUIET_MODULES, link_matrix

    url = "http://localhost/u/AbCdEfGhIjKlMnOpQrStUvWxYz012345"
    qr = link_qr.qr_path(url)
    drawn = np.zeros((qr.size, qr.size), dtype=bool)
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", qr.d):
        drawn[int(y), int(x):int(x) + int(w)] = True
    inner = drawn[QUIET_MODULES:-QUIET_MODULES, QUIET_MODULES:-QUIET_MODULES]
    assert np.array_equal(inner, link_matrix(url)) and not drawn[:QUIET_MODULES].any()


def test_a6_card_carries_a_readable_qr_code_of_the_link(client, login, make_workshop):
    import zxingcpp

    from tests.support.pdf import pdf_page_sizes_mm, pdf_page_texts, render_pdf_pages

    login()
    workshop = make_workshop(title="Mobilité douce")
    html, page_url = create(client, workshop)
    url = re.search(r'value="(http://localhost/u/[^"]+)"', html).group(1)
    response = client.get(f"{page_url}/carte-a6.pdf")
    assert response.mimetype == "application/pdf"
    pdf = response.get_data()
    assert [tuple(round(v) for v in s) for s in pdf_page_sizes_mm(pdf)] == [(105, 148)]
    [text] = pdf_page_texts(pdf)
    assert "Photographiez les murs" in text and "Mobilité douce" in text
    assert "Valable jusqu’au" in text and "Distance" in text
    [image] = render_pdf_pages(pdf, 4.0)
    codes = [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    assert codes == [url]


def link_in_another_browser(app, client, login, make_workshop):
    """A link created in ``client``'s browser; the same organiser logged in elsewhere."""
    from tests.conftest import TEST_PASSWORD

    user = login()
    workshop = make_workshop()
    _, page_url = create(client, workshop)
    other = app.test_client()
    other.post("/connexion", data={"email": user.email, "password": TEST_PASSWORD})
    return workshop, page_url, other


def test_another_browser_or_a_revoked_link_shows_no_address(app, client, login, make_workshop):
    workshop, page_url, other = link_in_another_browser(app, client, login, make_workshop)
    html = other.get(page_url).get_data(as_text=True)
    assert "/u/" not in html and "Créez un nouveau lien" in html
    assert other.get(f"{page_url}/carte-a6.pdf").headers["Location"] == page_url
    with app.app_context():
        link_id = db.session.scalars(select(UploadLink)).one().id
    client.post(f"/ateliers/{workshop.code}/liens/{link_id}/revoquer")
    html = client.get(page_url).get_data(as_text=True)
    assert "/u/" not in html and "Ce lien est révoqué." in html
    assert client.get(f"{page_url}/carte-a6.pdf").headers["Location"] == page_url


def qr_texts(pdf: bytes, px_per_mm: float = 4.0) -> list[list[str]]:
    import zxingcpp

    from tests.support.pdf import render_pdf_pages

    return [[r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
            for image in render_pdf_pages(pdf, px_per_mm)]


def test_runsheet_printed_from_the_link_page_carries_the_link_qr(client, login, make_workshop):
    """Issue 14 point 2: the link on the run-sheet and on four A6 cards, printed where the
    secret is known (the link page), in one click."""
    from tests.support.pdf import pdf_page_texts

    login()
    workshop = make_workshop(title="Mobilité douce")
    html, page_url = create(client, workshop)
    url = re.search(r'value="(http://localhost/u/[^"]+)"', html).group(1)
    assert f'href="{page_url}/fiche.pdf"' in html and "Imprimer la fiche avec le lien" in html
    response = client.get(f"{page_url}/fiche.pdf")
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    pdf = response.get_data()
    texts = pdf_page_texts(pdf)
    assert "Déroulé de l'atelier" in texts[0]
    assert "Lien des bénévoles pour envoyer les photos" in " ".join(texts[:-1])
    assert texts[-1].count("Photographiez les murs") == 4
    codes = qr_texts(pdf)
    assert [url] in codes[:-1]  # on the run-sheet
    assert codes[-1] == [url] * 4  # on each A6 card


def test_one_click_creates_a_link_and_prints_its_sheet(app, client, login, make_workshop):
    """Another browser does not know the secret: one button makes a new link and its sheet."""
    workshop, page_url, other = link_in_another_browser(app, client, login, make_workshop)
    assert other.get(f"{page_url}/fiche.pdf").headers["Location"] == page_url
    html = other.get(page_url).get_data(as_text=True)
    assert "Créer un nouveau lien et imprimer la fiche" in html
    response = other.post(f"/ateliers/{workshop.code}/liens", data={"label": "", "fiche": "1"})
    sheet = response.headers["Location"]
    assert re.fullmatch(rf"/ateliers/{workshop.code}/liens/\d+/fiche.pdf", sheet)
    assert sheet != f"{page_url}/fiche.pdf"
    codes = qr_texts(other.get(sheet).get_data())
    (new_url,) = set(codes[-1])
    assert other.get(new_url.removeprefix("http://localhost")).status_code == 200
    workshop_page = other.get(f"/ateliers/{workshop.code}/").get_data(as_text=True)
    assert 'name="fiche" value="1"' in workshop_page  # the same click from the workshop page


def test_kit_pdf_ends_with_a6_cards_leaving_a_square_for_the_link_code(app):
    import datetime as dt

    from printables.kit import build_kit
    from printables.kitdata import KitRequest, KitWorkshop
    from tests.support.pdf import pdf_page_texts

    request = KitRequest(KitWorkshop("MOB26", "Mobilité douce", date=dt.date(2026, 6, 14)),
                         (), (), ())
    output = build_kit(request)
    pdf = output.files["kit.pdf"]
    last = pdf_page_texts(pdf)[-1]
    assert last.count("Photographiez les murs") == 4
    assert last.count("Collez ici le QR code du lien des") == 4
    assert qr_texts(pdf, 2.0)[-1] == []  # no code: the link is not known to the kit
