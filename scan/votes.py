"""Count the votes on a strip as objects, not as printed circles that look marked.

People never aim well at a wall: a sticker lands between two circles, a 19 mm dot covers three
of them, two dots overlap, a pen dot is smaller than the circle, tally marks ignore the circles.
So the strip (and a band around it, for dots partly outside) is turned into a mask of what is
not paper (``marked_mask``), the printed circle outlines are taken out of it, and each
connected blob is counted: a thin blob is one pen mark, a thick one is as many discs as fit it
(greedy largest inscribed disc, measured with the distance transform). A blob that the discs
do not explain well, or that is too big for one pen mark, makes the count unsure.

Before counting, the printed circles are found where the card's geometry puts them (a shift of
at most ``BOX_SEARCH_MM``); a strip out of the photo or under foreign paper is unsure, with a
reason, like a checkbox.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from printables.layout import Box, Field
from scan.budget import OUT_OF_TIME
from scan.checkbox import COVERED, DEFORMED, OUT_OF_FRAME, is_in_frame
from scan.glare import GLARE, has_glare
from scan.locate import byte_percentiles, rank_of
from scan.rectify import patch_to_mm, warp_box
from scan.results import VoteCount
from scan.strokes import faint_strokes, sparse_filter
from scan.thresholds import (
    BOX_SEARCH_MM,
    FRAME_MARGIN_PHOTO_PX,
    PROPOSAL_CONFIDENCE,
    READ_PX_PER_MM,
    VOTE_APART_TWIN_DELTA,
    VOTE_ARC_MIN_SHARE,
    VOTE_BAND_BODY_MM,
    VOTE_BAR_BESIDE_MAX_ANGLE_DEG,
    VOTE_BITES_MAX,
    VOTE_BLEND_END_MIN,
    VOTE_BLEND_MAX_MM,
    VOTE_BLEND_MIN_CONTRAST,
    VOTE_BLEND_MIX_MAX,
    VOTE_BLOB_MIN_MM2,
    VOTE_BLUNT_DEPTH_MM,
    VOTE_BLUNT_MIN_SHARE,
    VOTE_BLUR_PEN_CONFIDENCE,
    VOTE_BLUR_SPREAD_MM,
    VOTE_BUMP_EDGE_MM,
    VOTE_BUMP_MM,
    VOTE_BUMP_RUN_MM,
    VOTE_CARD_PAPER_INSET_MM,
    VOTE_CARD_PAPER_MIN_SHARE,
    VOTE_CHROMA,
    VOTE_CIRCLE_BAND_MM,
    VOTE_CIRCLE_MIN_INK,
    VOTE_CIRCLE_MIN_LINE,
    VOTE_CIRCLE_MIN_OWN_INK,
    VOTE_CIRCLE_RELATIVE_LINE,
    VOTE_CIRCLE_TRIES,
    VOTE_COLOUR_EDGE_MM,
    VOTE_COLOUR_PART_MIN_MM2,
    VOTE_COLOUR_SAMPLE,
    VOTE_COLOUR_SLIVER_MM2,
    VOTE_COLOUR_SPLIT_MIN,
    VOTE_CROSSED_MIN_LINE_MM,
    VOTE_CROSSED_MIN_TILT_DEG,
    VOTE_CROSSED_SECOND_MAX,
    VOTE_CROSSED_SECOND_SHARE,
    VOTE_CROSSED_SIDE_SHARE,
    VOTE_DARKNESS,
    VOTE_DEEP_OVERLAP,
    VOTE_DISC_MIN_FILL,
    VOTE_DISC_MIN_RADIUS_MM,
    VOTE_DISC_RELATIVE_RADIUS,
    VOTE_DOT_MAX_MM,
    VOTE_DOT_SCALES_MM,
    VOTE_EDGE_TOLERANCE_MM,
    VOTE_EDGE_UNEXPLAINED_MAX,
    VOTE_EVEN_BARS_MIN,
    VOTE_EVEN_BARS_SPACING,
    VOTE_FADED_BAR_CONTRAST,
    VOTE_FADED_BAR_EDGE_MM,
    VOTE_FADED_BAR_MIN_MM,
    VOTE_FADED_BAR_MM,
    VOTE_FADED_BAR_STEP_DEG,
    VOTE_FADED_DOT_CONTRAST,
    VOTE_FADED_LINE_MIN_SPREAD,
    VOTE_FADED_STROKE_LOW,
    VOTE_FADED_STROKE_MAX_MM,
    VOTE_FAINT_PAPER_MM,
    VOTE_FAINT_PEN_SHARE,
    VOTE_FAINT_REACH_MM,
    VOTE_FOREIGN_MIN_RADIUS_MM,
    VOTE_FRAGMENT_GAP_MM,
    VOTE_FRAME_RING_MM,
    VOTE_HALO_MAX_DELTA,
    VOTE_HIDDEN_LOBE_MIN_MM2,
    VOTE_HIDE_CONFIDENCE,
    VOTE_HIDE_MARGIN_MM,
    VOTE_HUE_SHIFT,
    VOTE_LEFTOVER_MAX_MM2,
    VOTE_LEFTOVER_MIN_RADIUS_MM,
    VOTE_LINE_MAX_MM,
    VOTE_LOBE_EDGE_MIN_MM,
    VOTE_MARKED_MIN_COVER,
    VOTE_MAX_STICKERS_PER_BLOB,
    VOTE_MENDED_DISC_MIN_FILL,
    VOTE_NESTED_MM,
    VOTE_NOISE_MAX_MM2,
    VOTE_ONE_DISC_MIN_ROUNDNESS,
    VOTE_ONE_MARK_MAX_MM,
    VOTE_ONE_STROKE_MAX,
    VOTE_OUTLINE_RESIDUE_ASPECT,
    VOTE_OUTSIDE_MM,
    VOTE_PALE_STICKER_MAX_DARKNESS,
    VOTE_PALE_STICKER_MIN_FILL,
    VOTE_PALE_TALLY_MIN_INK,
    VOTE_PAPER_MM,
    VOTE_PART_MIN_RADIUS_MM,
    VOTE_PEN_DOT_MIN_INK,
    VOTE_PEN_DOT_MIN_MM2,
    VOTE_PRINT_CLEAR_MM,
    VOTE_RESIDUE_MAX_MM,
    VOTE_RESIDUE_MAX_RADIUS_MM,
    VOTE_RESIDUE_MM,
    VOTE_RESIDUE_SHARE,
    VOTE_RESIDUE_SPREAD_MM,
    VOTE_RIM_BLUR_FACTOR,
    VOTE_RIM_ENCLOSED_SHARE,
    VOTE_RIM_MIX_MAX,
    VOTE_RIM_OWN_COLOUR,
    VOTE_RING_FREE_MIN,
    VOTE_SECOND_RIDGE_LOPSIDED,
    VOTE_SECOND_RIDGE_MIN_ELONGATION,
    VOTE_SECOND_RIDGE_SHARE,
    VOTE_SECOND_RIDGE_SHOULDER,
    VOTE_SECOND_RIDGE_SHOULDER_MM,
    VOTE_SHADOW_REACH_MM,
    VOTE_SHADOW_STEP,
    VOTE_SHADOW_STRIP_STEP,
    VOTE_SIDE_RESIDUE_MAX_MM,
    VOTE_SIZES_MIN_SEEN,
    VOTE_SMALLEST_STICKER_MM,
    VOTE_SOLID_PRINT_MARGIN_MM,
    VOTE_SPECK_PRINT_MM,
    VOTE_SPECKS_AMONG_DOTS_MAX,
    VOTE_SPECKS_PROPOSED_MAX,
    VOTE_STICKER_MIN_MM2,
    VOTE_STICKER_OFF_MM,
    VOTE_STICKER_OPEN_MM,
    VOTE_STICKER_RADII_MM,
    VOTE_TALLY_ANGLE_STEP_DEG,
    VOTE_TALLY_BAR_SHARE,
    VOTE_TALLY_GROUP,
    VOTE_TALLY_MIN_GAP_MM,
    VOTE_TALLY_SLASH_BAND_MM,
    VOTE_TALLY_SLASH_LINE_MIN_MM,
    VOTE_TALLY_SLASH_MIN_ANGLE_DEG,
    VOTE_TALLY_SLASH_MIN_MM,
    VOTE_TALLY_SLASH_SPAN,
    VOTE_TALLY_VALLEY_MAX,
    VOTE_THIN_MAX_RADIUS_MM,
    VOTE_UNEXPLAINED_MAX_MM2,
    VOTE_UNMARKED_CELL_MM,
    VOTE_UNMARKED_CONFIDENCE,
    VOTE_UNMARKED_DELTA,
    VOTE_UNMARKED_MIN_MM,
    VOTE_UNMARKED_NOISE,
    VOTE_UNMARKED_NOISE_SAMPLE,
    VOTE_UNMARKED_PAPER_MM,
    VOTE_UNMARKED_ROUNDNESS,
    VOTE_UNMARKED_SMOOTH_MM,
    VOTE_UNSEEN_TWIN_DELTA,
    VOTE_VISIBLE_TARGETS_MIN,
)
from scan.votearea import (
    area_failure,
    find_pieces,
    ink_on_outline,
    line_spread_mm,
    line_width_px,
    locate_area,
    outline_mask,
    piece_states,
)

SURE = 1.0
PEN_MARK_CONFIDENCE = (
    0.95  # one blob the size of one mark: a dot, a tick, a cross, a bar, a sticker
)
AMBIGUOUS_CONFIDENCE = 0.4  # below the review threshold: a person counts


def circle_outlines(
    shape: tuple[int, int],
    field: Field,
    origin_mm: tuple[float, float],
    s: float,
    dx: int = 0,
    dy: int = 0,
    shifts: list[tuple[int, int]] | None = None,
) -> np.ndarray:
    """The printed target circles as a mask (band ``VOTE_CIRCLE_BAND_MM`` wide), shifted by px
    (each by its own shift when ``shifts`` is given)."""
    mask = np.zeros(shape, np.uint8)
    thickness = max(1, round(VOTE_CIRCLE_BAND_MM * s))
    for i, t in enumerate(field.targets):
        ox, oy = shifts[i] if shifts else (dx, dy)
        cx = (t.center_mm[0] - origin_mm[0]) * s + ox
        cy = (t.center_mm[1] - origin_mm[1]) * s + oy
        cv2.circle(mask, (round(cx), round(cy)), round(t.w_mm / 2 * s), 255, thickness)
    return mask > 0


def line_map(darkness: np.ndarray, s: float) -> np.ndarray:
    """Thin dark lines only (the printed circles, pen strokes, text): the darkness minus its
    opening by a disc wider than a line. A sticker's inside and its edge are no line, so a strip
    full of stickers does not pull the circles' search off."""
    size = int(VOTE_LINE_MAX_MM * s) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    return cv2.morphologyEx(darkness.astype(np.float32), cv2.MORPH_TOPHAT, kernel)


def locate_targets(
    lines: np.ndarray, field: Field, origin_mm: tuple[float, float], s: float
) -> tuple[int, int]:
    """The shift (px, within BOX_SEARCH_MM) that puts the most line darkness on the printed
    circles: every shift at once, by correlating the line map with the circles' own mask."""
    reach = round(BOX_SEARCH_MM * s)
    mask = circle_outlines(lines.shape, field, origin_mm, s)
    ys, xs = np.nonzero(mask)
    y0, x0 = int(ys.min()), int(xs.min())
    template = mask[y0 : int(ys.max()) + 1, x0 : int(xs.max()) + 1].astype(np.float32)
    response = cv2.matchTemplate(lines.astype(np.float32), template, cv2.TM_CCORR)
    top, left = max(0, y0 - reach), max(0, x0 - reach)
    window = response[top : y0 + reach + 1, left : x0 + reach + 1]
    iy, ix = np.unravel_index(int(np.argmax(window)), window.shape)
    return int(left + ix - x0), int(top + iy - y0)


def target_states(
    lines: np.ndarray,
    marked: np.ndarray,
    field: Field,
    origin_mm: tuple[float, float],
    s: float,
    shifts: list[tuple[int, int]],
) -> list[str]:
    """Per target: "visible" (its printed circle is there, where no sticker or ink covers it),
    "marked" (under a sticker or ink) or "hidden" (neither: white paper, a hand... over it)."""
    grow = max(3, round(VOTE_CIRCLE_BAND_MM * s) * 2 + 1)
    covering = cv2.dilate(marked.astype(np.uint8), np.ones((grow, grow), np.uint8)) > 0
    seen = []  # per target: (outline mostly under marks, line darkness on its free outline, cover)
    for t, (ox, oy) in zip(field.targets, shifts):
        single = Field(field.name, field.kind, field.label, field.box, targets=(t,))
        ring = circle_outlines(lines.shape, single, origin_mm, s, ox, oy)
        cx = round((t.center_mm[0] - origin_mm[0]) * s + ox)
        cy = round((t.center_mm[1] - origin_mm[1]) * s + oy)
        inside = np.zeros(lines.shape, np.uint8)
        cv2.circle(inside, (cx, cy), max(1, round((t.w_mm / 2 - VOTE_CIRCLE_BAND_MM) * s)), 255, -1)
        free = ring & ~covering
        under = free.sum() < VOTE_RING_FREE_MIN * ring.sum()
        line = float(lines[free].mean()) if free.any() else 0.0
        seen.append((under, line, float(marked[(inside > 0) | ring].mean())))
    lines_seen = [line for under, line, _ in seen if not under]
    reference = float(np.percentile(lines_seen, 75)) if lines_seen else 0.0
    floor = max(VOTE_CIRCLE_MIN_LINE, VOTE_CIRCLE_RELATIVE_LINE * reference)
    states = []
    for under, line, cover in seen:
        if under or (cover >= VOTE_MARKED_MIN_COVER and line < floor):
            states.append("marked")
        elif line >= floor:
            states.append("marked" if cover >= VOTE_MARKED_MIN_COVER else "visible")
        else:
            states.append("hidden")
    return states


def count_blob(
    blob: np.ndarray,
    s: float,
    lab: np.ndarray | None = None,
    ink: np.ndarray | None = None,
    clear: np.ndarray | None = None,
    blur_mm: float = 0.0,
    cover: np.ndarray | None = None,
) -> tuple[int, float]:
    """Votes in one connected blob and the confidence of that count. A thin blob is pen
    (``count_pen_blob``). A thick blob is split by colour first (``lab``: the patch in Lab; two
    stickers of different colours, ``count_colour_parts``); one of a single mark's size is
    ``count_small_blob``; a bigger one is as many stickers as its edges and its inscribed discs
    agree on (``count_big_blob``). ``clear``: where the blob's outline is its own (away from the
    printed outline, circles and label), see ``outline_bump``; ``blur_mm``: the strip's blur (0
    when not measured); ``cover``: every mark in the blob's window (the blob and marks beside
    it), see ``inked_disc``."""
    ys, xs = np.nonzero(blob)
    extent_mm = max(int(np.ptp(xs)), int(np.ptp(ys))) / s
    dist = cv2.distanceTransform(blob.astype(np.uint8), cv2.DIST_L2, 5)
    radius_mm = float(dist.max()) / s
    if radius_mm < VOTE_THIN_MAX_RADIUS_MM:
        return count_pen_blob(blob, dist, s, ink, extent_mm)
    parts, sliver = colour_parts(blob, lab, s) if lab is not None else ([blob], False)
    if lab is not None and len(parts) > 1:
        return count_colour_parts(parts, blob, s, lab, clear, blur_mm, sliver, cover)
    if extent_mm <= VOTE_ONE_MARK_MAX_MM:
        return count_small_blob(blob, dist, s, ink, extent_mm, blur_mm, sliver, clear)
    if radius_mm > VOTE_FOREIGN_MIN_RADIUS_MM:
        return 0, AMBIGUOUS_CONFIDENCE  # wider than any pile of stickers: foreign paper, a hand
    return count_big_blob(blob, dist, s, clear, sliver, blur_mm, cover)


def count_pen_blob(
    blob: np.ndarray, dist: np.ndarray, s: float, ink: np.ndarray | None, extent_mm: float
) -> tuple[int, float]:
    """A thin blob (``dist``: its distance transform) is pen: one that fits in one printed
    circle is one mark (a dot, tick or bar), unless it holds more ink than one stroke of its
    length (a cross, or two tally bars run together: unsure); a longer one is a tally group or
    strokes (unsure)."""
    width_mm = 2 * float(np.percentile(dist[blob], 90)) / s + 1 / s
    tally = count_tally(blob, width_mm, s, ink)
    if extent_mm > VOTE_DOT_MAX_MM and is_melted_group(tally, blob, ink, s):
        return VOTE_TALLY_GROUP, AMBIGUOUS_CONFIDENCE  # bars melted, the slash seen: five
    if tally is not None:
        if extent_mm > VOTE_DOT_MAX_MM:
            return tally
        # tally bars are strokes: a thin blob no longer than a pen dot is one mark (a piece
        # of a sticker's blurred edge?), not a group; but ridges were seen: a person checks
        return 1, AMBIGUOUS_CONFIDENCE
    strokes = float(blob.sum()) / s**2 / max(extent_mm * width_mm, 1e-6)
    if extent_mm <= VOTE_ONE_MARK_MAX_MM:
        # one stroke's ink, with no second bar melted beside it (a thin one, run into it)
        one = strokes <= VOTE_ONE_STROKE_MAX and not has_second_ridge(blob, ink, s)
        return 1, PEN_MARK_CONFIDENCE if one else AMBIGUOUS_CONFIDENCE
    return max(1, round(extent_mm / VOTE_ONE_MARK_MAX_MM)), AMBIGUOUS_CONFIDENCE


def count_colour_parts(
    parts: list[np.ndarray],
    blob: np.ndarray,
    s: float,
    lab: np.ndarray,
    clear: np.ndarray | None,
    blur_mm: float,
    sliver: bool,
    cover: np.ndarray | None = None,
) -> tuple[int, float]:
    """A thick blob of several colours (``parts``, from ``colour_parts``; ``sliver``: a thin
    piece of colour was left out): each part is as many stickers as circles fit its edges. A
    colour part on which no sticker's edge is seen counts only when it is thicker than the rim
    that ``blur_mm`` gives a sticker (``unseen_sticker``); a ring of blur round another part is
    that part's edge (``blur_rims``); a circle smaller than any sticker's is no edge of one
    (``part_sticker_edges``)."""
    counts = [part_sticker_edges(part, blob, s, clear, blur_mm, cover) for part in parts]
    rims, enclosed = blur_rims(parts, [found for _, _, found in counts], s, blur_mm, lab)
    for k, (part, (_, sure, found)) in enumerate(zip(parts, counts)):
        if k in rims or not (
            found or k in enclosed or unseen_sticker(part, s, blur_mm, lab, parts)
        ):
            counts[k] = (0, sure, found)  # a rim of blur, or no sticker's edge and thin
    unseen_twins(parts, counts, enclosed, lab)  # no edge seen, one colour: one sticker
    # a rim's circle is one sticker's edge: of the parts it encloses with no edge of their
    # own (the sticker, and a piece of print or shade under it), one is counted
    for rim in rims:
        inner = [j for j, r in enclosed.items() if r == rim and not counts[j][2]]
        for j in sorted(inner, key=lambda j: int(parts[j].sum()))[:-1]:
            counts[j] = (0, counts[j][1], counts[j][2])
    total = sum(n for n, _, _ in counts)
    sure = min(c for _, c, _ in counts)
    circles = [c for n, _, found in counts if n for c in found]
    piled = deep_overlap(circles)
    seen_twice = twins_apart(parts, counts, lab, s)
    if sliver or piled or seen_twice:
        return total, AMBIGUOUS_CONFIDENCE
    return total, min(sure, sizes_confidence(circles, s))


def twins_apart(
    parts: list[np.ndarray],
    counts: list[tuple[int, float, list[tuple[float, float, float]]]],
    lab: np.ndarray,
    s: float,
) -> bool:
    """Two counted colour parts of one blob, each on its own circle, that do not touch, are of
    one colour (medians within ``VOTE_APART_TWIN_DELTA`` in every Lab channel) and both end
    square away from each other (``blunt_end``): one thing seen on both sides of a sticker
    stuck across it (a band of highlighter or coloured tape: each end left in view fits the
    circle of a small sticker), or two stickers? A person tells them apart."""
    counted = [part for part, (n, _, found) in zip(parts, counts) if n and found]
    colours = [median_lab(lab, part) for part in counted]
    for i, part in enumerate(counted):
        near = cv2.dilate(part.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        for j in range(i + 1, len(counted)):
            apart = not (near & counted[j]).any()
            if (
                apart
                and float(np.max(np.abs(colours[i] - colours[j]))) <= VOTE_APART_TWIN_DELTA
                and blunt_end(part, counted[j], s)
                and blunt_end(counted[j], part, s)
            ):
                return True
    return False


def blunt_end(part: np.ndarray, other: np.ndarray, s: float) -> bool:
    """Does ``part`` end square, away from ``other`` (the end of a band, cut across), not
    round (a sticker's edge)? Its width ``VOTE_BLUNT_DEPTH_MM`` in from its far end, across the
    line from ``other``'s centre to its own, is at least ``VOTE_BLUNT_MIN_SHARE`` of its widest:
    a sticker's round edge keeps about half (a whole 8 mm disc 0.57), a band's square end
    nearly all."""
    ys, xs = np.nonzero(part)
    oys, oxs = np.nonzero(other)
    axis = np.array([xs.mean() - oxs.mean(), ys.mean() - oys.mean()])
    norm = float(np.hypot(*axis))
    if norm == 0.0:
        return False
    u = axis / norm
    along = xs * u[0] + ys * u[1]
    across = ys * u[0] - xs * u[1]
    tip = along >= along.max() - VOTE_BLUNT_DEPTH_MM * s
    widest = float(np.ptp(across)) + 1
    return (float(np.ptp(across[tip])) + 1) >= VOTE_BLUNT_MIN_SHARE * widest


def count_small_blob(
    blob: np.ndarray,
    dist: np.ndarray,
    s: float,
    ink: np.ndarray | None,
    extent_mm: float,
    blur_mm: float,
    sliver: bool,
    clear: np.ndarray | None = None,
) -> tuple[int, float]:
    """A thick blob of one mark's size: a pen dot, a small sticker: a disc; tally bars or
    strokes run together by blur are not. On a blurred strip, wider than a pen dot and narrower
    than any sticker: strokes blurred into a round blob (a tally group)? bars still apart in the
    ink are counted, for a person (sharp, such a blob is a felt-pen mark or a cross: one vote).
    A sticker-wide blob that is round once mended where its outline is not its own (``clear``
    False: the printed outline or print taken out of the mask notched it, ``mended_blob``) is
    one sticker, for a person; not melted bars."""
    between = VOTE_DOT_MAX_MM < extent_mm < VOTE_SMALLEST_STICKER_MM
    blurred = blur_mm >= VOTE_BLUR_SPREAD_MM
    bars = (
        count_tally(blob, VOTE_THIN_MAX_RADIUS_MM, s, ink, slash=False)
        if between and blurred
        else None
    )
    if is_disc(blob, dist, s):
        if (
            bars is not None
            and ink is not None
            and float(ink[blob].max()) < VOTE_PALE_STICKER_MAX_DARKNESS
            and not is_pale_tally(blob, ink, s)
        ):
            # round and no pixel as dark as pen ink (in the mask by its colour alone): a pale
            # sticker whose blurred rim the mask lost, its "ridges" the paper's grain (not the
            # even ridges of a pale tally group blurred round)
            return 1, AMBIGUOUS_CONFIDENCE
        if bars is not None:
            return bars[0], AMBIGUOUS_CONFIDENCE
        return 1, AMBIGUOUS_CONFIDENCE if sliver else PEN_MARK_CONFIDENCE
    solid = sticker_solid(blob, s)
    if solid.any() and is_disc(
        solid, cv2.distanceTransform(solid.astype(np.uint8), cv2.DIST_L2, 5), s
    ):
        # a disc with something thin stuck to it (print?), or bars blurred together
        return (bars[0] if bars is not None else 1), AMBIGUOUS_CONFIDENCE
    if extent_mm >= VOTE_SMALLEST_STICKER_MM and clear is not None:
        # a sticker notched where print was taken out of the mask (the area's outline, the
        # print beside it: its outline there is not its own) is round again once mended
        mended = mended_blob(blob, clear)
        if (
            is_disc(mended, cv2.distanceTransform(mended, cv2.DIST_L2, 5), s)
            and circle_fill(mended > 0) >= VOTE_MENDED_DISC_MIN_FILL
        ):
            return 1, AMBIGUOUS_CONFIDENCE
    # not round: tally bars and their slash run together by blur or a felt pen?
    tally = count_tally(blob, VOTE_THIN_MAX_RADIUS_MM, s, ink)
    if is_melted_group(tally, blob, ink, s):
        return VOTE_TALLY_GROUP, AMBIGUOUS_CONFIDENCE  # bars melted, the slash seen: five
    return (tally[0] if tally else 1), AMBIGUOUS_CONFIDENCE


def mended_blob(blob: np.ndarray, clear: np.ndarray) -> np.ndarray:
    """``blob`` (uint8) with its holes filled and its convex hull filled where its outline is
    not its own (``clear`` False: along the printed outline, where removing the print cut it)."""
    mask = blob.astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 1, -1)
    hull = np.zeros_like(mask)
    cv2.fillPoly(hull, [cv2.convexHull(np.concatenate(contours))], 1)
    return filled | (hull & ~clear).astype(np.uint8)


def count_big_blob(
    blob: np.ndarray,
    dist: np.ndarray,
    s: float,
    clear: np.ndarray | None,
    sliver: bool,
    blur_mm: float = 0.0,
    cover: np.ndarray | None = None,
) -> tuple[int, float]:
    """A thick blob of one colour, bigger than one mark: stickers, by two independent counts
    (edges on circles, greedy inscribed discs), sure when they agree."""
    edges_n, edges_sure, circles = count_sticker_edges(blob, blob, s, clear, blur_mm, cover)
    discs_n, discs_sure = count_discs(blob, dist, s)
    if edges_n == discs_n and not sliver and not deep_overlap(circles):
        return edges_n, min(edges_sure, discs_sure, sizes_confidence(circles, s))
    return edges_n, AMBIGUOUS_CONFIDENCE  # the edges' count was right more often


def sizes_confidence(circles: list[tuple[float, float, float]], s: float) -> float:
    """A pile's own stickers show the sizes in use: circles found in one blob whose diameters
    differ by ``VOTE_HIDE_MARGIN_MM`` or more (an 8 mm one peeking out from under a 19 mm one)
    say both sizes are stuck here, so another of the smaller size may lie wholly or nearly
    wholly under the pile (a crescent too thin for a circle of its own, or nothing at all): the
    count is a proposal (``VOTE_HIDE_CONFIDENCE``). The blob's extent, the strip's smallest
    mark, is the whole pile's and never shows its smaller member."""
    if len(circles) < 2:
        return SURE
    diameters = [2 * r / s for _, _, r in circles]
    if max(diameters) - min(diameters) >= VOTE_HIDE_MARGIN_MM:
        return VOTE_HIDE_CONFIDENCE
    return SURE


def unseen_twins(
    parts: list[np.ndarray],
    counts: list[tuple[int, float, list[tuple[float, float, float]]]],
    enclosed: dict[int, int],
    lab: np.ndarray,
) -> None:
    """Counted colour parts on which no sticker's edge was seen (``unseen_sticker``) and of one
    colour (their medians within ``VOTE_UNSEEN_TWIN_DELTA`` in every Lab channel) are pieces of
    one thing, counted once: a band of blur or shade, or one sticker, cut in two by the colour
    clustering where another sticker or the print crosses it. ``counts`` is changed in place."""
    kept: list[np.ndarray] = []
    for k, (part, (n, sure, found)) in enumerate(zip(parts, counts)):
        if n == 0 or found or k in enclosed:
            continue
        colour = median_lab(lab, part)
        if any(float(np.max(np.abs(colour - c))) <= VOTE_UNSEEN_TWIN_DELTA for c in kept):
            counts[k] = (0, sure, found)
        else:
            kept.append(colour)


def sticker_solid(mask: np.ndarray, s: float) -> np.ndarray:
    """``mask`` opened by a disc of ``VOTE_STICKER_OPEN_MM``: a sticker's solid body, without
    the thin things stuck to it (a line of print, a pen stroke)."""
    size = max(3, round(VOTE_STICKER_OPEN_MM * s) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    return cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, kernel) > 0


def line_bodies(mask: np.ndarray, s: float) -> np.ndarray:
    """``mask`` opened by a disc of ``VOTE_LINE_MAX_MM``: only bodies wider than a printed or
    pen line (a sticker, dark or not) are kept."""
    size = int(VOTE_LINE_MAX_MM * s) | 1
    body = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    return cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, body) > 0


def unseen_sticker(
    part: np.ndarray,
    s: float,
    blur_mm: float = 0.0,
    lab: np.ndarray | None = None,
    parts: list[np.ndarray] | None = None,
) -> bool:
    """Is a colour part of a blob on which no sticker's round edge was found still a sticker
    (one mostly hidden by its neighbours)? Only if it is thick enough to be one (a disc of
    ``VOTE_LEFTOVER_MIN_RADIUS_MM``), not the blurred or shaded rim of its neighbour, clustered
    apart from it; on a blurred strip (``blur_mm``), thicker than the rim the blur gives
    (``rim_max_mm``), unless its colour is one blur cannot make from its neighbours'
    (``own_colour``: ``lab``, the blob's window, and ``parts``, all its colour parts); never
    the band blur mixes between two touching stickers (``blend_band``, no thicker than
    ``VOTE_BLEND_MAX_MM``)."""
    thickness = thickness_mm(part, s)
    if (
        thickness <= VOTE_BLEND_MAX_MM
        and lab is not None
        and parts is not None
        and blend_band(lab, part, parts)
    ):
        return False
    if thickness >= rim_max_mm(blur_mm):
        return True
    return (
        thickness >= 2 * VOTE_LEFTOVER_MIN_RADIUS_MM
        and lab is not None
        and parts is not None
        and own_colour(lab, part, parts)
    )


PRINT_BLACK_LAB = (0.0, 128.0, 128.0)  # black print in OpenCV's 8-bit Lab: dark, no hue


def own_colour(lab: np.ndarray, part: np.ndarray, parts: list[np.ndarray]) -> bool:
    """Is ``part``'s colour (its median, in Lab) one blur cannot make? Blur mixes the colours on
    either side of an edge: a rim's colour lies, channel by channel, between the paper's (the
    window's pixels outside every part) and a touching part's, or between two touching parts'.
    The card's print is black (``PRINT_BLACK_LAB``, a corner marker left out of the mask): blur
    mixes it too. Outside every such range by more than ``VOTE_RIM_OWN_COLOUR`` in some channel,
    it is a sticker's own colour (one mostly hidden under or on its neighbours)."""
    ends = touching_colours(lab, part, parts)
    paper = paper_lab(lab, parts)
    if paper is not None:
        ends.append(paper)
    ends.append(np.array(PRINT_BLACK_LAB, np.float32))
    colour = median_lab(lab, part)
    for i, a in enumerate(ends):
        for b in ends[i + 1 :]:
            lo, hi = np.minimum(a, b), np.maximum(a, b)
            if float(np.max(np.maximum(lo - colour, 0) + np.maximum(colour - hi, 0))) <= (
                VOTE_RIM_OWN_COLOUR
            ):
                return False
    return True


def blend_band(lab: np.ndarray, part: np.ndarray, parts: list[np.ndarray]) -> bool:
    """Is ``part`` the band blur mixes between two touching stickers (the seam's colours
    smeared across it: its width follows the blur across the seam, which a directional motion
    blur makes wider than the strip's measured blur)? Its colour (median, in Lab) is a true
    mixture of two parts it touches: within ``VOTE_BLEND_MIX_MAX`` of the segment between their
    colours (as a share of its length, at least ``VOTE_BLEND_MIN_CONTRAST`` long), and at least
    ``VOTE_BLEND_END_MIN`` of that length from either end (not one of their own colours)."""
    ends = touching_colours(lab, part, parts)
    mix = median_lab(lab, part)
    for i, a in enumerate(ends):
        for b in ends[i + 1 :]:
            seam = b - a
            length = float(np.linalg.norm(seam))
            if length < VOTE_BLEND_MIN_CONTRAST:
                continue
            t = float(np.dot(mix - a, seam)) / length**2
            off = float(np.linalg.norm(mix - a - t * seam)) / length
            if VOTE_BLEND_END_MIN <= t <= 1 - VOTE_BLEND_END_MIN and off <= VOTE_BLEND_MIX_MAX:
                return True
    return False


def touching_colours(
    lab: np.ndarray, part: np.ndarray, parts: list[np.ndarray]
) -> list[np.ndarray]:
    """The median colours (Lab) of the other ``parts`` that touch ``part`` (within 2 px)."""
    near = cv2.dilate(part.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    return [
        median_lab(lab, other) for other in parts if other is not part and (near & other).any()
    ]


def median_lab(lab: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The median colour (Lab, per channel) of ``mask``'s pixels of ``lab``: on 8-bit Lab, by
    counting each channel's levels under the mask (``byte_median``, the float32 values of
    ``np.median(lab[mask].astype(np.float32), axis=0)``, several times faster)."""
    n = int(np.count_nonzero(mask))
    if lab.dtype != np.uint8 or lab.ndim != 3 or mask.dtype != bool or n == 0:
        return np.median(lab[mask].astype(np.float32), axis=0)
    under = mask.astype(np.uint8)
    return np.array([byte_median(cv2.calcHist([lab], [c], under, [256], (0, 256)), n)
                     for c in range(lab.shape[2])], np.float32)


def byte_median(histogram: np.ndarray, n: int) -> np.float32:
    """``np.median`` of the ``n`` float32 byte values counted in ``histogram`` (256 bins): the
    middle value, or the float32 mean of the two middle ones (exact: whole levels)."""
    cumulative = np.cumsum(histogram.ravel().astype(np.int64))
    high = np.float32(np.searchsorted(cumulative, n // 2, side="right"))
    if n % 2:
        return high
    low = np.float32(np.searchsorted(cumulative, n // 2 - 1, side="right"))
    return (low + high) / np.float32(2)


def paper_lab(lab: np.ndarray, parts: list[np.ndarray]) -> np.ndarray | None:
    """The paper's median colour: the window's pixels outside every colour part of ``parts``
    (None when the parts fill it)."""
    paper = ~np.logical_or.reduce(parts)
    return median_lab(lab, paper) if paper.any() else None


def thickness_mm(part: np.ndarray, s: float) -> float:
    """The diameter of the widest disc inside ``part`` (mm)."""
    dist = cv2.distanceTransform(np.pad(part, 1).astype(np.uint8), cv2.DIST_L2, 5)
    return 2 * float(dist.max()) / s


def rim_max_mm(blur_mm: float) -> float:
    """How thick the rim blur gives a sticker can be, split off it by its mixed colour: the
    strip's blur (``blur_mm``, how wide the printed line looks) times ``VOTE_RIM_BLUR_FACTOR``,
    plus the edge ``colour_parts`` gives back; never under ``VOTE_LEFTOVER_MIN_RADIUS_MM``."""
    return max(
        2 * VOTE_LEFTOVER_MIN_RADIUS_MM, VOTE_RIM_BLUR_FACTOR * blur_mm + VOTE_COLOUR_EDGE_MM
    )


def blur_rims(
    parts: list[np.ndarray],
    circles: list[list[tuple[float, float, float]]],
    s: float,
    blur_mm: float,
    lab: np.ndarray,
) -> tuple[set[int], dict[int, int]]:
    """Which colour parts are a blur rim around another part (a ring no thicker than
    ``rim_max_mm``, on whose outer circle the other part mostly lies, of a colour mixed from
    that part's and the paper's: ``mixed_colour``), and which parts such a ring encloses: their
    sticker's edge is the ring's circle. A part of the ring's own colour is none: it is more of
    the ring, cut apart by the clustering, not the sticker whose edge blur mixed with the paper
    (``mixed_colour``'s second answer). ``lab``: the blob's window, paper around it."""
    rims: set[int] = set()
    enclosed: dict[int, int] = {}  # enclosed part: the rim round it
    limit = rim_max_mm(blur_mm)
    paper = paper_lab(lab, parts)
    if paper is None:
        return rims, enclosed  # no paper seen: no colour mixed with it
    for k, (part, found) in enumerate(zip(parts, circles)):
        if not found or thickness_mm(part, s) > limit:
            continue
        for j, other in enumerate(parts):
            ys, xs = np.nonzero(other)
            if j == k or not any(
                np.mean(np.hypot(xs - cx, ys - cy) <= r) >= VOTE_RIM_ENCLOSED_SHARE
                for cx, cy, r in found
            ):
                continue
            mixed, apart = mixed_colour(lab, part, other, paper)
            if mixed:
                rims.add(k)
                if apart:
                    enclosed.setdefault(j, k)
    return rims, enclosed


def mixed_colour(
    lab: np.ndarray, rim: np.ndarray, sticker: np.ndarray, paper: np.ndarray
) -> tuple[bool, bool]:
    """Is ``rim``'s colour (its median, in Lab) a mixture of ``sticker``'s and ``paper`` (the
    paper's colour, ``paper_lab``): within ``VOTE_RIM_MIX_MAX`` of the segment between them, as
    a share of its length? Blur mixes a sticker's edge with the paper around it; a sticker stuck
    under another keeps a colour of its own. Second: a mixture and at least as far from
    ``sticker``'s colour (a real mixture, not ``sticker``'s colour itself)."""
    inner = median_lab(lab, sticker) - paper
    mix = median_lab(lab, rim) - paper
    length = float(np.dot(inner, inner))
    if length == 0.0:
        return False, False
    t = float(np.clip(np.dot(mix, inner) / length, 0.0, 1.0))
    tolerance = VOTE_RIM_MIX_MAX * np.sqrt(length)
    mixed = float(np.linalg.norm(mix - t * inner)) <= tolerance
    return mixed, mixed and float(np.linalg.norm(mix - inner)) >= tolerance


def part_sticker_edges(
    part: np.ndarray,
    blob: np.ndarray,
    s: float,
    clear: np.ndarray | None = None,
    blur_mm: float = 0.0,
    cover: np.ndarray | None = None,
) -> tuple[int, float, list[tuple[float, float, float]]]:
    """``count_sticker_edges`` on one colour part of a blob, without the circles smaller than
    any sticker's edge can look on a part (``VOTE_PART_MIN_RADIUS_MM``): such a circle fits a
    kink of a blurred rim or a seam, or a small piece of mixed colour, not a sticker. A part
    left with no circle is one with no sticker's edge seen (``unseen_sticker`` decides); any
    circle left out makes the part's count unsure."""
    n, sure, found = count_sticker_edges(part, blob, s, clear, blur_mm, cover)
    kept = [c for c in found if c[2] >= VOTE_PART_MIN_RADIUS_MM * s]
    if len(kept) == len(found):
        return n, sure, found
    lobes = n - len(found) if found else 0  # hidden_lobes' stickers
    return max(1, len(kept) + lobes), AMBIGUOUS_CONFIDENCE, kept


def count_sticker_edges(
    part: np.ndarray,
    blob: np.ndarray,
    s: float,
    clear: np.ndarray | None = None,
    blur_mm: float = 0.0,
    cover: np.ndarray | None = None,
) -> tuple[int, float, list[tuple[float, float, float]]]:
    """Stickers of one colour in ``part`` (of ``blob``), counted by the circles their visible
    edges lie on: a sticker is round, so each one shows at least an arc of its own circle where
    it meets the paper, even half under another sticker. Circles are found one at a time (the
    one most edge points lie on, from triples of edge points, then the next among the points
    left); each must span ``VOTE_ARC_MIN_SHARE`` of its circumference, be a sticker's or pen
    dot's size and be covered by ink (``inked_disc``; ``cover``: the marks in the blob's window);
    one that is not is the edge of a bite out of the blob, its points set aside (never explained)
    and the next circle looked for (``VOTE_BITES_MAX``). Sure when the circles explain nearly
    every edge point and the whole part, and none was found nested in another (a shaded or
    blurred edge; the outer one is kept, whichever was found first). A lobe of the part left
    outside every circle, as thick as a sticker's, is one more sticker, its edge covered
    (``hidden_lobes``: ``blur_mm``, the strip's blur); the count is then unsure."""
    solid = sticker_solid(part, s)
    edge = sticker_edge_points(solid, blob)
    if len(edge) < 8:
        return 1, AMBIGUOUS_CONFIDENCE, []
    rng = np.random.default_rng(0)  # deterministic: the same photo reads the same
    tolerance = max(1.5, VOTE_EDGE_TOLERANCE_MM * s)
    found: list[tuple[float, float, float]] = []
    nested = False
    left = edge
    aside: list[np.ndarray] = []  # points of circles whose disc is not ink (a bite)
    while len(left) >= 8 and len(found) < VOTE_MAX_STICKERS_PER_BLOB:
        circle = best_circle(left, s, tolerance, rng)
        if circle is None:
            break
        cx, cy, r = circle
        on = np.abs(np.hypot(left[:, 0] - cx, left[:, 1] - cy) - r) <= tolerance
        if not inked_disc(circle, blob, tolerance, cover):
            # the edge of a bite out of the blob (a sticker of another colour on top, split off
            # into a blob of its own), not a sticker: its points are set aside, the next tried
            if len(aside) >= VOTE_BITES_MAX:
                break
            aside.append(left[on])
            left = left[~on]
            continue
        left = left[~on]
        if any(np.hypot(cx - x, cy - y) + r <= r0 + VOTE_NESTED_MM * s for x, y, r0 in found):
            nested = True  # inside a sticker already found: its blurred or shaded edge again
            continue
        # a sticker already found inside this one: its blurred edge, found first (the fit it
        # took is the one most edge points lay on); one sticker either way, not two
        reach = r + VOTE_NESTED_MM * s
        inner = [c for c in found if np.hypot(cx - c[0], cy - c[1]) + c[2] <= reach]
        if inner:
            nested = True
            found = [c for c in found if c not in inner]
        found.append(circle)
    if not found:
        return 1, AMBIGUOUS_CONFIDENCE, []
    left = np.concatenate([left, *aside])  # a bite's edge is explained by no sticker
    sure = not nested and (
        len(left) / len(edge) <= VOTE_EDGE_UNEXPLAINED_MAX
        and unexplained_area_mm2(solid, found, tolerance, s) <= VOTE_UNEXPLAINED_MAX_MM2
        and not outline_bump(part, blob, found, tolerance, s, clear)
    )
    # never on a sure count (VOTE_HIDDEN_LOBE_MIN_MM2 >= VOTE_UNEXPLAINED_MAX_MM2)
    lobes = hidden_lobes(solid, found, left, tolerance, s, blur_mm)
    return len(found) + lobes, SURE if sure and not lobes else AMBIGUOUS_CONFIDENCE, found


def hidden_lobes(
    solid: np.ndarray,
    circles: list[tuple[float, float, float]],
    edge: np.ndarray,
    tolerance: float,
    s: float,
    blur_mm: float = 0.0,
) -> int:
    """Stickers no circle was found for, mostly under others of their colour: pieces of the
    part's solid body outside every circle found (grown by ``tolerance``), at least
    ``VOTE_HIDDEN_LOBE_MIN_MM2`` big and no longer than the biggest sticker, as thick as a
    sticker's visible lobe (``VOTE_LEFTOVER_MIN_RADIUS_MM``) and thicker than the smear
    ``blur_mm`` gives a sticker's edge (``VOTE_RIM_BLUR_FACTOR`` times it), inside the counting area
    (a piece at its edge runs on beyond it: print, a hand) and meeting the paper along
    ``VOTE_LOBE_EDGE_MIN_MM`` of ``edge`` (its outline points on no circle; a band of mixed colour
    between parts meets none). Two stickers of one colour overlapping, the lower one's edge
    covered by the upper one and by a third sticker, show too little arc of it for a circle:
    its lobe is all that is left of it."""
    discs = np.zeros(solid.shape, np.uint8)
    for cx, cy, r in circles:
        cv2.circle(discs, (round(cx), round(cy)), round(r + tolerance), 1, -1)
    left = (solid & (discs == 0)).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(left, connectivity=8)
    longest = 2 * VOTE_STICKER_RADII_MM[1] * s
    height, width = solid.shape
    points = np.round(edge).astype(int)
    lobes = 0
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if (
            area < VOTE_HIDDEN_LOBE_MIN_MM2 * s**2
            or max(w, h) > longest
            or x == 0
            or y == 0
            or x + w >= width
            or y + h >= height
        ):
            continue
        piece = (labels == i).astype(np.uint8)
        if thickness_mm(piece > 0, s) < max(
            2 * VOTE_LEFTOVER_MIN_RADIUS_MM, VOTE_RIM_BLUR_FACTOR * blur_mm
        ):
            continue
        near = cv2.dilate(piece, np.ones((5, 5), np.uint8)) > 0
        if len(points) and int(near[points[:, 1], points[:, 0]].sum()) >= VOTE_LOBE_EDGE_MIN_MM * s:
            lobes += 1
    return lobes


def outline_bump(
    part: np.ndarray,
    blob: np.ndarray,
    circles: list[tuple[float, float, float]],
    tolerance: float,
    s: float,
    clear: np.ndarray | None = None,
) -> bool:
    """Does the part's own outline (not opened: a thin crescent stays) bulge out of every circle
    found, over a stretch longer than ``VOTE_BUMP_RUN_MM`` and by more than ``VOTE_BUMP_MM``? A
    small sticker mostly under a big one of its colour shows only as such a bulge on the big
    one's edge: a pile whose members are not all seen is never sure. Each circle is fitted again
    on the outline points closest to it (the bulge's own points leave the fit), so the bulge
    stands out of it."""
    contours, _ = cv2.findContours(part.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    others = cv2.dilate((blob & ~part).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    h, w = part.shape
    points = [c[:, 0, :].astype(np.float64) for c in contours if len(c) >= 8]
    if not points:
        return False
    every = np.concatenate(points)
    tight = []
    for cx, cy, r in circles:
        for band in (tolerance, tolerance / 2):
            gap = np.abs(np.hypot(every[:, 0] - cx, every[:, 1] - cy) - r)
            refit = fit_circle(every[gap <= band])
            if refit is None or abs(refit[2] - r) > tolerance:
                break
            cx, cy, r = refit
        tight.append((cx, cy, r))
    limit, run_px = VOTE_BUMP_MM * s, VOTE_BUMP_RUN_MM * s
    for pts in points:
        out = np.min(
            [np.hypot(pts[:, 0] - cx, pts[:, 1] - cy) - r for cx, cy, r in tight], axis=0
        )
        x, y = pts[:, 0].astype(int), pts[:, 1].astype(int)
        exposed = (x > 0) & (y > 0) & (x < w - 1) & (y < h - 1) & ~others[y, x]
        if clear is not None:
            exposed &= clear[y, x]
        bulging = (out > limit / 2) & exposed
        if longest_circular_run(bulging, out > limit) >= run_px:
            return True
    return False


def longest_circular_run(flags: np.ndarray, peak: np.ndarray) -> int:
    """The longest run of True in a closed outline's ``flags`` (it may wrap round) that holds
    at least one ``peak``."""
    if not (flags & peak).any():
        return 0
    if flags.all():
        return len(flags)
    start = int(np.argmin(flags))  # a False: the runs do not wrap from here
    rolled, top = np.roll(flags, -start).astype(np.int8), np.roll(flags & peak, -start)
    edges = np.diff(np.concatenate([[0], rolled, [0]]))
    return max(
        (int(b - a) for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))
         if top[a:b].any()),
        default=0,
    )


def deep_overlap(circles: list[tuple[float, float, float]]) -> bool:
    """Two stickers overlapping by more than ``1 - VOTE_DEEP_OVERLAP`` of their radii: a third
    one, smaller and of their colour, may lie wholly under them (nobody can see it)."""
    for i, (x1, y1, r1) in enumerate(circles):
        for x2, y2, r2 in circles[i + 1 :]:
            if np.hypot(x1 - x2, y1 - y2) < VOTE_DEEP_OVERLAP * (r1 + r2):
                return True
    return False


def unexplained_area_mm2(
    solid: np.ndarray, circles: list[tuple[float, float, float]], tolerance: float, s: float
) -> float:
    """Ink of the part outside every circle found: a sticker whose edge no circle fitted (two
    8 mm stickers of one colour seen as one 12 mm circle leave a lobe)."""
    discs = np.zeros(solid.shape, np.uint8)
    for cx, cy, r in circles:
        cv2.circle(discs, (round(cx), round(cy)), round(r + tolerance), 1, -1)
    return float((solid & (discs == 0)).sum()) / s**2


def sticker_edge_points(part: np.ndarray, blob: np.ndarray) -> np.ndarray:
    """The part's outline where it meets paper (not where it meets another part of the blob,
    not the edge of the counting area), as (x, y) px."""
    contours, _ = cv2.findContours(part.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return np.zeros((0, 2), np.float32)
    points = np.concatenate([c[:, 0, :] for c in contours]).astype(np.int32)
    h, w = part.shape
    x, y = points[:, 0], points[:, 1]
    inner = (x > 0) & (y > 0) & (x < w - 1) & (y < h - 1)
    points = points[inner]
    others = cv2.dilate((blob & ~part).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    points = points[~others[points[:, 1], points[:, 0]]]
    return points.astype(np.float32)


def best_circle(
    points: np.ndarray, s: float, tolerance: float, rng: np.random.Generator
) -> tuple[float, float, float] | None:
    """The sticker-sized circle through the most ``points`` (within ``tolerance`` px), refined
    by least squares on them; None when no circle spans enough of its circumference."""
    lo, hi = VOTE_STICKER_RADII_MM[0] * s, VOTE_STICKER_RADII_MM[1] * s
    # every try at once: circles through random triples of edge points, then their support
    a, b, c = (points[i] for i in rng.integers(0, len(points), (3, VOTE_CIRCLE_TRIES)))
    d = 2 * (a[:, 0] * (b[:, 1] - c[:, 1]) + b[:, 0] * (c[:, 1] - a[:, 1])
             + c[:, 0] * (a[:, 1] - b[:, 1]))
    ok = np.abs(d) > 1e-6
    a, b, c, d = a[ok], b[ok], c[ok], d[ok]
    a2, b2, c2 = (a**2).sum(1), (b**2).sum(1), (c**2).sum(1)
    ux = (a2 * (b[:, 1] - c[:, 1]) + b2 * (c[:, 1] - a[:, 1]) + c2 * (a[:, 1] - b[:, 1])) / d
    uy = (a2 * (c[:, 0] - b[:, 0]) + b2 * (a[:, 0] - c[:, 0]) + c2 * (b[:, 0] - a[:, 0])) / d
    r = np.hypot(a[:, 0] - ux, a[:, 1] - uy)
    sized = (r >= lo) & (r <= hi)
    if not sized.any():
        return None
    ux, uy, r = ux[sized], uy[sized], r[sized]
    gaps = np.abs(np.hypot(points[None, :, 0] - ux[:, None], points[None, :, 1] - uy[:, None])
                  - r[:, None])
    k = int(np.argmax((gaps <= tolerance).sum(axis=1)))
    best = (float(ux[k]), float(uy[k]), float(r[k]))
    on = np.abs(np.hypot(points[:, 0] - best[0], points[:, 1] - best[1]) - best[2]) <= tolerance
    refined = fit_circle(points[on]) or best
    if not lo <= refined[2] <= hi:
        refined = best
    cx, cy, r = refined
    if on.sum() < VOTE_ARC_MIN_SHARE * 2 * np.pi * r:
        return None
    return refined


def inked_disc(
    circle: tuple[float, float, float],
    blob: np.ndarray,
    tolerance: float,
    cover: np.ndarray | None = None,
) -> bool:
    """Is the circle's disc (less ``tolerance``) covered by ink, as a sticker's is? By ``blob``
    (``VOTE_CIRCLE_MIN_INK``), or mostly by ``blob`` (``VOTE_CIRCLE_MIN_OWN_INK``) and the rest
    by ``cover`` (the marks beside it: a sticker of another colour stuck over this one, split
    off from it by the seam between their colours). The edge of a bite out of the blob is a
    circle of paper, or of the mark over it, not of the blob."""
    cx, cy, r = circle
    disc = np.zeros(blob.shape, np.uint8)
    cv2.circle(disc, (round(cx), round(cy)), max(1, round(r - tolerance)), 1, -1)
    inside = disc > 0
    if not inside.any():
        return False
    own = float(blob[inside].mean())
    if own >= VOTE_CIRCLE_MIN_INK:
        return True
    return (
        cover is not None
        and own >= VOTE_CIRCLE_MIN_OWN_INK
        and float((blob | cover)[inside].mean()) >= VOTE_CIRCLE_MIN_INK
    )


def fit_circle(points: np.ndarray) -> tuple[float, float, float] | None:
    """Least-squares circle (Kasa) through the points."""
    if len(points) < 3:
        return None
    x, y = points[:, 0].astype(np.float64), points[:, 1].astype(np.float64)
    a = np.column_stack([x, y, np.ones_like(x)])
    rhs = x * x + y * y
    try:
        (p, q, k), *_ = np.linalg.lstsq(a, rhs, rcond=None)
    except np.linalg.LinAlgError:
        return None
    cx, cy = p / 2, q / 2
    r2 = k + cx * cx + cy * cy
    if r2 <= 0:
        return None
    return float(cx), float(cy), float(np.sqrt(r2))


def count_tally(
    blob: np.ndarray, width_mm: float, s: float, ink: np.ndarray | None = None, slash: bool = True
) -> tuple[int, float] | None:
    """Tally marks in one thin blob: parallel bars (one vote each) and, across them, a slash (the
    fifth vote of a crossed group of five). The bars' direction is the one along which the ink
    projects into the sharpest peaks; each peak is a bar, what lies off every bar is the slash
    (unless ``slash`` is False: bars melted by blur fill the gaps between them, and the ink there
    is the blur's, not a slash's).
    None when the blob holds fewer than two bars (one stroke, a tick, a cross: one mark).
    Sure only for a plain group (two to five bars, a slash only across four) with every bar
    clearly apart; a line across four bars with too little ink off them to be sure of a slash
    (drawn on the bars) is a likely five for a person; bars run together by blur, or strokes
    of uneven length, are left to a person with the likely count. ``ink`` (how dark each pixel
    is, 0-1) weighs the pixels, so bars that blur joins in the mask still show as ridges."""
    ys, xs = np.nonzero(blob)
    points = np.column_stack([xs, ys]).astype(np.float32)
    weights = ink[ys, xs].astype(np.float32) if ink is not None else np.ones(len(xs), np.float32)
    angle, across, smooth, peaks = bar_ridges(points, weights, s)
    if len(peaks) < 2:
        return None
    spacing = min(b - a for a, b in zip(peaks, peaks[1:]))
    stroke_px = min(width_mm * s, 0.5 * spacing)  # bars run together by blur: not wider than this
    half = max(1.0, stroke_px / 2 + 1)
    on_bar = np.zeros(len(across), bool)
    for p in peaks:
        on_bar |= np.abs(across - p) <= half
    slash_mm = float((~on_bar).sum()) / s / max(stroke_px, 1.0)  # its length, mm
    span_mm = (peaks[-1] - peaks[0]) / s
    bars = len(peaks)
    long_enough = slash_mm >= max(VOTE_TALLY_SLASH_MIN_MM, VOTE_TALLY_SLASH_SPAN * span_mm)
    # what lies off the bars may be their own blurred flanks (bars closer than the mask's width):
    # a slash is ink off the bars that makes a line across them
    crossed = slash and (long_enough or bars == 4) and (
        slash_line_mm(points, weights, ~on_bar, angle, smooth, peaks, s)
        >= VOTE_TALLY_SLASH_LINE_MIN_MM
    )
    slash = slash and long_enough and crossed
    valleys = [float(smooth[a:b].min()) for a, b in zip(peaks, peaks[1:])]
    apart = max(valleys) <= VOTE_TALLY_VALLEY_MAX * min(float(smooth[p]) for p in peaks)
    # four bars with a line across them, too little of it off the bars to be sure of a slash
    # (drawn close, most of the slash lies on the bars): likely five, a person decides
    plain = 2 <= bars <= 5 and (not slash or bars == 4) and crossed == slash
    return bars + int(crossed), PEN_MARK_CONFIDENCE if apart and plain else AMBIGUOUS_CONFIDENCE


def bar_ridges(
    points: np.ndarray, weights: np.ndarray, s: float
) -> tuple[float, np.ndarray, np.ndarray, list[int]]:
    """The direction (radians) along which a blob's pixels (``points``, x y; ``weights``, their
    ink) project into the sharpest peaks over the broad hump of the group, each pixel's position
    across it (px from the first), the smoothed profile and its peaks (px): one per bar, at
    least ``VOTE_TALLY_MIN_GAP_MM`` apart and ``VOTE_TALLY_BAR_SHARE`` of the highest."""
    best = None
    ridge = max(3, round(VOTE_TALLY_MIN_GAP_MM * s * 2) | 1)
    for angle in np.deg2rad(np.arange(0.0, 180.0, VOTE_TALLY_ANGLE_STEP_DEG)):
        across = points[:, 0] * np.cos(angle) + points[:, 1] * np.sin(angle)
        profile = splat(across - float(across.min()), weights)
        # ridge energy: bars seen end-on make sharp peaks over the broad hump of the group
        padded = edge_padded(profile, ridge)
        hump = np.convolve(padded, np.ones(ridge, np.float32) / ridge, mode="same")[ridge:-ridge]
        score = float(((profile - hump) ** 2).sum())
        if best is None or score > best[0]:
            best = (score, angle, profile, across - float(across.min()))
    assert best is not None
    _, angle, profile, across = best
    smooth = np.convolve(profile, np.array([0.25, 0.5, 0.25], np.float32), mode="same")
    top = float(smooth.max())
    gap = max(2, round(VOTE_TALLY_MIN_GAP_MM * s))
    peaks: list[int] = []
    for i in range(len(smooth)):
        window = smooth[max(0, i - gap // 2) : i + gap // 2 + 1]
        if smooth[i] >= VOTE_TALLY_BAR_SHARE * top and smooth[i] == window.max():
            if not peaks or i - peaks[-1] >= gap:
                peaks.append(i)
    return float(angle), across, smooth, peaks


def is_pale_tally(blob: np.ndarray, ink: np.ndarray, s: float) -> bool:
    """A round pale blob that is a tally group blurred round, not a pale sticker: it fills less
    of its enclosing circle than a sticker (``VOTE_PALE_STICKER_MIN_FILL``) and its ink keeps at
    least ``VOTE_EVEN_BARS_MIN`` ridges (``bar_ridges``) spaced evenly (the widest gap at most
    ``VOTE_EVEN_BARS_SPACING`` times the narrowest). The grain and JPEG of a noisy pale sticker
    leave even ridges too (1-1.5 mm apart), but on a rounder blob; a sticker no darker than the
    paper (under ``VOTE_PALE_TALLY_MIN_INK``: pink or yellow on kraft) leaves only noise."""
    if circle_fill(blob) >= VOTE_PALE_STICKER_MIN_FILL:
        return False
    ys, xs = np.nonzero(blob)
    weights = ink[ys, xs].astype(np.float32)
    if float(weights.max()) < VOTE_PALE_TALLY_MIN_INK:
        return False
    _, _, _, peaks = bar_ridges(np.column_stack([xs, ys]).astype(np.float32), weights, s)
    gaps = np.diff(peaks)
    return len(peaks) >= VOTE_EVEN_BARS_MIN and int(gaps.max()) <= VOTE_EVEN_BARS_SPACING * int(
        gaps.min()
    )


def has_second_ridge(blob: np.ndarray, ink: np.ndarray | None, s: float) -> bool:
    """Does a thin blob taken for one bar hold a second, fainter bar beside it? A firm bar and a
    thin one drawn close and blurred run into one blob as wide as a blurred bar, and the thin
    bar's ridge stays under ``VOTE_TALLY_BAR_SHARE`` of the firm one's (no tally). Its ink
    (``ink``, 0-1), summed along the blob's long axis (a bar's shape: at least
    ``VOTE_SECOND_RIDGE_MIN_ELONGATION``, unlike a cross or a dot), is lopsided: beyond
    ``VOTE_TALLY_MIN_GAP_MM`` from the highest point, one side holds more than the other by
    ``VOTE_SECOND_RIDGE_LOPSIDED`` of the ink within it (one bar, however wide or blurred, is
    symmetric); and there it rises to a second peak, or bulges in a shoulder (a tick's arm or a
    curve only tails off), at least ``VOTE_SECOND_RIDGE_SHARE`` of the top high."""
    if ink is None:
        return False
    ys, xs = np.nonzero(blob)
    m, angle = axis_moments(blob)
    half_sum = (m["mu20"] + m["mu02"]) / 2
    spread = float(np.hypot((m["mu20"] - m["mu02"]) / 2, m["mu11"]))
    if half_sum + spread < VOTE_SECOND_RIDGE_MIN_ELONGATION * max(half_sum - spread, 1e-6):
        return False  # no long axis: a cross, a dot
    across = ys * np.cos(angle) - xs * np.sin(angle)  # across the long axis, px
    profile = splat(across - float(across.min()), ink[ys, xs].astype(np.float32))
    smooth = np.convolve(profile, np.array([0.25, 0.5, 0.25], np.float32), mode="same")
    top = int(np.argmax(smooth))
    offset = np.arange(len(smooth)) - top - peak_shift(smooth, top)  # from the top, px
    gap = VOTE_TALLY_MIN_GAP_MM * s
    near = float(smooth[np.abs(offset) < gap].sum())
    beyond = float(smooth[offset >= gap].sum()) - float(smooth[offset <= -gap].sum())
    if abs(beyond) < VOTE_SECOND_RIDGE_LOPSIDED * near:
        return False
    k = max(1, round(VOTE_SECOND_RIDGE_SHOULDER_MM * s))
    inner = smooth[k:-k]  # each point against the mean of the points k px either side
    bulge = inner - (smooth[: -2 * k] + smooth[2 * k :]) / 2
    peak = (smooth[1:-1] >= smooth[:-2]) & (smooth[1:-1] >= smooth[2:])
    height = float(smooth[top])
    far = (np.abs(offset) >= gap) & (smooth >= VOTE_SECOND_RIDGE_SHARE * height)
    return bool(
        (far[1:-1] & peak).any()
        or (far[k:-k] & (bulge >= VOTE_SECOND_RIDGE_SHOULDER * height)).any()
    )


def peak_shift(profile: np.ndarray, top: int) -> float:
    """Where between its bins a profile's peak lies, from bin ``top`` (px, -0.5 to 0.5: the
    parabola through the top and its two neighbours); 0 at an end."""
    if not 0 < top < len(profile) - 1:
        return 0.0
    left, mid, right = (float(v) for v in profile[top - 1 : top + 2])
    curve = left - 2 * mid + right
    return float(np.clip(0.5 * (left - right) / curve, -0.5, 0.5)) if curve < 0 else 0.0


def slash_line_mm(
    points: np.ndarray,
    weights: np.ndarray,
    off_bar: np.ndarray,
    angle: float,
    profile: np.ndarray,
    peaks: list[int],
    s: float,
) -> float:
    """How long a line the ink off a tally group's bars makes across them (mm). ``angle``: the
    direction the bars were projected along (``profile``, its smoothed ink, ``peaks``, the bars).
    A slash is a ridge in the off-bar ink projected across a direction at least
    ``VOTE_TALLY_SLASH_MIN_ANGLE_DEG`` from the bars: its ink in a band ``VOTE_TALLY_SLASH_BAND_MM``
    wide over the mean of the two bands beside it. The blurred flanks of bars drawn closer than
    the mask's width lie all along the bars: projected that way they make a plateau, no ridge
    (four bars read five: 4-9 mm of flank off the bars). The ridge's ink, over a bar's (the
    bars' mean peak in ``profile``, band for band), times the bars' length: the length of slash
    seen between the bars (the part on a bar is the bar's), ~1-4 mm for a slash, less for
    flanks."""
    band = max(3, round(VOTE_TALLY_SLASH_BAND_MM * s) | 1)
    bar_dir = angle + np.pi / 2  # the bars' own direction
    along = points[:, 0] * np.cos(bar_dir) + points[:, 1] * np.sin(bar_dir)
    bar_len_px = float(np.ptp(along[~off_bar])) if (~off_bar).any() else 0.0
    bar_ink = float(np.mean([
        profile[max(0, p - band // 2) : p + band // 2 + 1].sum() for p in peaks
    ]))
    if not off_bar.any() or bar_ink <= 0.0 or bar_len_px <= 0.0:
        return 0.0
    off_points, off_weights = points[off_bar], weights[off_bar]
    ridge = 0.0
    min_tilt = np.deg2rad(VOTE_TALLY_SLASH_MIN_ANGLE_DEG)
    for normal in np.deg2rad(np.arange(0.0, 180.0, VOTE_TALLY_ANGLE_STEP_DEG)):
        # the line's angle to the bars (its normal's to the bars' normal, ``angle``), 0-90 degrees
        tilt = abs((normal - angle + np.pi / 2) % np.pi - np.pi / 2)
        if tilt < min_tilt - 1e-6:
            continue  # a line along the bars is a bar, or a flank
        across = off_points[:, 0] * np.cos(normal) + off_points[:, 1] * np.sin(normal)
        inked = np.convolve(
            splat(across - float(across.min()), off_weights), np.ones(band, np.float32), "full"
        )
        beside = np.zeros_like(inked)
        beside[band:] += inked[:-band] / 2
        beside[:-band] += inked[band:] / 2
        ridge = max(ridge, float((inked - beside).max()))
    return ridge / bar_ink * bar_len_px / s


def is_melted_group(
    tally: tuple[int, float] | None, blob: np.ndarray, ink: np.ndarray | None, s: float
) -> bool:
    """A crossed tally group (five votes) whose bars ``count_tally`` did not all see (``tally``:
    its answer, None for no two bars): blur melted them into a block, its slash still across."""
    if tally is not None and tally[0] >= VOTE_TALLY_GROUP or ink is None:
        return False
    return is_crossed_block(blob, ink, s)


def is_crossed_block(blob: np.ndarray, ink: np.ndarray, s: float) -> bool:
    """A tally group whose bars blur melted into one block, crossed by its slash: the slash fills
    the gaps between the bars, so its line is denser than the block. The block is wider than a
    pen dot both ways; its densest line (``densest_line``) runs at a slant to the sides of its
    smallest enclosing rectangle (at least ``VOTE_CROSSED_MIN_TILT_DEG``: the bars' direction and
    the group's width; one stroke, or bars melted side by side, has its densest line along a
    side) with at least ``VOTE_CROSSED_SIDE_SHARE`` of the ink on each side of it (the bars it
    crosses), and runs ``VOTE_CROSSED_MIN_LINE_MM`` at least (across four bars; a blurred dot is
    shorter); the ink off that line makes no second line nearly as dense (below
    ``VOTE_CROSSED_SECOND_MAX`` of it: the slash stands out of the block) and is not mostly on one
    (less than ``VOTE_CROSSED_SECOND_SHARE`` of it: the other arm of an X, one mark)."""
    ys, xs = np.nonzero(blob)
    points = np.column_stack([xs, ys]).astype(np.float32)
    (_, _), (w, h), rect_deg = cv2.minAreaRect(points)
    if min(w, h) / s <= VOTE_DOT_MAX_MM:
        return False
    weights = ink[ys, xs].astype(np.float32)
    total = float(weights.sum())
    if total <= 0.0:
        return False  # coloured, not dark: a pale sticker's piece, no pen
    band = max(3, round(VOTE_TALLY_SLASH_BAND_MM * s) | 1)
    directions = [float(d) for d in np.arange(0.0, 180.0, VOTE_TALLY_ANGLE_STEP_DEG)]
    excess, normal_deg, across, (lo, hi) = densest_line(points, weights, band, directions)
    line_deg = normal_deg + 90.0
    tilt = abs((line_deg - rect_deg + 45.0) % 90.0 - 45.0)  # from the nearest side, 0-45
    before = float(weights[across < lo].sum()) / total
    after = float(weights[across >= hi].sum()) / total
    if tilt < VOTE_CROSSED_MIN_TILT_DEG or min(before, after) < VOTE_CROSSED_SIDE_SHARE:
        return False
    on_line = (across >= lo) & (across < hi)
    if not on_line.any():
        return False  # no ink on the densest line's band: no slash
    line = np.deg2rad(line_deg)
    along = points[on_line, 0] * np.cos(line) + points[on_line, 1] * np.sin(line)
    if float(np.ptp(along)) / s < VOTE_CROSSED_MIN_LINE_MM:
        return False  # no longer than a blurred dot is wide: no slash across four bars
    off = (across < lo) | (across >= hi)
    others = [
        d for d in directions
        if abs((d - normal_deg + 90.0) % 180.0 - 90.0) >= VOTE_TALLY_SLASH_MIN_ANGLE_DEG
    ]
    second, _, across2, (lo2, hi2) = densest_line(points[off], weights[off], band, others)
    on_second = float(weights[off][(across2 >= lo2) & (across2 < hi2)].sum())
    return (
        second < VOTE_CROSSED_SECOND_MAX * excess
        and on_second < VOTE_CROSSED_SECOND_SHARE * float(weights[off].sum())
    )


def densest_line(
    points: np.ndarray, weights: np.ndarray, band: int, normals_deg: list[float]
) -> tuple[float, float, np.ndarray, tuple[float, float]]:
    """The line (``band`` px wide) whose ink most exceeds the mean of the two bands beside it,
    over the given directions of its normal (degrees): that excess, the normal's direction,
    each point's position across it (px) and the band's span on that axis."""
    best = None
    for deg in normals_deg:
        angle = np.deg2rad(deg)
        across = points[:, 0] * np.cos(angle) + points[:, 1] * np.sin(angle)
        across = across - float(across.min())
        inked = np.convolve(splat(across, weights), np.ones(band, np.float32), "full")
        beside = np.zeros_like(inked)
        beside[band:] += inked[:-band] / 2
        beside[:-band] += inked[band:] / 2
        k = int(np.argmax(inked - beside))  # inked[k]: the ink of bins k - band + 1 .. k
        if best is None or float(inked[k] - beside[k]) > best[0]:
            best = (float(inked[k] - beside[k]), deg, across, (k - band + 0.5, k + 0.5))
    if best is None:  # no direction to look along
        return 0.0, 0.0, np.zeros(len(points), np.float32), (0.0, 0.0)
    return best


def edge_padded(profile: np.ndarray, n: int) -> np.ndarray:
    """``np.pad(profile, n, mode="edge")`` of a 1-D profile, the same floats, without np.pad's
    overhead (a tally blob is projected at every angle step)."""
    return np.concatenate([np.full(n, profile[0]), profile, np.full(n, profile[-1])])


def splat(positions: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """A 1-px histogram of ``positions`` (>= 0), each weight shared by its two nearest bins: no
    comb of empty bins when the pixel grid is projected at a slant."""
    base = np.floor(positions).astype(int)
    frac = (positions - base).astype(np.float32)
    size = int(base.max()) + 2
    return (
        np.bincount(base, weights * (1 - frac), minlength=size)
        + np.bincount(base + 1, weights * frac, minlength=size)
    ).astype(np.float32)


def is_disc(blob: np.ndarray, dist: np.ndarray, s: float) -> bool:
    """Round: its inscribed disc spans most of it, and it fills most of its enclosing circle (a
    square of tally bars merged by blur fills ~64 %, a blurred dot or sticker over 85 %)."""
    ys, xs = np.nonzero(blob)
    extent = max(int(np.ptp(xs)), int(np.ptp(ys))) + 1
    if 2 * float(dist.max()) < VOTE_ONE_DISC_MIN_ROUNDNESS * extent:
        return False
    return circle_fill(blob) >= VOTE_DISC_MIN_FILL


def circle_fill(blob: np.ndarray) -> float:
    """The share of its enclosing circle a blob fills."""
    ys, xs = np.nonzero(blob)
    _, enclosing = cv2.minEnclosingCircle(np.column_stack([xs, ys]).astype(np.float32))
    return float(blob.sum()) / (np.pi * (enclosing + 0.5) ** 2)


def colour_parts(
    blob: np.ndarray, lab: np.ndarray, s: float, depth: int = 3
) -> tuple[list[np.ndarray], bool]:
    """A thick blob split where it holds stickers of clearly different colours (two-means on the
    chroma and half the lightness of its core pixels, repeated on each part): one part per
    colour piece at least ``VOTE_COLOUR_PART_MIN_MM2`` big. A sticker's sheen or shading stays
    well under ``VOTE_COLOUR_SPLIT_MIN``. Also says whether a sliver of another colour too small
    to be a part (a sticker nearly hidden under others) was seen: the count is then unsure."""
    size = max(3, round(VOTE_COLOUR_EDGE_MM * s) * 2 + 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    core = cv2.erode(blob.astype(np.uint8), kernel) > 0
    if depth == 0 or core.sum() < VOTE_COLOUR_SLIVER_MM2 * s * s * 2:
        return [blob], False
    weights = np.array([0.5, 1.0, 1.0], np.float32)
    pixels = lab[core].astype(np.float32) * weights
    centres = two_means(pixels)
    if centres is None or float(np.linalg.norm(centres[0] - centres[1])) < VOTE_COLOUR_SPLIT_MIN:
        return [blob], False
    ys, xs = np.nonzero(core)
    distance = centre_distances(pixels, centres)
    nearest = (distance[1] < distance[0]).astype(np.intp)  # np.argmin over the two, faster
    pieces: list[np.ndarray] = []
    sliver = False
    small = np.ones((3, 3), np.uint8)
    for k in range(2):
        cluster = np.zeros(blob.shape, np.uint8)
        cluster[ys[nearest == k], xs[nearest == k]] = 1
        opened = cv2.morphologyEx(cluster, cv2.MORPH_OPEN, small)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
        for i in range(1, n):
            area_mm2 = stats[i, cv2.CC_STAT_AREA] / s**2
            if area_mm2 >= VOTE_COLOUR_PART_MIN_MM2:
                pieces.append(labels == i)
            elif area_mm2 >= VOTE_COLOUR_SLIVER_MM2:
                sliver = True
    if len(pieces) < 2:
        return [blob], sliver
    # give each piece back its edge: the blob's pixels nearest to it
    owner = np.argmin(
        [cv2.distanceTransform((~piece).astype(np.uint8), cv2.DIST_L2, 3) for piece in pieces],
        axis=0,
    )
    parts = []
    for k in range(len(pieces)):
        part = blob & (owner == k)
        sub, sub_sliver = colour_parts(part, lab, s, depth - 1)
        parts.extend(sub)
        sliver = sliver or sub_sliver
    return parts, sliver


def two_means(pixels: np.ndarray, rounds: int = 8) -> np.ndarray | None:
    """Two centres (deterministic: seeded by the pixel farthest from the mean and the pixel
    farthest from that one)."""
    if len(pixels) < 2:
        return None
    pixels = pixels[:: max(1, len(pixels) // VOTE_COLOUR_SAMPLE)]  # a regular sample is enough
    a = pixels[int(np.argmax(np.linalg.norm(pixels - pixels.mean(axis=0), axis=1)))]
    b = pixels[int(np.argmax(np.linalg.norm(pixels - a, axis=1)))]
    centres = np.stack([a, b])
    for _ in range(rounds):
        distance = centre_distances(pixels, centres)
        second = distance[1] < distance[0]  # np.argmin over the two: the first on a tie
        n = int(np.count_nonzero(second))
        if n == 0 or n == len(second):
            return None
        # each cluster's mean: its sum over the count, as ndarray.mean divides it
        moved = np.empty_like(centres)
        moved[0] = np.add.reduce(pixels[~second], axis=0) / (len(second) - n)
        moved[1] = np.add.reduce(pixels[second], axis=0) / n
        if (moved == centres).all():
            break  # settled: the rounds left would give these centres again
        centres = moved
    return centres


def centre_distances(pixels: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Each pixel's distance to each centre (centres x pixels): ``np.linalg.norm(pixels - c,
    axis=1)`` of each centre ``c``, the same floats, in one pass instead of one per centre; the
    squares summed channel by channel, in numpy's order (a sum along a last axis of three is
    twice as slow)."""
    offsets = pixels[None, :, :] - centres[:, None, :]
    squares = offsets * offsets
    total = squares[:, :, 0]
    for c in range(1, squares.shape[2]):
        total = total + squares[:, :, c]
    return np.sqrt(total)


def count_discs(blob: np.ndarray, dist: np.ndarray, s: float) -> tuple[int, float]:
    """Greedy: the largest inscribed disc is one sticker (or pen dot); erase it, repeat while a
    disc big enough is left. A piece of ink left over that no disc explains and too thick for a
    rim of blur (a small sticker half under a big one of its colour) is one more sticker, but the
    count is then unsure."""
    residual = blob.astype(np.uint8)
    first_radius, count = 0.0, 0
    while True:
        radius = float(dist.max())
        if (
            radius / s < VOTE_DISC_MIN_RADIUS_MM
            or radius < VOTE_DISC_RELATIVE_RADIUS * first_radius
        ):
            break
        y, x = np.unravel_index(int(np.argmax(dist)), dist.shape)
        first_radius = first_radius or radius
        count += 1
        cv2.circle(residual, (int(x), int(y)), round(radius) + 2, 0, -1)
        dist = cv2.distanceTransform(residual, cv2.DIST_L2, 5)
    if count == 0:
        return 1, AMBIGUOUS_CONFIDENCE  # thick but no disc: a smudge, a blot
    # what no disc explains: a rim or a crescent is thin; a piece of another sticker is not
    left = cv2.morphologyEx(residual, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(left, connectivity=8)
    extra = 0
    for i in range(1, n):
        piece = (labels == i).astype(np.uint8)
        piece_radius_mm = float(cv2.distanceTransform(piece, cv2.DIST_L2, 5).max()) / s
        if (
            piece_radius_mm >= VOTE_LEFTOVER_MIN_RADIUS_MM
            and stats[i, cv2.CC_STAT_AREA] / s**2 >= VOTE_LEFTOVER_MAX_MM2
        ):
            extra += 1
    return count, AMBIGUOUS_CONFIDENCE if extra else SURE


def is_stroke(blob: np.ndarray, s: float) -> bool:
    """Thin and longer than a pen dot: a tick, a bar, a cross."""
    dist = cv2.distanceTransform(blob.astype(np.uint8), cv2.DIST_L2, 5)
    ys, xs = np.nonzero(blob)
    extent_mm = max(int(np.ptp(xs)), int(np.ptp(ys))) / s
    return float(dist.max()) / s < VOTE_THIN_MAX_RADIUS_MM and extent_mm > VOTE_DOT_MAX_MM


def count_votes(
    patch_bgr: np.ndarray,
    marked: np.ndarray,
    inside: np.ndarray,
    s: float,
    doubtful: np.ndarray | None = None,
    blurred: bool = False,
    cut: np.ndarray | None = None,
    blur_mm: float = 0.0,
    outline_cut: np.ndarray | None = None,
) -> StripCount:
    """Every blob whose centre is on the strip (not the label above it, not the next field),
    or a sticker-sized blob mostly off it but touching it (half off the strip: unsure).
    A speck next to a real blob is a piece of it cut off by a printed circle (a tick's tail);
    an isolated speck makes the count unsure; so does a blob running off the counting area
    (a hand, tape, a sticker half off the card). On a ``blurred`` strip, pen marks and an empty
    strip are proposals only (``VOTE_BLUR_PEN_CONFIDENCE``): blur melts tally bars together
    and fades a small pen dot into the paper; a sticker stays a sticker. A strip where a sticker
    is wide enough to hide a whole mark of the smallest size seen on it (``VOTE_HIDE_MARGIN_MM``)
    is a proposal (``VOTE_HIDE_CONFIDENCE``): a dot stuck under a bigger one cannot be seen.
    A blob touching ``cut`` (the card's edge: what lay beyond it is gone) is unsure.
    ``blur_mm``: how wide the strip's printed line looks (its blur; 0 when not measured).
    ``outline_cut``: where layout 2's printed outline cut or held ink; a speck within
    ``VOTE_SPECK_PRINT_MM`` of it is print left over by the outline's removal, never proposed."""
    lab = cv2.cvtColor(patch_bgr, cv2.COLOR_BGR2LAB)
    gray8 = cv2.cvtColor(patch_bgr, cv2.COLOR_BGR2GRAY)
    paper = max(grey_percentile(gray8, 90), 1.0)
    gray = gray8.astype(np.float32)
    ink = np.clip((paper - gray) / paper, 0.0, 1.0)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(
        marked.astype(np.uint8), connectivity=8
    )
    areas_mm2 = stats[:, cv2.CC_STAT_AREA] / s**2
    big = np.isin(labels, [i for i in range(1, count) if areas_mm2[i] >= VOTE_BLOB_MIN_MM2])
    reach = round(VOTE_FRAGMENT_GAP_MM * s) * 2 + 1
    near_big = cv2.dilate(big.astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    grow = round(VOTE_STICKER_OFF_MM * s) * 2 + 1
    near = cv2.dilate(inside.astype(np.uint8), np.ones((grow, grow), np.uint8)) > 0
    whole_dist = cv2.distanceTransform(marked.astype(np.uint8), cv2.DIST_L2, 5)
    bled = sticker_reach(labels, areas_mm2, whole_dist, s, blur_mm)
    # the paper's colour, for the halo rule (none when the marks fill the window: rule off)
    paper_colour = median_lab(lab, ~marked) if bled.any() and not marked.all() else None
    total, confidence, specks = 0, SURE, 0
    faded, contrast = 0, None  # specks standing out from the paper like a blurred dot
    clear = outline_clear(inside, doubtful, s)
    # where layout 2's outline cut or held ink: a speck there is print left over (nobody aims at
    # the outline; on layout 1 people aim at the circles, and a speck on one is a faded dot)
    near_print = None
    if outline_cut is not None:
        size = round(VOTE_SPECK_PRINT_MM * s) * 2 + 1
        near_print = cv2.dilate(outline_cut.astype(np.uint8), np.ones((size, size), np.uint8)) > 0
    pen_confidence = VOTE_BLUR_PEN_CONFIDENCE if blurred else PEN_MARK_CONFIDENCE
    widest_mm, smallest_mm = 0.0, np.inf  # the biggest disc in a counted blob, the smallest mark
    smallest_disc_mm = np.inf  # the smallest thick mark (a sticker, a filled dot): its extent
    counted = np.zeros(marked.shape, bool)  # the blobs counted or explained (pieces, halos)
    speck_kinds: list[tuple[tuple[slice, slice], np.ndarray, bool, bool]] = []
    for i in range(1, count):
        cx, cy = centroids[i]
        if areas_mm2[i] < VOTE_NOISE_MAX_MM2:
            continue
        x, y, w, h = (int(v) for v in stats[i, :4])
        win = (slice(max(0, y - 3), y + h + 3), slice(max(0, x - 3), x + w + 3))  # the blob's own
        blob = labels[win] == i
        centred = inside[int(round(cy)), int(round(cx))]
        if not centred and near[int(round(cy)), int(round(cx))]:
            # a sticker half off the strip is a vote; a thin blob there is the label or a frame
            centred = float(whole_dist[win][blob].max()) >= VOTE_THIN_MAX_RADIUS_MM * s
        off_strip = False
        if not centred:
            if not (areas_mm2[i] >= VOTE_STICKER_MIN_MM2 and (blob & inside[win]).any()):
                continue
            off_strip = True  # mostly off the strip but touching it: counted, for a person
        if areas_mm2[i] < VOTE_BLOB_MIN_MM2:
            if (near_big[win] & blob).any():
                if bar_beside_stroke(blob, (x, y), labels, areas_mm2, reach, s):
                    # a faded tally bar beside a counted one, not a piece of it: the count may
                    # be short (bars too pale for their own blob), a person counts
                    confidence = min(confidence, AMBIGUOUS_CONFIDENCE)
                counted[win] |= blob
                continue  # a piece of a bigger mark cut off by a printed circle
            if areas_mm2[i] >= VOTE_PEN_DOT_MIN_MM2 and is_pen_dot(blob, ink[win], s):
                total += 1  # a small pen dot (1.2-1.8 mm): a vote
                confidence = min(confidence, pen_confidence)
                counted[win] |= blob
            else:  # a vote or a speck? a dark one may be a small pen dot, blurred
                if not (near_print is not None and (blob & near_print[win]).any()):
                    dark_speck = float(ink[win][blob].max()) >= VOTE_PEN_DOT_MIN_INK
                    if blurred:  # faded by the blur: does it stand out like a dot?
                        if contrast is None:
                            contrast = dot_contrast(patch_bgr, marked, inside, s)
                        dot_like = float(contrast[win][blob].max()) >= VOTE_FADED_DOT_CONTRAST
                        faded += int(dot_like)
                        specks += int(dark_speck and not dot_like)
                        speck_kinds.append((win, blob, dark_speck and not dot_like, dot_like))
                    else:
                        specks += int(dark_speck)
                confidence = min(confidence, AMBIGUOUS_CONFIDENCE)
            continue
        counted[win] |= blob
        if paper_colour is not None and is_sticker_halo(
            blob, bled[win], ink[win], lab[win], paper_colour, areas_mm2[i]
        ):
            continue  # a sticker's colour bled into the paper beside it: part of that sticker
        votes, sure = count_blob(
            blob, s, lab[win], ink[win], clear[win], blur_mm, marked[win]
        )
        inscribed_mm = 2 * float(whole_dist[win][blob].max()) / s
        widest_mm = max(widest_mm, inscribed_mm)
        smallest_mm = min(smallest_mm, max(w, h) / s)
        if inscribed_mm >= 2 * VOTE_THIN_MAX_RADIUS_MM:
            smallest_disc_mm = min(smallest_disc_mm, max(w, h) / s)
        if sure == PEN_MARK_CONFIDENCE:  # one mark (a dot, a tally group, a small disc)
            sure = pen_confidence
        # on a printed circle: cut by it? drawn along it?
        if doubtful is not None and (blob & doubtful[win]).any() and is_stroke(blob, s):
            sure = min(sure, AMBIGUOUS_CONFIDENCE)
        if off_strip or runs_off(stats[i], marked.shape) or (
            cut is not None and (blob & cut[win]).any()
        ):
            sure = min(sure, AMBIGUOUS_CONFIDENCE)
        total += votes
        confidence = min(confidence, sure)
    if widest_mm - smallest_mm >= VOTE_HIDE_MARGIN_MM:
        confidence = min(confidence, VOTE_HIDE_CONFIDENCE)  # a small one may be under a big one
    if total == 0 and blurred:
        confidence = min(confidence, pen_confidence)  # nothing seen: under blur, a faded dot?
    if blurred and widest_mm <= VOTE_DOT_MAX_MM:
        # no sticker: pen strokes the mask saw only in pieces (specks), or not at all, beside
        # the marks counted (or with none)? Each is proposed, for a person
        strokes, places = faded_strokes(patch_bgr, marked, counted, inside, s)
        if strokes:
            total, confidence = total + strokes, min(confidence, AMBIGUOUS_CONFIDENCE)
            for win, blob, dark, dot in speck_kinds:  # a piece of such a stroke: counted there
                if (blob & places[win]).any():
                    specks, faded = specks - int(dark), faded - int(dot)
    # a few dark specks are proposed as votes; many are grain or a texture, not dots
    # (on a strip voted with pen dots, no sticker's edge left them: faded or smeared dots)
    among_dots = 0 < total and widest_mm <= VOTE_DOT_MAX_MM
    most = VOTE_SPECKS_AMONG_DOTS_MAX if among_dots else VOTE_SPECKS_PROPOSED_MAX
    if among_dots:
        specks += faded
    elif widest_mm <= VOTE_DOT_MAX_MM and faded:
        # on a blurred strip with no sticker, nothing counted: specks that stand out like a dot
        specks, most = faded, VOTE_SPECKS_AMONG_DOTS_MAX
    total += specks if specks <= most else 0
    return StripCount(total, confidence, widest_mm, float(smallest_disc_mm))


def axis_moments(mask: np.ndarray) -> tuple[dict[str, float], float]:
    """A blob's moments (``cv2.moments``, binary) and the direction of its long axis (radians,
    -pi/2 to pi/2), for ``principal_axis`` and ``has_second_ridge``."""
    m = cv2.moments(mask.astype(np.uint8), binaryImage=True)
    return m, 0.5 * np.arctan2(2 * m["mu11"], m["mu20"] - m["mu02"])


def principal_axis(mask: np.ndarray) -> tuple[float, float, float]:
    """A blob's centroid (x, y, px) and the direction of its long axis (radians, 0-pi)."""
    m, angle = axis_moments(mask)
    if m["m00"] <= 0:
        return 0.0, 0.0, 0.0
    return m["m10"] / m["m00"], m["m01"] / m["m00"], float(angle % np.pi)


def bar_beside_stroke(
    piece: np.ndarray,
    corner: tuple[int, int],
    labels: np.ndarray,
    areas_mm2: np.ndarray,
    reach: int,
    s: float,
) -> bool:
    """A speck next to a counted blob is taken for a piece of it (cut off by a printed circle) and
    not counted; but a stroke-shaped speck (``is_stroke``: thin, longer than a pen dot) lying
    beside a counted stroke, parallel to it (within ``VOTE_BAR_BESIDE_MAX_ANGLE_DEG``) and level
    with it (its centre projects onto the stroke's length, not beyond its end, where a cut-off
    tail would be) is a tally bar of its own, too pale or thin for ``VOTE_BLOB_MIN_MM2``: the
    count may be short. ``piece``: the speck in its window, whose top-left is ``corner`` (x, y)
    in ``labels``; ``reach``: the window (px, odd) within which a blob is next to it."""
    if not is_stroke(piece, s):
        return False
    px, py, piece_angle = principal_axis(piece)
    px, py = px + corner[0], py + corner[1]
    rows, cols = labels.shape
    # a window round the speck wide enough to hold every blob next to it
    dx, dy = reach // 2 + piece.shape[1], reach // 2 + piece.shape[0]
    y0, y1 = max(0, int(py) - dy), min(rows, int(py) + dy + 1)
    x0, x1 = max(0, int(px) - dx), min(cols, int(px) + dx + 1)
    for j in np.unique(labels[y0:y1, x0:x1]):
        if j == 0 or areas_mm2[j] < VOTE_BLOB_MIN_MM2:
            continue
        ys, xs = np.nonzero(labels == j)
        stroke = np.zeros((int(np.ptp(ys)) + 3, int(np.ptp(xs)) + 3), bool)
        stroke[ys - ys.min() + 1, xs - xs.min() + 1] = True
        if not is_stroke(stroke, s):
            continue
        sx, sy, stroke_angle = principal_axis(stroke)
        sx, sy = sx + xs.min() - 1, sy + ys.min() - 1
        tilt = abs((piece_angle - stroke_angle + np.pi / 2) % np.pi - np.pi / 2)
        if tilt > np.deg2rad(VOTE_BAR_BESIDE_MAX_ANGLE_DEG):
            continue
        along_dir = np.array([np.cos(stroke_angle), np.sin(stroke_angle)])
        along = (np.column_stack([xs, ys]) - [sx, sy]) @ along_dir
        offset = float(np.dot([px - sx, py - sy], along_dir))
        if float(along.min()) <= offset <= float(along.max()):
            return True
    return False


def sticker_reach(
    labels: np.ndarray, areas_mm2: np.ndarray, dist: np.ndarray, s: float, blur_mm: float
) -> np.ndarray:
    """Where a sticker's colour can bleed into the paper round it: within the rim blur gives a
    sticker (``rim_max_mm`` of ``blur_mm``) of a blob as big as one (``VOTE_STICKER_MIN_MM2``)
    and thicker than a pen stroke (``VOTE_THIN_MAX_RADIUS_MM``). ``labels``: the counting mask's
    blobs, ``areas_mm2`` their areas, ``dist`` its distance transform (px)."""
    peak = np.zeros(len(areas_mm2), np.float32)
    np.maximum.at(peak, labels.ravel(), dist.ravel())
    stickers = (areas_mm2 >= VOTE_STICKER_MIN_MM2) & (peak >= VOTE_THIN_MAX_RADIUS_MM * s)
    stickers[0] = False  # the paper
    if not stickers.any():
        return np.zeros(labels.shape, bool)
    size = round(rim_max_mm(blur_mm) * s) * 2 + 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    return cv2.dilate(stickers[labels].astype(np.uint8), kernel) > 0


def is_sticker_halo(
    blob: np.ndarray,
    reach: np.ndarray,
    ink: np.ndarray,
    lab: np.ndarray,
    paper: np.ndarray,
    area_mm2: float,
) -> bool:
    """Is a blob a piece of a sticker's colour bled into the paper beside it? Blur and JPEG's
    coarse colour (a colour block is 8 px, 3-4 mm at 2-2.7 px/mm) tint the paper round a
    saturated sticker, and the hue mask keeps pieces of that tint, counted as pen marks. Such a
    piece is smaller than a sticker (``VOTE_STICKER_MIN_MM2``), touches where a sticker's colour
    bleeds (``reach``, ``sticker_reach``), no pixel of it is darker than the paper by
    ``VOTE_DARKNESS`` (``ink``: no pen, no print), and its colour (median, ``lab``) is the
    paper's (``paper``, Lab), tinted by at most ``VOTE_HALO_MAX_DELTA`` in every channel: a
    piece of a sticker keeps a colour of its own."""
    if area_mm2 >= VOTE_STICKER_MIN_MM2 or not (reach & blob).any():
        return False
    if float(ink[blob].max()) >= VOTE_DARKNESS:
        return False
    return float(np.max(np.abs(median_lab(lab, blob) - paper))) <= VOTE_HALO_MAX_DELTA


class StripCount(NamedTuple):
    """``count_votes``' answer: the count, its confidence, and the sizes the photo-wide hidden
    sticker rule needs (``cap_hidden_stickers``)."""

    votes: int
    confidence: float
    widest_mm: float = 0.0
    smallest_disc_mm: float = float("inf")


def cap_hidden_stickers(strips: list[VoteCount]) -> None:
    """The sizes of dot stickers in use are the room's, not one strip's: a strip whose widest
    sticker is ``VOTE_HIDE_MARGIN_MM`` wider than a sticker-like mark seen on any strip of the
    photo may hide one, wholly, and is a proposal (``VOTE_HIDE_CONFIDENCE``). A strip left
    unread for lack of time (reason OUT_OF_TIME) showed no sizes: the smallest sticker sold
    (``VOTE_SMALLEST_STICKER_MM``) may then be in the room, and is assumed. So it is when the
    photo shows too few stickers to tell the sizes in use (fewer than ``VOTE_SIZES_MIN_SEEN``
    votes counted on strips with a sticker-like mark: a close photo of one need card, its pile
    all of one size, says nothing of an 8 mm one stuck wholly under it)."""
    smallest = min((v.smallest_disc_mm for v in strips), default=float("inf"))
    seen = sum(v.count for v in strips if v.smallest_disc_mm < float("inf"))
    if any(v.reason == OUT_OF_TIME for v in strips) or seen < VOTE_SIZES_MIN_SEEN:
        smallest = min(smallest, VOTE_SMALLEST_STICKER_MM)
    for strip in strips:
        if strip.widest_mm - smallest >= VOTE_HIDE_MARGIN_MM:
            strip.confidence = min(strip.confidence, VOTE_HIDE_CONFIDENCE)


def outline_clear(inside: np.ndarray, doubtful: np.ndarray | None, s: float) -> np.ndarray:
    """Where a blob's outline is its own: inside the strip by ``VOTE_BUMP_EDGE_MM`` (its printed
    outline, the label above it) and away from where a printed line cut ink (``doubtful``)."""
    size = round(VOTE_BUMP_EDGE_MM * s) * 2 + 1
    kernel = np.ones((size, size), np.uint8)
    clear = cv2.erode(inside.astype(np.uint8), kernel) > 0
    if doubtful is not None:
        near = round(VOTE_BUMP_EDGE_MM / 2 * s) * 2 + 1
        clear &= ~(cv2.dilate(doubtful.astype(np.uint8), np.ones((near, near), np.uint8)) > 0)
    return clear


def is_pen_dot(blob: np.ndarray, ink: np.ndarray, s: float) -> bool:
    """A small blob that is a dot of ink: round, and as dark at its core as a pen makes it
    (grain, dust and JPEG blocks are pale or ragged)."""
    dist = cv2.distanceTransform(blob.astype(np.uint8), cv2.DIST_L2, 5)
    return is_disc(blob, dist, s) and float(ink[blob].max()) >= VOTE_PEN_DOT_MIN_INK


def runs_off(stat: np.ndarray, shape: tuple[int, ...]) -> bool:
    x, y, w, h = (int(v) for v in stat[:4])
    return x == 0 or y == 0 or x + w >= shape[1] or y + h >= shape[0]


def marked_mask(
    strip_bgr: np.ndarray, margin_px: int, px_per_mm: float = READ_PX_PER_MM
) -> np.ndarray:
    """Pixels unlike the paper around them: darker (pen, dark stickers) or more coloured (light
    stickers, yellow too). ``strip_bgr`` holds ``margin_px`` of paper around the strip.

    The paper's grey is a morphological closing wider than a sticker: it follows a shadow across
    the strip (a ramp closes onto itself) but not a sticker. Pixels brighter than the margin's
    median are clipped first, or a yellow sticker (brighter than grey paper) would pass for
    paper. Colour is measured relative to that grey (a shadow dims colour and grey alike) against
    the margin's own relative colour (tinted paper)."""
    dark, colour, _ = marked_parts(strip_bgr, margin_px, px_per_mm)
    return dark | colour


def marked_parts(
    strip_bgr: np.ndarray,
    margin_px: int,
    px_per_mm: float = READ_PX_PER_MM,
    on_card_paper: np.ndarray | None = None,
    dark_on_card: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``marked_mask`` in its two parts: darker than the paper, more coloured than the paper;
    and a third, darker than the whole margin's grey.
    ``on_card_paper``: which pixels of ``strip_bgr`` lie on the card's paper (``on_card``).
    Colour is then measured against that paper, its grey and its tint, from the margin's pixels
    on it: the wall beside a strip near the card's edge is no paper of this card. Darkness too
    with ``dark_on_card`` (layout 2's plain area): a wall darker than the card pulled the
    margin's grey down and pale pen ink fell out of the mask. The third part is the dark mask
    against the whole margin's grey all the same, as the colour mask's hue terms keep it: the
    rules reading stickers, layout 1's circles and the ink on layout 2's printed outline
    (``ink_on_outline``) were measured with it (``read_votes``, votes25 notes)."""
    size = int(VOTE_PAPER_MM * px_per_mm) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    gray = cv2.cvtColor(strip_bgr, cv2.COLOR_BGR2GRAY)
    chroma = channel_spread(strip_bgr).astype(np.float32)
    margin = np.ones(gray.shape, bool)
    margin[margin_px:-margin_px, margin_px:-margin_px] = False
    paper = paper_grey(gray, margin, kernel)
    dark = (paper - gray) / paper > VOTE_DARKNESS
    margin_dark = dark
    # colour against the card's paper: a wall darker than the card pulled the margin's median
    # grey down (and a grey wall its tint), and the pastel paper's own grain passed for colour
    # (family-2 vote walls 25600-25659: 3 stickers read 12, 4 pen dots 15 on yellow paper)
    tinted = margin
    colour_paper = paper
    if on_card_paper is not None:
        card_margin = margin & on_card_paper
        if card_margin.sum() >= VOTE_CARD_PAPER_MIN_SHARE * margin.sum():
            tinted = card_margin
            colour_paper = paper_grey(gray, card_margin, kernel)
            if dark_on_card:
                dark = (colour_paper - gray) / colour_paper > VOTE_DARKNESS
    paper_tint = float(np.median(chroma[tinted] / np.maximum(gray[tinted], 1)))
    # a hue unlike the paper's marks a pale sticker; where it is darker than the paper too, only
    # a sticker's body (wider than VOTE_LINE_MAX_MM) is colour: JPEG gives a dark printed line on
    # pastel paper another hue, and as colour it would stay in the mask where the printed line
    # is taken out
    hue = hue_shift(strip_bgr, margin) > VOTE_HUE_SHIFT
    dark_hue = line_bodies(hue & margin_dark, px_per_mm)
    colour = (chroma / colour_paper - paper_tint > VOTE_CHROMA) | (hue & ~margin_dark) | dark_hue
    core = (slice(margin_px, -margin_px), slice(margin_px, -margin_px))
    core_margin_dark = margin_dark[core]
    # the same array when darkness was not measured on the card (``read_votes`` tests ``is``)
    core_dark = core_margin_dark if dark is margin_dark else dark[core]
    return core_dark, colour[core], core_margin_dark


def paper_grey(gray: np.ndarray, margin: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """The paper's grey under each pixel (float32, at least 1): ``gray`` clipped at the median
    of its ``margin`` pixels, closed by ``kernel`` (wider than a sticker)."""
    clipped = np.minimum(gray, np.uint8(byte_percentiles(gray[margin], (50,))[0]))  # median
    return np.maximum(cv2.morphologyEx(clipped, cv2.MORPH_CLOSE, kernel).astype(np.float32), 1.0)


def channel_spread(bgr: np.ndarray) -> np.ndarray:
    """Per pixel, its brightest channel minus its darkest (uint8): how coloured it is. The same
    values as ``bgr.max(axis=2) - bgr.min(axis=2)``, channel by channel (ten times faster)."""
    b, g, r = cv2.split(bgr)
    return cv2.subtract(cv2.max(cv2.max(b, g), r), cv2.min(cv2.min(b, g), r))


def hue_shift(strip_bgr: np.ndarray, margin: np.ndarray) -> np.ndarray:
    """How far each pixel's chromaticity (its share of blue, green and red, whatever its light)
    is from the paper's (the margin's median). A pale sticker as coloured as a pastel paper but of
    another hue (peach on green) differs in hue, not in colourfulness; a shadow changes neither.
    Computed plane by plane, in the same float32 operations as on the pixel triples."""
    # each plane on its own (contiguous: a third faster than strided views of the whole)
    planes = [
        plane.astype(np.float32) + 1.0
        for plane in cv2.split(cv2.GaussianBlur(strip_bgr, (0, 0), 1.0))
    ]
    total = (planes[0] + planes[1]) + planes[2]
    # the paper's share of each channel: a float32, as np.median(..., axis=0) gives per channel
    parts = [(plane - np.median(plane[margin])) ** 2 for plane in (p / total for p in planes)]
    return np.sqrt((parts[0] + parts[1]) + parts[2])


def read_votes(
    bgr: np.ndarray,
    h: np.ndarray,
    field: Field,
    px_per_mm: float = READ_PX_PER_MM,
    card: Box | None = None,
    solid_print: tuple[Box, ...] = (),
    print_bands: tuple[Box, ...] = (),
) -> VoteCount:
    """Verify the strip (in the photo; its printed circles, layout 1, or its printed outline,
    layout 2, where expected), take what is printed out of the mask, then count objects.
    ``marked`` is per printed circle (layout 1); a layout-2 area has none. ``card``: the card's
    outline (mm); beyond it is the wall or another card, never a mark of this strip.
    ``solid_print``: the card's solid printed boxes (corner markers, QR code, mm): their black is
    no mark (a sticker over one keeps its colour). ``print_bands``: the card's printed bands
    thinner than a sticker (the hatch band between the bottom markers, mm): there, dark is kept
    only in a body wider than the band (``wider_than_band``), a dark sticker hanging over it."""
    s = px_per_mm
    if not is_in_frame(bgr.shape, h, field.box.grown(VOTE_FRAME_RING_MM)):
        return VoteCount(0, 0.0, [None] * len(field.targets), OUT_OF_FRAME)
    area = field.box.grown(VOTE_OUTSIDE_MM)
    margin_px = round(VOTE_PAPER_MM / 2 * s)
    around = area.grown(VOTE_PAPER_MM / 2)
    strip = warp_box(bgr, h, around, s)
    card_paper = None
    if card is not None:  # the card's paper, away from its edge (the fit is a little off)
        card_paper = on_card(
            strip.shape[:2], card.grown(-VOTE_CARD_PAPER_INSET_MM), (around.x_mm, around.y_mm), s
        )
    # layout 2: darkness against the card's paper too (layout 1's circle rules keep the margin's)
    dark, colour, line_dark = marked_parts(strip, margin_px, s, card_paper, not field.targets)
    core = strip[margin_px : margin_px + dark.shape[0], margin_px : margin_px + dark.shape[1]]
    origin = (area.x_mm, area.y_mm)
    # the strip is in the photo, but around it a sticker sticking out may be cut by the frame
    seen = in_photo(dark.shape, bgr.shape, h, origin, s)
    colour = colour & seen
    off_card = None if card is None else ~on_card(dark.shape, card, origin, s)
    solid = [
        on_card(dark.shape, b.grown(VOTE_SOLID_PRINT_MARGIN_MM), origin, s) for b in solid_print
    ]

    bands = [
        (on_card(dark.shape, b.grown(VOTE_SOLID_PRINT_MARGIN_MM), origin, s), b.h_mm)
        for b in print_bands
    ]

    def cleared(d: np.ndarray) -> np.ndarray:
        d = without_print_around(d & seen, field, origin, s)
        # the hatch band, blurred: a body a line's opening keeps; a sticker over it is wider
        # (measured before a marker's box notches that sticker: the notch is no narrowing)
        keep = [~band | wider_than_band(d, mm, s) for band, mm in bands if (d & band).any()]
        for box in solid:  # a corner marker, the QR code: black print, not a sticker
            d &= ~box
        for kept in keep:
            d &= kept
        return d if off_card is None else d & ~off_card

    same = line_dark is dark
    dark = cleared(dark)
    line_dark = dark if same else cleared(line_dark)
    if not same and not pen_only(line_dark | colour, field, origin, s):
        dark = line_dark  # a sticker: the rules reading stickers keep the margin's grey
    cut = None  # where the card's edge cuts the counting area: a blob touching it is unsure
    beyond = ~seen  # out of the photo or off the card: no paper of this strip
    if off_card is not None:
        beyond = beyond | off_card
        colour = colour & ~off_card
        cut = cv2.dilate(off_card.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    frame_edge = cv2.dilate((~seen).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    cap = AMBIGUOUS_CONFIDENCE if ((dark | colour) & frame_edge).any() else SURE
    given_back: np.ndarray | None = None
    blurred, spread_mm = False, 0.0  # measured on layout 2's outline only (not layout 1's circles)
    if field.targets:  # layout 1
        objects, doubtful, per_target, reason, (dx, dy) = without_circles(
            core, dark, colour, field, origin, s
        )
    else:  # layout 2: a plain area
        objects, doubtful, given_back, reason, (dx, dy), spread_mm = without_outline(
            core, dark, colour, field, origin, s, line_dark
        )
        per_target = []
        blurred = spread_mm >= VOTE_BLUR_SPREAD_MM
    inside = strip_inside(dark.shape, field, origin, s, dx, dy)
    left_over = None
    if not field.targets:  # layout 2: what the outline's removal left of its printed line
        left_over = outline_residue(objects, inside, s)
        objects = objects & ~left_over
    total, confidence, widest_mm, smallest_disc_mm = count_votes(
        core, objects, inside, s, doubtful, blurred, cut, spread_mm,
        None if field.targets else doubtful,
    )
    if reason is not None:  # not verified: the count is only a proposal for a person
        return VoteCount(total, 0.0, per_target, reason)
    if given_back is not None and (given_back & inside).any():  # ink lay on the outline:
        confidence = min(confidence, AMBIGUOUS_CONFIDENCE)  # a person checks it
    if left_over is not None and left_over.any():  # the printed line, or a stroke along it?
        confidence = min(confidence, AMBIGUOUS_CONFIDENCE)  # not counted: a person checks it
    if min(confidence, cap) > AMBIGUOUS_CONFIDENCE:  # a shadow's edge across the strip?
        confidence = min(confidence, shadow_cap(core, objects, inside, s))
    # a pen mark the mask saw only a piece of (pale ink on pastel paper, blurred)?
    if min(confidence, cap) > AMBIGUOUS_CONFIDENCE and (
        partly_seen_pen_mark(core, objects, inside, s) >= VOTE_FAINT_PEN_SHARE
    ):
        confidence = AMBIGUOUS_CONFIDENCE
    # nothing counted on a sharp plain area (layout 2: layout 1's printed circles are ridges
    # too): a pencil or pale-pen stroke the mask never took? Its places are proposed (a person
    # counts), never a sure count (strokes.py)
    if (
        total == 0
        and not field.targets
        and not blurred
        and min(confidence, cap) > VOTE_UNMARKED_CONFIDENCE
    ):
        strokes = faint_strokes(core, objects, inside, doubtful, s)
        if strokes:
            total = strokes if strokes <= VOTE_SPECKS_AMONG_DOTS_MAX else 0
            confidence = AMBIGUOUS_CONFIDENCE
    # a pale sticker the mask missed? (looked for only where it would change the confidence)
    if min(confidence, cap) > VOTE_UNMARKED_CONFIDENCE and unmarked_bodies(
        core, objects, dark, beyond, inside, s
    ):
        confidence = VOTE_UNMARKED_CONFIDENCE
    reason = None
    if min(confidence, cap) > PROPOSAL_CONFIDENCE and has_glare(core, inside, s):
        # a glare spot on the strip: counted as a sticker by its hue, or a sticker cut in two
        # by it, or a pale one washed out under it: the count is a proposal (glare.py)
        confidence, reason = PROPOSAL_CONFIDENCE, GLARE
    return VoteCount(
        total, min(confidence, cap), per_target, reason, widest_mm, smallest_disc_mm
    )


def pen_only(marked: np.ndarray, field: Field, origin: tuple[float, float], s: float) -> bool:
    """Whether nothing on the strip's own box is thicker than the widest pen dot
    (``VOTE_DOT_MAX_MM``): pen ink only, or nothing. Then darkness is measured against the card's
    paper (``marked_parts``): beside a dark wall the margin's grey lost pale pen bars (a tally
    of 4-5 read 1). A sticker's count keeps the margin's grey: against the card's, the label
    above the area and the hatch band below it, blurred, joined stickers hanging over them and
    sticker strips moved both ways (votes25 notes)."""
    inside = strip_inside(marked.shape, field, origin, s, 0, 0)
    dist = cv2.distanceTransform((marked & inside).astype(np.uint8), cv2.DIST_L2, 5)
    return float(dist.max()) <= VOTE_DOT_MAX_MM / 2 * s


def paper_difference(core_bgr: np.ndarray, s: float) -> np.ndarray:
    """How far each pixel's colour is from the paper around it (Lab, 8 bits, lightness at half
    weight, smoothed over ``VOTE_UNMARKED_SMOOTH_MM``). The paper is the median over
    ``VOTE_FAINT_PAPER_MM`` (at 1 px/mm): wider than a pen mark, so a pen mark is not paper, and
    narrow enough to follow a shadow."""
    smooth = cv2.GaussianBlur(core_bgr, (0, 0), VOTE_UNMARKED_SMOOTH_MM * s)
    lab = cv2.cvtColor(smooth, cv2.COLOR_BGR2LAB)
    small = cv2.resize(lab, None, fx=1 / s, fy=1 / s, interpolation=cv2.INTER_AREA)
    size = max(3, round(VOTE_FAINT_PAPER_MM) | 1)
    paper = cv2.merge([cv2.medianBlur(channel, size) for channel in cv2.split(small)])
    paper = cv2.resize(paper, (lab.shape[1], lab.shape[0]), interpolation=cv2.INTER_LINEAR)
    gap = lab.astype(np.float32) - paper.astype(np.float32)
    gap *= gap
    weights = np.array([[0.25, 1.0, 1.0]], np.float32)  # lightness at half weight, squared
    return cv2.sqrt(cv2.transform(gap, weights))


def partly_seen_pen_mark(
    core_bgr: np.ndarray, objects: np.ndarray, inside: np.ndarray, s: float
) -> float:
    """The largest share, over the strip's thin marks (pen: a dot, a stroke, a tally group), of
    the ink around the mark (``paper_difference`` at least ``VOTE_UNMARKED_DELTA`` and
    ``VOTE_UNMARKED_NOISE`` times the paper's own, within ``VOTE_FAINT_REACH_MM`` of its box)
    over the mark itself: how much of a pen mark the mask missed."""
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(
        objects.astype(np.uint8), connectivity=8
    )
    worst = 0.0
    diff = None
    reach = round(VOTE_FAINT_REACH_MM * s)
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        cx, cy = centroids[i]
        if stats[i, cv2.CC_STAT_AREA] < VOTE_NOISE_MAX_MM2 * s * s or not inside[
            round(cy), round(cx)
        ]:
            continue
        win = (slice(max(0, y - reach), y + h + reach), slice(max(0, x - reach), x + w + reach))
        blob = labels[win] == i
        thick = cv2.distanceTransform(np.pad(blob, 1).astype(np.uint8), cv2.DIST_L2, 5).max()
        if float(thick) / s >= VOTE_THIN_MAX_RADIUS_MM:
            continue  # a sticker: thick, its edge is its edge
        if diff is None:
            diff = paper_difference(core_bgr, s)
            window = np.ones((reach, reach), np.uint8)
            free = ~(cv2.dilate(objects.astype(np.uint8), window) > 0)
            free &= inside
            noise = float(np.median(diff[free])) if free.any() else 0.0
            faint = diff >= max(VOTE_UNMARKED_DELTA, VOTE_UNMARKED_NOISE * noise)
            # a sticker and the colour its blur spreads round it are no pen mark's
            stickers = cv2.dilate(line_bodies(objects, s).astype(np.uint8), window) > 0
        around = faint[win] & ~stickers[win] | blob
        worst = max(worst, float(around.sum()) / float(blob.sum()))
    return worst


def dot_contrast(
    core_bgr: np.ndarray, objects: np.ndarray, inside: np.ndarray, s: float
) -> np.ndarray:
    """How much each place stands out from the paper as a pen dot does: ``paper_difference``
    smoothed at a blurred dot's scale minus at a wider one (``VOTE_DOT_SCALES_MM``: a difference
    of Gaussians, blind to the slow change of the paper and to grain), in units of its own
    spread over the strip's free paper (robust: median and median absolute deviation)."""
    diff = paper_difference(core_bgr, s)
    narrow, wide = VOTE_DOT_SCALES_MM
    dog = cv2.GaussianBlur(diff, (0, 0), narrow * s) - cv2.GaussianBlur(diff, (0, 0), wide * s)
    return in_paper_spreads(dog, objects, inside, s)


def line_contrast(
    core_bgr: np.ndarray, objects: np.ndarray, inside: np.ndarray, s: float
) -> np.ndarray:
    """How much each place stands out from the paper as a faded pen stroke does:
    ``paper_difference`` at a blurred stroke's width (the narrow scale of ``VOTE_DOT_SCALES_MM``)
    averaged along a line of ``VOTE_FADED_BAR_MM`` (the best of every direction, in steps of
    ``VOTE_FADED_BAR_STEP_DEG``) minus the wide scale, in units of its spread over the strip's
    free paper (at least ``VOTE_FADED_LINE_MIN_SPREAD``: on paper that blur and JPEG left
    smooth, a JPEG block's edge is no stroke): along a stroke, its faint ink adds up, the
    paper's grain does not."""
    diff = paper_difference(core_bgr, s)
    narrow, wide = VOTE_DOT_SCALES_MM
    across = cv2.GaussianBlur(diff, (0, 0), narrow * s)
    background = cv2.GaussianBlur(diff, (0, 0), wide * s)
    n = max(3, round(VOTE_FADED_BAR_MM * s) | 1)
    best = None
    for deg in range(0, 180, VOTE_FADED_BAR_STEP_DEG):
        kernel = np.zeros((n, n), np.float32)
        c, r = n // 2, n / 2
        dx, dy = np.cos(np.deg2rad(deg)) * r, np.sin(np.deg2rad(deg)) * r
        cv2.line(kernel, (round(c - dx), round(c - dy)), (round(c + dx), round(c + dy)), 1.0, 1)
        along = sparse_filter(across, kernel / kernel.sum())
        best = along if best is None else np.maximum(best, along)
    assert best is not None
    line = best - background
    return in_paper_spreads(line, objects, inside, s, VOTE_FADED_LINE_MIN_SPREAD)


def in_paper_spreads(
    measure: np.ndarray,
    objects: np.ndarray,
    inside: np.ndarray,
    s: float,
    least_spread: float = 1e-3,
) -> np.ndarray:
    """``measure`` less its median over the strip's free paper (``inside``, VOTE_FAINT_REACH_MM
    clear of any mark of ``objects``), in units of its spread there (robust: the median
    absolute deviation, as a normal law's sigma; at least ``least_spread``)."""
    size = round(VOTE_FAINT_REACH_MM * s) | 1
    free = inside & ~(cv2.dilate(objects.astype(np.uint8), np.ones((size, size), np.uint8)) > 0)
    values = measure[free] if free.any() else measure.ravel()
    middle = float(np.median(values))
    spread = 1.4826 * float(np.median(np.abs(values - middle)))
    return (measure - middle) / max(spread, least_spread)


def faded_strokes(
    core_bgr: np.ndarray,
    objects: np.ndarray,
    counted: np.ndarray,
    inside: np.ndarray,
    s: float,
) -> tuple[int, np.ndarray]:
    """Pen strokes faded on a blurred strip, beside the marks counted (``counted``): places of
    ``line_contrast`` that reach ``VOTE_FADED_BAR_CONTRAST``, measured down to
    ``VOTE_FADED_STROKE_LOW`` (a faded stroke's ends), one stroke long (``VOTE_FADED_BAR_MIN_MM``
    to ``VOTE_FADED_STROKE_MAX_MM``), clear of the strip's printed outline and touching no
    counted mark. The mask may hold pieces of them (specks): the place is the stroke. Their
    number and where they are."""
    line = line_contrast(core_bgr, objects, inside, s)
    edge = max(3, round(VOTE_FADED_BAR_EDGE_MM * s) * 2 + 1)
    core = cv2.erode(inside.astype(np.uint8), np.ones((edge, edge), np.uint8)) > 0
    low = (line >= VOTE_FADED_STROKE_LOW) & core
    n, labels, stats, _ = cv2.connectedComponentsWithStats(low.astype(np.uint8), connectivity=8)
    places = np.zeros(low.shape, bool)
    found = 0
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        # a mark's length and, at the low level, the line's reach beyond each of its ends
        if not VOTE_FADED_BAR_MIN_MM * s <= max(w, h) <= VOTE_FADED_STROKE_MAX_MM * s:
            continue
        win = (slice(y, y + h), slice(x, x + w))
        place = labels[win] == i
        if float(line[win][place].max()) < VOTE_FADED_BAR_CONTRAST:
            continue  # no stroke's ridge in it
        if (place & counted[win]).any():
            continue  # the end or halo of a counted mark
        found += 1
        places[win] |= place
    return found, places


def shadow_cap(core_bgr: np.ndarray, objects: np.ndarray, inside: np.ndarray, s: float) -> float:
    """The confidence a shadow's edge across the strip leaves its count (``SURE`` when none).
    The paper's grey is the strip's grey closed over ``VOTE_PAPER_MM`` (marks narrower than that
    go, a shadow's step stays). Changing by ``VOTE_SHADOW_STRIP_STEP`` (a share of the lit paper's
    grey) within ``VOTE_SHADOW_REACH_MM`` on the strip (``inside``; an edge, not the slow ramp of
    light falling off across a card): pixels are clipped at the margin's grey, so one side is
    measured against the wrong paper; a sticker there may be missed: a proposal
    (``VOTE_UNMARKED_CONFIDENCE``; a peach sticker on pale yellow paper with the edge through it
    was read 0 at 1.0). Changing by ``VOTE_SHADOW_STEP`` within ``VOTE_SHADOW_REACH_MM`` of a
    counted mark (``shadow_through_marks``): a person counts (0.4)."""
    gray = cv2.cvtColor(core_bgr, cv2.COLOR_BGR2GRAY)
    size = int(VOTE_PAPER_MM * s) | 1
    paper = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    paper = paper.astype(np.float32)
    if shadow_through_marks(paper, objects, s):
        return AMBIGUOUS_CONFIDENCE
    # an edge, not a ramp: the change within VOTE_SHADOW_REACH_MM (light falling off across a
    # card is a slow ramp; the mask follows it)
    reach = round(VOTE_SHADOW_REACH_MM * s) * 2 + 1
    window = np.ones((reach, reach), np.uint8)
    top = cv2.dilate(paper, window)
    step = (top - cv2.erode(paper, window)) / np.maximum(top, 1.0)
    if inside.any() and float(step[inside].max()) >= VOTE_SHADOW_STRIP_STEP:
        return VOTE_UNMARKED_CONFIDENCE
    return SURE


def shadow_through_marks(paper: np.ndarray, objects: np.ndarray, s: float) -> bool:
    """Does a shadow's edge run through a counted mark? The paper's grey (``paper``, see
    ``shadow_cap``) changes by more than ``VOTE_SHADOW_STEP`` (a share of the lit paper's grey)
    within ``VOTE_SHADOW_REACH_MM`` of the mark. Across that edge the mark's two halves are
    measured against two papers: a grey 8 mm sticker straddling one was notched and read as 2
    stickers at 1.0 (probe, 1 December)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(objects.astype(np.uint8))
    if count <= 1:
        return False
    reach = round(VOTE_SHADOW_REACH_MM * s)
    for i in range(1, count):
        if stats[i, cv2.CC_STAT_AREA] < VOTE_BLOB_MIN_MM2 * s * s:
            continue
        x, y, w, h = (int(v) for v in stats[i, :4])
        near = paper[max(0, y - reach) : y + h + reach, max(0, x - reach) : x + w + reach]
        top = float(near.max())
        if top > 0 and float(near.min()) < top * (1 - VOTE_SHADOW_STEP):
            return True
    return False


def local_paper_lab(lab: np.ndarray, free: np.ndarray, s: float) -> np.ndarray:
    """The paper's colour (``lab``, float Lab) around each pixel, from the ``free`` pixels (no
    mark, no print, on the card). The others first take the mean of the free pixels within
    ``VOTE_PAPER_MM`` (the paper's median where none is): left as they are, the closing below
    joins a sticker and a coloured wall into "paper" over the gap between them (``lab`` is
    changed so). Then per channel, on cells of ``VOTE_UNMARKED_CELL_MM`` (their mean: a min or
    max filter over single pixels picks the grain's extremes), what is left once every body
    narrower than ``VOTE_UNMARKED_PAPER_MM``, darker or lighter, is closed and opened away (both
    orders, averaged); a shadow's edge, wider than that, stays where it is."""
    reach = int(VOTE_PAPER_MM * s) | 1
    near = cv2.blur(free.astype(np.float32), (reach, reach))
    around = cv2.blur(lab * free[..., None], (reach, reach)) / np.maximum(near, 1e-6)[..., None]
    if not (near > 0).all():
        around[near <= 0] = np.median(lab[free], axis=0)
    np.copyto(lab, around, where=~free[..., None])
    cell = VOTE_UNMARKED_CELL_MM * s
    small = cv2.resize(lab, None, fx=1 / cell, fy=1 / cell, interpolation=cv2.INTER_AREA)
    size = round(VOTE_UNMARKED_PAPER_MM / VOTE_UNMARKED_CELL_MM) | 1
    wide = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    close, open_ = cv2.MORPH_CLOSE, cv2.MORPH_OPEN
    small = 0.5 * (
        cv2.morphologyEx(cv2.morphologyEx(small, close, wide), open_, wide)
        + cv2.morphologyEx(cv2.morphologyEx(small, open_, wide), close, wide)
    )
    return cv2.resize(small, (lab.shape[1], lab.shape[0]), interpolation=cv2.INTER_LINEAR)


def unmarked_bodies(
    core_bgr: np.ndarray,
    objects: np.ndarray,
    dark: np.ndarray,
    beyond: np.ndarray,
    inside: np.ndarray,
    s: float,
) -> int:
    """Sticker-sized round bodies on the strip that differ from the paper around them but are in
    no mask: a pale sticker of nearly the paper's grey and hue on pastel paper (peach on pale
    yellow), a grey one in the lit half of a strip whose margin lies in a shadow (pixels are
    clipped at the margin's grey). ``objects``: the counted marks; ``dark``: every dark pixel,
    print too; ``beyond``: off the card or out of the photo. Each is a round body (its inscribed
    disc ``VOTE_UNMARKED_ROUNDNESS`` of its extent, no wider than the biggest sticker) at least
    ``VOTE_UNMARKED_MIN_MM`` wide, its centre on the strip, whose colour (Lab, lightness at half
    weight, smoothed over ``VOTE_UNMARKED_SMOOTH_MM``) differs from the paper's local colour by
    ``VOTE_UNMARKED_DELTA``, and by ``VOTE_UNMARKED_NOISE`` times the paper's own typical
    difference (a textured paper's blotches are no sticker); the paper's local colour is
    ``local_paper_lab``'s."""
    smooth = cv2.GaussianBlur(core_bgr, (0, 0), VOTE_UNMARKED_SMOOTH_MM * s)  # grain, JPEG
    lab = cv2.cvtColor(smooth, cv2.COLOR_BGR2LAB).astype(np.float32)
    grow = max(3, round(VOTE_OUTSIDE_MM / 4 * s) | 1)
    near_marks = cv2.dilate(objects.astype(np.uint8), np.ones((grow, grow), np.uint8)) > 0
    edge = round(VOTE_UNMARKED_SMOOTH_MM * s) * 2 + 1  # print's edge, smoothed: not paper
    printed = cv2.dilate(dark.astype(np.uint8), np.ones((edge, edge), np.uint8)) > 0
    free = ~(near_marks | printed | beyond)
    if not (free & inside).any():
        return 0
    paper = local_paper_lab(lab, free, s)
    gap = lab - paper
    gap *= gap
    weights = np.array([[0.25, 1.0, 1.0]], np.float32)  # lightness at half weight, squared
    diff = cv2.sqrt(cv2.transform(gap, weights))
    noise = float(np.median(diff[free & inside][::VOTE_UNMARKED_NOISE_SAMPLE]))
    differs = (diff >= max(VOTE_UNMARKED_DELTA, VOTE_UNMARKED_NOISE * noise)) & ~near_marks
    if not differs.any():
        return 0
    disc = max(3, round(VOTE_UNMARKED_MIN_MM * s) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (disc, disc))
    bodies = cv2.morphologyEx(differs.astype(np.uint8), cv2.MORPH_OPEN, kernel)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(bodies, connectivity=8)
    found = 0
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        cx, cy = centroids[i]
        if max(w, h) > 2 * VOTE_STICKER_RADII_MM[1] * s or not inside[round(cy), round(cx)]:
            continue  # wider than any sticker (a shadow, a card), or off the strip
        blob = np.pad(labels[y : y + h, x : x + w] == i, 1).astype(np.uint8)
        inscribed = 2 * float(cv2.distanceTransform(blob, cv2.DIST_L2, 5).max())
        found += int(inscribed >= VOTE_UNMARKED_ROUNDNESS * max(w, h))  # no band, no sliver
    return found


def without_print_around(
    dark: np.ndarray, field: Field, origin_mm: tuple[float, float], s: float
) -> np.ndarray:
    """Around the strip (``VOTE_PRINT_CLEAR_MM`` beyond its box) the card is printed too: the
    field's label above it, the hatch band and a corner marker below, a neighbour's outline.
    There, dark pixels are kept only where they form a body wider than a line
    (``VOTE_LINE_MAX_MM``: a sticker, dark or not, half off the strip). Thin dark print would
    join a sticker touching it into one blob and pull its centre and its edges off."""
    clear_px = round(VOTE_PRINT_CLEAR_MM * s)
    inside = strip_inside(dark.shape, field, origin_mm, s, 0, 0).astype(np.uint8)
    near = cv2.dilate(inside, np.ones((2 * clear_px + 1, 2 * clear_px + 1), np.uint8)) > 0
    return dark & (near | line_bodies(dark, s))


def wider_than_band(dark: np.ndarray, band_mm: float, s: float) -> np.ndarray:
    """``dark`` opened by a disc of ``VOTE_BAND_BODY_MM`` (never narrower than a printed band of
    ``band_mm`` and its blur on both sides, ``VOTE_SOLID_PRINT_MARGIN_MM`` each): a sticker's
    body hanging over the band stays, the band's print (joined to that sticker or not) goes."""
    size = round(max(VOTE_BAND_BODY_MM, band_mm + 2 * VOTE_SOLID_PRINT_MARGIN_MM) * s) | 1
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    return cv2.morphologyEx(dark.astype(np.uint8), cv2.MORPH_OPEN, disc) > 0


def on_card(
    shape: tuple[int, int], card: Box, origin_mm: tuple[float, float], s: float
) -> np.ndarray:
    """Which pixels of the counting area (``shape``, at ``s`` px/mm from ``origin_mm``) lie on
    the card (its outline ``card``, in card mm); pixel (u, v) is at ``origin_mm`` + (u, v) / s,
    as ``warp_box`` samples it."""
    x_mm = origin_mm[0] + np.arange(shape[1]) / s
    y_mm = origin_mm[1] + np.arange(shape[0]) / s
    xs = (x_mm >= card.x_mm) & (x_mm <= card.right_mm)
    ys = (y_mm >= card.y_mm) & (y_mm <= card.bottom_mm)
    return ys[:, None] & xs[None, :]


def in_photo(
    shape: tuple[int, int],
    photo_shape: tuple[int, ...],
    h: np.ndarray,
    origin_mm: tuple[float, float],
    s: float,
) -> np.ndarray:
    """Which pixels of the counting area (``shape``, at ``s`` px/mm from ``origin_mm``) are
    inside the photo, ``FRAME_MARGIN_PHOTO_PX`` from its edges."""
    to_px = h @ patch_to_mm(np.array(origin_mm), s)
    m = FRAME_MARGIN_PHOTO_PX
    if wholly_inside(to_px, shape, photo_shape, m + IN_PHOTO_SAFE_PX):
        return np.ones(shape, bool)
    # a row of columns and a column of rows: broadcast, the same floats as on full grids
    v = np.arange(shape[0], dtype=np.float32)[:, None]
    u = np.arange(shape[1], dtype=np.float32)[None, :]
    x = to_px[0, 0] * u + to_px[0, 1] * v + to_px[0, 2]
    y = to_px[1, 0] * u + to_px[1, 1] * v + to_px[1, 2]
    w = to_px[2, 0] * u + to_px[2, 1] * v + to_px[2, 2]
    x, y = x / w, y / w
    return (x >= m) & (y >= m) & (x <= photo_shape[1] - 1 - m) & (y <= photo_shape[0] - 1 - m)


IN_PHOTO_SAFE_PX = 1.0  # px: far more than the rounding of a pixel's place (~1e-9 px)


def wholly_inside(
    to_px: np.ndarray, shape: tuple[int, int], photo_shape: tuple[int, ...], margin: float
) -> bool:
    """Do the counting area's four corner pixels (``shape``, mapped by ``to_px``) lie in front
    of the camera and ``margin`` px inside the photo? Then so does every pixel of it: a
    projective map with a positive divisor over a rectangle maps it onto the convex hull of its
    corners' images (``in_photo`` need not place each pixel; speed only)."""
    rows, cols = shape[0] - 1, shape[1] - 1
    corners = np.array([[0, 0, 1], [cols, 0, 1], [cols, rows, 1], [0, rows, 1]], np.float64)
    x, y, w = to_px @ corners.T
    if not (w > 0).all():
        return False
    x, y = x / w, y / w
    return bool(
        (x >= margin).all()
        and (y >= margin).all()
        and (x <= photo_shape[1] - 1 - margin).all()
        and (y <= photo_shape[0] - 1 - margin).all()
    )


def print_darkness(core_bgr: np.ndarray) -> np.ndarray:
    """The strip's darkness below its paper (the 90th percentile of its grey), on the 0-255
    scale, where both pre-steps look for the printed circles or outline."""
    gray8 = cv2.cvtColor(core_bgr, cv2.COLOR_BGR2GRAY)
    paper = max(grey_percentile(gray8, 90), 1.0)
    return np.clip((paper - gray8.astype(np.float32)) / 255.0, 0, 1)


def grey_percentile(gray: np.ndarray, q: float) -> float:
    """``float(np.percentile(gray.astype(np.float32), q))`` of a grey byte image, the same
    float, by counting (``byte_percentiles``' ranks) and numpy's float32 interpolation: a sixth
    of the time of partitioning the whole strip."""
    flat = np.ravel(gray)
    lo, hi, share = rank_of(flat.size, q)
    gamma = float(share)  # a Python float, as numpy's weight for a scalar q
    cumulative = np.cumsum(np.bincount(flat, minlength=256))
    a, b = (np.float32(v) for v in np.searchsorted(cumulative, [lo, hi], side="right"))
    diff = b - a  # numpy's _lerp on float32 values with a Python float weight
    return float(b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma)


def without_circles(
    core_bgr: np.ndarray,
    dark: np.ndarray,
    colour: np.ndarray,
    field: Field,
    origin: tuple[float, float],
    s: float,
) -> tuple[np.ndarray, np.ndarray, list[bool | None], str | None, tuple[int, int]]:
    """The version-1 pre-step: find the printed circles, verify them, take them out of the mask.
    Returns (objects, where a circle cut ink, marked per target, reason or None, shift px)."""
    marked = dark | colour
    darkness = print_darkness(core_bgr)
    lines = line_map(darkness, s)
    dx, dy = locate_targets(lines, field, origin, s)
    shifts = [(dx, dy)] * len(field.targets)
    outlines = circle_outlines(marked.shape, field, origin, s, shifts=shifts)
    centres = [
        (cx * s + ox, cy * s + oy, t.w_mm / 2 * s)
        for t, (ox, oy) in zip(field.targets, shifts)
        for cx, cy in [(t.center_mm[0] - origin[0], t.center_mm[1] - origin[1])]
    ]
    objects, cut = vote_objects(marked, colour, outlines, s, centres)
    states = target_states(lines, objects, field, origin, s, shifts)
    per_target: list[bool | None] = [state == "marked" for state in states]
    return objects, cut, per_target, verification_failure(states, dx, dy, s), (dx, dy)


def without_outline(
    core_bgr: np.ndarray,
    dark: np.ndarray,
    colour: np.ndarray,
    field: Field,
    origin: tuple[float, float],
    s: float,
    line_dark: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str | None, tuple[int, int], float]:
    """The version-2 pre-step (a plain area, ``field.targets`` empty): find its printed outline
    piece by piece (scan.votearea), verify it, take it out of the mask. Returns (objects, where
    a stroke may be cut by the outline or lay on it, the ink given back from the outline or
    doubted on it (either way a person checks the count), reason or None, shift px, how wide
    the printed line looks in mm: its blur). ``line_dark``: the dark mask that ink on the
    outline is measured in (``dark`` when None): the one against the margin's grey, which
    ``ink_on_outline``'s limits were measured with."""
    marked = dark | colour
    darkness = print_darkness(core_bgr)
    dx, dy = locate_area(darkness, field, origin, s)
    pieces = find_pieces(darkness, field, origin, s, dx, dy)
    outline = outline_mask(marked.shape, pieces, s, line_width_px(marked, pieces, s))
    objects, touching = vote_objects(marked, colour, outline, s)
    # ink that lay on the outline is given back; a stroke touching it may be a piece of the
    # outline the removal missed (a bent corner) or cut by it: a person checks both
    # at 2.5-3 px/mm the 0.3 mm printed line is about as dark as VOTE_DARKNESS (0.16-0.18): its
    # width in the mask, 0-1 px, moves with the paper's grey; against the card's, the label's
    # letters above it passed the width limit (an empty area read 0 at 0.4, label-above tests)
    line_marked = marked if line_dark is None else line_dark | colour
    on_outline, doubted = ink_on_outline(darkness, line_marked, colour, pieces, s, core_bgr)
    objects = objects | on_outline
    reason = area_failure(piece_states(objects, pieces, s), dx, dy, s)
    spread_mm = line_spread_mm(darkness, pieces, s, objects)
    # a short side's line darker and wider (a black bar on it?) is not counted, but a person
    # checks the count, as for ink given back
    return objects, touching | on_outline, on_outline | doubted, reason, (dx, dy), spread_mm


def verification_failure(states: list[str], dx: int, dy: int, s: float) -> str | None:
    """Why the printed targets were not verified, or None. Targets under stickers are fine; a
    target neither printed-visible nor marked is under foreign paper."""
    visible = states.count("visible")
    if "hidden" in states:
        return COVERED
    if visible and max(abs(dx), abs(dy)) >= round(BOX_SEARCH_MM * s):
        return DEFORMED  # best place at the edge of the search: not really found
    if visible < min(VOTE_VISIBLE_TARGETS_MIN, len(states) - states.count("marked")):
        return DEFORMED
    return None


def vote_objects(
    marked: np.ndarray,
    colour: np.ndarray,
    outlines: np.ndarray,
    s: float,
    centres: list[tuple[float, float, float]] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The ink and stickers without the printed circles, and where a circle's band cut ink.

    Coloured pixels (stickers) stay on a circle's band. A pen stroke cut by the band is made
    whole again by giving back the band pixels a small closing would fill (never paper: two
    tally bars stay two); a pen mark running along a circle cannot be told from it, so every
    thin blob that touches a band is left to a person (see ``count_objects``)."""
    band = outlines & ~colour
    kept = marked & ~band
    size = round(VOTE_CIRCLE_BAND_MM * s) + 3
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    bridged = cv2.morphologyEx(kept.astype(np.uint8), cv2.MORPH_CLOSE, kernel) > 0
    objects = kept | (bridged & band & marked)
    if centres is not None:
        objects &= ~circle_residue(objects, outlines, centres, s)
    touching = cv2.dilate((band & marked).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return objects, touching & ~(band & marked)


def circle_residue(
    objects: np.ndarray, outlines: np.ndarray, centres: list[tuple[float, float, float]], s: float
) -> np.ndarray:
    """Short thin pieces lying along a printed circle, just outside its band (a circle printed a
    little thicker, or seen a little off, leaves arcs): not votes."""
    grow = round(VOTE_RESIDUE_MM * s) * 2 + 1
    near = cv2.dilate(outlines.astype(np.uint8), np.ones((grow, grow), np.uint8)) > 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(objects.astype(np.uint8))
    on = np.bincount(labels[near], minlength=count)
    residue = np.zeros(objects.shape, bool)
    for i in range(1, count):
        if on[i] < VOTE_RESIDUE_SHARE * stats[i, cv2.CC_STAT_AREA]:
            continue
        x, y, w, h = (int(v) for v in stats[i, :4])
        if max(w, h) > VOTE_RESIDUE_MAX_MM * s:
            continue  # as long as a bar or a tick: a person decides (it touches a circle)
        piece = labels[y : y + h, x : x + w] == i
        thick = cv2.distanceTransform(np.pad(piece, 1).astype(np.uint8), cv2.DIST_L2, 3).max()
        if float(thick) / s >= VOTE_RESIDUE_MAX_RADIUS_MM:
            continue
        # an arc of the circle keeps its distance to the circle's centre; a stroke across does not
        ys, xs = np.nonzero(piece)
        mx, my = x + xs.mean(), y + ys.mean()  # the piece's centre, measured once
        cx, cy, _ = min(centres, key=lambda c: abs(np.hypot(mx - c[0], my - c[1]) - c[2]))
        radii = np.hypot(x + xs - cx, y + ys - cy)
        if float(np.ptp(radii)) / s <= VOTE_RESIDUE_SPREAD_MM:
            residue[y : y + h, x : x + w] |= piece
    return residue


def near_line(low: int, high: int, line: int, reach: float) -> bool:
    """Does the span low..high (px) lie wholly within ``reach`` of ``line``?"""
    return max(abs(low - line), abs(high - line)) <= reach


def outline_residue(objects: np.ndarray, inside: np.ndarray, s: float) -> np.ndarray:
    """Thin straight pieces of ink lying along a side of layout 2's printed outline, inside the
    area and wholly within ``VOTE_PRINT_CLEAR_MM`` of that side (where the strip's own line may
    be found), at least ``VOTE_OUTLINE_RESIDUE_ASPECT`` times longer along it than across: what
    the outline's removal left of the printed line (its pieces found on the label printed just
    above it, or the line blurred wider on one side than the band taken out), not a vote. Only
    blobs that would be counted (``VOTE_BLOB_MIN_MM2``, their centre on the strip); a tally bar
    is drawn across the long sides, a pen dot is round. Along a short side a tally bar runs the
    same way as the line: there a piece is the line's only if no wider across, on average, than
    ``VOTE_SIDE_RESIDUE_MAX_MM`` (a bar drawn there, blurred, is wider)."""
    residue = np.zeros(objects.shape, bool)
    rows = np.flatnonzero(inside.any(axis=1))
    if not rows.size:
        return residue
    top, bottom = int(rows[0]), int(rows[-1]) + 1  # the long sides' lines (px rows)
    cols = np.flatnonzero(inside.any(axis=0))
    left, right = int(cols[0]), int(cols[-1]) + 1  # the short sides' lines (px columns)
    reach = VOTE_PRINT_CLEAR_MM * s
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(
        objects.astype(np.uint8), connectivity=8
    )
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        cx, cy = centroids[i]
        if area < VOTE_BLOB_MIN_MM2 * s**2 or not inside[int(round(cy)), int(round(cx))]:
            continue
        if w >= VOTE_OUTLINE_RESIDUE_ASPECT * h:  # along a long side?
            along_side = near_line(y, y + h, top, reach) or near_line(y, y + h, bottom, reach)
        elif h >= VOTE_OUTLINE_RESIDUE_ASPECT * w and area <= VOTE_SIDE_RESIDUE_MAX_MM * s * h:
            # along a short side, as thin as the printed line
            along_side = near_line(x, x + w, left, reach) or near_line(x, x + w, right, reach)
        else:
            continue  # a dot, a bar across a long side, a sticker
        if not along_side:
            continue
        piece = labels[y : y + h, x : x + w] == i
        thick = cv2.distanceTransform(np.pad(piece, 1).astype(np.uint8), cv2.DIST_L2, 5).max()
        if float(thick) / s < VOTE_THIN_MAX_RADIUS_MM:
            residue[y : y + h, x : x + w] |= piece
    return residue


def strip_inside(
    shape: tuple[int, int], field: Field, origin_mm: tuple[float, float], s: float, dx: int, dy: int
) -> np.ndarray:
    """The strip's own box (where a vote's centre must be), in the counting mask's pixels."""
    box = Box(
        field.box.x_mm - origin_mm[0], field.box.y_mm - origin_mm[1], field.box.w_mm, field.box.h_mm
    )
    inside = np.zeros(shape, bool)
    x0, y0 = max(0, round(box.x_mm * s + dx)), max(0, round(box.y_mm * s + dy))
    inside[y0 : round(box.bottom_mm * s + dy), x0 : round(box.right_mm * s + dx)] = True
    return inside
