"""scan.votes: the count proposed for an unsure strip is the best guess a person would start from.

A strip that goes to review still scores when its proposed count is right (one key instead of a
recount), so what is proposed matters: print left over by the outline's removal is no vote.
"""

import cv2
import numpy as np
import pytest

from scan.thresholds import VOTE_FAINT_PEN_SHARE
from scan.votes import count_blob, count_votes, partly_seen_pen_mark

S = 4.0  # px/mm of the counting area


def paper_strip():
    """A 100 x 30 mm counting area (the strip from 5 mm in), light paper, nothing marked."""
    patch = np.full((round(30 * S), round(100 * S), 3), 232, np.uint8)
    marked = np.zeros(patch.shape[:2], bool)
    inside = np.zeros(patch.shape[:2], bool)
    inside[round(5 * S) : round(25 * S), round(5 * S) : round(95 * S)] = True
    return patch, marked, inside


def ink(patch, marked, mask):
    patch[mask] = (40, 40, 40)
    marked |= mask


def disc(shape, centre_mm, radius_mm):
    mask = np.zeros(shape, np.uint8)
    centre = (round(centre_mm[0] * S), round(centre_mm[1] * S))
    cv2.circle(mask, centre, round(radius_mm * S), 1, -1)
    return mask > 0


def speck(shape, x_mm, y_mm):
    """A dark speck of 0.9 mm2: too small for a pen dot, dark enough for a faded one."""
    mask = np.zeros(shape, bool)
    x, y = round(x_mm * S), round(y_mm * S)
    mask[y : y + 4, x : x + 4] = True
    mask[y, x] = False
    return mask


@pytest.mark.parametrize("near_outline", [True, False])
def test_a_speck_the_outline_left_is_no_faded_dot_but_one_on_the_paper_is(near_outline):
    """Two pen dots and a dark speck. Just inside the top outline, where its removal cut ink
    (``doubtful``), the speck is print left over: it was proposed as a 3rd vote (validation
    strips of 5 dots read 6, of 2 read 3). On the open paper it is still proposed (a dot smeared
    by the shake). Either way the count goes to a person."""
    patch, marked, inside = paper_strip()
    for x in (30.0, 70.0):
        ink(patch, marked, disc(marked.shape, (x, 15.0), 1.2))
    doubtful = np.zeros(marked.shape, bool)
    doubtful[round(5 * S) - 1 : round(5 * S) + 1, round(5 * S) : round(95 * S)] = True
    ink(patch, marked, speck(marked.shape, 50.0, 5.3 if near_outline else 15.0))
    votes, confidence, *_ = count_votes(patch, marked, inside, S, doubtful, outline_cut=doubtful)
    assert confidence < 0.8
    assert votes == (2 if near_outline else 3)


def faint_block(patch, centre_mm, side_mm, step):
    """A square of faint ink (``step`` grey levels darker, a little greener: a tally group in pale
    ink melted by blur), not in the mask."""
    x, y = round((centre_mm[0] - side_mm / 2) * S), round((centre_mm[1] - side_mm / 2) * S)
    side = round(side_mm * S)
    block = patch[y : y + side, x : x + side].astype(np.int16)
    block -= np.array((step, step // 2, step + step // 2), np.int16)
    patch[y : y + side, x : x + side] = np.clip(block, 0, 255).astype(np.uint8)


@pytest.mark.parametrize(("faint", "partly_seen"), [(True, True), (False, False)])
def test_a_pen_mark_the_mask_sees_only_a_piece_of_is_told(faint, partly_seen):
    """Seed 479: a tally of 4 in pale ink on pink paper under soft focus; the mask held only a
    1.6 mm2 piece of it, read as one pen mark: 1 vote at 0.95. Ink that differs from the paper
    (as the pale-sticker search measures it) spreading round a pen mark 15 times its own area
    (``partly_seen_pen_mark``) is a mark the mask saw only a piece of: the count goes to a
    person (``read_votes``). A pen dot alone keeps its blur within a few times its area."""
    patch, marked, inside = paper_strip()
    if faint:
        faint_block(patch, (30.0, 15.0), 6.0, 30)
    dot = disc(marked.shape, (30.0, 15.0), 0.7)
    ink(patch, marked, dot)
    share = partly_seen_pen_mark(patch, marked, inside, S)
    assert (share >= VOTE_FAINT_PEN_SHARE) is partly_seen, share


def test_a_thin_blob_no_longer_than_a_pen_dot_is_one_mark_not_a_tally_group():
    """Validation seed 231: a 1.5 x 2.2 mm piece left by a sticker's blurred edge, two ridges in
    it, was read as a tally group of 2 bars at 0.95 (a strip of 4 read 6). Tally bars are
    strokes: a thin blob no longer than a pen dot (``VOTE_DOT_MAX_MM``) is one mark, and, the
    ridges being there, never a sure one (a short "||" would read 1 at 0.95: a person checks).
    Two bars of a real tally (6 mm) are still two."""
    for length_mm, votes, sure in ((2.2, 1, False), (3.4, 1, False), (6.0, 2, True)):
        blob = np.zeros((round(10 * S), round(10 * S)), bool)
        top, bottom = round(2 * S), round((2 + length_mm) * S)
        for x_mm in (3.0, 4.6):
            x = round(x_mm * S)
            blob[top:bottom, x : x + 2] = True
        blob[(top + bottom) // 2, round(3 * S) : round(4.6 * S) + 2] = True  # joined by a smear
        ink = blob.astype(np.float32)
        count, confidence = count_blob(blob, S, None, ink)
        assert (count, confidence >= 0.8) == (votes, sure), (length_mm, count, confidence)


def noisy_paper_strip(seed=0):
    patch, marked, inside = paper_strip()
    grain = np.random.default_rng(seed).normal(0, 2.0, patch.shape)
    return np.clip(patch + grain, 0, 255).astype(np.uint8), marked, inside


def faded_dot(patch, marked, centre_mm, depth):
    """A pen dot faded by the blur: a soft spot ``depth`` grey levels deep at its core; the mask
    holds only its core (1 mm2: a speck)."""
    yy, xx = np.mgrid[0 : patch.shape[0], 0 : patch.shape[1]].astype(np.float32) / S
    spot = np.exp(-((xx - centre_mm[0]) ** 2 + (yy - centre_mm[1]) ** 2) / (2 * 0.8**2))
    patch[:] = np.clip(patch - depth * spot[..., None], 0, 255).astype(np.uint8)
    marked |= disc(marked.shape, centre_mm, 0.56)


@pytest.mark.parametrize("dots", [0, 2])
def test_specks_standing_out_like_dots_on_a_blurred_strip_are_proposed_as_votes(dots):
    """Seed 476 (soft focus): four red pen dots, three faded to specks paler than a pen dot's
    core (``VOTE_PEN_DOT_MIN_INK``), read 1; seed 467: two teal dots faded to specks and nothing
    else counted, read 0. On a blurred strip with no sticker, a speck that stands out from the
    paper like a dot (``dot_contrast`` >= ``VOTE_FADED_DOT_CONTRAST``) is proposed as a vote."""
    patch, marked, inside = noisy_paper_strip()
    for x in (20.0, 40.0)[:dots]:
        ink(patch, marked, disc(marked.shape, (x, 15.0), 1.2))
    for x in (60.0, 80.0):
        faded_dot(patch, marked, (x, 15.0), 70)
    votes, confidence, *_ = count_votes(patch, marked, inside, S, blurred=True)
    assert (votes, confidence < 0.8) == (dots + 2, True)


def test_a_grain_speck_on_a_blurred_strip_is_no_vote():
    """The same blurred strip with two pen dots and a speck of grain in the mask (no spot round
    it): not proposed."""
    patch, marked, inside = noisy_paper_strip()
    for x in (20.0, 40.0):
        ink(patch, marked, disc(marked.shape, (x, 15.0), 1.2))
    marked |= disc(marked.shape, (70.0, 15.0), 0.56)
    votes, _, *_ = count_votes(patch, marked, inside, S, blurred=True)
    assert votes == 2


def blurred_bars(bars):
    """``bars`` tally bars 1.6 mm apart, 6 mm tall, melted by blur into one thick blob: its mask
    a filled rectangle, its ink still showing a ridge per bar."""
    blob = np.zeros((round(12 * S), round(14 * S)), bool)
    width = 1.6 * (bars - 1) + 2.2
    x0, y0 = round(3 * S), round(3 * S)
    blob[y0 : y0 + round(6 * S), x0 : x0 + round(width * S)] = True
    xs = (np.arange(blob.shape[1]) - x0) / S - 1.1
    ridges = sum(np.exp(-((xs - 1.6 * k) ** 2) / (2 * 0.35**2)) for k in range(bars))
    ink = (0.25 + 0.5 * ridges)[None, :] * blob
    return blob, ink.astype(np.float32)


def test_bars_melted_into_a_round_blob_on_a_blurred_strip_are_counted_for_a_person():
    """Validation seed 221 (soft focus): three tally bars melted into a 4 x 5.5 mm blob, round
    enough for one dot, read 1. Wider than a pen dot and narrower than any sticker
    (``VOTE_SMALLEST_STICKER_MM``), on a blurred strip, its ink's ridges are counted as bars (at
    0.4). Sharp, such a blob is one felt-pen mark (a cross: a sure 1 stays)."""
    blob, ink = blurred_bars(3)
    assert count_blob(blob, S, None, ink, blur_mm=2.0) == (3, 0.4)
    assert count_blob(blob, S, None, ink, blur_mm=0.0)[0] == 1


def test_the_parts_one_blur_rim_encloses_with_no_edge_of_their_own_are_one_sticker(monkeypatch):
    """Seed 467, soft focus: a red 19 mm sticker half over the label split by colour into its body,
    its blurred rim and a grey piece (where it lies on the print). The rim's circle enclosed both
    the body and the grey piece, neither with an edge of its own, and each was counted: 2 for 1.
    The parts one rim encloses with no edge of their own are one sticker (its edge is the rim's
    circle): the largest is counted."""
    import scan.votes as votes_module

    shape = (round(30 * S), round(30 * S))
    blob = disc(shape, (15.0, 15.0), 9.5)
    body = disc(shape, (15.0, 15.0), 7.9)
    rim = blob & ~body
    grey = np.zeros(shape, bool)
    grey[round(7.6 * S) : round(9.2 * S), round(12 * S) : round(18 * S)] = True
    body &= ~grey
    parts = [rim, grey, body]
    circle = (15.0 * S, 15.0 * S, 9.5 * S)

    def edges(part, whole, s, clear=None, blur_mm=0.0, cover=None):
        return (1, 0.4, [circle]) if part is rim else (1, 0.4, [])

    monkeypatch.setattr(votes_module, "colour_parts", lambda *a, **k: (parts, False))
    monkeypatch.setattr(votes_module, "count_sticker_edges", edges)
    monkeypatch.setattr(votes_module, "blur_rims", lambda *a, **k: ({0}, {1: 0, 2: 0}))
    lab = np.zeros((*shape, 3), np.uint8)
    count, confidence = count_blob(blob, S, lab, blob.astype(np.float32), blob, 2.7)
    assert (count, confidence < 0.8) == (1, True)


def faded_bar_strip(bars, seed):
    """``bars`` tally bars of a pale pen (6 mm, 0.5 mm), 25 mm apart, blurred (0.8 mm) into ink
    the mask never sees; paper grain of 2.5 grey levels."""
    rng = np.random.default_rng(seed)
    patch, marked, inside = paper_strip()
    paper = patch.astype(np.float32)
    for k in range(bars):
        x = round((20 + 25 * k) * S)
        cv2.line(paper, (x, round(12 * S)), (x + 1, round(18 * S)), (205, 218, 196), 2, cv2.LINE_AA)
    paper = cv2.GaussianBlur(paper, (0, 0), 0.8 * S)
    paper += rng.normal(0, 2.5, paper.shape).astype(np.float32)
    return np.clip(paper, 0, 255).astype(np.uint8), marked, inside


@pytest.mark.parametrize("bars", [1, 2])
def test_a_pen_stroke_faded_out_of_the_mask_is_proposed(bars):
    """Fresh seeds 700-739: a single tally bar in a pale pen under motion blur (1.8-2.3 px/mm)
    left nothing in the mask and the strip read 0 (4 strips). Along its length its faint ink
    stands out of the paper (line contrast 25-32, empty paper 3-9): proposed, never sure."""
    patch, marked, inside = faded_bar_strip(bars, seed=bars)
    got = count_votes(patch, marked, inside, S, blurred=True, blur_mm=2.0)
    assert (got.votes, got.confidence) == (bars, pytest.approx(0.4)), got


def test_blurred_empty_paper_shows_no_faded_stroke():
    for seed in range(3):
        patch, marked, inside = faded_bar_strip(0, seed)
        assert count_votes(patch, marked, inside, S, blurred=True, blur_mm=2.0).votes == 0
