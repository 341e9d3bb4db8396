"""scan.checkbox: a box is read only where its printed outline is found; the failure families of
issue 8 (frame cut, paper curl, pastel paper with a fit off by a millimetre, a neighbour's card
over the box) give unsure readings with a reason, never a confident wrong one.

Each card is drawn at 10 px/mm by tests.support.scan_cards, distorted there (in card mm), then
seen by a camera at 2.7 px/mm, the wall-photo scale of the README.
"""

import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan.checkbox import outline_problem, percentile
from scan.read import read_card
from tests.support.handwriting import draw_strokes
from tests.support.people_marks import PENS_BGR, mark_box
from tests.support.scan_cards import PEN_BGR, Marks, make_code, render_card

SHARP_PX_PER_MM = 10.0
IDENTITY_BOXES = [f.name for f in CARD_TYPES["identite"].fields_of_kind("checkbox")]


def camera(sharp, px_per_mm=2.7, blur_px=0.6, noise=3.0, seed=0):
    """``sharp`` (10 px/mm, card at the origin) seen at ``px_per_mm``; its mm -> px homography."""
    scale = px_per_mm / SHARP_PX_PER_MM
    image = cv2.resize(sharp, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    image = cv2.GaussianBlur(image, (0, 0), blur_px)
    noisy = image + np.random.default_rng(seed).normal(0, noise, image.shape)
    offset = 0.5 * scale - 0.5
    h = np.array([[px_per_mm, 0, offset], [0, px_per_mm, offset], [0, 0, 1.0]])
    return np.clip(noisy, 0, 255).astype(np.uint8), h


def identity(marks):
    return render_card("identite", make_code("identite", 3), SHARP_PX_PER_MM, marks)


def read_boxes(image, h, type_key="identite"):
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return read_card(gray, image, h, CARD_TYPES[type_key])[0]


def confident_wrong(boxes, truth):
    return {
        name: (b.checked, round(b.confidence, 2))
        for name, b in boxes.items()
        if b.checked is not None and b.checked != truth.get(name, False) and b.confidence >= 0.5
    }


TICKED = {
    "acteur_association": "cross",
    "territoire_ecrins": "tick",
    "consentement_participants": "tick",
}


def test_card_cut_by_the_frame_edge_is_unsure_out_of_frame_never_checked():
    image, h = camera(identity(Marks(checks=TICKED)))
    box = CARD_TYPES["identite"].field("consentement_public").box
    cut_px = round((box.x_mm + 1.5) * 2.7)  # the photo ends inside the consent column
    boxes = read_boxes(np.ascontiguousarray(image[:, :cut_px]), h)
    for name in (
        "consentement_participants",
        "consentement_public",
        "consentement_aucun",
        "newsletter",
        "journal",
    ):
        assert boxes[name].checked is None, (name, boxes[name])
        assert boxes[name].reason == "hors cadre"
    assert not confident_wrong(boxes, {k: True for k in TICKED})
    assert (
        boxes["acteur_association"].checked is True and boxes["territoire_ecrins"].checked is True
    )


def curl(sharp, lift_mm=1.6, start_mm=95.0):
    """The lower edge lifts off the wall: rows below ``start_mm`` slide down, more and more."""
    h_px, w_px = sharp.shape[:2]
    ys, xs = np.mgrid[0:h_px, 0:w_px].astype(np.float32)
    y_mm = ys / SHARP_PX_PER_MM
    depth = np.clip((y_mm - start_mm) / (h_px / SHARP_PX_PER_MM - start_mm), 0, 1)
    source_y = ys - lift_mm * SHARP_PX_PER_MM * depth**0.7
    return cv2.remap(sharp, xs, source_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def test_curled_lower_edge_boxes_are_found_again_locally_and_read_right():
    image, h = camera(curl(identity(Marks(checks=TICKED))))
    boxes = read_boxes(image, h)
    truth = {name: name in TICKED for name in IDENTITY_BOXES}
    assert not confident_wrong(boxes, truth)
    assert {n for n, b in boxes.items() if b.checked is True} == set(TICKED)
    assert all(b.checked is not None for b in boxes.values()), {
        n: b.reason for n, b in boxes.items()
    }


def test_pastel_paper_colour_cast_shadow_and_a_fit_off_by_a_millimetre_read_right():
    sharp = identity(Marks(checks=TICKED)).astype(np.float32)
    sharp *= np.array([205, 185, 250], np.float32) / 245  # pink paper (BGR), ink stays dark
    sharp *= np.linspace(0.55, 1.0, sharp.shape[1])[None, :, None]  # a shadow across the card
    sharp *= np.array([0.85, 1.0, 1.1], np.float32)  # warm light
    image, h = camera(np.clip(sharp, 0, 255).astype(np.uint8), noise=5.0)
    h = np.array([[1, 0, 1.2 * 2.7], [0, 1, -1.1 * 2.7], [0, 0, 1]]) @ h  # the fit is ~1.6 mm off
    boxes = read_boxes(image, h)
    truth = {name: name in TICKED for name in IDENTITY_BOXES}
    assert not confident_wrong(boxes, truth)
    assert {n for n, b in boxes.items() if b.checked is True} == set(TICKED)
    assert all(b.checked is not None for b in boxes.values())


def test_neighbour_card_over_the_boxes_makes_them_unsure_covered():
    sharp = identity(Marks(checks={**TICKED, "consentement_public": "cross", "journal": "tick"}))
    edge_px = round(148.0 * SHARP_PX_PER_MM)  # the neighbour's edge crosses the consent boxes
    sharp[:, edge_px:] = (250, 250, 250)
    sharp[:, edge_px - 8 : edge_px] = (120, 120, 120)  # its shadow on our card
    boxes = read_boxes(*camera(sharp))
    for name in (
        "consentement_participants",
        "consentement_public",
        "consentement_aucun",
        "newsletter",
        "journal",
    ):
        assert boxes[name].checked is None, (name, boxes[name])
        assert boxes[name].reason in ("couvert", "déformé")
    assert boxes["acteur_association"].checked is True and boxes["acteur_public"].checked is False


LIGHT_BLUE_PEN_BGR = (200, 140, 90)


def draw_tick(sharp, box, size_mm, pen_mm, colour=PEN_BGR):
    """A small tick of ``size_mm`` centred in ``box``, thin pen."""
    cx, cy = np.array(box.center_mm) * SHARP_PX_PER_MM
    s = size_mm * SHARP_PX_PER_MM
    points = np.array(
        [(cx - 0.5 * s, cy), (cx - 0.15 * s, cy + 0.4 * s), (cx + 0.5 * s, cy - 0.5 * s)]
    )
    cv2.polylines(
        sharp,
        [points.round().astype(np.int32)],
        False,
        colour,
        max(1, round(pen_mm * SHARP_PX_PER_MM)),
        cv2.LINE_AA,
    )


@pytest.mark.parametrize("size_mm", [2.0, 2.5, 3.0])
def test_small_thin_tick_inside_the_box_counts_as_checked(size_mm):
    sharp = identity(Marks())
    for name in ("acteur_public", "territoire_hors", "newsletter"):
        draw_tick(sharp, CARD_TYPES["identite"].field(name).box, size_mm, pen_mm=0.3)
    boxes = read_boxes(*camera(sharp))
    assert {n for n, b in boxes.items() if b.checked is True} == {
        "acteur_public",
        "territoire_hors",
        "newsletter",
    }
    assert all(
        boxes[n].confidence >= 0.8 for n in ("acteur_public", "territoire_hors", "newsletter")
    )
    assert all(
        b.checked is False
        for n, b in boxes.items()
        if n not in ("acteur_public", "territoire_hors", "newsletter")
    )


@pytest.mark.parametrize("seed", range(6))
def test_small_thin_ticks_found_and_empty_boxes_not_checked_at_two_px_per_mm_soft(seed):
    """2-3 mm ticks of a 0.25-0.45 mm pen (tests.support.people_marks) at 2 px/mm, in soft focus
    (0.5 mm): every tick found; an empty box is never a confident "checked" (before: the
    outline's blur, one pixel inside the box, read as a bent 3 mm stroke, checked at 1.0)."""
    rng = np.random.default_rng(seed)
    ticked = ("acteur_public", "territoire_hors", "newsletter", "acteur_citoyen")
    sharp = identity(Marks())
    for name in ticked:
        box = CARD_TYPES["identite"].field(name).box
        mark_box(sharp, box, "small_tick", SHARP_PX_PER_MM, rng, PENS_BGR[seed % len(PENS_BGR)])
    boxes = read_boxes(*camera(sharp, px_per_mm=2.0, blur_px=1.0, seed=seed))
    assert sum(boxes[name].checked is True for name in ticked) >= 3
    assert not confident_wrong(boxes, dict.fromkeys(ticked, True))


def test_small_tick_of_a_thin_light_pen_counts_as_checked():
    """2 mm, a 0.2 mm light-blue pen: under the darkness score's band, found as a bent stroke."""
    sharp = identity(Marks())
    for name in ("acteur_public", "territoire_hors", "newsletter"):
        draw_tick(sharp, CARD_TYPES["identite"].field(name).box, 2.0, 0.2, LIGHT_BLUE_PEN_BGR)
    boxes = read_boxes(*camera(sharp))
    assert {n for n, b in boxes.items() if b.checked is True} == {
        "acteur_public",
        "territoire_hors",
        "newsletter",
    }


def test_a_straight_faint_slip_inside_a_box_is_never_a_confident_checked():
    sharp = identity(Marks())
    box = CARD_TYPES["identite"].field("consentement_public").box
    x, y = box.x_mm + 1.5, box.y_mm + 1.6
    cv2.line(
        sharp,
        (round(x * 10), round(y * 10)),
        (round((x + 2.2) * 10), round((y + 0.4) * 10)),
        (150, 150, 150),
        3,
    )
    reading = read_boxes(*camera(sharp))["consentement_public"]
    assert reading.checked is not True or reading.confidence < 0.8


@pytest.mark.parametrize(
    "style, expected", [("scribble", (False, "noircie")), ("fill", (True, "remplie"))]
)
def test_blackened_box_is_read_by_the_printed_convention_as_a_proposal(style, expected):
    """Printed on the card: a filled box says yes, a box scribbled out past its edges cancels.
    Both are proposals a person confirms (a heavy cross can look filled)."""
    boxes = read_boxes(*camera(identity(Marks(checks={"consentement_public": style}))))
    reading = boxes["consentement_public"]
    assert (reading.checked, reading.reason) == expected
    assert reading.confidence < 0.5


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("px_per_mm", [2.7, 4.0])
def test_fill_inside_the_outline_reads_yes_a_scribble_past_it_cancelled(seed, px_per_mm):
    """The second family's marks (tests.support.people_marks): a box filled inside its outline
    (the outline still visible around it) and a tick scribbled out with zigzags running past the
    outline, in every pen colour. Before, both read "cancelled" alike."""
    rng = np.random.default_rng(seed)
    pen = PENS_BGR[seed % len(PENS_BGR)]
    sharp = identity(Marks())
    for name, mark in (("acteur_public", "fill"), ("newsletter", "scribble_out")):
        mark_box(sharp, CARD_TYPES["identite"].field(name).box, mark, SHARP_PX_PER_MM, rng, pen)
    boxes = read_boxes(*camera(sharp, px_per_mm=px_per_mm, seed=seed))
    filled, scribbled = boxes["acteur_public"], boxes["newsletter"]
    assert (filled.checked, filled.reason) == (True, "remplie"), filled
    assert (scribbled.checked, scribbled.reason) == (False, "noircie"), scribbled
    assert max(filled.confidence, scribbled.confidence) < 0.5


def test_unsure_reason_is_in_the_json():
    image, h = camera(identity(Marks()))
    boxes = read_boxes(np.ascontiguousarray(image[:, : round(148 * 2.7)]), h)
    assert boxes["journal"].to_dict() == {
        "checked": None,
        "confidence": 0.0,
        "score": 0.0,
        "reason": "hors cadre",
    }
    assert boxes["acteur_public"].to_dict()["reason"] is None


@pytest.mark.parametrize(
    "name, axes_px",
    [
        ("consentement_public", (50, 46)),
        ("acteur_entreprise", (60, 55)),
        ("territoire_ecrins", (52, 48)),
    ],
)
def test_circle_drawn_round_an_empty_box_is_a_yes_to_confirm(name, axes_px):
    """A circle of 9 to 12 mm round the 5 mm box, not quite closed: a way of saying yes, read
    checked as a proposal (reason "entourée"), never a confident "unchecked"."""
    sharp = identity(Marks())
    cx, cy = (np.array(CARD_TYPES["identite"].field(name).box.center_mm) * SHARP_PX_PER_MM).round()
    cv2.ellipse(sharp, (int(cx), int(cy)), axes_px, 10, 0, 340, PEN_BGR, 5, cv2.LINE_AA)
    reading = read_boxes(*camera(sharp))[name]
    assert (reading.checked, reading.reason) == (True, "entourée")
    assert reading.confidence < 0.5
    assert all(b.checked is False for n, b in read_boxes(*camera(identity(Marks()))).items())


def test_a_circle_round_the_box_soft_focus_does_not_hide_the_outline():
    """At 2 px/mm under soft focus a circle drawn round the box outweighed the outline: the
    best response sat off the box, its outline not verified ("déformé"). The next best place,
    fully verified, is the box; the circle is then read as such."""
    sharp = identity(Marks())
    names = ("consentement_public", "acteur_entreprise", "territoire_ecrins", "newsletter")
    for name in names:
        cx, cy = (np.array(CARD_TYPES["identite"].field(name).box.center_mm) * 10).round()
        cv2.ellipse(sharp, (int(cx), int(cy)), (50, 46), 10, 0, 340, PEN_BGR, 5, cv2.LINE_AA)
    boxes = read_boxes(*camera(sharp, px_per_mm=2.0, blur_px=1.2))
    assert {n: boxes[n].reason for n in names} == dict.fromkeys(names, "entourée")


@pytest.mark.parametrize("pen", [PENS_BGR[0], PENS_BGR[1]])  # black, blue
@pytest.mark.parametrize("thickness_px, blur_px", [(2, 1.2), (2, 1.6), (3, 1.6)])
def test_a_thin_circle_softened_by_blur_is_never_a_confident_no(pen, thickness_px, blur_px):
    """A thin pen circle round the box (0.2-0.3 mm at 2 px/mm, soft focus) keeps too little
    darkness to be read "entourée"; the old code then read the box "unchecked" at 1.0. Fainter
    ink in the corners round an empty box makes the "no" a proposal; a clean card stays sure."""
    sharp = identity(Marks())
    names = ("consentement_public", "acteur_entreprise", "territoire_ecrins", "newsletter")
    for name in names:
        cx, cy = (np.array(CARD_TYPES["identite"].field(name).box.center_mm) * 10).round()
        cv2.ellipse(sharp, (int(cx), int(cy)), (52, 48), 10, 0, 350, pen, thickness_px, cv2.LINE_AA)
    boxes = read_boxes(*camera(sharp, px_per_mm=2.0, blur_px=blur_px))
    assert all(boxes[n].checked is not False or boxes[n].confidence < 0.8 for n in names)
    clean = read_boxes(*camera(identity(Marks())))
    sure = [b for b in clean.values() if b.checked is False and b.confidence >= 0.8]
    assert len(sure) >= 0.8 * len(clean)


@pytest.mark.parametrize("px_per_mm, blur_px", [(2.7, 0.6), (4.0, 0.8)])
@pytest.mark.parametrize(
    "diameter_mm, off_mm", [(10, (2.0, 0)), (10, (-2.0, 0)), (11, (2.0, 0)), (10, (0, -1.5))]
)
def test_a_circle_drawn_off_centre_round_the_box_is_never_a_confident_no(
    diameter_mm, off_mm, px_per_mm, blur_px
):
    """A pen circle that still encloses the 5 mm box but whose centre sits 1.5-2 mm off it
    passes through the two corner zones on that side only: the old code read the box
    "unchecked" at 0.86-1.0. Ink in both corners of one side (and, where labels or neighbours'
    marks may put it there, the circle's arc beside the box's left side) makes the "no" a
    proposal; the boxes of a clean card stay sure."""
    sharp = identity(Marks())
    names = ("consentement_public", "acteur_entreprise", "territoire_ecrins", "newsletter")
    radius = diameter_mm * 5
    for name in names:
        cx, cy = (np.array(CARD_TYPES["identite"].field(name).box.center_mm) + off_mm) * 10
        centre = (int(round(cx)), int(round(cy)))
        cv2.ellipse(sharp, centre, (radius, radius - 3), 10, 0, 340, PEN_BGR, 5, cv2.LINE_AA)
    boxes = read_boxes(*camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px, seed=3))
    assert all(boxes[n].checked is not False or boxes[n].confidence < 0.8 for n in names)
    clean = read_boxes(*camera(identity(Marks()), px_per_mm=px_per_mm, blur_px=blur_px, seed=3))
    sure = [b for b in clean.values() if b.checked is False and b.confidence >= 0.8]
    assert len(sure) == len(clean)


@pytest.mark.parametrize("px_per_mm, blur_px", [(2.0, 1.6), (2.0, 1.8)])
def test_an_empty_card_in_strong_soft_focus_is_never_read_checked_with_confidence(
    px_per_mm, blur_px
):
    """At 2 px/mm under a 0.8-0.9 mm soft focus the printed labels and headings smear into the
    territory row's boxes: the old code read two or three of them "checked" at 0.8 to 1.0 on an
    empty card. A box whose outline is that soft is only ever a proposal."""
    boxes = read_boxes(*camera(identity(Marks()), px_per_mm=px_per_mm, blur_px=blur_px))
    assert all(b.checked is not True or b.confidence < 0.8 for b in boxes.values())


def test_a_sharp_card_keeps_its_sure_readings():
    """Doubt is about blur and marks: a sharp card at 2.7 px/mm is read with assurance."""
    boxes = read_boxes(*camera(identity(Marks(checks=TICKED))))
    truth = dict.fromkeys(TICKED, True)
    assert not confident_wrong(boxes, truth)
    assert sum(b.confidence >= 0.8 for b in boxes.values()) >= 0.8 * len(boxes)


@pytest.mark.parametrize("gap_mm", [0.2, 0.5, 0.8])
@pytest.mark.parametrize("paper_bgr", [(200, 240, 200), (205, 185, 250)])  # sage, pink
def test_pastel_card_with_a_white_card_edge_beside_the_box_is_never_a_confident_checked(
    gap_mm, paper_bgr
):
    """Issue 8: a neighbour card stuck over a pastel card, its edge just right of an empty box,
    gave the reading a false paper white: the box read checked at 1.0."""
    sharp = identity(Marks()).astype(np.float32) * np.array(paper_bgr) / 245
    box = CARD_TYPES["identite"].field("newsletter").box
    edge_px = round((box.right_mm + gap_mm) * SHARP_PX_PER_MM)
    sharp[:, edge_px:] = (250, 250, 250)
    sharp[:, edge_px - 8 : edge_px] = (120, 120, 120)  # its shadow on our card
    reading = read_boxes(*camera(np.clip(sharp, 0, 255).astype(np.uint8)))["newsletter"]
    assert reading.checked is not True, reading


def test_a_fit_several_mm_off_makes_every_box_a_proposal():
    """A loose fit (a card read from its QR alone) may put a box's neighbour where the box
    should be: its readings stay below the review line, whatever they say."""
    image, h = camera(identity(Marks(checks=TICKED)))
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    tight = read_card(gray, image, h, CARD_TYPES["identite"], fit_error_mm=0.3)[0]
    loose = read_card(gray, image, h, CARD_TYPES["identite"], fit_error_mm=5.0)[0]
    assert max(b.confidence for b in tight.values()) >= 0.8
    assert max(b.confidence for b in loose.values()) < 0.5
    assert {n: b.checked for n, b in loose.items()} == {n: b.checked for n, b in tight.items()}


@pytest.mark.parametrize(
    "contrasts, expected",
    [
        ([0.2] * 12, (None, False)),
        ([0.2] * 11 + [0.045], (None, True)),  # one faint segment (blur): read, to confirm
        ([0.2] * 10 + [0.045, 0.04], (None, True)),
        ([0.2] * 11 + [0.01], ("déformé", False)),  # a segment gone: not verified
        ([0.2] * 9 + [0.045] * 3, ("déformé", False)),
        ([0.2] * 5 + [0.0] * 7, ("couvert", False)),
    ],
)
def test_outline_with_faint_segments_is_read_but_not_trusted(contrasts, expected):
    assert outline_problem(contrasts, 0, 0, 4.0) == expected


def test_scribble_running_over_the_outline_is_still_read_cancelled():
    """A scribble-out's zigzags overflow the box and hide parts of its outline: it is read
    "not checked" (cancelled, the printed convention) as a proposal, not left without value."""
    sharp = identity(Marks())
    box = CARD_TYPES["identite"].field("journal").box
    ys = np.linspace(box.y_mm - 0.3, box.bottom_mm + 0.3, 16)
    xs = np.where(np.arange(16) % 2 == 0, box.x_mm - 0.9, box.right_mm + 0.9)
    points = (np.stack([xs, ys], 1) * SHARP_PX_PER_MM).round().astype(np.int32)
    cv2.polylines(sharp, [points], False, PEN_BGR, 7, cv2.LINE_AA)
    reading = read_boxes(*camera(sharp))["journal"]
    assert (reading.checked, reading.reason) == (False, "noircie")
    assert reading.confidence < 0.5


@pytest.mark.parametrize("q", [15, 25, 75, 90])
def test_fast_percentile_is_numpys(q):
    values = np.random.default_rng(q).normal(100, 30, (7, 13)).astype(np.float32)
    assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)), rel=1e-5)


def motion_blur(image, length_px, angle_deg):
    """A straight camera shake of ``length_px`` (photo px) along ``angle_deg``."""
    n = int(np.ceil(length_px)) | 1
    kernel = np.zeros((n * 4, n * 4), np.float32)
    c = n * 2
    d = np.array([np.cos(np.radians(angle_deg)), np.sin(np.radians(angle_deg))]) * length_px * 2
    cv2.line(kernel, tuple((c - d).round().astype(int)), tuple((c + d).round().astype(int)), 1.0, 2)
    kernel = cv2.resize(kernel, (n, n), interpolation=cv2.INTER_AREA)
    return cv2.filter2D(image, -1, kernel / kernel.sum())


def labelled(sharp):
    """Each box's label 1.5 mm to its right and each group's heading above its first box, as
    printed (printables.fields): blurred, their ink spreads into the paper around the outline."""
    seen_groups = set()
    for f in CARD_TYPES["identite"].fields_of_kind("checkbox"):
        x, y = (f.box.right_mm + 1.5) * SHARP_PX_PER_MM, (f.box.y_mm + 3.6) * SHARP_PX_PER_MM
        font = cv2.FONT_HERSHEY_SIMPLEX
        cv2.putText(sharp, "Associations", (round(x), round(y)), font, 0.75, (60, 60, 60), 2)
        if f.group and f.group not in seen_groups:
            seen_groups.add(f.group)
            y_head = (f.box.y_mm - 1.3) * SHARP_PX_PER_MM
            cv2.putText(sharp, "Je suis", (round(f.box.x_mm * 10), round(y_head)), font, 0.75,
                        (60, 60, 60), 2)
    return sharp


@pytest.mark.parametrize("paper_bgr", [(200, 240, 200), (170, 245, 250)])  # sage, yellow
@pytest.mark.parametrize("angle_deg", [0.0, 47.0, 90.0])
def test_pastel_card_under_motion_blur_is_verified_not_covered(paper_bgr, angle_deg):
    """Issue 8, second photo family: a 2 mm camera shake at 2.6 px/mm smears the labels and
    headings beside each box into the paper around its outline; the outline was then taken for
    missing ("couvert", "déformé") on uncovered boxes. The outline is judged against the paper
    on its inner side too, so the boxes are verified and read."""
    sharp = labelled(identity(Marks(checks=TICKED))).astype(np.float32)
    sharp *= np.array(paper_bgr, np.float32) / 245
    image, h = camera(np.clip(sharp, 0, 255).astype(np.uint8), px_per_mm=2.6, blur_px=0.5)
    boxes = read_boxes(motion_blur(image, 5.4, angle_deg), h)
    truth = {name: name in TICKED for name in IDENTITY_BOXES}
    assert not confident_wrong(boxes, truth)
    assert {n: b.reason for n, b in boxes.items() if b.reason in ("couvert", "déformé")} == {}


def test_a_covered_box_under_motion_blur_is_still_covered():
    """The inner-side paper makes a blurred outline verifiable, not a white cover: a neighbour
    card over the consent column still hides those boxes."""
    sharp = labelled(identity(Marks(checks={**TICKED, "consentement_public": "cross"})))
    edge_px = round(144.0 * SHARP_PX_PER_MM)
    sharp[:, edge_px:] = (250, 250, 250)
    image, h = camera(sharp, px_per_mm=2.6, blur_px=0.5)
    boxes = read_boxes(motion_blur(image, 5.4, 47.0), h)
    for name in ("consentement_participants", "consentement_public", "newsletter", "journal"):
        assert (boxes[name].checked, boxes[name].reason) == (None, "couvert"), boxes[name]


def lifted(sharp, lift_mm, start_mm, direction):
    """The lower edge lifting off the wall as the second photo family draws it: below
    ``start_mm`` the paper is seen shifted along ``direction``, growing with the square of the
    depth into the curl up to ``lift_mm`` at the edge."""
    h_px, w_px = sharp.shape[:2]
    ys, xs = np.mgrid[0:h_px, 0:w_px].astype(np.float32)
    depth = np.clip((ys / SHARP_PX_PER_MM - start_mm) / (h_px / SHARP_PX_PER_MM - start_mm), 0, 1)
    shift = (lift_mm * SHARP_PX_PER_MM * depth**2).astype(np.float32)
    dx, dy = (np.array(direction) / np.linalg.norm(direction)).astype(np.float32)
    return cv2.remap(sharp, xs - shift * dx, ys - shift * dy, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE)


@pytest.mark.parametrize("direction", [(0.0, 1.0), (0.8, 0.6), (-0.6, 0.8)])
def test_strongly_curled_card_boxes_are_found_by_the_local_field_and_read(direction):
    """Issue 8: a 4 mm curl moves the lowest boxes ~3 mm from where the flat part's fit puts
    them, beyond the 2 mm each box is searched: they were all left "déformé". The outlines found
    nearer the flat part, and the others found within ANCHOR_SEARCH_MM, give a smooth
    displacement field; every box is then verified and read where it lies."""
    sharp = lifted(identity(Marks(checks=TICKED)), 4.0, 62.0, direction)
    wall_px = round(10 * SHARP_PX_PER_MM)  # the card on a grey wall, 10 mm in from the frame
    sharp = cv2.copyMakeBorder(sharp, *[wall_px] * 4, cv2.BORDER_CONSTANT, value=(90, 90, 90))
    image, h = camera(sharp)
    boxes = read_boxes(image, h @ np.array([[1, 0, 10], [0, 1, 10], [0, 0, 1.0]]))
    truth = {name: name in TICKED for name in IDENTITY_BOXES}
    assert not confident_wrong(boxes, truth)
    assert {n: b.reason for n, b in boxes.items() if b.checked is None} == {}
    assert {n for n, b in boxes.items() if b.checked is True} == set(TICKED)


@pytest.mark.parametrize("name", ["territoire_ecrins", "consentement_participants"])
def test_a_box_under_the_edge_of_matt_tape_is_never_read_with_confidence(name):
    """Matt tape over a card's corner lets the print show through, greyer and yellower: a box
    under its edge is covered, so its reading (right or not) is only a proposal."""
    sharp = identity(Marks(checks=TICKED)).astype(np.float32)
    box = CARD_TYPES["identite"].field(name).box
    x0, y0 = (np.array(box.center_mm) - 1.0) * SHARP_PX_PER_MM
    tape = np.zeros(sharp.shape[:2], np.float32)
    cv2.fillPoly(tape, [np.array([[x0, y0], [x0 + 400, y0 - 250], [x0 + 700, y0 + 250],
                                  [x0 + 300, y0 + 500]], np.int32)], 1.0)
    over = sharp * 0.55 + np.array([150, 190, 200], np.float32) * 0.45
    sharp = sharp * (1 - 0.9 * tape[..., None]) + over * 0.9 * tape[..., None]
    reading = read_boxes(*camera(np.clip(sharp, 0, 255).astype(np.uint8)))[name]
    assert reading.confidence < 0.8, reading


def test_a_heading_just_above_the_boxes_soft_focus_does_not_pull_the_outline_away():
    """A bold heading 1.3 mm above a box, blurred at 2 px/mm, outweighed the box's own top side
    at the edge of the search: the box was "déformé". The best place inside the search, fully
    verified, is the box."""
    sharp = identity(Marks(checks=TICKED))
    for f in CARD_TYPES["identite"].fields_of_kind("checkbox"):
        y_px = round((f.box.y_mm - 1.3) * SHARP_PX_PER_MM)
        cv2.putText(sharp, "Mes coordonnees", (round(f.box.x_mm * SHARP_PX_PER_MM), y_px),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.9, (40, 40, 40), 2)
    boxes = read_boxes(*camera(sharp, px_per_mm=2.0, blur_px=1.6))
    truth = {name: name in TICKED for name in IDENTITY_BOXES}
    assert not confident_wrong(boxes, truth)
    assert {n: b.reason for n, b in boxes.items() if b.reason in ("couvert", "déformé")} == {}


def test_a_shadow_across_a_faintly_ticked_box_is_not_a_cover():
    """A shadow's slope (0.8 % of the light per mm, a curl turning away from the light) makes
    one side of the box lighter than its inside: that is no foreign paper, so a faint tick that
    does not hold against the darker side is unsure, never "couvert"."""
    sharp = identity(Marks())
    for name in ("acteur_public", "territoire_hors", "consentement_public"):
        draw_tick(sharp, CARD_TYPES["identite"].field(name).box, 2.5, 0.2, LIGHT_BLUE_PEN_BGR)
    x_mm = np.arange(sharp.shape[1], dtype=np.float32) / SHARP_PX_PER_MM
    shade = np.clip(1 - 0.008 * x_mm, 0.45, 1.0)
    sharp = (sharp.astype(np.float32) * shade[None, :, None]).astype(np.uint8)
    boxes = read_boxes(*camera(sharp))
    assert not confident_wrong(boxes, dict.fromkeys(("acteur_public", "territoire_hors",
                                                     "consentement_public"), True))
    assert {n: b.reason for n, b in boxes.items() if b.reason == "couvert"} == {}


@pytest.mark.parametrize("seed", range(3))
def test_side_contrasts_equal_the_masks_they_are_built_from(seed):
    """Speed: each side segment's bands are index lists built once per box size; the contrasts
    are the same bits as selecting the template's masks segment by segment."""
    from scan.checkbox import band_masks, side_contrasts, template_origin
    from scan.thresholds import BOX_SIDE_SEGMENTS, OUTSIDE_PAPER_PERCENTILE, READ_PX_PER_MM

    box = CARD_TYPES["identite"].fields_of_kind("checkbox")[0].box
    s = READ_PX_PER_MM
    rng = np.random.default_rng(seed)
    size, origin, margin_px, box_px = template_origin(box, s, 2.0)
    darkness = rng.random((2 * origin + size + 8,) * 2).astype(np.float32)
    masks = band_masks(size, box_px, margin_px, s)
    for dx, dy in ((0, 0), (-3, 2), (4, -4)):
        window = darkness[origin + dy : origin + dy + size, origin + dx : origin + dx + size]
        edges = np.linspace(margin_px, margin_px + box_px, BOX_SIDE_SEGMENTS + 1)
        coord = np.arange(size) + 0.5
        expected = []
        for side in ("top", "bottom", "left", "right"):
            for a, b in zip(edges[:-1], edges[1:]):
                part = (coord >= a) & (coord <= b)
                sel = part[None, :] if side in ("top", "bottom") else part[:, None]
                bands = [window[masks[f"{side}_{k}"] & sel] for k in ("out", "in", "deep")]
                paper = min(percentile(band, OUTSIDE_PAPER_PERCENTILE) for band in bands)
                expected.append(float(window[masks[side] & sel].mean() - paper))
        assert side_contrasts(darkness, box, dx, dy, s, 2.0) == expected


# --- an unsure box still proposes its most likely value (below the review line, reason kept) ---


def test_a_straight_slip_in_an_empty_box_is_proposed_unchecked_as_a_trace():
    """A straight grey line of 1.6 mm in an empty box (a slip of the pen, an outline smeared in
    by blur) is neither a tick nor paper ("trace"). The old code gave no value; nearer paper than
    a tick and straight, it is now "no" as a proposal for a person to confirm."""
    sharp = identity(Marks())
    names = ("territoire_hors", "consentement_public", "newsletter", "acteur_citoyen")
    for name in names:
        box = CARD_TYPES["identite"].field(name).box
        x, y = box.x_mm + 1.4, box.y_mm + 2.0
        start, end = (round(x * 10), round(y * 10)), (round((x + 1.6) * 10), round((y + 0.2) * 10))
        cv2.line(sharp, start, end, (170, 170, 170), 3)
    boxes = read_boxes(*camera(sharp))
    for name in names:
        assert (boxes[name].checked, boxes[name].reason) == (False, "trace"), boxes[name]
        assert boxes[name].confidence < 0.5


def test_a_box_at_the_photo_edge_with_its_outline_in_view_is_read_as_a_proposal():
    """The photo's edge 3 mm right of the consent column: the boxes and the paper just outside
    their outline are in view, not their whole 2.5 mm paper ring. The old code gave no value
    ("hors cadre"); they are now read, as proposals, the reason kept."""
    ticks = {"journal": "tick", "newsletter": "tick"}
    image, h = camera(identity(Marks(checks=ticks)))
    box = CARD_TYPES["identite"].field("journal").box
    boxes = read_boxes(np.ascontiguousarray(image[:, : round((box.right_mm + 3.0) * 2.7)]), h)
    expected = {"journal": True, "newsletter": True, "consentement_public": False,
                "consentement_aucun": False}
    for name, value in expected.items():
        assert (boxes[name].checked, boxes[name].reason) == (value, "hors cadre"), boxes[name]
        assert boxes[name].confidence < 0.5


@pytest.mark.parametrize("gap_mm", [0.2, 0.5])
def test_an_empty_pastel_box_beside_a_white_card_edge_is_proposed_unchecked_covered(gap_mm):
    """The white of a card stuck over a pastel one, just right of an empty box, made its paper
    look inked: "couvert" with no value before. Against the box's own (darker) paper the box is
    empty, its outline all there: "no" as a proposal, reason "couvert"."""
    sharp = identity(Marks()).astype(np.float32) * np.array((200, 240, 200)) / 245
    box = CARD_TYPES["identite"].field("newsletter").box
    edge_px = round((box.right_mm + gap_mm) * SHARP_PX_PER_MM)
    sharp[:, edge_px:] = (250, 250, 250)
    sharp[:, edge_px - 8 : edge_px] = (120, 120, 120)
    reading = read_boxes(*camera(np.clip(sharp, 0, 255).astype(np.uint8)))["newsletter"]
    assert (reading.checked, reading.reason) == (False, "couvert"), reading
    assert reading.confidence < 0.5


def test_a_tick_beside_a_dark_band_is_proposed_checked_as_a_trace():
    """A dark band (a hand's shadow, a strip of dark paper) just below ticked boxes: against
    that side's paper the tick is only a trace, against the three others a clear tick, and no
    foreign white is beside the box. The old code gave no value; now "yes" as a proposal. The
    same band under empty boxes gives no such proposal (a band that dark in three corners of the
    lowest box is taken for a circle, as before: a proposal too)."""
    names = ("acteur_public", "newsletter", "acteur_citoyen", "journal")

    def banded(tick):
        sharp = identity(Marks())
        for name in names:
            box = CARD_TYPES["identite"].field(name).box
            if tick:
                draw_tick(sharp, box, 2.5, 0.3)
            y0, y1 = round((box.bottom_mm + 0.9) * 10), round((box.bottom_mm + 2.8) * 10)
            x0, x1 = round((box.x_mm - 3) * 10), round((box.right_mm + 3) * 10)
            sharp[y0:y1, x0:x1] = (sharp[y0:y1, x0:x1] * 0.5).astype(np.uint8)
        return read_boxes(*camera(sharp))

    ticked = banded(True)
    assert all(ticked[n].checked is True for n in names), ticked
    proposals = {n for n in names if ticked[n].confidence < 0.5}
    assert len(proposals) >= 3 and all(ticked[n].reason == "trace" for n in proposals)
    empty = banded(False)
    assert not any(empty[n].checked is True and empty[n].reason != "entourée" for n in names)
    assert all(empty[n].checked is not True or empty[n].confidence < 0.5 for n in names)


def test_a_box_missing_one_side_of_its_outline_is_read_as_a_proposal_deformed():
    """The right side of each box's outline is gone (correction fluid, a tear): the box is
    "déformé", no value before. Its place is verified by the other sides (not at the edge of
    the search), so what is inside is read, as a proposal: ticks "yes", empty boxes never
    "yes"."""
    ticked = ("acteur_public", "territoire_hors", "newsletter")
    empty = ("acteur_citoyen", "consentement_public", "journal")
    sharp = identity(Marks())
    for name in ticked + empty:
        box = CARD_TYPES["identite"].field(name).box
        if name in ticked:
            draw_tick(sharp, box, 3.0, 0.4)
        y0, y1 = round(box.y_mm * 10), round(box.bottom_mm * 10)
        x0, x1 = round((box.right_mm - 0.4) * 10), round((box.right_mm + 0.4) * 10)
        sharp[y0:y1, x0:x1] = sharp[y0:y1, x1 + 12 : x1 + 12 + (x1 - x0)]  # paper beside it
    boxes = read_boxes(*camera(sharp))
    for name in ticked:
        assert (boxes[name].checked, boxes[name].reason) == (True, "déformé"), boxes[name]
        assert boxes[name].confidence < 0.5
    for name in empty:
        assert boxes[name].checked is not True and boxes[name].confidence < 0.5, boxes[name]


@pytest.mark.parametrize("px_per_mm, blur_px", [(2.7, 0.6), (2.0, 1.0), (4.0, 0.6)])
def test_neighbours_marks_in_three_corners_of_an_empty_box_are_no_circle(px_per_mm, blur_px):
    """The zigzags of a scribble-out on the box above run past its outline into this empty box's
    two upper corners; the tail of a tick on the box below reaches its lower right corner. The
    old code read it circled ("entourée", yes). A circle passes all four corners: with the
    fourth clean the box is "unchecked", a proposal (the ink round it is a doubt)."""
    names = ("consentement_public", "acteur_public", "territoire_ecrins")
    sharp = identity(Marks())
    for name in names:
        box = CARD_TYPES["identite"].field(name).box
        zigzag = [(box.x_mm - 2.0 + 0.9 * i, box.y_mm - 1.0 - 1.2 * (i % 2)) for i in range(11)]
        right, bottom = box.right_mm, box.bottom_mm
        tail = [(right - 1.0, bottom + 4.0), (right + 1.6, bottom + 1.0)]
        for line in (zigzag, tail):
            points = (np.array(line) * SHARP_PX_PER_MM).round().astype(np.int32)
            cv2.polylines(sharp, [points], False, PEN_BGR, 5, cv2.LINE_AA)
    boxes = read_boxes(*camera(sharp, px_per_mm=px_per_mm, blur_px=blur_px))
    for name in names:
        assert boxes[name].checked is False and boxes[name].reason != "entourée", boxes[name]
        assert boxes[name].confidence < 0.5


def zigzag(sharp, box, lines, past_mm, pen_mm, ink=(120, 50, 20)):
    """A scribble-out: ``lines`` strokes across ``box``, turning ``past_mm`` beyond both sides."""
    ys = np.linspace(box.y_mm + 0.1 * box.h_mm, box.y_mm + 0.9 * box.h_mm, lines)
    xs = np.where(np.arange(lines) % 2 == 0, box.x_mm - past_mm, box.right_mm + past_mm)
    draw_strokes(sharp, [np.stack([xs, ys], 1) * SHARP_PX_PER_MM], pen_mm * SHARP_PX_PER_MM, ink)


@pytest.mark.parametrize("past_box_mm", [0.0, 0.3, 0.8])
def test_a_box_whose_outline_the_photo_edge_cuts_is_read_as_a_proposal(past_box_mm):
    """The photo's edge along the consent column's right outline, or just beside it: the
    inside of each box is in view, not the paper outside its right side. The old code gave no
    value ("hors cadre"); the three sides in view verify the outline, the inside is read, and
    the value proposed below the review line, the reason kept."""
    ticks = {"journal": "tick", "newsletter": "cross"}
    image, h = camera(identity(Marks(checks=ticks)))
    box = CARD_TYPES["identite"].field("journal").box
    cut = np.ascontiguousarray(image[:, : round((box.right_mm + past_box_mm) * 2.7)])
    boxes = read_boxes(cut, h)
    expected = {"journal": True, "newsletter": True, "consentement_public": False,
                "consentement_aucun": False}
    for name, value in expected.items():
        assert (boxes[name].checked, boxes[name].reason) == (value, "hors cadre"), boxes[name]
        assert boxes[name].confidence < 0.5


def test_a_box_half_out_of_the_photo_has_no_value():
    """The photo's edge through the middle of the consent column: half of each inside is out of
    view, where a mark may be. No value, as before."""
    ticks = {"journal": "tick", "newsletter": "cross"}
    image, h = camera(identity(Marks(checks=ticks)))
    box = CARD_TYPES["identite"].field("journal").box
    boxes = read_boxes(np.ascontiguousarray(image[:, : round(box.center_mm[0] * 2.7)]), h)
    for name in ("journal", "newsletter", "consentement_public", "consentement_aucun"):
        assert (boxes[name].checked, boxes[name].reason) == (None, "hors cadre"), boxes[name]


@pytest.mark.parametrize("paper_bgr", [(245, 245, 245), (250, 205, 170)])  # white, blue
@pytest.mark.parametrize("angle_deg", [90.0, 80.0])
def test_empty_boxes_under_a_camera_shake_are_proposed_unchecked(paper_bgr, angle_deg):
    """A 2 mm shake across the boxes at 2.2 px/mm smears their outline's top and bottom into
    them: long bands along the sides, read as a "trace" with no value before. A trace is now
    read again clear of that smear (``outline_smear_mm``): an empty box is "no" (a proposal a
    person confirms, where it was a trace); a tick is never "no"."""
    sharp = labelled(identity(Marks(checks=TICKED))).astype(np.float32)
    sharp *= np.array(paper_bgr, np.float32) / 245
    image, h = camera(np.clip(sharp, 0, 255).astype(np.uint8), px_per_mm=2.2, blur_px=0.5)
    boxes = read_boxes(motion_blur(image, 2.0 * 2.2, angle_deg), h)
    for name in IDENTITY_BOXES:
        if name in TICKED:
            assert boxes[name].checked is not False, boxes[name]
        else:
            assert boxes[name].checked is False, (name, boxes[name])


def test_a_blackened_box_whose_surroundings_the_photo_edge_cuts_has_no_value():
    """The photo's edge 0.3 mm right of a box scribbled out past its outline: whether its ink
    runs past the box (cancelled) or stays in it (filled) cannot be seen there. No value, not a
    proposal either way."""
    sharp = identity(Marks())
    box = CARD_TYPES["identite"].field("journal").box
    zigzag(sharp, box, 9, 1.0, 0.5)
    image, h = camera(sharp)
    cut = np.ascontiguousarray(image[:, : round((box.right_mm + 0.3) * 2.7)])
    reading = read_boxes(cut, h)["journal"]
    assert (reading.checked, reading.reason) == (None, "hors cadre"), reading
