"""scan.votes: what touches a sticker is not a sticker. A sticker stuck across the card's edge
onto a coloured wall, one touching the printed label above the strip, a blurred rim that the
colour clustering splits off a sticker: each is one sticker, never one more (or one less).

The need card is drawn at 10 px/mm (tests.support.scan_cards) and seen at 2.7 px/mm.
"""

import cv2
import numpy as np
import pytest

from printables.layout import card_type
from scan.read import read_card
from scan.votes import count_blob
from tests.support.people_marks import sticker
from tests.support.scan_cards import STICKER_BGR, Marks, make_code, render_card
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM, camera


def need_card(version):
    return render_card("besoin", make_code("besoin", 4, version=version), SHARP_PX_PER_MM,
                       Marks())


def on_wall(sharp, wall_bgr, border_mm=15.0):
    """The card on a wall of ``wall_bgr`` (with grain), ``border_mm`` of it on every side."""
    b = round(border_mm * SHARP_PX_PER_MM)
    grain = np.random.default_rng(1).normal(0, 12, (sharp.shape[0] + 2 * b, sharp.shape[1] + 2 * b))
    wall = np.clip(np.asarray(wall_bgr, np.float32) + grain[..., None], 0, 255).astype(np.uint8)
    wall[b : b + sharp.shape[0], b : b + sharp.shape[1]] = sharp
    return wall


def read_votes_of(sharp, version, border_mm=0.0, blur_px=0.6):
    image, h = camera(sharp, px_per_mm=2.7, blur_px=blur_px)
    h = h @ np.array([[1, 0, border_mm], [0, 1, border_mm], [0, 0, 1.0]])  # card mm -> photo
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return read_card(gray, image, h, card_type("besoin", version))[1]["votes"]


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("wall_bgr", [(40, 90, 150), (180, 140, 60)])
def test_a_sticker_across_the_card_edge_onto_a_coloured_wall_counts_once_and_is_proposed(
    version, wall_bgr
):
    """The wall beyond the card's edge is no mark: joined to a sticker crossing the edge, it
    pulled the blob's centre off the strip (the sticker was not counted) or was counted as one
    more sticker. What lay beyond the edge is not seen: the count is a proposal."""
    box = card_type("besoin", version).field("votes").box
    sharp = need_card(version)
    sticker(sharp, np.array([3.0, box.y_mm + 12]), 19.0, STICKER_BGR["rouge"], SHARP_PX_PER_MM)
    sticker(sharp, np.array([50.0, box.y_mm + 12]), 19.0, STICKER_BGR["bleu"], SHARP_PX_PER_MM)
    votes = read_votes_of(on_wall(sharp, wall_bgr), version, border_mm=15.0)
    assert votes.count == 2 and votes.confidence < 0.8, votes


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("blur_px", [0.6, 1.2])
def test_a_sticker_touching_the_printed_label_is_one_sticker(version, blur_px):
    """The label printed above the strip is thin dark print: a 19 mm dot reaching over it is
    one sticker, and with the other one of its size a sure count of two (the label's letters
    joined to it were a second, tiny circle, and the count was left to a person)."""
    box = card_type("besoin", version).field("votes").box
    sharp = need_card(version)
    sticker(sharp, np.array([20.0, box.y_mm]), 19.0, STICKER_BGR["bleu"], SHARP_PX_PER_MM)
    sticker(sharp, np.array([75.0, box.y_mm + 12]), 19.0, STICKER_BGR["rouge"], SHARP_PX_PER_MM)
    votes = read_votes_of(sharp, version, blur_px=blur_px)
    assert (votes.count, votes.confidence >= 0.8) == (2, True), votes


@pytest.mark.parametrize("pieces", [3])
def test_a_blurred_rim_split_off_a_sticker_by_its_colour_is_no_sticker(pieces):
    """Soft focus gives a sticker a rim of a paler colour; clustered apart from the sticker it
    falls into arcs a millimetre wide, each once counted as one more sticker (a 19 mm dot read
    as 4). A piece on which no sticker's edge is seen and too thin to hold one is no sticker."""
    s = 4.0
    size = 110
    image = np.full((size, size, 3), 235, np.uint8)
    centre, radius = (size // 2, size // 2), round(9.5 * s)
    rim = round(1.3 * s)
    for k in range(pieces):
        start = k * 360 / pieces + 20
        cv2.ellipse(image, centre, (radius + rim // 2,) * 2, 0, start, start + 360 / pieces - 40,
                    (150, 120, 235), rim)
    cv2.circle(image, centre, radius, (40, 40, 200), -1)
    image = cv2.GaussianBlur(image, (0, 0), 0.6)
    blob = np.abs(image.astype(int) - 235).max(axis=2) > 25
    votes, confidence = count_blob(blob, s, cv2.cvtColor(image, cv2.COLOR_BGR2LAB))
    assert votes == 1 and confidence < 0.8


@pytest.mark.parametrize("version", ["1", "2"])
def test_a_pile_hanging_below_the_strip_and_touching_it_is_counted_and_proposed(version):
    """Two 8 mm dots, one over the other, hanging below the strip: the upper one touches it, but
    the pile's centre is more than VOTE_STICKER_OFF_MM off. It was left out of the count (the
    strip only made unsure); its stickers are counted now, for a person to confirm."""
    box = card_type("besoin", version).field("votes").box
    sharp = need_card(version)
    for y_mm in (box.bottom_mm + 2.5, box.bottom_mm + 7.0):
        sticker(sharp, np.array([40.0, y_mm]), 8.0, STICKER_BGR["rouge"], SHARP_PX_PER_MM)
    sticker(sharp, np.array([70.0, box.y_mm + 12]), 8.0, STICKER_BGR["bleu"], SHARP_PX_PER_MM)
    votes = read_votes_of(sharp, version)
    assert votes.count == 3 and votes.confidence < 0.8, votes


@pytest.mark.parametrize(("length_px", "width_px"), [(4, 2), (6, 1), (6, 2), (8, 2)])
def test_a_small_sticker_with_a_thin_piece_stuck_to_it_is_one_proposed_vote(length_px, width_px):
    """An 8 mm dot whose edge touches a few letters of the label (seen at 4 px/mm): no longer a
    round disc, it was read as tally bars run together by blur (3). Opened (the thin piece
    gone) it is a disc: one vote, for a person to confirm."""
    blob = np.zeros((50, 60), np.uint8)
    cv2.circle(blob, (25, 25), 15, 1, -1)
    cv2.line(blob, (38, 20), (38 + length_px, 20 - length_px // 2), 1, width_px)
    votes, confidence = count_blob(blob > 0, 4.0)
    assert votes == 1 and confidence < 0.8


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("paper_bgr", [(120, 230, 250), (230, 170, 240)])
def test_a_coloured_note_stuck_over_the_strip_is_no_sticker(version, paper_bgr):
    """A sticky note (30 x 28 mm, yellow or pink) over the strip's end: wider than any sticker
    (its inscribed disc beyond VOTE_STICKER_RADII_MM) and with no sticker's round edge, it is
    no vote (it was counted as one, or two); the count stays for a person."""
    box = card_type("besoin", version).field("votes").box
    sharp = need_card(version)
    k = SHARP_PX_PER_MM
    x0, y0 = box.right_mm - 22, box.y_mm - 3
    cv2.rectangle(sharp, (round(x0 * k), round(y0 * k)), (round((x0 + 30) * k),
                  round((y0 + 28) * k)), paper_bgr, -1)
    sticker(sharp, np.array([25.0, box.y_mm + 12]), 12.0, STICKER_BGR["bleu"], SHARP_PX_PER_MM)
    votes = read_votes_of(sharp, version)
    assert votes.count == 1 and votes.confidence < 0.8, votes


@pytest.mark.parametrize("version", ["1", "2"])
def test_three_19_mm_dots_in_a_tight_pile_are_still_stickers(version):
    """The bound of VOTE_FOREIGN_MIN_RADIUS_MM: three 19 mm dots of one colour, centres 7.6 mm
    apart (as close as people stick them), are a pile of stickers, not foreign paper."""
    box = card_type("besoin", version).field("votes").box
    sharp = need_card(version)
    centre = np.array([45.0, box.y_mm + 11.5])
    for angle in np.radians([90, 210, 330]):
        at = centre + 7.6 / np.sqrt(3) * np.array([np.cos(angle), np.sin(angle)])
        sticker(sharp, at, 19.0, STICKER_BGR["rouge"], SHARP_PX_PER_MM)
    votes = read_votes_of(sharp, version)
    assert votes.count == 3 and votes.confidence < 0.8, votes


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("blur_px", [0.6, 1.5])
def test_a_sticker_touching_a_corner_marker_is_one_sticker(version, blur_px):
    """A 19 mm dot half off the strip's bottom left reaches the card's corner marker (solid
    black print, 5 mm): the marker was counted as one more sticker (3 for 2)."""
    box = card_type("besoin", version).field("votes").box
    sharp = need_card(version)
    sticker(sharp, np.array([14.0, box.bottom_mm + 1.5]), 19.0, STICKER_BGR["jaune"],
            SHARP_PX_PER_MM)
    sticker(sharp, np.array([60.0, box.y_mm + 12]), 19.0, STICKER_BGR["rouge"], SHARP_PX_PER_MM)
    votes = read_votes_of(sharp, version, blur_px=blur_px)
    assert votes.count == 2 and votes.confidence < 0.8, votes
