"""The time budget of a photo (issue 8 point 5): bounded finder search on textured walls, ranked
windows, and a photo that ran out of time says so. No timing is asserted here (benchmarks do
that): these tests check what is searched, what is skipped and what the photo reports."""

import cv2
import numpy as np
import pytest
from skimage import data

from kit.models import FieldValue
from kit.services.digitise import write_votes
from printables.payload import spec_of
from scan import scan_image
from scan.budget import Budget
from scan.locate import (
    find_finder_candidates,
    paired,
    reading_cost_s,
    reading_order,
    search_codes,
)
from scan.read import read_card
from scan.results import CodeHit, VoteCount
from scan.thresholds import (
    BOX_READ_RESERVE_S,
    CARD_READ_RESERVE_S,
    FINDER_TILE_OVERLAP_PX,
    FINDER_TILE_PX,
    MAX_FINDER_WINDOWS,
    VOTE_HIDE_CONFIDENCE,
    VOTE_STRIP_RESERVE_S,
)
from scan.votes import cap_hidden_stickers
from tests.support.scan_cards import (
    Marks,
    make_code,
    photograph,
    placed_card,
    qr_matrix,
    render_card,
)


def textured(size=(1800, 1300), scale=0.5) -> np.ndarray:
    """Real photographed grass (scikit-image), tiled: thousands of contours, like a rough wall."""
    tex = cv2.resize(data.grass(), None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    reps = (size[1] // tex.shape[0] + 1, size[0] // tex.shape[1] + 1)
    return np.ascontiguousarray(np.tile(tex, reps)[: size[1], : size[0]])


def paste_code(
    img: np.ndarray, text: str, x: int, y: int, module_px: int
) -> tuple[int, int, int, int]:
    modules = np.pad(np.where(qr_matrix(text), 0, 255).astype(np.uint8), 4, constant_values=255)
    tile = cv2.resize(modules, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    img[y : y + tile.shape[0], x : x + tile.shape[1]] = tile
    return x, y, x + tile.shape[1], y + tile.shape[0]


def finders_inside(finders, box) -> int:
    x0, y0, x1, y1 = box
    return sum(1 for (cx, cy), _ in finders if x0 <= cx <= x1 and y0 <= cy <= y1)


def test_finders_found_across_tile_edges_and_above_the_overlap_on_texture():
    img = textured()
    straddling = paste_code(
        img, make_code("frein", 1), FINDER_TILE_PX - 60, 100, 3
    )  # cut by the first tile
    big_module = int(FINDER_TILE_OVERLAP_PX / 7) + 4  # finders wider than any tile's overlap
    big = paste_code(img, make_code("besoin", 2), 200, 500, big_module)
    finders = find_finder_candidates(img, despeckle=True)
    assert finders_inside(finders, straddling) == 3
    assert finders_inside(finders, big) == 3


def test_paired_ranks_a_codes_three_finders_before_lone_pairs():
    l_shape = [
        (np.array([100.0, 100.0]), 21.0),
        (np.array([160.0, 100.0]), 21.0),
        (np.array([100.0, 160.0]), 21.0),
    ]
    pair = [(np.array([900.0, 900.0]), 21.0), (np.array([990.0, 900.0]), 21.0)]
    lone = [(np.array([1500.0, 100.0]), 21.0)]
    ranked = paired(pair + lone + l_shape)
    assert [tuple(c) for c, _ in ranked[:3]] == [tuple(c) for c, _ in l_shape]
    assert len(ranked) == 5  # the lone look-alike gets no window


def test_spent_budget_skips_optional_steps_but_keeps_the_full_frame_decode():
    img = textured()
    box = paste_code(img, make_code("levier", 3), 300, 300, 5)
    search = search_codes(img, Budget(seconds=0.0))
    assert [h.text for h in search.hits] == [make_code("levier", 3)]  # zxing's full-frame pass
    assert search.budget.exhausted and "finder_tiles" in search.budget.skipped
    assert box[0] <= search.hits[0].centre_px[0] <= box[2]


def test_window_count_is_capped_on_a_wall_of_look_alikes():
    """Hundreds of finder-like pairs (a printed pattern, a tiled floor): never more than
    MAX_FINDER_WINDOWS decodes, the rest counted as skipped."""
    img = np.full((3000, 4000), 200, np.uint8)
    finder = np.pad(
        np.pad(np.zeros((3, 3), np.uint8), 1, constant_values=255), 1, constant_values=0
    )
    finder = cv2.resize(finder, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST)  # 28 px
    for y in range(40, 2900, 300):  # pairs far enough apart for their windows not to merge
        for x in range(40, 3900, 300):
            img[y : y + 28, x : x + 28] = finder
            img[y : y + 28, x + 70 : x + 98] = finder
    search = search_codes(img, Budget(seconds=60.0))
    assert search.hits == []
    assert search.budget.skipped.get("finder_windows", 0) > 0
    assert len(paired(search.finders)) > MAX_FINDER_WINDOWS


def test_photo_out_of_time_says_so_in_a_hint():
    image = cv2.cvtColor(textured(), cv2.COLOR_GRAY2BGR)
    reading = scan_image(image, "mur-crepi.jpg", budget=Budget(seconds=0.0)).to_dict()
    hints = {h["kind"]: h for h in reading["hints"]}
    assert "no_card" in hints and "time_budget" in hints
    assert hints["time_budget"]["threshold"] == 0.0 and hints["time_budget"]["value"] >= 0.0
    message = hints["time_budget"]["message"]
    assert message.startswith("Temps maximal de lecture par photo atteint")
    assert "des cartes peuvent manquer" in message  # no card named: the search was cut


@pytest.mark.parametrize("budget_s", [60.0])
def test_photo_within_budget_has_no_budget_hint(budget_s):
    image = cv2.cvtColor(textured(scale=1.0), cv2.COLOR_GRAY2BGR)
    reading = scan_image(image, "mur.jpg", budget=Budget(seconds=budget_s)).to_dict()
    assert "time_budget" not in {h["kind"] for h in reading["hints"]}


def test_a_tile_of_countless_holes_is_left_out_and_counted():
    """A fine regular weave (a 2 px checkerboard) is one blob with tens of thousands of holes
    per tile, which OpenCV's contour tree handles in quadratic time: such a tile is skipped."""
    yy, xx = np.mgrid[0:1300, 0:1300]
    img = ((((xx // 2) + (yy // 2)) % 2) * 200 + 30).astype(np.uint8)
    budget = Budget(seconds=60.0)
    assert find_finder_candidates(img, budget, despeckle=False) == []
    assert budget.skipped.get("finder_tiles", 0) >= 1


def need_and_frein_wall() -> tuple[np.ndarray, str, str]:
    """A need card with a crossed box and two stickers, and a blank frein card, both sharp."""
    need, frein = make_code("besoin", 10), make_code("frein", 11)
    marks = Marks(checks={"travailler": "cross"}, votes={"votes": [(0, "rouge"), (5, "jaune")]})
    items = [placed_card("besoin", need, 20, 20, marks=marks), placed_card("frein", frein, 220, 25)]
    photo = photograph(items, 420, 160, 3.0, 10.0, blur_px=0.6, noise=3, jpeg_quality=85)
    return photo.image, need, frein


def test_cards_found_once_the_whole_budget_is_spent_are_left_for_a_person_never_guessed():
    """A photo whose whole budget (search and reading, PHOTO_TOTAL_BUDGET_S) is spent before
    its cards' turn: they are placed (found by the full-frame decode) but not read; every box and
    strip is unsure (reason "temps"), a blank field is doubted, and the hint names the cards."""
    image, need, frein = need_and_frein_wall()
    with_time = scan_image(image, "mur.jpg", budget=Budget(60.0)).to_dict()
    read = {c["code"]: c for c in with_time["cards"]}
    assert read[need]["checkboxes"]["travailler"]["checked"] is True  # with time: read right
    assert read[need]["votes"]["votes"]["count"] == 2
    reading = scan_image(image, "mur.jpg", budget=Budget(seconds=0.0, total=0.0)).to_dict()
    cards = {c["code"]: c for c in reading["cards"]}
    assert set(cards) == {need, frein}
    for card in cards.values():
        assert not card["fit_confirmed"]  # not checked
        for box in card["checkboxes"].values():
            assert (box["checked"], box["confidence"], box["reason"]) == (None, 0.0, "temps")
        for strip in card["votes"].values():
            assert (strip["confidence"], strip["reason"]) == (0.0, "temps")
        for ink in card["fields"].values():
            assert ink["has_ink"] or ink["reason"] == "temps"  # a blank field: not accepted
    hints = {h["kind"]: h for h in reading["hints"]}
    assert "fit_unconfirmed" not in hints  # not a deformed card: a card not read
    message = hints["time_budget"]["message"]
    assert "2 cartes pas lues en entier" in message and need in message and frein in message
    assert "2 cartes trouvées mais pas lues" in hints["time_budget"]["params"]["left_out"]
    assert hints["time_budget"]["threshold"] == 0.0


def test_a_vote_strip_whose_turn_comes_after_the_budget_is_not_counted():
    """read_card with a spent budget: the boxes (read with the card) stand, the strip is not
    read (count 0 at 0.0, "temps") and is counted as skipped."""
    code = make_code("besoin", 12)
    marks = Marks(checks={"travailler": "cross"}, votes={"votes": [(0, "rouge")]})
    image = render_card("besoin", code, 4.0, marks)
    h = np.diag([4.0, 4.0, 1.0])  # card mm -> image px
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    budget = Budget(seconds=0.0, total=0.0)
    boxes, votes, _ = read_card(gray, image, h, spec_of(code), budget=budget)
    assert boxes["travailler"].checked is True
    assert (votes["votes"].confidence, votes["votes"].reason) == (0.0, "temps")
    assert budget.skipped == {"vote_strips": 1}
    _, votes, _ = read_card(gray, image, h, spec_of(code), budget=Budget(60.0))
    assert votes["votes"].count == 1 and votes["votes"].reason is None


def test_codes_found_hold_back_their_reading_time_from_the_search():
    """The search's optional steps stop once what is left of the whole budget would not read
    the cards already found (a card, more for each vote strip), before the search's own
    deadline; posters and codes not ours hold nothing back."""
    need = reading_cost_s(make_code("besoin", 1))
    assert need == CARD_READ_RESERVE_S + BOX_READ_RESERVE_S + VOTE_STRIP_RESERVE_S  # 1 box, 1 strip
    assert reading_cost_s(make_code("identite", 1)) == CARD_READ_RESERVE_S + 15 * BOX_READ_RESERVE_S
    assert reading_cost_s(make_code("poster_besoins", 2)) == 0.0
    assert reading_cost_s("https://mairie.example/wifi") == 0.0
    budget = Budget(seconds=60.0, total=1.0)  # the search's own deadline is far
    found: list = []
    budget.watch(found, reading_cost_s)
    n = int(0.5 / need)
    found += [CodeHit(make_code("besoin", 10 + i), np.zeros((4, 2))) for i in range(n)]
    assert budget.left()  # their reading fits: the search goes on
    found += [CodeHit(make_code("besoin", 50 + i), np.zeros((4, 2))) for i in range(n + 2)]
    assert not budget.left() and budget.reading_left()  # (the cards found are still read)


def test_the_digitisation_proposes_no_count_for_a_strip_left_unread():
    """An unread strip's 0 is no count: nothing is proposed (one key must not accept it); a
    strip out of the frame keeps its proposal as before."""
    fv = FieldValue(field_name="votes", kind="votes")
    write_votes(fv, VoteCount(0, 0.0, [], "temps"), False)
    assert (fv.review, fv.value, fv.proposal) == ("pending", None, None)
    fv = FieldValue(field_name="votes", kind="votes")
    write_votes(fv, VoteCount(0, 0.0, [], "hors cadre"), False)
    assert (fv.review, fv.value, fv.proposal) == ("pending", "0", "0")


class OneCardOfTime(Budget):
    """A budget whose whole time runs out as soon as one card's reading has started."""

    def reading_left(self) -> bool:
        started = getattr(self, "started", False)
        self.started = True
        return not started


def test_when_time_runs_out_the_cards_cheapest_per_value_were_read_first():
    """A need card (one box, one vote strip: the dearest per value) stands first on the wall,
    an identity card (15 boxes, its fields) after it: with time for one card only, the identity
    card is read and the need card is left for a person; both are reported in the photo's order,
    and with time for both, the order changes nothing."""
    need, ident = make_code("besoin", 20), make_code("identite", 21)
    marks = Marks(checks={"travailler": "cross"}, votes={"votes": [(0, "rouge")]})
    items = [
        placed_card("besoin", need, 20, 20, marks=marks),
        placed_card("identite", ident, 170, 20, marks=Marks(checks={"newsletter": "tick"})),
    ]
    image = photograph(items, 420, 160, 3.0, 5.0, blur_px=0.6, noise=3, jpeg_quality=85).image
    assert reading_order([need, ident]) == [1, 0]
    full = scan_image(image, "mur.jpg", budget=Budget(60.0)).to_dict()
    order = [c["code"] for c in full["cards"]]
    assert set(order) == {need, ident}
    reading = scan_image(image, "mur.jpg", budget=OneCardOfTime(seconds=60.0)).to_dict()
    assert [c["code"] for c in reading["cards"]] == order
    cards = {c["code"]: c for c in reading["cards"]}
    assert cards[ident]["checkboxes"]["newsletter"]["checked"] is True
    assert cards[need]["checkboxes"]["travailler"]["reason"] == "temps"
    assert cards[need]["votes"]["votes"]["reason"] == "temps"


def test_a_strip_left_unread_hides_the_sizes_so_big_stickers_stay_proposals():
    """cap_hidden_stickers compares each strip's widest sticker with the smallest seen on the
    photo: a strip left unread for time showed none, so the smallest sold is assumed, and a
    19 mm sticker read alone is a proposal (it may hide an 8 mm one on the unread strip's side
    of the room); 8 mm stickers stay sure. With every strip read, nothing changes."""
    def strips():
        big = VoteCount(1, 1.0, [], None, widest_mm=19.0, smallest_disc_mm=19.0)
        small = VoteCount(2, 1.0, [], None, widest_mm=8.0, smallest_disc_mm=8.0)
        return big, small

    big, small = strips()
    cap_hidden_stickers([big, VoteCount(0, 0.0, [], "temps")])
    assert big.confidence <= VOTE_HIDE_CONFIDENCE
    small_only = strips()[1]
    cap_hidden_stickers([small_only, VoteCount(0, 0.0, [], "temps")])
    assert small_only.confidence == 1.0
    big, _ = strips()
    others = [VoteCount(4, 1.0, [], None, widest_mm=19.0, smallest_disc_mm=19.0) for _ in range(2)]
    cap_hidden_stickers([big, *others])
    assert big.confidence == 1.0  # nothing unread, nothing smaller seen among 9 stickers


def test_a_card_whose_vote_strip_was_left_out_is_named_in_the_hint_in_good_french():
    """Time for one card's start only: the need card is read but its vote strip is not; the
    hint names that card in the singular (« 1 carte pas lue en entier », never « 1 carte(s)
    pas lue(s) »), and the steps left out are counted in the singular when there is one
    (« 1 bande de votes », never « 1 bandes »)."""
    need = make_code("besoin", 30)
    marks = Marks(checks={"travailler": "cross"}, votes={"votes": [(0, "rouge")]})
    photo = photograph([placed_card("besoin", need, 20, 20, marks=marks)], 220, 160, 3.0, 10.0,
                       blur_px=0.6, noise=3, jpeg_quality=85)
    budget = OneCardOfTime(60.0)
    reading = scan_image(photo.image, "mur.jpg", budget=budget).to_dict()
    (card,) = reading["cards"]
    assert card["votes"]["votes"]["reason"] == "temps"
    hint = {h["kind"]: h for h in reading["hints"]}["time_budget"]
    assert hint["key"] == "time_budget_unread_one"
    assert f"1 carte pas lue en entier ({need}), ses cases et ses votes" in hint["message"]
    assert "(s)" not in hint["message"]
    assert "1 bande de votes" in hint["params"]["left_out"]
    assert "bandes" not in hint["params"]["left_out"]
    assert hint["threshold"] == budget.whole != budget.seconds  # the whole budget ran out


def test_every_step_the_budget_can_leave_out_has_its_french_name():
    """Each step the scanner skips for time has a name in both numbers (no raw step id such as
    « lost_retries » in a hint)."""
    import re
    from pathlib import Path

    from scan.hints import STEP_NAMES

    steps = set()
    for path in Path("scan").glob("*.py"):
        steps |= set(re.findall(r"\bskip\(\s*\"(\w+)\"", path.read_text(encoding="utf-8")))
    assert steps and steps <= set(STEP_NAMES)
