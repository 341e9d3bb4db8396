"""The second search of a blurred photo (deblurred, then by the cards' markers: 0.7-1.4 s of CPU
a 12 Mpx photo) is run only where the photo shows a card the first search did not read (issue 8,
points 4 and 5: a cheaper search policy, the same cards)."""

import numpy as np
import pytest

import scan.deblur
from scan import scan_image
from scan.budget import Budget
from scan.bymarkers import marker_blobs, placements, unread_card_seen
from scan.deblur import photo_blur
from scan.locate import Search, search_codes
from scan.rectify import apply_homography
from scan.results import CodeHit
from tests.unit.test_scan_blur import TEXTS, wall
from tests.unit.test_scan_bymarkers import card_photo

SOFT = ("soft", 1.8)  # photo sharpness ~0.22, under DEBLUR_BELOW_SHARPNESS


@pytest.fixture
def deblurred_photos(monkeypatch):
    """The photos the scanner deblurred (scan.deblur.deblurred called on them)."""
    calls = []
    original = scan.deblur.deblurred

    def spy(gray, blur):
        calls.append(gray.shape)
        return original(gray, blur)

    monkeypatch.setattr(scan.deblur, "deblurred", spy)
    return calls


def code_corners(card, homography) -> np.ndarray:
    """The four corners (px) of ``card``'s code placed by ``homography``."""
    qr = card.qr
    return apply_homography(homography, [[qr.x_mm, qr.y_mm], [qr.right_mm, qr.y_mm],
                                         [qr.right_mm, qr.bottom_mm], [qr.x_mm, qr.bottom_mm]])


def wall_and_lost_card(shake: float) -> np.ndarray:
    """A card shaken ``shake`` px at 2.2 px/mm (its code's finders gone; its markers not) above
    a row of three small codes (other cards') shaken alike."""
    photo, _ = card_photo(shake=shake)
    photo[1450:1900, 50:1950] = wall(TEXTS[1:4], 4.5, ("motion", shake, 30.0), size=(1900, 450))
    return photo


def test_a_blurred_wall_whose_codes_were_all_read_is_not_searched_again(deblurred_photos):
    photo = wall(TEXTS, 3.0, SOFT)
    reading = scan_image(photo, "soft.jpg", budget=Budget(60.0))
    assert {card.code for card in reading.cards} == set(TEXTS)
    assert deblurred_photos == []  # it was searched twice before (~0.9 s at 12 Mpx)
    search = search_codes(photo, Budget(60.0))
    assert len(search.hits) == len(TEXTS) and not search.lost
    assert not unread_card_seen(photo, search)


@pytest.mark.parametrize("shake", [4.0, 8.0])
def test_markers_no_code_read_explains_are_a_card_unread(shake):
    """Another card's code read, nothing lost: the card's four markers put a code's patterns
    where the blurred photo shows them (shaken 4 px: agreement 1.0 as it is; 8 px: 0.76 as it
    is, 0.92 once that place alone is deblurred, half a module beside the one chosen)."""
    photo, _ = card_photo(shake=shake)
    elsewhere = np.array([[1800, 1800], [1860, 1800], [1860, 1860], [1800, 1860]], float)
    search = Search([CodeHit(TEXTS[1], elsewhere)], [], Budget(60.0), photo_blur=photo_blur(photo))
    search.blurred_finders_sought = True  # (the first search of a blurred photo of small codes)
    assert unread_card_seen(photo, search)
    read = placements(photo, marker_blobs(photo), min_agreement=0.65)[0]
    search.hits.append(CodeHit(TEXTS[0], code_corners(*read[1:])))
    assert not unread_card_seen(photo, search)  # its code read: the markers are explained


def test_a_code_seen_and_not_read_is_a_card_unread():
    """A lost window (three finders) calls for the second search; two finders placed as a
    code's corners that no code read explains (blur may have erased the third) only where their
    window, deblurred alone, shows a code or a third finder: on a fresh wall (1621) the whole
    deblurred photo found the third finder of such a pair, a code to report in ``lost_codes``;
    pairs of look-alikes ran that 0.6 s search on 7 of 22 blurred fresh walls for nothing."""
    photo = wall(TEXTS[:2], 3.0, SOFT)
    hits = search_codes(photo, Budget(60.0)).hits
    assert sorted(hit.text for hit in hits) == sorted(TEXTS[:2])
    read, unread = sorted(hits, key=lambda hit: hit.text)
    search = Search([read], [], Budget(60.0), photo_blur=photo_blur(photo))
    search.blurred_finders_sought = True
    assert not unread_card_seen(photo, search)
    width = 7 * unread.side_px / 21
    tl, tr, _, bl = unread.corners_px  # its finders' centres, 3.5 modules in from the corners
    search.finders = [(tl + (tr - tl + bl - tl) / 6, width), (tr + (tl - tr + bl - tl) / 6, width)]
    assert unread_card_seen(photo, search)  # its window deblurred: the code is there
    away = np.array([1600.0, 700.0])
    search.finders = [(away, width), (away + (tr - tl) * 2 / 3, width)]
    assert not unread_card_seen(photo, search)  # a pair of look-alikes on the bare wall
    search.finders = []
    search.lost = [(900, 400, 1200, 700)]
    assert unread_card_seen(photo, search)


def test_a_card_lost_to_blur_beside_codes_read_is_still_searched_for(deblurred_photos):
    """The first search reads the three codes and sees nothing of the card's code (no finder,
    no lost window); the markers show it, and the second search reads it."""
    photo = wall_and_lost_card(7.0)
    search = search_codes(photo, Budget(60.0))
    assert {h.text for h in search.hits} == set(TEXTS[1:4]) and not search.lost
    reading = scan_image(photo, "shaken.jpg", budget=Budget(60.0))
    assert {card.code for card in reading.cards} == {*TEXTS[1:4], "AK2-MOB26-F00001B"}
    assert len(deblurred_photos) == 1


def test_a_blurred_photo_where_nothing_was_read_is_searched_again(deblurred_photos):
    photo, _ = card_photo(shake=8.0)
    assert unread_card_seen(photo, search_codes(photo, Budget(60.0)))
    reading = scan_image(photo, "shaken.jpg", budget=Budget(60.0))
    assert [card.code for card in reading.cards] == ["AK2-MOB26-F00001B"]
    assert len(deblurred_photos) == 1
