"""Print -> photo -> scan of close-ups on a table: every checkbox state, vote strips, a group
sheet."""

from __future__ import annotations

import pytest

from tests.support.filling import FillPlan, every_state_plan
from tests.support.marks import BLACKENED_STYLES, CANCEL_STYLES, CHECK_STYLES
from tests.support.scoring import assert_unsure_means_low_confidence
from tests.support.shots import closeup_photo, sheet_photo

STICKER_VOTES = 11
PEN_VOTES = 5


@pytest.fixture
def identity_closeup(roundtrip, printed_kit):
    """An identity card using every checkbox state, beside a need card with dot stickers."""
    plans = {"identite": every_state_plan(),
             "besoin": FillPlan({"travailler": "tick"}, {"votes": STICKER_VOTES}, "stickers")}
    return roundtrip("closeup-identity", lambda: closeup_photo(
        printed_kit(), ("identite", "besoin"), "mild", seed=21, plans=plans))


@pytest.fixture
def identity_closeup_v1(roundtrip, printed_kit):
    """The same close-up from a kit printed with layout 1 (an older workshop's: codes AK1-...,
    vote circles): it must still read, with layout 1's boxes."""
    plans = {"identite": every_state_plan(),
             "besoin": FillPlan({"travailler": "tick"}, {"votes": STICKER_VOTES}, "stickers")}
    return roundtrip("closeup-identity-v1", lambda: closeup_photo(
        printed_kit(layout_version="1"), ("identite", "besoin"), "mild", seed=21, plans=plans),
        layout_version="1")


@pytest.fixture
def pen_vote_closeup(roundtrip, printed_kit):
    """A need card voted on with a pen (dots, crosses, ticks, bars) and a useful-contact card."""
    plans = {"besoin": FillPlan({"travailler": "empty"}, {"votes": PEN_VOTES}, "pen")}
    return roundtrip("closeup-pen-votes", lambda: closeup_photo(
        printed_kit(), ("besoin", "contact"), "mild", seed=22, plans=plans))


@pytest.fixture
def group_sheet(roundtrip, printed_kit):
    plan = FillPlan({"ouvert": "cross"}, {}, "stickers",
                    {"titre": True, "envie": True, "membre_1_nom": True, "membre_2_nom": True,
                     "premier_pas": False, "referent": True})
    return roundtrip("sheet", lambda: sheet_photo(printed_kit(), "mild", seed=23, plan=plan))


def test_closeup_identity_card_uses_every_checkbox_state(identity_closeup):
    truth = identity_closeup.photo.truth.cards
    identity = next(c for c in truth.values() if c.type_key == "identite")
    assert set(identity.marks.values()) == {*CHECK_STYLES, "stray", "empty"}
    assert identity_closeup.score.found == identity_closeup.score.expected == set(truth)


def test_closeup_identity_card_reads_every_checkbox_state(identity_closeup):
    score = identity_closeup.score
    assert score.confident_errors == []
    assert_unsure_means_low_confidence(identity_closeup.reading)
    # at close range only the blackened boxes need a human: every other box read right. The
    # printed convention: filled = yes ("remplie"), scribbled out past the edges = cancelled
    identity = next(c for c in identity_closeup.reading["cards"] if c["type"] == "identite")
    truth = identity_closeup.photo.truth.cards.values()
    marks = next(c for c in truth if c.type_key == "identite").marks
    blackened = {name: style for name, style in marks.items() if style in BLACKENED_STYLES}
    assert set(blackened.values()) == {"fill", "scribble"}
    for name, style in blackened.items():
        box = identity["checkboxes"][name]
        assert (box["checked"], box["reason"]) == (
            (False, "noircie") if style in CANCEL_STYLES else (True, "remplie")
        ), (name, style, box)
        assert box["confidence"] < 0.5
    assert score.checkboxes_right == score.checkboxes


def test_closeup_need_card_counts_sticker_votes(identity_closeup):
    need = next(c for c in identity_closeup.reading["cards"] if c["type"] == "besoin")
    assert need["code"].startswith("AK2-")  # a new kit: layout 2's plain vote area
    assert need["votes"]["votes"]["count"] == STICKER_VOTES
    assert need["votes"]["votes"]["marked"] == []
    assert need["checkboxes"]["travailler"]["checked"] is True


def test_closeup_layout_1_printout_reads_with_layout_1_boxes(identity_closeup_v1):
    trip = identity_closeup_v1
    assert trip.score.found == trip.score.expected == set(trip.photo.truth.cards)
    assert all(code.startswith("AK1-") for code in trip.score.found)
    assert trip.score.confident_errors == []
    assert trip.score.checkboxes_right == trip.score.checkboxes > 0
    need = next(c for c in trip.reading["cards"] if c["type"] == "besoin")
    assert need["votes"]["votes"]["count"] == STICKER_VOTES
    assert len(need["votes"]["votes"]["marked"]) == 16  # read on its 16 printed circles
    assert need["checkboxes"]["travailler"]["checked"] is True


def test_closeup_need_card_counts_pen_votes(pen_vote_closeup):
    need = next(c for c in pen_vote_closeup.reading["cards"] if c["type"] == "besoin")
    assert need["votes"]["votes"]["count"] == PEN_VOTES
    assert need["checkboxes"]["travailler"]["checked"] is False


def test_closeup_cards_tell_written_fields_from_blank_ones(identity_closeup, pen_vote_closeup):
    for trip in (identity_closeup, pen_vote_closeup):
        assert trip.score.ink > 0
        assert trip.score.ink_errors == [], trip.name


def test_closeup_cards_have_no_zone_or_foreign_code(pen_vote_closeup):
    assert [c["zone"] for c in pen_vote_closeup.reading["cards"]] == [None, None]
    assert pen_vote_closeup.reading["foreign_codes"] == []


def test_group_sheet_photo_reads_its_checkbox_and_ink(group_sheet):
    score = group_sheet.score
    assert score.found == score.expected and len(score.expected) == 1
    sheet = group_sheet.reading["cards"][0]
    assert sheet["type"] == "graine"
    assert sheet["checkboxes"]["ouvert"]["checked"] is True
    assert score.ink_errors == []
    assert sheet["fields"]["premier_pas"]["has_ink"] is False
    assert sheet["fields"]["titre"]["has_ink"] is True
