"""A blurred photo whose other codes were all read can still hold a card only its markers show.

Found by a fresh-eyes review of a search policy (60a0287, abde2d1, reverted) that deblurred and
searched a blurred photo again only where it saw a card unread: a card shaken 7-8 px at 2.2 px/mm
with one of its four markers hidden (a hand or tape over a corner), beside three small codes read
at once, showed its three markers in an L that agreed only 0.52-0.53 with a code's patterns on
the blurred photo, so the second search was skipped and the card lost without a hint; the
deblurred photo's L agrees 1.0 and ``cards_by_three_markers`` reads it.
"""

import numpy as np
import pytest

from scan import scan_image
from scan.budget import Budget
from tests.unit.test_scan_blur import TEXTS, wall
from tests.unit.test_scan_bymarkers import card_photo

CARD = "AK2-MOB26-F00001B"


def shaken_card_beside_read_codes(shake: float, hidden: int | None) -> np.ndarray:
    photo, _ = card_photo(shake=shake, hidden_marker=hidden, angle_deg=8.0)
    photo[1450:1900, 50:1950] = wall(TEXTS[1:4], 4.5, ("motion", shake, 30.0), size=(1900, 450))
    return photo


@pytest.mark.parametrize(("shake", "hidden"), [(7.0, 0), (7.0, 2), (8.0, 0)])
def test_a_shaken_card_with_a_hidden_corner_is_read_beside_codes_read_at_once(shake, hidden):
    reading = scan_image(shaken_card_beside_read_codes(shake, hidden), "p.jpg", budget=Budget(60.0))
    codes = {card.code for card in reading.cards}
    assert set(TEXTS[1:4]) <= codes
    assert CARD in codes
