"""scan.results read back from their JSON, and the rules the app shares with the scanner
(crop boxes, the ink test, disagreements between views)."""
import numpy as np

from printables.layout import CARD_TYPES
from scan.read import crop_fields, field_crop_box, ink_mask
from scan.results import (
    CardReading,
    Checkbox,
    FieldInk,
    ForeignCode,
    Hint,
    PhotoReading,
    PosterReading,
    ScanError,
    VoteCount,
)
from scan.thresholds import CANONICAL_PX_PER_MM
from scan.walls import disagreements

SQUARE = np.array([[10, 20], [110, 20], [110, 90], [10, 90]], float)


def full_reading() -> PhotoReading:
    card = CardReading("ABC", "besoin", SQUARE + 0.04, 0.3456, 3.217, 3, participant=7,
                       zone="freins", cluster=2,
                       checkboxes={"travailler": Checkbox(None, 0.41, 0.07)},
                       votes={"votes": VoteCount(2, 0.88, [True, None, True, False])},
                       fields={"texte": FieldInk(True, 0.0312, "crops/ABC/texte.png")})
    return PhotoReading(
        "mur.jpg", 4000, 3000, cards=[card], posters=[PosterReading("P1", "freins", SQUARE)],
        foreign_codes=[ForeignCode("https://example.org", SQUARE)],
        errors=[ScanError("ABC : carte absente du manifeste", "not_in_manifest", "ABC"),
                ScanError("XYZ : code abîmé", "bad_check", "XYZ", SQUARE)],
        hints=[Hint("too_dark", "Photo trop sombre", 31.5, 50)])


def test_photo_reading_from_dict_gives_back_the_same_json():
    stored = full_reading().to_dict()
    assert PhotoReading.from_dict(stored).to_dict() == stored


def test_card_reading_from_dict_gives_typed_parts():
    card = PhotoReading.from_dict(full_reading().to_dict()).cards[0]
    assert card.checkboxes["travailler"] == Checkbox(None, 0.41, 0.07)
    assert card.votes["votes"].marked == [True, None, True, False]
    assert card.fields["texte"] == FieldInk(True, 0.0312, "crops/ABC/texte.png")
    assert card.corners_px.shape == (4, 2) and card.homography is None


def test_card_reading_from_dict_of_an_older_reading_takes_defaults():
    card = CardReading.from_dict({"code": "ABC", "type": "frein"})
    assert (card.checkboxes, card.votes, card.fields, card.zone) == ({}, {}, {}, None)
    assert card.corners_px.shape == (0, 2)


def test_field_crop_box_keeps_paper_around_a_checkbox_and_the_outline_of_a_text_box():
    spec = CARD_TYPES["identite"]
    checkbox = spec.fields_of_kind("checkbox")[0]
    text = spec.fields_of_kind("text")[0]
    assert field_crop_box(checkbox) == checkbox.box.grown(1.5)
    assert field_crop_box(text) == text.box.grown(0.5)


def test_crop_fields_handwritten_by_default_every_field_on_request():
    spec = CARD_TYPES["identite"]
    canonical = np.zeros((round(spec.outline.h_mm * CANONICAL_PX_PER_MM),
                          round(spec.outline.w_mm * CANONICAL_PX_PER_MM), 3), np.uint8)
    handwritten = crop_fields(canonical, spec)
    assert set(handwritten) == {f.name for f in spec.fields_of_kind("text", "email", "phone",
                                                                    "number")}
    assert set(crop_fields(canonical, spec, fields=spec.fields)) == {f.name for f in spec.fields}
    text = spec.fields_of_kind("text")[0]
    grown = text.box.grown(0.5)
    assert handwritten[text.name].shape[:2] == (round(grown.h_mm * CANONICAL_PX_PER_MM),
                                                round(grown.w_mm * CANONICAL_PX_PER_MM))


def test_ink_mask_is_relative_to_the_paper_light():
    light = np.array([[200.0, 200.0, 100.0, 100.0]])
    gray = np.array([[170, 150, 85, 70]], np.uint8)  # 15 %, 25 %, 15 %, 30 % darker
    assert ink_mask(gray, light).tolist() == [[False, True, False, True]]
    assert ink_mask(gray, light, darkness=0.26).tolist() == [[False, False, False, True]]


def test_disagreements_ignore_a_view_without_the_box():
    old = CardReading("ABC", "besoin", SQUARE, 0.2, 3.0, 4)
    ticked = CardReading("ABC", "besoin", SQUARE, 0.2, 3.0, 4,
                         checkboxes={"travailler": Checkbox(True, 0.9, 0.3)})
    empty = CardReading("ABC", "besoin", SQUARE, 0.2, 3.0, 4,
                        checkboxes={"travailler": Checkbox(False, 0.9, 0.0)})
    assert disagreements([("a.jpg", old), ("b.jpg", ticked)]) == []
    assert disagreements([("a.jpg", old), ("b.jpg", ticked), ("c.jpg", empty)]) == [
        {"kind": "checkbox", "field": "travailler", "values": {"b.jpg": True, "c.jpg": False}}]


def test_an_unsure_box_proposal_is_no_opinion_between_views():
    """An unsure box now carries its most likely value as a proposal (UNSURE_PROPOSAL_CONFIDENCE,
    scan.checkbox.proposed): like "no value" before, it does not dispute another view's reading;
    a reading above it still does."""
    sure = CardReading("ABC", "besoin", SQUARE, 0.2, 3.0, 4,
                       checkboxes={"travailler": Checkbox(True, 0.95, 0.3)})
    trace = CardReading("ABC", "besoin", SQUARE, 0.2, 3.0, 4,
                        checkboxes={"travailler": Checkbox(False, 0.3, 0.06, "trace")})
    doubtful = CardReading("ABC", "besoin", SQUARE, 0.2, 3.0, 4,
                           checkboxes={"travailler": Checkbox(False, 0.45, 0.0)})
    assert disagreements([("a.jpg", sure), ("b.jpg", trace)]) == []
    assert disagreements([("a.jpg", sure), ("b.jpg", doubtful)]) == [
        {"kind": "checkbox", "field": "travailler", "values": {"a.jpg": True, "b.jpg": False}}]
