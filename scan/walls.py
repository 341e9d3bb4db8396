"""Place cards on the wall: the zone of the poster they stand under, clusters of cards stuck
together, and one merged reading per card over several photos of the same wall."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from printables.layout import CARD_TYPES
from scan.budget import OUT_OF_TIME
from scan.checkbox import OUT_OF_FRAME
from scan.rectify import apply_homography
from scan.results import CardReading, Checkbox, PhotoReading, PosterReading, VoteCount
from scan.thresholds import CLUSTER_GAP_MM, FIT_ERROR_SCALE_MM, UNSURE_PROPOSAL_CONFIDENCE


def assign_zones(cards: list[CardReading], posters: list[PosterReading]) -> None:
    """Each card gets the zone of the poster it stands under (the one whose width covers most of
    the card's, the card being lower than the poster's middle), else of the poster nearest
    horizontally. Measured in each poster's own mm (the wall's plane, seen through that poster's
    homography), so a tilted, rotated or sheared photo does not move columns. No poster: None."""
    if not posters:
        return
    for card in cards:
        placements = [placement(card, poster) for poster in posters]
        under = [
            (overlap, -gap, poster)
            for (overlap, gap, below), poster in zip(placements, posters)
            if below and overlap > 0
        ]
        if under:
            card.zone = max(under, key=lambda t: t[:2])[2].zone
        else:
            card.zone = min(zip(placements, posters), key=lambda t: t[0][1])[1].zone


def placement(card: CardReading, poster: PosterReading) -> tuple[float, float, bool]:
    """(share of the card's width under the poster, horizontal gap in mm, is the card lower)."""
    width_mm, height_mm = poster_size_mm(poster)
    outline_mm = np.array([[0, 0], [width_mm, 0], [width_mm, height_mm], [0, height_mm]],
                          np.float32)
    to_poster_mm = cv2.getPerspectiveTransform(poster.corners_px.astype(np.float32), outline_mm)
    corners_mm = apply_homography(to_poster_mm, card.corners_px)
    x0, x1 = corners_mm[:, 0].min(), corners_mm[:, 0].max()
    overlap = max(0.0, min(x1, width_mm) - max(x0, 0.0)) / max(x1 - x0, 1e-9)
    gap = max(0.0, x0 - width_mm, -x1)
    return overlap, float(gap), bool(corners_mm[:, 1].mean() > height_mm / 2)


def poster_size_mm(poster: PosterReading) -> tuple[float, float]:
    spec = next(c for c in CARD_TYPES.values() if c.is_poster and c.zone == poster.zone)
    return spec.width_mm, spec.height_mm


def quad_gap_px(a: np.ndarray, b: np.ndarray) -> float:
    """Shortest distance between two convex quadrilaterals; 0 when they overlap."""
    area, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
    if area > 0:
        return 0.0
    return min(min_point_segment(a, b), min_point_segment(b, a))


def min_point_segment(points: np.ndarray, quad: np.ndarray) -> float:
    starts, ends = quad, np.roll(quad, -1, axis=0)
    edges = ends - starts
    rel = points[:, None, :] - starts[None, :, :]
    t = np.clip((rel * edges).sum(-1) / np.maximum((edges ** 2).sum(-1), 1e-9), 0, 1)
    nearest = starts[None] + t[..., None] * edges[None]
    return float(np.linalg.norm(points[:, None, :] - nearest, axis=-1).min())


def assign_clusters(cards: list[CardReading]) -> None:
    """Single-linkage clusters of cards whose outlines are closer than CLUSTER_GAP_MM, numbered
    1, 2... from the top-left of the photo."""
    parent = list(range(len(cards)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for i, j in near_pairs(cards):
        px_per_mm = (cards[i].px_per_mm + cards[j].px_per_mm) / 2
        if quad_gap_px(cards[i].corners_px, cards[j].corners_px) / px_per_mm < CLUSTER_GAP_MM:
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(cards)):
        groups.setdefault(root(i), []).append(i)
    first = sorted(
        groups.values(), key=lambda g: min(tuple(cards[i].corners_px.mean(0)[::-1]) for i in g)
    )
    for number, members in enumerate(first, start=1):
        for i in members:
            cards[i].cluster = number


def near_pairs(cards: list[CardReading]) -> list[tuple[int, int]]:
    """Pairs whose bounding boxes come within the cluster gap: the only ones worth measuring."""
    if not cards:
        return []
    lows = np.array([c.corners_px.min(axis=0) for c in cards])
    highs = np.array([c.corners_px.max(axis=0) for c in cards])
    reach = np.array([CLUSTER_GAP_MM * c.px_per_mm for c in cards])
    gaps = np.maximum(lows[None] - highs[:, None], lows[:, None] - highs[None]).max(axis=-1)
    close = gaps < np.maximum(reach[None], reach[:, None])
    return [(i, j) for i, j in zip(*np.nonzero(np.triu(close, 1)))]


# a vote strip with one of these reasons was never counted (its 0 is no count): the photo's
# time ran out before it (scan.read.not_counted), or it lay outside the photo (scan.votes)
NOT_COUNTED = (OUT_OF_TIME, OUT_OF_FRAME)


def view_quality(card: CardReading) -> float:
    return view_score(card.px_per_mm, card.fit_error_mm)


def has_unread(card: CardReading) -> bool:
    """Did the photo's time run out before some box, strip or field of this view was read?"""
    reasons = [part.reason for part in card.checkboxes.values()]
    reasons += [part.reason for part in card.votes.values()]
    reasons += [part.reason for part in card.fields.values()]
    return OUT_OF_TIME in reasons


def view_rank(card: CardReading) -> tuple[bool, float]:
    """Which view of a card wins: one read in full before one the time budget cut (its unread
    boxes and strips would replace what the other view read), then the better view."""
    return not has_unread(card), view_quality(card)


def view_score(px_per_mm: float, fit_error_mm: float) -> float:
    """Higher is better: resolution, discounted by how badly the card's outline fitted."""
    return px_per_mm / (1 + fit_error_mm / FIT_ERROR_SCALE_MM)


def merge_readings(photos: list[PhotoReading]) -> dict[str, dict]:
    """One reading per code over all photos: the better view wins, disagreements are listed."""
    views: dict[str, list[tuple[str, CardReading]]] = {}
    for photo in photos:
        for card in photo.cards:
            views.setdefault(card.code, []).append((photo.file, card))
    merged = {}
    for code, seen in views.items():
        best_file, best = max(seen, key=lambda v: view_rank(v[1]))
        merged[code] = {**best.to_dict(), "best_view": best_file, "seen_in": [f for f, _ in seen],
                        "disagreements": disagreements(seen)}
    return merged


def disagreements(seen: list[tuple[str, CardReading]]) -> list[dict]:
    """Checkboxes, vote counts and zones read differently by two views (unsure is no opinion,
    nor is an unsure box's proposal, at UNSURE_PROPOSAL_CONFIDENCE or below, nor a strip never
    counted); a view that did not read a box (an older reading) has no opinion on it either."""
    found = []
    readers: list[tuple[str, Callable[[CardReading], dict], Callable[[Any], object]]] = [
        ("checkbox", lambda c: c.checkboxes, box_opinion),
        ("votes", lambda c: c.votes, strip_opinion)]
    for kind, parts, value in readers:
        names = dict.fromkeys(name for _, c in seen for name in parts(c))  # in printed order
        for name in names:
            values = {f: value(parts(c)[name]) for f, c in seen if name in parts(c)}
            if len({v for v in values.values() if v is not None}) > 1:
                found.append({"kind": kind, "field": name, "values": values})
    zones = {f: c.zone for f, c in seen}
    if len({z for z in zones.values() if z is not None}) > 1:
        found.append({"kind": "zone", "field": None, "values": zones})
    return found


def box_opinion(box: Checkbox) -> bool | None:
    """What a view says of a checkbox when views are compared: its value, or None when unsure
    (no value, or an unsure box's proposal: scan.checkbox.proposed)."""
    return None if box.confidence <= UNSURE_PROPOSAL_CONFIDENCE else box.checked


def strip_opinion(strip: VoteCount) -> int | None:
    """What a view says of a vote strip when views are compared: its count, or None when the
    strip was never counted (NOT_COUNTED: left for lack of time, or outside the photo)."""
    return None if strip.reason in NOT_COUNTED else strip.count
