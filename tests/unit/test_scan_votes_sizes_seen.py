"""The hidden-sticker rule (``VOTE_HIDE_MARGIN_MM``) needs the sizes of dot stickers in use: a
sticker can hide a whole smaller one, or all of it but a crescent too thin for a circle. Random
piles of 2-4 stickers read alone (a need card with no wall around it: 300 piles, 3 cameras) read
42 counts of 900 sure and wrong, each with a sticker 0-36 % visible under the others:

- a pile whose own circles are of two sizes (an 8 or 12 mm sticker peeking out from under a
  19 mm one) shows both sizes, but the strip's smallest mark was the whole pile's extent, so the
  rule never saw the smaller size: a third sticker under the pile went uncounted, sure;
- a close photo of one need card shows too few stickers to tell the room's sizes: a 19 mm
  sticker over an 8 mm one read 1, sure, through ``scan_image``.

Both counts are now proposals (``VOTE_HIDE_CONFIDENCE``); a photo of small stickers only, and
a photo showing enough stickers of one size, stay sure."""

import numpy as np
import pytest

from scan import scan_image
from scan.results import VoteCount
from scan.thresholds import VOTE_HIDE_CONFIDENCE, VOTE_SIZES_MIN_SEEN
from scan.votes import cap_hidden_stickers
from tests.support.people_marks import STICKER_COLOURS_BGR, sticker
from tests.support.scan_cards import Marks, Placed, make_code, photograph, render_card
from tests.support.sticker_piles import CENTRE, NEED, read_pile
from tests.unit.test_scan_checkbox import SHARP_PX_PER_MM

RED, GREEN, YELLOW, MAGENTA, PEACH, CYAN = (STICKER_COLOURS_BGR[i] for i in (0, 1, 3, 4, 5, 6))

# (votes, stickers in the order they are stuck: centre offset mm, diameter mm, colour): the
# smaller one under the 19 mm sticker shows only a crescent, or nothing
PILES = {
    "a magenta 12 mm, a magenta 8 mm, a yellow 19 mm over both": (
        3, [((0, 0), 12, MAGENTA), ((2.8, 3.9), 8, MAGENTA), ((8.7, 7.9), 19, YELLOW)]
    ),
    "two 8 mm, a peach 19 mm beside them": (
        3, [((0, 0), 8, CYAN), ((-0.9, 2.7), 8, GREEN), ((7.6, -2.0), 19, PEACH)]
    ),
    "a peach 8 mm, a red 12 mm, a yellow 19 mm over both": (
        3, [((0, 0), 8, PEACH), ((-2.2, -3.4), 12, RED), ((2.0, 5.2), 19, YELLOW)]
    ),
}

# the cameras (px/mm, blur px) at which each pile read one short at 1.0
CASES = [
    ("a magenta 12 mm, a magenta 8 mm, a yellow 19 mm over both", 2.0, 0.6),
    ("a magenta 12 mm, a magenta 8 mm, a yellow 19 mm over both", 2.3, 1.2),
    ("a magenta 12 mm, a magenta 8 mm, a yellow 19 mm over both", 2.7, 0.6),
    ("two 8 mm, a peach 19 mm beside them", 2.0, 0.6),
    ("two 8 mm, a peach 19 mm beside them", 2.7, 0.6),
    ("a peach 8 mm, a red 12 mm, a yellow 19 mm over both", 2.0, 0.6),
    ("a peach 8 mm, a red 12 mm, a yellow 19 mm over both", 2.7, 0.6),
]


@pytest.mark.parametrize(("pile", "px_per_mm", "blur_px"), CASES)
def test_a_pile_of_two_sizes_may_hide_a_third_sticker_and_is_a_proposal(pile, px_per_mm, blur_px):
    votes, stickers = PILES[pile]
    strip = read_pile([(np.array(o, float), d, c) for o, d, c in stickers], px_per_mm, blur_px)
    assert strip.count in (votes - 1, votes)
    assert strip.confidence <= VOTE_HIDE_CONFIDENCE, strip


def one_card_photo(stickers, px_per_mm):
    """The votes read by ``scan_image`` on a close photo of one need card (nothing else on it)
    carrying ``stickers`` (centre offset from CENTRE mm, diameter mm, BGR colour)."""
    code = make_code("besoin", 4, version="2")
    sharp = render_card("besoin", code, SHARP_PX_PER_MM, Marks())
    for offset, diameter, colour in stickers:
        sticker(sharp, CENTRE + np.array(offset, float), float(diameter), colour, SHARP_PX_PER_MM)
    card = Placed(sharp, NEED.width_mm, NEED.height_mm, 15.0, 12.0, 3.0)
    photo = photograph(
        [card], NEED.width_mm + 30, NEED.height_mm + 24, px_per_mm, blur_px=px_per_mm / 5,
        noise=2.0,
    )
    return {c.code: c for c in scan_image(photo.image, "besoin.jpg").cards}[code].votes["votes"]


@pytest.mark.parametrize("px_per_mm", [3.5, 5.0])
def test_a_close_photo_of_one_need_card_does_not_tell_the_sizes_in_use(px_per_mm):
    """A yellow 19 mm sticker over a cyan 8 mm one, wholly under it: one sticker shows. The
    photo shows no other: an 8 mm one may be under it, the count is a proposal. Two 8 mm
    stickers apart stay sure (nothing smaller than them is sold)."""
    hidden = one_card_photo([((0, 0), 8, CYAN), ((4, 3.7), 19, YELLOW)], px_per_mm)
    assert (hidden.count, hidden.confidence <= VOTE_HIDE_CONFIDENCE) == (1, True), hidden
    small = one_card_photo([((-12, 0), 8, GREEN), ((12, 0), 8, MAGENTA)], px_per_mm)
    assert (small.count, small.confidence >= 0.8) == (2, True), small


def test_too_few_stickers_on_the_photo_and_the_smallest_sold_is_assumed():
    """cap_hidden_stickers: a photo whose strips show fewer than VOTE_SIZES_MIN_SEEN votes with
    a sticker says nothing of the sizes in use: a 19 mm sticker alone is a proposal. With as
    many 19 mm stickers in view as that, one size is in use, and they stay sure."""
    alone = VoteCount(2, 1.0, [], None, widest_mm=19.0, smallest_disc_mm=19.0)
    cap_hidden_stickers([alone])
    assert alone.confidence == VOTE_HIDE_CONFIDENCE
    many = [VoteCount(2, 1.0, [], None, widest_mm=19.0, smallest_disc_mm=19.0)
            for _ in range(VOTE_SIZES_MIN_SEEN // 2)]
    cap_hidden_stickers(many)
    assert [strip.confidence for strip in many] == [1.0] * len(many)
