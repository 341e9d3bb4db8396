"""Round trips of the deblurred second search (issue 8, point 4): walls shaken 6-7.5 px at
2.0-2.3 px/mm, where the finder search sees almost no finder pattern, photographed with the
second family's generator (tests/support/field_photos.py)."""

import pytest

from scan import scan_image
from scan.thresholds import DEBLURRED_CARD_MAX_CONFIDENCE
from tests.roundtrip.test_field_family import KIT, quiet
from tests.support import kitcache
from tests.support.field_photos import Recipe, take
from tests.support.field_scoring import score


@pytest.fixture(scope="module")
def kit():
    return list(kitcache.printed_kit(8.0, **KIT)), kitcache.manifest(**KIT)


def shaken(seed: int) -> Recipe:
    return Recipe(seed, **quiet(blur="motion", motion_px=(6.0, 7.5), px_per_mm=(2.0, 2.3)))


@pytest.mark.parametrize("seed", [4, 8])  # 0 and 1 card of 4 found before the deblurred search
def test_cards_of_a_shaken_wall_are_found_on_the_deblurred_photo(kit, seed):
    printed, manifest = kit
    photo = take(printed, shaken(seed))
    reading = scan_image(photo.image, photo.truth.name, manifest=manifest).to_dict()
    tally = score(photo.truth, reading)
    assert tally.found == tally.must_find == 4 and tally.false_cards == 0
    # the photo says it is too blurred to trust, and no reading of it is sure
    assert any(h["kind"] == "too_blurred" for h in reading["hints"])
    assert tally.confident_wrong_boxes == tally.confident_wrong_votes == 0
    for card in reading["cards"]:
        for box in card["checkboxes"].values():
            assert box["confidence"] <= DEBLURRED_CARD_MAX_CONFIDENCE or box["checked"] is None
        for strip in card["votes"].values():
            assert strip["confidence"] < 0.8
