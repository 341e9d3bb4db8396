"""Why a photo gave no card, measured from the image: too dark, too blurred, or taken too far."""

from __future__ import annotations

import cv2
import numpy as np

from printables.layout import QR_MODULE_MM, QR_MODULES, SMALL_W_MM
from scan.budget import PARTLY_READ_STEPS, Budget
from scan.deblur import DEBLURRED
from scan.locate import FINDER_MODULES, Search, find_finder_candidates
from scan.messages import counted_key, make_hint
from scan.results import CardReading, CodeHit, Hint
from scan.thresholds import (
    HINT_WIDTH_PX,
    MIN_PAPER_SIDE_PX,
    PAPER_ASPECT_RANGE,
    PAPER_MIN_FILL,
    TOO_BLURRED_CODE_SHARPNESS,
    TOO_BLURRED_LAPLACIAN_VAR,
    TOO_DARK_MEAN_GREY,
    TOO_SMALL_PX_PER_MODULE,
)

# the steps the time budget may leave out, as params["left_out"] of the ``time_budget`` hint
# names them (singular, plural): for the log and the JSON, the message itself names the cards
STEP_NAMES = {
    "finder_tiles": ("zone de recherche", "zones de recherche"),
    "finder_windows": ("motif de QR suspect", "motifs de QR suspects"),
    "window_retries": ("relecture", "relectures"),
    "blind_tiles": ("tuile", "tuiles"),
    "blur_retries": ("relecture du flou", "relectures du flou"),
    "deblur": ("recherche sur la photo défloutée", "recherches sur la photo défloutée"),
    "deblur_windows": ("motif de QR sur la photo défloutée", "motifs de QR sur la photo défloutée"),
    "lost_retries": ("relecture d'un code perdu", "relectures de codes perdus"),
    "marker_cards": ("carte repérée par ses coins", "cartes repérées par leurs coins"),
    "hidden_corner": ("carte à un coin caché", "cartes à un coin caché"),
    "unread_cards": ("carte trouvée mais pas lue", "cartes trouvées mais pas lues"),
    "vote_strips": ("bande de votes", "bandes de votes"),
    "refits": ("recalage de carte", "recalages de carte"),
}
# left out once the whole photo's budget is spent (the search's own ends earlier)
READING_STEPS = {"unread_cards", *PARTLY_READ_STEPS}


def blur_hints(search: Search, hints: list[Hint], shape: tuple[int, ...]) -> list[Hint]:
    """A photo whose codes are too soft to trust (or were read only once it was deblurred),
    and the codes it saw but could not read (the
    cards it lost), with where they are on the photo of ``shape``."""
    out = []
    blur = search.blur
    deblurred = any(hit.decoder.endswith(DEBLURRED) for hit in search.hits)
    if (
        blur is not None
        and (blur.sharpness < TOO_BLURRED_CODE_SHARPNESS or deblurred)
        and not any(h.kind == "too_blurred" for h in hints)
    ):
        out.append(
            make_hint("too_blurred", round(blur.sharpness, 3), TOO_BLURRED_CODE_SHARPNESS,
                      key="too_blurred_codes")
        )
    if search.lost:
        count = len(search.lost)
        out.append(
            make_hint("lost_codes", float(count), 0.0, key=counted_key("lost_codes_at", count),
                      count=count, places=lost_places(search.lost, shape))
        )
    return out


def fit_hints(cards: list[CardReading]) -> list[Hint]:
    """Cards whose pose their own printed features do not confirm (wholefit.py): their box
    and vote readings are proposals; which cards, by code."""
    codes = [card.code for card in cards if not card.fit_confirmed]
    if not codes:
        return []
    return [make_hint("fit_unconfirmed", float(len(codes)), 0.0,
                      key=counted_key("fit_unconfirmed", len(codes)), count=len(codes),
                      codes=", ".join(codes))]


def lost_places(windows: list, shape: tuple[int, ...]) -> str:
    """Where each lost code is, in words that need no translation: its centre in percent of the
    photo's width and height from the top-left corner ("62 % / 45 %"), left to right."""
    height, width = shape[:2]
    centres = sorted(((x0 + x1) / 2 / width, (y0 + y1) / 2 / height) for x0, y0, x1, y1 in windows)
    return "\u00a0; ".join(f"{round(100 * x)}\u00a0% / {round(100 * y)}\u00a0%" for x, y in centres)


def budget_hint(budget: Budget) -> Hint:
    """The photo took its whole time budget: the cards found but not read in full (by code),
    or that the search stopped early and cards may be missing; the steps left out, counted."""
    left_out = ", ".join(
        f"{count} {step_name(step, count)}"
        + (f" ({', '.join(budget.unread)})" if step == "unread_cards" else "")
        for step, count in budget.skipped.items()
    )
    seconds = budget.whole if READING_STEPS & set(budget.skipped) else budget.seconds
    codes = list(dict.fromkeys([*budget.unread, *budget.partly]))
    params = {"seconds": f"{seconds:g}", "left_out": left_out, "codes": ", ".join(codes)}
    if codes:
        return make_hint("time_budget", round(budget.elapsed(), 2), seconds,
                         key=counted_key("time_budget_unread", len(codes)), count=len(codes),
                         **params)
    return make_hint("time_budget", round(budget.elapsed(), 2), seconds, **params)


def step_name(step: str, count: int) -> str:
    singular, plural = STEP_NAMES.get(step, (step, step))
    return singular if count == 1 else plural


def photo_hints(gray: np.ndarray, hits: list[CodeHit], finders: list | None = None) -> list[Hint]:
    """Hints for a photo in which no card was read; the first always says so. ``finders``: the
    finder-like patterns the code search saw (looked for again when not given)."""
    hints = [make_hint("no_card")]
    mean_grey = mean_of(gray)
    if mean_grey < TOO_DARK_MEAN_GREY:
        hints.append(
            make_hint("too_dark", round(mean_grey, 1), TOO_DARK_MEAN_GREY)
        )
    small = hint_sized(gray)  # both measures at HINT_WIDTH_PX, shrunk once
    sharpness = laplacian_variance(gray, small)
    if sharpness < TOO_BLURRED_LAPLACIAN_VAR:
        hints.append(
            make_hint("too_blurred", round(sharpness, 1), TOO_BLURRED_LAPLACIAN_VAR)
        )
    module_px = smallest_module_px(gray, hits, finders, small)
    if module_px is not None and module_px < TOO_SMALL_PX_PER_MODULE:
        hints.append(
            make_hint("too_far", round(module_px, 2), TOO_SMALL_PX_PER_MODULE)
        )
    return hints


def mean_of(gray: np.ndarray) -> float:
    """``gray.mean()``, the same float: on bytes, OpenCV's sum (exact: whole numbers far below
    2**53) over the count, as numpy divides it, in a fifth of the time."""
    if gray.dtype != np.uint8 or gray.ndim != 2:
        return float(gray.mean())
    return float(cv2.sumElems(gray)[0]) / gray.size


def hint_sized(gray: np.ndarray) -> np.ndarray:
    """The photo at HINT_WIDTH_PX wide (as it is when narrower)."""
    scale = min(1.0, HINT_WIDTH_PX / gray.shape[1])
    if scale >= 1:
        return gray
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def laplacian_variance(gray: np.ndarray, small: np.ndarray | None = None) -> float:
    """Sharpness at a fixed width, so that it does not depend on the camera's resolution.
    ``small``: ``hint_sized(gray)``, when already made."""
    small = hint_sized(gray) if small is None else small
    return float(cv2.Laplacian(small, cv2.CV_32F).var())


def smallest_module_px(
    gray: np.ndarray, hits: list[CodeHit], finders: list | None = None,
    small: np.ndarray | None = None,
) -> float | None:
    """Pixels per module of the codes found, else of finder-like blobs, else of paper cards."""
    if hits:
        # a version-1 code (ours) is the smallest, so the largest modules for its size
        return min(h.side_px for h in hits) / QR_MODULES
    if finders is None:
        finders = find_finder_candidates(gray, Budget())
    if finders:
        return float(np.median([width for _, width in finders])) / FINDER_MODULES
    px_per_mm = paper_px_per_mm(gray, small)
    return None if px_per_mm is None else px_per_mm * QR_MODULE_MM


def paper_px_per_mm(gray: np.ndarray, small: np.ndarray | None = None) -> float | None:
    """Scale of the light card-shaped rectangles of the photo, if any, read as small cards.

    Every printed item is ~1.42 times as long as it is wide; reading each as a 140 mm card
    gives an upper bound of the scale (a poster is bigger), so "too far" is never a false alarm.
    ``small``: ``hint_sized(gray)``, when already made."""
    scale = min(1.0, HINT_WIDTH_PX / gray.shape[1])
    small = hint_sized(gray) if small is None else small
    _, light = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(light, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    lengths = []
    for contour in spanning(contours, MIN_PAPER_SIDE_PX):
        (_, _), (w, h), _ = cv2.minAreaRect(contour)
        if (
            min(w, h) >= MIN_PAPER_SIDE_PX
            and PAPER_ASPECT_RANGE[0] <= max(w, h) / min(w, h) <= PAPER_ASPECT_RANGE[1]
            and cv2.contourArea(contour) >= PAPER_MIN_FILL * w * h
        ):
            lengths.append(max(w, h) / scale)
    return float(np.median(lengths)) / SMALL_W_MM if lengths else None


def spanning(contours, side_px: float) -> list:
    """The contours (in their order) whose points span ``side_px`` or more along x or y: the
    others fit in a square of less, so no rectangle round them has a side of ``side_px``
    (a textured wall gives ten thousand specks, and their minAreaRect was most of the hints'
    time). Their extents are taken all at once."""
    if not contours:
        return []
    counts = np.array([len(c) for c in contours])
    points = np.concatenate(contours).reshape(-1, 2)
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    span = np.maximum.reduceat(points, starts) - np.minimum.reduceat(points, starts)
    return [contours[i] for i in np.flatnonzero(span.max(axis=1) >= side_px)]
