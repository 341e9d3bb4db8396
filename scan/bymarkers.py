"""Cards found by their four corner markers when blur erased their code's finders (issue 8,
point 4).

On a wall shaken 6-8 px at 2.0-2.4 px/mm a code's 3 px modules are gone, finder rings included,
even on the deblurred photo; a card's corner markers (5 mm solid squares, 11-13 px, with white
paper round them) survive such blur. Every card type's markers sit at the corners of a rectangle
of about the same shape (127 x 85, 183 x 125, 187 x 274 mm: 1.46-1.49), so:

1. solid dark blobs of a marker's size on light paper are found on the deblurred photo;
2. four of them forming such a rectangle (sides of one card type at 1.8-3.2 px/mm, square
   corners, the fourth where the other three put it) give the card's homography, for each of
   the four ways the card may be turned;
3. its code's three finders are where the layout prints them: that L is read as a lost code's
   (scan/recover.py ``decode_grid``: finders refined on their picture, the grid sampled,
   deblurred, decoded by zxing-cpp and accepted only if it is one of our codes, check character
   right and within RECOVER_MAX_MODULE_ERRORS modules of what was sampled).

Nothing is guessed: a rectangle whose code gives no such text gives no card. Bounded:
MARKER_CARDS_MAX_RECTANGLES rectangles a photo, within the photo's time budget.
"""

from __future__ import annotations

import cv2
import numpy as np

from printables.layout import CARD_TYPES, MARKER_MM, QR_MODULE_MM, QR_MODULES, CardType
from printables.payload import PayloadError, parse
from scan.deblur import DEBLURRED, explained, overlap
from scan.locate import FINDER_MODULES, Search, sorted_clockwise
from scan.recover import (
    KNOWN,
    KNOWN_DARK,
    decode_grid,
    inside_any,
    photo_psfs,
)
from scan.rectify import apply_homography
from scan.results import CodeHit
from scan.thresholds import (
    DEBLUR_UNREAD_CARD_MIN_AGREEMENT,
    MARKER_CARDS_BLOCK_PX,
    MARKER_CARDS_MAX_BLOBS,
    MARKER_CARDS_MAX_READS,
    MARKER_CARDS_MAX_RECTANGLES,
    MARKER_CARDS_MAX_TRIPLES,
    MARKER_CARDS_MIN_AGREEMENT,
    MARKER_CARDS_MIN_CONTRAST_GREY,
    MARKER_CARDS_MIN_FILL,
    MARKER_CARDS_OBLIQUE_TOLERANCE,
    MARKER_CARDS_OFFSET_GREY,
    MARKER_CARDS_PX_PER_MM,
    MARKER_CARDS_SHAPE_TOLERANCE,
    MARKER_CARDS_SHIFTED_RECTANGLES,
    MARKER_RECTANGLES_FAR_SHIFTED,
    MARKER_TRIPLES_SHIFT_MODULES,
    MARKER_TRIPLES_SHIFTED,
)

Blob = tuple[np.ndarray, float]  # centre (px), side (px)
# the code's L placed by a marker rectangle is as far from square as the rectangle may be: its
# side ratio and its corner each within MARKER_CARDS_OBLIQUE_TOLERANCE (recover.l_of adds the
# two). RECOVER_MAX_L_ERROR (0.5), made for finders picked among look-alikes, lost a card seen
# at 3.0 x 2.2 px/mm across a shaken wall's corner (L 0.53, wall 4645); the text read is checked
# as any other's.
MARKER_PLACED_MAX_L_ERROR = 2 * MARKER_CARDS_OBLIQUE_TOLERANCE
AGREEMENT_CHUNK = 256  # placements sampled at once by code_agreements (speed only)


def card_shapes() -> list[CardType]:
    """One card type per distinct geometry (size and code place), posters left out."""
    shapes: dict[tuple, CardType] = {}
    for card in CARD_TYPES.values():
        if not card.is_poster:
            shapes.setdefault((card.width_mm, card.height_mm, card.qr), card)
    return list(shapes.values())


def marker_centres_mm(card: CardType) -> np.ndarray:
    """The four markers' centres, clockwise from the card's top-left (mm)."""
    return np.array([[m.x_mm + m.w_mm / 2, m.y_mm + m.h_mm / 2] for m in card.markers])


def marker_blobs(image: np.ndarray) -> list[Blob]:
    """Solid, squarish dark blobs of a marker's size (MARKER_MM at MARKER_CARDS_PX_PER_MM,
    blur's smear allowed), found on ``image`` shrunk twice (centres and sides in full px),
    standing alone on light paper: ranked by how much lighter the ring
    round them is than they are (a marker has 2 mm of white round it; a letter, a module of a
    code, a wall's speck have ink or texture beside them), at most MARKER_CARDS_MAX_BLOBS."""
    image = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    low, high = np.array(MARKER_CARDS_PX_PER_MM) / 2  # found at half size (a quarter of the time)
    binary = cv2.adaptiveThreshold(
        image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, MARKER_CARDS_BLOCK_PX,
        MARKER_CARDS_OFFSET_GREY,
    )
    _, _, stats, centroids = cv2.connectedComponentsWithStats(binary, connectivity=8)
    w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    side = np.sqrt(area.astype(np.float64))
    keep = (
        (side >= 0.7 * MARKER_MM * low)
        & (side <= 1.3 * MARKER_MM * high)
        & (np.maximum(w, h) <= 1.8 * np.minimum(w, h))
        & (area >= MARKER_CARDS_MIN_FILL * w * h)
    )
    index = np.nonzero(keep)[0]
    if len(index) == 0:
        return []
    sums = cv2.integral(image, sdepth=cv2.CV_64F)
    centre = centroids[1 + index]
    half = side[index][:, None] / 2
    inner = box_means(sums, centre, 0.6 * half)
    ring_area = (2 * 2.0 * half) ** 2 - (2 * 1.4 * half) ** 2
    ring = (
        box_means(sums, centre, 2.0 * half) * (2 * 2.0 * half) ** 2
        - box_means(sums, centre, 1.4 * half) * (2 * 1.4 * half) ** 2
    ) / ring_area
    contrast = (ring - inner).ravel()
    alone = contrast >= MARKER_CARDS_MIN_CONTRAST_GREY
    order = np.argsort(-contrast[alone])[:MARKER_CARDS_MAX_BLOBS]
    chosen = index[alone][order]
    return [(2 * centroids[1 + i].astype(np.float64) + 0.5, 2 * float(side[i]))
            for i in chosen.tolist()]


def box_means(sums: np.ndarray, centre: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Mean grey in the squares of half side ``half`` about ``centre`` (n x 2), from the
    integral image ``sums``, clipped to the photo."""
    height, width = sums.shape[0] - 1, sums.shape[1] - 1
    x0 = np.clip(np.round(centre[:, :1] - half), 0, width).astype(int)
    x1 = np.clip(np.round(centre[:, :1] + half) + 1, 0, width).astype(int)
    y0 = np.clip(np.round(centre[:, 1:] - half), 0, height).astype(int)
    y1 = np.clip(np.round(centre[:, 1:] + half) + 1, 0, height).astype(int)
    total = sums[y1, x1] - sums[y0, x1] - sums[y1, x0] + sums[y0, x0]
    return total / np.maximum((x1 - x0) * (y1 - y0), 1)


def rectangles(
    blobs: list[Blob], card: CardType, limit: int | None = None, fourth_hidden: bool = False
) -> list[tuple[float, np.ndarray]]:
    """Quadruples of blobs placed as ``card``'s markers, with how far they are from it (the
    sum of the relative errors below), best first: (error, 4 x 2 px clockwise on screen). Sides
    in the card's ratio and corners square within MARKER_CARDS_OBLIQUE_TOLERANCE (a wall seen
    at an angle shears and foreshortens a card), the fourth blob where the three others put it
    within MARKER_CARDS_SHAPE_TOLERANCE (a perspective keeps a card's marker rectangle nearly
    a parallelogram); scale within MARKER_CARDS_PX_PER_MM, and each blob the size of a marker at
    that scale. At most ``limit``. ``fourth_hidden``: triples in an L instead, with no blob
    where they put the fourth marker (a hand, a neighbour's card or the frame hides it), which
    is then taken where the three put it."""
    if len(blobs) < (3 if fourth_hidden else 4):
        return []
    centres = np.array([c for c, _ in blobs])
    sides = np.array([side for _, side in blobs])
    mm = marker_centres_mm(card)
    wide_mm, tall_mm = float(mm[1, 0] - mm[0, 0]), float(mm[3, 1] - mm[0, 1])
    tol = MARKER_CARDS_SHAPE_TOLERANCE
    pairs = corner_pairs(centres, wide_mm, tall_mm)
    if pairs is None:
        return []
    i, j, k, m, gap, lu, lv, shape_error, fourth = pairs
    scale = (lu / wide_mm + lv / tall_mm) / 2
    if fourth_hidden:
        m = np.full_like(j, -1)
    quads = np.stack([i, j, m, k], axis=1)
    seen = quads[:, [0, 1, 3]] if fourth_hidden else quads
    size = np.abs(sides[seen] / (MARKER_MM * scale[:, None]) - 1)
    if fourth_hidden:
        keep = (gap > tol) & (size.max(axis=1) <= 0.5)
        error = shape_error + size.mean(axis=1)
    else:
        keep = (gap <= tol) & (m != i) & (m != j) & (m != k) & (size.max(axis=1) <= 0.5)
        error = shape_error + gap + size.mean(axis=1)
    if not keep.any():
        return []
    error, quads, points = error[keep], quads[keep], centres[quads[keep]]
    if fourth_hidden:
        points[:, 2] = fourth[keep]  # where the three put it
    order = np.argsort(error, kind="stable")
    # a rectangle is found from each of its corners that passes: kept once, at its least error
    first = first_of_each(quads[order], len(blobs))
    best = order[np.sort(first)][:limit]
    return list(zip(error[best].tolist(), sorted_clockwise(points[best]), strict=True))


def corner_pairs(
    centres: np.ndarray, wide_mm: float, tall_mm: float
) -> tuple[np.ndarray, ...] | None:
    """Every corner i with a blob j along the card's width and a blob k along its height from
    it, sides in the card's ratio and the corner square (MARKER_CARDS_OBLIQUE_TOLERANCE), at a
    scale in MARKER_CARDS_PX_PER_MM: i, j, k, the blob m nearest to where the three put the
    fourth, that gap over the side i-k, the sides i-j and i-k (px), the ratio and corner
    errors added, and where the three put the fourth (px); None if there is none. Corner by
    corner, j then k ascending (the order ``rectangles`` keeps rectangles of equal error in)."""
    tol, oblique = MARKER_CARDS_SHAPE_TOLERANCE, MARKER_CARDS_OBLIQUE_TOLERANCE
    low, high = MARKER_CARDS_PX_PER_MM
    distance = np.linalg.norm(centres[:, None] - centres[None], axis=-1)
    wide = (distance >= wide_mm * low * (1 - tol)) & (distance <= wide_mm * high * (1 + tol))
    tall = (distance >= tall_mm * low * (1 - tol)) & (distance <= tall_mm * high * (1 + tol))
    i, j, k, dot = corner_products(centres, wide, tall)
    lu, lv = distance[i, j], distance[i, k]
    ratio = np.abs(lu / lv / (wide_mm / tall_mm) - 1)
    corner = np.abs(dot) / lu / lv
    ok = np.nonzero((ratio <= oblique) & (corner <= oblique) & (j != k))[0]
    if len(ok) == 0:
        return None
    i, j, k, lu, lv = i[ok], j[ok], k[ok], lu[ok], lv[ok]
    fourth = centres[i] + (centres[j] - centres[i]) + (centres[k] - centres[i])
    m, squared = nearest_blobs(fourth, centres, i)
    gap = np.sqrt(np.maximum(squared, 0)) / lv
    return i, j, k, m, gap, lu, lv, ratio[ok] + corner[ok], fourth


def corner_products(
    centres: np.ndarray, wide: np.ndarray, tall: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (i, j, k) with ``wide[i, j]`` and ``tall[i, k]``, corner by corner, j then k
    ascending, and the dot product of the sides i-j and i-k. The products are made one matrix
    per corner, as they always were: BLAS rounds a product differently with the matrix's
    shape (it fuses some multiply-adds), and the same shapes give the same floats; the rest at
    once (a call per corner was most of the time on a wall of 160 blobs)."""
    n = len(centres)
    rows_w, cols_w = np.nonzero(wide)  # row by row: corner by corner, j ascending
    rows_t, cols_t = np.nonzero(tall)
    count_w, count_t = np.bincount(rows_w, minlength=n), np.bincount(rows_t, minlength=n)
    start_w = np.concatenate([[0], np.cumsum(count_w)])
    start_t = np.concatenate([[0], np.cumsum(count_t)])
    u, v = centres[cols_w] - centres[rows_w], centres[cols_t] - centres[rows_t]
    corners = np.nonzero((count_w > 0) & (count_t > 0))[0]
    dots = [
        (u[start_w[c] : start_w[c + 1]] @ v[start_t[c] : start_t[c + 1]].T).ravel()
        for c in corners.tolist()
    ]
    pairs = count_w[corners] * count_t[corners]
    i = np.repeat(corners, pairs)
    with_t = count_t[rows_w] > 0
    j = np.repeat(cols_w[with_t], count_t[rows_w[with_t]])  # each j once per k of its corner
    first = np.repeat(np.cumsum(pairs) - pairs, pairs)
    k = cols_t[start_t[i] + (np.arange(len(i)) - first) % count_t[i]]
    dot = np.concatenate(dots) if dots else np.zeros(0)
    return i, j, k, dot


def nearest_blobs(
    fourth: np.ndarray, centres: np.ndarray, corner: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each point of ``fourth`` (grouped by ``corner``), the nearest of ``centres`` and the
    squared distance to it (px^2), by the expansion |f|^2 - 2 f.c + |c|^2: one matrix product
    per corner, with the very shapes (and so the floats) it always had."""
    squares = (centres**2).sum(axis=1)[None]
    nearest = np.empty(len(fourth), np.intp)
    squared = np.empty(len(fourth))
    ends = np.append(np.nonzero(np.diff(corner))[0] + 1, len(corner))
    for start, end in zip(np.append(0, ends[:-1]).tolist(), ends.tolist()):
        part = fourth[start:end]
        gaps = (part**2).sum(axis=1)[:, None] - 2 * part @ centres.T + squares
        nearest[start:end] = np.argmin(gaps, axis=1)
        squared[start:end] = gaps[np.arange(end - start), nearest[start:end]]
    return nearest, squared


def first_of_each(quads: np.ndarray, blobs: int) -> np.ndarray:
    """Where each set of blobs (a row of ``quads``: four blob numbers below ``blobs``, -1 for a
    hidden one, in any order) first appears: ``np.unique(np.sort(quads, axis=1), axis=0,
    return_index=True)[1]``, the same indices, each row taken as one number (ten times
    faster than comparing rows). The keys fit in 64 bits below 55 000 blobs (there are at most
    MARKER_CARDS_MAX_BLOBS)."""
    assert (blobs + 1) ** 4 < 2**63
    ranked = np.sort(quads, axis=1).astype(np.int64) + 1
    base = blobs + 1
    keys = ((ranked[:, 0] * base + ranked[:, 1]) * base + ranked[:, 2]) * base + ranked[:, 3]
    return np.unique(keys, return_index=True)[1]


def finders_of(card: CardType, homography: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """Where ``card``'s code's three finders are in the photo, with their width (px)."""
    qr, m = card.qr, QR_MODULE_MM
    near, far = FINDER_MODULES / 2 * m, (QR_MODULES - FINDER_MODULES / 2) * m
    points = np.array([[qr.x_mm + near, qr.y_mm + near], [qr.x_mm + far, qr.y_mm + near],
                       [qr.x_mm + near, qr.y_mm + far]])
    px = apply_homography(homography, points)
    width = float(np.linalg.norm(px[1] - px[0])) / (QR_MODULES - FINDER_MODULES) * FINDER_MODULES
    return [(p, width) for p in px]


def code_agreement(image: np.ndarray, card: CardType, homography: np.ndarray) -> float:
    """How well the modules sampled where ``card``'s code should be match a code's function
    patterns (finders, separators, timing), 0.5 for texture: a cheap test of a placement before
    its code is read."""
    return float(code_agreements(image, card, homography[None])[0])


def code_agreements(image: np.ndarray, card: CardType, homographies: np.ndarray) -> np.ndarray:
    """``code_agreement`` of n placements (n x 3 x 3) at once: one remap for all (a wall of
    cards gives hundreds of marker rectangles, each turned four ways); only the function
    patterns' modules are sampled. By AGREEMENT_CHUNK placements: each placement's floats are
    its own (its 3 x 3 product, its row of the remap, its row's means of whole grey levels),
    the same in any chunk, and a chunk's arrays stay in the cache (2 400 placements at once
    took twice as long)."""
    qr, m = card.qr, QR_MODULE_MM
    rows, cols = np.nonzero(KNOWN)  # row-major, as values[KNOWN] lists them
    points = np.stack([qr.x_mm + (cols + 0.5) * m, qr.y_mm + (rows + 0.5) * m, np.ones(cols.size)])
    if len(homographies) <= AGREEMENT_CHUNK:
        return agreements_at(image, homographies @ points)
    return np.concatenate([
        agreements_at(image, homographies[start: start + AGREEMENT_CHUNK] @ points)
        for start in range(0, len(homographies), AGREEMENT_CHUNK)
    ])


def agreements_at(image: np.ndarray, projected: np.ndarray) -> np.ndarray:
    """``code_agreements`` of placements whose function patterns' modules ``projected`` (n x 3
    x known, homogeneous photo px) shows."""
    x, y = ((projected[:, k] / projected[:, 2]).astype(np.float32) for k in (0, 1))
    known = cv2.remap(image, x, y, cv2.INTER_LINEAR,  # a row per placement (contiguous maps)
                      borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    dark_known = KNOWN_DARK[KNOWN]  # means: 20 times faster than medians
    dark = known[:, dark_known].mean(axis=1)
    light = known[:, ~dark_known].mean(axis=1)
    bits = known < ((dark + light) / 2)[:, None]
    return (bits == dark_known[None]).mean(axis=1)


def placements(
    image: np.ndarray, blobs: list[Blob], fourth_hidden: bool = False,
    plain: np.ndarray | None = None,
) -> list[tuple[float, CardType, np.ndarray]]:
    """(agreement, card type, homography card mm -> px) of every marker rectangle turned each
    of four ways whose code's place agrees with a code's patterns at least
    MARKER_CARDS_MIN_AGREEMENT, best first. The MARKER_CARDS_SHIFTED_RECTANGLES best-shaped
    rectangles, turned with their long sides as the card's top and bottom, also have their
    code's place tried half a module away each way (``code_place_shifted``): a curled card's
    lower markers pull it off; the MARKER_RECTANGLES_FAR_SHIFTED best-shaped up to
    MARKER_TRIPLES_SHIFT_MODULES away (curled 4-5 mm: a module off). ``fourth_hidden``:
    rectangles of three markers (``rectangles``), every one of which has the half-module moves,
    the MARKER_TRIPLES_SHIFTED best-shaped also those up to MARKER_TRIPLES_SHIFT_MODULES (the
    fourth corner the three guess is 10-15 px off on a card seen in perspective).
    ``plain``: the photo as it is (``image`` deblurred), whose agreement counts when it is the
    higher: a blur measured too long on a wall's own soft texture (craters, plaster shading more
    contrasted than the cards) over-sharpens the cards' codes into rings, under
    MARKER_CARDS_MIN_AGREEMENT, where the photo as it is still agrees."""
    out = []
    for card in card_shapes():
        turned = turned_rectangles(blobs, card, fourth_hidden)
        if turned is None:
            continue
        quads, homographies = turned
        # on the photo as it is, only the best-shaped rectangles (a card's own is among them):
        agreements = best_agreements(  # a third of the time of them all, ~0.02 s a photo
            image, plain, card, homographies, 4 * MARKER_CARDS_SHIFTED_RECTANGLES
        )
        placed = homographies.copy()  # each move is from where the markers put the code
        moved_places(image, plain, card, quads, placed, homographies, agreements,
                      MARKER_CARDS_MAX_TRIPLES if fourth_hidden
                      else MARKER_CARDS_SHIFTED_RECTANGLES, code_place_shifted())
        # a triple's fourth corner is guessed, a curled card's lower markers are pulled away:
        # the code's place further off
        moved_places(image, plain, card, quads, placed, homographies, agreements,
                     MARKER_TRIPLES_SHIFTED if fourth_hidden else MARKER_RECTANGLES_FAR_SHIFTED,
                     code_place_shifted(MARKER_TRIPLES_SHIFT_MODULES))
        out += [(float(a), card, h) for a, h in zip(agreements, homographies, strict=True)
                if a >= MARKER_CARDS_MIN_AGREEMENT]
    return sorted(out, key=lambda p: -p[0])


def moved_places(
    image: np.ndarray,
    plain: np.ndarray | None,
    card: CardType,
    quads: np.ndarray,
    placed: np.ndarray,
    homographies: np.ndarray,
    agreements: np.ndarray,
    count: int,
    moves: np.ndarray,
) -> None:
    """Among the first ``count`` rectangles (each turned four ways: ``quads``), those turned
    with their long sides as the card's top and bottom whose code's place agrees under
    MARKER_CARDS_MIN_AGREEMENT: their code's place, as the markers ``placed`` it, moved each of
    ``moves``; where a move agrees better, ``agreements`` and ``homographies`` take it."""
    first = quads[: 4 * count]
    side = np.linalg.norm(np.roll(first, -1, axis=1) - first, axis=2)
    long_sides_first = side[:, 0] + side[:, 2] > side[:, 1] + side[:, 3]  # top and bottom
    shifted = np.nonzero(
        long_sides_first & (agreements[: len(first)] < MARKER_CARDS_MIN_AGREEMENT)
    )[0]
    if not len(shifted):
        return
    moved = (placed[shifted][:, None] @ moves[None]).reshape(-1, 3, 3)
    tried = best_agreements(image, plain, card, moved).reshape(len(shifted), len(moves))
    best = tried.argmax(axis=1)
    for n, move, agreement in zip(shifted, best, tried.max(axis=1), strict=True):
        if agreement > agreements[n]:
            agreements[n], homographies[n] = agreement, placed[n] @ moves[move]


def turned_rectangles(
    blobs: list[Blob], card: CardType, fourth_hidden: bool
) -> tuple[np.ndarray, np.ndarray] | None:
    """``card``'s marker rectangles among ``blobs`` (``rectangles``, up to
    MARKER_CARDS_MAX_RECTANGLES; three markers in an L, up to MARKER_CARDS_MAX_TRIPLES, where
    ``fourth_hidden``), each turned four ways: their corners (n x 4 x 2 px, best-shaped
    rectangles first) and the homographies card mm -> px that put the card's markers there.
    None where there is no such rectangle."""
    limit = MARKER_CARDS_MAX_TRIPLES if fourth_hidden else MARKER_CARDS_MAX_RECTANGLES
    found = [quad for _, quad in rectangles(blobs, card, limit, fourth_hidden)]
    if not found:
        return None
    turns = (np.arange(4)[:, None] + np.arange(4)[None]) % 4  # each turned four ways
    quads = np.array(found)[:, turns].reshape(-1, 4, 2)
    return quads, perspective_transforms(marker_centres_mm(card).astype(np.float32), quads)


def best_agreements(
    image: np.ndarray,
    plain: np.ndarray | None,
    card: CardType,
    homographies: np.ndarray,
    first: int | None = None,
) -> np.ndarray:
    """``code_agreements`` on ``image``, or on ``plain`` where that is higher, among the
    ``first`` placements (all if None) that ``image`` leaves under MARKER_CARDS_MIN_AGREEMENT."""
    agreements = code_agreements(image, card, homographies)
    if plain is None:
        return agreements
    tried = np.arange(len(homographies) if first is None else min(len(homographies), first))
    short = tried[agreements[tried] < MARKER_CARDS_MIN_AGREEMENT]
    if len(short):
        agreements[short] = np.maximum(
            agreements[short], code_agreements(plain, card, homographies[short])
        )
    return agreements


def perspective_transforms(source: np.ndarray, quads: np.ndarray) -> np.ndarray:
    """The homographies (n x 3 x 3) taking the 4 points ``source`` to each of ``quads``
    (n x 4 x 2): cv2.getPerspectiveTransform's, solved all at once."""
    n = len(quads)
    x, y = (np.broadcast_to(source[:, k], (n, 4)).astype(np.float64) for k in (0, 1))
    u, v = quads[..., 0].astype(np.float64), quads[..., 1].astype(np.float64)
    one, zero = np.ones((n, 4)), np.zeros((n, 4))
    rows_u = np.stack([x, y, one, zero, zero, zero, -u * x, -u * y], axis=-1)
    rows_v = np.stack([zero, zero, zero, x, y, one, -v * x, -v * y], axis=-1)
    system = np.concatenate([rows_u, rows_v], axis=1)  # n x 8 x 8
    try:
        h = np.linalg.solve(system, np.concatenate([u, v], axis=1)[..., None])[..., 0]
    except np.linalg.LinAlgError:  # three points in a line somewhere: one at a time
        return np.array([cv2.getPerspectiveTransform(source.astype(np.float32),
                                                     quad.astype(np.float32)) for quad in quads])
    return np.concatenate([h, np.ones((n, 1))], axis=1).reshape(n, 3, 3)


def code_place_shifted(reach_modules: float = 0.5) -> np.ndarray:
    """Moves (3 x 3, card mm) of a card's content by half a module in x, y or both; with a
    ``reach_modules`` over 0.5, the moves by half modules up to it that go further than that."""
    steps = (np.arange(-reach_modules, reach_modules + 0.25, 0.5) * QR_MODULE_MM).tolist()
    near = QR_MODULE_MM / 2 + 1e-9
    return np.array([[[1.0, 0.0, dx], [0.0, 1.0, dy], [0.0, 0.0, 1.0]]
                     for dx in steps for dy in steps
                     if (dx or dy) and (reach_modules <= 0.5 or max(abs(dx), abs(dy)) > near)])


def cards_by_markers(gray: np.ndarray, image: np.ndarray, search: Search) -> list[CodeHit]:
    """Codes of cards found by their markers on ``image`` (the deblurred photo) and read from
    ``gray`` (the photo as it is, deblurred window by window by decode_grid). Added to
    ``search.hits``, marked DEBLURRED (their cards are as blurred as their codes). A card whose
    markers and code's patterns were seen but whose code gave no certain text is a card lost:
    its code's window joins ``search.lost`` (the ``lost_codes_at`` hint)."""
    found: list[CodeHit] = []
    if not search.budget.left():
        search.budget.skip("marker_cards")
        return found
    search.marker_blobs = marker_blobs(image)
    read_placements(gray, placements(image, search.marker_blobs, plain=gray), search, [], found)
    search.lost = [w for w in search.lost if not explained(w, search)]
    return found


def cards_by_three_markers(gray: np.ndarray, image: np.ndarray, search: Search) -> list[CodeHit]:
    """Codes of cards of which only three markers were found, in an L (a hand, a neighbour's
    card or the frame hides the fourth): among the markers no read card explains, read as
    ``cards_by_markers`` does, last (time allowing: ``hidden_corner`` in ``time_budget``
    otherwise). Not where a code was seen and not read already (``search.lost``)."""
    found: list[CodeHit] = []
    alone = unexplained_blobs(search.marker_blobs, search.hits)
    if len(alone) < 3:
        return found
    if not search.budget.left():
        search.budget.skip("hidden_corner")
        return found
    placed = [
        (agreement, card, homography)
        for agreement, card, homography in placements(image, alone, True, gray)
        if not any(inside(centre_of_code(card, homography), w) for w in search.lost)
    ]
    read_placements(gray, placed, search, [], found)
    search.lost = [w for w in search.lost if not explained(w, search)]
    return found


def unread_card_markers(gray: np.ndarray, hits: list[CodeHit]) -> bool:
    """Whether the photo as it is shows a card that none of the codes read explains: four
    markers in a card's rectangle (or three in an L) among ``unexplained_blobs``, at
    MARKER_CARDS_PX_PER_MM, whose code's place, not inside a code read, agrees with a code's
    patterns at least DEBLUR_UNREAD_CARD_MIN_AGREEMENT (shaken as it is: lower than
    MARKER_CARDS_MIN_AGREEMENT). Letters, specks and the wall give such rectangles by the
    hundred, whose code places agree 0.5-0.65 (texture)."""
    alone = unexplained_blobs(marker_blobs(gray), hits)
    for fourth_hidden in (False, True):
        for card in card_shapes():
            turned = turned_rectangles(alone, card, fourth_hidden)
            if turned is None:
                continue
            _, homographies = turned
            agreements = code_agreements(gray, card, homographies)
            for n in np.argsort(-agreements, kind="stable").tolist():
                if agreements[n] < DEBLUR_UNREAD_CARD_MIN_AGREEMENT:
                    break
                if not any(inside_any(p, hits) for p, _ in finders_of(card, homographies[n])):
                    return True
    return False


def centre_of_code(card: CardType, homography: np.ndarray) -> np.ndarray:
    """Where ``card``'s code's centre is in the photo (px)."""
    qr = card.qr
    return apply_homography(homography, [[qr.x_mm + qr.w_mm / 2, qr.y_mm + qr.h_mm / 2]])[0]


def inside(point: np.ndarray, window: tuple[int, int, int, int]) -> bool:
    x0, y0, x1, y1 = window
    return bool(x0 <= point[0] <= x1 and y0 <= point[1] <= y1)


def read_placements(
    gray: np.ndarray,
    placed: list[tuple[float, CardType, np.ndarray]],
    search: Search,
    tried: list[np.ndarray],
    found: list[CodeHit],
) -> None:
    """Read the code of each placement (best first) not read yet, at most
    MARKER_CARDS_MAX_READS in all (``tried``) and within the budget: the codes go to ``found``
    and ``search.hits``, the windows of codes seen but not read to ``search.lost``."""
    for _, card, homography in placed:
        finders = finders_of(card, homography)
        if any(inside_any(p, search.hits) for p, _ in finders):
            continue  # read already (by this search or another placement of the same card)
        centre = np.mean([p for p, _ in finders], axis=0)
        module = finders[0][1] / FINDER_MODULES
        if any(np.linalg.norm(centre - c) < 2 * module for c in tried):
            continue  # the same card by another of its rectangles or its code's L turned
        hit = None
        if len(tried) < MARKER_CARDS_MAX_READS and search.budget.left():
            hit = decode_grid(gray, finders, search.blur, photo_psfs(search), search.codebook,
                              MARKER_PLACED_MAX_L_ERROR, search.deblurred)
        else:
            search.budget.skip("marker_cards")
        if hit is not None and not any(hit.text == h.text for h in search.hits):
            hit = CodeHit(hit.text, hit.corners_px, "markers" + DEBLURRED)
            found.append(hit)
            search.hits.append(hit)
        elif hit is None:
            tried.append(centre)
            window = code_window(card, homography, gray.shape)
            if not any(overlap(window, w) for w in search.lost):
                search.lost.append(window)


def markers_of_read_cards(hits: list[CodeHit]) -> np.ndarray:
    """Where the markers of the cards whose codes were read are (n x 2 px): from each code's
    corners and its card's layout (posters have none)."""
    places = [np.zeros((0, 2))]
    for hit in hits:
        try:
            card = parse(hit.text).spec
        except PayloadError:
            continue
        if not card.markers:
            continue
        qr = card.qr
        symbol = np.array([[qr.x_mm, qr.y_mm], [qr.right_mm, qr.y_mm],
                           [qr.right_mm, qr.bottom_mm], [qr.x_mm, qr.bottom_mm]], np.float32)
        to_px = cv2.getPerspectiveTransform(symbol, hit.corners_px.astype(np.float32))
        places.append(apply_homography(to_px, marker_centres_mm(card)))
    return np.concatenate(places)


def unexplained_blobs(blobs: list[Blob], hits: list[CodeHit]) -> list[Blob]:
    """The blobs that are not one of the markers of a card read (within a marker's side)."""
    read = markers_of_read_cards(hits)
    if not len(read):
        return list(blobs)
    return [(centre, side) for centre, side in blobs
            if np.linalg.norm(read - centre, axis=1).min() > side]


def code_window(
    card: CardType, homography: np.ndarray, shape: tuple[int, ...]
) -> tuple[int, int, int, int]:
    """The bounding box (px, in the photo) of ``card``'s code placed by ``homography``."""
    qr = card.qr
    corners = apply_homography(homography, [[qr.x_mm, qr.y_mm], [qr.right_mm, qr.y_mm],
                                            [qr.right_mm, qr.bottom_mm], [qr.x_mm, qr.bottom_mm]])
    x0, y0 = np.maximum(np.floor(corners.min(axis=0)), 0).astype(int)
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
    return int(x0), int(y0), int(min(x1, shape[1])), int(min(y1, shape[0]))
