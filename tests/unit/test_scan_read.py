"""scan.read: checkboxes, vote strips and handwriting on a card already rectified."""

import cv2
import numpy as np
import pytest

from printables.layout import LAYOUT_VERSION, card_type
from scan.read import decide, read_card
from scan.thresholds import CHECKED_MIN_SCORE, UNCHECKED_MAX_SCORE
from tests.support.scan_cards import Marks, make_code, render_card


@pytest.fixture
def make_card_image():
    """Factory: a filled card as a camera at ``px_per_mm`` sees it, with its mm->px homography."""

    def make(type_key, marks, px_per_mm=2.7, blur_px=0.6, noise=3.0, seed=0,
             version=LAYOUT_VERSION):
        sharp = render_card(type_key, make_code(type_key, 9, version=version), 10.0, marks)
        scale = px_per_mm / 10.0
        image = cv2.resize(sharp, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        image = cv2.GaussianBlur(image, (0, 0), blur_px)
        image = np.clip(
            image + np.random.default_rng(seed).normal(0, noise, image.shape), 0, 255
        ).astype(np.uint8)
        # pixel centres: card mm x maps to (x * 10 + 0.5) * scale - 0.5 in the resized image
        offset = 0.5 * scale - 0.5
        h = np.array([[px_per_mm, 0, offset], [0, px_per_mm, offset], [0, 0, 1.0]])
        return image, h

    return make


def read(type_key, image, h, version=LAYOUT_VERSION):
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return read_card(gray, image, h, card_type(type_key, version))


@pytest.mark.parametrize("px_per_mm", [2.7, 8.0])
@pytest.mark.parametrize("style", ["tick", "cross"])
def test_read_checkbox_tick_and_cross_count_as_checked(make_card_image, style, px_per_mm):
    image, h = make_card_image("besoin", Marks(checks={"travailler": style}), px_per_mm)
    checkboxes, _, _ = read("besoin", image, h)
    assert checkboxes["travailler"].checked is True
    assert checkboxes["travailler"].confidence >= 0.8


@pytest.mark.parametrize("px_per_mm", [2.7, 8.0])
@pytest.mark.parametrize(
    "style, expected", [("fill", (True, "remplie")), ("scribble", (False, "noircie"))]
)
def test_read_checkbox_blackened_box_goes_to_a_person(make_card_image, style, expected, px_per_mm):
    """The printed convention: a box filled inside its outline says yes, a box scribbled out past
    it is cancelled; both are proposed below the review line."""
    image, h = make_card_image("besoin", Marks(checks={"travailler": style}), px_per_mm)
    checkboxes, _, _ = read("besoin", image, h)
    box = checkboxes["travailler"]
    assert (box.checked, box.reason) == expected
    assert box.confidence < 0.5  # never auto-accepted by the app: a person confirms it


@pytest.mark.parametrize("style", [None, "dot"])
def test_read_checkbox_empty_or_stray_dot_is_unchecked(make_card_image, style):
    marks = Marks(checks={"travailler": style} if style else {})
    checkboxes, _, _ = read("besoin", *make_card_image("besoin", marks))
    assert checkboxes["travailler"].checked is False
    assert checkboxes["travailler"].confidence >= 0.8


def test_read_checkbox_faint_smudge_is_unsure(make_card_image):
    image, h = make_card_image("besoin", Marks(), 4.0)
    box = card_type("besoin").field("travailler").box
    x0, y0, x1, y1 = (
        round(v * 4.0)
        for v in (box.x_mm + 0.8, box.y_mm + 0.8, box.right_mm - 0.8, box.bottom_mm - 0.8)
    )
    middle = (UNCHECKED_MAX_SCORE + CHECKED_MIN_SCORE) / 2
    image[y0:y1, x0:x1] = round(
        245 - middle * 225
    )  # a pale even smudge, no stroke: the band's middle
    reading = read("besoin", image, h)[0]["travailler"]
    assert reading.checked is None and reading.confidence < 0.5


def test_read_identity_checkboxes_only_the_ticked_ones(make_card_image):
    ticked = {
        "acteur_association": "cross",
        "territoire_ecrins": "tick",
        "consentement_public": "tick",
    }
    checkboxes, _, _ = read(
        "identite", *make_card_image("identite", Marks(checks={**ticked, "journal": "scribble"}))
    )
    assert {name for name, box in checkboxes.items() if box.checked} == set(ticked)
    assert (checkboxes["journal"].checked, checkboxes["journal"].reason) == (False, "noircie")
    assert checkboxes["journal"].confidence < 0.5  # cancelled: a proposal, never auto-accepted
    assert all(
        box.checked is False
        for name, box in checkboxes.items()
        if name not in ticked and name != "journal"
    )


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("px_per_mm", [2.7, 6.0])
def test_read_votes_counts_stickers_of_every_colour_and_pen_marks(
    make_card_image, px_per_mm, version
):
    """On layout 1's circles and on layout 2's plain area alike."""
    dots = [
        (0, "rouge"),
        (1, "jaune"),
        (2, "noir"),
        (3, "vert"),
        (4, "bleu"),
        (9, "pen"),
        (15, "rouge"),
    ]
    image, h = make_card_image("besoin", Marks(votes={"votes": dots}), px_per_mm, version=version)
    _, votes, _ = read("besoin", image, h, version)
    assert (votes["votes"].count, votes["votes"].reason) == (len(dots), None)
    if version == "1":
        assert [i for i, m in enumerate(votes["votes"].marked) if m] == [i for i, _ in dots]
        # the pen cross is drawn over its printed circle: a person confirms that strip
        assert votes["votes"].confidence < 0.8
    else:
        assert votes["votes"].marked == []  # a plain area has no printed circles


@pytest.mark.parametrize("version", ["1", "2"])
def test_read_votes_empty_strip_counts_zero(make_card_image, version):
    _, votes, _ = read("besoin", *make_card_image("besoin", Marks(), version=version), version)
    assert votes["votes"].count == 0 and votes["votes"].confidence >= 0.8


def test_read_fields_ink_only_where_written(make_card_image):
    marks = Marks(ink=("nom", "pourquoi"))
    _, _, fields = read("contact", *make_card_image("contact", marks))
    assert {name for name, f in fields.items() if f.has_ink} == {"nom", "pourquoi"}
    assert set(fields) == {"nom", "structure", "pourquoi", "coordonnees"}


def test_read_fields_uneven_light_is_not_ink(make_card_image):
    image, h = make_card_image("frein", Marks())
    ramp = np.linspace(0.45, 1.0, image.shape[1])[None, :, None]  # a shadow across the card
    _, _, fields = read("frein", (image * ramp).astype(np.uint8), h)
    assert not any(f.has_ink for f in fields.values())


def test_decide_band_edges_and_confidence():
    assert decide(0.30, 0.05, 0.10, 0.05) == (True, 1.0)
    assert decide(0.10, 0.05, 0.10, 0.05) == (True, 0.5)
    assert decide(0.0, 0.05, 0.10, 0.05) == (False, 1.0)
    state, confidence = decide(0.075, 0.05, 0.10, 0.05)
    assert state is None and confidence == pytest.approx(0.0)


@pytest.mark.parametrize("version", ["1", "2"])
def test_read_votes_shadow_across_strip_is_not_a_vote(make_card_image, version):
    marks = Marks(votes={"votes": [(7, "rouge")]})
    image, h = make_card_image("besoin", marks, px_per_mm=6.0, version=version)
    ramp = np.linspace(0.35, 1.0, image.shape[1])[None, :, None]  # the left half in deep shadow
    _, votes, _ = read("besoin", (image * ramp).astype(np.uint8), h, version)
    assert votes["votes"].count == 1 and votes["votes"].confidence >= 0.8
    if version == "1":
        assert [i for i, m in enumerate(votes["votes"].marked) if m] == [7]
