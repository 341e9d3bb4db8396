"""Local correction where the card is not flat (curl, a fold): a smooth displacement field.

The card's homography (rectify.py) is right where the paper lies flat; where an edge lifts off
the wall, the paper there is seen shifted by up to the lift, more and more towards the edge. What
is printed says by how much: each checkbox outline and each corner marker is looked for round
its predicted place (``ANCHOR_SEARCH_MM``), and those found with confidence (a box: all four
sides strong, not at the edge of the search) are anchors, each a displacement in card mm. A
low-order displacement field (a constant shift, affine, or quadratic, by the number of anchors)
is fitted to them, leaving out those that disagree (a neighbour's outline); it is measured again
from the corrected places once. Each box is then read where the field puts it, through its own
local homography, and verified there as before (within ``BOX_SEARCH_MM``): a box still not
verified stays unsure with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from printables.layout import Box, CardType
from scan.checkbox import darkness_patch, find_outline, is_in_frame
from scan.thresholds import (
    ANCHOR_SEARCH_MM,
    FIELD_MAX_RESIDUAL_MM,
    FIELD_MAX_SHIFT_MM,
    FIELD_MIN_ANCHORS,
    FIELD_OWN_MAX_MM,
    MARKER_ANCHOR_MIN_CONTRAST,
    MARKER_ANCHOR_RING_MM,
    PAPER_RING_MM,
    READ_PX_PER_MM,
)

ROUNDS = 2  # measured from the homography, then again from the corrected places


def shifted(h: np.ndarray, shift_mm: Sequence[float]) -> np.ndarray:
    """``h`` (card mm -> photo px) applied to points moved by ``shift_mm`` on the card."""
    return h @ np.array([[1.0, 0.0, shift_mm[0]], [0.0, 1.0, shift_mm[1]], [0.0, 0.0, 1.0]])


def box_anchor(gray: np.ndarray, h: np.ndarray, box: Box) -> np.ndarray | None:
    """Where the box's outline is (mm, from where ``h`` puts it), if found with confidence."""
    s = READ_PX_PER_MM
    if not is_in_frame(gray.shape, h, box.grown(ANCHOR_SEARCH_MM + PAPER_RING_MM[1])):
        return None
    _, darkness = darkness_patch(gray, h, box, ANCHOR_SEARCH_MM)
    dx, dy, problem, faint = find_outline(darkness, box, s, ANCHOR_SEARCH_MM)
    return None if problem or faint else np.array([dx, dy], np.float64) / s


def marker_response(gray: np.ndarray, h: np.ndarray, marker: Box, reach_mm: float) -> np.ndarray:
    """How much the marker's solid square stands out of its clearance ring (darkness, 0-1),
    for every shift (READ_PX_PER_MM px) within ``reach_mm`` of where ``h`` puts it, centred."""
    s = READ_PX_PER_MM
    _, darkness = darkness_patch(gray, h, marker, reach_mm)
    near, far = MARKER_ANCHOR_RING_MM
    size = int(np.ceil((marker.w_mm + 2 * far) * s))
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) + 0.5
    distance = np.maximum(abs(xx - size / 2), abs(yy - size / 2)) / s - marker.w_mm / 2
    square, ring = distance <= 0, (distance >= near) & (distance <= far)
    kernel = (square / square.sum() - ring / ring.sum()).astype(np.float32)
    response = cv2.matchTemplate(darkness, kernel, cv2.TM_CCORR)
    origin = round((reach_mm + PAPER_RING_MM[1] - far) * s)
    reach = round(reach_mm * s)
    return response[origin - reach : origin + reach + 1, origin - reach : origin + reach + 1]


def marker_anchor(gray: np.ndarray, h: np.ndarray, marker: Box) -> np.ndarray | None:
    """Where the solid marker square is (mm, from where ``h`` puts it), if found clearly."""
    s = READ_PX_PER_MM
    reach_mm = ANCHOR_SEARCH_MM
    if not is_in_frame(gray.shape, h, marker.grown(reach_mm + PAPER_RING_MM[1])):
        return None
    window = marker_response(gray, h, marker, reach_mm)
    reach = window.shape[0] // 2
    iy, ix = np.unravel_index(int(np.argmax(window)), window.shape)
    at_edge = max(abs(ix - reach), abs(iy - reach)) >= reach
    if at_edge or window[iy, ix] < MARKER_ANCHOR_MIN_CONTRAST:
        return None
    return np.array([ix - reach, iy - reach], np.float64) / s


def basis(points_mm: np.ndarray, card: CardType, degree: int) -> np.ndarray:
    """Polynomial terms of the card position (scaled to the card), up to ``degree``."""
    u = points_mm[:, 0] / card.width_mm - 0.5
    v = points_mm[:, 1] / card.height_mm - 0.5
    terms = [np.ones_like(u)]
    if degree >= 1:
        terms += [u, v]
    if degree >= 2:
        terms += [u * u, u * v, v * v]
    return np.stack(terms, axis=1)


def fit_field(points_mm: np.ndarray, shifts_mm: np.ndarray, card: CardType):
    """The displacement field (a function: card mm points -> shifts in mm) fitted to the
    anchors, the worst one dropped while it disagrees by more than FIELD_MAX_RESIDUAL_MM, one
    degree simpler while it moves some box of the card further than its anchors moved (plus
    that residual); None without anchors."""
    keep = np.ones(len(points_mm), bool)
    boxes = np.array([f.box.center_mm for f in card.fields_of_kind("checkbox")]).reshape(-1, 2)
    most_degree = len(FIELD_MIN_ANCHORS) - 1
    while keep.any():
        degree = max(d for d, n in enumerate(FIELD_MIN_ANCHORS) if keep.sum() >= n)
        degree = min(degree, most_degree)
        design = basis(points_mm[keep], card, degree)
        while degree and np.linalg.matrix_rank(design, tol=1e-3) < design.shape[1]:
            degree -= 1  # anchors on one line (a column of boxes) say nothing across it
            design = basis(points_mm[keep], card, degree)
        coef, *_ = np.linalg.lstsq(design, shifts_mm[keep], rcond=None)
        residuals = np.linalg.norm(basis(points_mm, card, degree) @ coef - shifts_mm, axis=1)
        residuals[~keep] = 0.0
        worst = int(np.argmax(residuals))
        if residuals[worst] > FIELD_MAX_RESIDUAL_MM:
            keep[worst] = False
            continue
        # at no box further than the anchors moved: a quadratic through one odd anchor among
        # flat ones (a sticker's edge taken for an outline) bends far from it; then a simpler one
        reach = float(np.linalg.norm(shifts_mm[keep], axis=1).max()) + FIELD_MAX_RESIDUAL_MM
        at_boxes = np.linalg.norm(basis(boxes, card, degree) @ coef, axis=1)
        if degree and at_boxes.size and at_boxes.max() > reach:
            most_degree = degree - 1
            continue
        return lambda p, c=coef, d=degree: clamp(basis(np.atleast_2d(p), card, d) @ c)
    return None


def clamp(shifts_mm: np.ndarray) -> np.ndarray:
    length = np.linalg.norm(shifts_mm, axis=1, keepdims=True)
    return shifts_mm * np.minimum(1.0, FIELD_MAX_SHIFT_MM / np.maximum(length, 1e-9))


def local_fits(
    gray: np.ndarray, h: np.ndarray, card: CardType, first: dict | None = None
) -> dict[str, np.ndarray | None]:
    """Each checkbox's own homography (card mm -> photo px): ``h`` corrected by the card's
    displacement field at the box, or by the box's own outline where it was found with
    confidence and the field agrees within FIELD_OWN_MAX_MM (a lone box near a missing corner
    marker, the last box of a column where the curl grows faster than the field's degree). A
    card with no anchor keeps ``h`` everywhere; None for boxes the corrections crowd onto
    another box (``crowded_boxes``). ``first``: the anchors already measured under ``h``
    (index in boxes then markers -> shift mm; wholefit.check_fit), not measured again."""
    boxes = card.fields_of_kind("checkbox")
    if not boxes:
        return {}
    items = [f.box for f in boxes] + list(card.markers)
    points = np.array([b.center_mm for b in items], np.float64)
    shifts = np.zeros_like(points)
    own: dict[int, np.ndarray] = {}
    for round_ in range(ROUNDS):
        if round_ == 0 and first is not None:
            own = dict(first)  # measured under ``h``: every shift is still zero
        else:
            own = {}
            for i, item in enumerate(items):
                anchor = (box_anchor if i < len(boxes) else marker_anchor)(
                    gray, shifted(h, shifts[i]), item
                )
                if anchor is not None:
                    own[i] = shifts[i] + anchor
        found = sorted(own)
        field = fit_field(points[found], np.array([own[i] for i in found]), card) if own else None
        if field is None:
            break
        shifts = field(points)
    for i, shift in own.items():
        if i < len(boxes) and np.linalg.norm(shift - shifts[i]) <= FIELD_OWN_MAX_MM:
            shifts[i] = shift
    crowded = crowded_boxes(points[: len(boxes)], shifts[: len(boxes)])
    return {
        f.name: None if i in crowded else shifted(h, shifts[i]) for i, f in enumerate(boxes)
    }


def crowded_boxes(points_mm: np.ndarray, shifts_mm: np.ndarray) -> set[int]:
    """Boxes that the corrections bring within half their printed distance of another box:
    one of them would be read on its neighbour's outline, so neither is trusted."""
    moved = points_mm + shifts_mm
    crowded = set()
    for i in range(len(points_mm)):
        for j in range(i + 1, len(points_mm)):
            printed = np.linalg.norm(points_mm[i] - points_mm[j])
            if np.linalg.norm(moved[i] - moved[j]) < 0.5 * printed:
                crowded |= {i, j}
    return crowded
