"""Cards seen but not read: decode a lost code from its own finder patterns (issue 8, point 4).

A code whose three finder patterns were found but that no decoder could read (motion blur or soft
focus at 2.0-2.7 px/mm, 3-4 px per module) is often still sharp enough to tell its modules apart
at their centres: what defeats the decoders is finding the module grid in the smeared edges. Here
the grid comes from the finders themselves:

1. the three finders in an L (corner, then the two others clockwise) give a first module grid;
2. each finder's centre is refined by matching the finder's known 9 x 9-module picture (its rings
   and the light separator around it) at that grid's scale and slant, on the window upscaled
   ``RECOVER_UPSCALE`` times (a quarter-pixel centre; a contour's centroid is off by up to 2 px
   under blur);
3. the 21 x 21 module centres are sampled, thresholded, and the symbol is redrawn clean (known
   finders, timing and dark module put back) and handed to zxing-cpp, which checks the format
   bits and corrects the codewords (Reed-Solomon);
4. a text is kept only if it is one of ours, passes its check character, and the symbol it encodes
   differs from the sampled modules in at most ``RECOVER_MAX_MODULE_ERRORS``: two symbols differ
   in at least 11 modules, so the sample is then nearer that symbol than any other.

A few slightly shifted and scaled grids are tried (a curled card bends the far corner), a bounded
number per lost window. Nothing is guessed: a window that gives no such text stays lost.
"""

from __future__ import annotations

import functools
import itertools

import cv2
import numpy as np

from printables.layout import QR_MODULES
from printables.payload import PayloadError, is_ours, parse
from printables.qr import QrCapacityError, candidates
from scan.locate import FINDER_MODULES, Finder, Search, read_zxing, unexplained
from scan.results import CodeHit
from scan.thresholds import (
    RECOVER_FINDER_REACH_MODULES,
    RECOVER_GRID_SCALES,
    RECOVER_GRID_SHIFTS_MODULES,
    RECOVER_MAX_L_ERROR,
    RECOVER_MAX_MODULE_ERRORS,
    RECOVER_MAX_WINDOWS,
    RECOVER_UPSCALE,
)

FINDER_SPAN = QR_MODULES - FINDER_MODULES  # modules between two finders' centres (14)
FINDER_CENTRE = FINDER_MODULES / 2  # a finder's centre, in modules from the symbol's corner
RENDER_MODULE_PX = 4
RENDER_QUIET_MODULES = 4


def finder_picture() -> np.ndarray:
    """A finder with its one-module light border, 9 x 9 modules, True = dark."""
    picture = np.zeros((FINDER_MODULES + 2, FINDER_MODULES + 2), bool)
    picture[1:8, 1:8] = True
    picture[2:7, 2:7] = False
    picture[3:6, 3:6] = True
    return picture


def function_patterns() -> tuple[np.ndarray, np.ndarray]:
    """The modules of a version-1 symbol that every code shares (finders, separators, timing,
    dark module): where they are, and their colour (True = dark)."""
    n = QR_MODULES
    known = np.zeros((n, n), bool)
    dark = np.zeros((n, n), bool)
    picture = finder_picture()[1:, 1:]  # finder + separator, 8 x 8, separator bottom and right
    for rows, cols, flip in (
        (slice(0, 8), slice(0, 8), (False, False)),
        (slice(0, 8), slice(n - 8, n), (False, True)),
        (slice(n - 8, n), slice(0, 8), (True, False)),
    ):
        p = picture[::-1] if flip[0] else picture
        p = p[:, ::-1] if flip[1] else p
        known[rows, cols] = True
        dark[rows, cols] = p
    timing = np.arange(8, n - 8)
    known[6, timing] = known[timing, 6] = True
    dark[6, timing] = dark[timing, 6] = timing % 2 == 0
    known[n - 8, 8] = dark[n - 8, 8] = True  # the dark module of version 1
    return known, dark


KNOWN, KNOWN_DARK = function_patterns()


def l_of(finders: list[Finder]) -> tuple[float, np.ndarray, np.ndarray, np.ndarray] | None:
    """The three finders that best form a code's L: (error, corner, the one along the top row,
    the one down the left column), the symbol's orientation as printed (clockwise on screen)."""
    best = None
    for corner, along, down in itertools.permutations(range(len(finders)), 3):
        c, a, b = (np.asarray(finders[i][0], float) for i in (corner, along, down))
        u, v = a - c, b - c
        lu, lv = float(np.linalg.norm(u)), float(np.linalg.norm(v))
        if lu == 0 or lv == 0 or u[0] * v[1] - u[1] * v[0] <= 0:
            continue
        error = abs(float(np.dot(u, v))) / lu / lv + abs(lu / lv - 1)
        if best is None or error < best[0]:
            best = (error, c, a, b)
    return best


def refine_finder(
    gray: np.ndarray, centre: np.ndarray, u: np.ndarray, v: np.ndarray
) -> np.ndarray | None:
    """The centre of the finder near ``centre``, by matching its picture drawn along the module
    vectors ``u`` (one module along the top row) and ``v`` (down the left column)."""
    up = RECOVER_UPSCALE
    reach = RECOVER_FINDER_REACH_MODULES * max(np.linalg.norm(u), np.linalg.norm(v))
    extent = 4.5 * (np.abs(u) + np.abs(v))  # half the 9-module picture's bounding box
    x0, y0 = np.floor(centre - extent - reach).astype(int)
    x1, y1 = np.ceil(centre + extent + reach).astype(int) + 1
    if x0 < 0 or y0 < 0 or x1 > gray.shape[1] or y1 > gray.shape[0]:
        return None
    crop = cv2.resize(
        gray[y0:y1, x0:x1].astype(np.float32),
        None,
        fx=up,
        fy=up,
        interpolation=cv2.INTER_CUBIC,
    )
    half = np.ceil(extent * up).astype(int)
    tw, th = 2 * half + 1
    a = np.array([[u[0], v[0]], [u[1], v[1]]]) * up
    # the picture's pixel (j, i) has its centre at (j, i): module centre 4 is the finder's centre
    warp = np.hstack([a, (half - a @ np.array([4.0, 4.0]))[:, None]]).astype(np.float32)
    picture = np.where(finder_picture(), 0.0, 255.0).astype(np.float32)
    template = cv2.warpAffine(
        picture, warp, (int(tw), int(th)), flags=cv2.INTER_LINEAR, borderValue=255.0
    )
    mask = cv2.warpAffine(np.ones(picture.shape, np.float32), warp, (int(tw), int(th)))
    if crop.shape[0] < th or crop.shape[1] < tw:
        return None
    scores = cv2.matchTemplate(
        crop, template, cv2.TM_CCOEFF_NORMED, mask=(mask > 0.5).astype(np.float32)
    )
    scores = np.nan_to_num(scores, nan=-1.0, posinf=-1.0, neginf=-1.0)
    _, _, _, best = cv2.minMaxLoc(scores)
    return np.array([x0, y0], float) + (np.array(best, float) + half) / up


def module_grid(
    c: np.ndarray, a: np.ndarray, b: np.ndarray, shift: tuple[float, float], scale: float
) -> np.ndarray:
    """Affine map (2 x 3) from module coordinates (column, row; the symbol's top-left corner is
    (0, 0)) to image px, from the finders' centres, shifted (in modules) and scaled about the
    symbol's centre."""
    u, v = (a - c) / FINDER_SPAN, (b - c) / FINDER_SPAN
    m = np.array([[u[0], v[0]], [u[1], v[1]]])
    centre_px = c + m @ np.array([QR_MODULES / 2 - FINDER_CENTRE] * 2)
    m_scaled = m * scale
    offset = centre_px + m @ np.asarray(shift) - m_scaled @ np.array([QR_MODULES / 2] * 2)
    return np.hstack([m_scaled, offset[:, None]])


def sample_modules(gray: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Grey level at each module's centre (bilinear), 21 x 21."""
    cols, rows = np.meshgrid(np.arange(QR_MODULES) + 0.5, np.arange(QR_MODULES) + 0.5)
    x = grid[0, 0] * cols + grid[0, 1] * rows + grid[0, 2]
    y = grid[1, 0] * cols + grid[1, 1] * rows + grid[1, 2]
    return cv2.remap(
        gray, x.astype(np.float32), y.astype(np.float32), cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )


def module_bits(values: np.ndarray) -> np.ndarray:
    """Dark modules: below the midpoint of the known dark and known light modules' levels."""
    dark = float(np.median(values[KNOWN & KNOWN_DARK]))
    light = float(np.median(values[KNOWN & ~KNOWN_DARK]))
    return values < (dark + light) / 2


def clean_symbol(bits: np.ndarray) -> np.ndarray:
    """The sampled symbol redrawn sharp for a decoder: function patterns as they must be, the
    data and format modules as sampled, in a white quiet zone."""
    modules = np.where(KNOWN, KNOWN_DARK, bits)
    image = np.kron(
        np.where(modules, 0, 255).astype(np.uint8),
        np.ones((RENDER_MODULE_PX, RENDER_MODULE_PX), np.uint8),
    )
    return np.pad(image, RENDER_QUIET_MODULES * RENDER_MODULE_PX, constant_values=255)


def module_errors(text: str, bits: np.ndarray) -> int:
    """How many sampled modules (outside the function patterns) differ from the symbol that
    ``text`` prints as, with whichever of the 8 masks fits best."""
    symbols = printed_symbols(text)
    if symbols is None:
        return QR_MODULES * QR_MODULES
    return int(((symbols != bits[None]) & ~KNOWN[None]).sum(axis=(1, 2)).min())


@functools.lru_cache(maxsize=256)
def printed_symbols(text: str) -> np.ndarray | None:
    """The 8 masked version-1 symbols of ``text`` (None if it does not fit version 1)."""
    try:
        return candidates(text)[0]
    except QrCapacityError:
        return None


def accepted(text: str, bits: np.ndarray) -> bool:
    """A decoded text is kept only if it names one of our cards (check character included) and
    its symbol is within RECOVER_MAX_MODULE_ERRORS of what was sampled."""
    if not is_ours(text):
        return False
    try:
        parse(text)
    except PayloadError:
        return False
    return module_errors(text, bits) <= RECOVER_MAX_MODULE_ERRORS


def decode_grid(gray: np.ndarray, finders: list[Finder]) -> CodeHit | None:
    """The code whose finders are ``finders`` (three or more, one code's), read from its module
    grid; None unless a text is certain."""
    found = l_of(finders)
    if found is None or found[0] > RECOVER_MAX_L_ERROR:
        return None
    _, c, a, b = found
    for _ in range(2):  # a second pass with the better grid moves centres by < 0.25 px
        u, v = (a - c) / FINDER_SPAN, (b - c) / FINDER_SPAN
        refined = [refine_finder(gray, p, u, v) for p in (c, a, b)]
        if refined[0] is None or refined[1] is None or refined[2] is None:
            return None
        c, a, b = refined[0], refined[1], refined[2]
    image = gray.astype(np.float32)
    shifts = [0.0] + [s for r in RECOVER_GRID_SHIFTS_MODULES for s in (-r, r)]
    for scale in RECOVER_GRID_SCALES:
        for shift in itertools.product(shifts, shifts):
            grid = module_grid(c, a, b, shift, scale)
            text = read_modules(module_bits(sample_modules(image, grid)))
            if text is not None:
                corners = np.array([[0, 0], [QR_MODULES, 0], [QR_MODULES] * 2, [0, QR_MODULES]])
                corners_px = corners @ grid[:, :2].T + grid[:, 2]
                return CodeHit(text, corners_px.astype(np.float64), "grid")
    return None


def read_modules(bits: np.ndarray) -> str | None:
    """The text of a sampled 21 x 21 symbol (True = dark) when it is certain: decoded by zxing-cpp
    (format bits and Reed-Solomon checked) and ``accepted``; else None."""
    for hit in read_zxing(clean_symbol(bits), downscale=False):
        if accepted(hit.text, bits):
            return hit.text
    return None


def recover_lost(gray: np.ndarray, search: Search) -> list[CodeHit]:
    """Read the lost windows of ``search`` from their finders; the codes read are added to
    ``search.hits`` and their windows leave ``search.lost``. At most RECOVER_MAX_WINDOWS windows,
    each a bounded number of small decodes; skipped (and counted) once the budget is spent."""
    found: list[CodeHit] = []
    still_lost = []
    left = unexplained(search.finders, search.hits)
    for n, window in enumerate(search.lost):
        if n >= RECOVER_MAX_WINDOWS or not search.budget.left():
            search.budget.skip("lost_retries")
            still_lost.append(window)
            continue
        x0, y0, x1, y1 = window
        inside = [f for f in left if x0 <= f[0][0] <= x1 and y0 <= f[0][1] <= y1]
        hit = decode_grid(gray, inside)
        if hit is None or any(hit.text == h.text for h in search.hits + found):
            still_lost.append(window)
        else:
            found.append(hit)
    search.hits.extend(found)
    search.lost = still_lost
    return found
