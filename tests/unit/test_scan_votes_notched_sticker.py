"""scan.votes: a sticker notched where the printed outline was taken out of the mask is one vote.

A sticker stuck half off a layout-2 vote area lies across the area's printed outline. Where that
line is removed from the mask (``without_outline``), or where the print beside the area is, the
sticker's blob loses a row or a bite: at 2-2.7 px/mm, under soft focus, an 8 mm sticker's blob is
then no longer round, and ``count_small_blob`` read it as tally bars melted together, 3-4 votes
(family-2 vote walls 26500-26559: an 8 mm black sticker read 4, a pale blue one 4). Its outline
there is not its own (``clear`` False): filled back across those places (``mended_blob``), it is
a disc again, one sticker, still for a person to check (it runs off the area).
"""

import cv2
import numpy as np
import pytest

from scan.votes import count_blob

S = 4.0  # px/mm
BLUR_MM = 1.6  # the area's printed line as wide as under soft focus
PAPER = (235, 240, 245)
COLOURS = {"black": (40, 40, 40), "blue": (200, 200, 120), "red": (50, 50, 210)}


def scene(colour, seed):
    """An 8 mm sticker centred 1 mm inside the area's top side, photographed soft, its blob as
    the mask gives it, and where the blob's outline is its own (inside the area, off the line)."""
    rng = np.random.default_rng(seed)
    image = np.full((60, 60, 3), PAPER, np.float32)
    centre = (30 + int(rng.integers(-2, 3)), 30)
    cv2.circle(image, centre, round(4 * S), COLOURS[colour], -1, cv2.LINE_AA)
    image = cv2.GaussianBlur(image, (0, 0), 0.5 * S)
    image = np.clip(image + rng.normal(0, 3, image.shape), 0, 255).astype(np.uint8)
    blob = np.abs(image.astype(int) - PAPER).max(axis=2) > 60
    line = 30 - round(1 * S)  # the area's top side, 1 mm above the sticker's centre
    clear = np.zeros(blob.shape, bool)
    clear[line + round(1.5 * S) :, :] = True  # inside the area, away from its outline
    cut = blob.copy()
    cut[line - 1 : line + 1, : centre[0] + 10] = False  # the printed line taken out
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cut.astype(np.uint8), connectivity=8)
    return image, labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA])), clear


def read(image, blob, clear):
    """count_blob with the Lab patch and ink (darkness under the paper's grey) count_votes gives."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32)
    paper = max(float(np.percentile(gray, 90)), 1.0)
    ink = np.clip((paper - gray) / paper, 0.0, 1.0)
    lab = cv2.cvtColor(image, cv2.COLOR_BGR2LAB)
    return count_blob(blob, S, lab, ink, clear, blur_mm=BLUR_MM)


@pytest.mark.parametrize("colour", sorted(COLOURS))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_sticker_notched_by_the_outline_removal_is_one_vote(colour, seed):
    image, blob, clear = scene(colour, seed)
    ys, xs = np.nonzero(blob)
    assert 7.0 <= max(np.ptp(xs), np.ptp(ys)) / S <= 9.5  # one mark's size, a sticker's
    votes, confidence = read(image, blob, clear)
    assert votes == 1
    assert confidence < 0.8  # its outline is not all seen: a proposal


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_melted_tally_group_on_the_outline_is_still_bars(seed):
    """Four bars and their slash melted by blur, drawn over the area's outline (nothing of its
    outline its own): filled in, the group is a block, not a disc; it stays more than one vote."""
    rng = np.random.default_rng(seed)
    image = np.full((60, 60, 3), PAPER, np.float32)
    x0, y0 = 26 + int(rng.integers(-2, 3)), 30
    for k in range(4):
        x = x0 + k * 1.6 * S
        cv2.line(image, (round(x), round(y0 - 3 * S)), (round(x + 0.3 * S), round(y0 + 3 * S)),
                 (60, 40, 30), round(0.5 * S), cv2.LINE_AA)
    cv2.line(image, (round(x0 - S), round(y0 + 2 * S)), (round(x0 + 6 * S), round(y0 - 2 * S)),
             (60, 40, 30), round(0.5 * S), cv2.LINE_AA)
    image = cv2.GaussianBlur(image, (0, 0), 0.35 * S)
    image = np.clip(image + rng.normal(0, 3, image.shape), 0, 255).astype(np.uint8)
    blob = np.abs(image.astype(int) - PAPER).max(axis=2) > 40
    n, labels, stats, _ = cv2.connectedComponentsWithStats(blob.astype(np.uint8), connectivity=8)
    blob = labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    ys, xs = np.nonzero(blob)
    assert max(np.ptp(xs), np.ptp(ys)) / S >= 7.0  # as wide as a sticker
    votes, confidence = read(image, blob, np.zeros(blob.shape, bool))
    assert votes > 1
    assert confidence < 0.8
