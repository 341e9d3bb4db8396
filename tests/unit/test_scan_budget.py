"""The time budget of a photo (issue 8 point 5): bounded finder search on textured walls, ranked
windows, and a photo that ran out of time says so. No timing is asserted here (benchmarks do
that): these tests check what is searched, what is skipped and what the photo reports."""

import cv2
import numpy as np
import pytest
from skimage import data

from scan import scan_image
from scan.budget import Budget
from scan.locate import find_finder_candidates, paired, search_codes
from scan.thresholds import FINDER_TILE_OVERLAP_PX, FINDER_TILE_PX, MAX_FINDER_WINDOWS
from tests.support.scan_cards import make_code, qr_matrix


def textured(size=(1800, 1300), scale=0.5) -> np.ndarray:
    """Real photographed grass (scikit-image), tiled: thousands of contours, like a rough wall."""
    tex = cv2.resize(data.grass(), None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    reps = (size[1] // tex.shape[0] + 1, size[0] // tex.shape[1] + 1)
    return np.ascontiguousarray(np.tile(tex, reps)[: size[1], : size[0]])


def paste_code(
    img: np.ndarray, text: str, x: int, y: int, module_px: int
) -> tuple[int, int, int, int]:
    modules = np.pad(np.where(qr_matrix(text), 0, 255).astype(np.uint8), 4, constant_values=255)
    tile = cv2.resize(modules, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    img[y : y + tile.shape[0], x : x + tile.shape[1]] = tile
    return x, y, x + tile.shape[1], y + tile.shape[0]


def finders_inside(finders, box) -> int:
    x0, y0, x1, y1 = box
    return sum(1 for (cx, cy), _ in finders if x0 <= cx <= x1 and y0 <= cy <= y1)


def test_finders_found_across_tile_edges_and_above_the_overlap_on_texture():
    img = textured()
    straddling = paste_code(
        img, make_code("frein", 1), FINDER_TILE_PX - 60, 100, 3
    )  # cut by the first tile
    big_module = int(FINDER_TILE_OVERLAP_PX / 7) + 4  # finders wider than any tile's overlap
    big = paste_code(img, make_code("besoin", 2), 200, 500, big_module)
    finders = find_finder_candidates(img, despeckle=True)
    assert finders_inside(finders, straddling) == 3
    assert finders_inside(finders, big) == 3


def test_paired_ranks_a_codes_three_finders_before_lone_pairs():
    l_shape = [
        (np.array([100.0, 100.0]), 21.0),
        (np.array([160.0, 100.0]), 21.0),
        (np.array([100.0, 160.0]), 21.0),
    ]
    pair = [(np.array([900.0, 900.0]), 21.0), (np.array([990.0, 900.0]), 21.0)]
    lone = [(np.array([1500.0, 100.0]), 21.0)]
    ranked = paired(pair + lone + l_shape)
    assert [tuple(c) for c, _ in ranked[:3]] == [tuple(c) for c, _ in l_shape]
    assert len(ranked) == 5  # the lone look-alike gets no window


def test_spent_budget_skips_optional_steps_but_keeps_the_full_frame_decode():
    img = textured()
    box = paste_code(img, make_code("levier", 3), 300, 300, 5)
    search = search_codes(img, Budget(seconds=0.0))
    assert [h.text for h in search.hits] == [make_code("levier", 3)]  # zxing's full-frame pass
    assert search.budget.exhausted and "finder_tiles" in search.budget.skipped
    assert box[0] <= search.hits[0].centre_px[0] <= box[2]


def test_window_count_is_capped_on_a_wall_of_look_alikes():
    """Hundreds of finder-like pairs (a printed pattern, a tiled floor): never more than
    MAX_FINDER_WINDOWS decodes, the rest counted as skipped."""
    img = np.full((3000, 4000), 200, np.uint8)
    finder = np.pad(
        np.pad(np.zeros((3, 3), np.uint8), 1, constant_values=255), 1, constant_values=0
    )
    finder = cv2.resize(finder, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST)  # 28 px
    for y in range(40, 2900, 300):  # pairs far enough apart for their windows not to merge
        for x in range(40, 3900, 300):
            img[y : y + 28, x : x + 28] = finder
            img[y : y + 28, x + 70 : x + 98] = finder
    search = search_codes(img, Budget(seconds=60.0))
    assert search.hits == []
    assert search.budget.skipped.get("finder_windows", 0) > 0
    assert len(paired(search.finders)) > MAX_FINDER_WINDOWS


def test_photo_out_of_time_says_so_in_a_hint():
    image = cv2.cvtColor(textured(), cv2.COLOR_GRAY2BGR)
    reading = scan_image(image, "mur-crepi.jpg", budget=Budget(seconds=0.0)).to_dict()
    hints = {h["kind"]: h for h in reading["hints"]}
    assert "no_card" in hints and "time_budget" in hints
    assert hints["time_budget"]["threshold"] == 0.0 and hints["time_budget"]["value"] >= 0.0
    assert "temps maximal" in hints["time_budget"]["message"]


@pytest.mark.parametrize("budget_s", [60.0])
def test_photo_within_budget_has_no_budget_hint(budget_s):
    image = cv2.cvtColor(textured(scale=1.0), cv2.COLOR_GRAY2BGR)
    reading = scan_image(image, "mur.jpg", budget=Budget(seconds=budget_s)).to_dict()
    assert "time_budget" not in {h["kind"] for h in reading["hints"]}


def test_a_tile_of_countless_holes_is_left_out_and_counted():
    """A fine regular weave (a 2 px checkerboard) is one blob with tens of thousands of holes
    per tile, which OpenCV's contour tree handles in quadratic time: such a tile is skipped."""
    yy, xx = np.mgrid[0:1300, 0:1300]
    img = ((((xx // 2) + (yy // 2)) % 2) * 200 + 30).astype(np.uint8)
    budget = Budget(seconds=60.0)
    assert find_finder_candidates(img, budget, despeckle=False) == []
    assert budget.skipped.get("finder_tiles", 0) >= 1
