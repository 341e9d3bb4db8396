"""scan.rectify: from a QR's corners to the whole card, through its four corner markers."""
import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan.locate import find_codes
from scan.rectify import apply_homography, fit, rectify_hit, warp_card
from scan.results import CodeHit
from scan.thresholds import QR_ONLY_MIN_ERROR_MM
from tests.support.scan_cards import Marks, make_code, photograph, placed_card


@pytest.fixture
def make_card_photo():
    """Factory: one card of ``type_key`` on a wall, photographed; returns (gray, code, true
    corners)."""

    def make(
        type_key="frein", px_per_mm=3.0, tilt_deg=30.0, angle_deg=8.0, marks=None, blur_px=0.7
    ):
        code = make_code(type_key, 321)
        item = placed_card(type_key, code, 30, 30, angle_deg, marks, px_per_mm=6.0)
        photo = photograph([item], item.width_mm + 60, item.height_mm + 60, px_per_mm, tilt_deg,
                           blur_px=blur_px, noise=3, jpeg_quality=80)
        return cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY), code, photo.corners_px[0]
    return make


def rectify_photo(gray, code, type_key):
    hits = [h for h in find_codes(gray) if h.text == code]
    assert len(hits) == 1
    return rectify_hit(gray, CARD_TYPES[type_key], hits[0]), hits[0]


@pytest.mark.parametrize("type_key", ["frein", "besoin", "identite", "graine"])
def test_rectify_tilted_card_corners_within_2px(make_card_photo, type_key):
    gray, code, truth = make_card_photo(type_key, tilt_deg=30)
    rect, _ = rectify_photo(gray, code, type_key)
    assert rect.markers_found == 4
    assert np.abs(rect.corners_px - truth).max() < 2.0
    assert rect.fit_error_mm < 0.6
    assert rect.px_per_mm == pytest.approx(3.0 * np.cos(np.deg2rad(30)) ** 0.5, rel=0.2)


def test_rectify_upside_down_card_starts_at_its_own_top_left(make_card_photo):
    gray, code, truth = make_card_photo("levier", angle_deg=180)
    rect, _ = rectify_photo(gray, code, "levier")
    assert np.abs(rect.corners_px - truth).max() < 2.0
    # the card's top-left is bottom-right on screen
    assert np.argmax(rect.corners_px.sum(axis=1)) == 0


def test_rectify_without_markers_falls_back_with_larger_error(make_card_photo):
    gray, code, truth = make_card_photo(
        "frein", tilt_deg=10, marks=Marks(hide_markers=(0, 1, 2, 3))
    )
    rect, _ = rectify_photo(gray, code, "frein")
    assert rect.markers_found == 0
    assert rect.fit_error_mm >= QR_ONLY_MIN_ERROR_MM
    assert np.abs(rect.corners_px - truth).max() < 10 * rect.px_per_mm  # still roughly the card


def test_rectify_one_hidden_marker_still_fits_on_three(make_card_photo):
    gray, code, truth = make_card_photo("contact", marks=Marks(hide_markers=(3,)))
    rect, _ = rectify_photo(gray, code, "contact")
    assert rect.markers_found == 3
    assert rect.fit_error_mm >= 1.0  # the hidden corner is extrapolated: the error says so
    assert np.abs(rect.corners_px - truth).max() < 3.0 * rect.px_per_mm  # within 3 mm


def test_rectify_unoriented_hit_finds_rotation_from_markers(make_card_photo):
    gray, code, truth = make_card_photo("besoin")
    _, hit = rectify_photo(gray, code, "besoin")
    shuffled = CodeHit(hit.text, np.roll(hit.corners_px, 1, axis=0), "pyzbar", oriented=False)
    rect = rectify_hit(gray, CARD_TYPES["besoin"], shuffled)
    assert rect.markers_found == 4
    assert np.abs(rect.corners_px - truth).max() < 2.0


def test_warp_card_canonical_size_and_marker_position(make_card_photo):
    gray, code, _ = make_card_photo("frein", tilt_deg=20)
    rect, _ = rectify_photo(gray, code, "frein")
    canonical = warp_card(gray, rect, CARD_TYPES["frein"], px_per_mm=8)
    assert canonical.shape == (98 * 8, 140 * 8)
    marker = CARD_TYPES["frein"].markers[0]
    cx, cy = (int(v * 8) for v in marker.center_mm)
    # the marker's ink is where the spec says
    assert canonical[cy - 8:cy + 8, cx - 8:cx + 8].mean() < 90
    assert canonical[cy - 8:cy + 8, cx + 40:cx + 56].mean() > 150  # paper right of the marker


def test_fit_residual_in_mm_flags_outlier():
    points_mm = np.array(
        [[0, 0], [100, 0], [100, 60], [0, 60], [50, 30], [20, 50], [80, 10]], float
    )
    truth = np.array([[2.5, 0.1, 40], [-0.1, 2.6, 30], [1e-4, 0, 1]])
    points_px = apply_homography(truth, points_mm)
    points_px[4] += (12, 0)  # one point 12 px (~5 mm) off
    _, residuals = fit(points_mm, points_px)
    assert int(np.argmax(residuals)) == 4 and residuals[4] > 2


@pytest.mark.parametrize("type_key", ["identite", "besoin"])
def test_a_hidden_marker_is_never_found_in_the_cards_own_qr(make_card_photo, type_key):
    """Issue 8: the corner marker nearest the QR hidden (a hand, tape), the wide search took the
    core of a QR finder pattern (a 4.5 mm black square) for it; every other marker then
    disagreed and the card was read from its QR alone."""
    gray, code, truth = make_card_photo(type_key, tilt_deg=20, marks=Marks(hide_markers=(1,)))
    rect, _ = rectify_photo(gray, code, type_key)
    assert rect.markers_found == 3
    assert np.abs(rect.corners_px - truth).max() < 3.0


def test_lazy_predictors_are_the_predictors_fitted_only_when_reached(monkeypatch):
    """Speed: the marker search's models are fitted when it reaches them (the projective SVD
    only if the affine model's place held no marker); the same models, in the same order."""
    import scan.rectify as rectify_module
    from scan.rectify import LazyPredictors, predictors

    rng = np.random.default_rng(3)
    for points in (5, 6, 7, 9):
        points_mm = rng.uniform(0, 100, (points, 2))
        points_px = points_mm * 3.1 + rng.normal(0, 0.4, (points, 2)) + 40
        lazy, eager = LazyPredictors(points_mm, points_px), predictors(points_mm, points_px)
        assert len(lazy) == len(eager)
        assert all(np.array_equal(a, b) for a, b in zip(lazy, eager))
    fits = []
    real = rectify_module.fit_projective
    monkeypatch.setattr(rectify_module, "fit_projective", lambda *a: fits.append(1) or real(*a))
    lazy = LazyPredictors(points_mm[:5], points_px[:5])
    lazy[0]
    assert fits == []  # the affine model alone: no SVD
    lazy[1]
    assert fits == [1]
