"""Find every QR code in a photo, with its four corners in full-image pixels.

Strategy (measured in benchmarks/bench_decoders.py): one plain zxing-cpp pass on the whole frame
reads nearly every code of a wall photo at 2.7 px/mm. Then finder-pattern-like blobs that no
decoded code explains get a small window each, retried upscaled when their modules are small,
with pyzbar as a last resort. Blind overlapping tiles are used only when nothing was found at
all on a big photo. Decoding never guesses: a text is kept only as a decoder returned it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import cv2
import numpy as np
import zxingcpp
from pyzbar import pyzbar

from printables.layout import CARD_TYPES, QR_MODULES, CardType
from printables.payload import (
    BadCheckCharacter,
    CardCode,
    MalformedCode,
    PayloadError,
    UnknownCardType,
    UnknownLayoutVersion,
    is_ours,
    parse,
    spec_of,
)
from scan.budget import Budget
from scan.messages import make_error
from scan.results import CodeHit, ScanError
from scan.thresholds import (
    BLUR_DEFAULT_SHARPNESS,
    BLUR_LENGTH_PER_SHARPNESS,
    BLUR_LENGTH_RANGE_PX,
    BLUR_MOTION_ANISOTROPY,
    BLUR_PASS_BELOW_PX_PER_MODULE,
    BLUR_PASS_BELOW_SHARPNESS,
    BLUR_SHARPEN_AMOUNT,
    BLUR_SIGMA_PER_SHARPNESS,
    BLUR_SIGMA_RANGE_PX,
    BOX_READ_RESERVE_S,
    CARD_READ_RESERVE_S,
    DECODED_CODE_GROWTH,
    DUPLICATE_CENTRE_CODE_WIDTHS,
    FINDER_BLOCK_PX,
    FINDER_CORE_AREA_RANGE,
    FINDER_HOLE_AREA_RANGE,
    FINDER_OFFSET_GREY,
    FINDER_PAIR_SIZE_RANGE,
    FINDER_PAIR_WIDTHS,
    FINDER_PYRAMID_STEP,
    FINDER_SEARCH_PX_PER_MODULE,
    FINDER_SPECK_PX,
    FINDER_TILE_MAX_HOLES,
    FINDER_TILE_OVERLAP_PX,
    FINDER_TILE_PX,
    FINDER_TRACE_MIN_BLOBS_PER_MPX,
    FULL_FRAME_TRY_INVERT,
    LINE_KERNEL_SUPERSAMPLE,
    MAX_FINDER_FRACTION,
    MAX_FINDER_WINDOWS,
    MIN_FINDER_PX,
    MIN_FINDER_SCALE,
    SHARPNESS_MAX_CODES,
    TILE_OVERLAP,
    TILE_PX,
    UPSCALE_BELOW_PX_PER_MODULE,
    UPSCALE_FACTOR,
    VOTE_STRIP_RESERVE_S,
    WINDOW_FINDER_WIDTHS,
)

if TYPE_CHECKING:
    from scan.codebook import Codebook

FINDER_MODULES = 7
FINDERS_PER_CODE = 3
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
Window = tuple[int, int, int, int]  # x0, y0, x1, y1 in full-image px


def read_zxing(gray: np.ndarray, downscale: bool = True, invert: bool = True) -> list[CodeHit]:
    """Plain zxing-cpp: QR only, corners in the symbol's own order (TL, TR, BR, BL). Text as
    encoded (TextMode.Plain): the default HRI mode rewrites GS1 data and control characters.
    ``invert``: also look for light-on-dark codes (a second pass)."""
    found = zxingcpp.read_barcodes(
        gray,
        formats=QR_ONLY,
        try_rotate=False,
        try_downscale=downscale,
        try_invert=invert,
        text_mode=zxingcpp.TextMode.Plain,
    )
    hits = []
    for barcode in found:
        p = barcode.position
        corners = [(q.x, q.y) for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
        hits.append(CodeHit(barcode.text, np.array(corners, dtype=np.float64), "zxing"))
    return hits


def read_pyzbar(gray: np.ndarray) -> list[CodeHit]:
    """pyzbar on grayscale (on colour it reads only the first channel). Its corner order does not
    follow the symbol: the hit is marked ``oriented=False`` and rectify.py tries the 4 rotations."""
    hits = []
    for symbol in pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE]):
        points = np.array([(p.x, p.y) for p in symbol.polygon], dtype=np.float64)
        if len(points) != 4:
            points = cv2.boxPoints(cv2.minAreaRect(points.astype(np.float32))).astype(np.float64)
        hits.append(
            CodeHit(decode_bytes(symbol.data), sort_clockwise(points), "pyzbar", oriented=False)
        )
    return hits


def decode_bytes(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def sort_clockwise(points: np.ndarray) -> np.ndarray:
    """Clockwise on screen (y down), starting from the point nearest the top-left."""
    return sorted_clockwise(np.asarray(points)[None])[0]


def sorted_clockwise(polygons: np.ndarray) -> np.ndarray:
    """``sort_clockwise`` of n polygons of k points (n x k x 2) at once (hundreds of marker
    rectangles on a wall of cards): each row's same arithmetic, the same floats."""
    k = polygons.shape[1]
    centres = polygons.mean(axis=1)
    angles = np.arctan2(
        polygons[:, :, 1] - centres[:, None, 1], polygons[:, :, 0] - centres[:, None, 0]
    )
    ordered = np.take_along_axis(polygons, np.argsort(angles, axis=1)[:, :, None], axis=1)
    start = np.argmin(ordered.sum(axis=2), axis=1)
    turned = (start[:, None] + np.arange(k)[None]) % k
    return np.take_along_axis(ordered, turned[:, :, None], axis=1)


Finder = tuple[np.ndarray, float]  # centre (px) and width (px) of a finder-like pattern


def find_finder_candidates(
    gray: np.ndarray, budget: Budget | None = None, despeckle: bool = False
) -> list[Finder]:
    """Centres and widths (px) of nested dark-light-dark squares: QR finder patterns, best-shaped
    first. Searched tile by tile (bounded cost whatever the texture), then on the image shrunk
    FINDER_PYRAMID_STEP times for finders too big for a tile's overlap. ``despeckle`` (for a
    full-resolution search, where modules are >= 2 px) first removes one-pixel specks."""
    max_width = MAX_FINDER_FRACTION * min(gray.shape[:2])
    scored: list[tuple[float, np.ndarray, float]] = []
    image, factor = gray, 1.0
    while True:
        whole = max(image.shape[:2]) <= FINDER_TILE_PX
        # coarse levels look for finders >= 20 px only: their specks can always go
        binary = finder_binary(image, despeckle or factor > 1.0)
        in_time = budget is None or budget.left()  # (no tile is searched otherwise)
        traced = without_plain_blobs(binary) if in_time and is_busy(binary) else None
        low = MIN_FINDER_PX if factor == 1.0 else FINDER_TILE_OVERLAP_PX / FINDER_PYRAMID_STEP / 2
        high = max_width / factor if whole else FINDER_TILE_OVERLAP_PX / np.sqrt(2)
        windows = (
            [(0, 0, binary.shape[1], binary.shape[0])]
            if whole
            else tile_grid(binary.shape, FINDER_TILE_PX, FINDER_TILE_OVERLAP_PX)
        )
        for n, window in enumerate(windows):
            if budget is not None and not budget.left():
                budget.skip("finder_tiles", len(windows) - n)
                break
            found = finders_in(binary, window, low, high, traced)
            if found is None:  # a tile of countless holes (a fine regular weave): not searched
                if budget is not None:
                    budget.skip("finder_tiles")
                continue
            for quality, centre, width in found:
                scored.append((quality, centre * factor, width * factor))
        if whole or (budget is not None and budget.exhausted):
            break
        image = cv2.resize(
            image,
            None,
            fx=1 / FINDER_PYRAMID_STEP,
            fy=1 / FINDER_PYRAMID_STEP,
            interpolation=cv2.INTER_AREA,
        )
        factor *= FINDER_PYRAMID_STEP
    scored.sort(key=lambda s: s[0])
    return kept_once([(centre, width) for _, centre, width in scored])


def kept_once(finders: list[Finder]) -> list[Finder]:
    """The finders in their order, without those that repeat one kept before them (one finder
    seen by two tiles or two levels): about the same size and centred within 0.3 of it. Each is
    compared with the kept ones at once (a textured wall gives thousands)."""
    kept: list[Finder] = []
    centres = np.empty((len(finders), 2))
    widths = np.empty(len(finders))
    low, high = FINDER_PAIR_SIZE_RANGE
    for centre, width in finders:
        n = len(kept)
        if n:
            ratio = widths[:n] / width
            near = np.abs(centres[:n] - centre).max(axis=1) < 0.3 * np.maximum(widths[:n], width)
            if (near & (low <= ratio) & (ratio <= high)).any():
                continue
        centres[n], widths[n] = centre, width
        kept.append((centre, width))
    return kept


def finder_binary(gray: np.ndarray, despeckle: bool) -> np.ndarray:
    """Dark (255) and light (0) by the local mean. ``despeckle``: specks and gaps of one pixel
    removed (an opening and a closing of 2 x 2), for a search at full resolution, where a readable
    finder's rings are 2 px or more, while fine texture (plaster, cloth, grass) gives hundreds of
    thousands of one-pixel contours, which cost ~2 us each (issue 8: 138 s on a bare wall). Not
    at the reduced search scale (2 px per module), where thin rings would break."""
    binary = cv2.adaptiveThreshold(
        gray,
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY_INV,
        FINDER_BLOCK_PX,
        FINDER_OFFSET_GREY,
    )
    return despeckled(binary) if despeckle else binary


def without_plain_blobs(binary: np.ndarray) -> np.ndarray:
    """``binary`` without the dark blobs (8-connected) that neither enclose a hole nor lie in
    one: a textured wall's or a photo's specks, most of its blobs (98 % of a blurred wall's
    130 000), each a contour that ``finders_in`` paid ~2 us for (OpenCV builds an array per
    contour) and dropped, having no child. A finder is a blob with a hole holding a core: it and
    every blob in or round a hole stay, so each tile's contours of a finder, its hole and its
    core, their order and their nesting, are those of ``binary`` itself (tested): a blob with
    no hole and no hole round it is no contour's parent, child or neighbour in the tree. A hole
    here is a light (4-connected) region not reaching the frame; one of a tile's holes is one of
    the photo's, so what goes is plain in every tile too. ~0.1 s for 12 MP, for ~0.5 s of
    contours. The light reaching the frame is the padded photo's light region (4-connected)
    holding its corner: labelled, the same pixels as a flood fill from there, 20 % faster."""
    padded = cv2.copyMakeBorder(binary, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    _, light = cv2.connectedComponents(cv2.bitwise_not(padded), connectivity=4)
    outside = cv2.compare(light[1:-1, 1:-1], light[:1, :1], cv2.CMP_NE)  # or dark
    holes = cv2.bitwise_and(outside, cv2.bitwise_not(binary))
    beside = cv2.bitwise_and(cv2.dilate(holes, HOLE_SIDES), binary)  # dark next to a hole
    count, labels = cv2.connectedComponents(binary, connectivity=8)
    blobs = np.asarray(labels, np.int32)
    kept = np.zeros(count, np.uint8)
    kept[blobs[beside > 0]] = 255
    kept[0] = 0
    return kept[blobs]


HOLE_SIDES = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))  # a pixel's 4 neighbours


def is_busy(binary: np.ndarray) -> bool:
    """So many blobs (FINDER_TRACE_MIN_BLOBS_PER_MPX) that ``without_plain_blobs`` costs less
    than tracing them all (a textured or blurred wall; a plain one would take longer)."""
    return most_blobs(binary) >= FINDER_TRACE_MIN_BLOBS_PER_MPX * binary.size / 1e6


def most_blobs(binary: np.ndarray) -> int:
    """About how many dark blobs (8-connected) ``binary`` has, in a few ms for 12 MP: the dark
    pixels with no dark one before them on their row or the row above (a blob's first pixel in
    reading order is one, others may be too: an upper bound, the edge rows and columns left out)."""
    if min(binary.shape[:2]) < 3:
        return 0
    before = cv2.bitwise_or(
        cv2.bitwise_or(binary[:-1, :-2], binary[:-1, 1:-1]),
        cv2.bitwise_or(binary[:-1, 2:], binary[1:, :-2]),
    )
    return int(cv2.countNonZero(cv2.bitwise_and(binary[1:, 1:-1], cv2.bitwise_not(before))))


def despeckled(binary: np.ndarray) -> np.ndarray:
    kernel = np.ones((FINDER_SPECK_PX + 1, FINDER_SPECK_PX + 1), np.uint8)
    return cv2.morphologyEx(
        cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel), cv2.MORPH_CLOSE, kernel
    )


def holes(binary: np.ndarray) -> int:
    """Light (0) regions of a binary tile, 4-connected: ~1 ms for a 640 px tile."""
    return int(cv2.connectedComponents(255 - binary, connectivity=4)[0]) - 1


def most_holes(binary: np.ndarray) -> int:
    """An upper bound of ``holes`` in ~1/20 of its time: the first pixel (in reading order) of
    every light region is light with dark on its left and above it, or lies on the first row or
    column; so light pixels of that kind, plus those of the first row and column, are at least
    as many as the regions. Painted plaster and cloth tiles stay far below
    FINDER_TILE_MAX_HOLES this way (they gave ~25 000 row edges for ~100 regions)."""
    height, width = binary.shape[:2]
    if min(height, width) < 2:
        return height * width
    first = cv2.bitwise_and(
        cv2.bitwise_and(binary[1:, :-1], binary[:-1, 1:]), cv2.bitwise_not(binary[1:, 1:])
    )
    on_edges = (width - cv2.countNonZero(binary[0])) + (height - cv2.countNonZero(binary[:, 0]))
    return int(cv2.countNonZero(first)) + int(on_edges)


def tile_grid(shape: tuple[int, ...], tile_px: int, overlap_px: int) -> list[Window]:
    """Tiles of ``tile_px`` covering the image, each overlapping the next by ``overlap_px``."""
    height, width = shape[:2]
    step = tile_px - overlap_px
    xs = range(0, max(width - overlap_px, 1), step)
    ys = range(0, max(height - overlap_px, 1), step)
    return [(x, y, min(x + tile_px, width), min(y + tile_px, height)) for y in ys for x in xs]


def finders_in(
    binary: np.ndarray,
    window: Window,
    min_width: float,
    max_width: float,
    traced: np.ndarray | None = None,
) -> list[tuple[float, np.ndarray, float]] | None:
    """(shape error, centre, width) of the finder patterns lying whole inside ``window``; None
    for a tile with more holes than FINDER_TILE_MAX_HOLES even despeckled (OpenCV's contour
    tree is quadratic in the holes of one blob: a 1 px checkerboard tile took 5 s).
    ``traced``: ``without_plain_blobs(binary)``, whose contours are traced instead (faster)."""
    x0, y0, x1, y1 = window
    tile = np.ascontiguousarray(binary[y0:y1, x0:x1])
    if most_holes(tile) > FINDER_TILE_MAX_HOLES and holes(tile) > FINDER_TILE_MAX_HOLES:
        tile = despeckled(tile)
        if holes(tile) > FINDER_TILE_MAX_HOLES:
            return None
    elif traced is not None:
        tile = np.ascontiguousarray(traced[y0:y1, x0:x1])
    contours, hierarchy = cv2.findContours(
        tile, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE, offset=(x0, y0)
    )
    if hierarchy is None:
        return []
    links = hierarchy[0]
    hole = links[:, 2]
    core = np.full(len(links), -1)
    has_hole = hole >= 0
    core[has_hole] = links[hole[has_hole], 2]
    nested = core >= 0
    nested[nested] = links[core[nested], 2] < 0  # a solid core: three levels, no fourth
    found = []
    for i in np.nonzero(nested)[0].tolist():
        bx, by, bw, bh = cv2.boundingRect(contours[i])
        cut = (
            (bx <= x0 and x0 > 0)
            or (by <= y0 and y0 > 0)
            or (bx + bw >= x1 and x1 < binary.shape[1])
            or (by + bh >= y1 and y1 < binary.shape[0])
        )
        if cut or max(bw, bh) < min_width or min(bw, bh) > max_width * 1.5:
            continue
        outer_area = cv2.contourArea(contours[i])
        width = float(np.sqrt(outer_area))
        if not min_width <= width <= max_width:
            continue
        hole_i, core_i = int(hole[i]), int(core[i])
        hole_area, core_area = cv2.contourArea(contours[hole_i]), cv2.contourArea(contours[core_i])
        if is_finder_shape(outer_area, hole_area, core_area):
            error = abs(hole_area / outer_area - 25 / 49) + abs(core_area / outer_area - 9 / 49)
            found.append((error, contours[core_i].reshape(-1, 2).mean(axis=0), width))
    return found


def is_finder_shape(outer_area: float, hole_area: float, core_area: float) -> bool:
    """Areas of a finder are 49 : 25 : 9 module^2; blur and perspective bend them, not much."""
    hole_low, hole_high = FINDER_HOLE_AREA_RANGE
    core_low, core_high = FINDER_CORE_AREA_RANGE
    return (
        hole_low <= hole_area / outer_area <= hole_high
        and core_low <= core_area / outer_area <= core_high
    )


def unexplained(candidates: list[Finder], hits: list[CodeHit]) -> list[Finder]:
    """The finder candidates that lie in no code already decoded (nor just around it)."""
    if not hits or not candidates:
        return list(candidates)
    centres = np.array([h.centre_px for h in hits])
    sides = np.array([h.side_px for h in hits])
    points = np.array([c[0] for c in candidates])
    near = np.abs(points[:, None, :] - centres[None]).max(axis=-1) <= sides[None]  # cheap rejection
    kept = []
    for i, candidate in enumerate(candidates):
        if not any(inside_grown(candidate[0], hits[j]) for j in np.nonzero(near[i])[0]):
            kept.append(candidate)
    return kept


def inside_grown(point: np.ndarray, hit: CodeHit) -> bool:
    grown = hit.centre_px + (hit.corners_px - hit.centre_px) * DECODED_CODE_GROWTH
    return (
        cv2.pointPolygonTest(grown.astype(np.float32), (float(point[0]), float(point[1])), False)
        >= 0
    )


def paired(candidates: list[Finder]) -> list[Finder]:
    """Candidates with a sibling finder of similar size where a code's other finder would be:
    an undecoded code shows two or three, while a lone look-alike (a letter o, an icon) is
    not worth a window. Ranked: those with two siblings (a code's L) first, then by shape."""
    if len(candidates) < 2:
        return []
    centres = np.array([c for c, _ in candidates])
    widths = np.array([w for _, w in candidates])
    ratio = widths[None, :] / widths[:, None]
    low, high = FINDER_PAIR_SIZE_RANGE
    distance = np.linalg.norm(centres[:, None, :] - centres[None, :, :], axis=-1) / widths[:, None]
    sibling = (
        (low <= ratio)
        & (ratio <= high)
        & (FINDER_PAIR_WIDTHS[0] <= distance)
        & (distance <= FINDER_PAIR_WIDTHS[1])
    )
    siblings = np.minimum(sibling.sum(axis=1), 2)
    order = sorted(
        np.nonzero(siblings)[0], key=lambda i: (-siblings[i], i)
    )  # candidates come best-shaped first
    return [candidates[i] for i in order]


def windows_around(candidates: list[Finder], shape: tuple[int, ...]) -> list[tuple[Window, float]]:
    """One window per unexplained finder, merged when they overlap; with its px per module.
    In the candidates' order (a merged window takes the rank of its best finder)."""
    boxes = []
    for rank, (centre, width_px) in enumerate(candidates):
        half = WINDOW_FINDER_WIDTHS * width_px
        x0, y0 = np.maximum(centre - half, 0).astype(int)
        x1, y1 = np.minimum(centre + half, (shape[1], shape[0])).astype(int)
        boxes.append([x0, y0, x1, y1, width_px / FINDER_MODULES, rank])
    merged = sorted(merge_overlapping(boxes), key=lambda b: b[5])
    return [((b[0], b[1], b[2], b[3]), b[4]) for b in merged]


def merge_overlapping(boxes: list[list]) -> list[list]:
    """Union overlapping windows (one decode instead of several), as long as the union stays
    within a tile: a chain of merges must not grow into the whole photo upscaled."""
    merged: list[list] = []
    for box in sorted(boxes):
        for other in merged:
            union = [
                min(box[0], other[0]),
                min(box[1], other[1]),
                max(box[2], other[2]),
                max(box[3], other[3]),
            ]
            overlapping = (
                box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
            )
            if overlapping and max(union[2] - union[0], union[3] - union[1]) <= TILE_PX:
                other[:4] = union
                other[4] = min(other[4], box[4])
                other[5:] = [min(other[5], box[5])] if len(box) > 5 else []
                break
        else:
            merged.append(list(box))
    return merged


def decode_window(
    gray: np.ndarray,
    window: Window,
    px_per_module: float,
    readers=(read_zxing, read_pyzbar),
    budget: Budget | None = None,
    sharpen: bool = False,
    blur: Blur | None = None,
) -> list[CodeHit]:
    """zxing at 1x or upscaled when the modules are small, then pyzbar; full-image corners.
    The slower retries (pyzbar) are left out once the budget is spent. ``sharpen``: the photo
    is blurred, a sharpened upscaled try comes first."""
    x0, y0, x1, y1 = window
    crop = gray[y0:y1, x0:x1]
    scales = [1.0] if px_per_module >= UPSCALE_BELOW_PX_PER_MODULE else [UPSCALE_FACTOR, 1.0]
    if sharpen:  # a blurred photo: zxing on the window unsharp-masked, upscaled then as it is
        for scale in (UPSCALE_FACTOR, 1.0):
            image = (
                crop
                if scale == 1.0
                else cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            )
            hits = read_zxing(sharpened(image, blur, scale))
            if hits:
                return [shift_hit(h, scale, x0, y0) for h in hits]
    for k, reader in enumerate(readers):
        if k > 0 and budget is not None and not budget.left():
            budget.skip("window_retries")
            break
        for scale in scales:
            image = (
                crop
                if scale == 1.0
                else cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            )
            hits = reader(image)
            if hits:
                return [shift_hit(h, scale, x0, y0) for h in hits]
    return []


def shift_hit(hit: CodeHit, scale: float, x0: int, y0: int) -> CodeHit:
    corners = hit.corners_px / scale + np.array([x0, y0], dtype=np.float64)
    return CodeHit(hit.text, corners, hit.decoder, hit.oriented)


def tile_windows(shape: tuple[int, ...]) -> list[Window]:
    height, width = shape[:2]
    step = int(TILE_PX * (1 - TILE_OVERLAP))
    xs = range(0, max(width - TILE_PX, 0) + step, step)
    ys = range(0, max(height - TILE_PX, 0) + step, step)
    return [(x, y, min(x + TILE_PX, width), min(y + TILE_PX, height)) for y in ys for x in xs]


@lru_cache(maxsize=1024)
def reading_cost_s(text: str) -> float:
    """The CPU time the reading of the card of a code found is expected to take, for the time
    budget (``Budget.left``): CARD_READ_RESERVE_S, BOX_READ_RESERVE_S for each of its checkboxes
    and VOTE_STRIP_RESERVE_S for each of its vote strips; nothing for a poster or a code that is
    not ours."""
    spec = card_spec(text)
    if spec is None:
        return 0.0
    boxes, strips = len(spec.fields_of_kind("checkbox")), len(spec.fields_of_kind("votes"))
    return CARD_READ_RESERVE_S + BOX_READ_RESERVE_S * boxes + VOTE_STRIP_RESERVE_S * strips


def card_spec(text: str) -> CardType | None:
    """The layout of the card a code names; None for a poster or a code that is not ours."""
    try:
        spec = spec_of(text) if is_ours(text) else None
    except PayloadError:
        return None
    return None if spec is None or spec.is_poster else spec


def reading_cost_per_value_s(text: str) -> float:
    """``reading_cost_s`` shared out among the values its card gives (checkboxes, vote strips,
    written fields): cards read first when the photo's time may run out (``reading_order``)."""
    spec = card_spec(text)
    return 0.0 if spec is None else reading_cost_s(text) / max(1, len(spec.fields))


def reading_order(texts: list[str]) -> list[int]:
    """The order in which the cards found (their codes' ``texts``) are read: the cheapest per
    value first (an identity card's 15 boxes before a need card's vote strip), so that a photo
    whose whole time budget runs out leaves the fewest values unread; ties keep the photo's order.
    Each card is read on its own, so the order changes no reading, only which are cut."""
    return sorted(range(len(texts)), key=lambda i: reading_cost_per_value_s(texts[i]))


def add_unique(hits: list[CodeHit], new: list[CodeHit]) -> None:
    """Add the new hits that are not the same text at the same place as one already kept."""
    for hit in new:
        if not any(same_code(hit, kept) for kept in hits):
            hits.append(hit)


def same_code(a: CodeHit, b: CodeHit) -> bool:
    distance = float(np.linalg.norm(a.centre_px - b.centre_px))
    return a.text == b.text and distance < DUPLICATE_CENTRE_CODE_WIDTHS * max(a.side_px, b.side_px)


def finder_scale(hits: list[CodeHit]) -> float:
    """Scale at which to look for finders no code explains: the smallest code found is brought to
    FINDER_SEARCH_PX_PER_MODULE (smaller codes are its equals, at most 2x smaller, on one wall);
    full resolution when nothing was found."""
    if not hits:
        return 1.0
    # a version-1 code has the largest modules for its size
    smallest_module_px = min(h.side_px for h in hits) / QR_MODULES
    scale = float(np.clip(FINDER_SEARCH_PX_PER_MODULE / smallest_module_px, MIN_FINDER_SCALE, 1.0))
    return whole_shrink(scale)


def whole_shrink(scale: float) -> float:
    """``scale`` rounded up to 1/k (k a whole number) when below one half: OpenCV's area resize
    by a whole factor is a plain box average, ten times faster than by any other factor (12 MP
    at 0.39: 24 -> 2 ms, at 1/2). The modules come out a little larger than asked, never
    smaller: the search sees at least as well, on up to 1.6 times as many pixels."""
    if scale >= 0.5:
        return scale
    return 1.0 / float(np.floor(1.0 / scale + 1e-9))


def find_finders_at(gray: np.ndarray, scale: float, budget: Budget | None = None) -> list[Finder]:
    if scale >= 1.0:
        return find_finder_candidates(gray, budget, despeckle=True)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return [
        (centre / scale, width / scale) for centre, width in find_finder_candidates(small, budget)
    ]


@dataclass
class Search:
    """What the code search did on one photo: the codes, the finder-like patterns it saw (for the
    hints), and what it left out for lack of time (``budget.skipped``)."""

    hits: list[CodeHit]
    finders: list[Finder]
    budget: Budget
    blur: Blur | None = None  # code_blur of the codes of the full-frame decode
    lost: list[Window] = field(default_factory=list)  # code-like patterns left undecoded
    photo_blur: Blur | None = None  # measured on the photo itself (scan.deblur), when it was
    deblurred: np.ndarray | None = None  # the photo deblurred (scan.deblur), when it was
    deblurred_finders: list[Finder] = field(default_factory=list)  # seen only once deblurred
    codebook: Codebook | None = None  # the manifest's codes (scan/codebook.py), when known
    marker_blobs: list[tuple[np.ndarray, float]] = field(default_factory=list)  # scan.bymarkers


def lost_codes(
    candidates: list[Finder], windows: list[tuple[Window, float]], hits: list[CodeHit]
) -> list[Window]:
    """Windows still holding three finder patterns that no decoded code explains: a code seen
    but not read (blur, a fold, a reflection), so probably a card lost."""
    left = unexplained(candidates, hits)
    lost = []
    for window, _ in windows:
        x0, y0, x1, y1 = window
        inside = [w for (cx, cy), w in left if x0 <= cx <= x1 and y0 <= cy <= y1]
        if len(inside) >= FINDERS_PER_CODE:
            lost.append(window)
    return lost


def search_codes(gray: np.ndarray, budget: Budget | None = None) -> Search:
    """Every QR code of a grayscale photo, each once, within ``budget`` (PHOTO_TIME_BUDGET_S)."""
    budget = budget or Budget()
    hits = read_zxing(gray, invert=FULL_FRAME_TRY_INVERT)
    budget.watch(hits, reading_cost_s)  # each code found holds back its card's reading time
    blur = code_blur(gray, hits)
    blurred = blur is not None and blur.sharpness < BLUR_PASS_BELOW_SHARPNESS
    # Where the finders of codes not read are looked for: when nothing was read, or the codes
    # are small and blurred (their finders' thin rings vanish at a reduced scale), at full scale
    # on the sharpened photo, in one search (the plain full-scale search before it found no
    # finder this one missed: 80 shrunk wall photos, the real QR photos; it cost a third of a
    # bare wall's time); otherwise at the scale where the smallest code read has
    # FINDER_SEARCH_PX_PER_MODULE.
    small_and_blurred = (
        blurred and min(h.side_px for h in hits) / QR_MODULES < BLUR_PASS_BELOW_PX_PER_MODULE
    )
    if not hits or small_and_blurred:
        finders = find_finder_candidates(sharpened(gray, blur), budget, True)
    else:
        finders = find_finders_at(gray, finder_scale(hits), budget)
    candidates = paired(unexplained(finders, hits))
    if blur is None and candidates:  # nothing decoded: the finders tell how blurred it is
        blur = finder_blur(gray, candidates)
        blurred = blur is not None and blur.sharpness < BLUR_PASS_BELOW_SHARPNESS
    windows = windows_around(candidates, gray.shape)
    budget.skip("finder_windows", len(windows) - MAX_FINDER_WINDOWS)
    for n, (window, px_per_module) in enumerate(windows[:MAX_FINDER_WINDOWS]):
        if not budget.left():
            budget.skip("finder_windows", min(len(windows), MAX_FINDER_WINDOWS) - n)
            break
        add_unique(
            hits,
            decode_window(
                gray, window, px_per_module, budget=budget, sharpen=blurred or not hits, blur=blur
            ),
        )
    if not hits and max(gray.shape) > TILE_PX:
        tiles = tile_windows(gray.shape)
        for n, window in enumerate(tiles):  # zxing only: pyzbar reads ~2 % of big frames
            if not budget.left():
                budget.skip("blind_tiles", len(tiles) - n)
                break
            add_unique(hits, decode_window(gray, window, 0.0, readers=(read_zxing,)))
    if not hits and max(gray.shape) <= TILE_PX:
        add_unique(hits, decode_window(gray, (0, 0, gray.shape[1], gray.shape[0]), 0.0))
    return Search(hits, finders, budget, blur, lost_codes(candidates, windows, hits))


@dataclass(frozen=True)
class Blur:
    """How blurred the decoded codes are (``code_blur``): ``sharpness`` is the steepest edge
    (99th percentile of the gradient) over the code's contrast in the softest direction, about
    1 / the blur's length in px; ``angle_deg`` that direction; ``anisotropy`` the steepest over
    the softest direction (motion blur smears one direction only, defocus all)."""

    sharpness: float
    angle_deg: float
    anisotropy: float

    @property
    def motion(self) -> bool:
        return self.anisotropy >= BLUR_MOTION_ANISOTROPY


DIRECTIONS_DEG = np.arange(0.0, 180.0, 22.5)


def code_blur(gray: np.ndarray, hits: list[CodeHit]) -> Blur | None:
    """The blur of the codes decoded (median over up to SHARPNESS_MAX_CODES of them)."""
    return blur_in(gray, [(h.corners_px.min(axis=0), h.corners_px.max(axis=0)) for h in hits])


def finder_blur(gray: np.ndarray, finders: list[Finder]) -> Blur | None:
    """The blur measured on finder patterns, when no code could be decoded to measure it on."""
    return blur_in(gray, [(c - 0.7 * w, c + 0.7 * w) for c, w in finders])


def blur_in(
    gray: np.ndarray,
    boxes: list[tuple[np.ndarray, np.ndarray]],
    directions_deg: np.ndarray = DIRECTIONS_DEG,
) -> Blur | None:
    return blur_of(steepness_in(gray, boxes, directions_deg), directions_deg)


def steepness_in(
    gray: np.ndarray,
    boxes: list[tuple[np.ndarray, np.ndarray]],
    directions_deg: np.ndarray = DIRECTIONS_DEG,
) -> list[list[float]]:
    """Per box (of the first SHARPNESS_MAX_CODES, those of 8 px or more), its steepest edge
    over its contrast in each direction of ``directions_deg``."""
    per_code = []
    turns = [(np.cos(a), np.sin(a)) for a in np.radians(directions_deg)]
    for low_px, high_px in boxes[:SHARPNESS_MAX_CODES]:
        x0, y0 = np.maximum(np.asarray(low_px).astype(int), 0)
        x1, y1 = np.asarray(high_px).astype(int)
        grey = gray[y0:y1, x0:x1]
        crop = grey.astype(np.float32)
        if min(crop.shape[:2]) < 8:
            continue
        # the gradients in float64 once: each direction's projection was float64 anyway (a
        # float32 array times a float64 cosine), and the same bits
        gx = (cv2.Sobel(crop, cv2.CV_32F, 1, 0, ksize=3) / 8).astype(np.float64)
        gy = (cv2.Sobel(crop, cv2.CV_32F, 0, 1, ksize=3) / 8).astype(np.float64)
        # on the bytes (the float crop's same values, faster) when the photo is bytes
        low, high = (
            byte_percentiles(grey, (5, 95))
            if grey.dtype == np.uint8
            else np.percentile(crop, [5, 95])
        )
        contrast = max(float(high - low), 1.0)
        per_code.append([edge / contrast for edge in steepest_edges(gx, gy, turns, 99)])
    return per_code


def blur_of(per_code: list[list[float]], directions_deg: np.ndarray) -> Blur | None:
    """The blur of boxes measured by ``steepness_in``: the median over them, per direction."""
    if not per_code:
        return None
    steepness = np.median(np.array(per_code), axis=0)
    softest = int(np.argmin(steepness))
    return Blur(
        float(steepness[softest]),
        float(directions_deg[softest]),
        float(steepness.max() / max(steepness[softest], 1e-6)),
    )


def steepest_edges(
    gx: np.ndarray, gy: np.ndarray, turns: list[tuple[float, float]], q: float
) -> list[float]:
    """``high_percentile(|gx cos + gy sin|, q)`` for each (cos, sin) of ``turns`` (a high
    ``q``), the same floats, without projecting every pixel in every direction: a pixel's
    projection is at most |gx| + |gy|, so the pixels above a level in a direction are all among
    those whose bound reaches it (with a margin for rounding), usually a sixth of them. Each
    direction's level is a value that a sample of its projections puts below the percentile; a
    direction where fewer pixels than the percentile needs reach it (the sample misled) is
    measured on every pixel."""
    gx, gy = np.ravel(gx), np.ravel(gy)
    n = gx.size
    need = n - rank_of(n, q)[0]  # the values from the percentile's lower rank up
    sample_x, sample_y = gx[::16], gy[::16]
    k = max(0, sample_x.size - 1 - 2 * need // 16)  # about twice as many as needed above it
    levels = [
        float(np.partition(np.abs(sample_x * cos + sample_y * sin), k)[k]) for cos, sin in turns
    ]
    # |fl(gx cos + gy sin)| <= (|gx| + |gy|) (1 + 3 eps): the margin keeps every such pixel
    near = np.abs(gx) + np.abs(gy) >= min(levels) * (1 - 1e-12)
    near_x, near_y = gx[near], gy[near]
    edges = []
    for (cos, sin), level in zip(turns, levels, strict=True):
        values = np.abs(near_x * cos + near_y * sin)  # each pixel's same two products and sum
        top = values[values >= level]  # every pixel of the patch at the level or above
        if top.size >= need:
            edges.append(percentile_of_top(top, n, q))
        else:
            edges.append(high_percentile(np.abs(gx * cos + gy * sin), q))
    return edges


def rank_of(n: int, q: float) -> tuple[int, int, float]:
    """numpy's "linear" percentile of ``n`` values: the ranks (ascending) of the two values it
    mixes and the share of the second, as numpy computes them."""
    virtual = (n - 1) * (q / 100)
    lo = min(max(int(np.floor(virtual)), 0), n - 1)
    hi = min(lo + 1, n - 1)
    gamma = virtual - np.floor(virtual) if lo == int(np.floor(virtual)) else 0.0
    return lo, hi, gamma


def mix(a: float, b: float, gamma: float) -> float:
    """numpy's linear interpolation between two sorted values (``_lerp``), to the last bit."""
    diff = b - a
    return b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma


def byte_percentiles(values: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """``np.percentile(values, qs)`` of bytes, the same floats, by counting (a code's contrast:
    five times faster than numpy's partition of a copy)."""
    flat = np.ravel(values)
    cumulative = np.cumsum(np.bincount(flat, minlength=256))
    out = []
    for q in qs:
        lo, hi, gamma = rank_of(flat.size, q)
        a, b = np.searchsorted(cumulative, [lo, hi], side="right")
        out.append(mix(float(a), float(b), gamma))
    return out


def percentile_of_top(top: np.ndarray, n: int, q: float) -> float:
    """The ``q`` percentile of ``n`` values of which ``top`` holds every one from its rank up."""
    lo, hi, gamma = rank_of(n, q)
    offset = n - top.size
    part = np.partition(top, (lo - offset, hi - offset))
    return mix(float(part[lo - offset]), float(part[hi - offset]), gamma)


def high_percentile(values: np.ndarray, q: float) -> float:
    """``np.percentile(values, q)`` (linear), the same float, for a high ``q``: only the values
    above a threshold taken from a sample of them are partly sorted (the 99th percentile of a
    code's gradient was a tenth of a photo's time)."""
    flat = np.ravel(values)
    n = flat.size
    lo = rank_of(n, q)[0]
    above = n - lo  # the values from the lo-th (ascending) up are all that matter
    sample = flat[::16]
    k = max(0, sample.size - 1 - 4 * above // 16)  # about 4 times as many as needed
    top = flat[flat >= np.partition(sample, k)[k]]
    if top.size < above:  # the sample misled: sort them all
        top = flat
    return percentile_of_top(top, n, q)


def line_kernel(length_px: float, angle_deg: float) -> np.ndarray:
    size = 2 * int(np.ceil(length_px / 2)) + 1
    kernel = np.zeros((size, size), np.float32)
    c = size // 2
    d = np.array([np.cos(np.radians(angle_deg)), np.sin(np.radians(angle_deg))]) * length_px / 2
    a, b = np.round(c - d).astype(int), np.round(c + d).astype(int)
    cv2.line(kernel, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), 1.0, 1, cv2.LINE_AA)
    return kernel / kernel.sum()


def subpixel_line_kernel(length_px: float, angle_deg: float) -> np.ndarray:
    """A motion's picture (sums to 1) as the camera draws it: the segment ``length_px`` long at
    ``angle_deg``, ends where they fall between pixels, each pixel weighted by the length of
    segment it sees (drawn LINE_KERNEL_SUPERSAMPLE times finer, then averaged). ``line_kernel``
    puts both ends on whole pixels: a 5.6 px shake at 13 degrees becomes a line at 18 degrees
    (its ends moved by up to 0.7 px), and Wiener deconvolution by it leaves a lost code's
    modules wrong by 22 where this one leaves none (scan/recover.py)."""
    up = LINE_KERNEL_SUPERSAMPLE
    size = 2 * int(np.ceil(length_px / 2)) + 3  # room for the ends' pixels
    fine = np.zeros((size * up, size * up), np.float32)
    centre = size * up / 2 - 0.5  # the middle pixel's centre, in fine px
    d = np.array([np.cos(np.radians(angle_deg)), np.sin(np.radians(angle_deg))]) * length_px / 2
    bits = 4  # cv2.line's fixed point: ends to 1/16 of a fine pixel
    a, b = ((np.array([centre, centre]) + sign * d * up) * (1 << bits) for sign in (-1, 1))
    cv2.line(fine, (int(round(a[0])), int(round(a[1]))), (int(round(b[0])), int(round(b[1]))),
             1.0, 1, cv2.LINE_AA, bits)
    kernel = cv2.resize(fine, (size, size), interpolation=cv2.INTER_AREA)
    kernel = kernel + kernel[::-1, ::-1]  # a segment is symmetric about its middle: cv2's
    return kernel / kernel.sum()  # anti-aliased ends are not quite


def gaussian_psf(sigma: float) -> np.ndarray:
    """A soft focus's picture (sums to 1): a Gaussian of ``sigma`` px, three sigmas each way."""
    size = 2 * int(np.ceil(3 * sigma)) + 1
    g = cv2.getGaussianKernel(size, sigma)
    return (g @ g.T).astype(np.float32)


def sharpened(gray: np.ndarray, blur: Blur | None, scale: float = 1.0) -> np.ndarray:
    """Unsharp mask shaped like the blur (a line along a motion, a Gaussian for defocus), at
    ``scale`` times the photo's size: gives a blurred finder back its one-module rings."""
    sharpness = blur.sharpness if blur is not None else BLUR_DEFAULT_SHARPNESS
    if blur is not None and blur.motion:
        length = (
            float(np.clip(BLUR_LENGTH_PER_SHARPNESS / sharpness, *BLUR_LENGTH_RANGE_PX)) * scale
        )
        soft = cv2.filter2D(gray, -1, line_kernel(length, blur.angle_deg))
    else:
        sigma = float(np.clip(BLUR_SIGMA_PER_SHARPNESS / sharpness, *BLUR_SIGMA_RANGE_PX)) * scale
        soft = cv2.GaussianBlur(gray, (0, 0), sigma)
    return cv2.addWeighted(gray, 1 + BLUR_SHARPEN_AMOUNT, soft, -BLUR_SHARPEN_AMOUNT, 0)


def merge_finders(first: list[Finder], more: list[Finder]) -> list[Finder]:
    """``first`` then the finders of ``more`` that are not already in it."""
    kept = list(first)
    for centre, width in more:
        if not any(np.abs(centre - c).max() < 0.3 * max(w, width) for c, w in first):
            kept.append((centre, width))
    return kept


def find_codes(gray: np.ndarray, budget: Budget | None = None) -> list[CodeHit]:
    """Every QR code of a grayscale photo, each once."""
    return search_codes(gray, budget).hits


@dataclass
class Located:
    """The codes of one photo sorted by what they are. Errors are reported, never guessed."""

    cards: list[tuple[CodeHit, CardCode]] = field(default_factory=list)
    posters: list[tuple[CodeHit, CardCode]] = field(default_factory=list)
    foreign: list[CodeHit] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)


# the kind of error of each refusal of printables.payload (worded in scan.messages)
ERROR_KINDS = ((BadCheckCharacter, "bad_check"), (UnknownLayoutVersion, "unknown_layout"),
               (UnknownCardType, "unknown_type"), (MalformedCode, "malformed"))


def classify_hits(hits: list[CodeHit]) -> Located:
    located = Located()
    seen: set[str] = set()
    for hit in hits:
        if not is_ours(hit.text):
            located.foreign.append(hit)
            continue
        try:
            code = parse(hit.text)
        except PayloadError as exc:
            located.errors.append(payload_error(hit, exc))
            continue
        if code.text in seen:
            located.errors.append(make_error("duplicate", code.text, hit.corners_px))
            continue
        seen.add(code.text)
        is_poster = CARD_TYPES[code.card_type].is_poster
        (located.posters if is_poster else located.cards).append((hit, code))
    return located


def payload_error(hit: CodeHit, exc: PayloadError) -> ScanError:
    kind = next((kind for cls, kind in ERROR_KINDS if isinstance(exc, cls)), "malformed")
    return make_error(kind, hit.text.strip(), hit.corners_px, detail=str(exc))
