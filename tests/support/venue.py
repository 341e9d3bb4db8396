"""Somebody else's QR code on the wall: a venue's A5 poster pointing at its web site.

The scanner must ignore it as a card and report it as a foreign code.
"""
from __future__ import annotations

import numpy as np
import qrcode
from PIL import Image, ImageDraw, ImageFont

VENUE_URLS = ("https://www.mediatheque-briancon.fr/agenda", "https://www.ville-embrun.fr/salles",
              "https://www.guillestrois-queyras.fr/wifi")
A5_MM = (148.0, 210.0)
MODULE_MM = 2.2  # a poster meant to be scanned from a metre away
TITLE_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def venue_poster(rng: np.random.Generator, px_per_mm: float = 6.0) -> tuple[np.ndarray, str]:
    """An A5 portrait poster (BGR raster at ``px_per_mm``) with a URL QR code, and that URL."""
    url = VENUE_URLS[int(rng.integers(len(VENUE_URLS)))]
    w, h = int(A5_MM[0] * px_per_mm), int(A5_MM[1] * px_per_mm)
    image = Image.new("RGB", (w, h), (250, 250, 246))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(TITLE_FONT, int(9 * px_per_mm))
    draw.text(
        (int(10 * px_per_mm), int(12 * px_per_mm)), "Programme", font=font, fill=(30, 60, 120)
    )
    draw.text(
        (int(10 * px_per_mm), int(26 * px_per_mm)), "de la salle", font=font, fill=(30, 60, 120)
    )
    matrix = qr_matrix(url)
    module_px = MODULE_MM * px_per_mm
    side = matrix.shape[0] * module_px
    x0, y0 = (w - side) / 2, h - side - 25 * px_per_mm
    for r, c in zip(*np.nonzero(matrix)):
        draw.rectangle((x0 + c * module_px, y0 + r * module_px,
                        x0 + (c + 1) * module_px - 1, y0 + (r + 1) * module_px - 1), fill=(0, 0, 0))
    return np.asarray(image)[..., ::-1].copy(), url


def qr_matrix(text: str) -> np.ndarray:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)
