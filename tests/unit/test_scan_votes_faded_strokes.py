"""scan.votes: pen strokes faded by blur beside the marks counted are proposed, one per stroke.

Fresh vote walls 3000-3059 (soft focus or motion blur, 1.8-2.5 px/mm): strips of 5 or 6 short
pen strokes (the card asks for "un trait par vote") read 1 or 0. The mask took one stroke whole
and only pieces of the others (specks, never counted), or nothing; the faded-stroke search ran
only where nothing was counted and gave up past three. Each stroke still stands out of the paper
along its length (``line_contrast``): a place that reaches ``VOTE_FADED_BAR_CONTRAST``, measured
down to ``VOTE_FADED_STROKE_LOW``, one stroke long and touching no counted mark, is one more vote,
for a person (0.4).
"""

import cv2
import numpy as np
import pytest

from scan.votes import count_votes, marked_mask

S = 4.0  # px/mm of the counting area
PAPER_BGR = (232, 232, 232)
PALE_PEN_BGR = (150, 196, 150)  # a green felt pen, as blur leaves it on a soft photo
DARK_PEN_BGR = (40, 90, 40)
MARGIN_PX = 8


def blurred_strip(strokes, seed=0, blur_mm=0.8, length_mm=4.0):
    """A 100 x 30 mm counting area (the strip from 5 mm in) with pen strokes (``strokes``:
    (x mm of the centre, colour), ``length_mm`` long, 0.6 mm wide, 15 mm from the top), blurred
    by ``blur_mm`` and grained; its mask as ``marked_mask`` makes it, and its inside."""
    rng = np.random.default_rng(seed)
    h, w = round(30 * S) + 2 * MARGIN_PX, round(100 * S) + 2 * MARGIN_PX
    paper = np.empty((h, w, 3), np.float32)
    paper[:] = PAPER_BGR
    for x_mm, colour in strokes:
        x0, x1 = (round(v * S) + MARGIN_PX for v in (x_mm - length_mm / 2, x_mm + length_mm / 2))
        y = round(15 * S) + MARGIN_PX
        cv2.line(paper, (x0, y), (x1, y + 2), colour, round(0.6 * S), cv2.LINE_AA)
    paper = cv2.GaussianBlur(paper, (0, 0), blur_mm * S)
    paper += rng.normal(0, 2.0, paper.shape).astype(np.float32)
    bgr = np.clip(paper, 0, 255).astype(np.uint8)
    marked = marked_mask(bgr, MARGIN_PX, S)
    patch = bgr[MARGIN_PX:-MARGIN_PX, MARGIN_PX:-MARGIN_PX].copy()
    inside = np.zeros(patch.shape[:2], bool)
    inside[round(5 * S) : round(25 * S), round(5 * S) : round(95 * S)] = True
    return patch, marked, inside


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("pale", [4, 5])
def test_faded_strokes_beside_a_counted_one_are_proposed(pale, seed):
    """One stroke dark enough for the mask and ``pale`` faded ones beside it: the old code read
    1 (the faded strokes' pieces were specks, too many to propose)."""
    strokes = [(15.0, DARK_PEN_BGR)] + [(30.0 + 13.0 * k, PALE_PEN_BGR) for k in range(pale)]
    patch, marked, inside = blurred_strip(strokes, seed)
    got = count_votes(patch, marked, inside, S, blurred=True, blur_mm=2.0)
    assert (got.votes, got.confidence) == (pale + 1, pytest.approx(0.4)), got


@pytest.mark.parametrize("pale", [4, 6])
def test_more_than_three_faded_strokes_and_nothing_counted_are_proposed(pale):
    """Only faded strokes: the old search counted them only up to three (4 and more read 0)."""
    patch, marked, inside = blurred_strip([(15.0 + 13.0 * k, PALE_PEN_BGR) for k in range(pale)])
    got = count_votes(patch, marked, inside, S, blurred=True, blur_mm=2.0)
    assert (got.votes, got.confidence) == (pale, pytest.approx(0.4)), got


def test_dark_strokes_the_mask_takes_are_counted_as_before():
    """Strokes the mask takes whole are counted blobs: no place is added beside them."""
    patch, marked, inside = blurred_strip([(15.0 + 13.0 * k, DARK_PEN_BGR) for k in range(5)])
    assert count_votes(patch, marked, inside, S, blurred=True, blur_mm=2.0).votes == 5


@pytest.mark.parametrize("seed", range(3))
def test_blurred_empty_paper_and_a_long_line_show_no_stroke(seed):
    """Grain alone is no place; nor is a faded line longer than one mark
    (``VOTE_ONE_MARK_MAX_MM``: a printed outline left on the strip, a fold), which the old
    search counted as a bar."""
    patch, marked, inside = blurred_strip([], seed)
    assert count_votes(patch, marked, inside, S, blurred=True, blur_mm=2.0).votes == 0
    patch, marked, inside = blurred_strip([(50.0, PALE_PEN_BGR)], seed, length_mm=30.0)
    assert count_votes(patch, marked, inside, S, blurred=True, blur_mm=2.0).votes == 0


@pytest.mark.parametrize("quality", [60, 68, 75])
def test_smooth_paper_after_jpeg_shows_no_stroke(quality):
    """Pastel paper photographed at 1.9 px/mm, soft, then JPEG: blur and the JPEG leave it so
    smooth that the edges of JPEG blocks (0.05-0.6 over the paper, nothing a person sees) stood
    out by 40-200 spreads: five or six "strokes" (a drawn probe). The spread is taken as
    ``VOTE_FADED_LINE_MIN_SPREAD`` at least."""
    rng = np.random.default_rng(quality)
    small_px_per_mm = 1.9
    h, w = round((30 * S + 2 * MARGIN_PX) * small_px_per_mm / S), round(
        (100 * S + 2 * MARGIN_PX) * small_px_per_mm / S
    )
    small = np.empty((h, w, 3), np.float32)
    small[:] = (225, 200, 235)
    small = cv2.GaussianBlur(small, (0, 0), 0.8 * small_px_per_mm)
    small += rng.normal(0, 2.0, small.shape).astype(np.float32)
    small = np.clip(small, 0, 255).astype(np.uint8)
    encoded = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, quality])[1]
    small = cv2.imdecode(encoded, cv2.IMREAD_COLOR)
    bgr = cv2.resize(
        small, (round(100 * S) + 2 * MARGIN_PX, round(30 * S) + 2 * MARGIN_PX),
        interpolation=cv2.INTER_LINEAR,
    )
    marked = marked_mask(bgr, MARGIN_PX, S)
    patch = bgr[MARGIN_PX:-MARGIN_PX, MARGIN_PX:-MARGIN_PX].copy()
    inside = np.zeros(patch.shape[:2], bool)
    inside[round(5 * S) : round(25 * S), round(5 * S) : round(95 * S)] = True
    assert count_votes(patch, marked, inside, S, blurred=True, blur_mm=2.0).votes == 0
