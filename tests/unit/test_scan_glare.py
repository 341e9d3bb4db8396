"""Glare spots on vote strips (red team probe of 2 December, 01 h) and on checkboxes (lead's
probe of 2 December, 05 h).

A glare spot (a lamp's reflection, tape's sheen) of 2-4 mm on a vote strip, brighter than the
paper and tinted by the phone's white balance, was counted as a pale sticker: 4 strips of 35 read
two votes too many at 0.95. A strip with a glare spot is now a proposal ("reflet").

The same spots over ticked boxes of an identity card (white paper, grey 239) washed the ticks out:
142 of 1620 boxes read "no" at 0.82-1.0. A box with a glare spot on it is now a proposal too.

Cards are drawn at 10 px/mm (tests.support.scan_cards) and seen at 2.7 and 4 px/mm.
"""

import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES, card_type
from scan.glare import GLARE, glare_mask
from scan.read import read_card
from tests.support import scan_cards
from tests.support.people_marks import _poly, sticker
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera, identity
from tests.unit.test_scan_votes_unseen import need_card, votes_of

BEIGE = (170, 240, 250)  # BGR paper tint (pale yellow)
CAST = (1.0, 1.0, 0.93)  # the phone's white balance after the glare: red clipped lower


def glare(sharp, centre_mm, radius_mm):
    """A soft spot of light (white at its core) over the card, before the camera's colour cast."""
    s = SHARP_PX_PER_MM
    yy, xx = np.mgrid[0 : sharp.shape[0], 0 : sharp.shape[1]].astype(np.float32) / s
    d2 = (xx - centre_mm[0]) ** 2 + (yy - centre_mm[1]) ** 2
    a = np.clip(1.6 * np.exp(-d2 / (2 * (radius_mm / 1.6) ** 2)), 0, 1)[..., None]
    return (sharp.astype(np.float32) * (1 - a) + 255 * a).astype(np.uint8)


def cast(sharp):
    return np.clip(sharp.astype(np.float32) * np.float32(CAST), 0, 255).astype(np.uint8)


def strip_with(version, glare_spots=(), stickers=(), strokes=0):
    sharp = need_card(version, BEIGE)
    box = card_type("besoin", version).field("votes").box
    for k in range(strokes):  # short pen bars, one vote each
        x = box.x_mm + 8 + 6 * k
        _poly(sharp, [(x, box.y_mm + 8), (x + 3, box.y_mm + 9)], SHARP_PX_PER_MM, (90, 40, 20), 0.6)
    for dx, d in stickers:
        sticker(sharp, np.array((box.x_mm + dx, box.y_mm + box.h_mm / 2)), d, (50, 50, 210),
                SHARP_PX_PER_MM)
    for fx, fy, r in glare_spots:
        sharp = glare(sharp, (box.x_mm + fx * box.w_mm, box.y_mm + fy * box.h_mm), r)
    return cast(sharp)


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("px_per_mm", [2.7, 4.0])
@pytest.mark.parametrize("spots", [((0.6, 0.3, 3.0), (0.8, 0.6, 2.0)), ((0.7, 0.5, 3.5),)])
def test_a_glare_spot_on_a_vote_strip_is_never_a_sure_count(version, px_per_mm, spots):
    votes = votes_of(strip_with(version, spots, strokes=1), version, px_per_mm)
    assert votes.count == 1 or votes.confidence < 0.8, votes


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("px_per_mm", [2.7, 4.0])
def test_a_glare_spot_on_a_sticker_is_never_a_sure_count(version, px_per_mm):
    sharp = strip_with(version, ((0.25, 0.5, 2.5),), stickers=((0.25 * 80, 12.0),))
    votes = votes_of(sharp, version, px_per_mm)
    assert votes.count == 1 or votes.confidence < 0.8, votes


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("px_per_mm", [2.7, 4.0])
def test_a_strip_without_glare_keeps_its_sure_count(version, px_per_mm):
    votes = votes_of(strip_with(version, stickers=((15, 12.0), (40, 12.0))), version, px_per_mm)
    assert (votes.count, votes.reason) == (2, None) and votes.confidence >= 0.8, votes


def test_glare_mask_finds_a_spot_and_not_marks_paper_or_a_pale_sticker():
    s = 4.0
    paper = np.full((120, 240, 3), (245, 225, 195), np.uint8)  # blue paper
    assert not glare_mask(paper, s).any()
    bars = paper.copy()  # tally bars 1.5 mm apart: the paper between them is paper
    for k in range(8):
        x = 40 + round(k * 1.5 * s)
        cv2.line(bars, (x, 40), (x, 80), (40, 40, 40), 2)
    assert not glare_mask(bars, s).any()
    pale = paper.copy()  # a pale yellow sticker, brighter than blue paper in grey and in red
    cv2.circle(pale, (120, 60), 16, (170, 220, 250), -1, cv2.LINE_AA)
    assert not glare_mask(pale, s).any()
    spot = paper.copy()
    cv2.circle(spot, (120, 60), 8, (255, 255, 250), -1, cv2.LINE_AA)
    assert glare_mask(spot, s)[60, 120]
    halo = paper.copy()  # an over-sharpened stroke: a thin bright rim along it
    cv2.line(halo, (60, 30), (180, 90), (255, 255, 255), 5)
    cv2.line(halo, (60, 30), (180, 90), (40, 40, 40), 2)
    assert not glare_mask(halo, s).any()


@pytest.mark.parametrize("version, px_per_mm", [("1", 4.0), ("2", 2.7), ("2", 4.0)])
def test_a_strip_with_glare_says_so(version, px_per_mm):
    """Where nothing else makes the strip unsure, the reason sent to review is the glare."""
    votes = votes_of(strip_with(version, ((0.7, 0.5, 3.5),), strokes=1), version, px_per_mm)
    assert (votes.reason, votes.confidence) == (GLARE, 0.45), votes


IDENTITY = CARD_TYPES["identite"]
BOX_NAMES = [f.name for f in IDENTITY.fields_of_kind("checkbox")]
PALE_PENS = {"pencil": (150, 150, 150), "pale blue": (200, 160, 120), "blue": (120, 60, 20)}


def boxes_with_glare(monkeypatch, pen, mark, radius_mm, px_per_mm, on=True):
    """Every other box of an identity card marked (``mark``, ``pen``), a glare spot of
    ``radius_mm`` on each marked box (``on``), seen at ``px_per_mm``: the readings, the truth."""
    monkeypatch.setattr(scan_cards, "PEN_BGR", PALE_PENS[pen])
    marked = {name: mark for name in BOX_NAMES[::2]}
    sharp = identity(Marks(checks=marked))
    for name in marked if on else ():
        sharp = glare(sharp, IDENTITY.field(name).box.center_mm, radius_mm)
    image, h = camera(cast(sharp), px_per_mm)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return read_card(gray, image, h, IDENTITY)[0], marked


@pytest.mark.parametrize("pen", ["pencil", "pale blue"])
@pytest.mark.parametrize("mark", ["tick", "cross"])
@pytest.mark.parametrize("radius_mm, px_per_mm", [(2.0, 2.7), (3.0, 4.0)])
def test_a_glare_spot_on_a_ticked_box_is_never_a_sure_no(monkeypatch, pen, mark, radius_mm,
                                                           px_per_mm):
    boxes, marked = boxes_with_glare(monkeypatch, pen, mark, radius_mm, px_per_mm)
    wrong = {n: (b.checked, round(b.confidence, 2)) for n, b in boxes.items()
             if b.checked is not None and b.checked != (n in marked) and b.confidence >= 0.8}
    assert not wrong
    assert all(boxes[n].reason == GLARE for n in marked if boxes[n].checked is False
               and boxes[n].confidence == 0.45), boxes


@pytest.mark.parametrize("px_per_mm", [2.7, 4.0])
def test_boxes_without_glare_keep_their_sure_readings(monkeypatch, px_per_mm):
    boxes, marked = boxes_with_glare(monkeypatch, "blue", "tick", 3.0, px_per_mm, on=False)
    assert all(b.checked == (n in marked) and b.confidence >= 0.8 and b.reason is None
               for n, b in boxes.items()), boxes


def test_an_empty_box_under_a_glare_spot_says_so(monkeypatch):
    """A spot on an unmarked box: "no" is likely, but what lay under the spot is not seen."""
    monkeypatch.setattr(scan_cards, "PEN_BGR", PALE_PENS["blue"])
    sharp = glare(identity(Marks(checks={})), IDENTITY.field("journal").box.center_mm, 3.0)
    image, h = camera(cast(sharp), 4.0)
    boxes = read_card(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), image, h, IDENTITY)[0]
    assert (boxes["journal"].checked, boxes["journal"].reason) == (False, GLARE)
    assert boxes["journal"].confidence < 0.8
    assert all(b.reason is None and b.confidence >= 0.8 for n, b in boxes.items() if n != "journal")


def test_on_paper_near_white_a_spot_is_found_by_its_gain_and_grain_is_not():
    """A tenth brighter than grey 240 is past white: a spot there is found by what it gains."""
    s, rng = 4.0, np.random.default_rng(3)
    paper = np.clip(rng.normal(240, 3, (120, 120, 3)), 0, 255).astype(np.uint8)  # white, grainy
    assert not glare_mask(paper, s).any()
    spot = paper.copy()
    cv2.circle(spot, (60, 60), 8, (255, 255, 240), -1, cv2.LINE_AA)
    assert glare_mask(spot, s)[60, 60]


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("kind", ["stroke", "dot"])
def test_glare_on_pen_marks_on_white_paper_is_never_a_sure_count(version, kind):
    """Lead's probe (2 December, 05 h): three pen marks on a need card of white paper, a glare
    spot on two of them; at 4 px/mm the spots washed them out and the strip read 1 at 0.95 (27
    strips of 108 on white and near-white paper). On paper that white no spot gains a tenth."""
    sharp = need_card(version, (250, 250, 250))
    box = card_type("besoin", version).field("votes").box
    xs = [box.x_mm + 10 + 14 * k for k in range(3)]
    y = box.y_mm + box.h_mm / 2
    for x in xs:
        if kind == "stroke":
            _poly(sharp, [(x, y - 2), (x + 1, y + 2)], SHARP_PX_PER_MM, (200, 160, 120), 0.6)
        else:
            _poly(sharp, [(x, y), (x + 0.4, y + 0.3)], SHARP_PX_PER_MM, (120, 60, 20), 1.2)
    for x in xs[:2]:
        sharp = glare(sharp, (x, y), 3.0)
    votes = votes_of(cast(sharp), version, 4.0)
    assert votes.count == 3 or votes.confidence < 0.8, votes


def tinted_glare(sharp, centre_mm, radius_mm, light_bgr):
    """A spot of light of colour ``light_bgr`` (white at its core, tinted by the phone's white
    balance), as ``glare`` draws it."""
    s = SHARP_PX_PER_MM
    yy, xx = np.mgrid[0 : sharp.shape[0], 0 : sharp.shape[1]].astype(np.float32) / s
    d2 = (xx - centre_mm[0]) ** 2 + (yy - centre_mm[1]) ** 2
    a = np.clip(1.6 * np.exp(-d2 / (2 * (radius_mm / 1.6) ** 2)), 0, 1)[..., None]
    return (sharp.astype(np.float32) * (1 - a) + np.float32(light_bgr) * a).astype(np.uint8)


@pytest.mark.parametrize("light", [(255, 248, 245), (255, 250, 245)])
@pytest.mark.parametrize("radius_mm", [2.0, 3.0])
def test_a_tinted_glare_spot_on_white_paper_is_never_a_sure_no(monkeypatch, light, radius_mm):
    """Review of 2 December (06 h 45): on white paper (245) a bluish spot gains 10 levels in
    blue, 3 in green, 0 in red; pencil ticks under it were read "no" at >= 0.8 (5-8 of 8), and a
    check on the card's luma skipped the spots the full look finds. Now a spot is also what
    gains GLARE_CHANNEL_MIN_GAIN in one channel, and every sure box is looked at."""
    monkeypatch.setattr(scan_cards, "PEN_BGR", PALE_PENS["pencil"])
    marked = {name: "tick" for name in BOX_NAMES[::2]}
    sharp = identity(Marks(checks=marked))
    for name in marked:
        sharp = tinted_glare(sharp, IDENTITY.field(name).box.center_mm, radius_mm, light)
    image, h = camera(sharp, 2.7, noise=0.8)
    boxes = read_card(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), image, h, IDENTITY)[0]
    wrong = {n: (b.checked, round(b.confidence, 2)) for n, b in boxes.items()
             if b.checked is not None and b.checked != (n in marked) and b.confidence >= 0.8}
    assert not wrong
