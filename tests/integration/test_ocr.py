"""OCR proposals: lines trimmed to their ink, and one focused round trip with the real engine."""
from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, FieldValue
from kit.services.ocr import read_field
from scan.lines import ink_lines
from tests.conftest import TEST_PASSWORD
from tests.support import appkit
from tests.support.filling import FillPlan
from tests.support.handwriting import write_in_box
from tests.support.shots import closeup_photo

PX_PER_MM = 8.0
WRITTEN = {"nom": "Loïc Faure", "commune": "Guillestre", "telephone": "06 12 34 56 78",
           "structure": "Office de tourisme"}


def field_crop(width_mm: float, height_mm: float, text: str | None, seed: int = 0) -> np.ndarray:
    """A printed field box (1 px outline, as in the crops) with ``text`` handwritten in it."""
    w, h = int(width_mm * PX_PER_MM), int(height_mm * PX_PER_MM)
    crop = np.full((h, w, 3), 245, np.uint8)
    crop[[4, h - 5], 4:w - 4] = 60
    crop[4:h - 4, [4, w - 5]] = 60
    if text:
        write_in_box(crop, (8, 8, w - 16, h - 16), text, PX_PER_MM, np.random.default_rng(seed),
                     (35, 30, 30), appkit.ACCENT_FONTS[0])
    return crop


def test_ink_lines_finds_each_handwritten_line_without_the_box():
    crop = field_crop(87, 32, "Des abris vélo près des écoles et des gares du Briançonnais", seed=2)
    lines = ink_lines(crop, PX_PER_MM)
    assert len(lines) >= 2
    assert all(line.shape[0] < 12 * PX_PER_MM for line in lines)  # a line, not the whole box


def test_ink_lines_of_empty_box_is_nothing():
    assert ink_lines(field_crop(87, 12, None), PX_PER_MM) == []


def test_read_field_with_engine_off_proposes_nothing():
    assert read_field(field_crop(66, 9, "Embrun"), PX_PER_MM, "none") is None


def test_ocr_round_trip_snaps_commune_and_proposes_the_rest(make_app):
    """The real engine on a photographed walk-in card: the commune is matched to the territory's
    list (taken), the name is only proposed (nobody knows it: pending, ordered by score)."""
    app = make_app(OCR_ENGINE="rapidocr")
    with app.app_context():
        from kit.services.users import create_user
        owner = create_user("orga-ocr@example.org", "Orga", TEST_PASSWORD)
        email = owner.email
        workshop = appkit.setup_workshop("OCR1", people=1, blank_packs=1, owner=owner)
        printed = appkit.printed_cards(workshop)
    card = appkit.with_text(appkit.find(printed, "identite", 2), WRITTEN, seed=3)
    photo = closeup_photo([card], ("identite",), "mild", seed=31, plans={"identite": FillPlan()})
    client = app.test_client()
    client.post("/connexion", data={"email": email, "password": TEST_PASSWORD})
    answer = client.post("/ateliers/OCR1/photos/", headers={"Accept": "application/json"},
                         **appkit.multipart([(photo.jpeg, "carte.jpg")])).get_json()["photos"][0]
    assert answer["status"] == "done"
    with app.app_context():
        identity = db.session.scalars(select(Card).where(Card.code == card.code)).one()
        values = {v.field_name: v for v in db.session.scalars(
            select(FieldValue).where(FieldValue.card_id == identity.id))}
        assert (values["commune"].value, values["commune"].source, values["commune"].review) == (
            "Guillestre", "fuzzy", "auto")
        assert values["nom"].review == "pending"
        assert fuzz.ratio(values["nom"].proposal, "Loïc Faure") >= 70, values["nom"].proposal
        for name in WRITTEN:
            assert 0 < values[name].proposal_score <= 1, name
        if values["telephone"].review == "auto":
            assert values["telephone"].value == "06 12 34 56 78"
        assert (values["fais"].has_ink, values["fais"].value) == (False, "")
