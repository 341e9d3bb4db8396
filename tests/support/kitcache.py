"""The real printed kit, rasterised once per test session and cut into cards via its manifest.

``printed_kit(px_per_mm, packs)`` builds a kit with ``printables.kit.build_kit`` (the very PDFs a
facilitator prints), renders the per-item PDFs, and cuts every card, sheet and poster out of
its page at the position the manifest gives. The kit is of the current layout; with
``layout_version="1"`` it is the kit an older workshop printed (codes ``AK1-...``, need cards
with vote circles). Cached: a session renders each kit size once, so what is cached is read-only
(frozen items, read-only rasters) and the manifest handed out a copy.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools

import numpy as np

from printables.kit import KIT_FILE, KitOutput, build_kit
from printables.kitdata import DEFAULT_PACK, KitCard, KitRequest, KitWorkshop, pack_slots
from printables.layout import CARD_TYPES, LAYOUT_VERSION, ZONES, card_type
from printables.payload import CardCode, encode
from tests.support.scenes import Printed

WORKSHOP = "RT26"
# The pre-registered participants' known answers, printed in their identity card's boxes:
# the scanner's ink test sees toner there, so those fields' ink is never asserted.
PREFILL = {"nom": "Camille Reynaud", "structure": "Mairie de Névache", "commune": "Névache"}


def _code(serial: int, type_key: str, version: str = LAYOUT_VERSION) -> str:
    return encode(CardCode(WORKSHOP, serial, card_type(type_key).letter, version))


def roundtrip_request(packs: int, blank_packs: int, group_sheets: int,
                      layout_version: str = LAYOUT_VERSION) -> KitRequest:
    """Personal packs (every other one pre-registered, with prefill), blank packs, posters,
    sheets; their codes issued with ``layout_version`` (the printer draws that layout)."""
    serial, cards = 1, []
    for pack in range(packs + blank_packs):
        number = pack + 1
        known = pack < packs and pack % 2 == 0
        for type_key, _ in pack_slots(DEFAULT_PACK):
            prefill = PREFILL if known and type_key == "identite" else {}
            code = _code(serial, type_key, layout_version)
            cards.append(KitCard(code, type_key, number, dict(prefill)))
            serial += 1
    posters = []
    for zone, _, _ in ZONES:
        posters.append(KitCard(_code(serial, f"poster_{zone}", layout_version),
                               f"poster_{zone}"))
        serial += 1
    sheets = [KitCard(_code(serial + i, "graine", layout_version), "graine")
              for i in range(group_sheets)]
    workshop = KitWorkshop(WORKSHOP, "Mobilité douce dans le Grand Briançonnais",
                           "Mobilité douce", dt.date(2026, 3, 12), "Salle des fêtes, Briançon",
                           dt.time(9, 0), dt.time(12, 30), dt.time(17, 0), "Atelier test", "")
    return KitRequest(workshop, tuple(cards), tuple(posters), tuple(sheets))


def render_pages(pdf_bytes: bytes, px_per_mm: float) -> list[np.ndarray]:
    """Every page of ``pdf_bytes`` in colour, BGR (the stickers and the photo are colour)."""
    from tests.support.pdf import render_pdf_pages  # written by the printables engineer
    return [np.ascontiguousarray(p[..., ::-1]) for p in
            render_pdf_pages(pdf_bytes, px_per_mm, grayscale=False)]


def cut_items(kit: KitOutput, request: KitRequest, px_per_mm: float) -> list[Printed]:
    """Every card, sheet and poster of ``kit`` as a raster in its own mm frame."""
    prefilled = {c.code: frozenset(c.prefill) for c in request.cards}
    # the manifest's page and x_mm, y_mm are those of kit.pdf (item files impose differently)
    pages = render_pages(kit.files[KIT_FILE], px_per_mm)
    out = []
    for entry in kit.manifest["items"]:
        page = pages[entry["page"]]
        ct = CARD_TYPES[entry["type"]]
        x0, y0 = round(entry["x_mm"] * px_per_mm), round(entry["y_mm"] * px_per_mm)
        w, h = round(ct.width_mm * px_per_mm), round(ct.height_mm * px_per_mm)
        raster = page[y0:y0 + h, x0:x0 + w].copy()
        if raster.shape[:2] != (h, w) or entry.get("rotation_deg", 0):
            raise ValueError(f"manifest places {entry['code']} off its page or rotated: {entry}")
        raster.setflags(write=False)  # shared by every shot: ink goes on a copy (fill_card)
        out.append(Printed(entry["code"], entry["type"], raster, px_per_mm,
                           entry.get("participant"), prefilled.get(entry["code"], frozenset())))
    return out


@functools.cache
def kit_and_manifest(
    packs: int, blank_packs: int, group_sheets: int, layout_version: str = LAYOUT_VERSION
) -> tuple[KitOutput, KitRequest]:
    request = roundtrip_request(packs, blank_packs, group_sheets, layout_version)
    return build_kit(request), request


@functools.cache
def printed_kit(px_per_mm: float = 8.0, packs: int = 4, blank_packs: int = 1,
                group_sheets: int = 2, layout_version: str = LAYOUT_VERSION
                ) -> tuple[Printed, ...]:
    """The cut rasters of a kit (cached per session: every call returns the same objects)."""
    kit, request = kit_and_manifest(packs, blank_packs, group_sheets, layout_version)
    return tuple(cut_items(kit, request, px_per_mm))


def manifest(packs: int = 4, blank_packs: int = 1, group_sheets: int = 2,
             layout_version: str = LAYOUT_VERSION) -> dict:
    """A copy of the kit's manifest: a scan that changed the cached one would change the next."""
    return copy.deepcopy(
        kit_and_manifest(packs, blank_packs, group_sheets, layout_version)[0].manifest
    )
