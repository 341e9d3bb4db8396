"""Print -> photo -> scan: one wall section at 2.7 px/mm, the level issue 2 designs the cards for.

The real kit PDF is rasterised, about twenty cards are filled by hand (ticks, crosses, filled
and scribbled boxes, handwriting, dot stickers), stuck in clusters under four zone posters with a
venue's QR poster among them, and photographed by a careful volunteer (tilt up to 15 degrees,
slight blur, noise, JPEG 80-90). Each test judges one aspect of the same scan (the ``wall``
fixture of conftest.py, shared with the generator's own tests).
"""
from __future__ import annotations

from tests.support.scoring import assert_unsure_means_low_confidence

CORNER_TOLERANCE_PX = 6.0  # ~2 mm at 2.7 px/mm: about how precisely a card is cut out


def test_wall_photo_has_what_the_test_needs(wall):
    truth = wall.photo.truth
    assert len(truth.cards) >= 16
    assert len(truth.posters) >= 3
    assert truth.foreign_codes
    assert any(c.votes for c in truth.cards.values())
    assert wall.photo.image.shape == (3000, 4000, 3)


def test_wall_photo_identifies_exactly_the_cards_on_the_wall(wall):
    assert wall.score.found == wall.score.expected


def test_wall_photo_finds_every_poster_and_its_zone(wall):
    read = {p["code"]: p["zone"] for p in wall.reading["posters"]}
    assert read == wall.photo.truth.posters


def test_wall_photo_reports_the_venue_code_as_foreign(wall):
    texts = {f["text"] for f in wall.reading["foreign_codes"]}
    assert texts == set(wall.photo.truth.foreign_codes)
    assert not texts & {c["code"] for c in wall.reading["cards"]}


def test_wall_photo_reads_no_checkbox_wrong_with_confidence(wall):
    assert wall.score.checkboxes > 0
    assert wall.score.confident_errors == []
    assert_unsure_means_low_confidence(wall.reading)


def test_wall_photo_counts_every_vote(wall):
    assert wall.score.votes > 0
    assert wall.score.vote_errors == []


def test_wall_photo_places_every_card_in_its_column_zone(wall):
    assert wall.score.zones == len(wall.photo.truth.cards)
    assert wall.score.zone_errors == []


def test_wall_photo_groups_cards_as_they_were_stuck(wall):
    assert len(wall.photo.truth.clusters()) >= 4
    assert wall.score.cluster_errors == []


def test_wall_photo_gives_each_card_its_participant(wall):
    assert wall.score.participant_errors == []


def test_wall_photo_corners_match_where_the_cards_are(wall):
    truth = wall.photo.truth.cards
    for card in wall.reading["cards"]:
        expected = truth[card["code"]].corners_px
        worst_px = max(
            abs(a - b) for p, q in zip(card["corners_px"], expected) for a, b in zip(p, q)
        )
        assert worst_px < CORNER_TOLERANCE_PX, card["code"]

