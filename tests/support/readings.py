"""Single cards with random marks, seen by a random camera: the cases that measure how often a
confident checkbox or vote reading is wrong (``benchmarks.bench_readings``, the calibration test).

Independent of the wall generator's staging: each case is one identity or need card with
checkboxes ticked, crossed, ticked small with a thin light pen, filled (yes), scribbled out past
the outline (cancelled), stray marks; vote strips with dot stickers of 8, 12 and 19 mm aimed badly
(between circles, partly off the strip, overlapping), pen dots of 2-5 mm, pen ticks, crosses, bars
and tally groups. Then pastel paper, a shadow, a colour cast, a rotation, a fit that is off by up
to a millimetre, paper curl, blur, noise and JPEG; sometimes the frame cuts the card or another
card covers part of it (the truth is kept: those readings must be unsure, never confidently wrong).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from printables.layout import CARD_TYPES, LAYOUT_VERSION, Box, CardType, card_type
from tests.support.handwriting import INK_COLOURS_BGR, draw_strokes
from tests.support.marks import (
    STICKER_COLOURS_BGR,
    mark_checkbox,
    pen_vote,
    stray_mark,
    vote_spots,
)
from tests.support.scan_cards import make_code, render_card

SHARP_PX_PER_MM = 10.0
PASTELS_BGR = (
    (245, 245, 245),
    (205, 185, 250),
    (190, 240, 250),
    (240, 215, 190),
    (200, 240, 200),
    (225, 225, 245),
)
LIGHT_PEN_BGR = (200, 140, 90)
STICKER_SIZES_MM = (8.0, 12.0, 19.0)
PEN_STRIP_SHARE = 0.2
CHECK_CHOICES = ("empty", "empty", "empty", "stray", "tick", "cross", "small", "fill", "scribble")


@dataclass
class Case:
    image: np.ndarray
    homography: np.ndarray  # card mm -> photo px, as the scanner's fit would give (maybe off)
    type_key: str
    checks: dict[str, bool] = field(default_factory=dict)
    votes: dict[str, int] = field(default_factory=dict)
    styles: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    layout_version: str = LAYOUT_VERSION  # the layout the card was printed with

    @property
    def spec(self) -> CardType:
        return card_type(self.type_key, self.layout_version)


def small_tick(card: np.ndarray, box: Box, rng: np.random.Generator) -> None:
    size = rng.uniform(2.0, 3.0) * SHARP_PX_PER_MM
    cx, cy = np.array(box.center_mm) * SHARP_PX_PER_MM + rng.uniform(-4, 4, 2)
    points = np.array(
        [
            (cx - 0.5 * size, cy),
            (cx - 0.15 * size, cy + 0.4 * size),
            (cx + 0.5 * size, cy - 0.5 * size),
        ]
    )
    colour = LIGHT_PEN_BGR if rng.random() < 0.5 else INK_COLOURS_BGR[int(rng.integers(4))]
    draw_strokes(card, [points], rng.uniform(0.25, 0.4) * SHARP_PX_PER_MM, colour)


def mark_checks(card: np.ndarray, type_key: str, rng: np.random.Generator, case: Case) -> None:
    ink = INK_COLOURS_BGR[int(rng.integers(len(INK_COLOURS_BGR)))]
    for f in CARD_TYPES[type_key].fields_of_kind("checkbox"):
        style = str(rng.choice(CHECK_CHOICES))
        if style == "small":
            small_tick(card, f.box, rng)
        elif style == "stray":
            stray_mark(card, f.box, SHARP_PX_PER_MM, rng)
        elif style != "empty":
            mark_checkbox(card, f.box, style, SHARP_PX_PER_MM, rng, ink)
        case.checks[f.name] = style in ("tick", "cross", "small", "fill")  # the convention
        case.styles[f.name] = style


def disc(card: np.ndarray, centre_mm, diameter_mm: float, bgr) -> None:
    cx, cy = np.asarray(centre_mm) * SHARP_PX_PER_MM
    cv2.circle(
        card,
        (round(cx), round(cy)),
        round(diameter_mm / 2 * SHARP_PX_PER_MM),
        tuple(int(c) for c in bgr),
        -1,
        cv2.LINE_AA,
    )


def free_spot(
    strip: Box, radius_mm: float, placed: list, rng: np.random.Generator, overlap: float
) -> np.ndarray | None:
    """A centre on the strip for an object of ``radius_mm`` that overlaps earlier ones at most by
    ``overlap`` of the radii (stickers) or not at all (pen marks)."""
    for _ in range(40):
        centre = np.array(
            [
                rng.uniform(strip.x_mm + 2, strip.right_mm - 2),
                rng.uniform(strip.y_mm + 2, strip.bottom_mm - 2),
            ]
        )
        if all(
            np.linalg.norm(centre - c) >= (radius_mm + r) * (1 - overlap) + (0 if overlap else 1.5)
            for c, r in placed
        ):
            return centre
    return None


def mark_votes(card: np.ndarray, rng: np.random.Generator, case: Case) -> None:
    strip = case.spec.field("votes")
    placed: list[tuple[np.ndarray, float]] = []
    wanted, count, kinds = int(rng.integers(0, 9)), 0, []
    ink = INK_COLOURS_BGR[int(rng.integers(len(INK_COLOURS_BGR)))]
    # a workshop votes with stickers; one strip in five is voted with a pen instead
    menu = (
        ("pen_dot", "pen_mark", "tally")
        if rng.random() < PEN_STRIP_SHARE
        else ("sticker", "target")
    )
    for _ in range(wanted):
        kind = str(rng.choice(menu))
        kinds.append(kind)
        if kind in ("sticker", "target"):
            size = float(rng.choice(STICKER_SIZES_MM))
            colour = list(STICKER_COLOURS_BGR.values())[int(rng.integers(4))]
            if kind == "target":  # aimed at a printed circle (a place, layout 2), not exactly
                spots = vote_spots(strip)
                target = spots[int(rng.integers(len(spots)))]
                centre = np.array(target.center_mm) + rng.uniform(-1.5, 1.5, 2)
                if any(np.linalg.norm(centre - c) < (size / 2 + r) * 0.7 for c, r in placed):
                    continue
            else:
                centre = free_spot(strip.box, size / 2, placed, rng, overlap=0.25)
                if centre is None:
                    continue
            disc(card, centre, size, np.asarray(colour) + rng.uniform(-15, 15, 3))
            placed.append((centre, size / 2))
            count += 1
        elif kind == "pen_dot":
            size = rng.uniform(2.0, 5.0)
            centre = free_spot(strip.box, size / 2, placed, rng, overlap=0.0)
            if centre is None:
                continue
            disc(card, centre, size, ink)
            placed.append((centre, size / 2))
            count += 1
        elif kind == "pen_mark":
            centre = free_spot(strip.box, 3.5, placed, rng, overlap=0.0)
            if centre is None:
                continue
            style = str(rng.choice(("cross", "tick", "bar")))
            pen_vote(
                card, Box(centre[0] - 4, centre[1] - 4, 8, 8), style, SHARP_PX_PER_MM, rng, ink
            )
            placed.append((centre, 4.5))
            count += 1
        else:  # a few tally bars side by side, 3 mm apart
            bars = int(rng.integers(2, 5))
            centre = free_spot(strip.box, 1.5 * bars + 1, placed, rng, overlap=0.0)
            if centre is None:
                continue
            for k in range(bars):
                x = centre[0] + (k - (bars - 1) / 2) * 3.0
                line = (
                    np.array([(x, centre[1] - 3.0), (x + 0.4, centre[1] + 3.0)]) * SHARP_PX_PER_MM
                )
                draw_strokes(card, [line], rng.uniform(0.4, 0.7) * SHARP_PX_PER_MM, ink)
            placed.append((centre, 1.5 * bars + 1))
            count += bars
    case.votes["votes"] = count
    case.styles["votes"] = " ".join(sorted(set(kinds)))


def light(card: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Pastel paper, a shadow ramp in a random direction, a colour cast."""
    out = card.astype(np.float32) * (
        np.asarray(PASTELS_BGR[int(rng.integers(len(PASTELS_BGR)))]) / 245
    )
    h, w = out.shape[:2]
    angle = rng.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ramp = np.cos(angle) * xx / w + np.sin(angle) * yy / h
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    out *= (1.0 - rng.uniform(0.0, 0.45) * ramp)[..., None]
    out *= rng.uniform(0.85, 1.1, 3)
    return np.clip(out, 0, 255).astype(np.uint8)


def curl(card: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    h, w = card.shape[:2]
    lift = rng.uniform(0.5, 1.8) * SHARP_PX_PER_MM
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    depth = np.clip((ys / h - 0.6) / 0.4, 0, 1) ** 1.5
    return cv2.remap(card, xs, ys - lift * depth, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def cover(card: np.ndarray, rng: np.random.Generator) -> None:
    """Another card's corner over this one, with its shadow."""
    h, w = card.shape[:2]
    x = int(rng.uniform(0.55, 0.9) * w)
    card[:, x:] = (250, 250, 250)
    card[:, max(0, x - 8) : x] = (120, 120, 120)


def photograph(
    card: np.ndarray, rng: np.random.Generator, cut: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The card on a wall, rotated, seen at 2.7-5 px/mm; returns the photo and card mm -> px."""
    px_per_mm = rng.uniform(2.7, 5.0)
    angle = np.deg2rad(rng.uniform(-20, 20))
    h_card, w_card = card.shape[0] / SHARP_PX_PER_MM, card.shape[1] / SHARP_PX_PER_MM
    margin = 25.0
    size_mm = np.hypot(w_card, h_card) + 2 * margin
    size_px = int(size_mm * px_per_mm)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    centre = np.array([w_card / 2, h_card / 2])
    h = np.eye(3)
    h[:2, :2] = rot * px_per_mm
    h[:2, 2] = size_px / 2 - rot @ centre * px_per_mm
    sharp_to_photo = h @ np.diag([1 / SHARP_PX_PER_MM, 1 / SHARP_PX_PER_MM, 1])
    wall = np.full((size_px, size_px, 3), rng.integers(60, 200, 3), np.uint8)
    photo = cv2.warpPerspective(
        card,
        sharp_to_photo,
        (size_px, size_px),
        dst=wall,
        flags=cv2.INTER_AREA,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.4, 1.0))
    photo = np.clip(photo + rng.normal(0, rng.uniform(2, 6), photo.shape), 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 96))])
    photo = cv2.imdecode(data, cv2.IMREAD_COLOR)
    if cut:  # the photo's edge runs through the card
        keep = int(size_px * rng.uniform(0.45, 0.7))
        photo = np.ascontiguousarray(photo[:, :keep])
    off = rng.uniform(-1.0, 1.0, 2) * px_per_mm  # the scanner's fit is never exact
    fit = np.array([[1, 0, off[0]], [0, 1, off[1]], [0, 0, 1.0]]) @ h
    return photo, fit


def make_case(seed: int, layout_version: str = LAYOUT_VERSION) -> Case:
    """Case ``seed`` printed with layout ``layout_version`` (the same marks on either layout)."""
    rng = np.random.default_rng(seed)
    type_key = "identite" if seed % 2 == 0 else "besoin"
    code = make_code(type_key, 100 + seed % 900, version=layout_version)
    card = render_card(type_key, code, SHARP_PX_PER_MM)
    case = Case(card, np.eye(3), type_key, layout_version=layout_version)
    mark_checks(card, type_key, rng, case)
    if type_key == "besoin":
        mark_votes(card, rng, case)
    tags = []
    card = light(card, rng)
    if rng.random() < 0.25:
        card, tags = curl(card, rng), tags + ["curl"]
    if rng.random() < 0.1:
        cover(card, rng)
        tags.append("cover")
    cut = rng.random() < 0.1
    case.image, case.homography = photograph(card, rng, cut)
    case.tags = tuple(tags + (["cut"] if cut else []))
    return case
