"""What a stored photo keeps of its file's metadata: the pixels, their orientation, nothing else.

Phones write where and when a photo was taken (GPS), the device and its serial number into the
file. None of it is needed to read the cards, and a wall photo taken from someone's garden
should not say where they live: the original is stored without it, from the moment it arrives.

JPEG and PNG are cleaned losslessly (the compressed image data is copied byte for byte; only
metadata segments or chunks are dropped) and keep a minimal EXIF block holding the orientation
alone, so the photo is still shown and read upright. HEIC keeps its metadata inside nested
boxes: it is re-encoded as a JPEG (quality 95) with the orientation applied to the pixels.
"""
from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageOps

EXIF_ORIENTATION = 0x0112
HEIC_JPEG_QUALITY = 95  # a re-encoded HEIC: no visible loss on a card's handwriting
# JPEG markers: APP0 (JFIF) and APP14 (Adobe colour transform) say how to decode the pixels,
# APP2 holds the ICC profile; every other APPn (EXIF, XMP, IPTC, maker notes) and COM goes.
JPEG_KEPT_APPS = {0xE0, 0xE2, 0xEE}
JPEG_SOS, JPEG_COM = 0xDA, 0xFE
# PNG chunks that describe the pixels; text, time and EXIF chunks go.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
            b"sBIT", b"pHYs", b"acTL", b"fcTL", b"fdAT"}


def orientation_of(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as img:
        value = img.getexif().get(EXIF_ORIENTATION, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def orientation_exif(orientation: int) -> bytes:
    """An EXIF block (``Exif\\0\\0`` + TIFF) with the orientation tag only."""
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    return exif.tobytes()


def strip_jpeg(data: bytes) -> bytes:
    orientation = orientation_of(data)
    out = bytearray(data[:2])  # SOI
    if orientation != 1:
        block = orientation_exif(orientation)
        out += b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == JPEG_SOS:
            break  # the entropy-coded image and what follows are copied as they are
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        segment = data[pos:pos + 2 + length]
        is_app = 0xE0 <= marker <= 0xEF
        if not (is_app and marker not in JPEG_KEPT_APPS) and marker != JPEG_COM:
            out += segment
        pos += 2 + length
    return bytes(out + data[pos:])


def strip_png(data: bytes) -> bytes:
    orientation = orientation_of(data)
    out = bytearray(PNG_SIGNATURE)
    pos = len(PNG_SIGNATURE)
    while pos + 12 <= len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        chunk = data[pos:pos + 12 + length]
        if kind == b"IDAT" and orientation != 1 and b"eXIf" not in out:
            out += png_chunk(b"eXIf", orientation_exif(orientation)[6:])  # TIFF only
        if kind in PNG_KEPT:
            out += chunk
        pos += 12 + length
        if kind == b"IEND":
            break
    return bytes(out)


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def reencode_upright_jpeg(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        upright = ImageOps.exif_transpose(img).convert("RGB")
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=HEIC_JPEG_QUALITY)  # no exif= : nothing is carried over
    return out.getvalue()


def strip_metadata(data: bytes, suffix: str) -> tuple[bytes, str]:
    """The bytes to store for a checked photo of stored ``suffix``, and the suffix they have."""
    if suffix == ".jpg":
        return strip_jpeg(data), ".jpg"
    if suffix == ".png":
        return strip_png(data), ".png"
    return reencode_upright_jpeg(data), ".jpg"
