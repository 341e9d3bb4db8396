"""The join link of each seed's action group on the PDF report of the day (issue 10, point 4):
its QR code, drawn by the project's QR code, decodes back to the link."""
from __future__ import annotations

import zxingcpp

from tests.support.groups import make_group, seed_workshop  # noqa: F401
from tests.support.pdf import pdf_page_texts, render_pdf_pages


def qr_texts(pdf_bytes: bytes) -> list[str]:
    found = []
    for page in render_pdf_pages(pdf_bytes, px_per_mm=8.0):
        found += [result.text for result in zxingcpp.read_barcodes(page)]
    return found


def test_public_report_carries_each_open_groups_join_qr(app, client, seed_workshop):
    seed = seed_workshop()
    _, public_id = make_group(app, seed.workshop)
    response = client.get(f"/restitution/{seed.workshop.code}/compte-rendu.pdf")
    assert response.status_code == 200
    url = f"http://localhost/groupes/{public_id}/rejoindre"
    assert url in qr_texts(response.data)
    assert "Demander à rejoindre le groupe" in " ".join(pdf_page_texts(response.data))


def test_report_without_groups_has_no_join_qr(app, client, seed_workshop):
    seed = seed_workshop()
    response = client.get(f"/restitution/{seed.workshop.code}/compte-rendu.pdf")
    assert response.status_code == 200
    assert not [text for text in qr_texts(response.data) if "/groupes/" in text]
