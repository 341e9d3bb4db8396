"""A code seen in a mirror: a reflection (a mirror or a window beside the wall) or a photo that
the phone's front camera stored mirrored.

zxing-cpp reads a mirrored QR code, and reports it where a turned code would be: a mirrored
symbol's three finders sit where a symbol turned a quarter would have them. The card would then
be placed turned by a quarter about its code, every box and field read where another one is
printed (in the probe of issue 8, a mirrored photo read 9 written fields as blank). Geometry
cannot tell the two apart; the modules can: sampled in the order the corners give, a mirrored
symbol matches its printed modules transposed (mirrored across the diagonal), not as printed.
"""

from __future__ import annotations

import cv2
import numpy as np

from printables.layout import QR_MODULES
from scan.codebook import printed_symbol
from scan.recover import KNOWN
from scan.results import CodeHit
from scan.thresholds import MIRROR_MIN_AGREEMENT_GAIN

FREE = ~KNOWN  # data and format modules: where a symbol and its mirror image differ


def module_samples(gray: np.ndarray, corners_px: np.ndarray) -> np.ndarray:
    """The photo's grey at the centre of each of the 21 x 21 modules, in the corners' order."""
    n = QR_MODULES
    square = np.array([[0, 0], [n, 0], [n, n], [0, n]], np.float32)
    to_px = cv2.getPerspectiveTransform(square, np.asarray(corners_px, np.float32))
    centres = np.stack(np.meshgrid(np.arange(n), np.arange(n)), -1) + 0.5
    px = cv2.perspectiveTransform(centres.reshape(-1, 1, 2).astype(np.float32), to_px)
    x = np.clip(np.rint(px[:, 0, 0]).astype(int), 0, gray.shape[1] - 1)
    y = np.clip(np.rint(px[:, 0, 1]).astype(int), 0, gray.shape[0] - 1)
    return gray[y, x].reshape(n, n).astype(np.float32)


def agreements(symbol: np.ndarray, dark: np.ndarray) -> tuple[float, float]:
    """Share of the free modules agreeing with ``symbol`` as printed (in any of its four turns,
    the corner order of some decoders does not follow the symbol) and with its mirror image."""
    def best(s: np.ndarray) -> float:
        return max(float((np.rot90(dark, k)[FREE] == s[FREE]).mean()) for k in range(4))
    return best(symbol), best(symbol.T)


def is_mirrored(gray: np.ndarray, hit: CodeHit) -> bool:
    """Does the photo show ``hit``'s code mirrored? Only for our own codes (their printed
    symbol is known); a sample too poor to tell (blur) answers False, as before this test."""
    symbol = printed_symbol(hit.text)
    if symbol is None or hit.corners_px.shape != (4, 2):
        return False
    grey = module_samples(gray, hit.corners_px)
    lo, hi = np.percentile(grey, (10, 90))
    if hi - lo < 1.0:
        return False
    dark = grey < (lo + hi) / 2
    direct, mirrored = agreements(symbol.astype(bool), dark)
    return mirrored >= direct + MIRROR_MIN_AGREEMENT_GAIN
