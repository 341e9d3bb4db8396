"""scan.checkbox: a box scribbled out, seen in soft focus at 1.8-2.0 px/mm, is cancelled.

The second family's scribble-out (tests.support.people_marks: a tick blackened over with dense
zigzags whose turns run 0.2-1 mm past the box's sides) is blackened all over, like a fill. Soft
focus pales its thin lines and their turns past the box: its ink, at 65 % of the mark's own
darkness, spread under 1 mm past the box and it was read "remplie", a "yes" to confirm, the
opposite of what the person meant. A fill in the same blur stays as dark as the outline (a solid
area keeps its darkness where a thin line loses it); the scribble does not, and its turns are
still seen at half its darkness."""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from tests.support.people_marks import PENS_BGR, mark_box
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera, identity, read_boxes

CARD = CARD_TYPES["identite"]
MARKS = (
    ("acteur_public", "fill"),
    ("newsletter", "scribble_out"),
    ("consentement_public", "scribble_out"),
    ("territoire_ecrins", "fill"),
    ("acteur_entreprise", "scribble_out"),
    ("consentement_participants", "fill"),
)


@pytest.mark.parametrize("seed", [2, 4, 6, 8, 11])
@pytest.mark.parametrize("px_per_mm", [1.8, 2.0])
def test_a_scribble_out_in_soft_focus_is_cancelled_not_filled(seed, px_per_mm):
    """Fills and scribble-outs in one pen on an identity card, soft focus of 1.6 px: the
    scribbled-out consent box is cancelled ("noircie", a "no" to confirm); the fills away from
    it stay "remplie"; no blackened box is ever sure."""
    rng = np.random.default_rng(seed)
    pen = PENS_BGR[seed % len(PENS_BGR)]
    sharp = identity(Marks())
    for name, mark in MARKS:
        mark_box(sharp, CARD.field(name).box, mark, SHARP_PX_PER_MM, rng, pen)
    boxes = read_boxes(*camera(sharp, px_per_mm=px_per_mm, blur_px=1.6, seed=seed))
    scribbled = boxes["consentement_public"]
    assert (scribbled.checked, scribbled.reason) == (False, "noircie"), scribbled
    for name in ("acteur_public", "territoire_ecrins"):
        assert (boxes[name].checked, boxes[name].reason) == (True, "remplie"), (name, boxes[name])
    assert all(boxes[name].confidence < 0.5 for name, _ in MARKS)


CROSSED = (
    ("acteur_public", "cross"),
    ("newsletter", "cross"),
    ("consentement_public", "scribble_out"),
    ("territoire_ecrins", "cross"),
    ("acteur_entreprise", "scribble_out"),
    ("consentement_participants", "cross"),
)


@pytest.mark.parametrize(
    "seed, name",
    [
        (1, "territoire_ecrins"),
        (3, "territoire_ecrins"),
        (4, "territoire_ecrins"),
        (5, "acteur_public"),
        (8, "acteur_public"),
        (11, "newsletter"),
        (11, "territoire_ecrins"),
    ],
)
def test_a_heavy_cross_blurred_into_a_blackened_box_stays_a_yes(seed, name):
    """Crosses beside scribble-outs, 1.8 px/mm, soft focus of 1.6 px: the cross is blurred into a
    box blackened all over, lighter than its outline, its arms spreading past the corners like a
    scribble's turns; the paler paper between its arms, at the inside's edge middles, keeps it a
    "yes" to confirm (with a weaker bound on that evenness these read "noircie")."""
    rng = np.random.default_rng(seed)
    pen = PENS_BGR[seed % len(PENS_BGR)]
    sharp = identity(Marks())
    for box_name, mark in CROSSED:
        mark_box(sharp, CARD.field(box_name).box, mark, SHARP_PX_PER_MM, rng, pen)
    boxes = read_boxes(*camera(sharp, px_per_mm=1.8, blur_px=1.6, seed=seed))
    assert boxes[name].checked is True, boxes[name]
    assert boxes[name].confidence < 0.5
