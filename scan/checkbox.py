"""Read one checkbox from the photo, but only after finding its printed outline there.

The card's homography says where the box should be; paper curl, a fold or a slightly wrong fit
move it by a millimetre or two, and a box outside the photo, under a neighbour's card or a hand
shows no outline at all. So each box is first looked for in a small patch around its predicted
place (``BOX_SEARCH_MM``): the shift that puts the most ink on a square outline with paper just
outside it wins, and all four sides must be there. Only then is the inside read, relative to the
outline actually found. A box not verified is unsure, with a reason; where what is seen of it
still supports a value (its inside read, its outline mostly there), that value is proposed below
the review line (``proposed``, UNSURE_PROPOSAL_CONFIDENCE), else ``checked: None``.

Marks (the convention printed on the cards, printables.wording.CHECKBOX_CONVENTION): a tick, a
cross, a circle-like loop or a dot of ink big enough counts as checked. A blackened box is read
by the convention as a proposal below the review line (``BLACKENED_CONFIDENCE``), for a person
to confirm: filled inside its outline, "yes" (reason ``remplie``); scribbled out past its outline,
"cancelled", never checked (reason ``noircie``). A circle round an empty box is a "yes" to
confirm too (reason ``entourée``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import cv2
import numpy as np

from printables.layout import Box
from scan.rectify import (
    apply_homography,
    box_corners_mm,
    box_slice,
    local_px_per_mm,
    patch_to_mm,
    ring_pixels,
    warp_box,
)
from scan.results import Checkbox
from scan.thresholds import (
    BESIDE_TICK_MIN_SPREAD_MM,
    BESIDE_TICK_ZONE_MM,
    BLACKENED_CONFIDENCE,
    BLACKENED_EDGE_LEVEL,
    BLACKENED_EVEN_EDGE_SHARE,
    BLACKENED_MAX_OPEN_EDGES,
    BLACKENED_MIN_COVER,
    BLACKENED_MIN_OVERFLOW_MM,
    BLACKENED_SOLID_MIN_COVER,
    BLACKENED_UNEVEN_MAX_DARKNESS,
    BLACKENED_UNEVEN_MIN_OVERFLOW_MM,
    BORDER_BLUR_PHOTO_PX,
    BORDER_EXCLUSION_MM,
    BOX_SEARCH_MM,
    BOX_SIDE_FAINT_CONTRAST,
    BOX_SIDE_MAX_FAINT,
    BOX_SIDE_MIN_CONTRAST,
    BOX_SIDE_SEGMENTS,
    CHECKBOX_FULL_CONFIDENCE_MARGIN,
    CHECKED_MIN_SCORE,
    CIRCLE_BESIDE_MIN_DARKNESS,
    CIRCLE_BESIDE_MM,
    CIRCLE_BLURRED_MIN_DARKNESS,
    CIRCLE_BLURRED_MIN_OUTLINE_SHARE,
    CIRCLE_CORNER_MM,
    CIRCLE_DOUBT_DARKNESS,
    CIRCLE_DOUBT_MIN_CORNERS,
    CIRCLE_FOURTH_CORNER_MIN_DARKNESS,
    CIRCLE_HUG_MIN_EXCESS,
    CIRCLE_HUG_MIN_SIDES,
    CIRCLE_LINE_MM,
    CIRCLE_MIN_DARKNESS,
    CIRCLE_OFF_BESIDE_MIN_DARKNESS,
    CIRCLE_OFF_BESIDE_NEAR_MM,
    CIRCLE_PROFILE_MM,
    CIRCLE_TAIL_MM,
    CIRCLED_CONFIDENCE,
    CIRCLED_MIN_CORNERS,
    COVER_EDGE_MIN_STEP,
    DEFORMED_PROPOSAL_MAX_WEAK,
    DEFORMED_YES_MAX_WEAK,
    EDGE_MIN_INSIDE_MM,
    EDGE_MIN_PAPER_MM,
    EDGE_MIN_SEEN_SEGMENTS,
    EDGE_SEEN_MARGIN_PHOTO_PX,
    EDGE_TICK_INSET_MM,
    EDGE_TICK_MIN_MM,
    FAINT_OUTLINE_MAX_CONFIDENCE,
    FOREIGN_OWN_PAPER_MAX_STEP,
    FOREIGN_PAPER_MIN_STEP,
    FRAME_MARGIN_PHOTO_PX,
    FRAME_PROFILE_PERCENTILE,
    INK_MIN_DARKNESS,
    INSIDE_DEEP_BAND_MM,
    MIN_CONTRAST,
    NOISE_ALLOWANCE,
    OPEN_EDGE_MAX_INK,
    OUTLINE_BAND_MM,
    OUTLINE_CANDIDATES,
    OUTLINE_SMEAR_END_MM,
    OUTLINE_SMEAR_MAX_MM,
    OUTLINE_SMEAR_MIN_EXTRA_MM,
    OUTLINE_SMEAR_PERCENTILE,
    OUTSIDE_BAND_MM,
    OUTSIDE_PAPER_PERCENTILE,
    PALE_MARK_EVEN_COVER,
    PALE_MARK_EVEN_LEVEL,
    PALE_MARK_MAX_DARKNESS,
    PALE_MARK_PERCENTILE,
    PALE_SCRIBBLE_LEVEL,
    PAPER_HIGH_PERCENTILE,
    PAPER_PERCENTILE,
    PAPER_RING_MM,
    PROPOSAL_CONFIDENCE,
    READ_PX_PER_MM,
    SCRIBBLE_MIN_OVERFLOW_MM,
    SCRIBBLE_MIN_SHARE,
    SCRIBBLE_REACH_MM,
    SHAKE_PLACE_MAX_ANISOTROPY,
    SHAKE_PLACE_RIVAL_MIN_MM,
    SHAKE_PLACE_RIVAL_SHARE,
    SIDE_EVEN_MAX_STEP,
    SIDE_LINE_MAX_DEPTH_MM,
    SIDE_LINE_MIN_SPAN,
    SOFT_OUTLINE_MAX_CONTRAST,
    STRAY_MAX_MM,
    STREAK_CHORD_PERCENTILE,
    STREAK_CHORD_SAMPLES,
    STREAK_MARK_REACH_MM,
    STREAK_MAX_OFFSET_MM,
    STREAK_MIN_RIDGE,
    STREAK_NEAR_MM,
    STREAK_OFFSET_STEP_MM,
    STREAK_PROFILE_MM,
    STREAK_SAMPLE_MM,
    STREAK_SIDE_MM,
    STREAK_SPAN_MM,
    STREAK_STEP_DEG,
    STRUCK_CROSS_UNDER_GAP_PERCENTILE,
    STRUCK_LINE_BEYOND_MM,
    STRUCK_LINE_CROSS_MIN_DEG,
    STRUCK_LINE_CROSS_SHARE,
    STRUCK_LINE_INSIDE_GAP_PERCENTILE,
    STRUCK_LINE_INSIDE_INSET_MM,
    STRUCK_LINE_INSIDE_MIN,
    STRUCK_LINE_INSIDE_REACH_MM,
    STRUCK_LINE_MAX_OFFSET_MM,
    STRUCK_LINE_MIN_RIDGE,
    STRUCK_LINE_SHAKE_MAX_ANISOTROPY,
    STRUCK_LINE_SHAKE_MIN_DEG,
    STRUCK_LINE_SIDE_MM,
    STRUCK_LINE_STEP_DEG,
    STRUCK_MAX_WIDTH_MM,
    STRUCK_MIN_PEAK,
    STRUCK_PRINTED_LINE_MM,
    STRUCK_PRINTED_WIDE_MM,
    STRUCK_SIDE_MIDDLE,
    STRUCK_STREAK_LIFT,
    STRUCK_UNDER_ABOVE_MM,
    STRUCK_UNDER_MIN_DARKNESS,
    TICK_INSIDE_MAX_CORNER_STEP,
    TICK_INSIDE_MIN_STEP,
    TICK_MIN_MM,
    TICK_MIN_SPREAD_MM,
    TINT_MIN_DEPTH,
    TINT_MIN_WIDTH_MM,
    UNCHECKED_MAX_SCORE,
    UNSURE_PROPOSAL_CONFIDENCE,
    UNSURE_PROPOSAL_MIN_EVIDENCE,
)

OUT_OF_FRAME = "hors cadre"
COVERED = "couvert"
DEFORMED = "déformé"
BLACKENED = "noircie"  # scribbled out past the outline: cancelled (read False, a proposal)
FILLED = "remplie"  # blackened inside the outline: yes (read True, a proposal)
CIRCLED = "entourée"
TRACE = "trace"  # a faint mark or smear inside the box, neither a tick nor paper
STRUCK = "barrée"  # a straight stroke through the box and past it at both ends: taken back?
GAUSS_P75_TO_P90_SIGMAS = 0.6142  # 90th minus 75th percentile of a normal law, in sigmas


def percentile(values: np.ndarray, q: float) -> float:
    """``np.percentile(values, q)`` (linear), by partial sort: ten times faster on the small
    arrays read here, dozens of times per box."""
    flat = np.ravel(values)
    k = q / 100 * (flat.size - 1)
    lo = int(np.floor(k))
    hi = min(lo + 1, flat.size - 1)
    part = np.partition(flat, (lo, hi))
    return float(part[lo] + (part[hi] - part[lo]) * (k - lo))


def unsure(reason: str, score: float = 0.0) -> Checkbox:
    return Checkbox(None, 0.0, score, reason)


def is_in_frame(shape: tuple[int, ...], h: np.ndarray, box: Box,
                margin_px: float = FRAME_MARGIN_PHOTO_PX) -> bool:
    """Is ``box`` (card mm, under ``h``) inside the photo, ``margin_px`` away from its edges?"""
    corners = apply_homography(h, box_corners_mm(box))
    m = margin_px
    return bool(
        (corners[:, 0] >= m).all()
        and (corners[:, 1] >= m).all()
        and (corners[:, 0] <= shape[1] - 1 - m).all()
        and (corners[:, 1] <= shape[0] - 1 - m).all()
    )


@lru_cache(maxsize=32)  # the same few box sizes on every card: built once
def band_masks(size_px: int, box_px: float, margin_px: float, s: float) -> dict[str, np.ndarray]:
    """Masks in a ``size_px`` square template whose box starts at ``margin_px``: per side, the
    outline band, the paper band just outside it, and two bands inside it, near and deeper
    ("top", "top_out", "top_in", "top_deep", ...)."""
    yy, xx = np.mgrid[0:size_px, 0:size_px].astype(np.float32) + 0.5
    x0 = y0 = margin_px
    x1 = y1 = margin_px + box_px
    half = OUTLINE_BAND_MM * s / 2
    near, far = OUTSIDE_BAND_MM[0] * s, OUTSIDE_BAND_MM[1] * s
    along_x = (xx >= x0 - half) & (xx <= x1 + half)
    along_y = (yy >= y0 - half) & (yy <= y1 + half)
    masks = {
        "top": along_x & (abs(yy - y0) <= half),
        "bottom": along_x & (abs(yy - y1) <= half),
        "left": along_y & (abs(xx - x0) <= half),
        "right": along_y & (abs(xx - x1) <= half),
    }
    inner_x = (xx >= x0) & (xx <= x1)
    inner_y = (yy >= y0) & (yy <= y1)
    masks["top_out"] = inner_x & (yy >= y0 - far) & (yy <= y0 - near)
    masks["bottom_out"] = inner_x & (yy >= y1 + near) & (yy <= y1 + far)
    masks["left_out"] = inner_y & (xx >= x0 - far) & (xx <= x0 - near)
    masks["right_out"] = inner_y & (xx >= x1 + near) & (xx <= x1 + far)
    clear_x = (xx >= x0 + near) & (xx <= x1 - near)  # inside, clear of the other sides' lines
    clear_y = (yy >= y0 + near) & (yy <= y1 - near)
    for name, (a, b) in (("in", OUTSIDE_BAND_MM), ("deep", INSIDE_DEEP_BAND_MM)):
        a, b = a * s, b * s
        masks[f"top_{name}"] = clear_x & (yy >= y0 + a) & (yy <= y0 + b)
        masks[f"bottom_{name}"] = clear_x & (yy >= y1 - b) & (yy <= y1 - a)
        masks[f"left_{name}"] = clear_y & (xx >= x0 + a) & (xx <= x0 + b)
        masks[f"right_{name}"] = clear_y & (xx >= x1 - b) & (xx <= x1 - a)
    return masks


def outline_kernel(masks: dict[str, np.ndarray]) -> np.ndarray:
    line = masks["top"] | masks["bottom"] | masks["left"] | masks["right"]
    out = masks["top_out"] | masks["bottom_out"] | masks["left_out"] | masks["right_out"]
    return (line / line.sum() - out / out.sum()).astype(np.float32)


def darkness_patch(
    gray: np.ndarray, h: np.ndarray, box: Box, reach_mm: float = BOX_SEARCH_MM
) -> tuple[np.ndarray, np.ndarray]:
    """The photo around ``box`` (its search reach and its paper ring), rectified at
    READ_PX_PER_MM, and its darkness: 0 for the patch's own paper, 1 for black. Relative to the
    local paper, so pastel paper, a colour cast or a shadow change nothing."""
    region = box.grown(reach_mm + PAPER_RING_MM[1])
    patch = warp_box(gray, h, region, READ_PX_PER_MM).astype(np.float32)
    return patch, darkness_against(patch, percentile(patch, 90))


def darkness_against(patch: np.ndarray, paper: float) -> np.ndarray:
    """``patch``'s darkness relative to a paper level: 0 for that paper or lighter, 1 for black."""
    paper = max(paper, 1.0)
    return np.clip((paper - patch) / paper, 0, 1)


def template_origin(box: Box, s: float, reach_mm: float) -> tuple[int, int, float, float]:
    """The outline template's size and margin (px), and where its top-left sits in the patch
    for a zero shift (px): the box starts ``reach_mm`` + the paper ring into the patch."""
    margin_px = OUTSIDE_BAND_MM[1] * s + 1
    box_px = box.w_mm * s
    size = int(np.ceil(box_px + 2 * margin_px))
    return size, round((reach_mm + PAPER_RING_MM[1]) * s - margin_px), margin_px, box_px


def outline_response(
    darkness: np.ndarray, box: Box, s: float, reach_mm: float = BOX_SEARCH_MM
) -> np.ndarray:
    """The outline template's response for every shift (px) within ``reach_mm``, centred."""
    size, origin, margin_px, box_px = template_origin(box, s, reach_mm)
    kernel = outline_kernel(band_masks(size, box_px, margin_px, s))
    response = cv2.matchTemplate(darkness, kernel, cv2.TM_CCORR)
    reach = round(reach_mm * s)
    return response[origin - reach : origin + reach + 1, origin - reach : origin + reach + 1]


def locate_outline(
    darkness: np.ndarray, box: Box, s: float, reach_mm: float = BOX_SEARCH_MM
) -> tuple[int, int, float]:
    """Best (dx, dy) shift in px of the box outline within ``reach_mm``, and its response."""
    window = outline_response(darkness, box, s, reach_mm)
    reach = window.shape[0] // 2
    iy, ix = np.unravel_index(int(np.argmax(window)), window.shape)
    return int(ix - reach), int(iy - reach), float(window[iy, ix])


def find_outline(
    darkness: np.ndarray, box: Box, s: float, reach_mm: float = BOX_SEARCH_MM
) -> tuple[int, int, str | None, bool]:
    """Where the outline is (dx, dy px), why it is not verified (or None) and whether only
    partly (``outline_found`` without the side contrasts)."""
    return outline_found(darkness, box, s, reach_mm)[:4]


def outline_found(
    darkness: np.ndarray, box: Box, s: float, reach_mm: float = BOX_SEARCH_MM
) -> tuple[int, int, str | None, bool, list[float]]:
    """Where the outline is (dx, dy px), why it is not verified (or None), whether only
    partly, and its ``side_contrasts`` there (the reading uses them again). The best place
    first; if its outline is not verified, the next best places (local maxima of the response,
    OUTLINE_CANDIDATES in all) are tried, and the first whose outline is fully verified is
    taken: a smeared heading just beyond the box, a circle drawn round it or a scribble across
    it can outweigh the printed outline at the wrong place. The predicted place itself is the
    last candidate: a circle drawn close round the box, blurred over the paper just outside
    it, leaves no peak of the response there (its sides are still darker than the inside).
    Where no place is fully verified and the best one is not verified at all, the predicted
    place is taken if it is partly verified (a few faint segments, none gone): in a very soft
    photo at ~1.7-1.9 px/mm a heading or the next box, smeared, pulls the response's best to the
    search's edge, while the printed outline is still there, faint, where the fit puts it."""
    window = outline_response(darkness, box, s, reach_mm)
    reach = window.shape[0] // 2
    peaks = (window == cv2.dilate(window, np.ones((3, 3), np.uint8))) & (window > 0)
    order = np.argsort(window[peaks])[::-1][:OUTLINE_CANDIDATES]
    ys, xs = np.nonzero(peaks)
    iy, ix = np.unravel_index(int(np.argmax(window)), window.shape)
    first: tuple[int, int, str | None, bool, list[float]] | None = None
    # the place the card's fit predicts comes last, peak or not: a circle drawn round the box
    # darkens the paper just outside the outline, the template's response there falls below 0
    for y, x in [(iy, ix), *zip(ys[order], xs[order]), (reach, reach)]:
        dx, dy = int(x - reach), int(y - reach)
        contrasts = side_contrasts(darkness, box, dx, dy, s, reach_mm)
        problem, faint = outline_problem(contrasts, dx, dy, s, reach_mm)
        if first is None:
            first = (dx, dy, problem, faint, contrasts)
            if problem is None:
                return first  # the best place, verified (perhaps only partly)
        elif (problem, faint) == (None, False):
            return dx, dy, problem, faint, contrasts
    assert first is not None
    if problem is None and (dx, dy) == (0, 0):
        return dx, dy, problem, faint, contrasts
    return first


@dataclass(frozen=True)
class SideSegments:
    """Where a box's side segments are in its ``size_px`` square window (``side_contrasts``):
    per kind of band (the outline, then its paper bands out, in and deep), the segments grouped
    by their number of pixels, each group as (segment numbers, their flat indices as rows), so
    that every group is read with one call; ``valid``: the segments with pixels in every band."""

    count: int
    groups: tuple[tuple[tuple[np.ndarray, np.ndarray], ...], ...]
    valid: np.ndarray


@lru_cache(maxsize=32)
def side_segments(size_px: int, box_px: float, margin_px: float, s: float) -> SideSegments:
    """The segments of ``side_contrasts``, per side (top, bottom, left, right) and segment
    (BOX_SIDE_SEGMENTS per side), built once per box size (the masks cost more than the
    reading). Indices are in reading order, as a boolean mask selects them."""
    masks = band_masks(size_px, box_px, margin_px, s)
    edges = np.linspace(margin_px, margin_px + box_px, BOX_SIDE_SEGMENTS + 1)
    coord = np.arange(size_px) + 0.5
    per_kind: list[list[np.ndarray]] = [[], [], [], []]
    for side in ("top", "bottom", "left", "right"):
        bands = [masks[side]] + [masks[f"{side}_{band}"] for band in ("out", "in", "deep")]
        across_x = side in ("top", "bottom")
        for a, b in zip(edges[:-1], edges[1:]):
            part = (coord >= a) & (coord <= b)
            sel = part[None, :] if across_x else part[:, None]
            for k, band in enumerate(bands):
                per_kind[k].append(np.flatnonzero(band & sel))
    count = len(per_kind[0])
    valid = np.array([all(indices[i].size for indices in per_kind) for i in range(count)])
    groups = []
    for indices in per_kind:
        by_size: dict[int, list[int]] = {}
        for i in np.nonzero(valid)[0].tolist():
            by_size.setdefault(indices[i].size, []).append(i)
        groups.append(
            tuple(
                (np.array(ids), np.stack([indices[i] for i in ids]))
                for _, ids in sorted(by_size.items())
            )
        )
    return SideSegments(count, tuple(groups), valid)


def row_percentiles(rows: np.ndarray, q: float) -> np.ndarray:
    """``percentile`` of each row, the same bits (the same partial sort, row by row)."""
    n = rows.shape[1]
    k = q / 100 * (n - 1)
    lo = int(np.floor(k))
    hi = min(lo + 1, n - 1)
    part = np.partition(rows, (lo, hi), axis=1)
    return part[:, lo] + (part[:, hi] - part[:, lo]) * (k - lo)


def side_contrasts(
    darkness: np.ndarray, box: Box, dx: int, dy: int, s: float, reach_mm: float = BOX_SEARCH_MM
) -> list[float]:
    """Outline minus paper darkness along each side, per segment (the weakest segment counts:
    a neighbour card's edge hides part of a side). The paper is the lighter of the bands just
    outside and just inside the outline, each at a low percentile: a label or a heading beside
    the box, smeared by blur, darkens the outside band, but not the inside of the box; a
    blackened box darkens the inside, not the outside. A cover (paper, a hand) hides both.
    Segments of one size are read together (``side_segments``), to the same bits as one by
    one."""
    size, origin, margin_px, box_px = template_origin(box, s, reach_mm)
    window = darkness[origin + dy : origin + dy + size, origin + dx : origin + dx + size]
    flat = np.ravel(window)
    segments = side_segments(size, box_px, margin_px, s)
    line_groups, *paper_groups = segments.groups
    means = np.zeros(segments.count, flat.dtype)
    for ids, rows in line_groups:
        means[ids] = flat[rows].mean(axis=1)
    papers = np.full(segments.count, np.inf, flat.dtype)
    for groups in paper_groups:
        for ids, rows in groups:
            lightest = row_percentiles(flat[rows], OUTSIDE_PAPER_PERCENTILE)
            papers[ids] = np.minimum(papers[ids], lightest)
    contrasts = means - papers
    return [float(c) if ok else 0.0 for c, ok in zip(contrasts, segments.valid)]


def read_checkbox_in_photo(gray: np.ndarray, h: np.ndarray, box: Box) -> Checkbox:
    """Verify, locally refine, then read one checkbox of a card whose fit is ``h`` (mm -> px).
    A box that is not verified is unsure, with its reason; where what is seen of it still
    supports a value, that value is proposed below the review line (``proposed``)."""
    if not is_in_frame(gray.shape, h, box.grown(PAPER_RING_MM[1])):
        if not is_in_frame(gray.shape, h, box.grown(EDGE_MIN_PAPER_MM)):
            # the outline found may lie up to BOX_SEARCH_MM from its predicted place
            if is_in_frame(gray.shape, h, box.grown(-EDGE_MIN_INSIDE_MM - BOX_SEARCH_MM)):
                return read_at_photo_edge(gray, h, box)
            return unsure(OUT_OF_FRAME)
        # the box and the paper just outside its outline are in the photo, not its whole
        # paper ring: read it (the photo's edge row stands for the paper beyond), as a proposal
        reading = read_verified_box(gray, h, box)
        return proposed(reading, OUT_OF_FRAME) if reading.checked is not None else (
            unsure(OUT_OF_FRAME)
        )
    return read_verified_box(gray, h, box)


def seen_in_photo(shape: tuple[int, ...], h: np.ndarray, region: Box, s: float) -> np.ndarray:
    """Which pixels of ``region``'s patch (``warp_box`` at ``s`` px/mm) come from inside the
    photo, EDGE_SEEN_MARGIN_PHOTO_PX within its edges (the others repeat its edge row)."""
    to_px = h @ patch_to_mm(np.array([region.x_mm, region.y_mm]), s)
    rows, cols = round(region.h_mm * s), round(region.w_mm * s)
    yy, xx = np.mgrid[0:rows, 0:cols]
    points = np.stack([xx.ravel(), yy.ravel(), np.ones(xx.size)]).astype(np.float64)
    x, y, w = to_px @ points
    x, y, m = x / w, y / w, EDGE_SEEN_MARGIN_PHOTO_PX
    seen = (x >= m) & (y >= m) & (x <= shape[1] - 1 - m) & (y <= shape[0] - 1 - m)
    return seen.reshape(rows, cols)


def read_at_photo_edge(gray: np.ndarray, h: np.ndarray, box: Box) -> Checkbox:
    """A box whose inside is in the photo but not the paper just outside its outline on some
    side: the photo's edge runs through its outline or just beside it. What lies beyond the
    edge is taken as plain paper; the outline must be verified on every segment seen whole
    (EDGE_MIN_SEEN_SEGMENTS at least) and the inside that is read wholly seen. Then its reading
    is proposed (``proposed``, reason "hors cadre") where its own evidence is clear
    (``evident``); else no value."""
    s = READ_PX_PER_MM
    region = box.grown(BOX_SEARCH_MM + PAPER_RING_MM[1])
    patch = warp_box(gray, h, region, s).astype(np.float32)
    seen = seen_in_photo(gray.shape, h, region, s)
    if seen.shape != patch.shape or not seen.any():
        return unsure(OUT_OF_FRAME)
    patch = np.where(seen, patch, percentile(patch[seen], 90)).astype(np.float32)
    darkness = darkness_against(patch, percentile(patch, 90))
    dx, dy, _, _, contrasts = outline_found(darkness, box, s)
    # a segment whose bands reach beyond the edge reads otherwise with black there than paper
    hidden = side_contrasts(np.where(seen, darkness, 1.0), box, dx, dy, s)
    whole = [a == b for a, b in zip(contrasts, hidden)]
    found = Box(
        BOX_SEARCH_MM + PAPER_RING_MM[1] + dx / s,
        BOX_SEARCH_MM + PAPER_RING_MM[1] + dy / s,
        box.w_mm,
        box.h_mm,
    )
    if (
        sum(whole) < EDGE_MIN_SEEN_SEGMENTS
        or any(c < BOX_SIDE_MIN_CONTRAST for c, ok in zip(contrasts, whole) if ok)
        or max(abs(dx), abs(dy)) >= round(BOX_SEARCH_MM * s)
        or not seen[box_slice(found.grown(-EDGE_MIN_INSIDE_MM), s, seen.shape)].all()
    ):
        return unsure(OUT_OF_FRAME)
    reading = read_inside(patch, found, s, local_px_per_mm(h, box.center_mm))
    if reading.reason in (BLACKENED, FILLED) and not seen_around(seen, found, s):
        return unsure(OUT_OF_FRAME)  # filled or scribbled past the edge? Its overflow is unseen
    return proposed(evident(reading, darkness, patch, found, s), OUT_OF_FRAME)


def seen_around(seen: np.ndarray, box: Box, s: float) -> bool:
    """Is all of ``box``'s surroundings within SCRIBBLE_REACH_MM in the photo (``seen``), where
    a blackened box's overflow is measured?"""
    return bool(seen[box_slice(box.grown(SCRIBBLE_REACH_MM), s, seen.shape)].all())


def read_verified_box(gray: np.ndarray, h: np.ndarray, box: Box) -> Checkbox:
    """``read_checkbox_in_photo`` for a box whose paper ring is in the photo. A sure reading
    where a long shake leaves the box's place along it unpinned (``is_place_unpinned``) is a
    proposal, reason "déformé": its inside may be read where the smeared sides fill it."""
    reading = read_placed_box(gray, h, box)
    if reading.checked is None or reading.confidence <= PROPOSAL_CONFIDENCE:
        return reading
    if not is_place_unpinned(*darkness_patch(gray, h, box), box):
        return reading
    return Checkbox(reading.checked, PROPOSAL_CONFIDENCE, reading.score, reading.reason or DEFORMED)


def is_place_unpinned(patch: np.ndarray, darkness: np.ndarray, box: Box) -> bool:
    """Is the outline's place along a camera shake not pinned by the outline itself? Where the
    shake smears the outline's edges away along one direction (``shake_direction``'s anisotropy
    at most SHAKE_PLACE_MAX_ANISOTROPY), the outline template's response along that direction,
    through the place found, has another peak SHAKE_PLACE_RIVAL_MIN_MM or more away at
    SHAKE_PLACE_RIVAL_SHARE of the found place's response or more: the smeared sides across
    the shake run into the next box's (a column of boxes 2 mm apart), the template fits there
    as well."""
    s = READ_PX_PER_MM
    dx, dy, problem, _, _ = outline_found(darkness, box, s)
    if problem is not None:
        return False
    found = Box(
        BOX_SEARCH_MM + PAPER_RING_MM[1] + dx / s,
        BOX_SEARCH_MM + PAPER_RING_MM[1] + dy / s,
        box.w_mm,
        box.h_mm,
    )
    anisotropy, direction = shake_direction(darkness, found, s)
    if anisotropy > SHAKE_PLACE_MAX_ANISOTROPY:
        return False
    # the template's response over all of the patch (wider than the search: a rival peak lies
    # 2-3 mm along the shake), read along the shake's line through the place found
    size, origin, margin_px, box_px = template_origin(box, s, BOX_SEARCH_MM)
    kernel = outline_kernel(band_masks(size, box_px, margin_px, s))
    response = cv2.matchTemplate(darkness, kernel, cv2.TM_CCORR)
    a = np.radians(direction)
    steps = np.arange(-max(response.shape), max(response.shape) + 1, dtype=np.float64)
    xy = np.array([origin + dx, origin + dy], np.float64) + steps[:, None] * [np.cos(a), np.sin(a)]
    inside = (xy >= 0).all(axis=1) & (xy <= np.array(response.shape[::-1]) - 1).all(axis=1)
    steps, xy = steps[inside], xy[inside].astype(np.float32)
    profile = cv2.remap(response, np.ascontiguousarray(xy[:, :1]), np.ascontiguousarray(xy[:, 1:]),
                        cv2.INTER_LINEAR).ravel()
    middle = profile[1:-1]
    peaks = (middle >= profile[:-2]) & (middle >= profile[2:])
    rivals = middle[peaks & (np.abs(steps[1:-1]) >= SHAKE_PLACE_RIVAL_MIN_MM * s)]
    peak = float(response[origin + dy, origin + dx])
    return peak > 0 and rivals.size > 0 and float(rivals.max()) >= SHAKE_PLACE_RIVAL_SHARE * peak


def read_placed_box(gray: np.ndarray, h: np.ndarray, box: Box) -> Checkbox:
    """``read_verified_box`` where the box's place is taken as found."""
    s = READ_PX_PER_MM
    patch, darkness = darkness_patch(gray, h, box)
    dx, dy, problem, faint, contrasts = outline_found(darkness, box, s)
    found = Box(
        BOX_SEARCH_MM + PAPER_RING_MM[1] + dx / s,
        BOX_SEARCH_MM + PAPER_RING_MM[1] + dy / s,
        box.w_mm,
        box.h_mm,
    )
    photo_px_per_mm = local_px_per_mm(h, box.center_mm)
    reading = read_inside(patch, found, s, photo_px_per_mm)
    if reading.reason in (BLACKENED, FILLED) and problem != COVERED:
        return reading  # a scribble runs over the outline and hides part of it: a proposal only
    if problem:
        if problem == DEFORMED and is_mostly_verified(contrasts, dx, dy, s):
            return proposed(evident(reading, darkness, patch, found, s), DEFORMED)
        if (
            problem == DEFORMED
            and reading.checked
            and reading.reason is None
            and is_mostly_verified(contrasts, dx, dy, s, DEFORMED_YES_MAX_WEAK)
            and corner_paper_step(patch, found, s) < COVER_EDGE_MIN_STEP
        ):
            # ink in a box placed by most of its outline: a small tick across the outline dims
            # the segments it crosses; a cover hides a mark, it draws none: "yes" to confirm
            return proposed(evident(reading, darkness, patch, found, s), DEFORMED)
        return unsure(problem)
    if reading.checked:
        darker = read_inside(patch, found, s, photo_px_per_mm, darkest_side_paper(patch, found, s))
        if darker.checked is not True:  # the "ink" vanishes against the darkest side's paper
            if is_foreign_paper_beside(patch, found, s):
                # another card's white beside the box (its outline all there): the box's own
                # paper is the darker one; its corners' papers differ by that card's edge
                paper = darkest_side_paper(patch, found, s)
                return proposed(evident(darker, darkness, patch, found, s, paper), COVERED)
            if darker.checked is None or darker.reason == TRACE:
                # no foreign paper: a label, a hand's shadow darkens one side; against it the
                # mark is a trace, against the paper of the others a tick: "yes" to confirm
                return proposed(evident(reading, darkness, patch, found, s), TRACE)
            if is_tick_against_others(patch, found, s, photo_px_per_mm):
                # only the next box's outline, blurred into one side, darkens that side's
                # paper: against the others' the mark is a tick, "yes" to confirm
                return proposed(evident(reading, darkness, patch, found, s), TRACE)
            if reading.confidence >= UNSURE_PROPOSAL_MIN_EVIDENCE and is_tick_against_inside_paper(
                patch, found, s, photo_px_per_mm
            ):
                # the darkest side is darker than the paper inside the box (the next box
                # blackened, a heading, smeared into that side): no paper of the box. Against
                # the box's own paper, the mark is a tick: "yes" to confirm
                return proposed(reading, TRACE)
            if reading.confidence >= UNSURE_PROPOSAL_MIN_EVIDENCE and is_tick_darkening_inside(
                patch, found, s, photo_px_per_mm
            ):
                # a small tick in a blur darkens the box's own paper inside it, and against the
                # paper of the second darkest side it is a bent stroke, though a heading or a
                # label smeared into the darkest side makes it uneven: "yes" to confirm
                return proposed(reading, TRACE)
            return Checkbox(None, 0.3, reading.score, TRACE)  # only a tint: no value
        flat, depth = flattened(patch, found, s)
        tinted = read_inside(flat, found, s, photo_px_per_mm) if depth >= TINT_MIN_DEPTH else None
        if tinted is not None and tinted.checked is not True:
            # the "ink" vanishes once what is wider than a stroke is taken as paper: a tint over
            # the box (a highlighter stroke, a stain, a shadow's edge across it), not a mark
            if tinted.checked is False and tinted.reason is None:
                flat_darkness = darkness_against(flat, percentile(flat, 90))
                return proposed(evident(tinted, flat_darkness, flat, found, s), TRACE)
            return unsure(TRACE, reading.score)
        through = is_struck_through(darkness, found, s, contrasts)
        if through or is_struck_along(darkness, found, s, contrasts):
            if reading.reason is None:
                # or a straight line running far on past the box both ways (a toner streak, a
                # fold's shadow, a card's edge; a ruler's line across a row may cancel it): the
                # box read without it (taken off more strongly, STRUCK_STREAK_LIFT) is proposed
                # where that reading is clean, never sure
                lined = without_streak(gray, h, box, patch, darkness, found, s, photo_px_per_mm,
                                       reading, STRUCK_STREAK_LIFT)
                if lined is not reading and (lined.checked is False or lined.reason is None):
                    return Checkbox(lined.checked, min(lined.confidence, PROPOSAL_CONFIDENCE),
                                    reading.score, STRUCK)
                if (
                    not through
                    and is_line_under(corner_ink(darkness, found, s))
                    and not is_struck_along(darkness, found, s, contrasts, below=False)
                ):
                    # the "strike" leaves the box only downward, where a line runs under it
                    # through both bottom corners (the circle drawn round the box below, whose
                    # arc a tick's long stroke points at): the mark is proposed, never sure
                    return Checkbox(reading.checked, min(reading.confidence, PROPOSAL_CONFIDENCE),
                                    reading.score, STRUCK)
            return unsure(STRUCK, reading.score)  # a mark struck out: taken back? A person says
        if reading.reason is None and reading.confidence > PROPOSAL_CONFIDENCE:
            # a straight grey line across the box and far past it (a toner streak, a fold's
            # shadow, a ruler's guide line): is the "yes" still there without it?
            reading = without_streak(gray, h, box, patch, darkness, found, s, photo_px_per_mm,
                                     reading)
            if reading.reason == TRACE:
                return reading  # the line's, not a mark's: a proposal
        if reading.reason is None and reading.confidence > BLACKENED_CONFIDENCE:
            # a sure "yes" from a stroke: or a box blackened with a pale pen? Then a proposal,
            # like a box blackened with a dark one (its scribble's turns are no circle's corners)
            pale = pale_blackened(patch, found, s, photo_px_per_mm)
            if pale is not None:
                return pale
        if reading.reason is None and is_line_along_side(patch, found, s, photo_px_per_mm):
            # its ink is a line along one side (a neighbour's circle over the outline, an
            # edge's shadow): "yes", but a person confirms
            reading = replace(reading, confidence=min(reading.confidence, PROPOSAL_CONFIDENCE))
    if reading.checked is False:
        corners = corner_ink(darkness, found, s)
        # the marks of the boxes above and below reach this box's corners, not its left side
        beside = line_beside_left(darkness, found, s) >= CIRCLE_BESIDE_MIN_DARKNESS
        if (
            beside
            and sum(level >= CIRCLE_MIN_DARKNESS for level in corners) >= CIRCLED_MIN_CORNERS
            and min(corners) >= CIRCLE_FOURTH_CORNER_MIN_DARKNESS
        ):
            return Checkbox(True, CIRCLED_CONFIDENCE, reading.score, CIRCLED)  # circled: yes?
        if beside and is_blurred_circle(corners, contrasts):
            # a fainter line through all four corners, as dark as the printed outline is seen:
            # a circle softened by blur (a smeared outline or a neighbour's mark is fainter in
            # some corner): "yes" to confirm
            return Checkbox(True, UNSURE_PROPOSAL_CONFIDENCE, reading.score, CIRCLED)
        if sum(level >= CIRCLE_DOUBT_DARKNESS for level in corners) >= CIRCLE_DOUBT_MIN_CORNERS:
            # a fainter line round the box (a blurred circle?): "no", but a person confirms
            return replace(reading, confidence=min(reading.confidence, CIRCLED_CONFIDENCE))
        if is_circle_off_centre(corners, beside, darkness, found, s):
            # a circle drawn round the box but off to one side, its far side out of the corner
            # zones: "no", but a person confirms
            return replace(reading, confidence=min(reading.confidence, CIRCLED_CONFIDENCE))
        if is_hugged(darkness, found, s):
            # a loop drawn close round the box, inside the corner zones? Or the next box's
            # outline and a label: "no", but a person confirms
            return replace(reading, confidence=min(reading.confidence, CIRCLED_CONFIDENCE))
        length_mm, spread_mm = stroke_along_outline_mm(patch, found, s)
        if length_mm >= EDGE_TICK_MIN_MM and spread_mm >= TICK_MIN_SPREAD_MM:
            # a bent stroke beside the outline, inside the box, where the inside is not read (a
            # small tick pushed into a corner): "no", but a person confirms
            return replace(reading, confidence=min(reading.confidence, PROPOSAL_CONFIDENCE))
        length_mm, spread_mm = stroke_beside_mm(patch, found, s)
        if length_mm >= TICK_MIN_MM and spread_mm >= BESIDE_TICK_MIN_SPREAD_MM:
            # a stroke just left of the box, not quite straight, where nothing is printed (a
            # tick that missed the box?): "no", but a person confirms
            return replace(reading, confidence=min(reading.confidence, PROPOSAL_CONFIDENCE))
    if (
        reading.checked is True
        and reading.reason is None
        and reading.confidence > PROPOSAL_CONFIDENCE
        and is_outline_blur_yes(patch, found, s, photo_px_per_mm)
    ):
        # "yes" only from the outline's blur filling the inside: "yes" to confirm
        reading = replace(reading, confidence=PROPOSAL_CONFIDENCE)
    soft = float(np.median(contrasts)) < SOFT_OUTLINE_MAX_CONTRAST
    if faint or soft or corner_paper_step(patch, found, s) >= COVER_EDGE_MIN_STEP:
        # read, but a person confirms: the outline is only partly verified or much softened by
        # blur, or something may lie over part of the box (translucent tape lets it show through)
        return replace(reading, confidence=min(reading.confidence, FAINT_OUTLINE_MAX_CONFIDENCE))
    return reading


def proposed(reading: Checkbox, reason: str) -> Checkbox:
    """An unsure box's most likely value, for a person to confirm: ``reading``'s value below the
    review line (UNSURE_PROPOSAL_CONFIDENCE), with ``reason`` unless the reading has its own
    (a convention's proposal: "remplie", "noircie", "entourée"; a "trace"); no value where the
    reading has none."""
    if reading.checked is None:
        return unsure(reason, reading.score)
    return Checkbox(
        reading.checked,
        min(reading.confidence, UNSURE_PROPOSAL_CONFIDENCE),
        reading.score,
        reading.reason or reason,
    )


def evident(
    reading: Checkbox,
    darkness: np.ndarray,
    patch: np.ndarray,
    box: Box,
    s: float,
    own_paper: float | None = None,
) -> Checkbox:
    """``reading`` where its own evidence is clear (UNSURE_PROPOSAL_MIN_EVIDENCE), else no value.
    An empty reading also needs the box's surroundings clean: no line round it (a circle?) and
    no step of paper between its corners (a cover over part of the box may hide the mark).
    ``own_paper``: the box's own paper level where foreign paper lies beside the box (not over
    it: its outline is all there); ink is then measured against it, and the step between the
    corners is that paper's edge."""
    if own_paper is not None:
        darkness = darkness_against(patch, own_paper)
    if reading.checked is None or reading.reason is not None:
        return reading if reading.reason in (BLACKENED, FILLED) else unsure(TRACE, reading.score)
    if reading.confidence < UNSURE_PROPOSAL_MIN_EVIDENCE:
        return unsure(TRACE, reading.score)
    if reading.checked is False and (
        sum(level >= CIRCLE_DOUBT_DARKNESS for level in corner_ink(darkness, box, s))
        >= CIRCLE_DOUBT_MIN_CORNERS
        or (own_paper is None and corner_paper_step(patch, box, s) >= COVER_EDGE_MIN_STEP)
    ):
        return unsure(TRACE, reading.score)
    return reading


def flattened(patch: np.ndarray, box: Box, s: float) -> tuple[np.ndarray, float]:
    """``patch`` with whatever is darker than the paper over more than TINT_MIN_WIDTH_MM each way
    (a highlighter's tint, a stain, a shadow) brought back to the paper's level, and how deep
    that tint goes both inside ``box`` and beside it, in its paper ring (a fraction of the
    paper's grey: a tint lies over the box and beside it; a blurred cross darkens only the
    inside). The paper's local level is the patch closed by a square that wide (a pen stroke,
    the outline, a label's letters are narrower and vanish from it); each pixel is scaled by
    the paper's level over it. Strokes keep their contrast; a tint loses it."""
    k = round(TINT_MIN_WIDTH_MM * s) | 1
    local = cv2.morphologyEx(patch, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    paper = percentile(patch, 90)
    inside = local[box_slice(box.grown(-BORDER_EXCLUSION_MM), s, local.shape)]
    sides = [local[box_slice(side, s, local.shape)] for side in ring_sides(box)]
    if not inside.size or not all(side.size for side in sides):
        return patch, 0.0
    # over the box and over two opposite sides of its ring (a stroke across a row or a column
    # of boxes, a stain): a mark's blur darkens the closed patch inside the box (and the ring's
    # inner edge, at 2 px/mm in soft focus), a label one side of its ring
    top, bottom, left, right = (percentile(side, 50) for side in sides)
    beside = min(max(top, bottom), max(left, right))
    depth = 1.0 - max(float(inside.min()), beside) / max(paper, 1.0)
    return (patch * (paper / np.maximum(local, 1.0))).astype(np.float32), depth


def is_struck_through(darkness: np.ndarray, box: Box, s: float, contrasts: list[float]) -> bool:
    """Does a stroke cross the paper just outside two opposite sides of the box, in their middle
    (a line struck through the box, past it both ways, to take its mark back)? Per side, the
    darkness across the band OUTSIDE_BAND_MM out, along the side's middle
    (STRUCK_SIDE_MIDDLE): a stroke across it is a peak, at least STRUCK_MIN_PEAK of the
    outline's own contrast above the band's lightest, its darker half at most
    STRUCK_MAX_WIDTH_MM wide (the outline's blur is alike all along the side, a shadow over the
    band is wide), its highest point within the band, not at its end (a shadow's edge just
    beside the box darkens the end of a band across it; a label's first letter makes a peak in
    the band on its side, so both sides of a pair must have one).
    A tick's tail or a cross's arm leaves the box by one side or by its corners; the label
    beside a box starts past the band."""
    near, far = OUTSIDE_BAND_MM
    a, b = STRUCK_SIDE_MIDDLE
    x, y, w, h = box.x_mm, box.y_mm, box.w_mm, box.h_mm
    zones = (
        (Box(x - far, y + a * h, far - near, (b - a) * h), 1),
        (Box(box.right_mm + near, y + a * h, far - near, (b - a) * h), 1),
        (Box(x + a * w, y - far, (b - a) * w, far - near), 0),
        (Box(x + a * w, box.bottom_mm + near, (b - a) * w, far - near), 0),
    )
    least = STRUCK_MIN_PEAK * float(np.median(contrasts))
    crossed, inner = [], []
    for zone, across in zones:
        band = darkness[box_slice(zone, s, darkness.shape)]
        profile = band.mean(axis=across) if band.size else np.zeros(1)
        top, low = int(np.argmax(profile)), float(profile.min())
        dark = profile >= (profile[top] + low) / 2
        crossed.append(profile[top] - low >= least and dark.sum() / s <= STRUCK_MAX_WIDTH_MM)
        inner.append(0 < top < profile.size - 1)
    return any(
        crossed[i] and crossed[j] and inner[i] and inner[j] for i, j in ((0, 1), (2, 3))
    )


def strike_offsets(s: float) -> np.ndarray:
    """The offsets (mm from the box's centre) of the parallel lines ``strike_lines`` tries in
    each direction, in their order there."""
    return np.arange(-STRUCK_LINE_MAX_OFFSET_MM, STRUCK_LINE_MAX_OFFSET_MM + 1e-9, 2 / s)


@lru_cache(maxsize=8)
def strike_lines(side_mm: float, s: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The straight lines ``is_struck_along`` tries across a box of ``side_mm``: every
    STRUCK_LINE_STEP_DEG, at offsets from the box's centre up to STRUCK_LINE_MAX_OFFSET_MM.
    Per line and end, the points (mm from the centre) where it runs STRUCK_LINE_BEYOND_MM past
    the box (its distance out of the square, the larger of across and down), on the line and
    STRUCK_LINE_SIDE_MM beside it both ways: (points on the line, points beside it, the end of
    each point (line * 2 + 0 or 1, so that one ``np.bincount`` averages each end), each line's
    direction in degrees)."""
    half = side_mm / 2
    near, far = STRUCK_LINE_BEYOND_MM
    step = 1 / s
    offsets = strike_offsets(s)
    along = np.arange(0.0, (half + far) * np.sqrt(2) + step, step)
    on: list[np.ndarray] = []
    beside: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    directions: list[float] = []
    for degrees in np.arange(0.0, 180.0, STRUCK_LINE_STEP_DEG):
        a = np.radians(degrees)
        u, n = np.array([np.cos(a), np.sin(a)]), np.array([-np.sin(a), np.cos(a)])
        for p in offsets:
            for sign in (1, -1):
                points = p * n + sign * along[:, None] * u
                out = np.abs(points).max(axis=1) - half
                points = points[(out >= near) & (out <= far)]
                on.append(points)
                beside.append(np.stack([points + STRUCK_LINE_SIDE_MM * n,
                                        points - STRUCK_LINE_SIDE_MM * n]))
                ends.append(np.full(len(points), 2 * len(directions) + (sign < 0)))
            directions.append(degrees)
    lines = (np.concatenate(on), np.concatenate(beside, axis=1), np.concatenate(ends),
             np.array(directions))
    for array in lines:
        array.setflags(write=False)  # cached: shared by every box of this size, read only
    return lines


def shake_direction(darkness: np.ndarray, box: Box, s: float) -> tuple[float, float]:
    """How much a camera shake smears the box's printed outline, and along which direction: the
    outline's bands (``band_masks``, one pixel wider) hold edges every way on a sharp photo; a
    shake blurs away the edges along its direction. (smallest over largest eigenvalue of the
    gradients' structure tensor there: ~0.85 sharp, ~0.15 shaken; its eigenvector's direction in
    degrees, 0-180, as ``strike_lines``' directions)."""
    size, _, margin_px, box_px = template_origin(box, s, BOX_SEARCH_MM)
    x0, y0 = round(box.x_mm * s - margin_px), round(box.y_mm * s - margin_px)
    window = darkness[max(y0, 0) : y0 + size, max(x0, 0) : x0 + size]
    if window.shape != (size, size):
        return 1.0, 0.0
    masks = band_masks(size, box_px, margin_px, s)
    bands = (masks["top"] | masks["bottom"] | masks["left"] | masks["right"]).astype(np.uint8)
    bands = cv2.dilate(bands, np.ones((3, 3), np.uint8)).astype(bool)
    gx = cv2.Sobel(window, cv2.CV_32F, 1, 0, ksize=3)[bands]
    gy = cv2.Sobel(window, cv2.CV_32F, 0, 1, ksize=3)[bands]
    tensor = np.array([[gx @ gx, gx @ gy], [gx @ gy, gy @ gy]], np.float64)
    values, vectors = np.linalg.eigh(tensor)
    direction = float(np.degrees(np.arctan2(vectors[1, 0], vectors[0, 0])) % 180.0)
    return float(values[0] / max(values[1], 1e-9)), direction


def is_struck_along(
    darkness: np.ndarray, box: Box, s: float, contrasts: list[float], below: bool = True
) -> bool:
    """Is there one straight stroke through the box's middle that runs on past the box at both
    ends (``strike_lines``), darker there than the paper STRUCK_LINE_SIDE_MM beside it (read
    without the printed outlines around, ``without_printed_lines``) by at least
    STRUCK_LINE_MIN_RIDGE of the outline's contrast, one stroke inside the box too
    (STRUCK_LINE_INSIDE_*: a tick's tail and a line under the box are not), and no second one
    at another angle (STRUCK_LINE_CROSS_MIN_DEG or more apart, at STRUCK_LINE_CROSS_SHARE of
    that darkness: a cross whose arms run past the box's corners)?
    A line struck through a ticked box in any direction, through its corners too, where
    ``is_struck_through``'s side bands see it at their ends (a shadow's edge). A tick's tail
    runs past the box at one end only. Under a camera shake (``shake_direction``), lines near
    its direction are left out: a small tick's arm along it is smeared past the box both ways.
    ``below``: whether a line may end below the box (its end's mean point past the bottom
    side's line, or beside the box up to STRUCK_UNDER_ABOVE_MM above it; ``is_line_under``)."""
    on, beside, ends, directions = strike_lines(box.w_mm, s)
    centre = np.array(box.center_mm)

    def sample(points_mm: np.ndarray, image: np.ndarray = darkness) -> np.ndarray:
        xy = ((points_mm + centre) * s - 0.5).astype(np.float32).reshape(-1, 2)
        size = len(xy)
        grid = np.pad(xy, ((0, (-size) % 256), (0, 0))).reshape(-1, 256, 2)
        values = cv2.remap(image, grid[..., 0], grid[..., 1], cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REPLICATE)
        return values.ravel()[:size]

    line = sample(on)
    # the paper beside: not the next box's printed outline (STRUCK_PRINTED_*)
    side = np.maximum(*sample(beside, without_printed_lines(darkness, s)).reshape(2, -1))
    count = np.bincount(ends, minlength=2 * directions.size)
    total = np.bincount(ends, line - side, minlength=2 * directions.size)
    ridge = np.where(count > 0, total / np.maximum(count, 1), -1.0)
    if not below:
        down = np.bincount(ends, on[:, 1], minlength=2 * directions.size)
        # the end's mean point past the bottom side, or beside the box just above it
        ridge[down > (box.h_mm / 2 - STRUCK_UNDER_ABOVE_MM) * count] = -1.0
    both = np.minimum(ridge[0::2], ridge[1::2])  # each line, at both of its ends
    least = STRUCK_LINE_MIN_RIDGE * float(np.median(contrasts))
    seen = both >= least
    if not seen.any():
        return False
    # one stroke through the box, inside it too (STRUCK_LINE_INSIDE_*): not a tick's tail past
    # one corner and a line under the other (a circle's arc, the next box's outline)
    offsets = strike_offsets(s)
    along = np.arange(-box.w_mm, box.w_mm, 1 / s)
    across = np.array([-STRUCK_LINE_INSIDE_REACH_MM, 0.0, STRUCK_LINE_INSIDE_REACH_MM])
    inside_min = STRUCK_LINE_INSIDE_MIN * float(np.median(contrasts))

    def inside(k: int | np.integer, gaps: float) -> bool:
        # line k's darkness inside the box, at least inside_min on all but ``gaps`` % of it
        a = np.radians(directions[k])
        u, n = np.array([np.cos(a), np.sin(a)]), np.array([-np.sin(a), np.cos(a)])
        points = offsets[k % offsets.size] * n + along[:, None] * u
        points = points[np.abs(points).max(axis=1) <= box.w_mm / 2 - STRUCK_LINE_INSIDE_INSET_MM]
        ink = np.max([sample(points + o * n) for o in across], axis=0)
        return percentile(ink, gaps) >= inside_min

    for k in np.flatnonzero(seen):
        seen[k] = inside(k, STRUCK_LINE_INSIDE_GAP_PERCENTILE)
    if not seen.any():
        return False
    anisotropy, shake = shake_direction(darkness, box, s)
    if anisotropy <= STRUCK_LINE_SHAKE_MAX_ANISOTROPY:
        # a camera shake smears a mark into a line along its own direction, past the box
        seen &= angle_apart(directions, shake) > STRUCK_LINE_SHAKE_MIN_DEG
    if not seen.any():
        return False
    strike = directions[int(np.argmax(np.where(seen, both, -np.inf)))]
    armed = np.flatnonzero(both >= STRUCK_LINE_CROSS_SHARE * least)  # a cross's arms, fainter?
    if not (angle_apart(directions[armed], strike) >= STRUCK_LINE_CROSS_MIN_DEG).any():
        return True
    if not is_line_under(corner_ink(darkness, box, s)):
        return False
    # a tick's long stroke, up past the top right corner, and the arc of the circle round the
    # box below make a line with a short gap inside the box, a cross's arm with a strike across
    # it: there a cross is two lines unbroken inside the box (STRUCK_CROSS_UNDER_GAP_PERCENTILE)
    whole = [k for k in np.flatnonzero(seen) if inside(k, STRUCK_CROSS_UNDER_GAP_PERCENTILE)]
    if not whole:
        return True
    unbroken = [j for j in armed if inside(j, STRUCK_CROSS_UNDER_GAP_PERCENTILE)]
    return not any(
        angle_apart(directions[j : j + 1], directions[k])[0] >= STRUCK_LINE_CROSS_MIN_DEG
        for k in whole
        for j in unbroken
    )


def without_printed_lines(darkness: np.ndarray, s: float) -> np.ndarray:
    """``darkness`` without its thin straight lines along the card's axes (the printed outlines
    of the boxes around): what a level or upright line STRUCK_PRINTED_LINE_MM long holds and a
    square STRUCK_PRINTED_WIDE_MM across does not. A shadow, wider, stays; a pen's slanted stroke
    holds no such line."""
    length, width = round(STRUCK_PRINTED_LINE_MM * s), round(STRUCK_PRINTED_WIDE_MM * s)
    level = cv2.morphologyEx(darkness, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    upright = cv2.morphologyEx(darkness, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    wide = cv2.morphologyEx(darkness, cv2.MORPH_OPEN, np.ones((width, width), np.uint8))
    return darkness - np.maximum(np.maximum(level, upright) - wide, 0.0)


def is_line_under(corners: list[float]) -> bool:
    """Is there pen ink in both bottom corner zones (``corner_ink``: top left, top right, bottom
    right, bottom left; at least STRUCK_UNDER_MIN_DARKNESS), a line running under the box? The
    circle drawn round the box below in a column (7 mm apart) passes there, and a tick's long
    stroke, from its bottom up to the right, points at its arc: ``is_struck_along`` took the
    two for one stroke struck through the box. A strike leaves the box by one corner or one
    side; a tick's own tail leaves it at the top."""
    return min(corners[2], corners[3]) >= STRUCK_UNDER_MIN_DARKNESS


def angle_apart(degrees: np.ndarray, other: float) -> np.ndarray:
    """How far apart directions are (degrees, 0-180 each: lines, not arrows), 0-90."""
    apart = np.abs(degrees - other) % 180.0
    return np.minimum(apart, 180.0 - apart)


def is_blurred_circle(corners: list[float], contrasts: list[float]) -> bool:
    """Is there ink in all four diagonal corners just outside the box (``corner_ink``), at
    least CIRCLE_BLURRED_MIN_DARKNESS and, in the palest corner, CIRCLE_BLURRED_MIN_OUTLINE_SHARE of
    the printed outline's own contrast as seen (``side_contrasts``' median)? Blur softens a pen
    circle as much as the outline beside it; the outline's own smear into the corners, or a
    neighbour's mark passing by, leaves some corner fainter than that."""
    least = CIRCLE_BLURRED_MIN_OUTLINE_SHARE * float(np.median(contrasts))
    return min(corners) >= max(CIRCLE_BLURRED_MIN_DARKNESS, least)


def is_mostly_verified(
    contrasts: list[float], dx: int, dy: int, s: float, most: int = DEFORMED_PROPOSAL_MAX_WEAK
) -> bool:
    """Is the outline's place verified by all but ``most`` of its segments at most
    (DEFORMED_PROPOSAL_MAX_WEAK; DEFORMED_YES_MAX_WEAK for ink seen inside), away from the edge
    of the search?"""
    weak = sum(c < BOX_SIDE_MIN_CONTRAST for c in contrasts)
    return weak <= most and max(abs(dx), abs(dy)) < round(BOX_SEARCH_MM * s)


def outline_problem(
    contrasts: list[float], dx: int, dy: int, s: float, reach_mm: float = BOX_SEARCH_MM
) -> tuple[str | None, bool]:
    """Why the outline found at (dx, dy) px is not verified (or None), and whether it is only
    partly verified: a few segments faint (blur, JPEG, a label's descender beside it) but none
    gone, as under a cover (~0)."""
    weak = [c for c in contrasts if c < BOX_SIDE_MIN_CONTRAST]
    if len(weak) > len(contrasts) // 2:
        return COVERED, False
    if max(abs(dx), abs(dy)) >= round(reach_mm * s):
        return DEFORMED, False  # the best place is at the edge of the search: not really found
    faint = bool(weak) and len(weak) <= BOX_SIDE_MAX_FAINT and min(weak) >= BOX_SIDE_FAINT_CONTRAST
    return (DEFORMED if weak and not faint else None), faint


def side_papers(patch: np.ndarray, box: Box, s: float) -> list[float]:
    """The paper's level on each of the box's four sides, in its paper ring (each side's high
    percentile: a label's letters or a neighbour box's outline in a side must not pass for
    darker paper)."""
    return [
        percentile(patch[box_slice(side, s, patch.shape)], PAPER_HIGH_PERCENTILE)
        for side in ring_sides(box)
    ]


def ring_sides(box: Box) -> tuple[Box, Box, Box, Box]:
    """The box's paper ring (PAPER_RING_MM) on each side: top, bottom, left, right."""
    near, far = PAPER_RING_MM
    return (
        Box(box.x_mm, box.y_mm - far, box.w_mm, far - near),
        Box(box.x_mm, box.bottom_mm + near, box.w_mm, far - near),
        Box(box.x_mm - far, box.y_mm, far - near, box.h_mm),
        Box(box.right_mm + near, box.y_mm, far - near, box.h_mm),
    )


def darkest_side_paper(patch: np.ndarray, box: Box, s: float) -> float:
    """The paper's level on the darkest of the box's four sides. When a card stuck over this
    one has its edge right beside the box, the ring around the box mixes two papers and its
    white is the foreign one: a pastel card then looks inked."""
    return min(side_papers(patch, box, s))


def is_tick_against_others(
    patch: np.ndarray, box: Box, s: float, photo_px_per_mm: float
) -> bool:
    """Is the inside's ink, against the paper of the second darkest side (the darkest left out),
    a bent stroke (TICK_MIN_MM long, TICK_MIN_SPREAD_MM across its direction: a tick's own
    shape, not the blur of a blob beside the box), with the box's four corners on one paper
    (COVER_EDGE_MIN_STEP: no shadow's or cover's edge across the box) and the darkest side's
    paper alike in its three thirds (SIDE_EVEN_MAX_STEP: a line all along it, not a pen dot
    beside the box)? Then that side is darkened by a line beside the box only: the next box's
    printed outline, 2 mm away, blurred into it."""
    papers = side_papers(patch, box, s)
    darkest = ring_sides(box)[int(np.argmin(papers))]
    thirds = [
        percentile(patch[box_slice(part, s, patch.shape)], PAPER_HIGH_PERCENTILE)
        for part in thirds_of(darkest)
    ]
    return (
        is_tick_stroke_against(patch, box, s, photo_px_per_mm, sorted(papers)[1])
        and corner_paper_step(patch, box, s) < COVER_EDGE_MIN_STEP
        and (max(thirds) - min(thirds)) / max(max(thirds), 1.0) < SIDE_EVEN_MAX_STEP
    )


def is_tick_darkening_inside(
    patch: np.ndarray, box: Box, s: float, photo_px_per_mm: float
) -> bool:
    """Is the paper inside the box darker than the second darkest side's
    (``own_paper_step`` at least TICK_INSIDE_MIN_STEP: a mark inside the box, not a line or a
    dot beside it), the inside's ink, against that side's paper, a bent stroke (TICK_MIN_MM,
    TICK_MIN_SPREAD_MM: a tick's shape, not an outline's straight blur), and the four corners
    short of a shadow's or a cover's edge (TICK_INSIDE_MAX_CORNER_STEP)? In soft focus or a
    shake at 1.7-2.7 px/mm a small tick is lost against its darkest side, which a heading or
    a label smeared into it darkens unevenly (``is_tick_against_others`` wants it even)."""
    papers = side_papers(patch, box, s)
    if own_paper_step(papers, inside_paper(patch, box, s)) < TICK_INSIDE_MIN_STEP:
        return False
    if corner_paper_step(patch, box, s) >= TICK_INSIDE_MAX_CORNER_STEP:
        return False
    return is_tick_stroke_against(patch, box, s, photo_px_per_mm, sorted(papers)[1])


def is_tick_stroke_against(
    patch: np.ndarray, box: Box, s: float, photo_px_per_mm: float, paper: float
) -> bool:
    """Is the inside's ink, measured against ``paper``, a tick's bent stroke (at least
    TICK_MIN_MM long and TICK_MIN_SPREAD_MM across its direction: ``stroke_margin``)?"""
    measured = measure_inside(patch, box, s, photo_px_per_mm, paper)
    assert measured is not None  # None only when read clear of the outline's smear
    _, _, longest_mm, spread_mm, _, _, _ = measured
    return stroke_margin(longest_mm, spread_mm) >= 0


def thirds_of(band: Box) -> list[Box]:
    """``band`` cut in three along its long side."""
    if band.w_mm >= band.h_mm:
        w = band.w_mm / 3
        return [Box(band.x_mm + i * w, band.y_mm, w, band.h_mm) for i in range(3)]
    h = band.h_mm / 3
    return [Box(band.x_mm, band.y_mm + i * h, band.w_mm, h) for i in range(3)]


def inside_paper(patch: np.ndarray, box: Box, s: float) -> float:
    """The paper's level inside the box, clear of its outline's band (the high percentile of
    the inside INSIDE_DEEP_BAND_MM[0] in from the outline: a small tick leaves most of it
    paper)."""
    inner = patch[box_slice(box.grown(-INSIDE_DEEP_BAND_MM[0]), s, patch.shape)]
    return percentile(inner, PAPER_HIGH_PERCENTILE)


def is_tick_against_inside_paper(
    patch: np.ndarray, box: Box, s: float, photo_px_per_mm: float
) -> bool:
    """Is the darkest side's paper darker than the paper inside the box (``inside_paper``), and
    the inside's ink, against that inside paper (no lighter than the paper ring's), a bent
    stroke (TICK_MIN_MM long, TICK_MIN_SPREAD_MM across: a tick's own shape)? A side darker
    than the box's own paper is no paper of the box (the next box blackened, a heading, smeared
    into the ring) and any mark vanishes against it. An empty box whose inside reads "yes" only
    from its outline's blur shows there a straight frame, no bent stroke (spread 0.15-0.19 mm
    where small soft ticks have 0.3-0.55)."""
    own = inside_paper(patch, box, s)
    if own <= darkest_side_paper(patch, box, s):
        return False
    paper, _, _ = ink_levels(patch, box, s)
    measured = measure_inside(patch, box, s, photo_px_per_mm, min(own, paper))
    assert measured is not None
    _, _, longest_mm, spread_mm, _, _, _ = measured
    return stroke_margin(longest_mm, spread_mm) >= 0


def is_foreign_paper_beside(patch: np.ndarray, box: Box, s: float) -> bool:
    """Is the paper on some side of the box clearly whiter than the paper inside it, as a step
    (the opposite side is not darker by half as much)? Another card's paper is (white over
    pastel: 5-17 % of the grey level); the card's own paper beside an empty box smeared by
    blur is not, nor is a label beside it (it only darkens its side), nor the shading of a
    curl or a shadow across the box (a slope: one side lighter, the other darker)."""
    papers = side_papers(patch, box, s)
    inside = inside_paper(patch, box, s)
    lighter, darker = max(papers) - inside, inside - min(papers)
    return (
        lighter > FOREIGN_PAPER_MIN_STEP * max(papers)
        and darker < lighter / 2
        and own_paper_step(papers, inside) < FOREIGN_OWN_PAPER_MAX_STEP
    )


def own_paper_step(papers: list[float], inside: float) -> float:
    """How much darker the inside's paper is than the second darkest side's (a fraction of the
    whitest side's grey). Another card's edge beside the box whitens one or two sides of its
    ring, not the box's own paper on the others nor inside it: the inside is as light as they
    are. A small tick in soft focus darkens the inside instead, all of it."""
    return (sorted(papers)[1] - inside) / max(max(papers), 1.0)


def corner_paper_step(patch: np.ndarray, box: Box, s: float) -> float:
    """The spread of the paper's level between the four diagonal corners just outside the box
    (nothing is printed there), as a fraction of the brightest: the edge of tape, a hand or a
    card lying over part of the box (or its shadow) puts some corners under it, not others."""
    levels = [
        percentile(patch[zone], PAPER_HIGH_PERCENTILE)
        for zone in outer_corners(box, s, patch.shape)
    ]
    return (max(levels) - min(levels)) / max(max(levels), 1.0)


def outer_corners(box: Box, s: float, shape: tuple[int, ...]) -> list[tuple[slice, slice]]:
    """The four diagonal corner zones just outside the box (``CIRCLE_CORNER_MM``), as slices of
    a patch of ``shape``: top left, top right, bottom right, bottom left."""
    near, far = CIRCLE_CORNER_MM
    zones = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x = box.x_mm - far if sx < 0 else box.right_mm + near
        y = box.y_mm - far if sy < 0 else box.bottom_mm + near
        zones.append(box_slice(Box(x, y, far - near, far - near), s, shape))
    return zones


def corner_ink(darkness: np.ndarray, box: Box, s: float) -> list[float]:
    """The darkest ink in each of the four diagonal corners just outside the box. Nothing is
    printed there (labels sit beside the box's middle, headings above its left part); a circle
    drawn round the box passes through all four."""
    zones = [darkness[zone] for zone in outer_corners(box, s, darkness.shape)]
    return [float(zone.max()) if zone.size else 0.0 for zone in zones]


def is_circle_off_centre(
    corners: list[float], beside: bool, darkness: np.ndarray, box: Box, s: float
) -> bool:
    """A circle drawn round the box 1.5-2 mm off to one side (``corners``: top left, top right,
    bottom right, bottom left)? It passes through the two corner zones on that side only, its
    far side less than CIRCLE_CORNER_MM[0] out of the other two. Off to the left: ink in both
    left corners, where nothing is printed. Off to the right, up or down, where the label's
    letters or the marks of the boxes above and below also reach two corners: ink in both
    corners of that side and the circle's arc beside the box's left side at its mid-height,
    close (CIRCLE_OFF_BESIDE_*: off to the right) or further out (``beside``: the usual line,
    ``line_beside_left`` at CIRCLE_BESIDE_MIN_DARKNESS, already measured)."""
    def inked(a: int, b: int) -> bool:
        return corners[a] >= CIRCLE_DOUBT_DARKNESS and corners[b] >= CIRCLE_DOUBT_DARKNESS

    if inked(3, 0):
        return True
    return any(inked(a, b) for a, b in ((0, 1), (1, 2), (2, 3))) and (
        beside
        or line_beside_left(darkness, box, s, CIRCLE_OFF_BESIDE_NEAR_MM)
        >= CIRCLE_OFF_BESIDE_MIN_DARKNESS
    )


def line_beside_left(
    darkness: np.ndarray, box: Box, s: float, near: float = CIRCLE_BESIDE_MM[0]
) -> float:
    """The darkness of a line running down beside the box's left side, ``near`` to
    CIRCLE_BESIDE_MM[1] out of it, along the middle half of the side: the median over those
    rows of each row's darkest point. A circle drawn round the box passes there (at the box's
    mid-height its arc lies 1.6-3.6 mm out); the circles, fills and scribble-outs of the boxes
    above and below it in a column (7 mm apart) reach this box's corners, not the height of its
    middle. Labels are printed right of their box."""
    far = CIRCLE_BESIDE_MM[1]
    rows = slice(round((box.y_mm + box.h_mm / 4) * s), round((box.bottom_mm - box.h_mm / 4) * s))
    band = darkness[rows, max(round((box.x_mm - far) * s), 0) : round((box.x_mm - near) * s)]
    return float(np.median(band.max(axis=1))) if band.size else 0.0


def border_exclusion_mm(photo_px_per_mm: float) -> float:
    """How far in from the printed outline a box's inside is read (mm): the outline's own band
    (BORDER_EXCLUSION_MM) and a photo pixel of its blur (BORDER_BLUR_PHOTO_PX)."""
    return BORDER_EXCLUSION_MM + BORDER_BLUR_PHOTO_PX / photo_px_per_mm


def ink_levels(
    patch: np.ndarray, box: Box, s: float, paper_level: float | None = None
) -> tuple[float, float, float]:
    """(paper grey, noise allowance, outline contrast) around a verified box: ink is
    ``(paper - noise - grey) / contrast`` (0 paper, 1 as dark as the printed outline)."""
    ring = ring_pixels(patch, box.grown(PAPER_RING_MM[0]), box.grown(PAPER_RING_MM[1]), s)
    paper, paper_high = percentile(ring, PAPER_PERCENTILE), percentile(ring, PAPER_HIGH_PERCENTILE)
    if paper_level is not None:  # the same spread (noise) about another paper level
        paper, paper_high = paper_level, paper_level + (paper_high - paper)
    noise = NOISE_ALLOWANCE * max(paper_high - paper, 0.0) / GAUSS_P75_TO_P90_SIGMAS
    border = ring_pixels(
        patch, box.grown(-BORDER_EXCLUSION_MM / 2), box.grown(BORDER_EXCLUSION_MM / 2), s
    )
    contrast = max(paper - percentile(border, 15), MIN_CONTRAST * paper, 1.0)
    return paper, noise, contrast


def measure_inside(
    patch: np.ndarray,
    box: Box,
    s: float,
    photo_px_per_mm: float,
    paper_level: float | None = None,
    clear_of_smear: bool = False,
) -> tuple[float, float, float, float, int, float, float] | None:
    """Inside a verified outline: (score, cover, longest stroke and its spread in mm, open edge
    middles, the mark's own darkness, its palest edge middle). Score is the mean ink darkness
    against the paper around the box and the outline's own ink (0 paper, 1 as dark as the
    outline); cover the share of the inside at least half that dark; the mark's own darkness the
    PALE_MARK_PERCENTILE of the whole inside's ink; the palest edge middle's mean ink as a share
    of that darkness (``edge_middles``: a cross leaves paper there). ``clear_of_smear``: score
    and strokes read clear of the outline's smear (``outline_smear_mm``) where it runs on into
    the box OUTLINE_SMEAR_MIN_EXTRA_MM beyond the outline's own blur; None where it does not."""
    paper, noise, contrast = ink_levels(patch, box, s, paper_level)
    exclusion_mm = border_exclusion_mm(photo_px_per_mm)
    inside = box.grown(-exclusion_mm)
    whole = np.clip((paper - noise - patch[box_slice(inside, s, patch.shape)]) / contrast, 0, 1)
    ink = whole
    if clear_of_smear:
        reaches = outline_smear_mm(np.clip((paper - noise - patch) / contrast, 0, 1), box, s)
        if max(reaches) < exclusion_mm + OUTLINE_SMEAR_MIN_EXTRA_MM:
            return None
        left, right, top, bottom = (max(exclusion_mm, reach) for reach in reaches)
        w, h = box.w_mm - left - right, box.h_mm - top - bottom
        clear = Box(box.x_mm + left, box.y_mm + top, w, h)
        ink = np.clip((paper - noise - patch[box_slice(clear, s, patch.shape)]) / contrast, 0, 1)
    strokes = ink >= INK_MIN_DARKNESS
    # the inside's outermost pixel ring may hold the outline's blur, one pixel off: an L along
    # two edges, long and bent like a tick (an empty box at 2 px/mm in soft focus read checked)
    strokes[[0, -1], :] = strokes[:, [0, -1]] = False
    length_mm, spread_mm = longest_stroke_mm(strokes, s)
    own = percentile(whole, PALE_MARK_PERCENTILE)
    return (
        float(ink.mean()),
        float((whole >= 0.5).mean()),
        length_mm,
        spread_mm,
        open_edges(whole),
        own,
        min(edge_middles(whole)) / own if own > 0 else 0.0,
    )


def outline_smear_mm(ink: np.ndarray, box: Box, s: float) -> tuple[float, float, float, float]:
    """How far the printed outline's ink (``ink``, of the whole patch) runs on into the box from
    each side (left, right, top, bottom), in mm, up to OUTLINE_SMEAR_MAX_MM: each side's ink
    profile from the outline inward, the median along the side's middle (a stroke across the
    side is left out), to where it falls below INK_MIN_DARKNESS. A camera shake smears the
    sides across its direction into the box, as bands along them."""
    most = round(OUTLINE_SMEAR_MAX_MM * s)
    x0, y0 = round(box.x_mm * s), round(box.y_mm * s)
    x1, y1 = round(box.right_mm * s), round(box.bottom_mm * s)
    cut = round(OUTLINE_SMEAR_END_MM * s)
    rows, cols = slice(y0 + cut, y1 - cut), slice(x0 + cut, x1 - cut)
    profiles = (
        np.percentile(ink[rows, x0 : x0 + most + 1], OUTLINE_SMEAR_PERCENTILE, axis=0),
        np.percentile(ink[rows, x1 - most : x1 + 1], OUTLINE_SMEAR_PERCENTILE, axis=0)[::-1],
        np.percentile(ink[y0 : y0 + most + 1, cols], OUTLINE_SMEAR_PERCENTILE, axis=1),
        np.percentile(ink[y1 - most : y1 + 1, cols], OUTLINE_SMEAR_PERCENTILE, axis=1)[::-1],
    )
    reaches = []
    for profile in profiles:
        below = profile < INK_MIN_DARKNESS
        reaches.append((int(np.argmax(below)) if below.any() else most) / s)
    return reaches[0], reaches[1], reaches[2], reaches[3]


def stroke_along_outline_mm(patch: np.ndarray, box: Box, s: float) -> tuple[float, float]:
    """The longest ink blob inside a verified outline, up to EDGE_TICK_INSET_MM from it, once
    the outline's own blur is taken off (``longest_stroke_mm``: its extent and spread, in mm).
    The blur: per column (row), the median ink along the box's middle (OUTLINE_SMEAR_END_MM from
    its ends), as ``outline_smear_mm`` reads it; a mark is not as long as a side, its blur is."""
    paper, noise, contrast = ink_levels(patch, box, s)
    x0, y0 = round(box.x_mm * s), round(box.y_mm * s)
    x1, y1 = round(box.right_mm * s), round(box.bottom_mm * s)
    ink = np.clip((paper - noise - patch[y0 : y1 + 1, x0 : x1 + 1]) / contrast, 0, 1)
    cut = round(OUTLINE_SMEAR_END_MM * s)
    if ink.shape[0] <= 2 * cut or ink.shape[1] <= 2 * cut:
        return 0.0, 0.0
    across = np.median(ink[cut:-cut, :], axis=0)  # each column's blur: the left and right sides
    down = np.median(ink[:, cut:-cut], axis=1)  # each row's: the top and bottom sides
    marks = ink - np.maximum(across[None, :], down[:, None]) >= INK_MIN_DARKNESS
    k = max(1, round(EDGE_TICK_INSET_MM * s))
    marks[:k, :] = marks[-k:, :] = False
    marks[:, :k] = marks[:, -k:] = False
    return longest_stroke_mm(marks, s)


def stroke_beside_mm(patch: np.ndarray, box: Box, s: float) -> tuple[float, float]:
    """The longest ink blob left of a verified box, in BESIDE_TICK_ZONE_MM (out from its left
    side, along its height and half a millimetre more each way), once the outline's own blur is
    taken off (each column's median along the zone: a blur runs along the side, a mark does not):
    its extent and spread in mm (``longest_stroke_mm``). Nothing is printed there on the cards
    (the label is to the right, the next box 2 mm above or below)."""
    near, far = BESIDE_TICK_ZONE_MM
    zone = Box(box.x_mm - far, box.y_mm - 0.5, far - near, box.h_mm + 1.0)
    paper, noise, contrast = ink_levels(patch, box, s)
    ink = np.clip((paper - noise - patch[box_slice(zone, s, patch.shape)]) / contrast, 0, 1)
    if ink.shape[0] < 3:
        return 0.0, 0.0
    marks = ink - np.median(ink, axis=0)[None, :] >= INK_MIN_DARKNESS
    return longest_stroke_mm(marks, s)


def overflow_mm(
    patch: np.ndarray,
    box: Box,
    s: float,
    paper_level: float | None = None,
    level: float = 0.5,
) -> tuple[float, float]:
    """How far a blackened box's ink spreads past the box, in mm, across and down: the width
    of the ink that reaches inside the box (within ``SCRIBBLE_REACH_MM`` of it, so a
    neighbour's mark is left out), counting the columns (rows) inked along at least
    ``SCRIBBLE_MIN_SHARE`` of the box's height (width), minus the box's width (height). A fill
    stays in its outline (the outline and its blur add about 0.5-1.25 mm, alike both ways); a
    scribble-out's zigzags turn outside the box on both sides, in their own direction. Measured
    on the ink itself, not on the outline found, which a scribble over it can pull aside.
    ``level``: ink is what is at least this dark (a share of the outline's darkness: half, or
    a share of a pale mark's own darkness, ``pale_blackened``)."""
    paper, noise, contrast = ink_levels(patch, box, s, paper_level)
    region = box.grown(SCRIBBLE_REACH_MM)
    ink = np.clip((paper - noise - patch[box_slice(region, s, patch.shape)]) / contrast, 0, 1)
    _, labels = cv2.connectedComponents((ink >= level).astype(np.uint8), connectivity=8)
    reach = SCRIBBLE_REACH_MM
    inner = Box(reach + 1, reach + 1, box.w_mm - 2, box.h_mm - 2)  # well inside the outline
    touching = np.unique(labels[box_slice(inner, s, labels.shape)])
    blob = np.isin(labels, touching[touching > 0])
    y0 = x0 = round(reach * s)
    y1, x1 = round((reach + box.h_mm) * s), round((reach + box.w_mm) * s)
    across = int((blob[y0:y1].mean(axis=0) >= SCRIBBLE_MIN_SHARE).sum()) / s - box.w_mm
    down = int((blob[:, x0:x1].mean(axis=1) >= SCRIBBLE_MIN_SHARE).sum()) / s - box.h_mm
    return across, down


def open_edges(ink: np.ndarray) -> int:
    """How many of the inside's four edge middles are paper: a cross or a tick leaves paper between
    its arms there; a filled or scribbled-out box does not."""
    return sum(level < OPEN_EDGE_MAX_INK for level in edge_middles(ink))


def edge_middles(ink: np.ndarray) -> list[float]:
    """The mean ink of the inside's four edge middles (top, bottom, left, right: a quarter of
    the inside deep, a quarter of its side long)."""
    h, w = ink.shape
    qh, qw = max(1, h // 4), max(1, w // 4)
    cy, cx = h // 2, w // 2
    parts = (
        ink[:qh, cx - qw // 2 : cx + qw // 2 + 1],
        ink[-qh:, cx - qw // 2 : cx + qw // 2 + 1],
        ink[cy - qh // 2 : cy + qh // 2 + 1, :qw],
        ink[cy - qh // 2 : cy + qh // 2 + 1, -qw:],
    )
    return [float(p.mean()) for p in parts]


def read_inside(
    patch: np.ndarray, box: Box, s: float, photo_px_per_mm: float, paper_level: float | None = None
) -> Checkbox:
    """The marks inside a verified outline: blackened, a stroke, nothing or a stray dot. A
    "trace" or a weak "yes" (under UNSURE_PROPOSAL_MIN_EVIDENCE) is read again clear of the
    outline's smear (a camera shake runs the sides on into the box as bands along them): a
    clean reading there (or "no" for no value) is taken, as a proposal a person confirms
    (PROPOSAL_CONFIDENCE at most). Not against another paper level (``paper_level``: whether
    the ink vanishes against a darker side's paper is asked of the inside as it is)."""
    measured = measure_inside(patch, box, s, photo_px_per_mm, paper_level)
    assert measured is not None
    reading = read_measured(patch, box, s, paper_level, *measured)
    weak_yes = reading.checked and reading.confidence < UNSURE_PROPOSAL_MIN_EVIDENCE
    if paper_level is not None or (reading.reason != TRACE and not weak_yes):
        return reading
    clear = measure_inside(patch, box, s, photo_px_per_mm, paper_level, clear_of_smear=True)
    if clear is None:
        return reading
    again = read_measured(patch, box, s, paper_level, *clear)
    if again.reason is None or (again.checked is False and reading.checked is None):
        return replace(again, confidence=min(again.confidence, PROPOSAL_CONFIDENCE))
    return reading


def is_outline_blur_yes(patch: np.ndarray, box: Box, s: float, photo_px_per_mm: float) -> bool:
    """Is a "yes" read from the inside's mean darkness alone (no stroke of a tick in it:
    ``stroke_margin`` < 0), where the outline's ink runs on into the box past the band left out
    on all four sides (``outline_smear_mm``: soft focus spreads it alike all round), one that
    the inside read again clear of that smear does not keep? In soft focus at ~2 px/mm (blur
    1.4-1.6 px) the printed outline's blur reaches 1.25-1.75 mm into an empty box, and its mean
    darkness there (0.13-0.14 of the outline's) is over CHECKED_MIN_SCORE. A tick along two
    sides smears only those two (bench_readings seed 10: 0.5-0.75 mm on the others).
    A "yes" from a stroke too, where that stroke is only the outline printed heavier (ink bleed,
    heavy toner: 0.35-0.5 mm inside), blurred into a frame round the inside (2.5 mm long, spread
    0.55-0.85 mm): gone clear of the smear, made by the outline's own blur profile alone, with no
    blob TICK_MIN_MM long standing out of that profile (``outline_frame_strokes``)."""
    measured = measure_inside(patch, box, s, photo_px_per_mm)
    assert measured is not None
    _, _, longest_mm, spread_mm, _, _, _ = measured
    paper, noise, contrast = ink_levels(patch, box, s)
    reaches = outline_smear_mm(np.clip((paper - noise - patch) / contrast, 0, 1), box, s)
    if min(reaches) <= border_exclusion_mm(photo_px_per_mm):
        return False  # not the outline's blur all round
    clear = measure_inside(patch, box, s, photo_px_per_mm, clear_of_smear=True)
    if clear is None or read_measured(patch, box, s, None, *clear).checked is True:
        return False
    if stroke_margin(longest_mm, spread_mm) >= 0:
        # a "stroke" all round the inside's edge, gone once the smear is left out: an outline
        # printed heavier (ink bleed, heavy toner) and blurred reads as a frame of ink, long and
        # bent. Only where that frame alone, each side's own blur profile, makes such a stroke
        # (a faint tick in a sharper photo adds to a frame too thin for one), and no stroke
        # stands out of it (a tick kept out of the clear middle: a small tick in a corner)
        levels = (paper, noise, contrast)
        frame, mark_mm = outline_frame_strokes(patch, box, s, photo_px_per_mm, levels)
        return frame >= 0 and mark_mm < TICK_MIN_MM
    return True


def outline_frame_strokes(
    patch: np.ndarray,
    box: Box,
    s: float,
    photo_px_per_mm: float,
    levels: tuple[float, float, float],
) -> tuple[float, float]:
    """The outline's own blur as a frame round the inside, and what stands out of it: per column
    (row), its FRAME_PROFILE_PERCENTILE ink along the box's middle (OUTLINE_SMEAR_END_MM from its
    ends: the other sides' blur is left out), the larger of the two at each pixel. In the inside
    as ``measure_inside`` reads it: ``stroke_margin`` of the longest blob of that frame alone, and
    the length in mm of the longest blob of the ink beyond it (a mark's, straight or bent).
    ``levels``: the box's ``ink_levels`` (paper, noise, contrast), already measured."""
    paper, noise, contrast = levels
    x0, y0 = round(box.x_mm * s), round(box.y_mm * s)
    x1, y1 = round(box.right_mm * s), round(box.bottom_mm * s)
    ink = np.clip((paper - noise - patch[y0 : y1 + 1, x0 : x1 + 1]) / contrast, 0, 1)
    cut = round(OUTLINE_SMEAR_END_MM * s)
    k = round(border_exclusion_mm(photo_px_per_mm) * s)
    if min(ink.shape) <= 2 * max(cut, k) + 2:
        return -1.0, 1.0
    # a low percentile along the middle: the outline's blur runs all along it, a tick's two arms
    # near one side cross half of it in soft focus (a median counts them as the outline's blur)
    across = np.percentile(ink[cut:-cut, :], FRAME_PROFILE_PERCENTILE, axis=0)
    down = np.percentile(ink[:, cut:-cut], FRAME_PROFILE_PERCENTILE, axis=1)
    frame = np.maximum(across[None, :], down[:, None])
    blobs = []
    for mask in (frame >= INK_MIN_DARKNESS, ink - frame >= INK_MIN_DARKNESS):
        inside = mask[k:-k, k:-k]
        inside[[0, -1], :] = inside[:, [0, -1]] = False  # as measure_inside leaves them out
        blobs.append(longest_stroke_mm(inside, s))
    return stroke_margin(*blobs[0]), blobs[1][0]


def is_line_along_side(patch: np.ndarray, box: Box, s: float, photo_px_per_mm: float) -> bool:
    """Does the ink inside a verified outline (as ``measure_inside`` reads it: at least
    INK_MIN_DARKNESS) lie all within SIDE_LINE_MAX_DEPTH_MM of one side of the read inside (and
    a photo pixel: the blur widens the line, BORDER_BLUR_PHOTO_PX), along at least
    SIDE_LINE_MIN_SPAN of that side? A line along the side (a neighbour's circle whose arc runs
    over the outline, an edge's shadow), not a tick, a cross or a fill, which reach deeper."""
    paper, noise, contrast = ink_levels(patch, box, s)
    exclusion_mm = border_exclusion_mm(photo_px_per_mm)
    inside = patch[box_slice(box.grown(-exclusion_mm), s, patch.shape)]
    ink = (paper - noise - inside) / contrast >= INK_MIN_DARKNESS
    if not ink.any():
        return False
    band = round((SIDE_LINE_MAX_DEPTH_MM + BORDER_BLUR_PHOTO_PX / photo_px_per_mm) * s)
    for _ in range(4):  # the top side, then each other side turned to the top
        # the other sides' outermost pixels may hold the outline's blur (as in measure_inside)
        near = ink[:-1, 1:-1]
        if near.any() and not near[band:].any() and near.any(axis=0).mean() >= SIDE_LINE_MIN_SPAN:
            return True  # all the ink within ``band`` of this side, along most of it
        ink = np.rot90(ink)
    return False


def pale_blackened(
    patch: np.ndarray, box: Box, s: float, photo_px_per_mm: float
) -> Checkbox | None:
    """A box blackened with a pale pen (a pencil, a yellow felt pen), or half washed out by a
    sheen: its ink is nowhere half as dark as the printed outline, so against the outline it
    covers little and reads as a stroke, "yes" at 1.0 (a scribbled-out box among them). Against
    the mark's own darkness (its PALE_MARK_PERCENTILE inside the box, at most
    PALE_MARK_MAX_DARKNESS of the outline's), blackened evenly (PALE_MARK_EVEN_COVER of the
    inside at PALE_MARK_EVEN_LEVEL of it), it is blackened like any other: filled ("remplie",
    its ink at half its darkness stays in the outline) or scribbled out ("noircie", its ink at
    PALE_SCRIBBLE_LEVEL of its darkness spreads past it), a proposal; in between, "noircie" with
    no value. None where the mark, so measured, is no blackened box (a pale tick stays a tick; a
    dark tick spread over a small box by blur is not pale)."""
    paper, noise, contrast = ink_levels(patch, box, s)
    exclusion_mm = border_exclusion_mm(photo_px_per_mm)
    inside = patch[box_slice(box.grown(-exclusion_mm), s, patch.shape)]
    whole = np.clip((paper - noise - inside) / contrast, 0, 1)
    own = percentile(whole, PALE_MARK_PERCENTILE)
    if own <= 0 or own > PALE_MARK_MAX_DARKNESS:
        return None  # no ink, or a dark pen (blur spreads a tick, it does not pale it so much)
    relative = np.clip(whole / own, 0, 1)
    if (
        float((relative >= 0.5).mean()) < BLACKENED_MIN_COVER
        or float((relative >= PALE_MARK_EVEN_LEVEL).mean()) < PALE_MARK_EVEN_COVER
        or open_edges(relative) > BLACKENED_MAX_OPEN_EDGES
    ):
        return None  # not blackened evenly: a pale tick or cross, or a tick spread by blur
    score = float(whole.mean())
    if max(overflow_mm(patch, box, s, level=own / 2)) < SCRIBBLE_MIN_OVERFLOW_MM:
        return Checkbox(True, BLACKENED_CONFIDENCE, score, FILLED)
    if max(overflow_mm(patch, box, s, level=own * PALE_SCRIBBLE_LEVEL)) >= SCRIBBLE_MIN_OVERFLOW_MM:
        return Checkbox(False, BLACKENED_CONFIDENCE, score, BLACKENED)
    # past the box at half the mark's darkness only: the blurred outline's halo (a pale fill in
    # a soft photo) or a scribble's faint turns; filled or scribbled out, a person says
    return Checkbox(None, UNSURE_PROPOSAL_CONFIDENCE, score, BLACKENED)


def read_measured(
    patch: np.ndarray,
    box: Box,
    s: float,
    paper_level: float | None,
    score: float,
    cover: float,
    longest_mm: float,
    spread_mm: float,
    opened: int,
    own: float,
    even: float,
) -> Checkbox:
    """``read_inside``'s reading from ``measure_inside``'s measures. A box blackened all over
    (BLACKENED_SOLID_MIN_COVER) is scribbled out where its ink, at BLACKENED_EDGE_LEVEL of the
    mark's own darkness (``own``), spreads BLACKENED_MIN_OVERFLOW_MM past it, or, where the mark
    is lighter than its outline (BLACKENED_UNEVEN_MAX_DARKNESS) but even up to the inside's edges
    (``even``, its palest edge middle: BLACKENED_EVEN_EDGE_SHARE), its ink at half its darkness
    BLACKENED_UNEVEN_MIN_OVERFLOW_MM; filled otherwise;
    one blackened less evenly (a heavy cross at 2 px/mm) where its ink at half the outline's
    darkness spreads SCRIBBLE_MIN_OVERFLOW_MM past it (a cross's arms run past the corners)."""
    if cover >= BLACKENED_MIN_COVER and opened <= BLACKENED_MAX_OPEN_EDGES:
        if cover >= BLACKENED_SOLID_MIN_COVER:
            spread = overflow_mm(patch, box, s, paper_level, BLACKENED_EDGE_LEVEL * own)
            scribbled = max(spread) >= BLACKENED_MIN_OVERFLOW_MM
            if (
                not scribbled
                and own < BLACKENED_UNEVEN_MAX_DARKNESS
                and even >= BLACKENED_EVEN_EDGE_SHARE
            ):
                # lighter than its own outline, yet as dark at the inside's edges (no cross's
                # arms): zigzags paled by blur, not a solid fill; their turns past the box fade
                # under BLACKENED_EDGE_LEVEL of its darkness, not under half of it
                spread = overflow_mm(patch, box, s, paper_level, own / 2)
                scribbled = max(spread) >= BLACKENED_UNEVEN_MIN_OVERFLOW_MM
        else:
            scribbled = max(overflow_mm(patch, box, s, paper_level)) >= SCRIBBLE_MIN_OVERFLOW_MM
        if scribbled:
            return Checkbox(False, BLACKENED_CONFIDENCE, score, BLACKENED)  # cancelled, to confirm
        return Checkbox(True, BLACKENED_CONFIDENCE, score, FILLED)  # "yes", to confirm
    stroke = stroke_margin(longest_mm, spread_mm)
    if score >= CHECKED_MIN_SCORE or stroke >= 0:
        margin = max((score - CHECKED_MIN_SCORE) / CHECKBOX_FULL_CONFIDENCE_MARGIN, stroke)
        return Checkbox(True, min(1.0, 0.5 + 0.5 * margin), score)
    if score <= UNCHECKED_MAX_SCORE and longest_mm <= STRAY_MAX_MM:
        margin = min(
            (UNCHECKED_MAX_SCORE - score) / CHECKBOX_FULL_CONFIDENCE_MARGIN,
            4 * (STRAY_MAX_MM - longest_mm) / STRAY_MAX_MM,
        )
        return Checkbox(False, min(1.0, 0.5 + 0.5 * margin), score)
    if score < (UNCHECKED_MAX_SCORE + CHECKED_MIN_SCORE) / 2 and spread_mm < TICK_MIN_SPREAD_MM:
        # nearer paper than a tick, and its longest blob straight (a slip of the pen, an outline
        # smeared into the box by blur): "no" as a proposal, for a person to confirm
        return Checkbox(False, UNSURE_PROPOSAL_CONFIDENCE, score, TRACE)
    return Checkbox(None, 0.3, score, TRACE)


def stroke_margin(longest_mm: float, spread_mm: float) -> float:
    """How far the longest ink blob is a tick's stroke: >= 0 when it is at least TICK_MIN_MM long
    and TICK_MIN_SPREAD_MM bent, 1 one margin beyond the shorter of the two."""
    return min(
        (longest_mm - TICK_MIN_MM) / (TICK_MIN_MM - STRAY_MAX_MM),
        (spread_mm - TICK_MIN_SPREAD_MM) / TICK_MIN_SPREAD_MM,
    )


def longest_stroke_mm(mask: np.ndarray, s: float) -> tuple[float, float]:
    """The longest connected ink blob: its extent (bounding-box long side) and its spread across
    its own main direction (standard deviation), both in mm. A tick or a cross is bent (spread
    ~0.3-0.6 mm); a single straight line (a pen slip, a stray pencil stroke) is not."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        mask.astype(np.uint8), connectivity=8
    )
    if count <= 1:
        return 0.0, 0.0
    extents = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    best = int(np.argmax(extents)) + 1
    points = np.argwhere(labels == best).astype(np.float64)
    spread = (
        float(np.sqrt(max(np.linalg.eigvalsh(np.cov(points.T))[0], 0.0)))
        if len(points) > 2
        else 0.0
    )
    return float(extents[best - 1] / s), spread / s


def side_profiles(darkness: np.ndarray, box: Box, s: float) -> list[np.ndarray]:
    """Each side's darkness across its line (median over the side's middle third), from
    CIRCLE_PROFILE_MM inside the box to as far outside: top, right, bottom, left."""
    reach = round(CIRCLE_PROFILE_MM * s)
    x0, x1 = round(box.x_mm * s), round(box.right_mm * s)
    y0, y1 = round(box.y_mm * s), round(box.bottom_mm * s)
    third_x = slice(round((box.x_mm + box.w_mm / 3) * s), round((box.right_mm - box.w_mm / 3) * s))
    third_y = slice(round((box.y_mm + box.h_mm / 3) * s), round((box.bottom_mm - box.h_mm / 3) * s))
    height, width = darkness.shape[:2]
    if min(x0, y0) - reach < 0 or x1 + reach > width or y1 + reach > height:
        return []
    top = np.median(darkness[y0 - reach : y0 + reach + 1, third_x], axis=1)[::-1]
    right = np.median(darkness[third_y, x1 - reach : x1 + reach + 1], axis=0)
    bottom = np.median(darkness[y1 - reach : y1 + reach + 1, third_x], axis=1)
    left = np.median(darkness[third_y, x0 - reach : x0 + reach + 1], axis=0)[::-1]
    return [top, right, bottom, left]


def outside_excess(profile: np.ndarray, s: float) -> float:
    """Ink beyond the printed line on its outside, less the same on its inside (darkness x mm):
    the outline's blur spreads evenly both ways; a line drawn round the box, about a millimetre
    out, only outside. Measured from the line's own darkest point (no sub-pixel fit needed)."""
    centre = len(profile) // 2
    near = round(CIRCLE_LINE_MM * s)
    peak = centre - near + int(np.argmax(profile[centre - near : centre + near + 1]))
    gap, far = round(CIRCLE_TAIL_MM[0] * s), round(CIRCLE_TAIL_MM[1] * s)
    inside = profile[max(peak - far, 0) : peak - gap + 1]
    outside = profile[peak + gap : peak + far + 1]
    return float(outside.sum() - inside.sum()) / s


def is_hugged(darkness: np.ndarray, box: Box, s: float) -> bool:
    """A line drawn round the box about a millimetre out (a loop too tight to reach the corner
    zones): on at least CIRCLE_HUG_MIN_SIDES sides, more ink beyond the printed line on one side
    of it than on the other (``outside_excess``; a loop closer than the line's tails moves the
    side's darkest point onto itself, and the printed line then weighs on its inside). A label
    beside the box, a heading above it, the next box's outline weigh on one side or two."""
    excess = [outside_excess(profile, s) for profile in side_profiles(darkness, box, s)]
    return sum(abs(level) >= CIRCLE_HUG_MIN_EXCESS for level in excess) >= CIRCLE_HUG_MIN_SIDES


@dataclass(frozen=True)
class StreakLines:
    """The straight lines ``streak_across`` tries through a box (``streak_lines``): per line, its
    normal and its offset from the box's centre; the points of its chord inside the box
    (STREAK_CHORD_SAMPLES, BORDER_EXCLUSION_MM in from the outline) and, at both of its ends,
    where it runs STREAK_NEAR_MM, then every STREAK_SAMPLE_MM farther, out of the box (its
    distance out of the square, the larger of across and down), to STREAK_MARK_REACH_MM, the
    largest blur reach read (CIRCLE_PROFILE_MM) and STREAK_SPAN_MM: mm from the box's centre."""

    normals: np.ndarray  # (lines, 2)
    offsets: np.ndarray  # (lines,)
    chord: np.ndarray  # (lines, samples, 2)
    out_mm: np.ndarray  # (distances,)
    ends: np.ndarray  # (lines, 2 ends, distances, 2)


def points_out(
    u: np.ndarray, n: np.ndarray, offsets: np.ndarray, half: float, out_mm: np.ndarray
) -> np.ndarray:
    """Where each line (direction ``u``, normal ``n``, ``offsets`` from the box's centre, mm)
    leaves the square ``half + out_mm`` wide each way from the box's centre, at both ends:
    (lines, 2 ends, distances, 2) mm from the centre. The line's point nearest the centre lies in
    every such square: each end leaves it once, where its first coordinate does."""
    start = offsets[:, None] * n  # (lines, 2)
    ends = []
    for sign in (1.0, -1.0):
        v = sign * u
        speed = np.maximum(np.abs(v), 1e-9)[:, None, :]  # (lines, 1, 2)
        room = (half + out_mm)[None, :, None] - np.sign(v)[:, None, :] * start[:, None, :]
        t = (room / speed).min(axis=2)  # (lines, distances)
        ends.append(start[:, None, :] + t[..., None] * v[:, None, :])
    return np.stack(ends, axis=1)


@lru_cache(maxsize=8)
def streak_lines(side_mm: float) -> StreakLines:
    """``StreakLines`` through a box of ``side_mm``: every STREAK_STEP_DEG, at offsets from its
    centre up to STREAK_MAX_OFFSET_MM every STREAK_OFFSET_STEP_MM. Built once per box size."""
    degrees = np.arange(0.0, 180.0, STREAK_STEP_DEG)
    steps = np.arange(-STREAK_MAX_OFFSET_MM, STREAK_MAX_OFFSET_MM + 1e-9, STREAK_OFFSET_STEP_MM)
    a = np.radians(np.repeat(degrees, steps.size))
    u = np.stack([np.cos(a), np.sin(a)], axis=1)
    n = np.stack([-np.sin(a), np.cos(a)], axis=1)
    offsets = np.tile(steps, degrees.size)
    inner = points_out(u, n, offsets, side_mm / 2, np.array([-BORDER_EXCLUSION_MM]))[:, :, 0]
    along = np.linspace(0.0, 1.0, STREAK_CHORD_SAMPLES)[None, :, None]
    chord = inner[:, :1] + (inner[:, 1:] - inner[:, :1]) * along
    farthest = STREAK_MARK_REACH_MM + CIRCLE_PROFILE_MM + STREAK_SPAN_MM
    out_mm = np.arange(STREAK_NEAR_MM, farthest + 1e-9, STREAK_SAMPLE_MM)
    lines = StreakLines(n, offsets, chord, out_mm, points_out(u, n, offsets, side_mm / 2, out_mm))
    for array in vars(lines).values():
        array.setflags(write=False)  # cached: shared by every box of this size, read only
    return lines


def sample_photo(gray: np.ndarray, h: np.ndarray, points_mm: np.ndarray) -> np.ndarray:
    """The photo's grey at card points (mm, any shape ending in 2), bilinear."""
    flat = points_mm.reshape(-1, 2)
    w = flat @ h[2, :2] + h[2, 2]
    x = ((flat @ h[0, :2] + h[0, 2]) / w).astype(np.float32)
    y = ((flat @ h[1, :2] + h[1, 2]) / w).astype(np.float32)
    size, pad = len(flat), (-len(flat)) % 256
    values = cv2.remap(gray, np.pad(x, (0, pad)).reshape(-1, 256),
                       np.pad(y, (0, pad)).reshape(-1, 256), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
    return values.ravel()[:size].astype(np.float32).reshape(points_mm.shape[:-1])


def blur_reach_mm(darkness: np.ndarray, box: Box, s: float) -> float:
    """How far the photo's blur spreads a thin stroke, in mm, as the printed outline shows it:
    per side, the width of its cross profile (``side_profiles``) at half its height above its
    lightest, the narrower of the two sides across each direction (a label or the next box
    beside one of them widens it), the two directions added as a vector. A camera shake widens
    the sides across it by its length; soft focus all four."""
    widths = []
    near = round(CIRCLE_LINE_MM * s)
    for profile in side_profiles(darkness, box, s):
        centre = len(profile) // 2
        peak = centre - near + int(np.argmax(profile[centre - near : centre + near + 1]))
        low = profile < (profile[peak] + profile.min()) / 2
        start = peak - (int(np.argmax(low[peak::-1])) if low[peak::-1].any() else peak + 1) + 1
        end = peak + (int(np.argmax(low[peak:])) if low[peak:].any() else len(profile) - peak)
        widths.append((end - start) / s)
    if len(widths) < 4:
        return CIRCLE_PROFILE_MM
    top, right, bottom, left = widths
    return min(float(np.hypot(min(top, bottom), min(left, right))), CIRCLE_PROFILE_MM)


def streak_across(
    gray: np.ndarray,
    h: np.ndarray,
    centre_mm: tuple[float, float],
    side_mm: float,
    reach_mm: float,
    levels: tuple[float, float, float],
) -> tuple[np.ndarray, np.ndarray, float] | None:
    """A straight line through the box's middle that runs on far past it at both ends: of the
    lines of ``streak_lines`` whose ridge (how much darker the line is than the paper
    STREAK_SIDE_MM beside it, of the outline's contrast) is at least STREAK_MIN_RIDGE all along
    its chord inside the box (its STREAK_CHORD_PERCENTILE, against the lighter side: the outline
    may lie on the other), at both ends from STREAK_NEAR_MM to ``reach_mm`` out of the box (the
    same) and over STREAK_SPAN_MM from there (its median, against the darker side), the one that
    stands highest (the lowest of the five): its normal, its cross profile (ink above the paper
    at -STREAK_PROFILE_MM..+STREAK_PROFILE_MM every STREAK_SAMPLE_MM from it, out there and all
    along its chord, the lower of the two) and its offset from the centre (mm). None where no
    line does. Sampled in the photo itself (``h``: card mm to photo px), round ``centre_mm``.
    A mark's arm runs past the box at one end, or within the blur's reach of it; a label beside
    the box, the next box's outline stop short of it; a mark crossing the chord does not run
    all along it."""
    _, _, contrast = levels
    lines = streak_lines(side_mm)
    centre = np.asarray(centre_mm, np.float64)
    side = STREAK_SIDE_MM * lines.normals
    grey = sample_photo(gray, h, np.stack([lines.chord, lines.chord + side[:, None],
                                           lines.chord - side[:, None]]) + centre)
    inner = row_percentiles((np.maximum(grey[1], grey[2]) - grey[0]) / contrast,
                            STREAK_CHORD_PERCENTILE)
    chosen = np.flatnonzero(inner >= STREAK_MIN_RIDGE)
    if not chosen.size:
        return None
    near = lines.out_mm < reach_mm
    far = ~near & (lines.out_mm <= reach_mm + STREAK_SPAN_MM + 1e-9)
    ends = lines.ends[chosen][:, :, near | far]  # (chosen, 2 ends, distances, 2)
    beside = side[chosen][:, None, None, :]
    grey = sample_photo(gray, h, np.stack([ends, ends + beside, ends - beside]) + centre)
    lighter = (np.maximum(grey[1], grey[2]) - grey[0]) / contrast
    darker = ((grey[1] + grey[2]) / 2 - grey[0]) / contrast
    count = int(near.sum())
    ridge = inner[chosen]
    if count:
        rows = lighter[:, :, :count].reshape(-1, count)
        ridge = np.minimum(ridge, row_percentiles(rows, STREAK_CHORD_PERCENTILE).reshape(-1, 2)
                           .min(axis=1))
    ridge = np.minimum(ridge, np.median(darker[:, :, count:], axis=2).min(axis=1))
    best = int(np.argmax(ridge))
    if ridge[best] < STREAK_MIN_RIDGE:
        return None
    line = int(chosen[best])
    normal = lines.normals[line]
    across = np.arange(-STREAK_PROFILE_MM, STREAK_PROFILE_MM + 1e-9, STREAK_SAMPLE_MM)
    shifts = across[:, None] * normal
    out = ends[best][:, count:].reshape(-1, 2)
    profile = np.median(sample_photo(gray, h, out[None] + shifts[:, None] + centre), axis=1)
    paper = (profile[0] + profile[-1]) / 2
    ink = np.clip((paper - profile) / contrast, 0.0, None)
    # inside the box, what of it runs all along its chord (a mark crossing it is no part of it)
    crossed = sample_photo(gray, h, lines.chord[line][None] + shifts[:, None] + centre)
    along = row_percentiles(np.clip((paper - crossed) / contrast, 0.0, None),
                            STREAK_CHORD_PERCENTILE)
    ink = np.minimum(ink, along)
    ink = np.maximum(ink, np.maximum(np.roll(ink, 1), np.roll(ink, -1)))  # a sample off, either way
    return normal, ink, float(lines.offsets[line])


def without_streak(
    gray: np.ndarray,
    h: np.ndarray,
    box: Box,
    patch: np.ndarray,
    darkness: np.ndarray,
    found: Box,
    s: float,
    photo_px_per_mm: float,
    reading: Checkbox,
    strength: float = 1.0,
) -> Checkbox:
    """A "yes" where a straight grey line runs through the box and far past it at both ends
    (``streak_across``: a toner streak, a fold's shadow, a ruler's guide line), read again with
    that line's cross profile taken off the box: the "yes" keeps the confidence of what remains
    (a tick on the line); where nothing remains, "no" as a proposal for a person to confirm
    (UNSURE_PROPOSAL_CONFIDENCE, reason "trace"), else "yes" as a proposal (PROPOSAL_CONFIDENCE).
    ``box``: the box in the card (mm, under ``h``); ``found``: where its outline was found in
    ``patch`` (``darkness_patch``). ``strength``: how many times the line's profile is taken off
    (lightened no further than the paper). No line: ``reading`` itself."""
    levels = ink_levels(patch, found, s)
    paper, _, contrast = levels
    region = box.grown(BOX_SEARCH_MM + PAPER_RING_MM[1])
    centre_mm = (region.x_mm + found.center_mm[0], region.y_mm + found.center_mm[1])
    reach_mm = STREAK_MARK_REACH_MM + blur_reach_mm(darkness, found, s)
    streak = streak_across(gray, h, centre_mm, found.w_mm, reach_mm, levels)
    if streak is None:
        return reading
    normal, ink, offset = streak
    rows, cols = np.mgrid[0 : patch.shape[0], 0 : patch.shape[1]].astype(np.float32)
    q = (cols / s - found.center_mm[0]) * normal[0] + (rows / s - found.center_mm[1]) * normal[1]
    across = np.arange(-STREAK_PROFILE_MM, STREAK_PROFILE_MM + 1e-9, STREAK_SAMPLE_MM)
    lift = np.interp(q - offset, across, ink, left=0.0, right=0.0) * contrast * strength
    clean = np.minimum(patch + lift, np.maximum(patch, paper)).astype(np.float32)
    again = read_inside(clean, found, s, photo_px_per_mm)
    if again.checked is True and again.reason is None:
        return replace(reading, confidence=min(reading.confidence, again.confidence))
    if again.checked is False and again.reason is None and (
        again.confidence >= UNSURE_PROPOSAL_MIN_EVIDENCE
    ):
        return Checkbox(False, UNSURE_PROPOSAL_CONFIDENCE, reading.score, TRACE)
    return Checkbox(True, min(reading.confidence, PROPOSAL_CONFIDENCE), reading.score, TRACE)
