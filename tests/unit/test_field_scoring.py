"""The benchmarks' scoring of vote strips and boxes left unread for time (reason "temps")."""

from tests.support.field_photos import CardTruth2, PhotoTruth2
from tests.support.field_scoring import score


def truth() -> PhotoTruth2:
    card = CardTruth2("B1", "besoin", True, 2.5, boxes={"travailler": "empty"}, votes={"votes": 0})
    return PhotoTruth2("mur.jpg", 1, 2.5, cards={"B1": card})


def reading(reason: str | None) -> dict:
    return {"cards": [{
        "code": "B1",
        "checkboxes": {"travailler": {"checked": None, "confidence": 0.0, "reason": reason}},
        "votes": {"votes": {"count": 0, "confidence": 0.0, "reason": reason}},
    }]}


def test_a_strip_left_unread_for_time_is_not_exact_even_where_nobody_voted():
    """Its 0 was never counted: scoring it exact against a truth of 0 flattered the bench."""
    t = score(truth(), reading("temps"))
    assert (t.strips, t.strips_exact, t.strips_unread) == (1, 0, 1)
    assert (t.boxes, t.boxes_right, t.boxes_unread) == (1, 0, 1)
    assert t.confident_wrong_votes == 0


def test_a_strip_read_empty_is_exact_where_nobody_voted():
    t = score(truth(), reading(None))
    assert (t.strips, t.strips_exact, t.strips_unread, t.boxes_unread) == (1, 1, 0, 0)
