"""scan.wholefit: the card's pose checked against its own printed features (box outlines, corner
markers), refitted robustly when they do not verify, and a card whose fit cannot be confirmed
read as proposals only.

Three scenes of the second photo family's worst cards, drawn with the unit generator
(tests/support/scan_cards.py): a hand over a corner marker with a filled box near it, two
markers hidden under strong perspective, a curl bending the QR itself. Before the whole-card
check, each gave confident wrong readings (a box read on its neighbour's outline)."""

import dataclasses

import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES
from scan import scan_image
from scan.checkbox import DEFORMED
from scan.locate import find_codes
from scan.read import read_card
from scan.rectify import Rectified, apply_homography, local_px_per_mm
from scan.thresholds import FIT_REFIT_QR_INLIER_MM, PROPOSAL_CONFIDENCE
from scan.wholefit import (
    FitCheck,
    check_fit,
    checked_fit,
    qr_agrees,
    samples,
    score_one,
    trial_scores,
)
from tests.support.field_photos import draw_occluder
from tests.support.scan_cards import Marks, make_code, photograph, placed_card

IDENTITY = CARD_TYPES["identite"]
CHECKS = {
    "acteur_public": "tick",
    "acteur_association": "cross",
    "territoire_brianconnais": "fill",  # beside the bottom-left marker: a marker look-alike
    "territoire_hors": "tick",
    "consentement_participants": "cross",
    "newsletter": "tick",
}
TRUTH = {
    f.name: CHECKS.get(f.name) in ("tick", "cross", "fill")
    for f in IDENTITY.fields_of_kind("checkbox")
}


def curl_right(image, lift_mm, px_per_mm, start=0.35, direction=(1.0, 0.2)):
    """The card's right part lifting off the wall through its QR: the paper seen shifted,
    growing with the square of the depth into the curl (as tests/support/field_photos.py)."""
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = np.clip((xx / w - start) / (1 - start), 0, 1) ** 2
    d = np.asarray(direction, np.float32) / np.float32(np.linalg.norm(direction))
    shift = (lift_mm * px_per_mm * t).astype(np.float32)
    return cv2.remap(image, xx - shift * d[0], yy - shift * d[1], cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE)


def scene(kind, tilt_deg, px_per_mm=2.6):
    """(photo BGR, code, true card outline corners px) of one identity card on a wall."""
    code = make_code("identite", 4242)
    hide = {"hand": (3,), "perspective": (0, 3)}.get(kind, ())
    item = placed_card("identite", code, 30, 30, 4.0, Marks(checks=dict(CHECKS), hide_markers=hide))
    if kind == "curl":
        item.image = curl_right(item.image, 6.0, 6.0)
        px_per_mm = 2.4
    photo = photograph([item], item.width_mm + 60, item.height_mm + 60, px_per_mm, tilt_deg,
                       blur_px=0.8, noise=3, jpeg_quality=80)
    image = photo.image.copy()
    corners = photo.corners_px[0]
    if kind == "hand":  # a hand over the bottom-left corner, its marker under it
        centre = corners[3] + (-6 * px_per_mm, 6 * px_per_mm)
        t = np.linspace(0, 2 * np.pi, 24, endpoint=False)
        radius = 16 * px_per_mm
        hand = np.stack([centre[0] + radius * np.cos(t), centre[1] + radius * np.sin(t)], 1)
        draw_occluder(image, "hand", hand, np.random.default_rng(1))
    return image, code, corners


def read(image, code):
    cards = [c for c in scan_image(image, "scene.jpg").cards if c.code == code]
    assert len(cards) == 1
    return cards[0]


def outcome(card):
    """Per box: "right" (the true value, at any confidence), "review" (None or a wrong value
    below 0.8), "WRONG" (a wrong value at >= 0.8)."""
    result = {}
    for name, want in TRUTH.items():
        box = card.checkboxes[name]
        if box.checked is want:
            result[name] = "right"
        elif box.checked is None or box.confidence < 0.8:
            result[name] = "review"
        else:
            result[name] = "WRONG"
    return result


@pytest.mark.parametrize(
    "kind, tilt_deg",
    [("hand", 25), ("hand", 35), ("hand", 45), ("perspective", 25), ("perspective", 35),
     ("curl", 30)],
)
def test_every_box_of_a_card_with_a_wrong_first_pose_is_read_right(kind, tilt_deg):
    """The first pose is centimetres off at a far corner (a filled box taken for the hidden
    marker; two markers hidden and the perspective extrapolated from the QR's side; the QR
    bent by a curl): the old code read 1-2 boxes wrong at >= 0.95 and sent others to review.
    The refit from the card's own outlines reads every box with its true value."""
    image, code, _ = scene(kind, tilt_deg)
    card = read(image, code)
    assert card.fit_confirmed
    assert set(outcome(card).values()) == {"right"}, outcome(card)


@pytest.mark.parametrize("kind", ["hand", "perspective"])
def test_the_refitted_pose_is_within_a_millimetre_at_every_box(kind):
    image, code, corners = scene(kind, 35)
    card = read(image, code)
    w, h = IDENTITY.width_mm, IDENTITY.height_mm
    truth = cv2.getPerspectiveTransform(
        np.float32([[0, 0], [w, 0], [w, h], [0, h]]), np.float32(corners)
    )
    centres = np.array([f.box.center_mm for f in IDENTITY.fields_of_kind("checkbox")])
    error_px = np.linalg.norm(
        apply_homography(card.homography, centres) - apply_homography(truth, centres), axis=1
    )
    assert error_px.max() / card.px_per_mm < 1.0


def test_a_card_whose_fit_no_printed_feature_confirms_is_read_as_proposals(monkeypatch):
    """A card whose pose none of its printed features confirms (a strong curl, its corner
    markers torn off) says so through the whole pipeline: fit_confirmed False, a hint naming
    it, no reading at 0.8 or above. Which real scene the refit can still place is a matter of
    tenths of a pixel (this test's first scene, a 6 mm curl with its markers, flipped to
    "confirmed" when 5ffa7e4 counted the QR as a feature, on the machine installed on
    2 December at 10:35; a review found 17 of 28 neighbouring scenes confirmed): so the check
    is made to find no feature where the pose puts it, on the real curled photo, and the
    decision itself is tested on its counts (test_a_fit_is_confirmed_by_enough_of_its_features)
    and on a pose one row off (test_a_pose_one_row_off_is_not_confirmed)."""
    import scan.pipeline

    real_check = scan.pipeline.checked_fit

    def nothing_verified(*args, **kwargs):
        rect, check = real_check(*args, **kwargs)
        return rect, dataclasses.replace(check, verified=0, anchors={})

    monkeypatch.setattr(scan.pipeline, "checked_fit", nothing_verified)
    code = make_code("identite", 4242)
    item = placed_card("identite", code, 30, 30, 4.0,
                       Marks(checks=dict(CHECKS), hide_markers=(0, 1, 2, 3)))
    item.image = curl_right(item.image, 6.0, 6.0, start=0.35, direction=(-0.5, 1.0))
    photo = photograph([item], item.width_mm + 60, item.height_mm + 60, 2.4, 30,
                       blur_px=0.8, noise=3, jpeg_quality=80)
    reading = scan_image(photo.image, "curl.jpg")
    card = [c for c in reading.cards if c.code == code][0]
    assert not card.fit_confirmed
    assert all(b.confidence <= PROPOSAL_CONFIDENCE for b in card.checkboxes.values())
    assert "WRONG" not in outcome(card).values()
    assert [h.params["codes"] for h in reading.hints if h.kind == "fit_unconfirmed"] == [code]
    assert card.to_dict()["fit_confirmed"] is False


def test_an_unconfirmed_fit_caps_every_reading_with_a_reason():
    """The same photo read through read_card with the fit confirmed, then not: the readings
    keep their values, the confidences drop to a proposal, "déformé" where no reason was."""
    image, code, _ = scene("hand", 25)
    card = read(image, code)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    sure, _, _ = read_card(gray, image, card.homography, IDENTITY, 0.5, fit_confirmed=True)
    capped, _, _ = read_card(gray, image, card.homography, IDENTITY, 0.5, fit_confirmed=False)
    assert any(b.confidence >= 0.8 for b in sure.values())
    for name, box in capped.items():
        assert box.checked == sure[name].checked
        assert box.confidence <= PROPOSAL_CONFIDENCE
        if sure[name].reason is None and sure[name].confidence > PROPOSAL_CONFIDENCE:
            assert box.reason == DEFORMED


def test_a_fit_is_confirmed_by_enough_of_its_features():
    assert FitCheck(17, 16).confirmed
    assert FitCheck(17, 10).confirmed is False  # a side of the card missing
    assert FitCheck(5, 3).confirmed is False  # a need card: its box and one marker missing
    assert FitCheck(5, 4).confirmed
    assert FitCheck(0, 0).confirmed  # nothing of the card in the photo to check


def test_a_pose_one_row_off_is_not_confirmed():
    """The card's true pose shifted by one row of boxes (7 mm): the outlines of the rows that
    repeat would still verify, the others (markers, consent column, territory row) do not."""
    image, code, corners = scene("perspective", 25)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    w, h = IDENTITY.width_mm, IDENTITY.height_mm
    truth = cv2.getPerspectiveTransform(
        np.float32([[0, 0], [w, 0], [w, h], [0, h]]), np.float32(corners)
    )
    assert check_fit(gray, truth, IDENTITY).confirmed
    one_row = truth @ np.array([[1.0, 0, 0], [0, 1.0, 7.0], [0, 0, 1.0]])
    assert not check_fit(gray, one_row, IDENTITY).confirmed


def test_a_first_pose_bent_beyond_the_refits_reach_is_refitted_to_within_a_millimetre():
    """A wrong blob taken for a marker can bend the first pose by centimetres at the far side
    (measured 34-47 mm on a need card), beyond the refit's search round it: the refit starts
    again from the QR alone and from each better pose it finds, until the far side's outlines
    come within reach (one refit from the bent pose left the far boxes 4 mm off)."""
    image, code, corners = scene("perspective", 25)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    hit = [h for h in find_codes(gray) if h.text == code][0]
    w, h = IDENTITY.width_mm, IDENTITY.height_mm
    outline = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    truth = cv2.getPerspectiveTransform(outline, np.float32(corners))
    scale = local_px_per_mm(truth, IDENTITY.outline.center_mm)
    bent_corners = np.float32(corners) + np.float32([[-40, 25], [0, 0], [0, 0], [-45, -20]]) * scale
    bent = cv2.getPerspectiveTransform(outline, bent_corners)
    first = Rectified(bent, 1.0, 3, bent_corners.astype(np.float64), scale)
    assert not check_fit(gray, bent, IDENTITY).confirmed
    rect, check = checked_fit(gray, IDENTITY, first, hit.corners_px)
    assert check.refitted and check.confirmed
    centres = np.array([f.box.center_mm for f in IDENTITY.fields_of_kind("checkbox")])
    error_px = np.linalg.norm(
        apply_homography(rect.homography, centres) - apply_homography(truth, centres), axis=1
    )
    assert error_px.max() / scale < 1.0


def test_the_refits_trials_are_scored_all_at_once_to_the_last_bit():
    """Speed: a refit's 300 trials are fitted and scored in one batch per size; each trial's
    count, summed distance and chosen places are those of the trial fitted and scored alone
    (the first-written loop), degenerate samples (repeated or aligned places) included."""
    rng = np.random.default_rng(8)
    true_h = np.array([[3.1, 0.2, 400.0], [-0.15, 2.9, 300.0], [1e-4, -2e-4, 1.0]])
    for trial in range(6):
        features = rng.uniform(0, 120, (9, 2))
        owner = np.repeat(np.arange(9), rng.integers(1, 5, 9))
        places = apply_homography(true_h, features[owner]) + rng.normal(0, 2.0, (len(owner), 2))
        wrong = rng.random(len(owner)) < 0.4  # neighbours, look-alikes
        places[wrong] += rng.uniform(-80, 80, (int(wrong.sum()), 2))
        if trial % 2:  # aligned and repeated places: degenerate fits
            places[:4] = places[0] + np.arange(4)[:, None] * [5.0, 5.0]
            places[4:6] = places[4]
        qr_mm = np.array([[50.0, 40.0], [81.5, 40.0], [81.5, 71.5], [50.0, 71.5]])
        qr_px = apply_homography(true_h, qr_mm) + rng.normal(0, 0.5, (4, 2))
        trials = [p for p in samples(owner) if len(set(owner[p].tolist())) == len(p)]
        scores = trial_scores(trials, features, places, owner, qr_mm, qr_px, 3.0)
        for picks, score in zip(trials, scores, strict=True):
            src, dst = features[owner[picks]], places[picks]
            if len(picks) == 2:
                src, dst = np.vstack([qr_mm, src]), np.vstack([qr_px, dst])
            alone = score_one(src, dst, features, places, owner, 3.0, qr_mm, qr_px)
            assert (score is None) == (alone is None)
            if score is not None and alone is not None:
                assert score[:2] == alone[:2] and np.array_equal(score[2], alone[2])


def test_a_hypothesis_that_puts_the_qr_elsewhere_loses_a_tie_with_the_true_pose():
    """A blurred card's box grid aliases by one column: four neighbours' outlines make a
    hypothesis shifted by the column's pitch that agrees with as many features as the true pose
    (wall 836: 7 and 7, the QR-only first pose 17 mm off at a far corner) and, fitted exactly on
    its four places, with a smaller summed distance: it won, and the least squares on the QR and
    its features kept a pose as far off. The QR counts as a feature where a hypothesis puts its
    corners within FIT_REFIT_QR_INLIER_MM of those decoded: the true pose now wins by one."""
    rng = np.random.default_rng(3)
    true_h = np.array([[1.75, 0.1, 900.0], [-0.08, 1.7, 700.0], [2e-5, -1e-5, 1.0]])
    wrong_h = true_h @ np.array([[1.0, 0.0, 45.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    features = np.array([[7.5, 104.5], [52.5, 104.5], [7.5, 111.5], [52.5, 111.5],
                         [7.5, 123.5], [52.5, 123.5], [189.5, 6.5], [189.5, 131.5]])
    seen = apply_homography(true_h, features[:6]) + rng.normal(0, 0.6, (6, 2))  # blurred
    aliased = apply_homography(wrong_h, features[:4])  # the neighbours' outlines, one column on
    places = np.vstack([np.stack([seen[:4], aliased], 1).reshape(-1, 2), seen[4:],
                        apply_homography(wrong_h, features[6:])])  # marker look-alikes
    owner = np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7])
    qr_mm = np.array([[131.5, 20.0], [163.0, 20.0], [163.0, 51.5], [131.5, 51.5]])
    qr_px = apply_homography(true_h, qr_mm)
    true_pair = np.array([0, 9])  # with the QR: boxes 0 and 5 where they are
    wrong_four = np.array([1, 3, 5, 7])  # boxes 0-3 on their neighbours' outlines
    (true_count, true_cost, _), (wrong_count, wrong_cost, _) = trial_scores(
        [true_pair, wrong_four], features, places, owner, qr_mm, qr_px, 1.75
    )
    assert wrong_cost < true_cost  # the tie-break alone chose the aliased grid
    assert (true_count, -true_cost) > (wrong_count, -wrong_cost)
    assert true_count == wrong_count + 1


def test_a_hypothesis_agrees_with_the_qr_only_within_the_decoders_precision():
    """A hypothesis fitted on the QR and two look-alikes strains the QR's corners (fresh wall
    1226, a curled need card: 1.21 mm, its markers' look-alikes 12-20 mm off); one through the
    true places keeps them where they were decoded (wall 836: 0.17-0.24 mm)."""
    true_h = np.array([[1.75, 0.1, 900.0], [-0.08, 1.7, 700.0], [2e-5, -1e-5, 1.0]])
    qr_mm = np.array([[131.5, 20.0], [163.0, 20.0], [163.0, 51.5], [131.5, 51.5]])
    qr_px = apply_homography(true_h, qr_mm)
    scale = 1.75
    hs = np.stack([
        true_h @ np.array([[1.0, 0, dx], [0, 1.0, 0], [0, 0, 1.0]])
        for dx in (0.2, 0.9 * FIT_REFIT_QR_INLIER_MM, 1.2 * FIT_REFIT_QR_INLIER_MM, 45.0)
    ])
    assert qr_agrees(hs, qr_mm, qr_px, scale).tolist() == [True, True, False, False]
    assert not qr_agrees(np.full((1, 3, 3), np.nan), qr_mm, qr_px, scale)[0]
