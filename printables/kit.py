"""The whole printed kit: kit.pdf, one PDF per item, and the manifest of where every code is.

``build_kit`` takes a KitRequest whose codes the caller (the app) has already allocated: the
printer never invents a code, so reprinting a workshop reproduces its codes exactly.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from printables.cards import place_card
from printables.imposition import IDENTITY, POSTER, SHEET, SMALL, Imposition, draw_cut_marks
from printables.kitdata import KitCard, KitRequest
from printables.layout import LAYOUT_VERSION, fingerprint
from printables.payload import parse
from printables.photo_card import PhotoCardInfo, draw_photo_cards_sheet
from printables.posters import place_poster
from printables.render import Document, Surface
from printables.request_check import validate_request
from printables.runsheet import draw_runsheet
from printables.sheets import place_sheet

KIT_FILE = "kit.pdf"
RUNSHEET_FILE = "deroule.pdf"
MANIFEST_FILE = "manifest.json"
SMALL_TYPES = ("frein", "levier", "ressource", "besoin", "contact")
Placer = Callable[[Document, Surface, KitCard, float, float], None]
Progress = Callable[[int, int], None]  # (items drawn so far, items to draw in all)


@dataclass(frozen=True)
class KitOutput:
    files: dict[str, bytes]  # file name -> PDF bytes, kit.pdf first
    manifest: dict


@dataclass(frozen=True)
class Section:
    """Items printed together with one imposition: posters, identity cards, small cards..."""
    items: tuple[KitCard, ...]
    imposition: Imposition
    place: Placer


@dataclass(frozen=True)
class Placement:
    code: str
    page: int  # 0-based, in the document it was drawn into
    x_mm: float
    y_mm: float


class ProgressCounter:
    """Counts the items drawn and tells the caller's callback, if any (a progress bar)."""

    def __init__(self, total: int, report: Progress | None) -> None:
        self.done, self.total, self.report = 0, total, report

    def step(self) -> None:
        self.done += 1
        if self.report is not None:
            self.report(self.done, self.total)


def draw_section(doc: Document, section: Section,
                 counter: ProgressCounter | None = None) -> list[Placement]:
    """Append the pages of ``section`` to ``doc``: cards slot by slot, then the cut marks."""
    placements = []
    per_page = section.imposition.per_page
    for first in range(0, len(section.items), per_page):
        chunk = section.items[first:first + per_page]
        page = doc.new_page(section.imposition.page_mm)
        for item, (x_mm, y_mm) in zip(chunk, section.imposition.slots):
            section.place(doc, page, item, x_mm, y_mm)
            placements.append(Placement(item.code, doc.page_count - 1, x_mm, y_mm))
            if counter is not None:
                counter.step()
        draw_cut_marks(page, section.imposition, len(chunk))
    return placements


def kit_sections(request: KitRequest) -> dict[str, Section]:
    """The sections of kit.pdf in printing order, keyed by the item file that holds them alone."""
    def poster(doc: Document, page: Surface, item: KitCard, x_mm: float, y_mm: float) -> None:
        place_poster(doc, page, item, request.workshop.title, x_mm, y_mm)

    return {
        "affiches.pdf": Section(request.posters, POSTER, poster),
        "identite.pdf": Section(
            tuple(c for c in request.cards if c.type_key == "identite"), IDENTITY, place_card
        ),
        "cartes": Section(
            tuple(c for c in request.cards if c.type_key in SMALL_TYPES), SMALL, place_card
        ),
        "graines.pdf": Section(request.group_sheets, SHEET, place_sheet),
    }


def item_sections(request: KitRequest) -> dict[str, Section]:
    """One PDF per item: the kit's sections, small cards split by type (empty ones left out)."""
    sections = kit_sections(request)
    small = sections.pop("cartes")
    for key in SMALL_TYPES:
        sections[f"{key}.pdf"] = Section(tuple(c for c in small.items if c.type_key == key),
                                         SMALL, place_card)
    return {name: section for name, section in sections.items() if section.items}


def items_to_draw(request: KitRequest) -> int:
    """How many placements build_kit makes: kit.pdf's sections, then the item files'."""
    sections = (*kit_sections(request).values(), *item_sections(request).values())
    return sum(len(section.items) for section in sections)


def _build_kit_pdf(request: KitRequest,
                   counter: ProgressCounter) -> tuple[bytes, int, list[Placement]]:
    doc = Document(request.workshop.title)
    runsheet_pages = draw_runsheet(doc, request)
    placements = []
    for section in kit_sections(request).values():
        placements += draw_section(doc, section, counter)
    # the "Photographiez les murs" cards, with a square to stick the link's QR code on: the
    # link's secret is never stored, so the kit cannot print it (the link page can)
    draw_photo_cards_sheet(doc, PhotoCardInfo(request.workshop.title))
    return doc.to_bytes(), runsheet_pages, placements


def _build_item_pdfs(request: KitRequest, counter: ProgressCounter
                     ) -> tuple[dict[str, bytes], dict[str, tuple[str, int]]]:
    """Every item PDF, and for every code the (file, page) it is printed on."""
    runsheet = Document(f"Déroulé – {request.workshop.title}")
    draw_runsheet(runsheet, request)
    files = {RUNSHEET_FILE: runsheet.to_bytes()}
    where: dict[str, tuple[str, int]] = {}
    for name, section in item_sections(request).items():
        doc = Document(f"{request.workshop.title} – {name}")
        for placement in draw_section(doc, section, counter):
            where[placement.code] = (name, placement.page)
        files[name] = doc.to_bytes()
    return files, where


def _manifest_items(request: KitRequest, placements: list[Placement],
                    where: dict[str, tuple[str, int]]) -> list[dict]:
    by_code = {c.code: c for c in (*request.posters, *request.cards, *request.group_sheets)}
    items = []
    for placement in placements:
        card = by_code[placement.code]
        file_name, file_page = where[placement.code]
        items.append(
            {
                "code": card.code,
                "type": card.type_key,
                "participant": card.participant_number,
                "page": placement.page,
                "x_mm": round(placement.x_mm, 3),
                "y_mm": round(placement.y_mm, 3),
                "rotation_deg": 0,
                "file": file_name,
                "file_page": file_page,
            }
        )
    return items


def kit_layout_version(request: KitRequest) -> str:
    """The layout the kit's codes were issued with (each card is printed with its own code's
    version); the current one for a kit that mixes versions (then each code names its own)."""
    versions = {parse(card.code).layout_version
                for card in (*request.cards, *request.posters, *request.group_sheets)}
    return versions.pop() if len(versions) == 1 else LAYOUT_VERSION


def build_kit(request: KitRequest, progress: Progress | None = None) -> KitOutput:
    """Every PDF of the kit and its manifest; raises KitRequestError naming a bad card.

    ``progress(done, total)`` is called after each item drawn: every item is drawn twice, in
    kit.pdf and in its own file, both counted in ``total``; the last call has ``done == total``.
    """
    validate_request(request)
    counter = ProgressCounter(items_to_draw(request), progress)
    kit_pdf, runsheet_pages, placements = _build_kit_pdf(request, counter)
    item_files, where = _build_item_pdfs(request, counter)
    files = {KIT_FILE: kit_pdf, **item_files}
    version = kit_layout_version(request)
    manifest = {"workshop": request.workshop.code, "layout_version": version,
                "fingerprint": fingerprint(version), "files": list(files),
                "runsheet_pages": runsheet_pages,
                "items": _manifest_items(request, placements, where)}
    return KitOutput(files, manifest)


def write_kit(output: KitOutput, out_dir: str | Path) -> list[Path]:
    """Write every PDF and manifest.json into ``out_dir`` (created if needed); return the paths."""
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in output.files.items():
        (directory / name).write_bytes(data)
        paths.append(directory / name)
    manifest_path = directory / MANIFEST_FILE
    manifest_path.write_text(json.dumps(output.manifest, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return paths + [manifest_path]
