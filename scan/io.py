"""The scanner's only file I/O: reading photos (EXIF orientation, size caps), writing outputs.

Every failure to read a photo becomes a ``PhotoError`` whose message names the file, so a
batch can record it and go on with the next photo.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from scan.thresholds import BOMB_GUARD_PIXELS, MAX_MEGAPIXELS

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp", ".tif", ".tiff")
_heif_registered = False


class PhotoError(Exception):
    """A photo that cannot be read; the message names the file and says why (in French)."""


def register_heif() -> None:
    """Let Pillow open HEIC/HEIF photos (iPhones); done once, on first use, not at import."""
    global _heif_registered
    if not _heif_registered:
        from pillow_heif import register_heif_opener
        register_heif_opener()
        _heif_registered = True


def list_photos(paths: list[Path]) -> list[Path]:
    """Files given by name are kept as they are; folders give their photos, sorted by name."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.suffix.lower() in PHOTO_SUFFIXES and p.is_file()
            )
        else:
            found.append(path)
    return found


def load_photo(path: Path, max_megapixels: float = MAX_MEGAPIXELS) -> np.ndarray:
    """Decode a photo to a BGR uint8 array, upright as the phone meant it."""
    register_heif()
    previous_limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, BOMB_GUARD_PIXELS
    try:
        return decode_photo(path, max_megapixels)
    finally:
        Image.MAX_IMAGE_PIXELS = previous_limit  # the limit is process-wide: leave others theirs


def decode_photo(path: Path, max_megapixels: float) -> np.ndarray:
    try:
        with warnings.catch_warnings():
            # Pillow only *warns* between its limit and twice it: make that a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                check_size(path, img.size, max_megapixels)
                img.load()
                upright = ImageOps.exif_transpose(img)
                rgb = np.asarray(upright.convert("RGB"))
    except PhotoError:
        raise
    except FileNotFoundError:
        raise PhotoError(f"{path} : fichier introuvable") from None
    except UnidentifiedImageError:
        raise PhotoError(
            f"{path} : ce n'est pas une image lisible (JPEG, PNG ou HEIC attendu)"
        ) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(
            f"{path} : image refusée, trop de pixels (plus de {max_megapixels:g} Mpx)"
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoError(f"{path} : image tronquée ou abîmée ({exc})") from None
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def check_size(path: Path, size: tuple[int, int], max_megapixels: float) -> None:
    width, height = size
    if width * height > max_megapixels * 1_000_000:
        raise PhotoError(
            f"{path} : image refusée, {width} × {height} px dépasse {max_megapixels:g} Mpx"
        )


def save_png(path: Path, image: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    ok, data = cv2.imencode(".png", image)
    if not ok:
        raise OSError(f"cannot encode {path} as PNG")
    path.write_bytes(data.tobytes())


def save_jpeg(path: Path, image: np.ndarray, quality: int = 85) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise OSError(f"cannot encode {path} as JPEG")
    path.write_bytes(data.tobytes())


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_manifest(path: Path) -> dict:
    """The kit printer's manifest.json; a clear error naming the file when it is not usable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PhotoError(f"{path} : manifeste illisible ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise PhotoError(f"{path} : manifeste sans liste « items »")
    return data
