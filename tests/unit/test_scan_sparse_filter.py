"""scan.strokes.sparse_filter: a thin kernel's filtering is cv2.filter2D's, in pieces.

OpenCV filters a kernel of 13 px or more as a dense one, every zero multiplied: the faint-stroke
ridges (18 directions, 3 bands each) and the faded-stroke lines (12 directions of 17 px) of one
vote strip took 0.03-0.15 s that way. ``sparse_filter`` applies the kernel as its four quarters
round its centre, each cut to its own taps: the same values (to float rounding), borders
reflected as filter2D reflects them, whatever the kernel's shape and where its taps lie.
"""

import cv2
import numpy as np
import pytest

from scan.strokes import sparse_filter, third_kernels


def line(n, deg):
    """``votes.line_contrast``'s kernel: a 1 px line of ``n`` px through the centre."""
    kernel = np.zeros((n, n), np.float32)
    c, r = n // 2, n / 2
    dx, dy = np.cos(np.deg2rad(deg)) * r, np.sin(np.deg2rad(deg)) * r
    cv2.line(kernel, (round(c - dx), round(c - dy)), (round(c + dx), round(c + dy)), 1.0, 1)
    return kernel / kernel.sum()


def kernels():
    out = [line(17, deg) for deg in range(0, 180, 15)]
    for centre, left, right, _ in third_kernels(4.0):
        out += [centre, left, right]
    off = np.zeros((15, 15), np.float32)  # taps in one corner only, away from the centre
    off[0:3, 11:15] = 1.0 / 12
    out.append(off)
    out.append(np.zeros((15, 15), np.float32))  # no tap at all
    out.append(np.ones((3, 3), np.float32) / 9)  # small and dense
    return out


@pytest.mark.parametrize("index", range(len(kernels())))
def test_sparse_filter_is_filter2d(index):
    kernel = kernels()[index]
    rng = np.random.default_rng(index)
    image = (rng.random((61, 97)) * 255).astype(np.float32)
    image[20:24, :] = 10.0  # a dark line, and the borders, where reflection matters
    expected = cv2.filter2D(image, cv2.CV_32F, kernel)
    got = sparse_filter(image, kernel)
    assert got.shape == image.shape and got.dtype == np.float32
    np.testing.assert_allclose(got, expected, rtol=0, atol=2e-3)


def test_sparse_filter_pieces_are_small():
    """Each piece is under the size OpenCV multiplies densely (13 px): a 17 px diagonal line is
    two pieces of 9 x 9, not one of 17 x 17."""
    from scan.strokes import _pieces

    kernel = line(17, 45)
    pieces = _pieces(kernel.shape, kernel.tobytes())
    assert len(pieces) == 2
    assert all(max(part.shape) <= 9 for part, _ in pieces)
    assert sum(float(part.sum()) for part, _ in pieces) == pytest.approx(1.0)
