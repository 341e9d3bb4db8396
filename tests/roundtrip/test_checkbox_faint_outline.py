"""scan.checkbox: in a very soft photo the box's faint outline where the fit puts it is read.

Second-family photos in soft focus (blur 1.4-1.8 px) at 1.5-1.95 px/mm: a heading above the box,
the next box's scribble or the card's bottom band, smeared, pulls the outline template's best
response to the edge of its search ("déformé": no value), while the printed outline is still
there where the card's fit puts it, only a few of its segments faint. That place is now taken as
a partly verified outline: the box is read, as a proposal (never sure). Each card is read on its
true corners (read_card), as the scanner does once it has placed it.
"""

import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan.read import read_card
from tests.support import kitcache
from tests.support.field_photos import Recipe, take
from tests.support.people_marks import CHECK_MARKS

KIT = {"packs": 4, "blank_packs": 1, "group_sheets": 2}


def soft(seed):
    return Recipe(seed, cards=6, size_px=(2000, 1500), blur="soft", soft_px=(1.4, 1.8),
                  px_per_mm=(1.7, 1.95), occluder=0.0, overlap=0.0, curl=0.0, cut=0.0)


def read_on_true_corners(seed, code):
    photo = take(list(kitcache.printed_kit(8.0, **KIT)), soft(seed))
    card = photo.truth.cards[code]
    spec = CARD_TYPES[card.type_key]
    w, h = spec.outline.w_mm, spec.outline.h_mm
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    fit = cv2.getPerspectiveTransform(corners, np.float32(card.corners_px)).astype(np.float64)
    gray = cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY)
    return read_card(gray, photo.image, fit, spec)[0], card


@pytest.mark.parametrize(
    "seed, code, names",
    [
        (3799, "AK2-RT26-I00010W",
         ["acteur_socioprofessionnel", "territoire_brianconnais", "consentement_participants"]),
        (3766, "AK2-RT26-I00010W", ["consentement_public", "journal"]),
        (3768, "AK2-RT26-I00028C", ["acteur_public", "consentement_participants"]),
    ],
)
def test_a_faint_outline_where_the_fit_puts_it_is_read_as_a_proposal(seed, code, names):
    boxes, card = read_on_true_corners(seed, code)
    truth = {name: CHECK_MARKS[card.marks[name]] == "checked" for name in names}
    got = {name: boxes[name].checked for name in names}
    assert got == truth
    assert all(boxes[name].confidence < 0.8 for name in names)
    confident_wrong = {
        name: (b.checked, round(b.confidence, 2))
        for name, b in boxes.items()
        if name not in card.hidden and b.checked is not None and b.confidence >= 0.8
        and b.checked != (CHECK_MARKS[card.marks[name]] == "checked")
    }
    assert not confident_wrong
