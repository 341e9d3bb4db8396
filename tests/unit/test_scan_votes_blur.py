"""scan.votes under blur: the rim a blurred photo gives a sticker (its edge mixed with the paper
or its neighbour over the whole blur, split off it by colour) is no sticker, however thick the
blur makes it; a sticker on another one stays a sticker.

Blobs are drawn at 4 px/mm; ``blur_mm`` is how wide the strip's printed line looks
(scan.votearea.line_spread_mm: 0.5-0.8 mm sharp, 1.4-2.7 mm under motion blur or soft focus).
"""

import cv2
import numpy as np
import pytest

from scan.votes import count_blob

S = 4.0
PAPER = (235, 230, 240)


def blob_of(image):
    blob = np.abs(image.astype(int) - PAPER).max(axis=2) > 25
    return blob, cv2.cvtColor(image, cv2.COLOR_BGR2LAB)


def canvas():
    return np.full((130, 130, 3), PAPER, np.uint8)


def rim_arcs(image, centre, radius_mm, rim_mm, colour, pieces=2):
    """Arcs of a mixed colour along a sticker's edge, ``rim_mm`` thick (half in, half out)."""
    radius, rim = round(radius_mm * S), round(rim_mm * S)
    for k in range(pieces):
        start = k * 360 / pieces + 30
        cv2.ellipse(image, centre, (radius,) * 2, 0, start, start + 360 / pieces - 60, colour, rim)


@pytest.mark.parametrize("blur_mm", [1.9, 2.2])
def test_a_thick_motion_blur_rim_split_off_a_sticker_is_no_sticker(blur_mm):
    """Motion blur 2 mm long mixes a red dot's edge with the lavender paper over ~3 mm across
    the blur: clustered apart, those crescents passed for stickers whose edge nobody sees (a
    19 mm dot read 3). On a strip blurred that much, they are its rim."""
    image, centre = canvas(), (65, 65)
    cv2.circle(image, centre, round(9.5 * S), (40, 40, 200), -1)
    rim_arcs(image, centre, 9.5, 3.0, (170, 120, 225))
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    assert count_blob(blob, S, lab, blur_mm=blur_mm)[0] == 1


def test_on_a_sharp_strip_a_crescent_that_thick_is_still_a_sticker():
    """The rule follows the blur measured on the strip: sharp, a 3 mm crescent of another
    colour is a sticker mostly hidden, as before."""
    image, centre = canvas(), (65, 65)
    cv2.circle(image, centre, round(9.5 * S), (40, 40, 200), -1)
    rim_arcs(image, centre, 9.5, 3.0, (170, 120, 225))
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    assert count_blob(blob, S, lab, blur_mm=0.7)[0] == 3


@pytest.mark.parametrize("blur_mm", [1.6, 2.2])
def test_a_blur_ring_round_a_small_sticker_is_its_edge_not_another_sticker(blur_mm):
    """An 8 mm dot blurred: its whole edge is a ring of mixed colour 2 mm thick, split off by
    colour. The ring's outer circle is the dot's edge; the dot inside has none of its own. They
    were two stickers; they are one."""
    image, centre = canvas(), (65, 65)
    cv2.circle(image, centre, round(5.0 * S), (137, 135, 220), -1)  # half dot, half paper
    cv2.circle(image, centre, round(2.9 * S), (40, 40, 200), -1)
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    votes, confidence = count_blob(blob, S, lab, blur_mm=blur_mm)
    assert votes == 1 and confidence < 0.8


def test_a_small_sticker_stuck_on_a_big_one_of_another_colour_stays_two_under_blur():
    """The ring rule needs a ring as thin as the blur: a 19 mm dot round an 8 mm one stuck on it
    is thick, and both are votes."""
    image, centre = canvas(), (65, 65)
    cv2.circle(image, centre, round(9.5 * S), (190, 90, 40), -1)
    cv2.circle(image, (70, 65), round(4.0 * S), (40, 40, 200), -1)
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    assert count_blob(blob, S, lab, blur_mm=2.7)[0] == 2


def test_a_big_sticker_round_a_smaller_one_stuck_on_its_middle_is_no_blur_ring():
    """A 12 mm dot stuck on the middle of a 19 mm one of another colour leaves a ring of it
    3.5 mm wide, as thin as a blur rim: but its colour is its own, not a mixture of the small
    dot's and the paper's. Both are votes."""
    image, centre = canvas(), (65, 65)
    cv2.circle(image, centre, round(9.5 * S), (60, 170, 60), -1)
    cv2.circle(image, (66, 65), round(6.0 * S), (40, 40, 200), -1)
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    assert count_blob(blob, S, lab, blur_mm=2.2)[0] == 2


@pytest.mark.parametrize("blur_mm", [1.7, 2.0])
def test_a_sticker_mostly_hidden_keeps_its_own_colour_under_blur(blur_mm):
    """An 8 mm light blue dot on a black 19 mm one, mostly under a yellow 12 mm one stuck on
    both: what shows of it is 3 mm thick, as thin as a blur rim, and no edge of it meets the
    paper. But blur only mixes the colours on either side of an edge (paper, black, yellow):
    light blue is none of their mixtures. Three votes, not two (a vote wall, motion blur)."""
    image, centre = np.full((130, 150, 3), PAPER, np.uint8), (70, 65)
    cv2.circle(image, centre, round(9.5 * S), (40, 40, 40), -1)
    cv2.circle(image, (66, 65), round(4.0 * S), (220, 170, 60), -1)
    cv2.circle(image, (66 + round(5.0 * S), 65), round(6.0 * S), (40, 190, 230), -1)
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    assert count_blob(blob, S, lab, blur_mm=blur_mm)[0] == 3


@pytest.mark.parametrize("blur_mm", [1.7, 2.1])
def test_a_blur_ring_broken_in_arcs_is_one_sticker_not_one_per_arc(blur_mm):
    """A dark 19 mm dot out of focus: its rim, grey from the dark and the paper, is clustered in
    three arcs; the long one lies on the dot's circle and is the ring. The two short arcs have
    the ring's own colour: more of the ring, not stickers it encloses (soft focus, one dot was
    read 3)."""
    image, centre = canvas(), (65, 65)
    cv2.circle(image, centre, round(9.5 * S), (45, 30, 50), -1)
    for start, end in ((100, 260), (300, 340), (20, 60)):
        radius = round(9.5 * S)
        cv2.ellipse(image, centre, (radius,) * 2, 0, start, end, (140, 130, 145), round(2.5 * S))
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    assert count_blob(blob, S, lab, blur_mm=blur_mm)[0] == 1


@pytest.mark.parametrize("blur_mm", [0.8, 1.0])
def test_the_band_motion_blur_mixes_between_two_touching_stickers_is_no_sticker(blur_mm):
    """A black 19 mm dot touching a green 12 mm one, blurred by a hand's motion across their
    seam: the seam's colours mix over a band 3.5 mm wide, clustered apart. The strip's printed
    line, measured along it, looks only ~0.8 mm wide (motion blur is directional), so the band
    was thicker than the rim that blur allows and counted as a third sticker (vw-715). Its
    colour is a mixture of its two neighbours': the seam, not a sticker."""
    image = np.full((130, 170, 3), PAPER, np.uint8)
    cv2.circle(image, (60, 65), round(9.5 * S), (40, 40, 40), -1)
    cv2.circle(image, (60 + round(15.0 * S), 65), round(6.0 * S), (60, 160, 60), -1)
    x = 60 + round(9.0 * S)  # the seam, where the green dot overlaps the black one
    band = np.zeros(image.shape[:2], np.uint8)
    cv2.rectangle(band, (x - round(1.75 * S), 0), (x + round(1.75 * S), 129), 1, -1)
    band &= (np.abs(image.astype(int) - PAPER).max(axis=2) > 25).astype(np.uint8)
    image[band > 0] = (50, 100, 50)  # half black, half green
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    assert count_blob(blob, S, lab, blur_mm=blur_mm)[0] == 2


@pytest.mark.parametrize(("piece_mm", "blur_mm"), [(4.0, 1.8), (4.0, 2.4), (4.4, 2.4)])
def test_a_small_round_piece_of_mixed_colour_is_no_sticker_under_blur(piece_mm, blur_mm):
    """Under blur, a small piece of a sticker's edge mixed with the paper can come out of the
    colour clustering round, and a circle of 1.5-2.5 mm fits it (fresh seeds 700-779: 12-17 mm2
    pieces beside stickers, each counted as one more sticker). No sticker's edge is that small:
    the piece is a part with no sticker's edge, as thin as the blur's rim: no vote."""
    image, centre = canvas(), (65, 65)
    cv2.circle(image, centre, round(6.0 * S), (40, 40, 200), -1)
    cv2.circle(image, (65 + round((6.0 + piece_mm / 2 - 0.5) * S), 65), round(piece_mm / 2 * S),
               (137, 135, 220), -1)
    blob, lab = blob_of(cv2.GaussianBlur(image, (0, 0), 0.6))
    votes, confidence = count_blob(blob, S, lab, blur_mm=blur_mm)
    assert votes == 1 and confidence < 0.8
