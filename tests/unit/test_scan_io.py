"""scan.io: the only file I/O of the scanner: formats, EXIF orientation, size caps, bad files."""
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scan import io


@pytest.fixture
def make_photo(tmp_path):
    """Factory: write a small photo whose left half is red, in the given format."""

    def make(
        name: str = "photo.png", size=(60, 40), exif_orientation: int | None = None, **save
    ) -> Path:
        rgb = np.zeros((size[1], size[0], 3), np.uint8)
        rgb[:, : size[0] // 2] = (255, 0, 0)
        img = Image.fromarray(rgb)
        if exif_orientation is not None:
            exif = Image.Exif()
            exif[0x0112] = exif_orientation
            save["exif"] = exif
        path = tmp_path / name
        img.save(path, **save)
        return path
    return make


def test_load_photo_png_is_bgr(make_photo):
    image = io.load_photo(make_photo("a.png"))
    assert image.shape == (40, 60, 3)
    assert tuple(image[0, 0]) == (0, 0, 255)  # red, in OpenCV's BGR order
    assert tuple(image[0, -1]) == (0, 0, 0)


def test_load_photo_jpeg_exif_rotation_applied(make_photo):
    # orientation 6: the camera was turned, the viewer must rotate 90 degrees clockwise
    image = io.load_photo(make_photo("r.jpg", exif_orientation=6, quality=95))
    assert image.shape == (60, 40, 3)
    # the red left half is now on top
    assert image[:25, :, 2].min() > 200 and image[35:, :, 2].max() < 60


def test_load_photo_heic_round_trip(tmp_path):
    io.register_heif()
    path = tmp_path / "p.heic"
    rgb = np.full((32, 48, 3), (0, 0, 255), np.uint8)
    try:
        Image.fromarray(rgb).save(path)
    except (KeyError, OSError, ValueError) as exc:  # an encoder-less libheif build
        pytest.skip(f"HEIC encoder unavailable here: {exc}")
    image = io.load_photo(path)
    assert image.shape == (32, 48, 3) and image[..., 0].mean() > 200


def test_load_photo_not_an_image_names_file(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("pas une image")
    with pytest.raises(io.PhotoError, match="notes.jpg.*pas une image lisible"):
        io.load_photo(path)


def test_load_photo_truncated_names_file(make_photo):
    path = make_photo("cut.jpg", size=(400, 300), quality=90)
    path.write_bytes(path.read_bytes()[:1500])
    with pytest.raises(io.PhotoError, match="cut.jpg.*tronquée"):
        io.load_photo(path)


def test_load_photo_missing_file(tmp_path):
    with pytest.raises(io.PhotoError, match="absent.png.*introuvable"):
        io.load_photo(tmp_path / "absent.png")


def test_load_photo_over_cap_refused_before_decoding(make_photo):
    path = make_photo("big.png", size=(2000, 1000))
    with pytest.raises(io.PhotoError, match="big.png.*dépasse 1 Mpx"):
        io.load_photo(path, max_megapixels=1)


def test_load_photo_decompression_bomb_refused(make_photo, monkeypatch):
    path = make_photo("bomb.png", size=(300, 300))
    # the guard is Pillow's own (warning and error thresholds); a tiny guard makes it fire
    # 90 000 px > twice the guard: Pillow's error
    monkeypatch.setattr(io, "BOMB_GUARD_PIXELS", 40_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(io.PhotoError, match="bomb.png.*trop de pixels"):
            io.load_photo(path, max_megapixels=1)
    # between the guard and twice it: a warning
    monkeypatch.setattr(io, "BOMB_GUARD_PIXELS", 60_000)
    with pytest.raises(io.PhotoError, match="bomb.png.*trop de pixels"):
        io.load_photo(path, max_megapixels=1)
    assert Image.MAX_IMAGE_PIXELS != 60_000  # Pillow's global limit is restored for other code


def test_list_photos_expands_folders_sorted(tmp_path, make_photo):
    (tmp_path / "sub").mkdir()
    b, a = make_photo("b.png"), make_photo("a.JPG")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "sub" / "c.png").write_bytes(b.read_bytes())
    assert io.list_photos([tmp_path]) == [a, b, tmp_path / "sub" / "c.png"]
    # named: tried, reported
    assert io.list_photos([tmp_path / "notes.txt"]) == [tmp_path / "notes.txt"]


def test_read_manifest_rejects_wrong_shape(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text('{"cards": []}')
    with pytest.raises(io.PhotoError, match="manifest.json.*items"):
        io.read_manifest(path)
