"""Read a rectified card: checkboxes, vote strips, and whether each handwritten field holds ink.

Everything is measured in the canonical image (card mm x CANONICAL_PX_PER_MM), against the paper
white measured next to the box, so uneven light and grey printers shift both sides alike.
Every reading is a state and a confidence; the unsure band goes to human review.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import cv2
import numpy as np

from printables.layout import Box, CardType, Field, hatch_box
from scan.budget import OUT_OF_TIME, Budget
from scan.checkbox import (
    COVERED,
    DEFORMED,
    OUT_OF_FRAME,
    TRACE,
    is_in_frame,
    read_checkbox_in_photo,
    unsure,
)
from scan.glare import GLARE, box_has_glare
from scan.rectify import box_slice, ring_pixels, warp_box  # noqa: F401 (box_slice: used by kit)
from scan.refine import local_fits
from scan.results import Checkbox, FieldInk, VoteCount
from scan.thresholds import (
    CANONICAL_PX_PER_MM,
    CHECKBOX_CROP_MARGIN_MM,
    FIELD_BACKGROUND_MM,
    FIELD_BORDER_EXCLUSION_MM,
    FIELD_CLIPPED_LEVEL,
    FIELD_CLIPPED_MAX_SHARE,
    FIELD_CROP_MARGIN_MM,
    FIELD_EDGE_MARGIN_PHOTO_PX,
    FIELD_OUTLINE_MIN_DIP,
    FIELD_OUTLINE_MIN_SEEN,
    FIELD_OUTLINE_SEARCH_MM,
    FIELD_OUTLINE_SEGMENT_MM,
    FIELD_TRACE_MIN_FRACTION,
    HAS_INK_MIN_BLOB_MM2,
    HAS_INK_MIN_FRACTION,
    INK_DARKNESS,
    READ_PX_PER_MM,
    UNTRUSTED_FIT_MAX_CONFIDENCE,
    UNTRUSTED_FIT_MIN_ERROR_MM,
)
from scan.votes import marked_mask, read_votes  # noqa: F401 (marked_mask: one ink rule)

TEXT_KINDS = ("text", "email", "phone", "number")
OVEREXPOSED = "surexposé"  # a field's paper clipped white: writing may be washed out
GAUSS_P75_TO_P90_SIGMAS = 0.6142  # 90th minus 75th percentile of a normal law, in sigmas


def decide(score: float, low: float, high: float, margin: float) -> tuple[bool | None, float]:
    """Three states from a score and its unsure band [low, high]; confidence 0.5 at a band edge,
    1 at ``margin`` beyond it, below 0.5 inside the band (0 in its middle)."""
    if score >= high:
        return True, min(1.0, 0.5 + 0.5 * (score - high) / margin)
    if score <= low:
        return False, min(1.0, 0.5 + 0.5 * (low - score) / margin)
    half = (high - low) / 2
    return None, 0.5 * abs(score - (low + half)) / half


def disc_mask(shape: tuple[int, ...], radius_fraction: float) -> np.ndarray:
    """The centred disc of ``radius_fraction`` of the window's half-size."""
    h, w = shape[:2]
    yy, xx = np.ogrid[0:h, 0:w]
    radius = radius_fraction * min(h, w) / 2
    return (xx - (w - 1) / 2) ** 2 + (yy - (h - 1) / 2) ** 2 <= radius ** 2


def paper_light(gray: np.ndarray, px_per_mm: float) -> np.ndarray:
    """The paper's own brightness under the writing (float32): a max filter wider than a pen
    stroke erases the strokes and keeps the light's slow variation."""
    size = max(3, int(FIELD_BACKGROUND_MM * px_per_mm) | 1)
    return cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))).astype(
        np.float32
    )


def ink_mask(gray: np.ndarray, light: np.ndarray, darkness: float = INK_DARKNESS) -> np.ndarray:
    """Handwriting: the pixels darker than the paper's own light under them (``paper_light``) by
    ``darkness`` of that light. The one ink rule of the scanner and of the OCR's line cutting."""
    return (light - gray) > darkness * np.maximum(light, 1.0)


def read_ink(gray: np.ndarray, box: Box, px_per_mm: float = READ_PX_PER_MM) -> FieldInk:
    """Does the box hold handwriting? Ink = clearly darker than the paper around it."""
    inner = gray[box_slice(box.grown(-FIELD_BORDER_EXCLUSION_MM), px_per_mm, gray.shape)]
    ink = ink_mask(inner, paper_light(inner, px_per_mm)).astype(np.uint8)
    fraction = float(ink.mean())
    if fraction < HAS_INK_MIN_FRACTION:
        return FieldInk(False, fraction)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    biggest_mm2 = float(stats[1:, cv2.CC_STAT_AREA].max(initial=0)) / px_per_mm ** 2
    return FieldInk(biggest_mm2 >= HAS_INK_MIN_BLOB_MM2, fraction)


def read_card(
    gray: np.ndarray,
    bgr: np.ndarray,
    h: np.ndarray,
    card: CardType,
    fit_error_mm: float = 0.0,
    fit_confirmed: bool = True,
    anchors: dict | None = None,
    budget: Budget | None = None,
):
    """All machine-readable parts of one card: (checkboxes, votes, fields) dicts by field name.
    On a loose fit (``fit_error_mm`` above UNTRUSTED_FIT_MIN_ERROR_MM) a box found within its
    search may be its neighbour: every reading is then a proposal for a person to confirm. So
    too on a fit that the card's own printed features do not confirm (``fit_confirmed`` False,
    wholefit.py): reason "déformé" where the reading had none. ``anchors``: the outlines and
    markers already found under ``h`` (wholefit.FitCheck.anchors), not looked for again.
    ``budget``: a vote strip whose turn comes once the photo's whole budget is spent is not
    read (count 0 at confidence 0, reason "temps": for a person) and counted as skipped."""
    rectified = warp_box(gray, h, card.outline, READ_PX_PER_MM)
    fits = local_fits(gray, h, card, anchors)  # where the card is not flat, each box's own fit
    checkboxes = {
        f.name: read_checkbox_in_photo(gray, fit, f.box) if fit is not None else unsure(DEFORMED)
        for f, fit in ((f, fits[f.name]) for f in card.fields_of_kind("checkbox"))
    }
    votes = {
        f.name: read_votes(
            bgr, h, f, card=card.outline, solid_print=(*card.markers, card.qr),
            print_bands=(hatch_box(card),),
        )
        if budget is None or budget.reading_left() else unread_strip(f, budget)
        for f in card.fields_of_kind("votes")
    }
    if fit_error_mm > UNTRUSTED_FIT_MIN_ERROR_MM:
        checkboxes = {name: capped(box) for name, box in checkboxes.items()}
        votes = {name: capped(strip) for name, strip in votes.items()}
    if not fit_confirmed:
        checkboxes = {name: capped(box, DEFORMED) for name, box in checkboxes.items()}
        votes = {name: capped(strip) for name, strip in votes.items()}
    # Paper clipped white (glare, over-exposure) erases pale marks, never adds one: a pale
    # sticker or a pencil tick there is as white as the paper. No count and no "no" is sure.
    votes = {
        f.name: capped(votes[f.name], OVEREXPOSED) if clipped(rectified, f.box) else votes[f.name]
        for f in card.fields_of_kind("votes")
    }
    checkboxes = {
        f.name: capped(box, OVEREXPOSED)
        if box.checked is False and clipped(rectified, f.box) else box
        for f, box in ((f, checkboxes[f.name]) for f in card.fields_of_kind("checkbox"))
    }
    # A glare spot (a lamp, tape's sheen) washes a tick out: a box under one is never sure,
    # whatever it reads (glare.py); looked for only where the reading would be sure.
    checkboxes = {
        f.name: capped(box, GLARE)
        if box.confidence > UNTRUSTED_FIT_MAX_CONFIDENCE
        and box_has_glare(bgr, h, f.box, READ_PX_PER_MM) else box
        for f, box in ((f, checkboxes[f.name]) for f in card.fields_of_kind("checkbox"))
    }
    trusted = fit_confirmed and fit_error_mm <= UNTRUSTED_FIT_MIN_ERROR_MM
    fields = {
        f.name: doubted(read_ink(rectified, f.box), gray.shape, h, f.box, rectified, trusted)
        for f in card.fields_of_kind(*TEXT_KINDS)
    }
    return checkboxes, votes, fields


def unread_strip(field: Field, budget: Budget) -> VoteCount:
    """A vote strip left unread for lack of time: no count, for a person (never a guess)."""
    budget.skip("vote_strips")
    return not_counted(field)


def not_counted(field: Field) -> VoteCount:
    """A vote strip's reading when it was not read for lack of time: 0 at confidence 0, reason
    OUT_OF_TIME (the digitisation proposes no count for it)."""
    return VoteCount(0, 0.0, [None] * len(field.targets), OUT_OF_TIME)


def unread_card(
    gray: np.ndarray, h: np.ndarray, card: CardType
) -> tuple[dict[str, Checkbox], dict[str, VoteCount], dict[str, FieldInk]]:
    """A card found once the photo's whole budget was spent: its boxes and strips unsure and its
    blank fields doubted (reason "temps"), all for a person; only the ink of its fields is
    measured (cheap: one warp of the card)."""
    rectified = warp_box(gray, h, card.outline, READ_PX_PER_MM)
    checkboxes = {f.name: unsure(OUT_OF_TIME) for f in card.fields_of_kind("checkbox")}
    votes = {f.name: not_counted(f) for f in card.fields_of_kind("votes")}
    fields = {}
    for f in card.fields_of_kind(*TEXT_KINDS):
        ink = read_ink(rectified, f.box)
        fields[f.name] = ink if ink.has_ink else replace(ink, reason=OUT_OF_TIME)
    return checkboxes, votes, fields


def clipped(rectified: np.ndarray, box: Box) -> bool:
    """Is more than FIELD_CLIPPED_MAX_SHARE of ``box`` (card mm, in the card rectified at
    READ_PX_PER_MM) clipped white (glare, over-exposure)? There a pale mark is lost."""
    inside = rectified[box_slice(box, READ_PX_PER_MM, rectified.shape)]
    return bool(inside.size) and float((inside >= FIELD_CLIPPED_LEVEL).mean()) > (
        FIELD_CLIPPED_MAX_SHARE
    )


def doubted(ink: FieldInk, shape: tuple[int, ...], h: np.ndarray, box: Box,
            rectified: np.ndarray, trusted: bool) -> FieldInk:
    """A field read blank is taken as blank (the digitisation accepts it as empty) only if the
    photo could have shown writing there: the whole field in the frame (else "hors cadre"), the
    card's fit trusted (else "déformé": the field may be read beside its place), its paper
    not clipped white (else "surexposé": glare or over-exposure washes pen out) and no more ink
    in it than paper grain leaves (else "trace": a short word in a wide field, soft focus)."""
    if ink.has_ink:
        return ink
    if not is_in_frame(shape, h, box, FIELD_EDGE_MARGIN_PHOTO_PX):
        return replace(ink, reason=OUT_OF_FRAME)
    if not trusted:
        return replace(ink, reason=DEFORMED)
    if clipped(rectified, box.grown(-FIELD_BORDER_EXCLUSION_MM)):
        return replace(ink, reason=OVEREXPOSED)
    if ink.ink_fraction >= FIELD_TRACE_MIN_FRACTION:
        return replace(ink, reason=TRACE)
    if outline_seen(rectified, box) < FIELD_OUTLINE_MIN_SEEN:
        return replace(ink, reason=COVERED)
    return ink


def outline_seen(rectified: np.ndarray, box: Box) -> float:
    """Share of the field's printed outline (grey, 0.25 mm) found where the fit puts it: each
    side cut in FIELD_OUTLINE_SEGMENT_MM pieces, each piece's grey averaged along the side and
    seen if the profile across it dips by FIELD_OUTLINE_MIN_DIP below the paper on both sides
    of the dip, within FIELD_OUTLINE_SEARCH_MM of the line (a cover's edge is a step, no dip).
    A note, a hand or another card's blank paper stuck over the field hides its outline (and
    whatever was written under it)."""
    s, reach, seg = READ_PX_PER_MM, FIELD_OUTLINE_SEARCH_MM, FIELD_OUTLINE_SEGMENT_MM
    dips = []
    for across, start, end, lines in (
        (0, box.x_mm + 1.0, box.right_mm - 1.0, (box.y_mm, box.bottom_mm)),  # top, bottom
        (1, box.y_mm + 1.0, box.bottom_mm - 1.0, (box.x_mm, box.right_mm)),  # left, right
    ):
        pieces = max(1, round((end - start) / seg))
        edges = np.linspace(start, end, pieces + 1)
        for line in lines:
            lo, hi = round((line - reach) * s), round((line + reach) * s) + 1
            for a, b in zip(edges[:-1], edges[1:]):
                along = slice(round(a * s), round(b * s))
                patch = rectified[lo:hi, along] if across == 0 else rectified[along, lo:hi]
                if lo < 0 or patch.size == 0 or min(patch.shape) < 2:
                    dips.append(0.0)
                    continue
                profile = patch.astype(np.float32).mean(axis=1 - across)
                i = int(np.argmin(profile))  # a line: paper on both sides (a cover edge: a step)
                paper = min(float(profile[: i + 1].max()), float(profile[i:].max()))
                dips.append((paper - float(profile[i])) / max(paper, 1.0))
    return float(np.mean(np.asarray(dips) >= FIELD_OUTLINE_MIN_DIP)) if dips else 0.0


def capped(reading, reason: str | None = None):
    """A checkbox or vote reading whose confidence stays below the review line; ``reason``
    given where the reading had none and its confidence was lowered."""
    if reason is not None and reading.reason is None and (
        reading.confidence > UNTRUSTED_FIT_MAX_CONFIDENCE
    ):
        reading = replace(reading, reason=reason)
    return replace(reading, confidence=min(reading.confidence, UNTRUSTED_FIT_MAX_CONFIDENCE))


def field_crop_box(field: Field) -> Box:
    """What is cut out of the rectified card for one field: the printed box and a margin."""
    margin = CHECKBOX_CROP_MARGIN_MM if field.kind == "checkbox" else FIELD_CROP_MARGIN_MM
    return field.box.grown(margin)


def crop_fields(canonical_bgr: np.ndarray, card: CardType,
                px_per_mm: float = CANONICAL_PX_PER_MM,
                fields: Iterable[Field] | None = None) -> dict[str, np.ndarray]:
    """Fields of the rectified card as images, for review and OCR: the handwritten ones, or
    ``fields`` (the app keeps every field, checkboxes and vote strips too)."""
    chosen = card.fields_of_kind(*TEXT_KINDS) if fields is None else fields
    return {f.name: canonical_bgr[box_slice(field_crop_box(f), px_per_mm, canonical_bgr.shape)]
            for f in chosen}
