"""From a decoded QR to the whole card in millimetres: homography, corner markers, canonical image.

The QR's four corners give a first homography (card mm -> photo px); it predicts where each corner
marker is. Each marker is searched in a small patch rectified with the current homography (so the
search does not care about perspective), nearest markers first, refitting after each one: the
base grows from the QR's 31.5 mm to the whole card. The QR's own corner order carries the card's
rotation, so an upside-down card comes out upright.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

import cv2
import numpy as np
from numpy.typing import ArrayLike

from printables.layout import QR_MODULE_MM, Box, CardType
from scan.results import CodeHit
from scan.thresholds import (
    CANONICAL_PX_PER_MM,
    MARKER_AREA_RANGE,
    MARKER_BLOCK_MM,
    MARKER_MAX_ASPECT,
    MARKER_MAX_RESIDUAL_MM,
    MARKER_MIN_FILL,
    MARKER_OFFSET_GREY,
    MARKER_SEARCH_PX_PER_MM,
    MARKER_SEARCH_RADII_MM,
    MIN_MARKERS_FOR_PROJECTIVE,
    MISSING_MARKER_MIN_ERROR_MM,
    QR_ONLY_MIN_ERROR_MM,
)


@dataclass
class Rectified:
    homography: np.ndarray  # card mm -> photo px
    fit_error_mm: float
    markers_found: int
    corners_px: np.ndarray  # card outline, clockwise from the card's own top-left
    px_per_mm: float


def box_corners_mm(box: Box) -> np.ndarray:
    return np.array([[box.x_mm, box.y_mm], [box.right_mm, box.y_mm],
                     [box.right_mm, box.bottom_mm], [box.x_mm, box.bottom_mm]], dtype=np.float64)


def apply_homography(h: np.ndarray, points: ArrayLike) -> np.ndarray:
    points = np.asarray(points, np.float64).reshape(-1, 2)
    mapped = points @ h[:2, :2].T + h[:2, 2]
    return mapped / (points @ h[2, :2] + h[2, 2])[:, None]


def local_px_per_mm(h: np.ndarray, point_mm: tuple[float, float]) -> float:
    """Scale of the homography at a point: square root of the area ratio of a 1 mm square."""
    x, y = point_mm
    square = apply_homography(h, [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1]])
    return float(np.sqrt(abs(cv2.contourArea(square.astype(np.float32)))))


def box_slice(box: Box, px_per_mm: float, shape: tuple[int, ...]) -> tuple[slice, slice]:
    x0, y0 = max(0, round(box.x_mm * px_per_mm)), max(0, round(box.y_mm * px_per_mm))
    x1 = min(shape[1], round(box.right_mm * px_per_mm))
    y1 = min(shape[0], round(box.bottom_mm * px_per_mm))
    return slice(y0, max(y0 + 1, y1)), slice(x0, max(x0 + 1, x1))


def ring_pixels(image: np.ndarray, inner: Box, outer: Box, px_per_mm: float) -> np.ndarray:
    """Pixels inside ``outer`` and outside ``inner``."""
    outer_slice = box_slice(outer, px_per_mm, image.shape)
    mask = np.ones(image[outer_slice].shape[:2], bool)
    shifted = Box(inner.x_mm - outer.x_mm, inner.y_mm - outer.y_mm, inner.w_mm, inner.h_mm)
    mask[box_slice(shifted, px_per_mm, mask.shape)] = False
    return image[outer_slice][mask]


def patch_to_mm(origin_mm: np.ndarray, px_per_mm: float) -> np.ndarray:
    return np.array([[1 / px_per_mm, 0, origin_mm[0]], [0, 1 / px_per_mm, origin_mm[1]], [0, 0, 1]])


def warp_box(image: np.ndarray, h: np.ndarray, box: Box, px_per_mm: float) -> np.ndarray:
    """The photo inside ``box`` (card mm), rectified at ``px_per_mm``."""
    to_px = h @ patch_to_mm(np.array([box.x_mm, box.y_mm]), px_per_mm)
    size = (max(1, round(box.w_mm * px_per_mm)), max(1, round(box.h_mm * px_per_mm)))
    return cv2.warpPerspective(image, to_px, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                               borderMode=cv2.BORDER_REPLICATE)


def warp_card(image: np.ndarray, rect: Rectified, card: CardType,
              px_per_mm: float = CANONICAL_PX_PER_MM) -> np.ndarray:
    return warp_box(image, rect.homography, card.outline, px_per_mm)


def find_marker(
    gray: np.ndarray, models: Sequence[np.ndarray], marker: Box, avoid: Box | None = None
) -> np.ndarray | None:
    """The marker's centre in photo px: searched near each model's prediction, then wider;
    never inside ``avoid`` (card mm: the card's own QR code)."""
    for radius_mm in MARKER_SEARCH_RADII_MM:
        for h in models:
            centre = find_marker_within(gray, h, marker, radius_mm, avoid)
            if centre is not None:
                return centre
    return None


def find_marker_within(
    gray: np.ndarray, h: np.ndarray, marker: Box, radius_mm: float, avoid: Box | None = None
) -> np.ndarray | None:
    """The square blob of the marker's size nearest its predicted place, or None. Not inside
    ``avoid`` (card mm): the core of a QR finder pattern is a black square of 4.5 mm, and a
    corner marker hidden by a hand was then "found" in the card's own code, 25 mm away."""
    s = MARKER_SEARCH_PX_PER_MM
    search = marker.grown(radius_mm)
    patch = warp_box(gray, h, search, s)
    block = int(MARKER_BLOCK_MM * s) | 1
    binary = cv2.adaptiveThreshold(patch, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                   block, MARKER_OFFSET_GREY)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(binary, connectivity=8)
    expected = (marker.w_mm * s) ** 2
    centre_px = (np.array(marker.center_mm) - (search.x_mm, search.y_mm)) * s
    sized = np.nonzero(marker_sized(stats, expected, patch.shape))[0]
    sized = sized[sized > 0]  # label 0 is the background
    distances = np.linalg.norm(centroids[sized] - centre_px, axis=1)
    for i in sized[np.argsort(distances, kind="stable")].tolist():
        best_mm = centroids[i] / s + (search.x_mm, search.y_mm)
        if avoid is not None and avoid.contains(Box(best_mm[0], best_mm[1], 0.0, 0.0)):
            continue
        if is_square(labels, stats[i], i):
            return apply_homography(h, [best_mm])[0]
    return None


def marker_sized(stats: np.ndarray, expected_area_px: float, shape: tuple[int, ...]) -> np.ndarray:
    """Per connected component (rows of ``stats``): of a marker's area, and not touching the
    patch edge (the wall, a neighbour card: not a lone square). Vectorised: a textured wall
    gives thousands of components per patch."""
    x, y, w, h, area = (stats[:, k] for k in range(5))
    inside = (x > 0) & (y > 0) & (x + w < shape[1]) & (y + h < shape[0])
    low, high = MARKER_AREA_RANGE
    return inside & (area >= low * expected_area_px) & (area <= high * expected_area_px)


def is_square(labels: np.ndarray, stat: np.ndarray, label: int) -> bool:
    """Filled square, whatever its residual rotation: not a disc (an icon's head), not a word."""
    x, y, w, h, area = stat
    points = np.argwhere(labels[y:y + h, x:x + w] == label)[:, ::-1].astype(np.float32)
    (_, _), (side_a, side_b), _ = cv2.minAreaRect(points)
    side_a, side_b = side_a + 1, side_b + 1  # pixel centres -> pixel edges
    return (max(side_a, side_b) / min(side_a, side_b) <= MARKER_MAX_ASPECT
            and area / (side_a * side_b) >= MARKER_MIN_FILL)


def fit(points_mm: np.ndarray, points_px: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares model and each point's residual in mm (measured back on the card).

    Until three markers back the QR, an affine model: a projective fit on the QR's 31.5 mm base
    (or on points all on one side of the card) turns a 1 px corner error into a centimetre at
    the far corner, while a card's own perspective is only a few percent."""
    points_mm, points_px = np.asarray(points_mm, np.float64), np.asarray(points_px, np.float64)
    if len(points_mm) >= 4 + MIN_MARKERS_FOR_PROJECTIVE:
        h = fit_projective(points_mm, points_px)
    else:
        h = fit_affine(points_mm, points_px)
    back_mm = apply_homography(np.linalg.inv(h), points_px)
    return h, np.linalg.norm(back_mm - points_mm, axis=1)


def apply_many(h: np.ndarray, points: np.ndarray) -> np.ndarray:
    """``apply_homography`` of each homography of ``h`` (t x 3 x 3) to its points (t x n x 2)."""
    mapped = points @ np.swapaxes(h[:, :2, :2], 1, 2) + h[:, None, :2, 2]
    return mapped / (points @ h[:, 2, :2, None] + h[:, None, 2:3, 2])


def normalisers(points: np.ndarray) -> np.ndarray:
    """Hartley normalisation of each set of points (t x n x 2): centred, mean distance
    sqrt(2); keeps the DLT well conditioned."""
    centre = points.mean(axis=1)
    spread = np.maximum(np.linalg.norm(points - centre[:, None], axis=2).mean(axis=1), 1e-9)
    scale = np.sqrt(2) / spread
    t = np.zeros((len(points), 3, 3))
    t[:, 0, 0] = t[:, 1, 1] = scale
    t[:, 0, 2], t[:, 1, 2] = -scale * centre[:, 0], -scale * centre[:, 1]
    t[:, 2, 2] = 1
    return t


def fit_projective_many(points_mm: np.ndarray, points_px: np.ndarray) -> np.ndarray:
    """Least-squares DLT homography of each set of point pairs (t x n x 2 each): a wall
    photo's refit fits 300 samples at once (cv2.findHomography does one, ~5x slower on 8
    points)."""
    t_mm, t_px = normalisers(points_mm), normalisers(points_px)
    a, b = apply_many(t_mm, points_mm), apply_many(t_px, points_px)
    x, y, u, v = a[..., 0], a[..., 1], b[..., 0], b[..., 1]
    one, zero = np.ones(x.shape), np.zeros(x.shape)
    rows = np.empty((len(a), 2 * a.shape[1], 9))
    rows[:, 0::2] = np.stack([x, y, one, zero, zero, zero, -u * x, -u * y, -u], axis=2)
    rows[:, 1::2] = np.stack([zero, zero, zero, x, y, one, -v * x, -v * y, -v], axis=2)
    h = np.linalg.svd(rows)[2][:, -1].reshape(-1, 3, 3)
    h = np.linalg.inv(t_px) @ h @ t_mm
    return h / h[:, 2:3, 2:3]


def fit_projective(points_mm: np.ndarray, points_px: np.ndarray) -> np.ndarray:
    """Least-squares DLT homography of one set of point pairs."""
    return fit_projective_many(np.asarray(points_mm, np.float64)[None],
                               np.asarray(points_px, np.float64)[None])[0]


def fit_affine(points_mm: np.ndarray, points_px: np.ndarray) -> np.ndarray:
    design = np.hstack([points_mm, np.ones((len(points_mm), 1))])
    solution, *_ = np.linalg.lstsq(design, points_px, rcond=None)
    return np.vstack([solution.T, [0.0, 0.0, 1.0]])


def rectify(gray: np.ndarray, card: CardType, qr_corners_px: np.ndarray) -> Rectified:
    """Fit the card on its QR corners (TL, TR, BR, BL of the symbol) and its corner markers."""
    qr_mm = box_corners_mm(card.qr)
    qr_centre = np.array(card.qr.center_mm)
    order = sorted(
        card.markers, key=lambda m: float(np.linalg.norm(np.array(m.center_mm) - qr_centre))
    )
    found_mm: list[tuple[float, float]] = []
    found_px: list[np.ndarray] = []
    for marker in order:
        models = LazyPredictors(np.vstack([qr_mm, np.reshape(found_mm, (-1, 2))]),
                                np.vstack([qr_corners_px, np.reshape(found_px, (-1, 2))]))
        centre_px = find_marker(gray, models, marker, card.qr.grown(QR_MODULE_MM))
        if centre_px is not None:
            found_mm.append(marker.center_mm)
            found_px.append(centre_px)
    return finish(card, qr_mm, qr_corners_px, found_mm, found_px)


def predictors(points_mm: np.ndarray, points_px: np.ndarray) -> list[np.ndarray]:
    """Where to look for the next marker: the robust fit first, then a projective one, which is
    noisier on few points but sees a close-up's strong perspective (the far side ~1.5x smaller)."""
    points_mm, points_px = np.asarray(points_mm, np.float64), np.asarray(points_px, np.float64)
    projective = fit_projective(points_mm, points_px)
    if len(points_mm) >= 4 + MIN_MARKERS_FOR_PROJECTIVE:
        return [projective]  # what ``fit`` gives on these points
    return [fit_affine(points_mm, points_px), projective]


class LazyPredictors(Sequence[np.ndarray]):
    """``predictors``, each model fitted only when the marker search reaches it: the affine
    model's place usually holds the marker, and the projective fit (an SVD) is then not needed.
    The same models, in the same order."""

    def __init__(self, points_mm: np.ndarray, points_px: np.ndarray) -> None:
        self.points_mm = np.asarray(points_mm, np.float64)
        self.points_px = np.asarray(points_px, np.float64)
        self.projective_only = len(self.points_mm) >= 4 + MIN_MARKERS_FOR_PROJECTIVE
        self.models: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return 1 if self.projective_only else 2

    @overload
    def __getitem__(self, index: int) -> np.ndarray: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[np.ndarray]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index not in self.models:
            affine = index == 0 and not self.projective_only
            fit_model = fit_affine if affine else fit_projective
            self.models[index] = fit_model(self.points_mm, self.points_px)
        return self.models[index]


def finish(
    card: CardType, qr_mm: np.ndarray, qr_px: np.ndarray, found_mm: list, found_px: list
) -> Rectified:
    """Drop markers that do not agree with the rest, refit, and measure the fit error."""
    points_mm = np.vstack([qr_mm, np.reshape(found_mm, (-1, 2))])
    points_px = np.vstack([qr_px, np.reshape(found_px, (-1, 2))])
    h, residuals = fit(points_mm, points_px)
    keep = residuals <= MARKER_MAX_RESIDUAL_MM
    keep[:len(qr_mm)] = True  # the QR corners identified the card: they stay
    if not keep.all():
        points_mm, points_px = points_mm[keep], points_px[keep]
        h, residuals = fit(points_mm, points_px)
    markers_found = len(points_mm) - len(qr_mm)
    error_mm = float(np.sqrt(np.mean(residuals ** 2)))
    if markers_found < len(card.markers):  # a corner is extrapolated: say so
        error_mm = max(
            error_mm, QR_ONLY_MIN_ERROR_MM if markers_found < 2 else MISSING_MARKER_MIN_ERROR_MM
        )
    corners = apply_homography(h, box_corners_mm(card.outline))
    return Rectified(
        h, error_mm, markers_found, corners, local_px_per_mm(h, card.outline.center_mm)
    )


def rectify_hit(gray: np.ndarray, card: CardType, hit: CodeHit) -> Rectified:
    """As ``rectify``; a hit whose corner order is unknown (pyzbar) tries the four rotations."""
    if hit.oriented:
        return rectify(gray, card, hit.corners_px)
    tries = [rectify(gray, card, np.roll(hit.corners_px, -k, axis=0)) for k in range(4)]
    return max(tries, key=lambda r: (r.markers_found, -r.fit_error_mm))
