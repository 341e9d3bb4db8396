"""The QR matrix: the same symbol as the qrcode library would make, and decodable."""
from __future__ import annotations

import numpy as np
import pytest
import qrcode
import zxingcpp
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import lost_point

from printables.payload import CardCode, encode
from printables.qr import QrCapacityError, candidates, penalties, qr_matrix

TEXTS = [encode(CardCode(w, s, t)) for w, s, t in
         [("MOB26", 1, "F"), ("AB", 0, "I"), ("ZZZZZZZZ", 99999, "G"), ("QUEYRAS", 4242, "B"),
          ("ECRINS", 17, "3"), ("GB2026", 30303, "C")]]


def reference(text: str, mask: int | None = None) -> qrcode.QRCode:
    code = qrcode.QRCode(version=1, error_correction=ERROR_CORRECT_M, border=0, mask_pattern=mask)
    code.add_data(text)
    code.make(fit=False)
    return code


@pytest.mark.parametrize("text", TEXTS)
def test_qr_matrix_equals_qrcode_best_mask(text):
    assert np.array_equal(qr_matrix(text), np.array(reference(text).modules, dtype=bool))


@pytest.mark.parametrize("text", TEXTS[:3])
def test_qr_candidates_equal_qrcode_for_every_mask(text):
    final, scored = candidates(text)
    for mask in range(8):
        code = reference(text, mask)
        assert np.array_equal(final[mask], np.array(code.modules, dtype=bool)), mask
        code.makeImpl(True, mask)
        assert penalties(scored[mask:mask + 1])[0] == lost_point(code.modules), mask


@pytest.mark.parametrize("text", TEXTS)
def test_qr_matrix_decodes_back(text):
    modules = np.pad(qr_matrix(text), 4)  # the quiet zone
    image = np.where(np.kron(modules, np.ones((4, 4), dtype=bool)), 0, 255).astype(np.uint8)
    decoded = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [d.text for d in decoded] == [text]


def test_qr_matrix_too_long_for_version_1_refused():
    with pytest.raises(QrCapacityError, match="version-1"):
        qr_matrix("AK1-" + "X" * 30)
