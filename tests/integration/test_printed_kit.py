"""The printed kit read back: every page rasterised, every QR decoded, every marker seen."""
from __future__ import annotations

import dataclasses
import functools
import json
from collections import Counter

import numpy as np
import pytest
import zxingcpp

from printables.demo import demo_request
from printables.kit import build_kit, write_kit
from printables.kitdata import KitRequest
from printables.layout import CARD_TYPES, KNOWN_FINGERPRINTS, LAYOUT_VERSION, MARKER_CLEARANCE_MM
from printables.payload import encode, parse
from tests.support.pdf import pdf_page_texts, render_pdf_pages

PX_PER_MM = 6.0  # a close, sharp rendering
WALL_PX_PER_MM = 2.7  # a 1.5 m wall section in a 12-megapixel photo (issue 2)
POSITION_TOLERANCE_MM = 1.5
DARK, LIGHT = 80, 200  # grey levels (0-255) of printed black and of bare paper after anti-aliasing


@functools.cache
def _kit(n_participants: int, blank_packs: int):
    request = demo_request("MOB26", n_participants, blank_packs)
    return request, build_kit(request)


@pytest.fixture
def make_kit():
    """Factory: (request, output) for a demo workshop; built once per size for the session."""
    return _kit


def all_codes(request: KitRequest) -> list[str]:
    return [c.code for c in (*request.posters, *request.cards, *request.group_sheets)]


def decode_pages(pdf: bytes, px_per_mm: float) -> list[tuple[str, int, float, float]]:
    """(code, page, x_mm, y_mm of the symbol's top-left corner) for every QR found."""
    found = []
    for page, image in enumerate(render_pdf_pages(pdf, px_per_mm)):
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            corner = result.position.top_left
            found.append((result.text, page, corner.x / px_per_mm, corner.y / px_per_mm))
    return found


def test_kit_every_code_decoded_exactly_once(make_kit):
    request, output = make_kit(3, 2)
    decoded = decode_pages(output.files["kit.pdf"], PX_PER_MM)
    counts = Counter(code for code, *_ in decoded)
    assert [code for code, n in counts.items() if n != 1] == []
    manifest_codes = [item["code"] for item in output.manifest["items"]]
    assert sorted(counts) == sorted(all_codes(request)) == sorted(manifest_codes)


def test_kit_codes_where_the_manifest_says(make_kit):
    _, output = make_kit(3, 2)
    items = {item["code"]: item for item in output.manifest["items"]}
    misplaced = []
    for code, page, x_mm, y_mm in decode_pages(output.files["kit.pdf"], PX_PER_MM):
        item = items[code]
        qr = CARD_TYPES[item["type"]].qr
        expected = (item["x_mm"] + qr.x_mm, item["y_mm"] + qr.y_mm)
        if (
            page != item["page"]
            or max(abs(x_mm - expected[0]), abs(y_mm - expected[1])) > POSITION_TOLERANCE_MM
        ):
            misplaced.append((code, page, round(x_mm, 1), round(y_mm, 1), item["page"], expected))
    assert misplaced == []


def test_kit_codes_decoded_at_wall_resolution(make_kit):
    request, output = make_kit(3, 2)
    decoded = Counter(code for code, *_ in decode_pages(output.files["kit.pdf"], WALL_PX_PER_MM))
    assert sorted(decoded) == sorted(all_codes(request))
    assert set(decoded.values()) == {1}


def test_kit_item_files_hold_their_cards(make_kit):
    _, output = make_kit(3, 2)
    by_file: dict[str, set] = {}
    for item in output.manifest["items"]:
        by_file.setdefault(item["file"], set()).add((item["code"], item["file_page"]))
    assert set(by_file) == {
        "affiches.pdf",
        "identite.pdf",
        "frein.pdf",
        "levier.pdf",
        "ressource.pdf",
        "besoin.pdf",
        "contact.pdf",
        "graines.pdf",
    }
    for name, expected in by_file.items():
        decoded = {(code, page) for code, page, _, _ in decode_pages(output.files[name], PX_PER_MM)}
        assert decoded == expected, name


def test_kit_manifest_names_layout_and_files(make_kit):
    _, output = make_kit(3, 2)
    manifest = output.manifest
    assert manifest["workshop"] == "MOB26"
    assert manifest["fingerprint"] == KNOWN_FINGERPRINTS[manifest["layout_version"]]
    assert manifest["layout_version"] == LAYOUT_VERSION
    assert manifest["files"] == list(output.files)
    assert manifest["files"][:2] == ["kit.pdf", "deroule.pdf"]
    assert {item["rotation_deg"] for item in manifest["items"]} == {0}
    numbers = [i["participant"] for i in manifest["items"] if i["type"] == "identite"]
    assert numbers == [1, 2, 3, 4, 5]


def test_kit_prefilled_name_printed_as_text(make_kit):
    request, output = make_kit(3, 2)
    name = request.cards[0].prefill["nom"]
    identity_page = output.manifest["items"][5]["page"]  # after the 5 posters
    assert name in pdf_page_texts(output.files["kit.pdf"])[identity_page]
    assert name in pdf_page_texts(output.files["identite.pdf"])[0]
    assert "Programme de la journée" in pdf_page_texts(output.files["deroule.pdf"])[0]


def test_kit_markers_printed_where_the_spec_says(make_kit):
    _, output = make_kit(3, 2)
    pages = render_pdf_pages(output.files["kit.pdf"], PX_PER_MM)
    wrong = []
    for item in output.manifest["items"]:
        image = pages[item["page"]]
        for i, marker in enumerate(CARD_TYPES[item["type"]].markers):
            cx, cy = marker.center_mm
            centre = image[
                round((item["y_mm"] + cy) * PX_PER_MM), round((item["x_mm"] + cx) * PX_PER_MM)
            ]
            ring = _ring_values(
                image, item["x_mm"], item["y_mm"], marker.grown(MARKER_CLEARANCE_MM / 2)
            )
            if centre > DARK or ring.min() < LIGHT:
                wrong.append((item["code"], i, int(centre), int(ring.min())))
    assert wrong == []


def _ring_values(image: np.ndarray, x0_mm: float, y0_mm: float, box) -> np.ndarray:
    """Grey levels along the outline of ``box`` (card frame) on the page image."""
    xs = np.linspace(box.x_mm, box.right_mm, 25) + x0_mm
    ys = np.linspace(box.y_mm, box.bottom_mm, 25) + y0_mm
    points = ([(x, box.y_mm + y0_mm) for x in xs] + [(x, box.bottom_mm + y0_mm) for x in xs]
              + [(box.x_mm + x0_mm, y) for y in ys] + [(box.right_mm + x0_mm, y) for y in ys])
    return np.array([image[round(y * PX_PER_MM), round(x * PX_PER_MM)] for x, y in points])


def test_kit_without_participants_prints_blank_packs(make_kit):
    request, output = make_kit(0, 2)
    decoded = Counter(code for code, *_ in decode_pages(output.files["kit.pdf"], WALL_PX_PER_MM))
    assert sorted(decoded) == sorted(all_codes(request))
    identities = [i for i in output.manifest["items"] if i["type"] == "identite"]
    assert [i["participant"] for i in identities] == [1, 2]
    assert "N° 2" in pdf_page_texts(output.files["identite.pdf"])[0]


def test_kit_written_with_manifest(make_kit, tmp_path):
    _, output = make_kit(0, 2)
    paths = write_kit(output, tmp_path / "kit")
    assert sorted(p.name for p in paths) == sorted([*output.files, "manifest.json"])
    assert (tmp_path / "kit" / "kit.pdf").read_bytes() == output.files["kit.pdf"]
    assert (
        json.loads((tmp_path / "kit" / "manifest.json").read_text(encoding="utf-8"))
        == output.manifest
    )


def test_kit_rebuilt_identically(make_kit):
    request, output = make_kit(0, 2)
    assert build_kit(request).files == output.files


def _as_layout_1(card):
    code = parse(card.code)
    return dataclasses.replace(card, code=encode(dataclasses.replace(code, layout_version="1")))


def test_kit_reprint_keeps_each_card_in_its_own_layout():
    """An older workshop's cards (codes AK1-...) reprinted beside new ones (AK2-...): each need
    card is drawn with its own code's layout (circles, or the plain area's outline), as the
    scanner will read it; the manifest says which layout the kit's codes use."""
    request = demo_request("MOB26", 2, 0)
    cards = tuple(_as_layout_1(c) if c.type_key == "besoin" and c.participant_number == 1 else c
                  for c in request.cards)
    output = build_kit(dataclasses.replace(request, cards=cards))
    assert output.manifest["layout_version"] == LAYOUT_VERSION  # mixed: each code names its own
    old_only = tuple(c for c in cards if c.code.startswith("AK1"))
    old_kit = build_kit(dataclasses.replace(request, cards=old_only, posters=(), group_sheets=()))
    assert old_kit.manifest["layout_version"] == "1"
    pages = render_pdf_pages(output.files["kit.pdf"], PX_PER_MM)
    circle_top, area_top = (10.0, 60.0), (48.5, 58.0)  # a layout-1 circle, layout 2's outline
    seen = set()
    for item in output.manifest["items"]:
        if item["type"] != "besoin":
            continue
        image, x, y = pages[item["page"]], item["x_mm"], item["y_mm"]
        inked = [image[round((y + b) * PX_PER_MM), round((x + a) * PX_PER_MM)] < LIGHT
                 for a, b in (circle_top, area_top)]
        version = item["code"][2]
        assert inked == [version == "1", version == "2"], item["code"]
        seen.add(version)
    assert seen == {"1", "2"}
