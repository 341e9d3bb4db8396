"""A poster of another workshop heads no zone of this wall (red team, issue 8): left on the wall
from an earlier workshop or shown on a handout, it gave its zone to every card under it. With a
manifest, a poster whose workshop the manifest does not list is reported ("not_in_manifest")
and places no card; a poster of the manifest's workshop still does."""

from printables.layout import CARD_TYPES
from scan import scan_image
from tests.support.scan_cards import Placed, make_code, photograph, placed_card, render_card


def wall(poster_workshop: str):
    key = "poster_besoins"
    poster = CARD_TYPES[key]
    poster_code = make_code(key, 900, workshop=poster_workshop)
    items = [Placed(render_card(key, poster_code, 3.0), poster.width_mm, poster.height_mm, 0, 0)]
    card_code = make_code("frein", 10)
    items.append(placed_card("frein", card_code, 10, 230))
    photo = photograph(items, 330, 400, 3.0, 10.0, blur_px=0.6, noise=3, jpeg_quality=85)
    manifest = {"items": [{"code": card_code, "type": "frein", "participant": 1}]}
    return scan_image(photo.image, "mur.jpg", manifest=manifest), poster_code, card_code


def test_a_poster_of_another_workshop_places_no_card():
    reading, poster_code, card_code = wall("OTH26")
    assert [c.code for c in reading.cards] == [card_code]
    assert reading.cards[0].zone is None
    assert reading.posters == []
    assert [(e.kind, e.code) for e in reading.errors] == [("not_in_manifest", poster_code)]


def test_a_poster_of_the_workshop_still_places_its_cards():
    reading, _, card_code = wall("MOB26")  # the card's own workshop (make_code's default)
    assert [(c.code, c.zone) for c in reading.cards] == [(card_code, "besoins")]
    assert not reading.errors
