"""A card seen in a mirror is no card (issue 8, red team): zxing reads a mirrored QR code and
reports it where a code turned by a quarter would be, so its card was placed turned about its
code and every box and field read where another is printed (9 written fields read blank on a
mirrored photo). A mirrored code is now reported ("mirrored") and its card not read."""

import cv2
import numpy as np

from scan import scan_image
from scan.locate import read_zxing
from scan.mirror import is_mirrored
from scan.results import CodeHit
from tests.support.scan_cards import Marks
from tests.unit.test_scan_checkbox import TICKED, camera, identity

WALL = 110  # grey wall round the cards


def card_photo(seed=0):
    image, _ = camera(identity(Marks(checks=TICKED, ink=("nom",))), px_per_mm=3.0, seed=seed)
    return cv2.copyMakeBorder(image, 60, 60, 60, 60, cv2.BORDER_CONSTANT, value=(WALL,) * 3)


def test_a_photo_stored_mirrored_reads_no_card_and_says_why():
    code = scan_image(card_photo(), "carte.jpg").cards[0].code
    reading = scan_image(np.ascontiguousarray(card_photo()[:, ::-1]), "selfie.jpg")
    assert reading.cards == []
    assert [(e.kind, e.code) for e in reading.errors] == [("mirrored", code)]


def test_a_card_beside_its_reflection_is_read_once_from_the_card_itself():
    photo = card_photo()
    reflection = np.clip(photo[:, ::-1].astype(np.float32) * 0.85 + 20, 0, 255).astype(np.uint8)
    for layout in ((reflection, photo), (photo, reflection)):  # the mirror left or right
        reading = scan_image(np.ascontiguousarray(np.hstack(layout)), "miroir.jpg")
        assert len(reading.cards) == 1
        assert [e.kind for e in reading.errors] == ["mirrored"]
        boxes = reading.cards[0].checkboxes
        sure = {n: b.checked for n, b in boxes.items() if b.confidence >= 0.8}
        assert sure and all(checked is (n in TICKED) for n, checked in sure.items())


def test_the_modules_tell_a_mirrored_code_from_a_turned_one():
    gray = cv2.cvtColor(card_photo(), cv2.COLOR_BGR2GRAY)
    for turn in range(4):  # the card any way round on a table: never mirrored
        turned = np.ascontiguousarray(np.rot90(gray, turn))
        (hit,) = read_zxing(turned)
        assert not is_mirrored(turned, hit)
        (hit,) = read_zxing(np.ascontiguousarray(turned[:, ::-1]))
        assert is_mirrored(np.ascontiguousarray(turned[:, ::-1]), hit)
    assert not is_mirrored(gray, CodeHit(hit.text, np.zeros((4, 2))))  # no sample, no verdict
