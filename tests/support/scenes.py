"""Scenes on a plane: a wall section with zone posters and clusters of cards, or a table.

A scene is a list of printed items posed on the plane (centre in mm, rotation), in the order
they were stuck (later items lie on top), plus the truth: each card's zone and cluster and what
was written on it. Overlaps are allowed only in a card's outer band, where nothing is read.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from printables.layout import HOME_ZONE, card_type
from tests.support.filling import FillPlan, fill_card
from tests.support.surfaces import render_surface
from tests.support.truth import CardTruth, PhotoTruth
from tests.support.venue import A5_MM, venue_poster

FREE_BAND_MM = 3.5  # a neighbour may cover this much of a card's edge (markers are inset 4 mm)
COLUMN_GAP_MM = (50.0, 90.0)  # between two zone columns
CLUSTER_GAP_MM = (45.0, 80.0)  # between two clusters of one column: clearly apart
IN_CLUSTER_GAP_MM = (-2.0, 6.0)  # cards of one cluster nearly touch, sometimes overlap a little
POSTER_TO_CARDS_MM = (25.0, 50.0)
MISPLACED_PROBABILITY = 0.05  # a card stuck under another zone's poster: its zone is the column's
PLANE_PX_PER_MM = 1.0  # resolution of the overlap bookkeeping


@dataclass(frozen=True)
class Printed:
    """One printed item cut from the rendered kit: raster at ``px_per_mm``, card's own mm frame.

    Frozen, its raster read-only (see ``kitcache``): one kit is shared by every shot of a
    session, so a shot that changed it would change every later shot made with the same seed.
    """
    code: str
    type_key: str
    image: np.ndarray
    px_per_mm: float
    participant: int | None = None
    prefilled: frozenset[str] = frozenset()


@dataclass
class Item:
    image: np.ndarray
    px_per_mm: float
    width_mm: float
    height_mm: float
    cx_mm: float
    cy_mm: float
    angle_deg: float = 0.0
    code: str | None = None


@dataclass
class Scene:
    kind: str  # "wall", "closeup" or "sheet"
    surface: str  # "wall" or "table"
    surface_seed: int
    items: list[Item] = field(default_factory=list)
    truth: PhotoTruth = None  # type: ignore[assignment]

    def background(self, size_px: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
        return render_surface(self.surface, size_px, self.surface_seed)


class Drawer:
    """Hands out printed items by type, each at most once per scene, in a seeded order."""

    def __init__(self, printed: list[Printed], rng: np.random.Generator):
        self._by_type: dict[str, list[Printed]] = {}
        for p in printed:
            self._by_type.setdefault(p.type_key, []).append(p)
        for items in self._by_type.values():
            rng.shuffle(items)

    def take(self, type_key: str) -> Printed | None:
        items = self._by_type.get(type_key, [])
        return items.pop() if items else None


class Plane:
    """Overlap bookkeeping on the plane at PLANE_PX_PER_MM: what may not be covered, what is
    taken."""

    def __init__(self, rect_mm: tuple[float, float, float, float]):
        self.x0, self.y0 = rect_mm[0], rect_mm[1]
        size = (int((rect_mm[3] - rect_mm[1]) * PLANE_PX_PER_MM) + 1,
                int((rect_mm[2] - rect_mm[0]) * PLANE_PX_PER_MM) + 1)
        self.protected = np.zeros(size, np.uint8)
        self.taken = np.zeros(size, np.uint8)

    def _poly(self, item: Item, inset_mm: float) -> np.ndarray:
        pts = item_outline_mm(item, inset_mm)
        return np.round((pts - (self.x0, self.y0)) * PLANE_PX_PER_MM).astype(np.int32)

    def _mask(self, poly: np.ndarray) -> np.ndarray:
        mask = np.zeros_like(self.taken)
        cv2.fillConvexPoly(mask, poly, 1)
        return mask

    def fits(self, item: Item, clearance_mm: float = -FREE_BAND_MM) -> bool:
        """True if ``item`` covers no protected area (clearance > 0: touches nothing at all)."""
        mask = self._mask(self._poly(item, -max(clearance_mm, 0)))
        grid = self.taken if clearance_mm > 0 else self.protected
        return not np.any(mask & grid)

    def add(self, item: Item) -> None:
        self.protected |= self._mask(self._poly(item, FREE_BAND_MM))
        self.taken |= self._mask(self._poly(item, 0))


def item_outline_mm(item: Item, inset_mm: float = 0.0) -> np.ndarray:
    """The item's 4 corners on the plane (mm), clockwise from its own top-left, ``inset_mm``
    inside its edge."""
    w, h = item.width_mm / 2 - inset_mm, item.height_mm / 2 - inset_mm
    a = np.radians(item.angle_deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return np.array([(-w, -h), (w, -h), (w, h), (-w, h)]) @ rot.T + (item.cx_mm, item.cy_mm)


def record_outline(truth: CardTruth, item: Item) -> None:
    truth.outline_mm = [(float(x), float(y)) for x, y in item_outline_mm(item)]


def card_item(printed: Printed, image: np.ndarray, cx: float, cy: float, angle: float) -> Item:
    ct = card_type(printed.type_key)
    return Item(image, printed.px_per_mm, ct.width_mm, ct.height_mm, cx, cy, angle, printed.code)


def place_with_tilt(plane: Plane, item: Item, max_deg: float, rng: np.random.Generator) -> bool:
    """Try a random rotation, then smaller ones, then none; True if placed."""
    angle = float(rng.uniform(-max_deg, max_deg))
    for factor in (1.0, 0.5, 0.25, 0.0):
        item.angle_deg = angle * factor
        if plane.fits(item):
            plane.add(item)
            return True
    return False


def filled(printed: Printed, rng: np.random.Generator, plan: FillPlan | None = None
           ) -> tuple[np.ndarray, CardTruth]:
    return fill_card(printed.image, printed.code, printed.type_key, printed.px_per_mm, rng,
                     plan, printed.prefilled, printed.participant)


def new_truth(name: str, kind: str, px_per_mm: float) -> PhotoTruth:
    return PhotoTruth(name=name, kind=kind, px_per_mm=px_per_mm)


def add_foreign_poster(scene: Scene, plane: Plane, rect, rng: np.random.Generator) -> None:
    """A venue's poster with a URL QR code, somewhere free on the wall (if there is room)."""
    image, url = venue_poster(rng)
    w, h = A5_MM
    for _ in range(60):
        cx = rng.uniform(rect[0] + w / 2 + 10, rect[2] - w / 2 - 10)
        cy = rng.uniform(rect[1] + h / 2 + 10, rect[3] - h / 2 - 10)
        item = Item(
            image, image.shape[1] / w, w, h, float(cx), float(cy), float(rng.uniform(-3, 3))
        )
        if plane.fits(item, clearance_mm=15.0):
            plane.add(item)
            scene.items.append(item)
            scene.truth.foreign_codes.append(url)
            return


def add_foreign_poster_at(scene: Scene, plane: Plane, cx_mm: float, bottom_mm: float,
                          rng: np.random.Generator) -> float:
    """The venue's poster centred on ``cx_mm`` above ``bottom_mm``; returns the free space's
    new bottom (cards of that column stop a cluster gap above the poster)."""
    image, url = venue_poster(rng)
    w, h = A5_MM
    cy = bottom_mm - h / 2 - rng.uniform(0, 15)
    item = Item(image, image.shape[1] / w, w, h, float(cx_mm + rng.uniform(-40, 40)), float(cy),
                float(rng.uniform(-3, 3)))
    plane.add(item)
    scene.items.append(item)
    scene.truth.foreign_codes.append(url)
    return float(cy - h / 2 - CLUSTER_GAP_MM[0])


def column_card_type(zone: str, rng: np.random.Generator) -> str:
    home = {z: t for t, z in HOME_ZONE.items()}[zone]
    if home != "graine" and rng.random() < MISPLACED_PROBABILITY:
        others = [t for t in ("frein", "levier", "ressource", "besoin") if t != home]
        return others[int(rng.integers(len(others)))]
    return home
