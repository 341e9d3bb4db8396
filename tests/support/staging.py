"""Stage the scenes volunteers photograph: a wall section, cards on a table, a group sheet.

Each function fills the printed items it uses (fresh ink for every scene), poses them inside
``rect_mm`` (the part of the plane the camera sees well, from ``camera.usable_rect_mm``) and
records the truth: codes, zones, clusters, checkboxes, votes, ink.
"""
from __future__ import annotations

import numpy as np

from printables.layout import POSTER_H_MM, POSTER_W_MM, SMALL_H_MM, SMALL_W_MM, ZONES, card_type
from tests.support.clusters import split_clusters
from tests.support.filling import FillPlan
from tests.support.scenes import (
    CLUSTER_GAP_MM,
    COLUMN_GAP_MM,
    IN_CLUSTER_GAP_MM,
    POSTER_TO_CARDS_MM,
    Drawer,
    Item,
    Plane,
    Printed,
    Scene,
    add_foreign_poster,
    add_foreign_poster_at,
    card_item,
    column_card_type,
    filled,
    new_truth,
    place_with_tilt,
    record_outline,
)
from tests.support.venue import A5_MM

WALL_MARGIN_MM = 15.0
CLUSTER_SIZES = (2, 3, 4, 5)
TABLE_TYPES = ("identite", "frein", "levier", "ressource", "besoin", "contact")
TABLE_CLEARANCE_MM = 8.0  # cards laid out on a table for a close-up do not touch


class WallBuilder:
    """Posters in a row along the top of the section, clusters of cards in a column under each."""

    def __init__(self, scene: Scene, plane: Plane, drawer: Drawer, rng: np.random.Generator,
                 max_tilt_deg: float):
        self.scene, self.plane, self.drawer, self.rng = scene, plane, drawer, rng
        self.max_tilt_deg = max_tilt_deg
        self.next_cluster = 1

    def poster(self, zone: str, col_x: float, top: float) -> bool:
        printed = self.drawer.take(f"poster_{zone}")
        if printed is None:
            return False
        cx = col_x + POSTER_W_MM / 2 + self.rng.uniform(-5, 5)
        item = Item(printed.image, printed.px_per_mm, POSTER_W_MM, POSTER_H_MM, float(cx),
                    top + POSTER_H_MM / 2, float(self.rng.uniform(-1.5, 1.5)), printed.code)
        if not place_with_tilt(self.plane, item, 1.5, self.rng):
            return False
        self.scene.items.append(item)
        self.scene.truth.posters[printed.code] = zone
        return True

    def card(self, type_key: str, cx: float, cy: float, zone: str, cluster: int) -> bool:
        printed = self.drawer.take(type_key)
        if printed is None:
            return False
        image, truth = filled(printed, self.rng)
        item = card_item(printed, image, cx, cy, 0.0)
        if not place_with_tilt(self.plane, item, self.max_tilt_deg, self.rng):
            return False
        truth.zone, truth.cluster = zone, cluster
        record_outline(truth, item)
        self.scene.items.append(item)
        self.scene.truth.cards[printed.code] = truth
        return True

    def cluster(self, zone: str, col_x: float, y: float, n: int, gap_mm: float) -> int:
        """Stick ``n`` small cards two by two from (col_x, y); return how many were placed."""
        pair_w = 2 * SMALL_W_MM + gap_mm
        left = col_x + (POSTER_W_MM - pair_w) / 2 + self.rng.uniform(-6, 6)
        cid, placed = self.next_cluster, 0
        self.next_cluster += 1
        for k in range(n):
            row, side = divmod(k, 2)
            cx = left + side * (SMALL_W_MM + gap_mm) + SMALL_W_MM / 2 + self.rng.uniform(-1, 1)
            cy = y + row * (SMALL_H_MM + gap_mm) + SMALL_H_MM / 2 + self.rng.uniform(-1, 1)
            placed += self.card(column_card_type(zone, self.rng), float(cx), float(cy), zone, cid)
        return placed

    def column(self, zone: str, col_x: float, top: float, bottom: float, quota: int) -> None:
        if zone == "graines":
            return self.sheets(col_x, top, bottom, quota)
        y = top
        while quota > 0:
            n = int(self.rng.choice([s for s in CLUSTER_SIZES if s <= max(quota, 2)]))
            gap = float(self.rng.uniform(*IN_CLUSTER_GAP_MM))
            while n > 1 and y + _cluster_height(n, gap) > bottom:
                n -= 1
            if y + _cluster_height(n, gap) > bottom:
                return
            quota -= self.cluster(zone, col_x, y, min(n, quota), gap)
            y += _cluster_height(n, gap) + self.rng.uniform(*CLUSTER_GAP_MM)

    def sheets(self, col_x: float, top: float, bottom: float, quota: int) -> None:
        sheet = card_type("graine")
        y = top
        while quota > 0 and y + sheet.height_mm <= bottom:
            cx = col_x + POSTER_W_MM / 2 + self.rng.uniform(-20, 20)
            quota -= self.card("graine", float(cx), y + sheet.height_mm / 2, "graines",
                               self._take_cluster())
            y += sheet.height_mm + self.rng.uniform(*CLUSTER_GAP_MM)

    def _take_cluster(self) -> int:
        self.next_cluster += 1
        return self.next_cluster - 1


def _cluster_height(n: int, gap_mm: float) -> float:
    rows = (n + 1) // 2
    return rows * SMALL_H_MM + (rows - 1) * gap_mm


def quotas(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (i < extra) for i in range(parts)]


def compose_wall(name: str, printed: list[Printed], rect_mm, px_per_mm: float,
                 rng: np.random.Generator, max_cards: int = 40, max_tilt_deg: float = 8.0,
                 foreign: bool = True) -> Scene:
    """A wall section filling ``rect_mm``: up to five zone columns, ``max_cards`` at most."""
    scene = Scene(
        "wall", "wall", int(rng.integers(2**31)), truth=new_truth(name, "wall", px_per_mm)
    )
    x0, y0 = rect_mm[0] + WALL_MARGIN_MM, rect_mm[1] + WALL_MARGIN_MM
    x1, y1 = rect_mm[2] - WALL_MARGIN_MM, rect_mm[3] - WALL_MARGIN_MM
    gap = float(rng.uniform(*COLUMN_GAP_MM))
    # the group sheets' column only where a sheet fits under its poster
    below_poster_mm = y1 - y0 - POSTER_H_MM - POSTER_TO_CARDS_MM[1]
    n_zones = len(ZONES) if below_poster_mm >= card_type("graine").height_mm else len(ZONES) - 1
    n_cols = min(n_zones, int((x1 - x0 + gap) // (POSTER_W_MM + gap)))
    if n_cols < 1 or below_poster_mm < SMALL_H_MM:
        raise ValueError(f"wall section {x1 - x0:.0f} x {y1 - y0:.0f} mm holds no poster column")
    left = x0 + rng.uniform(0, (x1 - x0) - (n_cols * POSTER_W_MM + (n_cols - 1) * gap))
    start = int(rng.integers(0, n_zones - n_cols + 1))
    builder = WallBuilder(scene, Plane(rect_mm), Drawer(printed, rng), rng, max_tilt_deg)
    # the venue's poster hangs at the foot of one column, if the section is tall enough
    room = y1 - y0 - POSTER_H_MM - POSTER_TO_CARDS_MM[1] - 2 * SMALL_H_MM - CLUSTER_GAP_MM[1]
    venue_column = int(rng.integers(n_cols)) if foreign and room >= A5_MM[1] else -1
    for c, quota in enumerate(quotas(max_cards, n_cols)):
        zone, col_x = ZONES[start + c][0], left + c * (POSTER_W_MM + gap)
        bottom = y1
        if c == venue_column:
            bottom = add_foreign_poster_at(scene, builder.plane, col_x + POSTER_W_MM / 2, y1, rng)
        if builder.poster(zone, col_x, y0):
            top = y0 + POSTER_H_MM + rng.uniform(*POSTER_TO_CARDS_MM)
            builder.column(zone, col_x, top, bottom, quota)
    if foreign and venue_column < 0:
        add_foreign_poster(scene, builder.plane, (x0, y0, x1, y1), rng)
    if not scene.truth.cards:
        raise ValueError(f"wall section {x1 - x0:.0f} x {y1 - y0:.0f} mm: no card found room")
    # a card that found no room may have been the link between two parts of its cluster
    split_clusters(scene.truth.cards)
    return scene


def compose_table(name: str, printed: list[Printed], rect_mm, px_per_mm: float,
                  rng: np.random.Generator, types: tuple[str, ...] | None = None,
                  plans: dict[str, FillPlan] | None = None, max_angle_deg: float = 20.0,
                  kind: str = "closeup") -> Scene:
    """Cards (or a group sheet) laid on a table, not touching, each turned a little."""
    scene = Scene(kind, "table", int(rng.integers(2**31)), truth=new_truth(name, kind, px_per_mm))
    types = types or tuple(rng.choice(TABLE_TYPES, size=int(rng.integers(1, 5))))
    plane, drawer = Plane(rect_mm), Drawer(printed, rng)
    for type_key in types:
        chosen = drawer.take(type_key)
        if chosen is not None:
            _lay_on_table(scene, plane, chosen, rect_mm, rng, (plans or {}).get(type_key),
                          max_angle_deg)
    return scene


def _lay_on_table(scene: Scene, plane: Plane, printed: Printed, rect_mm, rng, plan, max_angle_deg):
    ct = card_type(printed.type_key)
    image, truth = filled(printed, rng, plan)
    reach = np.hypot(ct.width_mm, ct.height_mm) / 2
    for _ in range(200):
        lo_x, hi_x = rect_mm[0] + reach, rect_mm[2] - reach
        lo_y, hi_y = rect_mm[1] + reach, rect_mm[3] - reach
        cx = rng.uniform(lo_x, hi_x) if hi_x > lo_x else (rect_mm[0] + rect_mm[2]) / 2
        cy = rng.uniform(lo_y, hi_y) if hi_y > lo_y else (rect_mm[1] + rect_mm[3]) / 2
        item = card_item(printed, image, float(cx), float(cy),
                         float(rng.uniform(-max_angle_deg, max_angle_deg)))
        if plane.fits(item, clearance_mm=TABLE_CLEARANCE_MM):
            plane.add(item)
            record_outline(truth, item)
            scene.items.append(item)
            scene.truth.cards[printed.code] = truth
            return
