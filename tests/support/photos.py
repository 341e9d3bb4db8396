"""Photograph a scene: warp every printed item into a 12-megapixel phone photo, then degrade it.

Each item (card, poster, sheet) is warped on its own, only inside its bounding box, from a copy
pre-shrunk to about twice its size in the photo (so the warp never aliases), over a background
drawn directly in photo pixels. Then the optics and the sensor: defocus and motion blur, uneven
light and a shadow band, a colour cast, sensor noise, JPEG. Seeded and deterministic.
"""
from __future__ import annotations

import copy
from dataclasses import asdict, dataclass

import cv2
import numpy as np

from tests.support.camera import Pose, apply, min_scale, plane_to_photo
from tests.support.scenes import Item, Scene
from tests.support.truth import PhotoTruth

SUPERSAMPLE = 2.0  # source px per photo px before the warp: enough to avoid aliasing
CARD_SHADOW_PX = (2, 6)  # offset of the soft shadow a card stuck on a wall casts
CARD_SHADOW_DARKEN = 0.18


@dataclass(frozen=True)
class Degradation:
    blur_sigma_px: float = 0.0  # defocus, as a Gaussian
    motion_px: float = 0.0  # hand shake: length of a straight motion blur
    motion_deg: float = 0.0
    noise_sigma: float = 0.0  # sensor noise (8-bit levels) at mid-grey
    light_falloff: float = 0.0  # brightness lost towards one side and the corners (0..1)
    light_deg: float = 0.0  # where the light comes from
    shadow_darken: float = 0.0  # a soft shadow band (someone standing in the light), 0 = none
    shadow_offset: float = 0.0  # its position across the photo, -1..1
    shadow_deg: float = 0.0
    exposure: float = 1.0
    cast_bgr: tuple[float, float, float] = (1.0, 1.0, 1.0)  # white balance gone wrong
    jpeg_quality: int = 90

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Photo:
    image: np.ndarray  # BGR uint8, decoded from the JPEG the phone would have written
    jpeg: bytes
    truth: PhotoTruth


def item_to_plane(item: Item) -> np.ndarray:
    """Homography from the item's raster px to plane mm (rotation about the item's centre)."""
    a = np.radians(item.angle_deg)
    s = 1.0 / item.px_per_mm
    rot = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    to_centre = np.array([[s, 0, -item.width_mm / 2], [0, s, -item.height_mm / 2], [0, 0, 1]])
    back = np.array([[1, 0, item.cx_mm], [0, 1, item.cy_mm], [0, 0, 1]])
    return back @ rot @ to_centre


def outline_mm(item: Item) -> np.ndarray:
    """The item's 4 corners on the plane, clockwise from its own top-left."""
    w, h = item.image.shape[1], item.image.shape[0]
    return apply(item_to_plane(item), [(0, 0), (w, 0), (w, h), (0, h)])


def shrink_for_photo(item: Item, h_plane: np.ndarray) -> tuple[np.ndarray, float]:
    """The item's raster pre-shrunk (INTER_AREA) to ~SUPERSAMPLE x its largest size in the photo."""
    centre = [(item.cx_mm, item.cy_mm)]
    jac_scale = float(min_scale(h_plane, centre)[0]) * 1.6  # the largest stretch is below this
    wanted = jac_scale * SUPERSAMPLE
    if wanted >= item.px_per_mm:
        return item.image, item.px_per_mm
    f = wanted / item.px_per_mm
    small = cv2.resize(item.image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    return small, item.px_per_mm * small.shape[1] / item.image.shape[1]


def paste_item(photo: np.ndarray, item: Item, h_plane: np.ndarray, shadow: bool) -> None:
    image, px_per_mm = shrink_for_photo(item, h_plane)
    scaled = Item(image, px_per_mm, item.width_mm, item.height_mm, item.cx_mm, item.cy_mm,
                  item.angle_deg)
    h_item = h_plane @ item_to_plane(scaled)
    hh, ww = image.shape[:2]
    corners = apply(h_item, [(0, 0), (ww, 0), (ww, hh), (0, hh)])
    pad = CARD_SHADOW_PX[1] + 4
    x0, y0 = np.maximum(np.floor(corners.min(axis=0)).astype(int) - pad, 0)
    x1, y1 = np.minimum(np.ceil(corners.max(axis=0)).astype(int) + pad,
                        (photo.shape[1], photo.shape[0]))
    if x1 <= x0 or y1 <= y0:
        return
    local = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], float) @ h_item
    size = (int(x1 - x0), int(y1 - y0))
    warped = cv2.warpPerspective(image, local, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((hh, ww), 255, np.uint8), local, size,
                               flags=cv2.INTER_LINEAR).astype(np.float32) / 255
    roi = photo[y0:y1, x0:x1].astype(np.float32)
    if shadow:
        shift = np.float32([[1, 0, CARD_SHADOW_PX[0]], [0, 1, CARD_SHADOW_PX[1]]])
        soft = cv2.GaussianBlur(cv2.warpAffine(mask, shift, size), (0, 0), 3)
        roi *= (1 - CARD_SHADOW_DARKEN * soft)[..., None]
    mask = mask[..., None]
    photo[y0:y1, x0:x1] = (warped * mask + roi * (1 - mask)).round().astype(np.uint8)


def light_field(size_px: tuple[int, int], d: Degradation) -> np.ndarray:
    """Brightness multiplier per pixel (float32), computed at 1/8 scale then resized."""
    w, h = size_px[0] // 8, size_px[1] // 8
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    u, v = xx / w - 0.5, yy / h - 0.5
    a = np.radians(d.light_deg)
    along = u * np.cos(a) + v * np.sin(a)  # -0.7..0.7 across the photo
    vignette = (u * u + v * v) * 0.6
    light = d.exposure * (1 - d.light_falloff * (0.5 + along) - d.light_falloff * vignette)
    if d.shadow_darken > 0:
        s = np.radians(d.shadow_deg)
        across = u * np.cos(s) + v * np.sin(s) - d.shadow_offset * 0.4
        band = 1 / (1 + np.exp(-(0.08 - np.abs(across)) / 0.02))  # soft edges, ~16 % wide
        light *= 1 - d.shadow_darken * band
    return cv2.resize(light.astype(np.float32), size_px, interpolation=cv2.INTER_LINEAR)


def motion_kernel(length_px: float, angle_deg: float) -> np.ndarray:
    n = int(np.ceil(length_px)) | 1
    k = np.zeros((n, n), np.float32)
    c = n // 2
    dx, dy = (
        np.cos(np.radians(angle_deg)) * length_px / 2,
        np.sin(np.radians(angle_deg)) * length_px / 2,
    )
    cv2.line(k, (int(round(c - dx)), int(round(c - dy))), (int(round(c + dx)), int(round(c + dy))),
             1.0, 1, cv2.LINE_AA)
    return k / k.sum()


def degrade(photo: np.ndarray, d: Degradation, rng: np.random.Generator) -> np.ndarray:
    """Optics, light and sensor, in the order a phone applies them."""
    img = photo
    if d.blur_sigma_px > 0:
        img = cv2.GaussianBlur(img, (0, 0), d.blur_sigma_px)
    if d.motion_px >= 1:
        img = cv2.filter2D(img, -1, motion_kernel(d.motion_px, d.motion_deg))
    light = light_field((img.shape[1], img.shape[0]), d)
    out = img.astype(np.float32)
    out *= light[..., None]
    out *= np.asarray(d.cast_bgr, np.float32)
    if d.noise_sigma > 0:
        # shot noise grows with brightness; a small floor stands for read noise
        noise = rng.standard_normal(out.shape[:2], dtype=np.float32)
        out += (noise * d.noise_sigma * np.sqrt(np.clip(out.mean(axis=2), 8, 255) / 128))[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def encode_jpeg(img: np.ndarray, quality: int) -> tuple[bytes, np.ndarray]:
    ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return data.tobytes(), cv2.imdecode(data, cv2.IMREAD_COLOR)


def photograph(scene: Scene, pose: Pose, degradation: Degradation, seed: int) -> Photo:
    """The JPEG a phone at ``pose`` would take of ``scene``, and the truth with card corners."""
    rng = np.random.default_rng(seed)
    h_plane = plane_to_photo(pose)
    photo = scene.background(pose.size_px, rng)
    for item in scene.items:
        paste_item(photo, item, h_plane, shadow=scene.kind == "wall")
    photo = degrade(photo, degradation, rng)
    jpeg, decoded = encode_jpeg(photo, degradation.jpeg_quality)
    truth = copy.deepcopy(scene.truth)  # one scene may be photographed several times
    for item in scene.items:
        if item.code in truth.cards:
            corners = apply(h_plane, outline_mm(item))
            truth.cards[item.code].corners_px = [tuple(map(float, p)) for p in corners]
    truth.camera = {"pose": pose.to_dict(), "degradation": degradation.to_dict(), "seed": seed}
    return Photo(decoded, jpeg, truth)
