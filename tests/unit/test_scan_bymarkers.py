"""Cards found by their corner markers when blur erased their code's finders (scan/bymarkers.py)."""

import cv2
import numpy as np

from printables.layout import CARD_TYPES, QR_MODULE_MM, QR_MODULES
from scan.budget import Budget
from scan.bymarkers import (
    cards_by_markers,
    cards_by_three_markers,
    code_agreement,
    code_agreements,
    marker_blobs,
    marker_centres_mm,
    perspective_transforms,
    placements,
    rectangles,
    unexplained_blobs,
    unread_card_markers,
)
from scan.deblur import deblurred
from scan.locate import Blur, Search, line_kernel, sort_clockwise
from scan.recover import KNOWN, KNOWN_DARK, pattern_agreement
from scan.rectify import apply_homography
from scan.results import CodeHit
from scan.thresholds import DEBLUR_LENGTH_PER_SHARPNESS
from tests.support.scan_cards import make_code, qr_matrix

SMALL = CARD_TYPES["frein"]
PX_PER_MM = 2.2


def card_photo(
    angle_deg: float = 8.0,
    shake: float = 6.0,
    shear: float = 0.0,
    squash: float = 1.0,
    lower_markers_mm: tuple[float, float] = (0.0, 0.0),
    hidden_marker: int | None = None,
    perspective: tuple[float, float] = (0.0, 0.0),
) -> tuple[np.ndarray, np.ndarray]:
    """A grey wall with one small card (white, its 4 markers and its code) turned
    ``angle_deg``, shaken ``shake`` px, seen at an angle (its height leaning ``shear`` of
    itself sideways and shortened to ``squash``), its two lower markers moved by
    ``lower_markers_mm`` (its lower edge curled off the wall), marker ``hidden_marker`` (0-3,
    clockwise from the top-left) not printed, ``perspective`` the homography's last row (per
    card mm: 6e-4 shortens the far side of a small card by 8 %); the homography card mm -> px."""
    side = 2000
    page = np.full((int(SMALL.height_mm * 10), int(SMALL.width_mm * 10)), 255, np.uint8)
    for n, m in enumerate(SMALL.markers):
        if n == hidden_marker:
            continue
        lower = m.y_mm > SMALL.height_mm / 2
        dx, dy = lower_markers_mm if lower else (0.0, 0.0)
        x, y, w = int((m.x_mm + dx) * 10), int((m.y_mm + dy) * 10), int(m.w_mm * 10)
        page[y : y + w, x : x + w] = 0
    qr = SMALL.qr
    modules = np.where(qr_matrix("AK2-MOB26-F00001B"), 0, 255).astype(np.uint8)
    size = int(qr.w_mm * 10)
    qx, qy = int(qr.x_mm * 10), int(qr.y_mm * 10)
    page[qy : qy + size, qx : qx + size] = cv2.resize(
        modules, (size, size), interpolation=cv2.INTER_NEAREST
    )
    a = np.radians(angle_deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]) * PX_PER_MM
    rot = rot @ np.array([[1.0, shear], [0.0, squash]])
    h = np.eye(3)
    h[:2, :2] = rot
    h[:2, 2] = [700, 600]
    h[2, :2] = perspective
    to_page = np.diag([0.1, 0.1, 1.0])  # page px -> mm
    wall = cv2.warpPerspective(page, h @ to_page, (side, side), borderValue=0)
    mask = cv2.warpPerspective(np.ones_like(page), h @ to_page, (side, side))
    photo = np.where(mask > 0, wall, 120).astype(np.uint8)
    # look-alikes: dark squares of a marker's size on the grey wall, in a grid
    for y in range(100, 400, 60):
        for x in range(100, 1900, 70):
            photo[y : y + 11, x : x + 11] = 30
    photo = cv2.filter2D(photo, -1, line_kernel(shake, 30.0))
    return photo, h


def test_the_card_is_told_from_a_grid_of_look_alikes_by_its_code_place():
    """The grid of dark squares on the wall gives rectangles of a card's shape too (neighbouring
    cards' markers do, on a wall): only the card's own, turned the right way, has a code where
    the layout prints it."""
    photo, h = card_photo(shake=3.0)  # (the pipeline searches the deblurred photo)
    blobs = marker_blobs(photo)
    mm = marker_centres_mm(SMALL)
    expected = (h[:2, :2] @ mm.T).T + h[:2, 2]
    assert len(rectangles(blobs, SMALL)) > 10  # the look-alikes' rectangles
    found = placements(photo, blobs)
    assert found
    for _, card, homography in found:
        assert (card.width_mm, card.height_mm) == (SMALL.width_mm, SMALL.height_mm)
        corners = cv2.perspectiveTransform(mm[None].astype(np.float32), homography)[0]
        assert np.abs(corners - expected).max() < 2.5  # the card, turned the right way
    true_h = cv2.getPerspectiveTransform(mm.astype(np.float32), expected.astype(np.float32))
    assert code_agreement(photo, SMALL, true_h) >= 0.9
    turned = cv2.getPerspectiveTransform(
        mm.astype(np.float32), np.roll(expected, 2, axis=0).astype(np.float32)
    )
    assert code_agreement(photo, SMALL, turned) < 0.8  # upside down: no code there


def test_a_card_on_a_wall_seen_at_an_angle_is_placed():
    """A wall photographed at an angle shears and foreshortens its cards: near the frame's edges
    a card's marker rectangle has corners of 70-75 degrees and sides 10-15 % off the card's
    ratio (the blur sweep's cards: a quarter beyond 0.12). Such a card is placed, turned the
    right way; a square-cornered test (0.12) lost it."""
    photo, h = card_photo(shake=3.0, shear=0.25, squash=0.85)
    blobs = marker_blobs(photo)
    mm = marker_centres_mm(SMALL)
    expected = (h[:2, :2] @ mm.T).T + h[:2, 2]
    found = placements(photo, blobs)
    assert found
    corners = cv2.perspectiveTransform(mm[None].astype(np.float32), found[0][2])[0]
    assert np.abs(corners - expected).max() < 2.5


def first_written_agreement(image: np.ndarray, homography: np.ndarray) -> float:
    """code_agreement as first written, one placement at a time (the oracle)."""
    qr, m = SMALL.qr, QR_MODULE_MM
    cols, rows = np.meshgrid(np.arange(QR_MODULES) + 0.5, np.arange(QR_MODULES) + 0.5)
    points = np.stack([qr.x_mm + cols.ravel() * m, qr.y_mm + rows.ravel() * m], axis=1)
    px = cv2.perspectiveTransform(points[None].astype(np.float64), homography)[0]
    px = px.astype(np.float32)
    values = cv2.remap(image, px[:, 0].reshape(QR_MODULES, QR_MODULES),
                       px[:, 1].reshape(QR_MODULES, QR_MODULES), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
    dark = float(values[KNOWN & KNOWN_DARK].mean())
    light = float(values[KNOWN & ~KNOWN_DARK].mean())
    return pattern_agreement(values < (dark + light) / 2)


def test_placements_are_checked_all_at_once_as_one_by_one():
    """code_agreements (one remap for every placement, function patterns only) gives the values
    of the first-written one-at-a-time check; the batched homographies are OpenCV's."""
    photo, h = card_photo(shake=3.0)
    mm = marker_centres_mm(SMALL).astype(np.float32)
    expected = (h[:2, :2] @ mm.T).T + h[:2, 2]
    quads = np.array([np.roll(expected + shift, turn, axis=0)
                      for turn in range(4) for shift in (0.0, 1.5, -3.0)]).astype(np.float32)
    homographies = perspective_transforms(mm, quads)
    for mine, quad in zip(homographies, quads, strict=True):
        assert np.allclose(mine, cv2.getPerspectiveTransform(mm, quad), rtol=1e-4, atol=1e-6)
    together = code_agreements(photo, SMALL, homographies)
    one_by_one = [first_written_agreement(photo, one) for one in homographies]
    assert np.allclose(together, one_by_one, atol=0.011)  # one module of 203 at most
    assert together[0] >= 0.9 and together[3:].max() < 0.8


def test_a_curled_card_whose_lower_markers_are_off_is_placed_by_its_code():
    """A card curled off the wall shows its lower markers some mm off: the code's place they give
    is half a module out and its patterns do not agree there; half a module away they do, and
    the card is placed there."""
    photo, h = card_photo(shake=3.0, lower_markers_mm=(1.5, 3.0))
    mm = marker_centres_mm(SMALL)
    blobs = marker_blobs(photo)
    quad = sort_clockwise((h[:2, :2] @ (mm + [[0, 0], [0, 0], [1.5, 3.0], [1.5, 3.0]]).T).T
                          + h[:2, 2])
    at_markers = cv2.getPerspectiveTransform(mm.astype(np.float32), quad.astype(np.float32))
    assert code_agreement(photo, SMALL, at_markers) < 0.8  # as the markers put it
    found = placements(photo, blobs)
    assert found and found[0][0] >= 0.9
    code_centre = [[SMALL.qr.x_mm + SMALL.qr.w_mm / 2, SMALL.qr.y_mm + SMALL.qr.h_mm / 2]]
    true_centre = (h[:2, :2] @ np.array(code_centre).T).T + h[:2, 2]
    placed = cv2.perspectiveTransform(np.array([code_centre], np.float64), found[0][2])[0]
    assert np.linalg.norm(placed - true_centre) < QR_MODULE_MM * PX_PER_MM / 2


def test_a_card_showing_three_of_its_markers_is_read_from_them():
    """A hand, a neighbour's card or the frame hides one corner: the three markers left, in an
    L, put the fourth where it is hidden, and the code is read there; four markers were needed."""
    for hidden in (0, 2):  # the corner beside the code, the one across from it
        photo, h = card_photo(shake=3.0, hidden_marker=hidden)
        blobs = marker_blobs(photo)
        assert all(agreement < 0.8 or np.abs(homography - h).max() > 1  # only look-alikes
                   for agreement, _, homography in placements(photo, blobs))
        search = Search([], [], Budget(60.0), deblurred=photo, marker_blobs=blobs)
        assert cards_by_markers(photo, photo, search) == []
        found = cards_by_three_markers(photo, photo, search)
        assert [hit.text for hit in found] == ["AK2-MOB26-F00001B"]
        assert found[0].decoder == "markers+deblur" and search.hits == found
        assert cards_by_three_markers(photo, photo, search) == []  # its markers are read now


def test_a_card_in_perspective_showing_three_markers_is_read_a_module_away():
    """Three markers put the hidden fourth where they make a parallelogram; a card seen in
    perspective (8 % shorter on one side) has it 12-16 px away, and the code's place the triple
    gives is about a module off: its patterns agree under 0.5 there and half a module away
    (long shakes, seeds 25417-25418: cards at 2.6-2.8 px/mm lost). Up to a module and a half
    away they agree, and the code is read there. The card's own blobs only (its markers, a few
    of its code's modules): the wall's grid of look-alikes gives so many L's that an oblique
    triple ranks far behind them."""
    for hidden, perspective in ((0, (6e-4, 0.0)), (2, (6e-4, 0.0)), (0, (-6e-4, 0.0)),
                                (2, (-6e-4, 0.0)), (2, (0.0, -6e-4))):
        photo, h = card_photo(shake=3.0, hidden_marker=hidden, perspective=perspective)
        blobs = [(c, side) for c, side in marker_blobs(photo) if c[1] > 450]  # not the grid
        mm = marker_centres_mm(SMALL)
        seen = apply_homography(h, mm)
        fourth = seen[(hidden + 1) % 4] + seen[(hidden + 3) % 4] - seen[(hidden + 2) % 4]
        assert np.linalg.norm(fourth - seen[hidden]) > 12  # where the three put it
        search = Search([], [], Budget(60.0), deblurred=photo, marker_blobs=blobs)
        found = cards_by_three_markers(photo, photo, search)
        assert [hit.text for hit in found] == ["AK2-MOB26-F00001B"], (hidden, perspective)
        code = [[SMALL.qr.x_mm, SMALL.qr.y_mm], [SMALL.qr.right_mm, SMALL.qr.bottom_mm]]
        assert np.abs(found[0].corners_px[[0, 2]] - apply_homography(h, code)).max() < 3


def test_three_markers_of_a_card_read_are_not_tried_again():
    photo, _ = card_photo(shake=3.0)
    search = Search([], [], Budget(60.0), deblurred=photo)
    assert [hit.text for hit in cards_by_markers(photo, photo, search)] == ["AK2-MOB26-F00001B"]
    alone = unexplained_blobs(search.marker_blobs, search.hits)
    assert len(search.marker_blobs) - len(alone) == 4  # the card's own four, no look-alike
    assert len(alone) > 20  # the look-alikes, left to be tried in an L
    poster = CodeHit(make_code("poster_freins", 1), search.hits[0].corners_px)
    assert len(unexplained_blobs(search.marker_blobs, [poster])) == len(search.marker_blobs)


def test_a_card_whose_deblurred_code_rings_is_placed_on_the_photo_as_it_is():
    """A blur measured wrong (a wall's soft texture measured instead of the shake) deblurs a
    card's code into rings: the code's place agrees under MARKER_CARDS_MIN_AGREEMENT there,
    while the photo as it is (shaken 4 px) still agrees; the markers survive both. The card
    is placed on the photo as it is, and read; the look-alikes' rectangles still give none."""
    photo, h = card_photo(shake=4.0)
    wrong = deblurred(photo, Blur(DEBLUR_LENGTH_PER_SHARPNESS / 10.0, 120.0, 3.0))
    mm = marker_centres_mm(SMALL)
    expected = (h[:2, :2] @ mm.T).T + h[:2, 2]
    true_h = cv2.getPerspectiveTransform(mm.astype(np.float32), expected.astype(np.float32))
    assert code_agreement(wrong, SMALL, true_h) < 0.5 <= 0.9 <= code_agreement(photo, SMALL, true_h)
    search = Search([], [], Budget(60.0), deblurred=wrong)
    found = cards_by_markers(photo, wrong, search)
    assert [hit.text for hit in found] == ["AK2-MOB26-F00001B"]
    assert found[0].decoder == "markers+deblur"


def test_a_card_no_code_read_explains_is_seen_on_the_photo_as_it_is():
    """Before a wall of big shaken codes is deblurred and searched again (0.5-0.9 s), the photo
    as it is must show a card none of them explains (scan.deblur.deblur_pass): a shaken card's
    four markers with a code where they put it. Once its code is read, the grid of look-alikes
    left (rectangles by the dozen, a wall's letters and specks) shows none."""
    photo, h = card_photo(shake=6.0)
    assert unread_card_markers(photo, [])
    qr = SMALL.qr
    symbol = [[qr.x_mm, qr.y_mm], [qr.right_mm, qr.y_mm], [qr.right_mm, qr.bottom_mm],
              [qr.x_mm, qr.bottom_mm]]
    read = CodeHit("AK2-MOB26-F00001B", apply_homography(h, symbol))
    assert len(unexplained_blobs(marker_blobs(photo), [read])) > 20  # the look-alikes
    assert not unread_card_markers(photo, [read])


def test_a_shaken_card_seen_obliquely_is_read_from_its_markers():
    """A wall seen at an angle foreshortens a card by a quarter and leans it (3.0 x 2.2 px/mm
    at a shaken wall's corner, seed 4645): its code's L, placed by the markers, is 0.5-0.6 from
    a square L, beyond what finders picked among look-alikes may be (RECOVER_MAX_L_ERROR). The
    marker rectangle passed its own tolerance: the code is read there (0.5 lost it)."""
    photo, h = card_photo(shake=3.0, shear=0.25, squash=0.78)
    search = Search([], [], Budget(60.0), deblurred=photo)
    found = cards_by_markers(photo, photo, search)
    assert [hit.text for hit in found] == ["AK2-MOB26-F00001B"]
    assert found[0].decoder == "markers+deblur"
