"""What an uploaded file must be before it is stored: a photo whose content decodes.

The name a browser sends proves nothing (a page renamed ``mur.jpg``, an SVG with a script):
the bytes are decoded here, and only JPEG, PNG and HEIC photos of at most
``scan.thresholds.MAX_MEGAPIXELS`` are kept. The stored name's suffix and the type the file is
served with come from the decoded format, never from the upload.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import PurePath

from PIL import Image, UnidentifiedImageError

from kit.i18n import N_, TranslatableError
from scan.io import register_heif
from scan.thresholds import MAX_MEGAPIXELS

log = logging.getLogger(__name__)

# Pillow format -> (stored suffix, served content type). MPO is what some cameras call a JPEG.
ACCEPTED_FORMATS = {
    "JPEG": (".jpg", "image/jpeg"),
    "MPO": (".jpg", "image/jpeg"),
    "PNG": (".png", "image/png"),
    "HEIF": (".heic", "image/heic"),
}
SERVED_TYPES = {suffix: mimetype for suffix, mimetype in ACCEPTED_FORMATS.values()}
FALLBACK_TYPE = "application/octet-stream"  # files stored before this check: never inline
# JPEG is checked at 1/8 scale: libjpeg still reads every coefficient (a cut file fails) but
# allocates 64x fewer pixels.
JPEG_DRAFT_SCALE = 8


class UploadError(TranslatableError):
    """An upload refused before it is stored; translated by the view."""


@dataclass(frozen=True)
class CheckedPhoto:
    suffix: str
    width: int
    height: int


def served_type(stored_name: str) -> str:
    """The only content type a stored photo is ever served with."""
    suffix = stored_name[stored_name.rfind(".") :].lower() if "." in stored_name else ""
    return SERVED_TYPES.get(suffix, FALLBACK_TYPE)


def download_name(filename: str, stored_name: str) -> str:
    """The sender's name with the stored format's suffix: ``mur.html`` comes back ``mur.jpg``."""
    stem = PurePath(filename).stem or "photo"
    return stem + PurePath(stored_name).suffix


def check_photo(data: bytes, filename: str) -> CheckedPhoto:
    """Decode ``data`` completely; an ``UploadError`` in plain words unless it is a photo."""
    if not data:
        raise UploadError(N_("%(name)s : fichier vide, rien n’a été reçu."), name=filename)
    register_heif()
    try:
        with Image.open(io.BytesIO(data)) as img:
            checked = check_header(img, filename)
            if img.format in ("JPEG", "MPO"):
                img.draft("RGB", (img.width // JPEG_DRAFT_SCALE, img.height // JPEG_DRAFT_SCALE))
            img.load()
    except UploadError:
        raise
    except Image.DecompressionBombError:  # a header announcing far more than our cap
        raise too_many_pixels(filename, None) from None
    except UnidentifiedImageError:
        log.info("upload %r refused: not a decodable image", filename)
        raise not_a_photo(filename) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        log.info("upload %r refused: damaged image (%s)", filename, exc)
        raise UploadError(
            N_("%(name)s : image tronquée ou abîmée (envoi interrompu ?) : renvoyez-la."),
            name=filename,
        ) from None
    return checked


def check_header(img: Image.Image, filename: str) -> CheckedPhoto:
    if img.format not in ACCEPTED_FORMATS:
        log.info("upload %r refused: format %s", filename, img.format)
        raise not_a_photo(filename)
    width, height = img.size
    if width * height > MAX_MEGAPIXELS * 1_000_000:
        raise too_many_pixels(filename, width * height)
    return CheckedPhoto(ACCEPTED_FORMATS[img.format][0], width, height)


def not_a_photo(filename: str) -> UploadError:
    return UploadError(
        N_("%(name)s : ce n’est pas une image lisible (photo JPEG, PNG ou HEIC attendue)."),
        name=filename,
    )


def too_many_pixels(filename: str, pixels: int | None) -> UploadError:
    shown = f"{pixels / 1e6:.0f}" if pixels else "> 100"
    return UploadError(
        N_(
            "%(name)s : image refusée, trop de pixels (%(mp)s Mpx ; au plus "
            "%(limit)s Mpx) : réduisez-la ou reprenez-la en définition normale."
        ),
        name=filename,
        mp=shown,
        limit=f"{MAX_MEGAPIXELS:g}",
    )
