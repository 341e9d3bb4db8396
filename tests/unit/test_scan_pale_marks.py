"""Boxes blackened with a pale pen (red team probe of 2 December, 01 h).

A box scribbled out (or filled) with a pale pen (pencil, a yellow felt pen) is nowhere half as
dark as the printed outline: it read as a stroke, "yes" at 1.0 (4 of 4 in the probe). It is now
measured against the mark's own darkness: "noircie" (cancelled) or "remplie", a proposal, or no
value where a soft photo's blur could make a fill look scribbled out. A pale tick stays a tick.

Cards are drawn at 10 px/mm (tests.support.scan_cards) and seen at 2.0-4 px/mm.
"""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from tests.support.people_marks import mark_box
from tests.support.scan_cards import Marks, make_code, render_card
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera, read_boxes

PALE_PENS = {
    "pencil": (165, 165, 170),
    "light pencil": (185, 185, 188),
    "yellow felt": (40, 200, 230),
}


def pale_box(mark, pen, seed):
    sharp = render_card("identite", make_code("identite", 3), SHARP_PX_PER_MM, Marks())
    name = "acteur_association"
    mark_box(sharp, CARD_TYPES["identite"].field(name).box, mark, SHARP_PX_PER_MM,
             np.random.default_rng(seed), pen)
    return sharp, name


@pytest.mark.parametrize("pen", sorted(PALE_PENS))
@pytest.mark.parametrize("px_per_mm", [2.7, 4.0])
@pytest.mark.parametrize("seed", range(3))
def test_a_box_scribbled_out_with_a_pale_pen_is_never_a_sure_yes(pen, px_per_mm, seed):
    sharp, name = pale_box("scribble_out", PALE_PENS[pen], seed)
    box = read_boxes(*camera(sharp, px_per_mm=px_per_mm, seed=seed))[name]
    assert not (box.checked and box.confidence >= 0.8), box


@pytest.mark.parametrize("pen", sorted(PALE_PENS))
@pytest.mark.parametrize("px_per_mm", [2.7, 4.0])
@pytest.mark.parametrize("seed", range(3))
def test_a_pale_tick_stays_a_yes(pen, px_per_mm, seed):
    sharp, name = pale_box("tick", PALE_PENS[pen], seed)
    box = read_boxes(*camera(sharp, px_per_mm=px_per_mm, seed=seed))[name]
    # never taken for a blackened box (a faint yellow tick may be a "trace" with no value)
    assert box.checked is not False and box.reason not in ("noircie", "remplie"), box


@pytest.mark.parametrize("pen", ["light pencil", "yellow felt"])
@pytest.mark.parametrize("px_per_mm, blur_px", [(2.0, 1.0), (2.7, 1.5)])
@pytest.mark.parametrize("seed", range(2))
def test_a_box_filled_with_a_pale_pen_in_a_soft_photo_is_never_a_no(pen, px_per_mm, blur_px, seed):
    # at half a pale mark's darkness the outline's blur spreads past the box like a scribble
    sharp, name = pale_box("fill", PALE_PENS[pen], seed)
    box = read_boxes(*camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, seed=seed))[name]
    assert box.checked is not False, box
