"""Find every QR code in a photo, with its four corners in full-image pixels.

Strategy (measured in benchmarks/bench_decoders.py): one plain zxing-cpp pass on the whole frame
reads nearly every code of a wall photo at 2.7 px/mm. Then finder-pattern-like blobs that no
decoded code explains get a small window each, retried upscaled when their modules are small,
with pyzbar as a last resort. Blind overlapping tiles are used only when nothing was found at
all on a big photo. Decoding never guesses: a text is kept only as a decoder returned it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import zxingcpp
from pyzbar import pyzbar

from printables.layout import CARD_TYPES, QR_MODULES
from printables.payload import (
    BadCheckCharacter,
    CardCode,
    MalformedCode,
    PayloadError,
    UnknownCardType,
    UnknownLayoutVersion,
    is_ours,
    parse,
)
from scan.results import CodeHit, ScanError
from scan.thresholds import (
    DECODED_CODE_GROWTH,
    DUPLICATE_CENTRE_CODE_WIDTHS,
    FINDER_BLOCK_PX,
    FINDER_CORE_AREA_RANGE,
    FINDER_HOLE_AREA_RANGE,
    FINDER_OFFSET_GREY,
    FINDER_PAIR_SIZE_RANGE,
    FINDER_PAIR_WIDTHS,
    FINDER_SEARCH_PX_PER_MODULE,
    MAX_FINDER_FRACTION,
    MIN_FINDER_PX,
    MIN_FINDER_SCALE,
    TILE_OVERLAP,
    TILE_PX,
    UPSCALE_BELOW_PX_PER_MODULE,
    UPSCALE_FACTOR,
    WINDOW_FINDER_WIDTHS,
)

FINDER_MODULES = 7
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
Window = tuple[int, int, int, int]  # x0, y0, x1, y1 in full-image px


def read_zxing(gray: np.ndarray, downscale: bool = True) -> list[CodeHit]:
    """Plain zxing-cpp: QR only, corners in the symbol's own order (TL, TR, BR, BL). Text as
    encoded (TextMode.Plain): the default HRI mode rewrites GS1 data and control characters."""
    found = zxingcpp.read_barcodes(gray, formats=QR_ONLY, try_rotate=False,
                                   try_downscale=downscale, text_mode=zxingcpp.TextMode.Plain)
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
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    ordered = points[np.argsort(angles)]
    start = int(np.argmin(ordered.sum(axis=1)))
    return np.roll(ordered, -start, axis=0)


def find_finder_candidates(gray: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """Centres and widths (px) of nested dark-light-dark squares: QR finder patterns."""
    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                   FINDER_BLOCK_PX, FINDER_OFFSET_GREY)
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    links = hierarchy[0]
    max_area = (MAX_FINDER_FRACTION * min(gray.shape)) ** 2
    candidates = []
    for i, (_, _, hole, _) in enumerate(links):
        core = links[hole][2] if hole >= 0 else -1
        if core < 0 or links[core][2] >= 0:
            continue
        outer_area = cv2.contourArea(contours[i])
        if not MIN_FINDER_PX ** 2 <= outer_area <= max_area:
            continue
        if is_finder_shape(
            outer_area, cv2.contourArea(contours[hole]), cv2.contourArea(contours[core])
        ):
            centre = contours[core].reshape(-1, 2).mean(axis=0)
            candidates.append((centre, float(np.sqrt(outer_area))))
    return candidates


def is_finder_shape(outer_area: float, hole_area: float, core_area: float) -> bool:
    """Areas of a finder are 49 : 25 : 9 module^2; blur and perspective bend them, not much."""
    hole_low, hole_high = FINDER_HOLE_AREA_RANGE
    core_low, core_high = FINDER_CORE_AREA_RANGE
    return (hole_low <= hole_area / outer_area <= hole_high
            and core_low <= core_area / outer_area <= core_high)


def unexplained(
    candidates: list[tuple[np.ndarray, float]], hits: list[CodeHit]
) -> list[tuple[np.ndarray, float]]:
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


def paired(candidates: list[tuple[np.ndarray, float]]) -> list[tuple[np.ndarray, float]]:
    """Candidates with a sibling finder of similar size where a code's other finder would be:
    an undecoded code shows two or three, while a lone look-alike (a letter o, an icon) is
    not worth a window."""
    kept = []
    for i, (centre, width) in enumerate(candidates):
        for j, (other, other_width) in enumerate(candidates):
            similar = FINDER_PAIR_SIZE_RANGE[0] <= other_width / width <= FINDER_PAIR_SIZE_RANGE[1]
            distance = float(np.linalg.norm(other - centre))
            if (
                i != j
                and similar
                and FINDER_PAIR_WIDTHS[0] * width <= distance <= FINDER_PAIR_WIDTHS[1] * width
            ):
                kept.append((centre, width))
                break
    return kept


def windows_around(
    candidates: list[tuple[np.ndarray, float]], shape: tuple[int, ...]
) -> list[tuple[Window, float]]:
    """One window per unexplained finder, merged when they overlap; with its px per module."""
    boxes = []
    for centre, width_px in candidates:
        half = WINDOW_FINDER_WIDTHS * width_px
        x0, y0 = np.maximum(centre - half, 0).astype(int)
        x1, y1 = np.minimum(centre + half, (shape[1], shape[0])).astype(int)
        boxes.append([x0, y0, x1, y1, width_px / FINDER_MODULES])
    merged = merge_overlapping(boxes)
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
                break
        else:
            merged.append(list(box))
    return merged


def decode_window(gray: np.ndarray, window: Window, px_per_module: float,
                  readers=(read_zxing, read_pyzbar)) -> list[CodeHit]:
    """zxing at 1x or upscaled when the modules are small, then pyzbar; full-image corners."""
    x0, y0, x1, y1 = window
    crop = gray[y0:y1, x0:x1]
    scales = [1.0] if px_per_module >= UPSCALE_BELOW_PX_PER_MODULE else [UPSCALE_FACTOR, 1.0]
    for reader in readers:
        for scale in scales:
            image = crop if scale == 1.0 else cv2.resize(crop, None, fx=scale, fy=scale,
                                                         interpolation=cv2.INTER_CUBIC)
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
    return float(np.clip(FINDER_SEARCH_PX_PER_MODULE / smallest_module_px, MIN_FINDER_SCALE, 1.0))


def find_finders_at(gray: np.ndarray, scale: float) -> list[tuple[np.ndarray, float]]:
    if scale >= 1.0:
        return find_finder_candidates(gray)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return [(centre / scale, width / scale) for centre, width in find_finder_candidates(small)]


def find_codes(gray: np.ndarray) -> list[CodeHit]:
    """Every QR code of a grayscale photo, each once."""
    hits = read_zxing(gray)
    candidates = paired(unexplained(find_finders_at(gray, finder_scale(hits)), hits))
    for window, px_per_module in windows_around(candidates, gray.shape):
        add_unique(hits, decode_window(gray, window, px_per_module))
    if not hits and max(gray.shape) > TILE_PX:
        for window in tile_windows(gray.shape):  # zxing only: pyzbar reads ~2 % of big frames
            add_unique(hits, decode_window(gray, window, 0.0, readers=(read_zxing,)))
    if not hits and max(gray.shape) <= TILE_PX:
        add_unique(hits, decode_window(gray, (0, 0, gray.shape[1], gray.shape[0]), 0.0))
    return hits


@dataclass
class Located:
    """The codes of one photo sorted by what they are. Errors are reported, never guessed."""
    cards: list[tuple[CodeHit, CardCode]] = field(default_factory=list)
    posters: list[tuple[CodeHit, CardCode]] = field(default_factory=list)
    foreign: list[CodeHit] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)


ERROR_KINDS = (
    (BadCheckCharacter, "bad_check", "caractère de contrôle faux : code abîmé, mal lu ou falsifié"),
    (
        UnknownLayoutVersion,
        "unknown_layout",
        "version de mise en page inconnue : carte d'un autre kit",
    ),
    (UnknownCardType, "unknown_type", "type de carte inconnu"),
    (MalformedCode, "malformed", "code Atelier Kit mal formé"),
)


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
            located.errors.append(
                ScanError(
                    f"{code.text} : la même carte apparaît deux fois sur la photo "
                    "(seule la première est lue)",
                    "duplicate",
                    code.text,
                    hit.corners_px,
                )
            )
            continue
        seen.add(code.text)
        is_poster = CARD_TYPES[code.card_type].is_poster
        (located.posters if is_poster else located.cards).append((hit, code))
    return located


def payload_error(hit: CodeHit, exc: PayloadError) -> ScanError:
    for cls, kind, reason in ERROR_KINDS:
        if isinstance(exc, cls):
            return ScanError(
                f"{hit.text.strip()} : {reason} ({exc})", kind, hit.text.strip(), hit.corners_px
            )
    return ScanError(f"{hit.text.strip()} : {exc}", "malformed", hit.text.strip(), hit.corners_px)
