"""Faint pen strokes the mask of marks never took: a pencil or pale-pen bar on a sharp strip.

The mask takes what is at least ``VOTE_DARKNESS`` darker than the paper (or of another colour);
a 0.15-0.3 mm pencil or pale ballpoint bar, seen at 2-5 px/mm, is 4-16 % darker and stays out of
it, and an empty-looking strip read 0 at full confidence carried a vote. A stroke is a thin ridge
of darker grey that stays straight over millimetres; the paper's grain, fibres and JPEG blocks
are ridges too, but short and crooked, and a shadow's edge is darker than one side only. So, in
each direction, the grey along a short line (a third of ``VOTE_FAINT_STROKE_MM``) is compared
with the paper on each side of it, the lighter side left out, and a place keeps the least of
three such thirds end to end: a stroke fills all three, a speck of grain only one. Measured
against the strip's own free paper (median and spread), drawn faint bars stand 15-75 spreads
out, empty paper at most 10.4.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np

from scan.thresholds import (
    VOTE_FAINT_STROKE_CLEAR_MM,
    VOTE_FAINT_STROKE_CONTRAST,
    VOTE_FAINT_STROKE_EDGE_MM,
    VOTE_FAINT_STROKE_MM,
    VOTE_FAINT_STROKE_NOISE_FLOOR,
    VOTE_FAINT_STROKE_SIGMA_MM,
    VOTE_FAINT_STROKE_STEP_DEG,
    VOTE_NOISE_MAX_MM2,
)

# per direction: the line's kernel, each side's, and the shift from one third to the next (px)
ThirdKernels = tuple[np.ndarray, np.ndarray, np.ndarray, tuple[int, int]]
# A kernel as the pieces ``sparse_filter`` applies: (kernel, anchor) each
Pieces = tuple[tuple[np.ndarray, tuple[int, int]], ...]


@functools.lru_cache(maxsize=256)
def _pieces(shape: tuple[int, int], data: bytes) -> Pieces:
    """A kernel (its shape and float32 bytes) cut into its quarters round its centre (the
    anchor), each trimmed to its taps and the centre; quarters with no tap left out. Read only
    (cached)."""
    kernel = np.frombuffer(data, np.float32).reshape(shape)
    cy, cx = shape[0] // 2, shape[1] // 2
    pieces = []
    for rows in (slice(0, cy + 1), slice(cy + 1, shape[0])):
        for cols in (slice(0, cx + 1), slice(cx + 1, shape[1])):
            part = np.zeros_like(kernel)
            part[rows, cols] = kernel[rows, cols]
            ys, xs = np.nonzero(part)
            if ys.size == 0:
                continue
            y0, y1 = min(int(ys.min()), cy), max(int(ys.max()), cy)
            x0, x1 = min(int(xs.min()), cx), max(int(xs.max()), cx)
            piece = part[y0 : y1 + 1, x0 : x1 + 1].copy()
            piece.flags.writeable = False
            pieces.append((piece, (cx - x0, cy - y0)))
    return tuple(pieces)


def sparse_filter(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """``cv2.filter2D(image, CV_32F, kernel)`` (centred, reflected border) for a kernel that is
    mostly zeros (a thin line or band), in a tenth of the time: OpenCV filters a kernel of 13 px
    or more as a dense one (every zero multiplied, 2.5 ms for 15 x 15 on a vote strip), a smaller
    one tap by tap. So the kernel is applied as its four quarters round its centre, each cut to
    its own taps (and the centre), and their sums added: the same sum of the same products, up
    to the float rounding of the order they are added in (~1e-5 of a grey level)."""
    kernel = np.ascontiguousarray(kernel, np.float32)
    out = None
    for part, anchor in _pieces(kernel.shape, kernel.tobytes()):
        filtered = cv2.filter2D(image, cv2.CV_32F, part, anchor=anchor)
        out = filtered if out is None else cv2.add(out, filtered)
    return out if out is not None else np.zeros(image.shape, np.float32)


@functools.cache
def third_kernels(s: float) -> tuple[ThirdKernels, ...]:
    """Per direction, three averaging kernels one third of ``VOTE_FAINT_STROKE_MM`` long: the
    line itself (``VOTE_FAINT_STROKE_SIGMA_MM`` either side of it) and the paper on each side
    (1.5 to 3 times as far), and the shift, in px, from one third to the next along the line."""
    sigma = VOTE_FAINT_STROKE_SIGMA_MM * s
    third = VOTE_FAINT_STROKE_MM / 3 * s
    half = int(np.ceil(max(3 * sigma, third / 2))) + 1
    ys, xs = np.mgrid[-half : half + 1, -half : half + 1].astype(np.float32)
    kernels = []
    for deg in range(0, 180, VOTE_FAINT_STROKE_STEP_DEG):
        c, si = np.cos(np.deg2rad(deg)), np.sin(np.deg2rad(deg))
        across, along = -xs * si + ys * c, xs * c + ys * si
        on_line = np.abs(along) <= third / 2
        bands = (
            on_line & (np.abs(across) <= sigma),
            on_line & (across >= -3 * sigma) & (across <= -1.5 * sigma),
            on_line & (across >= 1.5 * sigma) & (across <= 3 * sigma),
        )
        line, left, right = (band.astype(np.float32) / band.sum() for band in bands)
        kernels.append((line, left, right, (round(c * third), round(si * third))))
    return tuple(kernels)


def ridge_depth(gray: np.ndarray, s: float) -> np.ndarray:
    """How much darker than the paper on both sides each place is as a straight thin line (grey
    levels; a shadow's edge is darker than one side only): the best over directions of the
    least of three thirds of ``VOTE_FAINT_STROKE_MM`` end to end."""
    best = np.full(gray.shape, -np.inf, np.float32)
    for line, left, right, (dx, dy) in third_kernels(s):
        centre = sparse_filter(gray, line)
        sides = np.minimum(sparse_filter(gray, left), sparse_filter(gray, right))
        third = sides - centre
        before = np.roll(third, (dy, dx), axis=(0, 1))
        after = np.roll(third, (-dy, -dx), axis=(0, 1))
        np.maximum(best, np.minimum(np.minimum(before, after), third), out=best)
    return best


def faint_strokes(
    core_bgr: np.ndarray,
    objects: np.ndarray,
    inside: np.ndarray,
    doubtful: np.ndarray | None,
    s: float,
) -> int:
    """Places on the strip where a faint straight stroke stands out of the free paper: its
    ``ridge_depth`` at least ``VOTE_FAINT_STROKE_CONTRAST`` spreads over the median (robust
    spread, at least ``VOTE_FAINT_STROKE_NOISE_FLOOR`` of the paper's grey: clipped white paper
    has none), ``VOTE_FAINT_STROKE_EDGE_MM`` in from the strip's box (its printed outline) and
    ``VOTE_FAINT_STROKE_CLEAR_MM`` clear of every mark of the mask (a mark's own flank) and of
    ``doubtful`` (printed circles or outline)."""
    edge = round(VOTE_FAINT_STROKE_EDGE_MM * s) * 2 + 1
    core = cv2.erode(inside.astype(np.uint8), np.ones((edge, edge), np.uint8)) > 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        objects.astype(np.uint8), connectivity=8
    )
    marks = np.isin(labels, np.nonzero(stats[:, cv2.CC_STAT_AREA] >= VOTE_NOISE_MAX_MM2 * s * s)[0])
    marks &= labels > 0
    clear = round(VOTE_FAINT_STROKE_CLEAR_MM * s) * 2 + 1
    free = core & ~(cv2.dilate(marks.astype(np.uint8), np.ones((clear, clear), np.uint8)) > 0)
    if doubtful is not None:
        free &= ~doubtful
    if not free.any():
        return 0
    gray = cv2.cvtColor(core_bgr, cv2.COLOR_BGR2GRAY).astype(np.float32)
    depth = ridge_depth(gray, s)
    values = depth[free]
    middle = float(np.median(values))
    paper = float(np.percentile(gray[core], 90))
    spread = max(
        1.4826 * float(np.median(np.abs(values - middle))), VOTE_FAINT_STROKE_NOISE_FLOOR * paper
    )
    hot = ((depth - middle) >= VOTE_FAINT_STROKE_CONTRAST * spread) & free
    places, _ = cv2.connectedComponents(hot.astype(np.uint8), connectivity=8)
    return places - 1
