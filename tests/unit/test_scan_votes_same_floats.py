"""scan.votes, scan.votearea and scan.bymarkers: the faster forms of a few steps (issue 8, the
time ratio) give the very floats of the forms they replace, so that no reading can change: a
pixel's distance to each colour centre, the counting area's pixels inside the photo, the ink
across a piece of the printed outline, the outline's correlation template (made once per size),
the first of each marker rectangle found from its several corners, and a tally profile padded
with its end values."""

import numpy as np
import pytest

from scan.bymarkers import first_of_each
from scan.thresholds import FRAME_MARGIN_PHOTO_PX, VOTE_COLOUR_SAMPLE
from scan.votearea import Piece, across_piece, outline_ink, outline_kernel, outline_profiles
from scan.votes import centre_distances, edge_padded, in_photo, two_means


@pytest.mark.parametrize("seed", range(20))
def test_centre_distances_are_numpys_norms(seed):
    rng = np.random.default_rng(seed)
    pixels = (rng.integers(0, 256, (int(rng.integers(2, 2000)), 3)) * [0.5, 1, 1]).astype(
        np.float32
    )
    centres = rng.normal(128, 40, (2, 3)).astype(np.float32)
    expected = np.stack([np.linalg.norm(pixels - c, axis=1) for c in centres])
    got = centre_distances(pixels, centres)
    assert got.dtype == expected.dtype and np.array_equal(got, expected)


def test_two_means_splits_two_colours_and_keeps_one():
    rng = np.random.default_rng(3)
    red = rng.normal((60, 170, 160), 2, (300, 3))
    blue = rng.normal((40, 120, 90), 2, (200, 3))
    centres = two_means(np.vstack([red, blue]).astype(np.float32))
    assert centres is not None
    assert sorted(np.round(centres[:, 1]).tolist()) == [120, 170]
    assert two_means(np.full((50, 3), 7.0, np.float32)) is None  # one colour: no two centres


def two_means_before(pixels, rounds=8):
    """``two_means`` as it was written before ``centre_distances`` (main de71dc4)."""
    if len(pixels) < 2:
        return None
    pixels = pixels[:: max(1, len(pixels) // VOTE_COLOUR_SAMPLE)]
    a = pixels[int(np.argmax(np.linalg.norm(pixels - pixels.mean(axis=0), axis=1)))]
    b = pixels[int(np.argmax(np.linalg.norm(pixels - a, axis=1)))]
    centres = np.stack([a, b])
    for _ in range(rounds):
        nearest = np.argmin(
            np.stack([np.linalg.norm(pixels - c, axis=1) for c in centres]), axis=0
        )
        if nearest.min() == nearest.max():
            return None
        moved = np.stack([pixels[nearest == k].mean(axis=0) for k in range(2)])
        if np.array_equal(moved, centres):
            break
        centres = moved
    return centres


@pytest.mark.parametrize("seed", range(20))
def test_two_means_gives_the_centres_of_its_former_form(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 3000))
    colours = rng.normal(128, 50, (3, 3))
    pixels = colours[rng.integers(0, 3, n)] + rng.normal(0, rng.uniform(1, 30), (n, 3))
    pixels = np.round(pixels).astype(np.float32)  # ties between the two centres happen
    expected, got = two_means_before(pixels), two_means(pixels)
    assert (expected is None and got is None) or np.array_equal(got, expected)


@pytest.mark.parametrize("seed", range(10))
def test_in_photo_is_the_full_grid_computation(seed):
    rng = np.random.default_rng(seed)
    h = np.array([[2.1, 0.3, 900.0], [-0.2, 2.4, 700.0], [1e-4, -2e-4, 1.0]])
    h[:2, 2] += rng.normal(0, 800, 2)
    shape, photo, origin, s = (60, 140), (1500, 2000, 3), (5.0, 58.0), 4.0
    to_px = h @ np.array([[1 / s, 0, origin[0]], [0, 1 / s, origin[1]], [0, 0, 1]])
    v, u = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float32)
    w = to_px[2, 0] * u + to_px[2, 1] * v + to_px[2, 2]
    x = (to_px[0, 0] * u + to_px[0, 1] * v + to_px[0, 2]) / w
    y = (to_px[1, 0] * u + to_px[1, 1] * v + to_px[1, 2]) / w
    m = FRAME_MARGIN_PHOTO_PX
    expected = (x >= m) & (y >= m) & (x <= photo[1] - 1 - m) & (y <= photo[0] - 1 - m)
    assert np.array_equal(in_photo(shape, photo, h, origin, s), expected)


@pytest.mark.parametrize("horizontal", [True, False])
def test_outline_ink_is_the_profiles_ink_count(horizontal):
    rng = np.random.default_rng(5)
    darkness = rng.random((90, 200)).astype(np.float32)
    ink = rng.random((90, 200)) > 0.7
    for line in (1.2, 30.4, 88.7, 150.0):  # near an edge, inside, beyond the image
        piece = Piece(horizontal, 10, 70, line, 0.5, False)
        want = outline_profiles(darkness, ink, piece, 1.0, 2.8, 6.4)[1]
        got = outline_ink(ink, piece, 1.0, 2.8, 6.4)
        assert got.dtype == want.dtype and np.array_equal(got, want)
        assert (across_piece(ink, piece, 1.0, 2.8, 6.4)[1] is None) == (want.size == 0)


def test_outline_kernel_is_made_once_and_read_only():
    first = outline_kernel(348.0, 92.0, 7.4, 4.0)
    assert outline_kernel(348.0, 92.0, 7.4, 4.0) is first
    assert not first.flags.writeable
    assert abs(float(first.sum())) < 1e-4  # +1 on the line, -1 on the paper: balanced


@pytest.mark.parametrize("seed", range(10))
def test_first_of_each_is_numpys_unique_rows(seed):
    rng = np.random.default_rng(seed)
    blobs = int(rng.integers(4, 161))
    quads = rng.integers(-1, blobs, (int(rng.integers(1, 3000)), 4))
    quads[rng.random(len(quads)) < 0.5] = quads[0]  # the same rectangle from several corners
    quads[1::3] = quads[1::3, ::-1]  # and in another order
    want = np.unique(np.sort(quads, axis=1), axis=0, return_index=True)[1]
    assert np.array_equal(np.sort(first_of_each(quads, blobs)), np.sort(want))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_edge_padded_is_numpys_edge_pad(dtype):
    rng = np.random.default_rng(7)
    for length, n in ((1, 3), (2, 5), (40, 3), (300, 11)):
        profile = rng.random(length).astype(dtype)
        want = np.pad(profile, n, mode="edge")
        got = edge_padded(profile, n)
        assert got.dtype == want.dtype and np.array_equal(got, want)
