"""The app's own printed kit as synthetic-photo material: a workshop in the database, its kit
built from the stored cards (the very codes the app will look up), cut into card rasters.

Used by the digitisation tests, the whole-loop test and benchmarks/bench_digitise.py. Call
inside an app context. ``with_text`` handwrites known text in chosen boxes, so that OCR
proposals can be judged against what was written (the generator's own truth records only ink).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from kit.extensions import db
from kit.models import Membership, Participant, Workshop
from kit.services.kits import build_kit_request, ensure_cards
from printables.kit import build_kit
from printables.payload import spec_of
from tests.support.filling import box_px
from tests.support.handwriting import HANDWRITING_FONTS, write_in_box
from tests.support.kitcache import cut_items
from tests.support.scenes import Printed

CARD_PX_PER_MM = 8.0
# Fonts whose accented letters render (é, è, ç): the OCR is judged on French text.
ACCENT_FONTS = tuple(f for f in HANDWRITING_FONTS if "ComicNeue" in f or "SteveHand" in f)
PEOPLE = (("Camille", "Reynaud", "Mairie de Névache", "Névache", "camille.reynaud@example.org"),
          ("Loïc", "Faure", "Office de tourisme", "Embrun", "loic.faure@orange.fr"),
          ("Cécile", "Roux", "Café associatif", "Guillestre", "cecile.roux@gmail.com"),
          ("Benoît", "Arnaud", "Garage solidaire", "Briançon", "benoit.arnaud@laposte.net"))


def person_values(i: int) -> dict:
    first, last, structure, commune, email = PEOPLE[i % len(PEOPLE)]
    suffix = "" if i < len(PEOPLE) else str(i)
    return {"first_name": first, "last_name": last + suffix, "structure": structure,
            "commune": commune, "email": email if not suffix else f"p{i}.{email}"}


def setup_workshop(code: str, people: int, blank_packs: int = 1, owner=None) -> Workshop:
    """A workshop with ``people`` pre-registered participants and all its cards allocated,
    owned by the user ``owner`` (who may then open its pages)."""
    workshop = Workshop(code=code, title="Mobilité douce dans le Grand Briançonnais",
                        place="Briançon", blank_packs=blank_packs, group_sheets=1)
    db.session.add(workshop)
    if owner is not None:
        db.session.add(Membership(workshop=workshop, user=owner, role="owner"))
    for i in range(people):
        db.session.add(Participant(workshop=workshop, number=i + 1, origin="preregistered",
                                   **person_values(i)))
    db.session.commit()
    ensure_cards(workshop)
    return workshop


_CUT_CACHE: dict[tuple, tuple[Printed, ...]] = {}


def printed_cards(workshop: Workshop) -> list[Printed]:
    """The workshop's printed cards as rasters, as the app would print them today (cached by
    their codes: rendering a kit takes seconds, and the same codes print the same cards)."""
    request = build_kit_request(workshop)
    key = tuple(c.code for c in (*request.cards, *request.posters, *request.group_sheets))
    if key not in _CUT_CACHE:
        _CUT_CACHE[key] = tuple(cut_items(build_kit(request), request, CARD_PX_PER_MM))
    return list(_CUT_CACHE[key])


def with_text(printed: Printed, texts: dict[str, str], seed: int) -> Printed:
    """A copy of ``printed`` with ``texts`` handwritten in those boxes (field name -> text)."""
    rng = np.random.default_rng(seed)
    image = printed.image.copy()
    spec = spec_of(printed.code)  # the boxes of its own layout
    font = ACCENT_FONTS[seed % len(ACCENT_FONTS)] if ACCENT_FONTS else None
    for name, text in texts.items():
        box = box_px(spec.field(name).box, printed.px_per_mm)
        write_in_box(image, box, text, printed.px_per_mm, rng, (35, 30, 30), font)
    return replace(printed, image=image, prefilled=printed.prefilled | frozenset(texts))


def find(printed: list[Printed], type_key: str, participant: int | None) -> Printed:
    return next(p for p in printed if p.type_key == type_key and p.participant == participant)


def multipart(files: list[tuple[bytes, str]], field: str = "photos") -> dict:
    """Keyword arguments for a test-client POST of ``files`` (content, name), built in memory:
    the test client spools big bodies to a temporary file it never closes (ResourceWarning)."""
    from io import BytesIO

    from werkzeug.datastructures import FileStorage, MultiDict
    from werkzeug.test import encode_multipart

    values = MultiDict([(field, FileStorage(BytesIO(content), filename=name))
                        for content, name in files])
    boundary, body = encode_multipart(values)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}
