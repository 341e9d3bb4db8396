"""scan.votes.count_sticker_edges: two circles nested within VOTE_NESTED_MM are one sticker,
whichever was found first.

Circles are found one at a time, the one most edge points lie on first. A circle found inside
one already found was its blurred or shaded edge again, never a second sticker; but the other
order was not looked at: on a blurred 19 mm sticker (family-2 vote wall 25649, 2.4 px/mm, soft
focus), the fit on its inner edge took the most points, the fit on its outer edge (1.1 mm off,
0.4 mm wider) came second, enclosed it, and the one sticker was counted 2. The order is the
search's (``best_circle``), set here: the inner fit first, then the outer one.
"""

import cv2
import numpy as np

import scan.votes as votes

S = 4.0  # px/mm


def blurred_sticker():
    """A 20 mm sticker whose blurred edge gave two fits: the inner one (10 mm radius) and the
    outer one (10.4 mm, its centre 1.1 mm off): the blob is their union. Both fits, in px."""
    inner = (60.0, 60.0, 10.0 * S)
    outer = (60.0 + 1.1 * S, 60.0, 10.4 * S)
    blob = np.zeros((125, 125), np.uint8)
    for cx, cy, r in (inner, outer):
        cv2.circle(blob, (round(cx), round(cy)), round(r), 1, -1)
    return blob > 0, inner, outer


def search_finds(monkeypatch, circles):
    """``best_circle`` returns ``circles`` in this order, then nothing."""
    order = iter(circles)
    monkeypatch.setattr(votes, "best_circle", lambda *args, **kwargs: next(order, None))


def test_outer_edge_found_after_the_inner_one_is_the_same_sticker(monkeypatch):
    blob, inner, outer = blurred_sticker()
    search_finds(monkeypatch, [inner, outer])
    count, confidence, circles = votes.count_sticker_edges(blob, blob, S)
    assert (count, circles) == (1, [outer]), (count, circles)
    assert confidence < 0.8  # a nested fit: a blurred or shaded edge, a person checks


def test_inner_edge_found_after_the_outer_one_is_the_same_sticker(monkeypatch):
    blob, inner, outer = blurred_sticker()
    search_finds(monkeypatch, [outer, inner])
    count, confidence, circles = votes.count_sticker_edges(blob, blob, S)
    assert (count, circles) == (1, [outer]), (count, circles)
    assert confidence < 0.8


def test_a_sticker_overlapping_another_by_more_is_two(monkeypatch):
    """Two 12 mm stickers 5 mm apart (40 % of a diameter, as people stick them): neither
    encloses the other, two votes."""
    a, b = (50.0, 50.0, 6.0 * S), (50.0 + 5.0 * S, 50.0, 6.0 * S)
    blob = np.zeros((100, 120), np.uint8)
    for cx, cy, r in (a, b):
        cv2.circle(blob, (round(cx), round(cy)), round(r), 1, -1)
    search_finds(monkeypatch, [a, b])
    count, _, circles = votes.count_sticker_edges(blob > 0, blob > 0, S)
    assert (count, circles) == (2, [a, b]), (count, circles)
