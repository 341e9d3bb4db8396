"""Whole-card fit check: do the card's own printed features verify where its pose says?

The pose (rectify.py: the QR's corners and the corner markers found near their predicted places)
can be centimetres off at a far corner while its reported error stays small: a hand over a
marker and a filled checkbox taken for it, a curl bending the QR itself, two markers hidden
under strong perspective (the fit then extrapolates the QR's 31.5 mm base). The layout says
where every checkbox outline and every corner marker is printed; each is looked for near the
pose's place (``check_fit``). When too few verify there, every place that looks like each of
them is gathered in a wide search (``FIT_REFIT_REACH_MM``) and the pose is refitted robustly
(``refit``): a homography proposed by the QR and two such places, or by four places, is kept if
more features verify under it than under any other (RANSAC, deterministic; the QR counts as one
where the homography puts its decoded corners, ``qr_agrees``), then refitted by
least squares on the QR and the features that agree. A marker look-alike (a filled box) agrees
with nothing else and falls out. The reading then uses the pose that more of the card's own
features confirm; a card whose fit is still not confirmed is read as proposals only (read.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import cv2
import numpy as np

from printables.layout import QR_MODULE_MM, Box, CardType
from scan.budget import Budget
from scan.checkbox import (
    darkness_patch,
    is_in_frame,
    outline_problem,
    outline_response,
    side_contrasts,
)
from scan.rectify import (
    Rectified,
    apply_homography,
    apply_many,
    box_corners_mm,
    fit,
    fit_affine,
    fit_projective,
    fit_projective_many,
    local_px_per_mm,
)
from scan.refine import box_anchor, marker_anchor, marker_response
from scan.thresholds import (
    BOX_SIDE_MIN_CONTRAST,
    FIT_CHECK_MIN_SHARE,
    FIT_CHECK_MIN_VERIFIED,
    FIT_CHECK_TOLERANCE_MM,
    FIT_REFIT_CANDIDATES,
    FIT_REFIT_INLIER_MM,
    FIT_REFIT_MIN_GAIN,
    FIT_REFIT_QR_INLIER_MM,
    FIT_REFIT_REACH_MM,
    FIT_REFIT_ROUNDS,
    FIT_REFIT_TRIALS,
    MARKER_ANCHOR_MIN_CONTRAST,
    MISSING_MARKER_MIN_ERROR_MM,
    PAPER_RING_MM,
    QR_ONLY_MIN_ERROR_MM,
    READ_PX_PER_MM,
)


@dataclass
class FitCheck:
    """How far the card's printed features confirm its pose."""

    expected: int  # checkbox outlines and corner markers inside the photo
    verified: int  # of them found within FIT_CHECK_TOLERANCE_MM of where the pose puts them
    refitted: bool = False  # the pose was replaced by the robust refit
    moved_mm: float = 0.0  # how far the refit moved the card's farthest corner
    # per feature (index in ``features``): its outline or marker found, as a shift in mm from
    # where the pose puts it (refine.local_fits' first round: measured once)
    anchors: dict = field(default_factory=dict, repr=False)

    @property
    def confirmed(self) -> bool:
        """Enough of the card's own features where the pose says: at least
        FIT_CHECK_MIN_VERIFIED of them and FIT_CHECK_MIN_SHARE of those in the photo."""
        return self.verified >= min(FIT_CHECK_MIN_VERIFIED, self.expected) and (
            self.verified >= FIT_CHECK_MIN_SHARE * self.expected
        )


def features(card: CardType) -> list[tuple[str, Box]]:
    """What the fit is checked on: the checkbox outlines and the corner markers."""
    return [("box", f.box) for f in card.fields_of_kind("checkbox")] + [
        ("marker", m) for m in card.markers
    ]


def in_frame(gray: np.ndarray, h: np.ndarray, box: Box, reach_mm: float) -> bool:
    return is_in_frame(gray.shape, h, box.grown(reach_mm + PAPER_RING_MM[1]))


def check_fit(gray: np.ndarray, h: np.ndarray, card: CardType) -> FitCheck:
    """Count the features in the photo, and those verified within FIT_CHECK_TOLERANCE_MM of
    their place under ``h`` (card mm -> photo px)."""
    expected = verified = 0
    anchors = {}
    for i, (kind, box) in enumerate(features(card)):
        anchor = (box_anchor if kind == "box" else marker_anchor)(gray, h, box)
        if anchor is not None:
            anchors[i] = anchor
        if not in_frame(gray, h, box, 0.0):
            continue
        expected += 1
        if anchor is not None and float(np.linalg.norm(anchor)) <= FIT_CHECK_TOLERANCE_MM:
            verified += 1
    return FitCheck(expected, verified, anchors=anchors)


def peaks(window: np.ndarray, floor: float, count: int) -> list[tuple[int, int]]:
    """The ``count`` highest local maxima of ``window`` above ``floor``, as (x, y)."""
    local = (window == cv2.dilate(window, np.ones((3, 3), np.uint8))) & (window > floor)
    ys, xs = np.nonzero(local)
    order = np.argsort(window[ys, xs])[::-1]
    return [(int(xs[k]), int(ys[k])) for k in order[: count * 3]]


def box_candidates(gray: np.ndarray, h: np.ndarray, box: Box, reach_mm: float) -> list:
    """Places (card mm, under ``h``) within ``reach_mm`` whose square outline of the box's size
    is fully verified: the box itself, its neighbours, a filled box."""
    s = READ_PX_PER_MM
    _, darkness = darkness_patch(gray, h, box, reach_mm)
    window = outline_response(darkness, box, s, reach_mm)
    reach = window.shape[0] // 2
    found = []
    # a response under the weakest side's contrast, or under half the best outline's here
    # (printed alike, lit alike), is not worth verifying
    floor = max(BOX_SIDE_MIN_CONTRAST, 0.5 * float(window.max()))
    for x, y in peaks(window, floor, FIT_REFIT_CANDIDATES):
        dx, dy = x - reach, y - reach
        problem, faint = outline_problem(side_contrasts(darkness, box, dx, dy, s, reach_mm),
                                         dx, dy, s, reach_mm)
        if problem is None and not faint:
            found.append((box.center_mm[0] + dx / s, box.center_mm[1] + dy / s))
            if len(found) == FIT_REFIT_CANDIDATES:
                break
    return found


def marker_candidates(
    gray: np.ndarray, h: np.ndarray, marker: Box, reach_mm: float, avoid: Box
) -> list:
    """Places (card mm, under ``h``) within ``reach_mm`` that look like a corner marker: a solid
    square of its size in a clear ring; a filled checkbox does too (the refit sorts them out)."""
    s = READ_PX_PER_MM
    window = marker_response(gray, h, marker, reach_mm)
    reach = window.shape[0] // 2
    found = []
    for x, y in peaks(window, MARKER_ANCHOR_MIN_CONTRAST, FIT_REFIT_CANDIDATES):
        point = (marker.center_mm[0] + (x - reach) / s, marker.center_mm[1] + (y - reach) / s)
        if max(abs(x - reach), abs(y - reach)) >= reach or avoid.contains(Box(*point, 0, 0)):
            continue
        found.append(point)
        if len(found) == FIT_REFIT_CANDIDATES:
            break
    return found


def gather(gray: np.ndarray, h: np.ndarray, card: CardType):
    """Every candidate place of every feature: (feature centres mm, candidate photo px,
    feature index per candidate)."""
    avoid = card.qr.grown(QR_MODULE_MM)
    centres: list[tuple[float, float]] = []
    places: list[np.ndarray] = []
    owner: list[int] = []
    for kind, box in features(card):
        reach = FIT_REFIT_REACH_MM
        if not in_frame(gray, h, box, reach):
            reach = FIT_REFIT_REACH_MM / 3
            if not in_frame(gray, h, box, reach):
                continue
        found = (
            box_candidates(gray, h, box, reach)
            if kind == "box"
            else marker_candidates(gray, h, box, reach, avoid)
        )
        if not found:
            continue
        index = len(centres)
        centres.append(box.center_mm)
        places.extend(apply_homography(h, found))
        owner.extend([index] * len(found))
    return (
        np.array(centres, np.float64).reshape(-1, 2),
        np.array(places, np.float64).reshape(-1, 2),
        np.array(owner, int),
    )


def agreeing(h: np.ndarray, centres: np.ndarray, places: np.ndarray, owner: np.ndarray,
             px_per_mm: float) -> tuple[np.ndarray, float]:
    """Per feature, the candidate nearest the place ``h`` predicts if within
    FIT_REFIT_INLIER_MM (else -1), and the sum of those distances (mm)."""
    predicted = apply_homography(h, centres)
    distance = np.linalg.norm(places - predicted[owner], axis=1) / px_per_mm
    order = np.lexsort((distance, owner))  # by feature, nearest candidate first
    first = np.ones(len(order), bool)
    first[1:] = owner[order][1:] != owner[order][:-1]
    nearest = order[first]
    near = distance[nearest] <= FIT_REFIT_INLIER_MM  # NaN (a degenerate h) is never near
    best = np.full(len(centres), -1)
    best[owner[nearest][near]] = nearest[near]
    return best, float(distance[nearest][near].sum())


def samples(owner: np.ndarray) -> list[np.ndarray]:
    """The hypotheses' samples of candidate places: every pair (with the QR) and every four
    when they are few, else FIT_REFIT_TRIALS drawn (half pairs, half fours) with a fixed seed:
    the same photo always reads the same."""
    n = len(owner)
    pairs = list(combinations(range(n), 2))
    fours = list(combinations(range(n), 4)) if n <= 12 else []
    if len(pairs) + len(fours) <= FIT_REFIT_TRIALS:
        return [np.array(p) for p in pairs + fours]
    rng = np.random.default_rng(0)
    return [
        rng.choice(n, size=2 if trial % 2 == 0 or n < 4 else 4, replace=False)
        for trial in range(FIT_REFIT_TRIALS)
    ]


def refit(
    gray: np.ndarray, card: CardType, rect: Rectified, qr_px: np.ndarray
) -> tuple[np.ndarray, int, float] | None:
    """The robust whole-card fit, searched round ``rect``'s places: (homography, corner markers
    agreeing with it, its fit error in mm); None if nothing was found to fit."""
    centres, places, owner = gather(gray, rect.homography, card)
    if len(centres) < 2:
        return None
    qr_mm = box_corners_mm(card.qr)
    scale = rect.px_per_mm
    trials = [p for p in samples(owner) if len(set(owner[p].tolist())) == len(p)]
    best: tuple[int, float, np.ndarray | None] = (-1, np.inf, None)
    for score in trial_scores(trials, centres, places, owner, qr_mm, qr_px, scale):
        if score is None:
            continue  # a degenerate sample
        count, cost, chosen = score
        if (count, -cost) > (best[0], -best[1]):
            best = (count, cost, chosen)
    if best[2] is None:
        return None
    chosen = best[2]
    residuals = np.zeros(0)
    for _ in range(2):  # least squares on the QR and the agreeing features, then again
        keep = chosen >= 0
        h, residuals = fit(np.vstack([qr_mm, centres[keep]]),
                           np.vstack([qr_px, places[chosen[keep]]]))
        chosen, _ = agreeing(h, centres, places, owner, scale)
    markers = {tuple(m.center_mm) for m in card.markers}
    markers_found = sum(
        tuple(centres[i]) in markers for i in np.nonzero(chosen >= 0)[0].tolist()
    )
    error_mm = float(np.sqrt(np.mean(residuals ** 2)))
    return h, markers_found, error_mm


Score = tuple[int, float, np.ndarray]  # features agreeing, their summed distance (mm), which


def trial_scores(
    trials: list[np.ndarray], centres: np.ndarray, places: np.ndarray, owner: np.ndarray,
    qr_mm: np.ndarray, qr_px: np.ndarray, scale: float,
) -> list[Score | None]:
    """Per trial (candidate places: two with the QR's corners, or four), in order: what
    ``agreeing`` says of the homography fitted on it, the QR counted as one more feature where
    it agrees (``qr_agrees``), or None for a degenerate sample. The
    trials of one size are fitted and scored all at once (a refit tries 300: one at a time,
    their SVDs and their Python cost were most of a wall photo's refits), with the same
    numpy and LAPACK operations on the same numbers as ``score_one`` (the same floats); a
    batch that LAPACK refuses is scored one trial at a time."""
    scores: list[Score | None] = [None] * len(trials)
    for size in sorted({len(t) for t in trials}):
        index = [n for n, t in enumerate(trials) if len(t) == size]
        picks = np.array([trials[n] for n in index])
        src, dst = centres[owner[picks]], places[picks]
        if size == 2:  # with the QR's four corners first
            src = np.concatenate([np.broadcast_to(qr_mm, (len(index), 4, 2)), src], axis=1)
            dst = np.concatenate([np.broadcast_to(qr_px, (len(index), 4, 2)), dst], axis=1)
        batch: list[Score | None]
        with np.errstate(all="ignore"):  # a degenerate sample: a useless h, agreeing with none
            try:
                hs = fit_projective_many(src, dst)
                scored = agreeing_many(hs, centres, places, owner, scale)
                qr_ok = qr_agrees(hs, qr_mm, qr_px, scale)
                batch = [None if s is None else (s[0] + int(ok), s[1], s[2])
                         for s, ok in zip(scored, qr_ok, strict=True)]
            except np.linalg.LinAlgError:
                batch = [score_one(s, d, centres, places, owner, scale, qr_mm, qr_px)
                         for s, d in zip(src, dst)]
        for n, score in zip(index, batch, strict=True):
            scores[n] = score
    return scores


def score_one(src: np.ndarray, dst: np.ndarray, centres: np.ndarray, places: np.ndarray,
              owner: np.ndarray, scale: float, qr_mm: np.ndarray, qr_px: np.ndarray
              ) -> Score | None:
    """One trial as first written: fitted, then scored by ``agreeing``, the QR counted as one
    more feature where it agrees (``qr_agrees``)."""
    with np.errstate(all="ignore"):
        try:
            h = fit_projective(src, dst)
            chosen, cost = agreeing(h, centres, places, owner, scale)
        except np.linalg.LinAlgError:
            return None
        qr_ok = bool(qr_agrees(h[None], qr_mm, qr_px, scale)[0])
    return int((chosen >= 0).sum()) + int(qr_ok), cost, chosen


def qr_agrees(hs: np.ndarray, qr_mm: np.ndarray, qr_px: np.ndarray, px_per_mm: float
              ) -> np.ndarray:
    """Per homography of ``hs``: does it put every corner of the QR within FIT_REFIT_QR_INLIER_MM
    of the corner decoded? The QR is the card's surest feature (it named the card, and the
    refit's least squares keep its corners): a hypothesis of four places that puts it elsewhere
    has taken a box grid's neighbours for its boxes (a blurred card's outlines alias by one
    column; wall 836: 7 features agreed with such a grid, as many as with the true pose, and
    its smaller summed distance won); one fitted on the QR and two places that strains the QR's
    corners past the decoder's precision has taken look-alikes for its places."""
    predicted = apply_many(hs, np.broadcast_to(qr_mm, (len(hs), *qr_mm.shape)))
    distance = np.linalg.norm(predicted - qr_px, axis=2).max(axis=1) / px_per_mm
    return distance <= FIT_REFIT_QR_INLIER_MM  # NaN (a degenerate h) never agrees


def agreeing_many(hs: np.ndarray, centres: np.ndarray, places: np.ndarray, owner: np.ndarray,
                  px_per_mm: float) -> list[Score | None]:
    """``agreeing`` for each homography of ``hs``; a feature's candidates are consecutive (as
    ``gather`` lists them), the nearest is the first at the least distance (as the stable sort
    of ``agreeing`` takes it)."""
    predicted = apply_many(hs, np.broadcast_to(centres, (len(hs), *centres.shape)))
    distance = np.linalg.norm(places - predicted[:, owner], axis=2) / px_per_mm
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    ends = np.r_[starts[1:], len(owner)]
    nearest = np.stack([s + np.argmin(distance[:, s:e], axis=1)
                        for s, e in zip(starts, ends, strict=True)], axis=1)
    least = np.take_along_axis(distance, nearest, axis=1)
    near = least <= FIT_REFIT_INLIER_MM  # NaN (a degenerate h) is never near
    chosen = np.where(near, nearest, -1)
    return [(int(near[t].sum()), float(least[t][near[t]].sum()), chosen[t])
            for t in range(len(hs))]


def measured_qr(card: CardType, rect: Rectified, corners_px: np.ndarray) -> np.ndarray:
    """The QR's measured corners in the order of the card's own (the fit's) corners: a hit
    whose corner order is unknown (pyzbar) was fitted in one of its four rotations."""
    fitted = apply_homography(rect.homography, box_corners_mm(card.qr))
    rolls = [np.roll(corners_px, -k, axis=0) for k in range(4)]
    return min(rolls, key=lambda c: float(np.linalg.norm(c - fitted)))


def qr_only(card: CardType, qr_px: np.ndarray) -> Rectified:
    """The pose from the QR's corners alone (affine): a second start for the refit when a wrong
    marker (a filled box, a blob) bent the first pose beyond the refit's reach."""
    h = fit_affine(box_corners_mm(card.qr), qr_px)
    corners = apply_homography(h, box_corners_mm(card.outline))
    scale = local_px_per_mm(h, card.outline.center_mm)
    return Rectified(h, QR_ONLY_MIN_ERROR_MM, 0, corners, scale)


def checked_fit(
    gray: np.ndarray,
    card: CardType,
    rect: Rectified,
    corners_px: np.ndarray,
    budget: Budget | None = None,
) -> tuple[Rectified, FitCheck]:
    """The pose to read with, and its check: ``rect`` if its features confirm it; else the
    robust refit when more features verify under it (FIT_REFIT_MIN_GAIN more, or enough more
    to confirm it where ``rect`` was not confirmed), started from ``rect``, then from the QR
    alone; each better pose is refitted again from its own places (a feature far beyond the
    first search comes within reach), FIT_REFIT_ROUNDS refits at most, until every feature in
    the photo verifies. ``corners_px``: the QR's corners as decoded. ``budget``: no refit starts
    once the photo's whole budget is spent (counted: "refits"); the best pose so far is kept,
    with its check (if unconfirmed, its readings are proposals)."""
    if not card.fields_of_kind("checkbox", "votes"):
        return rect, FitCheck(0, 0)  # nothing read from the card's marks: nothing to check
    qr_px = measured_qr(card, rect, np.asarray(corners_px, np.float64))
    check = check_fit(gray, rect.homography, card)
    if check.confirmed and (
        rect.markers_found == len(card.markers)
        or check.expected - check.verified < FIT_REFIT_MIN_GAIN  # no refit could do better
    ):
        return rect, check
    best_rect, best = rect, check
    starts = [rect, qr_only(card, qr_px)]
    for _ in range(FIT_REFIT_ROUNDS):
        if not starts or (best.refitted and best.verified == best.expected):
            break
        if budget is not None and not budget.reading_left():
            budget.skip("refits")
            break
        start = starts.pop(0)
        found = refit(gray, card, start, qr_px)
        if found is None:
            continue
        h, markers_found, error_mm = found
        again = check_fit(gray, h, card)
        better = again.verified >= check.verified + FIT_REFIT_MIN_GAIN or (
            again.confirmed and not check.confirmed and again.verified > check.verified
        )
        if not better or again.verified <= best.verified:
            continue
        if markers_found < len(card.markers):  # a corner rests on outlines, not its marker
            error_mm = max(error_mm, MISSING_MARKER_MIN_ERROR_MM)
        corners = apply_homography(h, box_corners_mm(card.outline))
        best_rect = Rectified(h, error_mm, markers_found, corners,
                              local_px_per_mm(h, card.outline.center_mm))
        again.refitted = True
        again.moved_mm = float(np.linalg.norm(corners - rect.corners_px, axis=1).max()
                               / rect.px_per_mm)
        best = again
        starts.insert(0, best_rect)  # searched again round the better pose: the far side
    return best_rect, best
