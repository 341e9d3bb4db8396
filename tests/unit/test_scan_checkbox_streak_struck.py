"""scan.checkbox: a box under a grey line dark enough to read "barrée" is proposed.

The drawn identity cards of test_scan_checkbox_streak (grey lines 0.25-0.7 mm wide running 30 mm
past the box both ways, ticks, 2.0-2.7 px/mm soft, shaken or sharp): where such a line is as dark
as a pen's strike, is_struck_* took it for one and the box had no value ("barrée"), ticked or
empty. A line running on far past the box both ways is a toner streak, a fold's shadow, a card's
edge: the box is now read without it and proposed ("yes" where the tick remains, "no" where
nothing does), never sure (a ruler's line across a row may be meant to cancel it).
"""

import pytest

from tests.unit.test_scan_checkbox_streak import photo


@pytest.mark.parametrize(
    "seed, names",
    [
        (5, ["acteur_entreprise", "consentement_public"]),
        (20, ["acteur_public", "consentement_participants", "territoire_hors"]),
        (23, ["acteur_association", "acteur_socioprofessionnel"]),
        (38, ["acteur_public", "territoire_brianconnais", "consentement_public"]),
    ],
)
def test_a_box_under_a_long_dark_line_is_proposed_what_is_read_without_it(seed, names):
    boxes, ticked, lined = photo(seed)
    assert set(names) <= lined
    got = {name: (boxes[name].checked, boxes[name].reason) for name in names}
    assert got == {name: (name in ticked, "barrée") for name in names}
    assert all(boxes[name].confidence < 0.8 for name in names)
