"""A blurred photo's blur, measured on the photo itself, and undone before a second code search
(issue 8, point 4).

At 2.0-2.7 px/mm a code's module is 3-4 px: a hand shaking 5-8 px or a soft focus of 2 px
erases its finders' one-module rings, and the code search sees no finder at all, so nothing
tells the scanner a card is there. Here:

1. ``photo_blur`` measures the blur on the photo's most contrasted patches (printed cards, their
   codes and text, the wall's own edges: a shaken photo is shaken everywhere), the way
   ``scan.locate.code_blur`` measures it on decoded codes: the steepest edge over the contrast
   in each of 16 directions. The softest direction is the motion's; a motion smears one
   direction only (anisotropy >= BLUR_MOTION_ANISOTROPY), a soft focus all of them.
2. ``psf_of`` turns it into the blur's picture: a line DEBLUR_LENGTH_PER_SHARPNESS / sharpness
   px long along the motion, or a Gaussian of DEBLUR_SIGMA_PER_SHARPNESS / sharpness px.
3. ``deblurred`` undoes it on the whole photo with a Wiener filter (DEBLUR_WIENER_NOISE keeps the
   sensor noise and JPEG blocks from being amplified), applied as a small spatial kernel
   (DEBLUR_KERNEL_PX): ~0.3 s for 12 MP on one core, a fifth of a whole-photo FFT.

``deblur_pass`` then decodes and searches finders on the deblurred copy, after the ordinary
code search (``scan.locate.search_codes``), only when the photo is blurred (sharpness <
DEBLUR_BELOW_SHARPNESS) and within the photo's time budget. The codes found this way are
ordinary decoded texts (zxing or pyzbar read them; nothing is guessed); their decoder is marked
DEBLURRED: their cards' readings are proposals only, and the photo says it is too blurred.
Lost windows (three finders, no text) go to scan/recover.py like the first search's.
"""

from __future__ import annotations

import cv2
import numpy as np

from printables.layout import QR_MODULES
from scan.locate import (
    FINDERS_PER_CODE,
    Blur,
    Search,
    blur_of,
    byte_percentiles,
    decode_window,
    find_finder_candidates,
    gaussian_psf,
    line_kernel,
    lost_codes,
    merge_finders,
    paired,
    read_zxing,
    same_code,
    steepness_in,
    subpixel_line_kernel,
    unexplained,
    windows_around,
)
from scan.results import CodeHit
from scan.thresholds import (
    BLUR_MOTION_ANISOTROPY,
    BLUR_PASS_BELOW_PX_PER_MODULE,
    DEBLUR_BELOW_SHARPNESS,
    DEBLUR_CODES_BELOW_SHARPNESS,
    DEBLUR_KERNEL_PX,
    DEBLUR_LENGTH_PER_SHARPNESS,
    DEBLUR_LENGTH_RANGE_PX,
    DEBLUR_PATCH_MIN_CONTRAST,
    DEBLUR_PATCH_MIN_GREY,
    DEBLUR_PATCH_PX,
    DEBLUR_PATCHES,
    DEBLUR_SHARP_PATCHES_PERCENTILE,
    DEBLUR_SIGMA_PER_SHARPNESS,
    DEBLUR_SIGMA_RANGE_PX,
    DEBLUR_SOFT_WALL_SHARE,
    DEBLUR_UNMEASURED_SHAKE_PX,
    DEBLUR_UNREAD_CARD_BELOW_SHARPNESS,
    DEBLUR_WIENER_NOISE,
    FULL_FRAME_TRY_INVERT,
    MAX_FINDER_WINDOWS,
)

DEBLURRED = "+deblur"  # the mark of a code read on the deblurred photo (CodeHit.decoder)
PATCH_SCAN_SHRINK = 8  # patches ranked on the photo shrunk this much (a few ms)
DIRECTIONS_FINE_DEG = np.arange(0.0, 180.0, 11.25)


def contrasted_patches(gray: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The DEBLUR_PATCHES squares of DEBLUR_PATCH_PX (top-left, bottom-right corners, px) whose
    local contrast (3 x 3 max - min on the photo shrunk PATCH_SCAN_SHRINK times) is highest."""
    f = PATCH_SCAN_SHRINK
    small = cv2.resize(gray, None, fx=1 / f, fy=1 / f, interpolation=cv2.INTER_AREA)
    kernel = np.ones((3, 3), np.uint8)
    spread = (cv2.dilate(small, kernel).astype(np.float32) - cv2.erode(small, kernel))
    block = DEBLUR_PATCH_PX // f
    rows, cols = spread.shape[0] // block, spread.shape[1] // block
    if rows == 0 or cols == 0:
        return []
    energy = spread[: rows * block, : cols * block].reshape(rows, block, cols, block).mean((1, 3))
    order = np.argsort(energy.ravel())[::-1][: 3 * DEBLUR_PATCHES]
    side = DEBLUR_PATCH_PX
    boxes = [
        (np.array([(i % cols) * side, (i // cols) * side]),
         np.array([(i % cols + 1) * side, (i // cols + 1) * side]))
        for i in order.tolist()
    ]
    # a patch mostly of flat paper or wall (a code in one corner) has a low contrast, and its
    # noise, not its edges, sets its steepness: only patches nearly as contrasted as the best
    contrasts = [spread_5_95(gray[y0:y1, x0:x1]) for (x0, y0), (x1, y1) in boxes]
    floor = max(DEBLUR_PATCH_MIN_CONTRAST * max(contrasts, default=0.0), DEBLUR_PATCH_MIN_GREY)
    return [b for b, c in zip(boxes, contrasts, strict=True) if c >= floor][:DEBLUR_PATCHES]


def spread_5_95(patch: np.ndarray) -> float:
    """The 95th minus the 5th percentile of a patch's grey levels (counted on bytes)."""
    if patch.dtype == np.uint8:
        low, high = byte_percentiles(patch, (5, 95))
        return high - low
    return float(np.subtract(*np.percentile(patch, [95, 5])))


def photo_blur(gray: np.ndarray, codes: Blur | None = None) -> Blur | None:
    """The photo's blur from its most contrasted patches; None for a photo too small or too flat
    to measure (no patch of DEBLUR_PATCH_MIN_GREY grey levels). ``codes``: the blur measured on
    the codes read (or their finders), printed edges; a patch measuring under
    DEBLUR_SOFT_WALL_SHARE of their sharpness measured a wall's own soft texture, not the blur,
    and is left out (the codes' blur itself when no patch is left); with no code read, so is a
    patch under that share of the patches' DEBLUR_SHARP_PATCHES_PERCENTILE."""
    per_patch = steepness_in(gray, contrasted_patches(gray), DIRECTIONS_FINE_DEG)
    if codes is not None and per_patch:
        floor = DEBLUR_SOFT_WALL_SHARE * codes.sharpness
        per_patch = [steepness for steepness in per_patch if min(steepness) >= floor]
        if not per_patch:
            return codes
    elif per_patch:  # no code to compare with: the photo's sharper patches (printed edges) are
        # the reference (DEBLUR_SHARP_PATCHES_PERCENTILE)
        floor = DEBLUR_SOFT_WALL_SHARE * float(
            np.percentile([min(steepness) for steepness in per_patch],
                          DEBLUR_SHARP_PATCHES_PERCENTILE)
        )
        per_patch = [steepness for steepness in per_patch if min(steepness) >= floor]
    blur = blur_of(per_patch, DIRECTIONS_FINE_DEG)
    return blur if blur is not None and blur.sharpness > 0 else None


def psf_of(blur: Blur, subpixel: bool = False) -> np.ndarray:
    """The blur's picture (sums to 1): a line along a motion (DEBLUR_UNMEASURED_SHAKE_PX long
    when it measured longer than DEBLUR_LENGTH_RANGE_PX), else a Gaussian. ``subpixel``:
    the line with its ends between pixels (``subpixel_line_kernel``, for a code's window); the
    whole photo is still deblurred by the line on whole pixels it was tuned with."""
    if blur.anisotropy >= BLUR_MOTION_ANISOTROPY:
        length = float(np.clip(DEBLUR_LENGTH_PER_SHARPNESS / blur.sharpness,
                               *DEBLUR_LENGTH_RANGE_PX))
        if DEBLUR_LENGTH_PER_SHARPNESS / blur.sharpness > DEBLUR_LENGTH_RANGE_PX[1]:
            length = DEBLUR_UNMEASURED_SHAKE_PX  # a wall's soft texture measured, not the shake
        return (subpixel_line_kernel if subpixel else line_kernel)(length, blur.angle_deg)
    sigma = float(np.clip(DEBLUR_SIGMA_PER_SHARPNESS / blur.sharpness, *DEBLUR_SIGMA_RANGE_PX))
    return gaussian_psf(sigma)


def wiener_kernel(psf: np.ndarray, noise: float = DEBLUR_WIENER_NOISE,
                  size: int = DEBLUR_KERNEL_PX) -> np.ndarray:
    """The Wiener inverse of ``psf`` as a spatial kernel of ``size`` x ``size`` px (odd), from
    its frequency response on a grid four times as big; sums to 1 (grey levels kept)."""
    n = 4 * size
    ph, pw = psf.shape
    padded = np.zeros((n, n), np.float32)
    padded[:ph, :pw] = psf
    padded = np.roll(padded, (-(ph // 2), -(pw // 2)), (0, 1))
    response = np.fft.fft2(padded)
    inverse = np.conj(response) / (np.abs(response) ** 2 + noise)
    kernel = np.fft.fftshift(np.real(np.fft.ifft2(inverse)))
    c, h = n // 2, size // 2
    kernel = kernel[c - h: c + h + 1, c - h: c + h + 1]
    return (kernel / kernel.sum()).astype(np.float32)


def deblurred(gray: np.ndarray, blur: Blur) -> np.ndarray:
    """``gray`` with ``blur`` undone (Wiener), as 8-bit grey."""
    return cv2.filter2D(gray, cv2.CV_8U, wiener_kernel(psf_of(blur)),
                        borderType=cv2.BORDER_REPLICATE)


def deblur_pass(gray: np.ndarray, search: Search) -> list[CodeHit]:
    """A second code search on the deblurred photo, when the photo is blurred (its patches, or
    the codes read: DEBLUR_CODES_BELOW_SHARPNESS) and its codes (if any was read) small
    (< BLUR_PASS_BELOW_PX_PER_MODULE px per module), or shaken while the photo shows the
    markers of a card none of them explains (``bymarkers.unread_card_markers``; codes big, or
    under DEBLUR_UNREAD_CARD_BELOW_SHARPNESS on a photo whose patches look sharp): a full-frame
    decode, then finders searched tile by tile and their windows decoded, as the first search
    did on the photo itself. Adds the new codes (decoder ``…+deblur``) to ``search.hits``, its
    finders to ``search.finders``, the windows still unread to ``search.lost``; sets
    ``search.blur`` from the photo when no code was decoded to measure it on. Within the
    budget: skipped (``deblur``) when it is spent."""
    codes_shaken = search.blur is not None and search.blur.sharpness < DEBLUR_CODES_BELOW_SHARPNESS
    big = bool(search.hits) and min(h.side_px for h in search.hits) / QR_MODULES >= (
        BLUR_PASS_BELOW_PX_PER_MODULE
    )  # codes this big keep their finders' rings through such blur; but a wall seen at an
    if big and not codes_shaken:  # angle has smaller cards further off, whose rings a shake
        return []  # erases (3854)
    if not search.budget.left():
        search.budget.skip("deblur")
        return []
    if big and not unread_card_markers_seen(gray, search.hits):
        return []  # ... only when the photo shows markers of a card no code read explains
    blur = photo_blur(gray, search.blur)
    search.photo_blur = blur
    if blur is None:
        return []
    if blur.sharpness >= DEBLUR_BELOW_SHARPNESS and not codes_shaken and not (
        search.blur is not None  # codes a little less shaken: only for a card none explains
        and search.blur.sharpness < DEBLUR_UNREAD_CARD_BELOW_SHARPNESS
        and unread_card_markers_seen(gray, search.hits)
    ):
        return []
    if search.blur is None:
        search.blur = blur
    sharp = deblurred(gray, blur)
    search.deblurred = sharp
    found: list[CodeHit] = []

    def keep(hits: list[CodeHit]) -> None:
        for hit in hits:
            if not any(same_code(hit, kept) for kept in search.hits + found):
                found.append(CodeHit(hit.text, hit.corners_px, hit.decoder + DEBLURRED,
                                     hit.oriented))

    keep(read_zxing(sharp, invert=FULL_FRAME_TRY_INVERT))  # a whole frame: as the first
    finders = find_finder_candidates(sharp, search.budget, despeckle=True)
    candidates = paired(unexplained(finders, search.hits + found))
    windows = windows_around(candidates, gray.shape)
    for n, (window, px_per_module) in enumerate(windows[:MAX_FINDER_WINDOWS]):
        if not search.budget.left():
            search.budget.skip("deblur_windows", min(len(windows), MAX_FINDER_WINDOWS) - n)
            break
        keep(decode_window(sharp, window, px_per_module, budget=search.budget))
    search.hits.extend(found)
    old_lost = [w for w in search.lost if not explained(w, search)]
    new_lost = [
        w for w in lost_codes(candidates, windows, search.hits)
        if not any(overlap(w, o) for o in old_lost)
    ]
    search.lost = old_lost + new_lost
    first = len(search.finders)
    search.finders = merge_finders(search.finders, finders)
    search.deblurred_finders = search.finders[first:]
    return found


def unread_card_markers_seen(gray: np.ndarray, hits: list[CodeHit]) -> bool:
    """``bymarkers.unread_card_markers`` (bymarkers builds on this module)."""
    from scan.bymarkers import unread_card_markers

    return unread_card_markers(gray, hits)


def is_deblurred(hit: CodeHit) -> bool:
    """A code read only on the deblurred photo (``deblur_pass``)."""
    return hit.decoder.endswith(DEBLURRED)


def explained(window: tuple[int, int, int, int], search: Search) -> bool:
    """A lost window that holds a code decoded since, and no longer three finder patterns that
    no decoded code explains (a window may hold a code read and another one lost)."""
    x0, y0, x1, y1 = window
    if not any(x0 <= h.centre_px[0] <= x1 and y0 <= h.centre_px[1] <= y1 for h in search.hits):
        return False
    left = [f for f in unexplained(search.finders, search.hits)
            if x0 <= f[0][0] <= x1 and y0 <= f[0][1] <= y1]
    return len(left) < FINDERS_PER_CODE


def overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
