"""Find a layout-2 vote area (a plain rectangle with a thin printed outline) before counting.

Layout 1 printed target circles; layout 2 prints one plain area (``Field.targets`` empty, the
outline on ``Field.box``). Like a checkbox, the area is read only after its printed outline is
found where the card's geometry puts it: first the shift of the whole rectangle (within
``BOX_SEARCH_MM``), then each piece of each side (``VOTE_AREA_SEGMENT_MM`` long) a little across
its side (``VOTE_AREA_BEND_MM``: paper curl bends an 87 mm line). Each piece is then
"visible" (the printed line is there), "faint" (there but pale: blur), "marked" (under a sticker
or ink) or "hidden" (none of these: foreign paper, a hand). The outline found, piece by piece,
is what is taken out of the ink mask (``outline_mask``), so no printed line is ever counted.

Everything here works on the counting strip's own pixels (``s`` px/mm, ``origin_mm`` the card mm
of its top-left pixel), as ``scan.votes.read_votes`` builds it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from printables.layout import Field
from scan.checkbox import COVERED, DEFORMED
from scan.thresholds import (
    BOX_SEARCH_MM,
    OUTLINE_BAND_MM,
    VOTE_AREA_BEND_MM,
    VOTE_AREA_FAINT_CONTRAST,
    VOTE_AREA_INK_EXTRA,
    VOTE_AREA_INK_HUE_SHIFT,
    VOTE_AREA_INK_MIN_MM,
    VOTE_AREA_INK_WIDER_MM,
    VOTE_AREA_MIN_CONTRAST,
    VOTE_AREA_PAPER_HUE_MIN,
    VOTE_AREA_PLATEAU_CONTRAST,
    VOTE_AREA_SEGMENT_MM,
    VOTE_AREA_SIDE_BAND_MM,
    VOTE_AREA_VISIBLE_MIN_SHARE,
    VOTE_BLUR_PAPER_MM,
    VOTE_BLUR_WINDOW_MM,
    VOTE_CIRCLE_BAND_MM,
    VOTE_MARKED_MIN_COVER,
    VOTE_SHORT_SIDE_DARKER,
    VOTE_SHORT_SIDE_RUN_MM,
    VOTE_SHORT_SIDE_WIDER_MM,
)


@dataclass(frozen=True)
class Piece:
    """One piece of one side of the outline, in strip px: ``horizontal`` pieces run along x from
    ``start`` to ``end`` at ``line`` (a row); vertical ones along y at a column."""

    horizontal: bool
    start: int
    end: int
    line: float  # where the printed line was found (px, across the side)
    contrast: float  # line darkness minus the paper beside it
    at_limit: bool  # found at the edge of the bend search (the outline bends further)


def rectangle_px(
    field: Field, origin_mm: tuple[float, float], s: float, dx: int, dy: int
) -> tuple[float, float, float, float]:
    """The printed outline (x0, y0, x1, y1) in strip px, shifted by (dx, dy)."""
    box = field.box
    x0 = (box.x_mm - origin_mm[0]) * s + dx
    y0 = (box.y_mm - origin_mm[1]) * s + dy
    return x0, y0, x0 + box.w_mm * s, y0 + box.h_mm * s


@functools.lru_cache(maxsize=16)
def outline_kernel(w_px: float, h_px: float, margin_px: float, s: float) -> np.ndarray:
    """Correlation template of the outline: +1 (normalised) on its line band, -1 on the paper
    bands on both sides of it. Made once per size (every strip of a layout has the same; the
    array is shared: read only)."""
    size = (int(np.ceil(h_px + 2 * margin_px)), int(np.ceil(w_px + 2 * margin_px)))
    yy, xx = np.mgrid[0 : size[0], 0 : size[1]].astype(np.float32) + 0.5
    x0, y0, x1, y1 = margin_px, margin_px, margin_px + w_px, margin_px + h_px
    dist = np.minimum(
        np.where((xx >= x0) & (xx <= x1), np.minimum(abs(yy - y0), abs(yy - y1)), np.inf),
        np.where((yy >= y0) & (yy <= y1), np.minimum(abs(xx - x0), abs(xx - x1)), np.inf),
    )
    line = dist <= OUTLINE_BAND_MM * s / 2
    near, far = VOTE_AREA_SIDE_BAND_MM
    paper = (dist >= near * s) & (dist <= far * s)
    kernel = (line / line.sum() - paper / paper.sum()).astype(np.float32)
    kernel.setflags(write=False)  # shared by every strip of its size (cached)
    return kernel


def locate_area(
    darkness: np.ndarray, field: Field, origin_mm: tuple[float, float], s: float
) -> tuple[int, int]:
    """The shift (px, within BOX_SEARCH_MM each way) that best puts the outline on dark line
    with paper on both sides."""
    reach = round(BOX_SEARCH_MM * s)
    margin = VOTE_AREA_SIDE_BAND_MM[1] * s + 1
    x0, y0, x1, y1 = rectangle_px(field, origin_mm, s, 0, 0)
    kernel = outline_kernel(x1 - x0, y1 - y0, margin, s)
    left, top = round(x0 - margin) - reach, round(y0 - margin) - reach
    window = darkness[
        max(0, top) : top + kernel.shape[0] + 2 * reach,
        max(0, left) : left + kernel.shape[1] + 2 * reach,
    ]
    response = cv2.matchTemplate(window.astype(np.float32), kernel, cv2.TM_CCORR)
    iy, ix = np.unravel_index(int(np.argmax(response)), response.shape)
    return int(ix + max(0, left) - left - reach), int(iy + max(0, top) - top - reach)


def find_pieces(
    darkness: np.ndarray, field: Field, origin_mm: tuple[float, float], s: float, dx: int, dy: int
) -> list[Piece]:
    """Every piece of the outline, each found across its side within VOTE_AREA_BEND_MM."""
    x0, y0, x1, y1 = rectangle_px(field, origin_mm, s, dx, dy)
    pieces = []
    for horizontal, (a, b), lines in (
        (True, (x0, x1), (y0, y1)),
        (False, (y0, y1), (x0, x1)),
    ):
        count = max(1, round((b - a) / (VOTE_AREA_SEGMENT_MM * s)))
        edges = np.linspace(a, b, count + 1).round().astype(int)
        for line in lines:
            for start, end in zip(edges[:-1], edges[1:]):
                pieces.append(find_piece(darkness, horizontal, int(start), int(end), line, s))
    return pieces


def find_piece(
    darkness: np.ndarray, horizontal: bool, start: int, end: int, line: float, s: float
) -> Piece:
    """The best place of one piece across its side: the darkness profile across the side
    (averaged along the piece) with the most line against the paper on its two sides."""
    bend = round(VOTE_AREA_BEND_MM * s)
    found = piece_places(darkness, horizontal, start, end, line, s)  # (contrast, offset)
    if not found:
        return Piece(horizontal, start, end, line, 0.0, True)
    # a line blurred wider than the band (motion blur) is a plateau: of the places about as good
    # as the best, the one nearest the whole outline's
    best = max(c for c, _ in found)
    near_best = [(c, o) for c, o in found if c >= best - VOTE_AREA_PLATEAU_CONTRAST]
    contrast, offset = min(near_best, key=lambda f: abs(f[1]))
    return Piece(horizontal, start, end, line + offset, max(contrast, 0.0), abs(offset) == bend)


def piece_places(
    darkness: np.ndarray, horizontal: bool, start: int, end: int, line: float, s: float
) -> list[tuple[float, int]]:
    """(contrast, offset px) of the places across the side (within VOTE_AREA_BEND_MM) where the
    line and the paper on both its sides are in the strip: line darkness minus the paper's.
    Every place is measured at once, one row each (``row_means``); the rows, the same for every
    piece of a side, are chosen once (``place_rows``)."""
    lo, hi = place_span(line, darkness.shape[0 if horizontal else 1], s)
    part = darkness[lo:hi, start:end] if horizontal else darkness[start:end, lo:hi].T
    if part.size == 0:
        return []
    profile = part.mean(axis=1)
    offsets, on_rows, before_rows, after_rows = place_rows(line, lo, hi, s)
    on_line, on_count = grouped_means(profile, on_rows)
    before, before_count = grouped_means(profile, before_rows)
    after, after_count = grouped_means(profile, after_rows)
    contrasts = on_line - np.minimum(before, after)
    return [
        (float(contrasts[k]), int(offsets[k]))
        for k in np.nonzero((on_count > 0) & (before_count > 0) & (after_count > 0))[0]
    ]


def place_span(line: float, size: int, s: float) -> tuple[int, int]:
    """The rows (px across the side, of ``size``) that ``piece_places`` reads round ``line``."""
    bend = round(VOTE_AREA_BEND_MM * s)
    reach = bend + int(np.ceil(VOTE_AREA_SIDE_BAND_MM[1] * s)) + 1
    return max(0, int(np.floor(line)) - reach), min(size, int(np.ceil(line)) + reach + 1)


RowGroups = tuple[np.ndarray, tuple[tuple[np.ndarray, np.ndarray], ...]]


@functools.lru_cache(maxsize=64)
def place_rows(
    line: float, lo: int, hi: int, s: float
) -> tuple[np.ndarray, RowGroups, RowGroups, RowGroups]:
    """``piece_places``' offsets and, per offset, the profile's values on the line's band,
    before it and after it (``row_groups``): they depend on the side only (its line, the rows
    read), not on the piece. Read only (cached)."""
    bend = round(VOTE_AREA_BEND_MM * s)
    near, far = VOTE_AREA_SIDE_BAND_MM
    coord = np.arange(lo, hi) + 0.5
    offsets = np.arange(-bend, bend + 1)
    centres = line + offsets
    dist = np.abs(coord[None, :] - centres[:, None])
    side = (dist >= near * s) & (dist <= far * s)
    offsets.flags.writeable = False
    return (
        offsets,
        row_groups(dist <= OUTLINE_BAND_MM * s / 2),
        row_groups(side & (coord[None, :] < centres[:, None])),
        row_groups(side & (coord[None, :] > centres[:, None])),
    )


def row_groups(masks: np.ndarray) -> RowGroups:
    """How many values each row of ``masks`` selects, and the rows selecting as many, with the
    columns they select (one (rows, columns) pair per count; read only)."""
    counts = masks.sum(axis=1)
    groups = []
    for n in np.unique(counts[counts > 0]):
        rows = np.nonzero(counts == n)[0]
        columns = np.nonzero(masks[rows])[1].reshape(len(rows), int(n))
        rows.flags.writeable = columns.flags.writeable = False
        groups.append((rows, columns))
    counts.flags.writeable = False
    return counts, tuple(groups)


def grouped_means(values: np.ndarray, groups: RowGroups) -> tuple[np.ndarray, np.ndarray]:
    """``row_means(values, masks)`` from ``row_groups(masks)``."""
    counts, by_count = groups
    means = np.zeros(len(counts), values.dtype)
    for rows, columns in by_count:
        means[rows] = values[columns].mean(axis=1)
    return means, counts


def row_means(values: np.ndarray, masks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean of ``values`` under each row of ``masks`` (0 where a row selects nothing), and
    how many each row selects. Rows selecting as many values are averaged in one call, to the
    same bits as ``values[row].mean()`` row by row."""
    return grouped_means(values, row_groups(masks))


def outline_mask(
    shape: tuple[int, int], pieces: list[Piece], s: float, line_px: float = 0.0
) -> np.ndarray:
    """The outline as found, piece by piece: what the ink mask loses so the printed line is never
    counted. Its band is VOTE_CIRCLE_BAND_MM wide, or the line as the mask sees it (``line_px``,
    ``line_width_px``: blur widens it) and a pixel each side, if that is wider."""
    half = max(VOTE_CIRCLE_BAND_MM * s, line_px + 2) / 2
    mask = np.zeros(shape, bool)
    for side in sides(pieces):
        horizontal = side[0].horizontal
        lo, hi = max(0, round(side[0].start - half)), round(side[-1].end + half) + 1
        along = np.arange(lo, min(hi, shape[1] if horizontal else shape[0]))
        if not along.size:
            continue
        low, high = side_line(side, along)
        a = np.maximum(0, np.round(low - half)).astype(int)
        b = np.maximum(0, np.round(high + half).astype(int) + 1)
        across = np.arange(int(a.min()), min(int(b.max()), shape[0 if horizontal else 1]))
        if not across.size:
            continue
        band = (across[:, None] >= a[None, :]) & (across[:, None] < b[None, :])
        if horizontal:
            mask[across[0] : across[-1] + 1, along[0] : along[-1] + 1] |= band
        else:
            mask[along[0] : along[-1] + 1, across[0] : across[-1] + 1] |= band.T
    return mask


def sides(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces grouped by side, in order along it (a side's pieces follow each other)."""
    groups: list[list[Piece]] = []
    for p in pieces:
        if groups and groups[-1][-1].horizontal == p.horizontal and groups[-1][-1].end == p.start:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def side_line(side: list[Piece], along: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where one side's printed line runs, per pixel ``along`` it, as a span (low, high): a
    straight line between the middles of its pieces, not a staircase of one place per piece. A
    card seen a little turned, or an inexact fit, tilts the line across each piece; a band at one
    place per piece left its ends in the ink mask, counted as pen bars. Beyond the end pieces'
    middles the span holds both their own place (the other side's line crossing there pulls
    it) and the line carried on straight (a curl bends it there). Pieces where no line was seen
    (under a sticker, at the edge of their search) follow their neighbours."""
    seen = [p for p in side if p.contrast >= VOTE_AREA_FAINT_CONTRAST and not p.at_limit]
    anchors = seen or side
    middles = np.array([(p.start + p.end) / 2 for p in anchors], np.float64)
    lines = np.array([p.line for p in anchors], np.float64)
    inner = np.interp(along, middles, lines)
    if len(anchors) < 2:
        return inner, inner
    first = lines[0] + (along - middles[0]) * (lines[1] - lines[0]) / (middles[1] - middles[0])
    last = lines[-1] + (along - middles[-1]) * (lines[-1] - lines[-2]) / (middles[-1] - middles[-2])
    straight = np.where(along < middles[0], first, np.where(along > middles[-1], last, inner))
    return np.minimum(inner, straight), np.maximum(inner, straight)


def line_width_px(marked: np.ndarray, pieces: list[Piece], s: float) -> float:
    """How wide the printed line is in the ink mask (px across it, the median along the outline;
    stickers and marks on a few pieces do not move a median)."""
    half = VOTE_CIRCLE_BAND_MM * s / 2
    near, far = VOTE_AREA_SIDE_BAND_MM[0] * s, VOTE_AREA_SIDE_BAND_MM[1] * s
    widths = [outline_ink(marked, p, half, near, far) for p in pieces]
    found = [w for w in widths if w.size]
    return float(np.median(np.concatenate(found))) if found else 0.0


def ink_on_outline(
    darkness: np.ndarray,
    marked: np.ndarray,
    colour: np.ndarray,
    pieces: list[Piece],
    s: float,
    core_bgr: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Ink lying on the printed outline itself (a tally bar drawn along it): the stretches, at
    least VOTE_AREA_INK_MIN_MM long, where the ink across the outline is wider than the printed
    line is along the rest of it (VOTE_AREA_INK_WIDER_MM), or darker against the paper beside
    it, relative to that paper (VOTE_AREA_INK_EXTRA: a shadow dims both). Taking the outline out
    of the mask would take such a mark with it: it is given back, and the count goes to a person
    (``read_votes``).
    Coloured marks (stickers, a blue pen) were never taken out: only the rest is given back, and
    not beside a sticker (its rim, where it crosses the outline, widens the line too). Along the
    top side, the width is the line's band and below it (``below_line_ink``): the label printed
    above it is no mark on the line.
    Along the short sides, where a tally bar runs the same way as the line, also where the ink on
    the line is off the paper's hue (``hue_profiles``, by VOTE_AREA_INK_HUE_SHIFT more than the
    short sides' median): a thin biro bar drawn on such a side widens the line by a pixel only, and
    blurred, or on pastel paper, it is no colour in the mask (``core_bgr``: the strip's BGR).
    Returns (the ink given back, the ink doubted): along a short side, where the line is darker
    and a little wider than the short sides' own (VOTE_SHORT_SIDE_*: a black biro bar, which
    has no hue, or a grey line a fit a little off left there), the ink is not given back but
    the count goes to a person."""
    ink = marked & ~colour
    half = VOTE_CIRCLE_BAND_MM * s / 2
    near, far = VOTE_AREA_SIDE_BAND_MM[0] * s, VOTE_AREA_SIDE_BAND_MM[1] * s
    profiles = [outline_profiles(darkness, marked, p, half, near, far) for p in pieces]
    top = top_side(pieces)
    profiles = [
        (dark, below_line_ink(marked, p, half, near, far) if id(p) in top else wide)
        for p, (dark, wide) in zip(pieces, profiles)
    ]
    # a sticker's rim where it crosses the outline widens it too: not a mark of its own
    thick = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (round(2 * s) | 1,) * 2)  # 2 mm
    sticker_body = cv2.morphologyEx(colour.astype(np.uint8), cv2.MORPH_OPEN, thick)  # no pen
    by_sticker = cv2.dilate(sticker_body, np.ones((5, 5), np.uint8)) > 0
    stickers = [outline_ink(by_sticker, p, half, near, far) for p in pieces]
    darks = [d for d, _ in profiles if d.size]
    if not darks:
        return np.zeros(marked.shape, bool), np.zeros(marked.shape, bool)
    # the printed line, nothing on it: its median, or, where the line itself varies along the
    # outline (a 0.3 mm line at 2-3 px/mm, a little turned, is sampled darker and wider every few
    # mm), its heaviest tenth a little lower down
    dark_all = np.concatenate(darks)
    wide_all = np.concatenate([w for _, w in profiles if w.size])
    dark_limit = max(
        float(np.median(dark_all)) + VOTE_AREA_INK_EXTRA,
        float(np.percentile(dark_all, 90)) + VOTE_AREA_INK_EXTRA / 2,
    )
    wide_limit = max(
        float(np.median(wide_all)) + VOTE_AREA_INK_WIDER_MM * s,
        float(np.percentile(wide_all, 90)) + VOTE_AREA_INK_WIDER_MM * s / 2,
    )
    run = max(1, round(VOTE_AREA_INK_MIN_MM * s))
    hues = hue_profiles(core_bgr, ink, pieces, half, near, far)
    measured = [h for h in hues if h.size]
    hue_limit = (
        float(np.median(np.concatenate(measured))) + VOTE_AREA_INK_HUE_SHIFT if measured else np.inf
    )
    restored = np.zeros(marked.shape, bool)
    doubted = np.zeros(marked.shape, bool)
    # at the rectangle's corners the other side's line crosses (seen a little turned, not at
    # the piece's very end): no mark is looked for there
    corner = round((VOTE_AREA_SIDE_BAND_MM[1] + VOTE_AREA_BEND_MM) * s)
    ends = {id(side[0]) for side in sides(pieces)}, {id(side[-1]) for side in sides(pieces)}

    def inner(p: Piece, along: np.ndarray) -> np.ndarray:
        along = along.copy()
        if id(p) in ends[0]:
            along[:corner] = False
        if id(p) in ends[1]:
            along[max(0, len(along) - corner) :] = False
        return along

    short = short_side_line(pieces, profiles, stickers, inner)
    for p, (dark, wide), sticker, hue in zip(pieces, profiles, stickers, hues):
        if not dark.size:
            continue
        heavy = (dark > dark_limit) | (wide > wide_limit)
        if not p.horizontal:
            heavy |= hue > hue_limit
        heavy = inner(p, long_runs(heavy & (sticker == 0), run))
        darker = np.zeros_like(heavy)
        if short is not None and not p.horizontal:
            darker = (dark > short[0] * VOTE_SHORT_SIDE_DARKER) & (
                wide >= short[1] + VOTE_SHORT_SIDE_WIDER_MM * s
            )
            darker = inner(p, long_runs(darker & (sticker == 0), round(VOTE_SHORT_SIDE_RUN_MM * s)))
        a, b = max(0, round(p.line - half - near)), max(0, round(p.line + half + near) + 1)
        for t in np.flatnonzero(heavy | darker):
            mask = restored if heavy[t] else doubted
            if p.horizontal:
                mask[a:b, p.start + int(t)] = True
            else:
                mask[p.start + int(t), a:b] = True
    return restored & ink, doubted & ink


def short_side_line(
    pieces: list[Piece],
    profiles: list[tuple[np.ndarray, np.ndarray]],
    stickers: list[np.ndarray],
    inner: Callable[[Piece, np.ndarray], np.ndarray],
) -> tuple[float, float] | None:
    """The printed line of the short sides, nothing on it: the median darkness and width of
    both together (their corners and the stretches beside stickers out), or None where not
    seen. One side's own median fails: a bar can cover half of it."""
    darks, wides = [], []
    for p, (dark, wide), sticker in zip(pieces, profiles, stickers):
        if p.horizontal or not dark.size:
            continue
        keep = inner(p, np.ones(len(dark), bool)) & (sticker == 0)
        darks.append(dark[keep])
        wides.append(wide[keep])
    if not darks or not np.concatenate(darks).size:
        return None
    return float(np.median(np.concatenate(darks))), float(np.median(np.concatenate(wides)))


def hue_profiles(
    core_bgr: np.ndarray, ink: np.ndarray, pieces: list[Piece], half: float, near: float, far: float
) -> list[np.ndarray]:
    """Per short-side piece (the vertical ones; a long side's is left empty), per pixel along
    it: how far the hue of the ink on its line band (``ink``: dark, not colour) lies off the
    paper's. The ink's chromaticity (each channel's share of the light of
    all its pixels on the band together: a camera's colour fringes either side of a dark line
    cancel out) against the paper's beside it (the median of both sides), without the part of
    the difference that goes the paper's own way from grey where the paper has a hue
    (VOTE_AREA_PAPER_HUE_MIN): the printed line is neutral grey, so on pastel paper it keeps the
    paper's hue, and JPEG's halved colour resolution gives a dark line more of it, never another.
    A blue biro's goes elsewhere (on yellow paper, back toward grey). 0 where no ink is on the
    band."""
    planes = [
        plane.astype(np.float32) + 1.0
        for plane in cv2.split(cv2.GaussianBlur(core_bgr, (0, 0), 1.0))
    ]
    total = (planes[0] + planes[1]) + planes[2]
    shares = [plane / total for plane in planes]
    found = []
    for p in pieces:
        inked, bands = across_piece(ink, p, half, near, far)
        if bands is None or p.horizontal:
            found.append(np.zeros(0, np.float32))
            continue
        band, before, after = bands
        on = inked[band] > 0
        sums = [
            (across_piece(plane, p, half, near, far)[0][band] * on).sum(axis=0) for plane in planes
        ]
        light = np.maximum((sums[0] + sums[1]) + sums[2], 1e-6)
        papers = [
            np.median(across_piece(share, p, half, near, far)[0][before | after], axis=0)
            for share in shares
        ]
        gaps = [part / light - paper for part, paper in zip(sums, papers)]
        own = [paper - 1 / 3 for paper in papers]  # the paper's hue, from grey
        size = np.sqrt(sum(h * h for h in own))
        along = sum(g * h for g, h in zip(gaps, own)) / np.maximum(size, 1e-6)
        along = np.where(size >= VOTE_AREA_PAPER_HUE_MIN, np.maximum(along, 0), 0)
        off = np.sqrt(np.maximum(sum(g * g for g in gaps) - along * along, 0))
        found.append(np.where(on.any(axis=0), off, 0).astype(np.float32))
    return found


def top_side(pieces: list[Piece]) -> set[int]:
    """The ids of the pieces of the top side (the horizontal side nearer row 0), above which
    the field's label is printed."""
    lines = [q.line for q in pieces if q.horizontal]
    if not lines:
        return set()
    middle = (min(lines) + max(lines)) / 2
    return {id(q) for q in pieces if q.horizontal and q.line < middle}


def below_line_ink(ink: np.ndarray, p: Piece, half: float, near: float, far: float) -> np.ndarray:
    """How many pixels across a top-side piece ``p`` are ink, on its line band and below it
    (inside the area) only. The label printed 1 mm above the top side is no mark on it: its
    letters, blurred into the ink mask, widened the line over a word and sent empty areas and
    sure counts to a person (family-2 vote walls 4140-4199). Along the other sides, a pen bar
    just outside the line is a vote (bench_readings seed 253): both sides count there."""
    part, bands = across_piece(ink, p, half, near, far)
    if bands is None:
        return np.zeros(0, np.float32)
    lo = max(0, int(np.floor(p.line - far)))
    dist = np.arange(lo, lo + part.shape[0]) + 0.5 - p.line
    return part[dist >= -half].sum(axis=0).astype(np.float32)


def long_runs(flags: np.ndarray, length: int) -> np.ndarray:
    """``flags`` kept only where they run at least ``length`` in a row (a piece's ends are not
    runs: the perpendicular side crosses there)."""
    edges = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    kept = np.zeros(flags.shape, bool)
    for a, b in zip(starts, ends):
        if b - a >= length:
            kept[a:b] = True
    return kept


def outline_profiles(
    darkness: np.ndarray, ink: np.ndarray, p: Piece, half: float, near: float, far: float
) -> tuple[np.ndarray, np.ndarray]:
    """Along one piece, per pixel along its side: the darkest of its line band minus the paper
    beside it (the lighter of its two sides), and how many pixels across the line are ink."""
    part, bands = across_piece(darkness, p, half, near, far)
    if bands is None:
        return np.zeros(0), np.zeros(0)
    band, before, after = bands
    inked = across_piece(ink, p, half, near, far)[0]
    paper = np.minimum(part[before].mean(axis=0), part[after].mean(axis=0))
    # relative to the paper's own light (darkness is measured from the strip's white): the line
    # under a shadow is as dark, against its paper, as in the light
    relative = (part[band].max(axis=0) - paper) / np.maximum(1.0 - paper, 0.05)
    return relative, inked.sum(axis=0).astype(np.float32)


def outline_ink(ink: np.ndarray, p: Piece, half: float, near: float, far: float) -> np.ndarray:
    """``outline_profiles(..., ink, p, ...)[1]`` alone (how many pixels across the line are
    ink), without the darkness profile that its callers would throw away."""
    inked, bands = across_piece(ink, p, half, near, far)
    return np.zeros(0) if bands is None else inked.sum(axis=0).astype(np.float32)


def across_piece(
    image: np.ndarray, p: Piece, half: float, near: float, far: float
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray] | None]:
    """``image`` across one piece (a row per px across its line, a column per px along it)
    and, per row, whether it is on the line's band, before it or after it (None when the
    piece is empty or one of the three has no row)."""
    lo, hi = max(0, int(np.floor(p.line - far))), int(np.ceil(p.line + far)) + 1
    part = image[lo:hi, p.start : p.end] if p.horizontal else image[p.start : p.end, lo:hi].T
    dist = np.arange(lo, lo + part.shape[0]) + 0.5 - p.line
    band, before = abs(dist) <= half, (dist <= -near) & (dist >= -far)
    after = (dist >= near) & (dist <= far)
    if part.size == 0 or not (band.any() and before.any() and after.any()):
        return part, None
    return part, (band, before, after)


def piece_states(objects: np.ndarray, pieces: list[Piece], s: float) -> list[str]:
    """Per piece: "visible", "faint" (blur, a JPEG: there, but pale), "marked" (a sticker or ink
    over it: the line cannot show) or "hidden" (none of these: foreign paper, a hand)."""
    reach = round(VOTE_AREA_SIDE_BAND_MM[1] * s)
    states = []
    for p in pieces:
        a, b = max(0, round(p.line) - reach), max(0, round(p.line) + reach + 1)
        zone = objects[a:b, p.start : p.end] if p.horizontal else objects[p.start : p.end, a:b]
        if p.contrast >= VOTE_AREA_MIN_CONTRAST:
            states.append("visible")
        elif zone.size and float(zone.mean()) >= VOTE_MARKED_MIN_COVER:
            states.append("marked")
        elif p.contrast >= VOTE_AREA_FAINT_CONTRAST:
            states.append("faint")
        else:
            states.append("hidden")
    return states


def line_spread_mm(
    darkness: np.ndarray, pieces: list[Piece], s: float, objects: np.ndarray | None = None
) -> float:
    """How wide the printed outline looks (mm): per piece where the line is seen, even faint
    (``VOTE_AREA_FAINT_CONTRAST``), the darkness profile across it (paper level taken at both
    ends of a window of VOTE_BLUR_WINDOW_MM each way) as a width of the same area and peak
    height; the median of each orientation, and the wider of the two (motion blur widens the
    sides across its direction only). A sharp 0.3 mm line reads 0.5-0.8 mm at 2-3 px/mm; blur
    widens it by about its own length, and so pales it: a motion blur along the strip smears
    its short sides over 2-3 mm, where they are faint, not "visible" (a piece seen only as
    visible left that orientation unmeasured). A piece with a sticker or a mark in its window
    (``objects``, the outline taken out) is left out."""
    reach = round(VOTE_BLUR_WINDOW_MM * s)
    end = max(1, round(VOTE_BLUR_PAPER_MM * s))
    widths: dict[bool, list[float]] = {True: [], False: []}
    for p in pieces:
        if p.contrast < VOTE_AREA_FAINT_CONTRAST:
            continue
        centre = round(p.line)
        lo, hi = centre - reach, centre + reach + 1
        if lo < 0 or hi > darkness.shape[0 if p.horizontal else 1]:
            continue
        window = (slice(lo, hi), slice(p.start, p.end))
        if not p.horizontal:
            window = window[::-1]
        part = darkness[window] if p.horizontal else darkness[window].T
        if part.size == 0 or (objects is not None and objects[window].any()):
            continue
        profile = np.median(part, axis=1)
        excess = np.clip(profile - min(profile[:end].mean(), profile[-end:].mean()), 0, None)
        if excess.max() > 0:
            widths[p.horizontal].append(float(excess.sum() / excess.max()))
    spreads = [float(np.median(w)) for w in widths.values() if w]
    return max(spreads) / s if spreads else 0.0


def area_failure(states: list[str], dx: int, dy: int, s: float) -> str | None:
    """Why the outline is not verified, or None. Pieces under stickers or ink are fine; a piece
    with no line and nothing over it is under foreign paper; a shift at the edge of the search,
    or too few pieces seen, is not the area found."""
    if "hidden" in states:
        return COVERED
    if max(abs(dx), abs(dy)) >= round(BOX_SEARCH_MM * s):
        return DEFORMED
    seen = states.count("visible") + states.count("faint")
    if states.count("visible") == 0 or seen < VOTE_AREA_VISIBLE_MIN_SHARE * len(states):
        return DEFORMED
    return None
