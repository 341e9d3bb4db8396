"""Crude synthetic cards and wall photos for the scan/ unit tests, drawn from the layout spec.

Not the real printer (printables/cards.py) nor the full photo simulator (tests/support/photos.py):
just enough ink in the right millimetres, drawn with OpenCV, to exercise each scan stage on a
known truth. Every item is warped straight into the photo with its own homography, so the
true corner pixels of every card are known exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import qrcode

from printables.layout import CARD_TYPES, LAYOUT_VERSION, Box, CardType, card_type
from printables.payload import CardCode, encode, spec_of
from tests.support.marks import vote_spots

PAPER_BGR = (245, 245, 245)
INK_BGR = (20, 20, 20)
PEN_BGR = (140, 60, 20)  # a blue biro
STICKER_BGR = {"rouge": (40, 40, 220), "vert": (60, 170, 60), "bleu": (200, 90, 30),
               "jaune": (40, 220, 240), "noir": (30, 30, 30)}


def make_code(
    type_key: str, serial: int, workshop: str = "MOB26", version: str = LAYOUT_VERSION
) -> str:
    """A card's code issued with layout ``version`` (its card is then drawn with those boxes)."""
    return encode(CardCode(workshop, serial, card_type(type_key, version).letter, version))


def qr_matrix(text: str) -> np.ndarray:
    qr = qrcode.QRCode(version=None, error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(text)
    qr.make(fit=True)
    return np.array(qr.get_matrix(), dtype=bool)


def mm_to_px(box: Box, px_per_mm: float) -> tuple[int, int, int, int]:
    return (round(box.x_mm * px_per_mm), round(box.y_mm * px_per_mm),
            round(box.right_mm * px_per_mm), round(box.bottom_mm * px_per_mm))


def draw_qr(img: np.ndarray, text: str, box: Box, px_per_mm: float) -> None:
    matrix = qr_matrix(text)
    x0, y0, x1, y1 = mm_to_px(box, px_per_mm)
    modules = cv2.resize(np.where(matrix, 0, 255).astype(np.uint8), (x1 - x0, y1 - y0),
                         interpolation=cv2.INTER_NEAREST)
    img[y0:y1, x0:x1] = modules[..., None]


@dataclass
class Marks:
    """What a participant wrote on one card."""
    checks: dict[str, str] = field(default_factory=dict)  # field -> tick|cross|fill|scribble|dot
    # field -> (target, colour|pen)
    votes: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    ink: tuple[str, ...] = ()  # text fields holding handwriting
    hide_markers: tuple[int, ...] = ()  # corner markers torn off or covered


def render_card(
    type_key: str, code: str, px_per_mm: float = 8.0, marks: Marks | None = None
) -> np.ndarray:
    card = spec_of(code)  # the boxes of the layout the code names
    assert card.key == type_key, (code, type_key)
    marks = marks or Marks()
    w, h = round(card.width_mm * px_per_mm), round(card.height_mm * px_per_mm)
    img = np.full((h, w, 3), PAPER_BGR, np.uint8)
    line = max(1, round(0.3 * px_per_mm))
    cv2.putText(img, card.title, (round(12 * px_per_mm), round(13 * px_per_mm)),
                cv2.FONT_HERSHEY_SIMPLEX, 0.12 * px_per_mm, INK_BGR, max(1, round(0.5 * px_per_mm)))
    for i, marker in enumerate(card.markers):
        if i not in marks.hide_markers:
            x0, y0, x1, y1 = mm_to_px(marker, px_per_mm)
            img[y0:y1, x0:x1] = INK_BGR
    draw_qr(img, code, card.qr, px_per_mm)
    cv2.putText(
        img,
        code,
        (round(card.qr.x_mm * px_per_mm), round(card.code_text_baseline_mm * px_per_mm)),
        cv2.FONT_HERSHEY_SIMPLEX,
        0.035 * px_per_mm,
        INK_BGR,
        1,
    )
    for f in card.fields:
        draw_field(img, f, px_per_mm, line)
    draw_marks(img, card, marks, px_per_mm)
    return img


def draw_field(img: np.ndarray, f, px_per_mm: float, line: int) -> None:
    x0, y0, x1, y1 = mm_to_px(f.box, px_per_mm)
    if f.kind == "votes":
        if not f.targets:  # layout 2: a plain area, its thin outline
            cv2.rectangle(img, (x0, y0), (x1 - 1, y1 - 1), INK_BGR, line)
        for t in f.targets:
            cx, cy = t.center_mm
            cv2.circle(img, (round(cx * px_per_mm), round(cy * px_per_mm)),
                       round(t.w_mm / 2 * px_per_mm), INK_BGR, line, cv2.LINE_AA)
    else:
        cv2.rectangle(img, (x0, y0), (x1 - 1, y1 - 1), INK_BGR, line)
    if f.kind != "checkbox":
        cv2.putText(img, f.label[:30], (x0, y0 - round(1 * px_per_mm)), cv2.FONT_HERSHEY_SIMPLEX,
                    0.025 * px_per_mm, INK_BGR, 1)


def draw_marks(img: np.ndarray, card: CardType, marks: Marks, px_per_mm: float) -> None:
    pen = max(1, round(0.6 * px_per_mm))
    for name, style in marks.checks.items():
        draw_check(img, card.field(name).box, style, px_per_mm, pen)
    for name, dots in marks.votes.items():
        targets = vote_spots(card.field(name))  # printed circles, or places on a plain area
        for index, colour in dots:
            cx, cy = targets[index].center_mm
            centre = (round(cx * px_per_mm), round(cy * px_per_mm))
            if colour == "pen":
                cv2.drawMarker(
                    img, centre, PEN_BGR, cv2.MARKER_TILTED_CROSS, round(6 * px_per_mm), pen
                )
            else:
                cv2.circle(
                    img, centre, round(4.1 * px_per_mm), STICKER_BGR[colour], -1, cv2.LINE_AA
                )
    for name in marks.ink:
        x0, y0, x1, y1 = mm_to_px(card.field(name).box, px_per_mm)
        cv2.putText(
            img,
            "Navette Briancon",
            (x0 + round(2 * px_per_mm), y0 + (y1 - y0) * 2 // 3),
            cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
            0.2 * px_per_mm,
            PEN_BGR,
            max(1, round(0.4 * px_per_mm)),
        )


def draw_check(img: np.ndarray, box: Box, style: str, px_per_mm: float, pen: int) -> None:
    def p(x_mm: float, y_mm: float) -> tuple[int, int]:
        return round((box.x_mm + x_mm) * px_per_mm), round((box.y_mm + y_mm) * px_per_mm)
    if style == "tick":
        cv2.polylines(img, [np.array([p(1, 2.8), p(2.1, 4.1), p(4.2, 0.8)])], False, PEN_BGR, pen)
    elif style == "cross":
        cv2.line(img, p(0.9, 0.9), p(4.1, 4.1), PEN_BGR, pen)
        cv2.line(img, p(4.1, 0.9), p(0.9, 4.1), PEN_BGR, pen)
    elif style == "fill":
        cv2.rectangle(img, p(0.4, 0.4), p(4.6, 4.6), PEN_BGR, -1)
    elif style == "scribble":
        # zigzags past the box's left and right edges: the printed way to cancel an answer
        pts = [p(-1.0 + 7.0 * (i % 2), 0.8 + 0.4 * i) for i in range(9)]
        cv2.polylines(img, [np.array(pts)], False, PEN_BGR, pen)
    elif style == "dot":  # a stray pen touch: too small to be an answer
        cv2.circle(img, p(2.5, 2.5), max(1, round(0.25 * px_per_mm)), PEN_BGR, -1)


@dataclass
class Placed:
    """One item stuck on the wall: its image, its size in mm and its pose on the wall."""
    image: np.ndarray
    width_mm: float
    height_mm: float
    x_mm: float
    y_mm: float
    angle_deg: float = 0.0  # rotation about the item's centre, 180 = upside down


def item_to_wall(item: Placed) -> np.ndarray:
    """Homography from the item's own mm to wall mm."""
    a = np.deg2rad(item.angle_deg)
    cx, cy = item.width_mm / 2, item.height_mm / 2
    rot = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    to_centre = np.array([[1, 0, -cx], [0, 1, -cy], [0, 0, 1]])
    back = np.array([[1, 0, item.x_mm + cx], [0, 1, item.y_mm + cy], [0, 0, 1]])
    return back @ rot @ to_centre


def wall_to_photo(wall_w_mm: float, wall_h_mm: float, px_per_mm: float, tilt_deg: float = 0.0,
                  margin_px: float = 40.0) -> tuple[np.ndarray, tuple[int, int]]:
    """A homography from wall mm to photo px, seen from the side by ``tilt_deg`` (about y)."""
    src = np.float32([[0, 0], [wall_w_mm, 0], [wall_w_mm, wall_h_mm], [0, wall_h_mm]])
    w_px, h_px = wall_w_mm * px_per_mm, wall_h_mm * px_per_mm
    shrink = np.sin(np.deg2rad(tilt_deg)) * 0.5  # the far edge looks shorter
    dst = np.float32([[0, 0], [w_px * np.cos(np.deg2rad(tilt_deg)), h_px * shrink / 2],
                      [w_px * np.cos(np.deg2rad(tilt_deg)), h_px * (1 - shrink / 2)], [0, h_px]])
    dst += margin_px
    size = (int(dst[:, 0].max() + margin_px), int(dst[:, 1].max() + margin_px))
    return cv2.getPerspectiveTransform(src, dst), size


def paste(photo: np.ndarray, item: Placed, h_item_px_to_photo: np.ndarray) -> None:
    """Warp ``item.image`` into ``photo`` only inside its bounding box (fast on big photos)."""
    h, w = item.image.shape[:2]
    corners = cv2.perspectiveTransform(
        np.float32([[[0, 0], [w, 0], [w, h], [0, h]]]), h_item_px_to_photo
    )[0]
    x0, y0 = np.maximum(np.floor(corners.min(0)).astype(int), 0)
    x1, y1 = np.minimum(np.ceil(corners.max(0)).astype(int) + 1, (photo.shape[1], photo.shape[0]))
    shift = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], float)
    local = shift @ h_item_px_to_photo
    size = (int(x1 - x0), int(y1 - y0))
    warped = cv2.warpPerspective(item.image, local, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), local, size, flags=cv2.INTER_LINEAR)
    roi = photo[y0:y1, x0:x1]
    alpha = (mask.astype(np.float32) / 255)[..., None]
    roi[:] = (warped * alpha + roi * (1 - alpha)).astype(np.uint8)


@dataclass
class WallPhoto:
    image: np.ndarray
    corners_px: dict[int, np.ndarray]  # item index -> its 4 outline corners in the photo, TL first


def photograph(items: list[Placed], wall_w_mm: float, wall_h_mm: float, px_per_mm: float,
               tilt_deg: float = 0.0, blur_px: float = 0.0, noise: float = 0.0,
               wall_bgr: tuple[int, int, int] = (150, 160, 170), jpeg_quality: int | None = None,
               seed: int = 0) -> WallPhoto:
    h_wall, size = wall_to_photo(wall_w_mm, wall_h_mm, px_per_mm, tilt_deg)
    photo = np.full((size[1], size[0], 3), wall_bgr, np.uint8)
    corners = {}
    for i, item in enumerate(items):
        item_px_per_mm = item.image.shape[1] / item.width_mm
        scale = np.diag([1 / item_px_per_mm, 1 / item_px_per_mm, 1.0])
        h_item = h_wall @ item_to_wall(item) @ scale
        paste(photo, item, h_item)
        outline = np.float32(
            [[[0, 0], [item.width_mm, 0], [item.width_mm, item.height_mm], [0, item.height_mm]]]
        )
        corners[i] = cv2.perspectiveTransform(outline, h_wall @ item_to_wall(item))[0]
    photo = degrade(photo, blur_px, noise, jpeg_quality, seed)
    return WallPhoto(photo, corners)


def degrade(
    photo: np.ndarray, blur_px: float, noise: float, jpeg_quality: int | None, seed: int
) -> np.ndarray:
    if blur_px > 0:
        photo = cv2.GaussianBlur(photo, (0, 0), blur_px)
    if noise > 0:
        rng = np.random.default_rng(seed)
        photo = np.clip(photo + rng.normal(0, noise, photo.shape), 0, 255).astype(np.uint8)
    if jpeg_quality:
        ok, data = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        photo = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return photo


def placed_card(type_key: str, code: str, x_mm: float, y_mm: float, angle_deg: float = 0.0,
                marks: Marks | None = None, px_per_mm: float = 6.0) -> Placed:
    card = CARD_TYPES[type_key]
    return Placed(render_card(type_key, code, px_per_mm, marks), card.width_mm, card.height_mm,
                  x_mm, y_mm, angle_deg)


def grid_wall(
    n_cards: int, columns: int = 6, px_per_mm: float = 6.0
) -> tuple[list[Placed], list[str], float, float]:
    """Posters on top, ``n_cards`` small cards in columns under them: the 1.5 m wall of issue 3."""
    zones = ("freins", "leviers", "ressources", "besoins")
    items, codes = [], []
    for z, zone in enumerate(zones[:max(1, min(len(zones), columns // 2 + 1))]):
        key = f"poster_{zone}"
        code = make_code(key, 90000 + z)
        card = CARD_TYPES[key]
        items.append(
            Placed(render_card(key, code, 3.0), card.width_mm, card.height_mm, 20 + z * 370, 10)
        )
        codes.append(code)
    kinds = ("frein", "levier", "besoin", "ressource", "contact")
    for i in range(n_cards):
        col, row = i % columns, i // columns
        key = kinds[(col * len(kinds)) // columns]
        code = make_code(key, 100 + i)
        items.append(
            placed_card(
                key,
                code,
                20 + col * 245,
                240 + row * 112,
                angle_deg=(i % 5 - 2) * 2.0,
                px_per_mm=px_per_mm,
            )
        )
        codes.append(code)
    wall_w = 20 + columns * 245
    wall_h = 240 + ((n_cards + columns - 1) // columns) * 112 + 20
    return items, codes, wall_w, wall_h
