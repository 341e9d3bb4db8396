"""Which cards of a wall form one cluster: a chain of cards whose outlines nearly touch.

The generator sticks a cluster's cards two by two, a few mm apart; when one of them finds no
room (it would cover a neighbour's markers) it is left out, and a cluster can fall apart into
pieces a card's height apart. The truth must describe the photo, so once a wall is staged each
cluster is split into its chains of nearly touching cards, measured on the placed outlines.
"""
from __future__ import annotations

import numpy as np

from tests.support.truth import CardTruth

# mm between card outlines below which cards count as stuck together: the scanner's rule
# (scan.thresholds.CLUSTER_GAP_MM). The generator keeps far from it on both sides: a cluster's
# cards are at most ~6 mm apart (plus tilt), separate clusters at least ~45 mm.
NEARLY_TOUCHING_MM = 20.0


def _point_to_segments_mm(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """The smallest distance from any of ``points`` to any segment a[i]-b[i]."""
    d = b - a  # (m, 2)
    rel = points[:, None, :] - a[None, :, :]  # (n, m, 2)
    t = np.clip((rel * d).sum(axis=2) / np.maximum((d * d).sum(axis=1), 1e-12), 0.0, 1.0)
    nearest = a[None] + t[..., None] * d[None]
    return float(np.sqrt(((points[:, None, :] - nearest) ** 2).sum(axis=2)).min())


def _separated(p: np.ndarray, q: np.ndarray) -> bool:
    """True if an edge normal of either convex polygon separates them (separating axes)."""
    for poly in (p, q):
        edges = np.roll(poly, -1, axis=0) - poly
        for nx, ny in np.column_stack([-edges[:, 1], edges[:, 0]]):
            pp, qq = p @ (nx, ny), q @ (nx, ny)
            if pp.max() < qq.min() or qq.max() < pp.min():
                return True
    return False


def outline_gap_mm(a, b) -> float:
    """The gap between two convex outlines (corners in order, mm); 0 if they overlap."""
    p, q = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if not _separated(p, q):
        return 0.0
    # disjoint convex polygons: the closest pair is a corner of one and an edge of the other
    return min(_point_to_segments_mm(p, q, np.roll(q, -1, axis=0)),
               _point_to_segments_mm(q, p, np.roll(p, -1, axis=0)))


def chains(outlines: dict[str, list], max_gap_mm: float = NEARLY_TOUCHING_MM) -> list[list[str]]:
    """Group the keys of ``outlines`` into chains of outlines less than ``max_gap_mm`` apart.

    Groups and their members keep the order of ``outlines`` (no set order leaks into ids).
    """
    keys = list(outlines)
    group = {k: i for i, k in enumerate(keys)}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if group[a] != group[b] and outline_gap_mm(outlines[a], outlines[b]) < max_gap_mm:
                old, new = max(group[a], group[b]), min(group[a], group[b])
                group = {k: new if g == old else g for k, g in group.items()}
    out: dict[int, list[str]] = {}
    for k in keys:
        out.setdefault(group[k], []).append(k)
    return list(out.values())


def split_clusters(cards: dict[str, CardTruth]) -> None:
    """Give each chain of nearly touching cards of a cluster its own id, numbered 1, 2, ... in
    the order the cards were stuck; cards without a cluster or an outline are left alone."""
    by_cluster: dict[int, dict[str, list]] = {}
    for code, card in cards.items():
        if card.cluster is not None and card.outline_mm is not None:
            by_cluster.setdefault(card.cluster, {})[code] = card.outline_mm
    next_id = 1
    for members in by_cluster.values():
        for chain in chains(members):
            for code in chain:
                cards[code].cluster = next_id
            next_id += 1
