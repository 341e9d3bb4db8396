"""scan.checkbox: a straight grey line across an empty box is never a sure "yes".

A worn laser printer's toner streak, a fold's shadow, a ruler's pencil guide line: grey 110-190
on white paper, 0.2-0.7 mm wide, at any angle, running through the box and far past it on both
sides. Fainter than is_struck_*'s share of the outline, it was read as a tick's stroke: "yes" at
0.75-1.0 (review finding T1). Now such a line is looked for far past the box at both ends (past
a mark's own reach and the photo's blur, read on the printed outline) and all along its chord
inside the box; its cross profile is taken off the box and the inside read again
(without_streak): nothing left, "no" as a proposal; a tick on the line is still a sure "yes".
Ticks with no line, in a camera shake, stay sure too.
"""

import functools

import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES
from tests.support.people_marks import PENS_BGR, mark_box
from tests.support.scan_cards import Marks, make_code, render_card
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM as S
from tests.unit.test_scan_checkbox import camera, motion_blur, read_boxes

BOXES = CARD_TYPES["identite"].fields_of_kind("checkbox")


def streak(img, box, angle_deg, offset_mm, grey, width_mm):
    """A straight grey line through ``box`` (``offset_mm`` from its centre), 30 mm past its
    centre both ways: toner darkens the paper to ``grey``, never lightens ink."""
    u = np.array([np.cos(np.radians(angle_deg)), np.sin(np.radians(angle_deg))])
    c = np.array(box.center_mm) + offset_mm * np.array([-u[1], u[0]])
    a, b = c - 30 * u, c + 30 * u
    p = lambda q: (int(round(q[0] * S * 4)), int(round(q[1] * S * 4)))  # noqa: E731
    mask = np.zeros(img.shape[:2], np.uint8)
    cv2.line(mask, p(a), p(b), 255, max(1, round(width_mm * S)), cv2.LINE_AA, shift=2)
    alpha = (mask.astype(np.float32) / 255)[..., None]
    img[:] = (img * (1 - alpha) + np.minimum(img, grey) * alpha).round().astype(np.uint8)


@functools.cache
def photo(seed):
    """An identity card: 4 boxes ticked, crossed or ticked small, 7 boxes crossed by a grey line
    (some ticked too), seen at 2.0-2.7 px/mm soft, shaken or sharp: (readings, ticked, lined)."""
    rng = np.random.default_rng([3400, seed])
    sharp = render_card("identite", make_code("identite", 3), S, Marks())
    names = [f.name for f in BOXES]
    ticked = set(rng.choice(names, 4, replace=False).tolist())
    for f in BOXES:
        if f.name in ticked:
            mark = str(rng.choice(["small_tick", "tick", "cross"]))
            mark_box(sharp, f.box, mark, S, rng, PENS_BGR[0])
    lined = rng.choice(names, 7, replace=False).tolist()
    for name in lined:
        box = CARD_TYPES["identite"].field(name).box
        streak(sharp, box, rng.uniform(0, 180), rng.uniform(-1.2, 1.2), rng.uniform(110, 190),
               rng.uniform(0.25, 0.7))
    kind = ("soft", "motion", "sharp")[seed % 3]
    px_per_mm = rng.uniform(2.0, 2.7)
    blur_px = {"soft": 1.2, "motion": 0.5, "sharp": 0.6}[kind]
    image, h = camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, noise=2.0, seed=seed)
    if kind == "motion":
        image = motion_blur(image, rng.uniform(2.5, 6), rng.uniform(0, 180))
    return read_boxes(image, h), ticked, set(lined)


@pytest.mark.parametrize("seed", [1, 3, 5, 17, 19, 23])
def test_an_empty_box_crossed_by_a_grey_line_is_no_sure_yes(seed):
    boxes, ticked, lined = photo(seed)
    sure_yes = {
        name: round(boxes[name].confidence, 2)
        for name in lined - ticked
        if boxes[name].checked and boxes[name].confidence >= 0.8
    }
    assert not sure_yes


@pytest.mark.parametrize(
    "seed, names",
    [
        (1, ["acteur_socioprofessionnel", "territoire_hors", "journal"]),  # shaken; two unlined
        (17, ["territoire_ecrins"]),  # sharp, a line through the tick
        (19, ["acteur_public", "territoire_brianconnais", "newsletter"]),  # shaken, lined
    ],
)
def test_ticks_with_or_without_a_line_stay_sure(seed, names):
    boxes, ticked, _ = photo(seed)
    assert set(names) <= ticked
    for name in names:
        assert boxes[name].checked is True and boxes[name].confidence >= 0.8, (name, boxes[name])
