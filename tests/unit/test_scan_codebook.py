"""Lost codes named among the manifest's codes (issue 8 point 4, scan/codebook.py): a code too
soft for Reed-Solomon read when it can only be one of the workshop's cards, and never a code
nearer another code of our format, in the manifest or not."""

import numpy as np
import pytest

from printables.qr import qr_matrix
from scan.codebook import Codebook, codebook_of
from scan.recover import KNOWN, KNOWN_DARK, decode_grid, module_grid, read_modules, sampled_bits
from scan.thresholds import CODEBOOK_MAX_MODULE_ERRORS, CODEBOOK_MIN_MARGIN_MODULES
from tests.unit.test_scan_recover import CODE, NEAR_MISSES, soft_code, towards

FREE = int((~KNOWN).sum())


def flipped(bits: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """``bits`` with ``k`` of its data and format modules flipped at random."""
    free = np.argwhere(~KNOWN)
    picked = free[np.random.default_rng(seed).permutation(len(free))[:k]]
    out = bits.copy()
    out[picked[:, 0], picked[:, 1]] ^= True
    return out


@pytest.mark.parametrize("k", [6, 10, CODEBOOK_MAX_MODULE_ERRORS])
def test_a_code_beyond_correction_is_named_by_the_manifest(k):
    book = Codebook([CODE, *NEAR_MISSES])
    for seed in range(3):
        bits = flipped(qr_matrix(CODE), k, seed)
        assert book.match(bits) == (CODE, k)
        if k >= 10:
            assert read_modules(bits) is None  # what the decoder alone could not name


def test_too_many_wrong_modules_name_no_code():
    book = Codebook([CODE, *NEAR_MISSES])
    bits = flipped(qr_matrix(CODE), CODEBOOK_MAX_MODULE_ERRORS + 1)
    assert book.match(bits) is None
    assert Codebook([]).match(bits) is None and codebook_of(None) is None


@pytest.mark.parametrize("near", NEAR_MISSES)
def test_a_sample_nearer_another_code_never_names_a_manifest_code(near):
    ours, theirs = qr_matrix(CODE), qr_matrix(near)
    distance = int(((ours != theirs) & ~KNOWN).sum())
    assert distance > 2 * CODEBOOK_MAX_MODULE_ERRORS  # what makes the bound safe
    alone, both = Codebook([CODE]), Codebook([CODE, near])
    for k in range(distance + 1):
        bits = towards(ours, theirs, k)
        # the near miss is not in the manifest (another workshop's card, a card not printed)
        assert alone.match(bits) == ((CODE, k) if k <= CODEBOOK_MAX_MODULE_ERRORS else None)
        got = both.match(bits)
        if got is not None:  # named only far nearer one than the other
            errors = k if got[0] == CODE else distance - k
            assert errors <= CODEBOOK_MAX_MODULE_ERRORS
            assert (distance - errors) - errors >= CODEBOOK_MIN_MARGIN_MODULES


def test_manifest_of_invalid_codes_is_empty():
    book = codebook_of({"items": [{"code": "AK2-MOB26-F00001X"}, {"code": "HELLO"}, {}]})
    assert book is not None and book.symbols[0] == ()  # nothing to compare with
    assert book.match(qr_matrix(CODE)) is None


def test_soft_code_beyond_correction_read_by_the_manifest():
    img, (tl, tr, bl) = soft_code(CODE, 3.0, 2.0)
    finders = [(tl, 21.0), (tr, 21.0), (bl, 21.0)]
    assert decode_grid(img, finders) is None  # too soft for the decoder and its 5 modules
    hit = decode_grid(img, finders, codebook=Codebook([*NEAR_MISSES, CODE]))
    assert hit is not None and hit.text == CODE and hit.decoder == "manifest+deblur"
    u, v = (tr - tl) / 14, (bl - tl) / 14
    assert np.abs(hit.corners_px[0] - (tl - 3.5 * (u + v))).max() < 1.5
    assert decode_grid(img, finders, codebook=Codebook(NEAR_MISSES)) is None


def one_grid_bits(image: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """The grid sampled as decode_grid did it one grid at a time (the oracle of sampled_bits)."""
    import cv2

    cols, rows = np.meshgrid(np.arange(21) + 0.5, np.arange(21) + 0.5)
    x = grid[0, 0] * cols + grid[0, 1] * rows + grid[0, 2]
    y = grid[1, 0] * cols + grid[1, 1] * rows + grid[1, 2]
    values = cv2.remap(image, x.astype(np.float32), y.astype(np.float32), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
    dark = float(np.median(values[KNOWN & KNOWN_DARK]))
    light = float(np.median(values[KNOWN & ~KNOWN_DARK]))
    return values < (dark + light) / 2


def test_grids_sampled_at_once_as_one_at_a_time():
    img, (tl, tr, bl) = soft_code(CODE, 3.0, 2.0)
    image = img.astype(np.float32)
    rng = np.random.default_rng(3)
    grids = [module_grid(tl + rng.normal(0, 0.7, 2), tr + rng.normal(0, 0.7, 2),
                         bl + rng.normal(0, 0.7, 2), tuple(rng.uniform(-0.3, 0.3, 2)),
                         float(rng.uniform(0.98, 1.02)))
             for _ in range(60)]
    together = sampled_bits(image, grids)
    for grid, bits in zip(grids, together, strict=True):
        assert np.array_equal(bits, one_grid_bits(image, grid))
