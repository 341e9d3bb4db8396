"""A second, independent family of phone photos of the kit (issue 8 point 7).

Made apart from the first generator (``shots.py``, ``staging.py``, ``photos.py``), with its own
choices: real photographed textures as walls and tables (``textures.py``), a camera given by a
random plane-to-photo homography instead of a pinhole, cards on pastel paper, paper that curls
(a mesh warp that lifts one edge off the wall, with its shading), cards cut by the frame edge,
cards stuck over their neighbours, tape and a hand over corners, marks as people make them
(``people_marks.py``), motion blur or soft focus at 2.0-2.7 px/mm and JPEG 55-95. Only the printed
kit itself is shared with the first family: it is the real print.

The truth is recorded with each photo, from what was drawn: per card whether it must be found
(wholly in frame, its code uncovered), its scale, and per box and vote strip what was put there
or that it is hidden (out of frame, under another card, tape or a hand): a hidden box has no
right answer, only a wrong confident one.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field

import cv2
import numpy as np

from printables.layout import Box, card_type
from printables.payload import spec_of
from tests.support.people_marks import (
    CHECK_MARKS,
    PENS_BGR,
    mark_box,
    pen_votes,
    place_stickers,
)
from tests.support.scenes import Printed
from tests.support.textures import surface

PHOTO_PX = (4000, 3000)
PASTELS_BGR = {
    "white": (250, 250, 250),
    "yellow": (170, 240, 250),
    "pink": (215, 200, 250),
    "blue": (245, 225, 195),
    "green": (200, 240, 205),
    "salmon": (180, 205, 250),
    "lilac": (240, 205, 220),
}
HANDWRITING_FONTS = (
    cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
    cv2.FONT_HERSHEY_SCRIPT_COMPLEX,
    cv2.FONT_HERSHEY_PLAIN,
)
WORDS = (
    "covoiturage",
    "vélo",
    "navette",
    "Briançon",
    "horaires",
    "bus",
    "train",
    "école",
    "marché",
    "Névache",
    "pistes",
    "stop",
    "tiers-lieu",
    "Guillestre",
    "autopartage",
)


@dataclass
class CardTruth2:
    code: str
    type_key: str
    must_find: bool  # wholly in frame and its code uncovered
    px_per_mm: float  # at the card's centre, in the photo
    boxes: dict[str, str] = field(default_factory=dict)  # checked / empty / cancelled
    marks: dict[str, str] = field(default_factory=dict)  # the mark drawn (people_marks.CHECK_MARKS)
    votes: dict[str, int] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)  # boxes and strips out of frame or covered
    vote_marks: dict[str, list[str] | str] = field(default_factory=dict)
    paper: str = "white"
    curl_mm: float = 0.0
    corners_px: list[list[float]] = field(default_factory=list)


@dataclass
class PhotoTruth2:
    name: str
    seed: int
    px_per_mm: float
    cards: dict[str, CardTruth2] = field(default_factory=dict)
    conditions: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class FieldPhoto:
    image: np.ndarray  # BGR, decoded from the JPEG
    jpeg: bytes
    truth: PhotoTruth2


@dataclass(frozen=True)
class Recipe:
    """What one photo shows and how it is taken; every draw comes from ``seed``."""

    seed: int
    cards: int = 10  # 0: a bare wall or table
    px_per_mm: tuple[float, float] = (2.0, 2.7)
    blur: str = "random"  # none, motion, soft or random
    motion_px: tuple[float, float] = (2.5, 6.0)  # length of a motion blur, px (drawn in it)
    soft_px: tuple[float, float] = (0.8, 1.8)  # sigma of a soft focus, px (drawn in it)
    size_px: tuple[int, int] = PHOTO_PX
    table: bool = False  # cards lying any way round on a table
    # how often each condition strikes a card (the round-trip tests force one at a time)
    pastel: float = 0.5
    curl: float = 0.35
    overlap: float = 0.2
    occluder: float = 0.25
    stickers: float = 0.7  # else pen votes
    marks: tuple[str, ...] = tuple(CHECK_MARKS)
    jpeg: tuple[int, int] = (55, 95)
    cut: float = 0.3  # share of photos whose block of cards runs past the frame's edges
    types: tuple[
        str, ...
    ] = ()  # only these card types (all small cards and identity cards if empty)
    frame_cut: bool = False  # the first column of cards straddles the photo's left edge


def uniform(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(rng.uniform(lo, hi))


def block_start(rng: np.random.Generator, span: float, block: float, overhang: float) -> float:
    """Where a block of cards ``block`` mm long starts in a frame ``span`` mm long (centred on
    0): inside it, or past its edges by up to ``overhang`` mm; centred when it cannot fit."""
    lo, hi = -span / 2 - overhang, span / 2 - block + overhang
    return uniform(rng, lo, hi) if hi > lo else -block / 2


def camera(
    rng: np.random.Generator,
    px_per_mm: float,
    size_px: tuple[int, int],
    roll_deg: float,
) -> np.ndarray:
    """Plane mm (origin at the photo's centre) to photo px: scale, roll, then a projective tilt."""
    a = np.radians(roll_deg)
    s = px_per_mm
    h = np.array(
        [
            [s * np.cos(a), -s * np.sin(a), 0],
            [s * np.sin(a), s * np.cos(a), 0],
            [0, 0, 1],
        ]
    )
    tilt = np.eye(3)
    tilt[2, 0], tilt[2, 1] = rng.uniform(-2.2e-4, 2.2e-4, 2)  # up to ~25 % foreshortening across
    centre = np.array([[1, 0, size_px[0] / 2], [0, 1, size_px[1] / 2], [0, 0, 1]])
    return centre @ tilt @ h


def project(h: np.ndarray, points) -> np.ndarray:
    pts = np.asarray(points, np.float64).reshape(-1, 2)
    q = np.column_stack([pts, np.ones(len(pts))]) @ h.T
    return q[:, :2] / q[:, 2:3]


def card_pose(cx: float, cy: float, angle_deg: float) -> np.ndarray:
    """Card mm -> plane mm."""
    a = np.radians(angle_deg)
    return np.array([[np.cos(a), -np.sin(a), cx], [np.sin(a), np.cos(a), cy], [0, 0, 1]])


def tinted(raster: np.ndarray, paper: str) -> np.ndarray:
    colour = np.asarray(PASTELS_BGR[paper], np.float32) / 255
    return (raster.astype(np.float32) * colour[None, None, :]).round().astype(np.uint8)


def curled(
    raster: np.ndarray, px_per_mm: float, lift_mm: float, rng: np.random.Generator
) -> np.ndarray:
    """One edge lifting off the wall: seen from an angle, the paper there shifts (a smooth mesh
    warp growing with the square of the distance into the curl) and turns away from the light."""
    h, w = raster.shape[:2]
    edge = int(rng.integers(4))  # which edge lifts: bottom, right, top, left
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    depth = {0: yy / h, 1: xx / w, 2: 1 - yy / h, 3: 1 - xx / w}[edge]
    start = uniform(rng, 0.45, 0.7)
    t = np.clip((depth - start) / (1 - start), 0, 1) ** 2
    direction = rng.uniform(-1, 1, 2)
    direction /= max(float(np.linalg.norm(direction)), 1e-6)
    shift = lift_mm * px_per_mm * t
    map_x = xx - shift * float(direction[0])
    map_y = yy - shift * float(direction[1])
    out = cv2.remap(raster, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    shade = 1 - uniform(rng, 0.05, 0.22) * t
    return (out.astype(np.float32) * shade[..., None]).round().astype(np.uint8)


def write_words(card: np.ndarray, ct, px_per_mm: float, rng: np.random.Generator, pen) -> None:
    for f in ct.fields_of_kind("text", "email", "phone", "number"):
        if rng.random() < 0.6:
            words = " ".join(rng.choice(WORDS, size=int(rng.integers(1, 4))))
            font = HANDWRITING_FONTS[int(rng.integers(len(HANDWRITING_FONTS)))]
            scale = f.box.h_mm * px_per_mm / 60 if f.box.h_mm < 10 else 4.5 * px_per_mm / 30
            org = (
                int((f.box.x_mm + 1.5) * px_per_mm),
                int((f.box.y_mm + min(f.box.h_mm - 1, 6)) * px_per_mm),
            )
            cv2.putText(
                card,
                words,
                org,
                font,
                max(scale, 0.4),
                pen,
                max(1, int(0.4 * px_per_mm)),
                cv2.LINE_AA,
            )


def fill(
    printed: Printed, rng: np.random.Generator, truth: CardTruth2, recipe: Recipe
) -> np.ndarray:
    """Write, tick and vote on a copy of the printed card; record it in ``truth``."""
    ct = spec_of(printed.code)  # the boxes of the layout it was printed with
    card = printed.image.copy()
    s = printed.px_per_mm
    pen = PENS_BGR[int(rng.integers(len(PENS_BGR)))]
    write_words(card, ct, s, rng, pen)
    marks = list(recipe.marks)
    for f in ct.fields_of_kind("checkbox"):
        mark = marks[int(rng.integers(len(marks)))] if rng.random() < 0.6 else "empty"
        mark_box(card, f.box, mark, s, rng, pen)
        truth.marks[f.name] = mark
        truth.boxes[f.name] = CHECK_MARKS[mark]
    for f in ct.fields_of_kind("votes"):
        count = int(rng.integers(0, 7))
        if rng.random() < recipe.stickers:
            truth.vote_marks[f.name] = place_stickers(card, f, count, s, rng)
        else:
            count = min(count, len(getattr(f, "targets", ()) or range(8)))
            truth.vote_marks[f.name] = pen_votes(card, f, count, s, rng, pen)
        truth.votes[f.name] = count
    return card


def paste(photo: np.ndarray, image: np.ndarray, to_photo: np.ndarray) -> np.ndarray | None:
    """Warp ``image`` (its px -> photo px by ``to_photo``) into ``photo``; the covered polygon."""
    hh, ww = image.shape[:2]
    corners = project(to_photo, [(0, 0), (ww, 0), (ww, hh), (0, hh)])
    x0, y0 = np.maximum(np.floor(corners.min(axis=0)).astype(int) - 2, 0)
    x1, y1 = np.minimum(
        np.ceil(corners.max(axis=0)).astype(int) + 2, (photo.shape[1], photo.shape[0])
    )
    if x1 <= x0 or y1 <= y0:
        return None
    local = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], float) @ to_photo
    size = (int(x1 - x0), int(y1 - y0))
    warped = cv2.warpPerspective(image, local, size, flags=cv2.INTER_LINEAR)
    mask = (
        cv2.warpPerspective(np.full((hh, ww), 255, np.uint8), local, size).astype(np.float32)[
            ..., None
        ]
        / 255
    )
    roi = photo[y0:y1, x0:x1].astype(np.float32)
    shadow = cv2.GaussianBlur(np.roll(mask[..., 0], (3, 2), (0, 1)), (0, 0), 2.5)[..., None]
    roi *= 1 - 0.2 * shadow * (1 - mask)
    photo[y0:y1, x0:x1] = (warped * mask + roi * (1 - mask)).round().astype(np.uint8)
    return corners


def shrink(printed: Printed, image: np.ndarray, px_per_mm: float) -> tuple[np.ndarray, float]:
    """Pre-shrink the card raster to ~2x its size in the photo (the warp then never aliases)."""
    wanted = min(printed.px_per_mm, 2.2 * px_per_mm)
    f = wanted / printed.px_per_mm
    if f >= 1:
        return image, printed.px_per_mm
    small = cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    return small, printed.px_per_mm * small.shape[1] / image.shape[1]


def occluder(
    rng: np.random.Generator, corner_px: np.ndarray, px_per_mm: float
) -> tuple[str, np.ndarray]:
    """Tape or a hand over a card corner: its polygon in photo px."""
    if rng.random() < 0.6:
        length, width = (
            uniform(rng, 35, 60) * px_per_mm,
            uniform(rng, 15, 20) * px_per_mm,
        )
        a = rng.uniform(0, np.pi)
        d, n = np.array([np.cos(a), np.sin(a)]), np.array([-np.sin(a), np.cos(a)])
        c = corner_px + rng.uniform(-4, 4, 2) * px_per_mm
        poly = np.array(
            [
                c - d * length / 2 - n * width / 2,
                c + d * length / 2 - n * width / 2,
                c + d * length / 2 + n * width / 2,
                c - d * length / 2 + n * width / 2,
            ]
        )
        return "tape", poly
    r = uniform(rng, 30, 45) * px_per_mm
    t = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    c = corner_px + rng.uniform(-0.4, 0.4, 2) * r
    poly = np.stack([c[0] + r * np.cos(t) * uniform(rng, 0.7, 1.0), c[1] + r * np.sin(t)], 1)
    return "hand", poly


def draw_occluder(photo: np.ndarray, kind: str, poly: np.ndarray, rng: np.random.Generator) -> None:
    mask = np.zeros(photo.shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(poly).astype(np.int32)], 255, cv2.LINE_AA)
    x, y, w, h = cv2.boundingRect(np.round(poly).astype(np.int32))
    x0, y0 = max(x, 0), max(y, 0)
    x1, y1 = min(x + w, photo.shape[1]), min(y + h, photo.shape[0])
    if x1 <= x0 or y1 <= y0:
        return
    a = mask[y0:y1, x0:x1].astype(np.float32)[..., None] / 255
    roi = photo[y0:y1, x0:x1].astype(np.float32)
    if kind == "tape":  # matt tape: lets the print through, greyer and yellower
        over = roi * 0.55 + np.array([150, 190, 200], np.float32) * 0.45
        a = a * 0.9
    else:
        skin = np.array([120, 150, 205], np.float32) * uniform(rng, 0.7, 1.1)
        over = np.broadcast_to(skin, roi.shape).astype(np.float32)
    photo[y0:y1, x0:x1] = (over * a + roi * (1 - a)).round().astype(np.uint8)


def polygon_hits(poly_a: np.ndarray, poly_b: np.ndarray) -> bool:
    area, _ = cv2.intersectConvexConvex(poly_a.astype(np.float32), poly_b.astype(np.float32))
    return area > 0.5


def inside_frame(points: np.ndarray, size_px: tuple[int, int], margin: float = 2.0) -> bool:
    return bool(
        np.all(
            (points[:, 0] >= margin)
            & (points[:, 0] <= size_px[0] - margin)
            & (points[:, 1] >= margin)
            & (points[:, 1] <= size_px[1] - margin)
        )
    )


def box_poly(h: np.ndarray, box: Box, grow_mm: float = 0.0) -> np.ndarray:
    b = box.grown(grow_mm) if grow_mm else box
    return project(
        h,
        [
            (b.x_mm, b.y_mm),
            (b.right_mm, b.y_mm),
            (b.right_mm, b.bottom_mm),
            (b.x_mm, b.bottom_mm),
        ],
    )


def cover_polys(h: np.ndarray, ct) -> list[np.ndarray]:
    """A card's outline (convex) in photo px, for what it hides of the cards under it."""
    return [box_poly(h, ct.outline)]


def degrade(
    photo: np.ndarray,
    rng: np.random.Generator,
    blur: str,
    motion_px: tuple[float, float] = (2.5, 6.0),
    soft_px: tuple[float, float] = (0.8, 1.8),
) -> dict:
    """Optics and sensor in place; returns what was done. ``motion_px`` and ``soft_px``: the
    ranges a motion blur's length and a soft focus's sigma are drawn in (same draws whatever
    the range: a recipe keeps its photo when they are left as they are)."""
    if blur == "random":
        blur = ("none", "motion", "soft", "soft")[int(rng.integers(4))]
    done: dict = {"blur": blur}
    if blur == "soft":
        sigma = uniform(rng, *soft_px)
        photo[:] = cv2.GaussianBlur(photo, (0, 0), sigma)
        done["sigma_px"] = round(sigma, 2)
    elif blur == "motion":
        length, angle = uniform(rng, *motion_px), uniform(rng, 0, 180)
        n = int(np.ceil(length)) | 1
        k = np.zeros((n * 4, n * 4), np.float32)
        c = n * 2
        d = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))]) * length * 2
        cv2.line(
            k,
            tuple(np.round(c - d).astype(int)),
            tuple(np.round(c + d).astype(int)),
            1.0,
            2,
            cv2.LINE_AA,
        )
        k = cv2.resize(k, (n, n), interpolation=cv2.INTER_AREA)
        photo[:] = cv2.filter2D(photo, -1, k / k.sum())
        done.update(motion_px=round(length, 2), motion_deg=round(angle, 1))
    else:
        photo[:] = cv2.GaussianBlur(photo, (0, 0), 0.5)
    gain = rng.uniform(0.85, 1.1, 3) * uniform(rng, 0.75, 1.05)  # white balance and exposure
    noise = uniform(rng, 1.5, 6.0)
    out = photo.astype(np.float32) * gain[None, None, :]
    out += rng.standard_normal(photo.shape[:2]).astype(np.float32)[..., None] * noise
    photo[:] = np.clip(out, 0, 255).astype(np.uint8)
    done.update(gain=[round(float(g), 3) for g in gain], noise=round(noise, 2))
    return done


def take(printed: list[Printed], recipe: Recipe, name: str | None = None) -> FieldPhoto:
    """The photo of ``recipe``: a textured wall (or table) with cards, and its truth."""
    rng = np.random.default_rng(recipe.seed)
    size = recipe.size_px
    px_per_mm = uniform(rng, *recipe.px_per_mm)
    name = name or f"field-{recipe.seed}.jpg"
    photo, wall = surface(size, rng, fine=recipe.cards == 0)
    h_plane = camera(rng, px_per_mm, size, uniform(rng, -6, 6))
    truth = PhotoTruth2(name, recipe.seed, round(px_per_mm, 3), conditions={"surface": wall})
    plane_w, plane_h = size[0] / px_per_mm, size[1] / px_per_mm
    cards = [
        p
        for p in printed
        if not card_type(p.type_key).is_poster
        and p.type_key != "graine"
        and (not recipe.types or p.type_key in recipe.types)
    ]
    order = rng.permutation(len(cards))[: recipe.cards]
    placed: list[tuple[CardTruth2, np.ndarray, object]] = []  # truth, card mm -> photo, type
    covers: list[np.ndarray] = []  # later layers, photo px polygons, in stacking order
    pitch_x, pitch_y = (
        uniform(rng, 205, 260),
        uniform(rng, 150, 200),
    )  # card size and a gap
    cols = max(1, min(int(plane_w // pitch_x) + 1, int(np.ceil(np.sqrt(recipe.cards * 1.4)))))
    rows = max(1, int(np.ceil(recipe.cards / cols)))
    # the block of cards lies in the frame, or (share ``recipe.cut``) runs past its edges
    cut = recipe.frame_cut or rng.random() < recipe.cut
    x_start = block_start(rng, plane_w, cols * pitch_x, 0.3 * pitch_x if cut else -8.0)
    y_start = block_start(rng, plane_h, rows * pitch_y, 0.3 * pitch_y if cut else -8.0)
    if recipe.frame_cut:
        x_start = -plane_w / 2 - 0.45 * pitch_x
    for k, idx in enumerate(order):
        p = cards[int(idx)]
        ct = spec_of(p.code)
        r, c = divmod(k, cols)
        cx = x_start + (c + 0.5) * pitch_x + uniform(rng, -12, 12)
        cy = y_start + (r + 0.5) * pitch_y + uniform(rng, -10, 10)
        if (
            k % cols and rng.random() < recipe.overlap
        ):  # stuck over its left neighbour, hiding part of it
            cx -= uniform(rng, 40, 110)
        angle = uniform(rng, 0, 360) if recipe.table else uniform(rng, -9, 9)
        to_plane = card_pose(cx, cy, angle) @ np.array(
            [[1, 0, -ct.width_mm / 2], [0, 1, -ct.height_mm / 2], [0, 0, 1]]
        )
        to_photo = h_plane @ to_plane
        local = local_scale(to_photo, ct.outline.center_mm)
        t = CardTruth2(p.code, p.type_key, True, round(local, 3))
        card = fill(p, rng, t, recipe)
        pastels = [c for c in PASTELS_BGR if c != "white"]
        t.paper = (
            pastels[int(rng.integers(len(pastels)))] if rng.random() < recipe.pastel else "white"
        )
        card = tinted(card, t.paper)
        if rng.random() < recipe.curl:
            t.curl_mm = round(uniform(rng, 1.5, 5.0), 2)
            card = curled(card, p.px_per_mm, t.curl_mm, rng)
        small, small_px_per_mm = shrink(p, card, local)
        img_to_mm = np.array([[1 / small_px_per_mm, 0, 0], [0, 1 / small_px_per_mm, 0], [0, 0, 1]])
        corners = paste(photo, small, to_photo @ img_to_mm)
        if corners is None:
            continue
        t.corners_px = [[round(float(x), 1), round(float(y), 1)] for x, y in corners]
        placed.append((t, to_photo, ct))
        covers.append(cover_polys(to_photo, ct)[0])
    occluders: list[tuple[str, np.ndarray]] = []
    for _, to_photo, ct in placed:
        if rng.random() < recipe.occluder:
            corner = project(
                to_photo,
                [
                    [
                        (ct.width_mm, 0),
                        (ct.width_mm, ct.height_mm),
                        (0, ct.height_mm),
                        (0, 0),
                    ][int(rng.integers(4))]
                ],
            )[0]
            kind, poly = occluder(rng, corner, px_per_mm)
            draw_occluder(photo, kind, poly, rng)
            occluders.append((kind, poly))
    truth.conditions["occluders"] = [k for k, _ in occluders]
    truth.conditions.update(degrade(photo, rng, recipe.blur, recipe.motion_px, recipe.soft_px))
    quality = int(rng.integers(recipe.jpeg[0], recipe.jpeg[1] + 1))
    truth.conditions["jpeg_quality"] = quality
    for i, (t, to_photo, ct) in enumerate(placed):
        above = [covers[j] for j in range(i + 1, len(covers))] + [
            ensure_convex(p) for _, p in occluders
        ]
        outline = box_poly(to_photo, ct.outline)
        qr_zone = box_poly(to_photo, ct.qr, 6.0)
        t.must_find = inside_frame(outline, size) and not any(
            polygon_hits(qr_zone, a) for a in above
        )
        for f in ct.fields_of_kind("checkbox"):
            poly = box_poly(to_photo, f.box, 1.0)
            if not inside_frame(poly, size, 6.0) or any(polygon_hits(poly, a) for a in above):
                t.hidden.append(f.name)
        for f in ct.fields_of_kind("votes"):
            poly = box_poly(to_photo, f.box, 2.0)
            if not inside_frame(poly, size, 6.0) or any(polygon_hits(poly, a) for a in above):
                t.hidden.append(f.name)
        truth.cards[t.code] = t
    ok, data = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    decoded = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return FieldPhoto(decoded, data.tobytes(), copy.deepcopy(truth))


def local_scale(h: np.ndarray, point) -> float:
    """px per mm at ``point``: the square root of the area a 1 mm square takes in the photo."""
    x, y = point
    square = project(h, [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)])
    return float(np.sqrt(abs(cv2.contourArea(square.astype(np.float32)))))


def ensure_convex(poly: np.ndarray) -> np.ndarray:
    return cv2.convexHull(poly.astype(np.float32)).reshape(-1, 2)
