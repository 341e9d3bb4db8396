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
from collections.abc import Iterator
from typing import TYPE_CHECKING

import cv2
import numpy as np

from printables.layout import QR_MODULES
from printables.payload import PayloadError, is_ours, parse
from printables.qr import QrCapacityError, candidates
from scan.deblur import DEBLURRED, explained, psf_of
from scan.locate import (
    FINDER_MODULES,
    Blur,
    Finder,
    Search,
    gaussian_psf,
    line_kernel,
    read_zxing,
    subpixel_line_kernel,
    unexplained,
)
from scan.results import CodeHit
from scan.thresholds import (
    BLUR_LENGTH_RANGE_PX,
    BLUR_PASS_BELOW_SHARPNESS,
    BLUR_SIGMA_PER_SHARPNESS,
    BLUR_SIGMA_RANGE_PX,
    DEBLUR_BELOW_SHARPNESS,
    FINDER_PAIR_SIZE_RANGE,
    RECOVER_DEFAULT_SIGMAS_PX,
    RECOVER_FINDER_REACH_MODULES,
    RECOVER_GRID_SCALES,
    RECOVER_GRID_SHIFTS_MODULES,
    RECOVER_MAX_FINDERS,
    RECOVER_MAX_FINDERS_PAIRED,
    RECOVER_MAX_L_ERROR,
    RECOVER_MAX_MODULE_ERRORS,
    RECOVER_MAX_PAIRS,
    RECOVER_MAX_WINDOWS,
    RECOVER_MIN_FINDER_MATCH,
    RECOVER_MIN_PATTERN_AGREEMENT,
    RECOVER_MODULE_WIDTH_RANGE,
    RECOVER_PAIR_WIDTHS,
    RECOVER_PSF_SHRINK,
    RECOVER_SEARCH_ANGLE_STEP_DEG,
    RECOVER_SEARCHED_LINES,
    RECOVER_SHARPER_MIN_MOVE_MODULES,
    RECOVER_THIRD_REACH_MODULES,
    RECOVER_UNMEASURED_SHAKES_PX,
    RECOVER_UPSCALE,
    RECOVER_WIENER_NOISE,
)

if TYPE_CHECKING:
    from scan.codebook import Codebook

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
MODULE_COLS, MODULE_ROWS = np.meshgrid(np.arange(QR_MODULES) + 0.5, np.arange(QR_MODULES) + 0.5)


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
    gray: np.ndarray,
    centre: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    reach_modules: float = RECOVER_FINDER_REACH_MODULES,
) -> tuple[np.ndarray, float] | None:
    """The centre of the finder near ``centre`` and how well it matches (normalised correlation),
    by matching its picture drawn along the module vectors ``u`` (one module along the top row)
    and ``v`` (down the left column)."""
    up = RECOVER_UPSCALE
    reach = reach_modules * max(np.linalg.norm(u), np.linalg.norm(v))
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
    _, score, _, best = cv2.minMaxLoc(scores)
    return np.array([x0, y0], float) + (np.array(best, float) + half) / up, float(score)


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


def clean_symbol(bits: np.ndarray) -> np.ndarray:
    """The sampled symbol redrawn sharp for a decoder: function patterns as they must be, the
    data and format modules as sampled, in a white quiet zone."""
    modules = np.where(KNOWN, KNOWN_DARK, bits)
    quiet = RENDER_QUIET_MODULES * RENDER_MODULE_PX
    # each module a square of RENDER_MODULE_PX (as np.kron drew it, 3 times as fast)
    image = cv2.resize(np.where(modules, 0, 255).astype(np.uint8), None, fx=RENDER_MODULE_PX,
                       fy=RENDER_MODULE_PX, interpolation=cv2.INTER_NEAREST)
    return cv2.copyMakeBorder(image, quiet, quiet, quiet, quiet, cv2.BORDER_CONSTANT, value=255)


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


def decode_grid(
    gray: np.ndarray,
    finders: list[Finder],
    blur: Blur | None = None,
    more_psfs: tuple[np.ndarray, ...] = (),
    codebook: Codebook | None = None,
    max_l_error: float = RECOVER_MAX_L_ERROR,
    sharper: np.ndarray | None = None,
) -> CodeHit | None:
    """The code whose finders are ``finders`` (three or more, one code's), read from its module
    grid; None unless a text is certain. ``blur``: the photo's measured blur, undone on the code's
    window (Wiener) when the plain samples give no text; ``more_psfs``: blurs tried after it
    (the one measured on the whole photo, scan.deblur). When no sample decodes, ``codebook``
    (the manifest's codes, scan/codebook.py) may still name it: decoder ``manifest+deblur``.
    ``max_l_error``: how far from a square L the three finders may be (finders placed by a
    card's markers are as oblique as its marker rectangle was allowed to be). ``sharper``: the
    photo deblurred (scan.deblur), where the finders are refined again when no sample was read
    nor named, and the L they give there read too if it is at least
    RECOVER_SHARPER_MIN_MOVE_MODULES away: along a long shake a finder's picture matches the
    photo as it is almost as well half a module further on, and the refined L drifts off the
    code's grid."""
    found = l_of(finders[:RECOVER_MAX_FINDERS])
    if found is None or found[0] > max_l_error:
        return None
    _, c, a, b = found
    tried: set[bytes] = set()  # symbols already given to the decoder: neighbouring grids often
    matches: list[tuple[int, str, np.ndarray]] = []  # (module errors, code, grid) by codebook
    refined = refined_l(gray, c, a, b)
    if refined is not None:
        hit = decoded_at(gray, refined, blur, more_psfs, codebook, tried, matches)
        if hit is not None:
            return hit
    if sharper is not None and not matches:  # what was read or named before stays so
        again = refined_l(sharper, c, a, b)
        module = float(np.linalg.norm(a - c)) / FINDER_SPAN
        if again is not None and (refined is None or max(
            float(np.linalg.norm(p - q)) for p, q in zip(again, refined, strict=True)
        ) >= RECOVER_SHARPER_MIN_MOVE_MODULES * module):
            hit = decoded_at(gray, again, blur, more_psfs, codebook, tried, matches)
            if hit is not None:
                return hit
    return matched_hit(matches)


def decoded_at(
    gray: np.ndarray,
    finders: tuple[np.ndarray, np.ndarray, np.ndarray],
    blur: Blur | None,
    more_psfs: tuple[np.ndarray, ...],
    codebook: Codebook | None,
    tried: set[bytes],
    matches: list[tuple[int, str, np.ndarray]],
) -> CodeHit | None:
    """``decode_grid``'s reading of the grid the three refined finders' centres (corner, along
    the top row, down the left column) give: the text decoded, or None, the samples the codebook
    names added to ``matches`` (grid in photo px) and those tried to ``tried``."""
    c, a, b = finders
    # the code's window, with room for the grid's shifts and the blur's spread
    reach = np.linalg.norm(a - c) / FINDER_SPAN * (FINDER_CENTRE + 3) + 10
    x0, y0 = np.maximum(np.floor(np.minimum(np.minimum(c, a), b) - reach), 0).astype(int)
    x1, y1 = np.ceil(np.maximum(np.maximum(c, a), b) + reach).astype(int) + 1
    window = gray[y0:y1, x0:x1].astype(np.float32)
    origin = np.array([x0, y0], float)
    c, a, b = c - origin, a - origin, b - origin
    shifts = [0.0] + [s for r in RECOVER_GRID_SHIFTS_MODULES for s in (-r, r)]
    grids = [module_grid(c, a, b, shift, scale)
             for scale in RECOVER_GRID_SCALES for shift in itertools.product(shifts, shifts)]
    # the lines with their ends on whole pixels first, then where they fall (a measured angle
    # is 11-22 degrees coarse: either may be the nearer to the shake), each only if none read
    psfs = [*blur_psfs(blur), *more_psfs, *blur_psfs(blur, subpixel=True)]
    # then, when the blur measured is no shake's, the lines searched for (ranked only if
    # reached), whose samples the codebook never names
    images = itertools.chain(  # sample the same modules (same text or none: decoded once)
        [(window, True)], ((deconvolved(window, psf), True) for psf in psfs),
        ((deconvolved(window, psf), False) for psf in searched_lines(window, grids[0], blur)),
    )
    for image, named in images:
        sampled = sampled_bits(image, grids)
        agreements = pattern_agreements(sampled)
        for grid, bits, agreement in zip(grids, sampled, agreements, strict=True):
            if agreement < RECOVER_MIN_PATTERN_AGREEMENT:
                continue  # not a code's grid (a look-alike, or off by a module): no decode
            key = np.packbits(bits).tobytes()
            if key in tried:
                continue
            tried.add(key)
            near = codebook.nearest(bits) if codebook is not None else None
            # with a manifest, the decoder can only name one of its codes within
            # RECOVER_MAX_MODULE_ERRORS: it is not asked when none is that near
            if near is None or near[1] <= RECOVER_MAX_MODULE_ERRORS:
                text = read_modules(bits)
                if text is not None:
                    return CodeHit(text, symbol_corners(grid, origin), "grid")
            match = codebook.match(bits) if codebook is not None and named else None
            if match is not None:
                matches.append((match[1], match[0], grid_in_photo(grid, origin)))
    return None


def grid_in_photo(grid: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """A module grid (2 x 3) on a window whose top-left is ``origin``, on the photo."""
    return np.hstack([grid[:, :2], (grid[:, 2] + origin)[:, None]])


def searched_lines(
    window: np.ndarray, grid: np.ndarray, blur: Blur | None
) -> Iterator[np.ndarray]:
    """When ``blur`` measured a soft focus wider than BLUR_SIGMA_RANGE_PX (a wall's soft texture
    outweighing the cards among the photo's patches, not the shake): motion lines of each of
    RECOVER_UNMEASURED_SHAKES_PX every RECOVER_SEARCH_ANGLE_STEP_DEG, the RECOVER_SEARCHED_LINES
    whose deblurring of ``window`` sets the code's own patterns apart best on ``grid`` (its known
    dark and light modules: the gap of their means over their spread; a wrong line smears or
    rings them together)."""
    if blur is None or blur.motion or (
        BLUR_SIGMA_PER_SHARPNESS / blur.sharpness <= BLUR_SIGMA_RANGE_PX[1]
    ):
        return
    scored: list[tuple[float, int, np.ndarray]] = []
    spectrum = np.fft.rfft2(window - float(window.mean()))
    for angle in np.arange(0.0, 180.0, RECOVER_SEARCH_ANGLE_STEP_DEG):
        for length in RECOVER_UNMEASURED_SHAKES_PX:
            psf = subpixel_line_kernel(length, float(angle))
            image = deconvolved(window, psf, spectrum)
            scored.append((pattern_contrast(image, grid), len(scored), psf))
    scored.sort(key=lambda s: (-s[0], s[1]))
    for _, _, psf in scored[:RECOVER_SEARCHED_LINES]:
        yield psf


def pattern_contrast(image: np.ndarray, grid: np.ndarray) -> float:
    """How far apart the known dark and light modules sampled on ``grid`` are: the gap of their
    means over their pooled standard deviation."""
    g = grid[:, :, None, None]
    x = g[0, 0] * MODULE_COLS + g[0, 1] * MODULE_ROWS + g[0, 2]
    y = g[1, 0] * MODULE_COLS + g[1, 1] * MODULE_ROWS + g[1, 2]
    values = cv2.remap(image, x.astype(np.float32), y.astype(np.float32), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
    dark, light = values[KNOWN & KNOWN_DARK], values[KNOWN & ~KNOWN_DARK]
    spread = np.sqrt((float(dark.var()) + float(light.var())) / 2) + 1e-6
    return float(light.mean() - dark.mean()) / float(spread)


def sampled_bits(image: np.ndarray, grids: list[np.ndarray]) -> np.ndarray:
    """The modules sampled on each of ``grids`` (n x 21 x 21, True = dark): each module's grey
    level at its centre (bilinear, one remap for all), dark when below the midpoint of the known
    dark and known light modules' median levels on that grid."""
    g = np.array(grids)[:, :, :, None, None]
    x = g[:, 0, 0] * MODULE_COLS + g[:, 0, 1] * MODULE_ROWS + g[:, 0, 2]
    y = g[:, 1, 0] * MODULE_COLS + g[:, 1, 1] * MODULE_ROWS + g[:, 1, 2]
    n = len(grids)
    values = cv2.remap(
        image, x.reshape(n * QR_MODULES, QR_MODULES).astype(np.float32),
        y.reshape(n * QR_MODULES, QR_MODULES).astype(np.float32), cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    ).reshape(n, QR_MODULES, QR_MODULES)
    dark = np.median(values[:, KNOWN & KNOWN_DARK], axis=1).astype(np.float64)
    light = np.median(values[:, KNOWN & ~KNOWN_DARK], axis=1).astype(np.float64)
    return values < ((dark + light) / 2)[:, None, None]


def symbol_corners(grid: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """The symbol's four corners in the photo (px, clockwise from its top-left) from its module
    grid on a window whose top-left is ``origin``."""
    corners = np.array([[0, 0], [QR_MODULES, 0], [QR_MODULES] * 2, [0, QR_MODULES]])
    return (corners @ grid[:, :2].T + grid[:, 2] + origin).astype(np.float64)


def matched_hit(matches: list[tuple[int, str, np.ndarray]]) -> CodeHit | None:
    """The code the codebook named, placed by its nearest sample's grid; None when no sample
    was near a code, or when two samples of one window named different codes (then none is
    certain). Marked DEBLURRED: its card is as blurred as its code (readings capped)."""
    if not matches or len({text for _, text, _ in matches}) > 1:
        return None
    _, text, grid = min(matches, key=lambda m: m[0])
    return CodeHit(text, symbol_corners(grid, np.zeros(2)), "manifest" + DEBLURRED)


def refined_l(
    gray: np.ndarray, c: np.ndarray, a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The three finders' centres refined on their picture (twice: the second pass, with the
    better grid, moves them by < 0.25 px); None if one is too close to the photo's edge."""
    for _ in range(2):
        u, v = (a - c) / FINDER_SPAN, (b - c) / FINDER_SPAN
        refined = [refine_finder(gray, p, u, v) for p in (c, a, b)]
        if refined[0] is None or refined[1] is None or refined[2] is None:
            return None
        c, a, b = refined[0][0], refined[1][0], refined[2][0]
    return c, a, b


def pattern_agreement(bits: np.ndarray) -> float:
    """Share of the function-pattern modules (finders, separators, timing) sampled right."""
    return float(pattern_agreements(bits[None])[0])


def pattern_agreements(bits: np.ndarray) -> np.ndarray:
    """``pattern_agreement`` of n sampled symbols (n x 21 x 21) at once."""
    return (bits[:, KNOWN] == KNOWN_DARK[KNOWN]).mean(axis=1)


def blur_psfs(blur: Blur | None, subpixel: bool = False) -> list[np.ndarray]:
    """The blurs to undo, from the one measured on the photo's codes: a line along a motion
    (sharpness ~ 1 / its length), a Gaussian for a soft focus (~ 0.4 / sigma); each at the
    measured size and RECOVER_PSF_SHRINK of it (an over-estimated blur rings). ``subpixel``:
    only the motion's lines, their ends where they fall (``subpixel_line_kernel``); those of
    RECOVER_UNMEASURED_SHAKES_PX when the motion measured longer than BLUR_LENGTH_RANGE_PX."""
    if blur is None:
        return [] if subpixel else [gaussian_psf(s) for s in RECOVER_DEFAULT_SIGMAS_PX]
    if blur.motion:
        line = subpixel_line_kernel if subpixel else line_kernel
        length = 1.0 / blur.sharpness
        if subpixel and length > BLUR_LENGTH_RANGE_PX[1]:
            # longer than a code is read through: a wall's soft texture measured, not the
            # shake, whose length is unknown (RECOVER_UNMEASURED_SHAKES_PX)
            return [line(shake, blur.angle_deg) for shake in RECOVER_UNMEASURED_SHAKES_PX]
        return [
            line(float(np.clip(length * f, *BLUR_LENGTH_RANGE_PX)), blur.angle_deg)
            for f in RECOVER_PSF_SHRINK
        ]
    if subpixel:
        return []
    sigma = BLUR_SIGMA_PER_SHARPNESS / blur.sharpness
    return [
        gaussian_psf(float(np.clip(sigma * f, *BLUR_SIGMA_RANGE_PX))) for f in RECOVER_PSF_SHRINK
    ]


def deconvolved(
    window: np.ndarray, psf: np.ndarray, window_spectrum: np.ndarray | None = None
) -> np.ndarray:
    """Wiener deconvolution of a small window by ``psf`` (RECOVER_WIENER_NOISE: the noise to
    signal power ratio that keeps noise and JPEG blocks from being amplified).
    ``window_spectrum``: the window's own (less its mean), when already computed."""
    kernel = np.zeros(window.shape, np.float32)
    ph, pw = psf.shape
    if ph > window.shape[0] or pw > window.shape[1]:
        return window
    kernel[:ph, :pw] = psf
    kernel = np.roll(kernel, (-(ph // 2), -(pw // 2)), (0, 1))
    spectrum = np.fft.rfft2(kernel)
    wiener = np.conj(spectrum) / (np.abs(spectrum) ** 2 + RECOVER_WIENER_NOISE)
    mean = float(window.mean())
    if window_spectrum is None:
        window_spectrum = np.fft.rfft2(window - mean)
    out = np.fft.irfft2(window_spectrum * wiener, s=window.shape) + mean
    return out.astype(np.float32)


def read_modules(bits: np.ndarray) -> str | None:
    """The text of a sampled 21 x 21 symbol (True = dark) when it is certain: decoded by zxing-cpp
    (format bits and Reed-Solomon checked) and ``accepted``; else None."""
    for hit in read_zxing(clean_symbol(bits), downscale=False):
        if accepted(hit.text, bits):
            return hit.text
    return None


def photo_psfs(search: Search) -> tuple[np.ndarray, ...]:
    """The blur measured on the whole photo (scan.deblur.photo_blur), when it was measured and
    found blurred: the code's own measure under-states a long motion (a 7.8 px motion measured
    5.3 px on codes, 6.9 px on the photo). A motion's line twice: its ends on whole pixels,
    then where they fall (``psf_of(..., subpixel=True)``)."""
    blur = search.photo_blur
    if blur is None or blur.sharpness >= DEBLUR_BELOW_SHARPNESS:
        return ()
    if not blur.motion:
        return (psf_of(blur),)
    return psf_of(blur), psf_of(blur, subpixel=True)


def recover_lost(gray: np.ndarray, search: Search) -> list[CodeHit]:
    """Read the codes ``search`` saw but did not read, from their finders: first its lost windows
    (three finders each), then pairs of finders whose third one was not found (blur). The codes
    read are added to ``search.hits``; the windows they explain leave ``search.lost``. Bounded:
    RECOVER_MAX_WINDOWS windows and RECOVER_MAX_PAIRS pairs, each a bounded number of small
    decodes; skipped (and counted) once the budget is spent."""
    found: list[CodeHit] = []
    still_lost = []
    left = unexplained(search.finders, search.hits)
    for n, window in enumerate(search.lost):
        if n >= RECOVER_MAX_WINDOWS or not search.budget.left():
            search.budget.skip("lost_retries")
            still_lost.append(window)
            continue
        x0, y0, x1, y1 = window
        if explained(window, search):
            continue  # read meanwhile (scan.bymarkers)
        inside = [f for f in left if x0 <= f[0][0] <= x1 and y0 <= f[0][1] <= y1]
        hit = decode_grid(gray, inside, search.blur, photo_psfs(search), search.codebook)
        if hit is None or any(hit.text == h.text for h in search.hits + found):
            still_lost.append(window)
        else:
            found.append(marked(hit, inside, search))
    search.hits.extend(found)
    search.lost = still_lost
    found += recover_pairs(gray, search)
    return found


def marked(hit: CodeHit, finders: list[Finder], search: Search) -> CodeHit:
    """``hit`` marked DEBLURRED when one of its finders was seen only on the deblurred photo:
    its card is that blurred (its readings are capped, scan.pipeline)."""
    if hit.decoder.endswith(DEBLURRED):
        return hit
    if any(f is g for f in finders for g in search.deblurred_finders):
        return CodeHit(hit.text, hit.corners_px, hit.decoder + DEBLURRED, hit.oriented)
    return hit


def recover_pairs(gray: np.ndarray, search: Search) -> list[CodeHit]:
    """Codes of which only two finders were found (blur erased the third's rings): the third is
    looked for where the code's square puts it, by its picture, and the grid read as above."""
    found: list[CodeHit] = []
    if search.blur is None or search.blur.sharpness >= BLUR_PASS_BELOW_SHARPNESS:
        return found  # a sharp photo keeps its finders: a lone pair is a look-alike
    pairs = finder_pairs(unexplained(search.finders, search.hits))
    for n, (p, q) in enumerate(pairs):
        if n >= RECOVER_MAX_PAIRS or not search.budget.left():
            search.budget.skip("lost_retries", max(len(pairs) - n, 0))
            break
        known = search.hits + found
        if any(inside_any(point[0], known) for point in (p, q)):
            continue  # read meanwhile, with another pair
        third = third_finder(gray, p, q)
        if third is None:
            continue
        hit = decode_grid(gray, [p, q, third], search.blur, photo_psfs(search), search.codebook)
        if hit is not None and not any(hit.text == h.text for h in known):
            hit = marked(hit, [p, q], search)
            found.append(hit)
            search.hits.append(hit)
    return found


def inside_any(point: np.ndarray, hits: list[CodeHit]) -> bool:
    return any(
        cv2.pointPolygonTest(h.corners_px.astype(np.float32), (float(point[0]), float(point[1])),
                             False) >= 0
        for h in hits
    )


def finder_pairs(finders: list[Finder]) -> list[tuple[Finder, Finder]]:
    """Pairs of finders of one size at a code's side (14 modules, 2 finder widths) or diagonal
    (2.8 widths) apart, best-shaped first (the finders come ranked)."""
    pairs = []
    low, high = FINDER_PAIR_SIZE_RANGE
    for i, j in itertools.combinations(range(min(len(finders), RECOVER_MAX_FINDERS_PAIRED)), 2):
        (p, wp), (q, wq) = finders[i], finders[j]
        if not low <= wq / wp <= high:
            continue
        distance = float(np.linalg.norm(q - p)) / ((wp + wq) / 2)
        if RECOVER_PAIR_WIDTHS[0] <= distance <= RECOVER_PAIR_WIDTHS[1]:
            pairs.append((finders[i], finders[j]))
    return pairs


def third_finder(gray: np.ndarray, p: Finder, q: Finder) -> Finder | None:
    """Where a code's third finder is, given two: the four places that make them a side of the
    square (either one at the corner, the third on either side) and the two that make them its
    diagonal. The pair's centres are refined first for each reading (a contour's centre is off
    by up to 2 px under blur, twice that once extrapolated); the place whose picture matches
    best is kept if it matches at least RECOVER_MIN_FINDER_MATCH."""
    a, b = np.asarray(p[0], float), np.asarray(q[0], float)
    width = (p[1] + q[1]) / 2
    best: tuple[float, np.ndarray] | None = None
    for diagonal in (False, True):
        span = float(np.linalg.norm(b - a))
        module = span / (FINDER_SPAN * (np.sqrt(2) if diagonal else 1.0))
        low, high = RECOVER_MODULE_WIDTH_RANGE
        if not low <= module / (width / FINDER_MODULES) <= high:
            continue
        unit = (b - a) / span
        u, v = unit * module, np.array([-unit[1], unit[0]]) * module
        if diagonal:  # the sides run at 45 degrees to the diagonal
            rot = np.array([[1.0, -1.0], [1.0, 1.0]]) / np.sqrt(2)
            u, v = rot @ u, rot @ v
        ra, rb = refine_finder(gray, a, u, v), refine_finder(gray, b, u, v)
        if ra is None or rb is None:
            continue
        fa, fb = ra[0], rb[0]
        perp = np.array([-(fb - fa)[1], (fb - fa)[0]])
        if diagonal:
            places = [(fa + fb) / 2 + perp / 2, (fa + fb) / 2 - perp / 2]
        else:
            places = [fa + perp, fa - perp, fb + perp, fb - perp]
        for place in places:
            found = refine_finder(gray, place, u, v, RECOVER_THIRD_REACH_MODULES)
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], found[0])
    if best is None or best[0] < RECOVER_MIN_FINDER_MATCH:
        return None
    return best[1], width
