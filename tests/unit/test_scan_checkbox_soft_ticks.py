"""scan.checkbox: a small soft tick is not taken for another card's paper beside the box.

A 2-3 mm tick of a thin pen in a 5 mm box, in soft focus at 2.1-2.4 px/mm, darkens all of the
inside that the foreign-paper test reads (its 90th percentile). The next box's outline, 2 mm
above or below, blurs into that side of the paper ring: the mark vanished against that side's
paper, the other sides looked whiter than the inside, and the box had no value ("couvert"),
though the card's own paper lay all around it. The box's own paper on the other sides and
inside differs there by 9-13 % (the tick); beside another card's edge by at most 1.6 %
(test_scan_checkbox_pastel_soft)."""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan.checkbox import COVERED, TRACE, own_paper_step
from tests.support.people_marks import PENS_BGR, mark_box
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera, identity, read_boxes

CARD = CARD_TYPES["identite"]
NAMES = [f.name for f in CARD.fields_of_kind("checkbox")]
PAPERS_BGR = ((245, 245, 245), (205, 185, 250), (250, 220, 190), (170, 240, 250))


def soft_card(seed):
    """Half the identity card's boxes ticked small (people_marks' small_tick), one pen, on white
    or pastel paper, seen at 1.9-2.7 px/mm with a blur of 0.5-1.6 px; (boxes read, ticked)."""
    rng = np.random.default_rng(seed)
    paper = PAPERS_BGR[seed % 4]
    px_per_mm = float(rng.uniform(1.9, 2.7))
    blur_px = float(rng.uniform(0.5, 1.6))
    pen = PENS_BGR[seed % len(PENS_BGR)]
    sharp = identity(Marks()).astype(np.float32) * np.array(paper) / 245
    ticked = set(rng.choice(NAMES, size=len(NAMES) // 2, replace=False))
    sharp = np.clip(sharp, 0, 255).astype(np.uint8)
    for name in sorted(ticked):
        mark_box(sharp, CARD.field(name).box, "small_tick", SHARP_PX_PER_MM, rng, pen)
    boxes = read_boxes(*camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, seed=seed))
    return boxes, ticked


def assert_ticks_proposed(seed, names):
    """The ticks ``names`` of soft card ``seed`` read "yes" to confirm ("trace", below 0.8),
    and no empty box of it is a sure "yes" (one here reads a weak 0.54, before and after)."""
    boxes, ticked = soft_card(seed)
    for name in names:
        assert name in ticked
        assert (boxes[name].checked, boxes[name].reason) == (True, TRACE), (name, boxes[name])
        assert boxes[name].confidence < 0.8
    assert not [
        n for n, b in boxes.items() if n not in ticked and b.checked and b.confidence >= 0.8
    ]


@pytest.mark.parametrize(
    "seed, names",
    [
        (1, ("acteur_porteur", "newsletter")),  # pink, 2.3 px/mm, blur 1.55 px
        (8, ("acteur_public",)),  # white, 2.2 px/mm, blur 1.6 px
        (12, ("acteur_entreprise", "journal")),  # white, 2.1 px/mm, blur 1.55 px
        (19, ("acteur_association", "acteur_citoyen")),  # yellow, 2.2 px/mm, blur 1.5 px
    ],
)
def test_a_small_soft_tick_with_the_cards_own_paper_around_is_a_yes_to_confirm(seed, names):
    assert_ticks_proposed(seed, names)


def test_own_paper_step_is_the_insides_darkness_below_the_second_darkest_side():
    # a tick: one side darkened by the next box's outline, the inside darker than the others
    assert own_paper_step([245.0, 199.0, 245.0, 244.0], 210.0) == pytest.approx(34 / 245)
    # another card's white on one side: the inside is the box's own (pastel) paper
    assert own_paper_step([208.0, 207.0, 250.0, 206.0], 206.0) == pytest.approx(1 / 250)
    assert own_paper_step([208.0, 207.0, 250.0, 206.0], 212.0) < 0
    assert COVERED != TRACE


@pytest.mark.parametrize(
    "seed, names",
    [
        (7, ("journal",)),  # yellow, 2.4 px/mm, blur 1.5 px
        (34, ("acteur_public", "acteur_entreprise", "consentement_aucun")),  # blue, 1.9 px/mm
    ],
)
def test_a_small_soft_tick_lost_against_the_next_boxs_blurred_outline_is_a_yes_to_confirm(
    seed, names
):
    """The next box's outline, 2 mm above or below, darkens that side of the paper ring evenly
    along it; against the other sides' paper the tick is a bent stroke: "yes" to confirm (it
    had no value, "trace")."""
    assert_ticks_proposed(seed, names)
