"""scan.votes, scan.votearea and scan.bymarkers: the faster forms of a few steps (issue 8, the
time ratio) give the very floats of the forms they replace, so that no reading can change: a
pixel's distance to each colour centre, the counting area's pixels inside the photo, the ink
across a piece of the printed outline, the outline's correlation template (made once per size),
the first of each marker rectangle found from its several corners, and a tally profile padded
with its end values."""

import cv2
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


@pytest.mark.parametrize("seed", range(60))
def test_two_means_gives_the_centres_of_its_former_form(seed):
    """Its clusters' means as sums over counts (no ``mean`` call each round): the same floats,
    on Lab pixels as colour_parts weighs them (whole numbers and halves) and on any floats."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 3000))
    colours = rng.normal(128, 50, (3, 3))
    pixels = colours[rng.integers(0, 3, n)] + rng.normal(0, rng.uniform(1, 30), (n, 3))
    if seed % 3:  # ties between the two centres happen
        pixels = np.round(pixels) * np.array([0.5, 1.0, 1.0])
    pixels = pixels.astype(np.float32)
    expected, got = two_means_before(pixels), two_means(pixels)
    assert (expected is None and got is None) or np.array_equal(got, expected)


@pytest.mark.parametrize("seed", range(10))
def test_in_photo_is_the_full_grid_computation(seed):
    rng = np.random.default_rng(seed)
    h = np.array([[2.1, 0.3, 900.0], [-0.2, 2.4, 700.0], [1e-4, -2e-4, 1.0]])
    h[:2, 2] += rng.normal(0, 800, 2)
    shape, photo, origin, s = (60, 140), (1500, 2000, 3), (5.0, 58.0), 4.0
    expected = in_photo_full_grid(shape, photo, h, origin, s)
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


def paper_with_spots(seed):
    """A strip of tinted paper with a shadow, grain, dark stickers and pen, and soft spots of
    light (some clipped white)."""
    rng = np.random.default_rng(seed)
    h, w = int(rng.integers(60, 200)), int(rng.integers(120, 420))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    paper = np.array(rng.uniform(150, 235, 3), np.float32) * (1 - 0.3 * (xx > w * 0.6))[..., None]
    image = paper + rng.normal(0, 3, (h, w, 3)).astype(np.float32)
    for _ in range(int(rng.integers(0, 4))):  # stickers, pen
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(2, 30)
        image[(xx - cx) ** 2 + (yy - cy) ** 2 <= r * r] = rng.uniform(20, 200, 3)
    for _ in range(int(rng.integers(1, 4))):  # light
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(2, 18)
        a = np.clip(1.6 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r)), 0, 1)
        image = image * (1 - a[..., None]) + 255 * a[..., None]
    return np.clip(image, 0, 255).astype(np.uint8)


def glare_mask_before(patch, s):
    """``scan.glare.glare_mask`` as it was (main acd1156, with the gains over the paper of
    a8ef303 and after): closed and opened in float32, the channels compared and averaged
    along the last axis."""
    from scan.thresholds import (
        GLARE_CHANNEL_MAX_DEFICIT,
        GLARE_CHANNEL_MIN_GAIN,
        GLARE_MIN_GAIN,
        GLARE_MIN_WIDTH_MM,
        GLARE_PAPER_MM,
        GLARE_SMOOTH_MM,
        GLARE_SPOT_MAX_MM,
    )

    smooth = cv2.GaussianBlur(patch, (0, 0), max(GLARE_SMOOTH_MM * s, 0.5)).astype(np.float32)
    close, open_ = int(GLARE_PAPER_MM * s) | 1, int(GLARE_SPOT_MAX_MM * s) | 1
    paper = cv2.morphologyEx(
        smooth, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (close, close))
    )
    paper = cv2.morphologyEx(
        paper, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (open_, open_))
    )
    if smooth.ndim == 2:
        smooth, paper = smooth[..., None], paper[..., None]
    lighter = (smooth >= paper * (1 - GLARE_CHANNEL_MAX_DEFICIT)).all(axis=2)
    grey, paper_grey = smooth.mean(axis=2), paper.mean(axis=2)
    tinted = (smooth >= paper + GLARE_CHANNEL_MIN_GAIN).any(axis=2)
    bright = lighter & ((grey >= paper_grey + GLARE_MIN_GAIN) | tinted)
    if not bright.any():
        return bright
    dist = cv2.distanceTransform(bright.astype(np.uint8), cv2.DIST_L2, 3)
    wide = dist >= GLARE_MIN_WIDTH_MM / 2 * s
    if not wide.any():
        return np.zeros_like(bright)
    _, labels = cv2.connectedComponents(bright.astype(np.uint8), connectivity=8)
    return np.isin(labels, np.unique(labels[wide]))


def test_glare_mask_is_its_former_float_form():
    """Speed: the paper is closed and opened on bytes (a min or max filter commutes with a
    conversion that keeps the order), the channels compared and averaged plane by plane: the
    same spots, in colour, in grey and on a float patch, with and without spots found."""
    from scan.glare import glare_mask

    found = compared = 0
    for seed in range(12):
        bgr = paper_with_spots(seed)
        for patch in (bgr, cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), bgr.astype(np.float64) * 0.9):
            for s in (2.0, 2.7, 4.0):
                want, got = glare_mask_before(patch, s), glare_mask(patch, s)
                assert got.dtype == want.dtype and np.array_equal(got, want)
                found += int(want.any())
                compared += 1
    assert 0 < found < compared  # spots on some patches, not on all


@pytest.mark.parametrize("channels", [1, 2, 3])
def test_channel_mean_is_numpys_mean_over_the_last_axis(channels):
    from scan.glare import channel_mean

    rng = np.random.default_rng(channels)
    for scale in (1.0, 255.0, 1e4):
        image = (rng.random((40, 70, channels)) * scale).astype(np.float32)
        for values in (image, np.round(image)):
            want = values.mean(axis=2)
            got = channel_mean(values)
            assert got.dtype == want.dtype and np.array_equal(got, want)


def hue_shift_before(strip_bgr, margin):
    """``scan.votes.hue_shift`` as it was (main acd1156): planes as views of the whole."""
    smooth = cv2.GaussianBlur(strip_bgr, (0, 0), 1.0).astype(np.float32) + 1.0
    planes = [smooth[:, :, c] for c in range(3)]
    total = (planes[0] + planes[1]) + planes[2]
    parts = [(plane - np.median(plane[margin])) ** 2 for plane in (p / total for p in planes)]
    return np.sqrt((parts[0] + parts[1]) + parts[2])


@pytest.mark.parametrize("seed", range(6))
def test_hue_shift_is_its_former_form(seed):
    from scan.votes import hue_shift

    bgr = paper_with_spots(seed)
    margin = np.ones(bgr.shape[:2], bool)
    margin[20:-20, 20:-20] = False
    want, got = hue_shift_before(bgr, margin), hue_shift(bgr, margin)
    assert got.dtype == want.dtype and np.array_equal(got, want)


def test_the_rows_a_side_reads_are_made_once_and_read_only():
    from scan.votearea import place_rows

    first = place_rows(30.4, 10, 52, 4.0)
    assert place_rows(30.4, 10, 52, 4.0) is first
    offsets, *groups = first
    assert not offsets.flags.writeable
    for counts, by_count in groups:
        assert not counts.flags.writeable
        assert all(not r.flags.writeable and not c.flags.writeable for r, c in by_count)


@pytest.mark.parametrize("size", [1, 2, 7, 8, 1001, 62000])
def test_the_margins_median_grey_counted_on_bytes_is_numpys(size):
    """marked_parts clips the strip at its margin's median grey, now counted on bytes
    (byte_percentiles): the same grey as np.median, halves included, once made a byte."""
    from scan.locate import byte_percentiles

    rng = np.random.default_rng(size)
    for values in (rng.integers(0, 256, size), rng.integers(180, 186, size)):
        values = values.astype(np.uint8)
        want = np.median(values)
        got = byte_percentiles(values, (50,))[0]
        assert got == float(want) and np.uint8(got) == np.uint8(want)


@pytest.mark.parametrize("seed", range(10))
def test_colour_parts_nearest_centre_is_the_argmin(seed):
    """colour_parts gives each core pixel its nearest centre by one comparison of the two
    distances: np.argmin's answer, the first centre on a tie."""
    rng = np.random.default_rng(seed)
    pixels = np.round(rng.normal(128, 40, (3000, 3))).astype(np.float32)
    centres = np.round(rng.normal(128, 40, (2, 3))).astype(np.float32)
    centres[1] = centres[0] if seed == 0 else centres[1]  # all ties
    distance = centre_distances(pixels, centres)
    want = np.argmin(distance, axis=0)
    got = (distance[1] < distance[0]).astype(np.intp)
    assert np.array_equal(got, want)


def in_photo_full_grid(shape, photo, h, origin, s):
    to_px = h @ np.array([[1 / s, 0, origin[0]], [0, 1 / s, origin[1]], [0, 0, 1]])
    v, u = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float32)
    w = to_px[2, 0] * u + to_px[2, 1] * v + to_px[2, 2]
    x = (to_px[0, 0] * u + to_px[0, 1] * v + to_px[0, 2]) / w
    y = (to_px[1, 0] * u + to_px[1, 1] * v + to_px[1, 2]) / w
    m = FRAME_MARGIN_PHOTO_PX
    return (x >= m) & (y >= m) & (x <= photo[1] - 1 - m) & (y <= photo[0] - 1 - m)


def test_in_photo_of_an_area_wholly_inside_is_every_pixel_without_placing_them():
    """Speed: an area whose four corners lie in the photo (a projective map over a rectangle
    fills the hull of its corners) is wholly in it without each pixel placed (wholly_inside);
    the same pixels as placing each, for areas inside, across an edge, just inside and just
    out of it, tilted, and behind the camera."""
    from scan.votes import wholly_inside

    rng = np.random.default_rng(0)
    shape, photo, origin, s = (70, 150), (1500, 2000, 3), (5.0, 58.0), 4.0
    fast = 0
    for k in range(300):
        h = np.array([[2.1, 0.3, 0.0], [-0.2, 2.4, 0.0], [1e-4, -2e-4, 1.0]])
        h[2, :2] *= rng.uniform(-3, 3)  # perspective, sometimes strong
        if k % 50 == 0:
            h[2] = [-0.01, -0.01, -1.0]  # behind the camera
        corner = h @ np.array([origin[0], origin[1], 1.0])
        target = rng.uniform([-80, -80], [1950, 1450])
        if k % 3 == 0:  # just at the frame's margin, where the fast path must not answer
            target[k % 2] = FRAME_MARGIN_PHOTO_PX + rng.uniform(-2, 2)
        h[:2, 2] = target * corner[2] - corner[:2]
        want = in_photo_full_grid(shape, photo, h, origin, s)
        assert np.array_equal(in_photo(shape, photo, h, origin, s), want)
        to_px = h @ np.array([[1 / s, 0, origin[0]], [0, 1 / s, origin[1]], [0, 0, 1]])
        fast += wholly_inside(to_px, shape, photo, FRAME_MARGIN_PHOTO_PX + 1.0)
    assert 50 <= fast <= 250  # both paths were compared


@pytest.mark.parametrize("q", [90, 75, 50, 10, 33.3])
def test_grey_percentile_is_numpys_float32_percentile(q):
    """count_votes and print_darkness take the strip's paper grey (its 90th percentile) by
    counting its bytes: the same float as np.percentile of the grey as float32, whose
    interpolation is made in float32 (not byte_percentiles' float64: 1 652 of 20 000 differ)."""
    from scan.votes import grey_percentile

    rng = np.random.default_rng(int(q * 10))
    for _ in range(800):
        n = int(rng.integers(1, 3000))
        grey = rng.integers(int(rng.integers(0, 255)), 256, n).astype(np.uint8)
        assert grey_percentile(grey, q) == float(np.percentile(grey.astype(np.float32), q))
    image = rng.integers(0, 256, (180, 436)).astype(np.uint8)
    assert grey_percentile(image, q) == float(np.percentile(image.astype(np.float32), q))
