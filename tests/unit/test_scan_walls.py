"""scan.walls: zones under posters, clusters of cards stuck together, merging several photos."""
import numpy as np
import pytest

from scan.budget import OUT_OF_TIME
from scan.checkbox import OUT_OF_FRAME
from scan.results import CardReading, Checkbox, PhotoReading, PosterReading, VoteCount
from scan.walls import assign_clusters, assign_zones, merge_readings, quad_gap_px


def quad(x, y, w, h, angle_deg=0.0):
    """Corners of a w x h rectangle at (x, y), turned by angle_deg about its top-left."""
    a = np.deg2rad(angle_deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return np.array([[0, 0], [w, 0], [w, h], [0, h]], float) @ rot.T + (x, y)


@pytest.fixture
def make_card():
    """Factory: a card reading 140 x 98 mm at ``px_per_mm``, top-left at (x_mm, y_mm) on the
    wall."""

    def make(
        code, x_mm, y_mm, px_per_mm=3.0, angle_deg=0.0, fit_error_mm=0.2, checked=None, votes=None
    ):
        card = CardReading(
            code,
            "besoin",
            quad(x_mm * px_per_mm, y_mm * px_per_mm, 140 * px_per_mm, 98 * px_per_mm, angle_deg),
            fit_error_mm,
            px_per_mm,
            4,
        )
        if checked is not None:
            card.checkboxes["travailler"] = Checkbox(checked, 0.9, 0.3 if checked else 0.0)
        if votes is not None:
            card.votes["votes"] = VoteCount(votes, 0.9, [True] * votes + [False] * (16 - votes))
        return card
    return make


def poster(zone, x_mm, y_mm=0.0, px_per_mm=3.0, angle_deg=0.0):
    return PosterReading(
        f"P-{zone}",
        zone,
        quad(x_mm * px_per_mm, y_mm * px_per_mm, 287 * px_per_mm, 200 * px_per_mm, angle_deg),
    )


def test_assign_zones_card_takes_poster_it_stands_under(make_card):
    cards = [make_card("A", 20, 260), make_card("B", 330, 420), make_card("C", 250, 600)]
    assign_zones(cards, [poster("freins", 0), poster("leviers", 310)])
    assert [c.zone for c in cards] == ["freins", "leviers", "leviers"]  # C overlaps leviers more


def test_assign_zones_rotated_photo_keeps_columns(make_card):
    # the whole wall turned by 20 degrees: columns follow the posters, not the photo's axes
    def turned(x, y):
        a = np.deg2rad(20)
        return x * np.cos(a) - y * np.sin(a) + 400, x * np.sin(a) + y * np.cos(a)
    cards = []
    for code, (x, y) in {"A": (20, 700), "B": (330, 700)}.items():
        tx, ty = turned(x, y)
        cards.append(make_card(code, tx, ty, angle_deg=20))
    posters = [
        poster("freins", *turned(0, 0), angle_deg=20),
        poster("leviers", *turned(310, 0), angle_deg=20),
    ]
    assign_zones(cards, posters)
    assert [c.zone for c in cards] == ["freins", "leviers"]


def test_assign_zones_beside_every_poster_takes_nearest(make_card):
    cards = [make_card("A", 900, 300)]
    assign_zones(cards, [poster("freins", 0), poster("besoins", 600)])
    assert cards[0].zone == "besoins"


def test_assign_zones_without_poster_leaves_none(make_card):
    cards = [make_card("A", 0, 0)]
    assign_zones(cards, [])
    assert cards[0].zone is None


def test_assign_clusters_groups_touching_cards(make_card):
    cards = [make_card("A", 0, 0), make_card("B", 145, 0), make_card("C", 145, 105),
             make_card("D", 600, 0), make_card("E", 0, 400)]
    assign_clusters(cards)
    assert [c.cluster for c in cards] == [1, 1, 1, 2, 3]


def test_assign_clusters_gap_measured_in_mm_at_each_scale(make_card):
    near = [make_card("A", 0, 0, px_per_mm=8), make_card("B", 150, 0, px_per_mm=8)]  # 10 mm apart
    far = [make_card("C", 0, 0, px_per_mm=2), make_card("D", 170, 0, px_per_mm=2)]  # 30 mm apart
    assign_clusters(near)
    assign_clusters(far)
    assert near[0].cluster == near[1].cluster
    assert far[0].cluster != far[1].cluster


def test_quad_gap_px_zero_when_overlapping_else_distance():
    assert quad_gap_px(quad(0, 0, 10, 10), quad(5, 5, 10, 10)) == 0.0
    assert quad_gap_px(quad(0, 0, 10, 10), quad(13, 4, 10, 10)) == pytest.approx(3.0)


def test_merge_readings_better_view_wins_and_disagreements_listed(make_card):
    far = PhotoReading(
        "loin.jpg",
        cards=[
            make_card("A", 0, 0, px_per_mm=2.7, checked=True, votes=3),
            make_card("B", 200, 0, px_per_mm=2.7, checked=False),
        ],
    )
    close = PhotoReading(
        "pres.jpg", cards=[make_card("A", 0, 0, px_per_mm=7.0, checked=False, votes=3)]
    )
    merged = merge_readings([far, close])
    assert set(merged) == {"A", "B"}
    assert merged["A"]["best_view"] == "pres.jpg" and merged["A"]["seen_in"] == [
        "loin.jpg",
        "pres.jpg",
    ]
    assert merged["A"]["checkboxes"]["travailler"]["checked"] is False
    assert merged["A"]["disagreements"] == [{"kind": "checkbox", "field": "travailler",
                                             "values": {"loin.jpg": True, "pres.jpg": False}}]
    assert merged["B"]["disagreements"] == [] and merged["B"]["seen_in"] == ["loin.jpg"]


def test_merge_readings_poor_fit_loses_to_sharper_fit(make_card):
    bad = PhotoReading("a.jpg", cards=[make_card("A", 0, 0, px_per_mm=4.0, fit_error_mm=5.0)])
    good = PhotoReading("b.jpg", cards=[make_card("A", 0, 0, px_per_mm=3.0, fit_error_mm=0.2)])
    assert merge_readings([bad, good])["A"]["best_view"] == "b.jpg"


def test_merge_readings_unsure_is_not_a_disagreement(make_card):
    one = PhotoReading("a.jpg", cards=[make_card("A", 0, 0, checked=None, votes=2)])
    one.cards[0].checkboxes["travailler"] = Checkbox(None, 0.2, 0.07)
    two = PhotoReading("b.jpg", cards=[make_card("A", 0, 0, checked=True, votes=4)])
    disagreements = merge_readings([one, two])["A"]["disagreements"]
    assert [d["kind"] for d in disagreements] == ["votes"]


@pytest.mark.parametrize("reason", [OUT_OF_TIME, OUT_OF_FRAME])
def test_merge_readings_a_strip_never_counted_is_no_opinion(make_card, reason):
    """A strip left unread for time, or outside the photo, says 0 at confidence 0: it was never
    counted, so it disputes no other view's count (review finding C1)."""
    read = PhotoReading("a.jpg", cards=[make_card("A", 0, 0, px_per_mm=3.0, votes=5)])
    unread = PhotoReading("b.jpg", cards=[make_card("A", 0, 0, px_per_mm=4.0)])
    unread.cards[0].votes["votes"] = VoteCount(0, 0.0, [None] * 16, reason)
    assert merge_readings([read, unread])["A"]["disagreements"] == []


def test_merge_readings_a_view_cut_by_time_never_wins_over_a_read_one(make_card):
    """The closer view was cut by the photo's time budget (its boxes and strip unread): the
    farther view read in full stays the best, its values are the card's (finding C1)."""
    read = PhotoReading("loin.jpg", cards=[make_card("A", 0, 0, px_per_mm=2.7, checked=True,
                                                     votes=5)])
    cut = PhotoReading("pres.jpg", cards=[make_card("A", 0, 0, px_per_mm=7.0)])
    cut.cards[0].checkboxes["travailler"] = Checkbox(None, 0.0, 0.0, OUT_OF_TIME)
    cut.cards[0].votes["votes"] = VoteCount(0, 0.0, [None] * 16, OUT_OF_TIME)
    merged = merge_readings([read, cut])["A"]
    assert merged["best_view"] == "loin.jpg" and merged["votes"]["votes"]["count"] == 5
    both_cut = PhotoReading("loin.jpg", cards=[make_card("A", 0, 0, px_per_mm=2.7)])
    both_cut.cards[0].votes["votes"] = VoteCount(0, 0.0, [None] * 16, OUT_OF_TIME)
    assert merge_readings([both_cut, cut])["A"]["best_view"] == "pres.jpg"  # then the closer
