"""scan.refine: the displacement field fitted to the outlines and markers found on a card that
is not flat. It follows a curl's smooth shift, leaves out an anchor that disagrees (a
neighbour's outline), and stays away from what it cannot know."""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan.refine import crowded_boxes, fit_field, local_fits

IDENTITY = CARD_TYPES["identite"]
BOX_CENTRES = np.array([f.box.center_mm for f in IDENTITY.fields_of_kind("checkbox")])
MARKER_CENTRES = np.array([m.center_mm for m in IDENTITY.markers])


def curl_shift(points_mm, lift_mm=4.0, start_mm=62.0):
    """A lower edge lifting: a shift down and right growing with the square of the depth."""
    depth = np.clip((points_mm[:, 1] - start_mm) / (IDENTITY.height_mm - start_mm), 0, 1)
    return np.outer(lift_mm * depth**2, [0.6, 0.8])


def test_field_follows_a_curl_between_its_anchors():
    points = np.vstack([BOX_CENTRES, MARKER_CENTRES])
    field = fit_field(points, curl_shift(points), IDENTITY)
    np.testing.assert_allclose(field(points), curl_shift(points), atol=0.35)


def test_an_anchor_that_disagrees_is_left_out():
    """A box outline found one row off (7 mm) must not drag the field with it."""
    points = np.vstack([BOX_CENTRES, MARKER_CENTRES])
    shifts = curl_shift(points)
    shifts[3] += (0.0, -7.0)
    field = fit_field(points, shifts, IDENTITY)
    np.testing.assert_allclose(field(points[3:4]), curl_shift(points[3:4]), atol=0.35)


@pytest.mark.parametrize("count", [1, 3, 5, 12])
def test_a_few_anchors_give_a_field_that_does_not_swing_beyond_them(count):
    """One to three anchors give a plain shift, a few an affine field, many a quadratic one:
    a shift shared by the anchors is the field everywhere, even far from them."""
    points = BOX_CENTRES[:count]
    shifts = np.tile([0.5, -0.25], (count, 1))
    field = fit_field(points, shifts, IDENTITY)
    np.testing.assert_allclose(field(MARKER_CENTRES), np.tile([0.5, -0.25], (4, 1)), atol=1e-6)


def test_one_odd_anchor_among_flat_ones_does_not_bend_the_field_onto_the_next_row():
    """Found by a probe (boxes5): stickers hid half the "acteur" boxes and the corner markers
    were outside the photo; a sticker's edge over one box was taken for its outline 2.25 mm
    low. The quadratic field through it and nine flat anchors moved the first box 6 mm down,
    onto the next row, and an empty box was read "checked" at 1.0 on its neighbour's tick."""
    names = [f.name for f in IDENTITY.fields_of_kind("checkbox")]
    found = ["acteur_entreprise", "acteur_citoyen", "territoire_ecrins",
             "territoire_guillestrois", "territoire_hors", "consentement_participants",
             "consentement_public", "consentement_aucun", "newsletter", "journal"]
    points = BOX_CENTRES[[names.index(n) for n in found]]
    shifts = np.zeros_like(points)
    shifts[0] = (0.0, 2.25)
    field = fit_field(points, shifts, IDENTITY)
    assert np.linalg.norm(field(BOX_CENTRES), axis=1).max() < 1.0


def test_curl_anchors_are_all_kept_where_the_markers_are_hidden():
    """The curl's own anchors (boxes only, no marker) agree with the others' field: none is
    left out, the field still follows the curl."""
    field = fit_field(BOX_CENTRES, curl_shift(BOX_CENTRES), IDENTITY)
    np.testing.assert_allclose(field(BOX_CENTRES), curl_shift(BOX_CENTRES), atol=0.35)


def test_no_anchor_no_field():
    assert fit_field(np.zeros((0, 2)), np.zeros((0, 2)), IDENTITY) is None


def test_a_blank_photo_keeps_the_cards_own_fit():
    """Nothing printed found (a card off the photo, all covered): every box keeps ``h``."""
    gray = np.full((600, 800), 200, np.uint8)
    h = np.array([[2.7, 0, 20], [0, 2.7, 20], [0, 0, 1.0]])
    fits = local_fits(gray, h, IDENTITY)
    assert set(fits) == {f.name for f in IDENTITY.fields_of_kind("checkbox")}
    assert all(np.array_equal(f, h) for f in fits.values())



def test_corrections_that_bring_a_box_onto_its_neighbour_leave_both_unsure():
    """One row's outline taken for the next row's: the two boxes would be read on the same
    printed outline; neither correction is trusted."""
    rows = np.array([[7.5, 104.5], [7.5, 111.5], [52.5, 104.5]])
    shifts = np.array([[0.0, 0.5], [0.0, -6.0], [0.0, 0.5]])
    assert crowded_boxes(rows, shifts) == {0, 1}
    assert crowded_boxes(rows, np.tile([0.0, 2.0], (3, 1))) == set()
