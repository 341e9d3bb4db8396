"""scan.bymarkers.rectangles, made with one call per corner for its two matrix products only
(corner_products, nearest_blobs) and the rest at once (issue 8, the time ratio), gives the very
rectangles, errors and corners, bit for bit, of the corner-by-corner loop it replaces (kept
here as the reference), on walls of markers with look-alikes, whole and with markers hidden."""

import numpy as np
import pytest

from printables.layout import MARKER_MM
from scan.bymarkers import card_shapes, first_of_each, marker_centres_mm, rectangles
from scan.locate import sorted_clockwise
from scan.thresholds import (
    MARKER_CARDS_OBLIQUE_TOLERANCE,
    MARKER_CARDS_PX_PER_MM,
    MARKER_CARDS_SHAPE_TOLERANCE,
)


def rectangles_before(blobs, card, limit=None, fourth_hidden=False):
    """``rectangles`` as it was (main de71dc4 with first_of_each): a pass per corner blob."""
    if len(blobs) < (3 if fourth_hidden else 4):
        return []
    centres = np.array([c for c, _ in blobs])
    sides = np.array([side for _, side in blobs])
    mm = marker_centres_mm(card)
    wide_mm, tall_mm = float(mm[1, 0] - mm[0, 0]), float(mm[3, 1] - mm[0, 1])
    tol, oblique = MARKER_CARDS_SHAPE_TOLERANCE, MARKER_CARDS_OBLIQUE_TOLERANCE
    low, high = MARKER_CARDS_PX_PER_MM
    distance = np.linalg.norm(centres[:, None] - centres[None], axis=-1)
    squares = (centres**2).sum(axis=1)[None]
    errors, found, places = [], [], []
    for i in range(len(blobs)):
        js = np.nonzero((distance[i] >= wide_mm * low * (1 - tol))
                        & (distance[i] <= wide_mm * high * (1 + tol)))[0]
        ks = np.nonzero((distance[i] >= tall_mm * low * (1 - tol))
                        & (distance[i] <= tall_mm * high * (1 + tol)))[0]
        if len(js) == 0 or len(ks) == 0:
            continue
        u, v = centres[js] - centres[i], centres[ks] - centres[i]
        lu, lv = distance[i, js][:, None], distance[i, ks][None, :]
        ratio = np.abs(lu / lv / (wide_mm / tall_mm) - 1)
        corner = np.abs(u @ v.T) / lu / lv
        ok = (ratio <= oblique) & (corner <= oblique) & (js[:, None] != ks[None, :])
        a, b = np.nonzero(ok)
        if len(a) == 0:
            continue
        fourth = centres[i] + u[a] + v[b]
        gaps = (fourth**2).sum(axis=1)[:, None] - 2 * fourth @ centres.T + squares
        m = np.argmin(gaps, axis=1)
        gap = np.sqrt(np.maximum(gaps[np.arange(len(m)), m], 0)) / lv[0, b]
        j, k = js[a], ks[b]
        scale = (lu[a, 0] / wide_mm + lv[0, b] / tall_mm) / 2
        if fourth_hidden:
            m = np.full_like(j, -1)
        quads = np.stack([np.full_like(j, i), j, m, k], axis=1)
        seen = quads[:, [0, 1, 3]] if fourth_hidden else quads
        size = np.abs(sides[seen] / (MARKER_MM * scale[:, None]) - 1)
        if fourth_hidden:
            keep = (gap > tol) & (size.max(axis=1) <= 0.5)
            error = ratio[a, b] + corner[a, b] + size.mean(axis=1)
        else:
            keep = (gap <= tol) & (m != i) & (m != j) & (m != k) & (size.max(axis=1) <= 0.5)
            error = ratio[a, b] + corner[a, b] + gap + size.mean(axis=1)
        points = centres[quads]
        if fourth_hidden:
            points[:, 2] = fourth
        errors.append(error[keep])
        found.append(quads[keep])
        places.append(points[keep])
    if not found:
        return []
    error, quads, points = np.concatenate(errors), np.concatenate(found), np.concatenate(places)
    order = np.argsort(error, kind="stable")
    first = first_of_each(quads[order], len(blobs))
    best = order[np.sort(first)][:limit]
    return list(zip(error[best].tolist(), sorted_clockwise(points[best]), strict=True))


def wall_of_markers(seed: int, hide: float) -> list[tuple[np.ndarray, float]]:
    """Markers of a dozen cards of every shape at 1.9-3.1 px/mm, turned, sheared and jittered a
    little, a share ``hide`` of them left out, and as many look-alike blobs scattered."""
    rng = np.random.default_rng(seed)
    shapes = card_shapes()
    blobs = []
    for n in range(12):
        mm = marker_centres_mm(shapes[n % len(shapes)])
        s = rng.uniform(1.9, 3.1)
        turn = rng.uniform(-0.3, 0.3)
        shear = np.array([[1, rng.uniform(-0.15, 0.15)], [0, rng.uniform(0.85, 1.1)]])
        rot = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
        at = rng.uniform(0, [3500, 2500])
        for c in (mm - mm.mean(axis=0)) @ (rot @ shear).T * s + at:
            if rng.random() >= hide:
                blobs.append((c + rng.normal(0, 1.5, 2), MARKER_MM * s * rng.uniform(0.8, 1.2)))
    for _ in range(len(blobs)):
        blobs.append((rng.uniform(0, [4000, 3000]), rng.uniform(6, 30)))
    order = rng.permutation(len(blobs))
    return [blobs[i] for i in order]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("fourth_hidden", [False, True])
def test_rectangles_are_the_corner_by_corner_ones(seed, fourth_hidden):
    blobs = wall_of_markers(seed, hide=0.15 if fourth_hidden else 0.0)
    for card in card_shapes():
        for limit in (None, 100):
            want = rectangles_before(blobs, card, limit, fourth_hidden)
            got = rectangles(blobs, card, limit, fourth_hidden)
            assert len(got) == len(want)
            for (error, quad), (error_want, quad_want) in zip(got, want, strict=True):
                assert error == error_want and np.array_equal(quad, quad_want)
    assert rectangles(blobs, card_shapes()[0], None, fourth_hidden)  # something was found


def test_rectangles_of_too_few_or_scattered_blobs_are_none():
    rng = np.random.default_rng(1)
    scattered = [(rng.uniform(0, [4000, 3000]), 10.0) for _ in range(3)]
    card = card_shapes()[0]
    assert rectangles(scattered, card) == rectangles_before(scattered, card) == []
    assert rectangles(scattered, card, fourth_hidden=True) == []
    assert rectangles(scattered[:2], card, fourth_hidden=True) == []
