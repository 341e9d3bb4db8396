"""The generator itself: its truth must be right before it can judge the scanner."""
from __future__ import annotations

import cv2
import numpy as np
import zxingcpp

from printables.layout import card_type
from tests.support.filling import FillPlan, every_state_plan, fill_card
from tests.support.shots import closeup_photo, wall_photo

INK_DELTA_GREY = 25  # a pen stroke darkens paper by far more; JPEG-free rasters change by 0


def _inner(image: np.ndarray, box, px_per_mm: float, inset_mm: float = 0.8) -> np.ndarray:
    b = box.grown(-inset_mm)
    x0, y0 = int(b.x_mm * px_per_mm), int(b.y_mm * px_per_mm)
    return image[y0:int(b.bottom_mm * px_per_mm), x0:int(b.right_mm * px_per_mm)].astype(int)


def _first(printed_kit, type_key: str):
    return next(p for p in printed_kit() if p.type_key == type_key)


def test_fill_card_inks_checked_boxes_and_leaves_others_blank(printed_kit):
    printed = _first(printed_kit, "identite")
    filled, truth = fill_card(printed.image, printed.code, "identite", printed.px_per_mm,
                              np.random.default_rng(1), every_state_plan())
    for f in card_type("identite").fields_of_kind("checkbox"):
        change = np.abs(_inner(filled, f.box, printed.px_per_mm)
                        - _inner(printed.image, f.box, printed.px_per_mm)).max()
        assert bool(change > INK_DELTA_GREY) is truth.checkboxes[f.name], (f.name, truth.marks[f.name])


def test_fill_card_puts_one_mark_on_as_many_targets_as_votes(printed_kit):
    printed = _first(printed_kit, "besoin")
    for style, votes in (("stickers", 13), ("pen", 6), ("stickers", 0)):
        filled, truth = fill_card(printed.image, printed.code, "besoin", printed.px_per_mm,
                                  np.random.default_rng(votes), FillPlan({}, {"votes": votes}, style))
        targets = card_type("besoin").field("votes").targets
        marked = sum(np.abs(_inner(filled, t, printed.px_per_mm, 2.0)
                            - _inner(printed.image, t, printed.px_per_mm, 2.0)).max() > INK_DELTA_GREY
                     for t in targets)
        assert marked == truth.votes["votes"] == votes, style


def test_closeup_photo_same_seed_gives_same_jpeg(printed_kit):
    first = closeup_photo(printed_kit(), ("frein",), "strong", seed=5)
    again = closeup_photo(printed_kit(), ("frein",), "strong", seed=5)
    assert first.jpeg == again.jpeg
    assert first.truth.to_dict() == again.truth.to_dict()
    assert first.image.shape == (3000, 4000, 3)


def test_wall_photo_truth_corners_frame_the_codes_zxing_finds(roundtrip, printed_kit):
    """Independent of the scanner: where zxing-cpp finds each QR is where the truth puts it."""
    photo = roundtrip("wall-2.7-mild", lambda: wall_photo(printed_kit(), 2.7, "mild", 11,
                                                          max_cards=20)).photo
    found = {r.text: r for r in zxingcpp.read_barcodes(photo.image)}
    checked = 0
    for code, truth in photo.truth.cards.items():
        if code not in found:
            continue
        ct = card_type(truth.type_key)
        qr_centre = _project(truth.corners_px, ct, ct.qr.center_mm)
        p = found[code].position
        centre = np.mean([(q.x, q.y) for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)],
                         axis=0)
        assert np.hypot(*(centre - qr_centre)) < 3.0, code
        checked += 1
    assert checked >= len(photo.truth.cards) * 0.8


def _project(corners_px, ct, point_mm) -> np.ndarray:

    src = np.float32([(0, 0), (ct.width_mm, 0), (ct.width_mm, ct.height_mm), (0, ct.height_mm)])
    h = cv2.getPerspectiveTransform(src, np.float32(corners_px))
    return cv2.perspectiveTransform(np.float32([[point_mm]]), h)[0, 0]
