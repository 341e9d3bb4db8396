"""scan.checkbox: a small tick in a box whose outline is dimmed on 3-4 of its 12 segments.

In soft focus at ~2 px/mm (blur 1.8-1.9 px) the printed outline stands only 0.06-0.16 above the
paper, and a small tick near or across it, or a label smeared beside the box, dims three or four
of its twelve segments under BOX_SIDE_MIN_CONTRAST: the outline was "déformé" and the box had no
value, though its place is verified by the eight others and a tick is plainly read inside. A
cover hides a mark, it draws none: such a "yes" is proposed to a person (UNSURE_PROPOSAL_CONFIDENCE,
reason "déformé"), never sure; a "no" there keeps no value (what is hidden may be the tick)."""

import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan.checkbox import DEFORMED
from scan.thresholds import UNSURE_PROPOSAL_CONFIDENCE
from tests.support.people_marks import PENS_BGR, mark_box
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera, identity, read_boxes

CARD = CARD_TYPES["identite"]
NAMES = [f.name for f in CARD.fields_of_kind("checkbox")]
PAPERS_BGR = ((245, 245, 245), (205, 185, 250), (250, 220, 190), (170, 240, 250), (200, 230, 200))


def very_soft_card(seed):
    """Four boxes of an identity card ticked small (people_marks' small_tick, one pen each), on
    white or pastel paper, evenly shaded or not, seen at 1.9-2.4 px/mm with a blur of 0.9-1.9 px;
    (boxes read, ticked)."""
    rng = np.random.default_rng(5000 + seed)
    paper = PAPERS_BGR[seed % len(PAPERS_BGR)]
    shade = float(rng.uniform(0.6, 1.0)) if seed % 2 else 1.0
    card = identity(Marks()).astype(np.float32) * np.array(paper) / 245 * shade
    sharp = np.clip(card, 0, 255).astype(np.uint8)
    ticked = set(rng.choice(NAMES, size=4, replace=False))
    for name in sorted(ticked):
        pen = PENS_BGR[int(rng.integers(len(PENS_BGR)))]
        mark_box(sharp, CARD.field(name).box, "small_tick", SHARP_PX_PER_MM, rng, pen)
    px_per_mm, blur_px = float(rng.uniform(1.9, 2.4)), float(rng.uniform(0.9, 1.9))
    noise = float(rng.uniform(1.0, 4.0))
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, noise=noise, seed=seed)
    return read_boxes(image, h), ticked


@pytest.mark.parametrize(
    "seed, names",
    [
        (4, ("acteur_socioprofessionnel",)),  # mint paper, 1.99 px/mm, blur 1.82 px
        (13, ("acteur_porteur", "consentement_public")),  # pink, shaded 0.91, 1.99 px/mm
        (64, ("acteur_socioprofessionnel", "acteur_porteur", "acteur_citoyen")),  # mint, 1.94
    ],
)
def test_a_small_tick_in_a_box_placed_by_most_of_its_outline_is_a_yes_to_confirm(seed, names):
    boxes, ticked = very_soft_card(seed)
    for name in names:
        assert name in ticked
        got = boxes[name]
        assert (got.checked, got.reason) == (True, DEFORMED), (name, got)
        assert got.confidence <= UNSURE_PROPOSAL_CONFIDENCE
    # nothing on these cards is read wrong with confidence
    assert not [
        n for n, b in boxes.items()
        if b.checked is not None and b.checked != (n in ticked) and b.confidence >= 0.5
    ]
