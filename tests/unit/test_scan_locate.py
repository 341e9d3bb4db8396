"""scan.locate: finding every QR code of a photo and sorting ours from the others."""
import cv2
import numpy as np
import pytest

from printables.payload import check_character
from scan.locate import (
    byte_percentiles,
    classify_hits,
    find_codes,
    find_finder_candidates,
    finder_binary,
    finders_in,
    high_percentile,
    holes,
    kept_once,
    most_blobs,
    most_holes,
    read_pyzbar,
    read_zxing,
    sort_clockwise,
    sorted_clockwise,
    steepest_edges,
    tile_grid,
    without_plain_blobs,
)
from scan.results import CodeHit
from scan.thresholds import FINDER_TILE_MAX_HOLES
from tests.support.scan_cards import make_code, qr_matrix


@pytest.fixture
def make_scene():
    """Factory: grey paper with QR codes of the given texts, each at (x, y) px, optionally
    blurred."""

    def make(texts, px_per_module=4.0, size=(900, 600), blur_px=0.0, rotate_deg=0, seed=0):
        img = np.full((size[1], size[0]), 205, np.uint8)
        for i, text in enumerate(texts):
            modules = np.pad(
                np.where(qr_matrix(text), 0, 255).astype(np.uint8), 4, constant_values=255
            )
            side = int(round(modules.shape[0] * px_per_module))
            tile = cv2.resize(modules, (side, side), interpolation=cv2.INTER_AREA)
            tile = np.rot90(tile, k=rotate_deg // 90).copy()
            x, y = 40 + i * (side + 60), 60 + (i % 2) * (side // 2)
            img[y:y + side, x:x + side] = tile
        if blur_px:
            img = cv2.GaussianBlur(img, (0, 0), blur_px)
        noise = np.random.default_rng(seed).normal(0, 3, img.shape)
        return np.clip(img + noise, 0, 255).astype(np.uint8)
    return make


def test_find_codes_reads_each_code_once(make_scene):
    texts = [make_code("frein", 1), make_code("besoin", 2), "https://example.org/menu"]
    hits = find_codes(make_scene(texts))
    assert sorted(h.text for h in hits) == sorted(texts)


def test_find_codes_corners_follow_symbol_rotation(make_scene):
    text = make_code("levier", 7)
    upright = find_codes(make_scene([text]))[0]
    upside_down = find_codes(make_scene([text], rotate_deg=180))[0]
    # the symbol's top-left is the top-left on screen when upright, the bottom-right when turned
    assert np.argmin(upright.corners_px.sum(axis=1)) == 0
    assert np.argmax(upside_down.corners_px.sum(axis=1)) == 0
    assert upright.side_px == pytest.approx(29 * 4.0 - 8 * 4.0, abs=3)  # 21 modules of 4 px


def test_find_codes_small_blurred_codes_beyond_plain_zxing(make_scene):
    texts = [make_code("frein", i) for i in range(5)]
    image = make_scene(texts, px_per_module=2.0, size=(1800, 500), blur_px=0.8)
    assert {h.text for h in read_zxing(image)} < set(texts)  # the full-frame pass misses some
    assert {h.text for h in find_codes(image)} == set(texts)


def test_find_finder_candidates_three_per_code(make_scene):
    candidates = find_finder_candidates(make_scene([make_code("frein", 1)]))
    assert len(candidates) == 3
    assert all(26 <= width <= 30 for _, width in candidates)  # 7 modules of 4 px


def test_plain_blobs_go_and_every_tile_finds_the_same_finders(make_scene):
    """A textured wall's specks (dark blobs with no hole and in none) are not traced, the rest
    is: rings (a letter o), a dot in a ring, concentric squares, the codes; each tile's finders
    are those traced on the whole binary, the same floats in the same order."""
    image = make_scene([make_code("frein", 1), make_code("besoin", 2)], size=(1400, 700))
    rng = np.random.default_rng(3)
    for x, y in rng.integers((480, 0), (1400, 700), (4000, 2)).tolist():  # specks, texture
        cv2.circle(image, (x, y), int(rng.integers(1, 3)), 60, -1)
    for x, y in rng.integers((480, 20), (1380, 680), (60, 2)).tolist():
        cv2.circle(image, (x, y), 6, 40, 2)  # a letter o
    for x, y in rng.integers((480, 20), (1380, 680), (30, 2)).tolist():
        cv2.circle(image, (x, y), 8, 40, 2)
        cv2.circle(image, (x, y), 2, 40, -1)  # a dot in a ring
    cv2.rectangle(image, (620, 600), (655, 635), 0, -1)  # a finder-like mark on the wall
    cv2.rectangle(image, (625, 605), (650, 630), 255, -1)
    cv2.rectangle(image, (630, 610), (645, 625), 0, -1)
    binary = finder_binary(image, despeckle=True)
    traced = without_plain_blobs(binary)
    found = []
    for window in tile_grid(binary.shape, 640, 160):  # the tiles of find_finder_candidates
        plain = finders_in(binary, window, 7.0, 200.0)
        assert repr(finders_in(binary, window, 7.0, 200.0, traced)) == repr(plain)
        found += plain or []
    assert len(found) >= 7  # the codes' six finders and the wall's one, some seen twice
    blobs = cv2.connectedComponents(binary, connectivity=8)[0] - 1
    framed = cv2.copyMakeBorder(binary, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    assert blobs <= most_blobs(framed) <= 1.5 * blobs  # the estimate that calls for it
    assert cv2.connectedComponents(traced, connectivity=8)[0] < blobs / 10  # specks gone
    core = (slice(610, 626), slice(630, 646))  # the mark's core, in a hole: kept
    assert binary[core].any() and (traced[core] == binary[core]).all()
    assert any(np.abs(centre - (637.5, 617.5)).max() < 4 for _, centre, _ in found)


def test_read_pyzbar_marks_hit_unoriented(make_scene):
    hits = read_pyzbar(make_scene([make_code("contact", 3)]))
    assert [h.text for h in hits] == [make_code("contact", 3)]
    assert hits[0].oriented is False and hits[0].decoder == "pyzbar"


def test_sort_clockwise_starts_top_left():
    square = np.array([[10, 10], [0, 10], [10, 0], [0, 0]], float)
    assert sort_clockwise(square).tolist() == [[0, 0], [10, 0], [10, 10], [0, 10]]


def one_at_a_time_clockwise(points: np.ndarray) -> np.ndarray:
    """The polygon sort as it was written for one polygon (the oracle of ``sorted_clockwise``)."""
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    ordered = points[np.argsort(angles)]
    return np.roll(ordered, -int(np.argmin(ordered.sum(axis=1))), axis=0)


def test_polygons_sorted_all_at_once_as_one_by_one():
    """Hundreds of marker rectangles are sorted in one call (scan.bymarkers): each comes out
    as the one-polygon sort puts it, to the last bit, ties between equal angles included."""
    rng = np.random.default_rng(8)
    polygons = np.concatenate([
        rng.uniform(-4000, 4000, (300, 4, 2)),
        rng.integers(0, 4, (300, 4, 2)).astype(float),  # repeated points: equal angles
        rng.normal(0, 1e-3, (300, 4, 2)) + 2000.0,
    ])
    together = sorted_clockwise(polygons)
    for polygon, sorted_polygon in zip(polygons, together, strict=True):
        assert sorted_polygon.tobytes() == one_at_a_time_clockwise(polygon).tobytes()
        assert sort_clockwise(polygon).tobytes() == sorted_polygon.tobytes()


def hit(text: str) -> CodeHit:
    return CodeHit(text, np.array([[0, 0], [10, 0], [10, 10], [0, 10]], float))


def test_classify_hits_sorts_cards_posters_foreign():
    card, poster = make_code("besoin", 12), make_code("poster_freins", 1)
    located = classify_hits([hit(card), hit(poster), hit("WIFI:S:Salle;T:WPA;P:x;;")])
    assert [c.text for _, c in located.cards] == [card]
    assert [c.text for _, c in located.posters] == [poster]
    assert [h.text for h in located.foreign] == ["WIFI:S:Salle;T:WPA;P:x;;"]
    assert located.errors == []


def test_classify_hits_bad_check_character_reported_not_read():
    good = make_code("frein", 42)
    tampered = good[:-1] + ("A" if good[-1] != "A" else "B")
    located = classify_hits([hit(tampered)])
    assert located.cards == [] and [e.kind for e in located.errors] == ["bad_check"]
    assert located.errors[0].code == tampered and "contrôle" in located.errors[0].message


def test_classify_hits_unknown_layout_version_reported():
    body = "AK7-MOB26-F00042"
    located = classify_hits([hit(body + check_character(body))])
    assert located.cards == [] and [e.kind for e in located.errors] == ["unknown_layout"]


def test_classify_hits_malformed_and_duplicate_reported():
    code = make_code("frein", 5)
    located = classify_hits([hit("AK1-MOB26"), hit(code), hit(code)])
    assert [e.kind for e in located.errors] == ["malformed", "duplicate"]
    assert len(located.cards) == 1


@pytest.mark.parametrize("density", [0.02, 0.3, 0.5, 0.9])
def test_the_cheap_hole_bound_never_undercounts(density):
    """``most_holes`` lets the exact (slower) count be skipped only when it cannot matter."""
    rng = np.random.default_rng(int(density * 100))
    tile = (rng.random((120, 160)) < density).astype(np.uint8) * 255
    tile[40:60, :] = 0  # whole light rows too
    assert most_holes(tile) >= holes(tile)
    checker = (np.indices((64, 64)).sum(axis=0) % 2 * 255).astype(np.uint8)
    assert most_holes(checker) >= holes(checker)


@pytest.mark.parametrize("seed", range(6))
def test_the_cheap_hole_bound_holds_on_any_shape(seed):
    """Light regions of every shape (blobs, rings, stripes, ragged edges) and every size of
    image down to one row: never fewer than ``holes`` counts."""
    rng = np.random.default_rng(seed)
    for height, width in ((1, 9), (2, 2), (7, 1), (33, 47), (90, 70)):
        noise = rng.random((height, width))
        smooth = noise
        if min(height, width) > 3:
            smooth = cv2.GaussianBlur(noise, (0, 0), 1.0 + seed % 3)
        tile = (smooth < np.median(smooth)).astype(np.uint8) * 255
        assert most_holes(tile) >= holes(tile)


def test_a_speckled_wall_tile_needs_no_exact_hole_count():
    """Fine texture (dark specks on light plaster) has one light region but ~25 000 dark-light
    edges: the bound must see that it is far below FINDER_TILE_MAX_HOLES, or the exact count
    (a connected-components pass) runs on nearly every tile of a textured wall."""
    rng = np.random.default_rng(3)
    tile = (rng.random((640, 640)) < 0.04).astype(np.uint8) * 255
    assert holes(tile) < 100
    assert most_holes(tile) <= FINDER_TILE_MAX_HOLES


@pytest.mark.parametrize("size", [1, 2, 3, 17, 100, 101, 6400, 25601])
def test_high_percentile_is_numpys_to_the_last_bit(size):
    """The blur measure's 99th percentile, computed on the values above a sampled threshold,
    must be the very float ``np.percentile`` gives (ties, rounded values, tiny arrays)."""
    rng = np.random.default_rng(size)
    for trial in range(30):
        values = np.abs(rng.normal(size=size)) * rng.choice([0.01, 1.0, 300.0])
        if trial % 3 == 0:
            values = np.round(values, 1)  # many ties
        for q in (99, 97.5, 90, 50):
            assert high_percentile(values, q) == float(np.percentile(values, q))


@pytest.mark.parametrize("shape", [(8, 8), (9, 31), (120, 120), (160, 161)])
def test_steepest_edges_are_each_directions_percentile_to_the_last_bit(shape):
    """The blur measure's steepest edge per direction is looked for among the pixels whose
    gradient could reach it: the very float of projecting every pixel (ties, one direction
    only, flat patches), also where the sample overestimates it (strong edges on sampled
    pixels only) and the direction is measured on every pixel."""
    rng = np.random.default_rng(shape[0] * shape[1])
    turns = [(np.cos(a), np.sin(a)) for a in np.radians(np.arange(0.0, 180.0, 11.25))]
    for trial in range(12):
        gx, gy = rng.normal(0, 10, shape), rng.normal(0, 10, shape)
        if trial % 4 == 1:
            gy[:] = 0.0  # edges one way only
        elif trial % 4 == 2:
            gx, gy = np.round(gx), np.round(gy)  # many ties
        elif trial % 4 == 3:
            gx, gy = np.zeros(shape), np.zeros(shape)
            gx.ravel()[: 16 * max(1, gx.size // 500) : 16] = 100.0  # a few sampled pixels only
        edges = steepest_edges(gx, gy, turns, 99)
        for (cos, sin), edge in zip(turns, edges, strict=True):
            along = np.multiply(gx, cos)
            along += np.multiply(gy, sin)
            assert edge == float(np.percentile(np.abs(along), 99))


@pytest.mark.parametrize("size", [1, 2, 3, 17, 100, 101, 6400, 25601])
def test_byte_percentiles_are_numpys_to_the_last_bit(size):
    """A code's contrast (5th and 95th percentiles of its grey bytes) is counted, not sorted:
    the very floats ``np.percentile`` gives, whatever the spread and the ties."""
    rng = np.random.default_rng(size)
    for trial in range(30):
        spread = rng.choice([1.0, 8.0, 60.0, 200.0])
        values = np.clip(rng.normal(128, spread, size), 0, 255).astype(np.uint8)
        if trial % 2:
            values = values.reshape(1, -1)
        for qs in ((5, 95), (1, 99), (0, 50, 100), (2.5, 97.5)):
            assert byte_percentiles(values, qs) == [float(v) for v in np.percentile(values, qs)]


def test_kept_once_keeps_the_first_of_each_repeated_finder():
    """A finder seen by two tiles (same centre, same size) is kept once, in first place; a
    finder of another size at the same place, or one 0.3 widths away, is another finder."""
    rng = np.random.default_rng(5)
    finders = []
    for _ in range(300):
        centre = rng.integers(0, 60, 2).astype(np.float64) * 7.0
        finders.append((centre, float(rng.choice([14.0, 15.0, 30.0]))))
    kept = kept_once(finders)
    naive: list = []
    for centre, width in finders:
        if not any(
            np.abs(centre - c).max() < 0.3 * max(w, width) and 0.6 <= w / width <= 1.6
            for c, w in naive
        ):
            naive.append((centre, width))
    assert [(tuple(c), w) for c, w in kept] == [(tuple(c), w) for c, w in naive]
    assert len(kept) < len(finders)


def test_the_full_frame_decode_skips_zxings_inverted_pass(make_scene, monkeypatch):
    """Speed (FULL_FRAME_TRY_INVERT): the kit prints dark on light; the inverted try was a
    second pass over the whole photo (~2/5 of its decode) that never found a card."""
    import zxingcpp

    calls = []
    real = zxingcpp.read_barcodes

    def recording(*args, **kwargs):
        calls.append(kwargs.get("try_invert", True))
        return real(*args, **kwargs)

    monkeypatch.setattr(zxingcpp, "read_barcodes", recording)
    text = make_code("frein", 1)
    assert [h.text for h in find_codes(make_scene([text]))] == [text]
    assert calls[0] is False  # the whole frame: dark-on-light codes only


def test_a_lone_inverted_code_is_still_read_on_a_big_photo(make_scene):
    """Light on dark, alone in a 2000 px photo: the full frame no longer tries the inverted
    code, but the blind tiles (zxing-cpp's default) still read it."""
    text = "https://example.org/inverse"
    scene = 255 - make_scene([text], size=(2000, 1500))
    assert read_zxing(scene, invert=False) == []
    assert [h.text for h in find_codes(scene)] == [text]


def test_the_reduced_finder_search_shrinks_by_a_whole_factor():
    """Speed (whole_shrink): below one half, the search scale is rounded up to 1/k, where
    OpenCV's area resize is a plain box average (ten times faster); the smallest code's modules
    are then at least FINDER_SEARCH_PX_PER_MODULE, never fewer."""
    from scan.locate import finder_scale
    from scan.thresholds import FINDER_SEARCH_PX_PER_MODULE, MIN_FINDER_SCALE

    def code(side_px):
        corners = np.array([[0, 0], [side_px, 0], [side_px, side_px], [0, side_px]], float)
        return CodeHit("x", corners, "zxing")

    for module_px, expected in ((5.1, 1 / 2), (7.0, 1 / 3), (4.4, 1 / 2), (3.0, 2 / 3)):
        scale = finder_scale([code(21 * module_px)])
        assert scale == pytest.approx(expected)
        assert module_px * scale >= FINDER_SEARCH_PX_PER_MODULE - 1e-9
    assert finder_scale([code(21 * 40.0)]) == MIN_FINDER_SCALE  # a whole factor already
