"""A loop drawn close round a box (radius within a millimetre of the box's half diagonal: too
tight to reach the corner zones where circles are looked for) is no sure "no": boxes16's probe
read 48 such circled boxes "no" at >= 0.8. Beside them, empty boxes keep their sure "no"."""

import cv2
import numpy as np

from printables.layout import CARD_TYPES
from tests.support.people_marks import PENS_BGR
from tests.unit.test_scan_checkbox import (
    IDENTITY_BOXES,
    SHARP_PX_PER_MM,
    Marks,
    camera,
    identity,
    read_boxes,
)

CARD = CARD_TYPES["identite"]
CIRCLED = ("acteur_citoyen", "territoire_ecrins", "newsletter", "consentement_public")


def loop_round(sharp, name, off_mm, pen, width_mm=0.35, start=0.7):
    """A hand-drawn loop round box ``name``: radius the half diagonal + ``off_mm``, a little
    oval, its ends overlapping."""
    box = CARD.field(name).box
    r = np.hypot(box.w_mm, box.h_mm) / 2 + off_mm
    t = np.linspace(0, 2 * np.pi * 1.06, 80) + start
    x, y = box.center_mm
    pts = np.stack([x + 1.04 * r * np.cos(t), y + 0.97 * r * np.sin(t)], 1)
    p = np.round(pts * SHARP_PX_PER_MM * 4).astype(np.int32)
    cv2.polylines(sharp, [p], False, pen, round(width_mm * SHARP_PX_PER_MM), cv2.LINE_AA, shift=2)


def test_loops_drawn_tight_round_boxes_are_seldom_a_sure_no():
    """Loops 0-0.6 mm wider than the box's half diagonal, by three cameras: 36 circled boxes.
    The old reading said a sure "no" for 12 of them; a loop whose one side runs within the
    printed line's own blur (0.75 mm) is still missed (2 here). The empty boxes beside them
    keep reading "no"."""
    sure_no = 0
    for off_mm in (0.0, 0.3, 0.6):
        for px_per_mm, blur_px in ((2.67, 0.6), (2.3, 0.9), (2.0, 0.8)):
            sharp = identity(Marks())
            for i, name in enumerate(CIRCLED):
                loop_round(sharp, name, off_mm, PENS_BGR[i % 4], start=0.7 + i)
            image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px,
                              seed=int(10 * px_per_mm))
            boxes = read_boxes(image, h)
            sure_no += sum(boxes[n].checked is False and boxes[n].confidence >= 0.8
                           for n in CIRCLED)
            empty = [boxes[name] for name in IDENTITY_BOXES if name not in CIRCLED]
            assert not any(b.checked for b in empty)  # no empty box read "yes"
            assert sum(b.checked is False for b in empty) >= len(empty) - 1  # still "no"
    assert sure_no <= 2
