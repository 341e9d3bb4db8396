"""The debug overlay: what the scanner saw in one photo.

Outlines, codes, zones, clusters, boxes."""

from __future__ import annotations

import cv2
import numpy as np

from printables.payload import spec_of
from scan.rectify import apply_homography, box_corners_mm
from scan.results import CardReading, PhotoReading

OVERLAY_MAX_SIDE_PX = 2400  # px: big enough to read a checkbox state, small enough to e-mail
CLUSTER_COLOURS = [(230, 25, 75), (60, 180, 75), (0, 130, 200), (245, 130, 48), (145, 30, 180),
                   (70, 240, 240), (240, 50, 230), (128, 128, 0), (0, 0, 128), (170, 110, 40)]
STATE_COLOURS = {True: (0, 170, 0), False: (180, 180, 180), None: (0, 140, 255)}  # BGR
POSTER_COLOUR = (0, 0, 0)
FOREIGN_COLOUR = (0, 0, 255)


def draw_overlay(image_bgr: np.ndarray, reading: PhotoReading) -> np.ndarray:
    scale = min(1.0, OVERLAY_MAX_SIDE_PX / max(image_bgr.shape[:2]))
    overlay = cv2.resize(image_bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    thick = max(2, round(max(overlay.shape[:2]) / 800))
    for poster in reading.posters:
        outline(
            overlay, poster.corners_px * scale, POSTER_COLOUR, thick * 2, f"AFFICHE {poster.zone}"
        )
    for card in reading.cards:
        draw_card(overlay, card, scale, thick)
    for foreign in reading.foreign_codes:
        outline(overlay, foreign.corners_px * scale, FOREIGN_COLOUR, thick, "autre code")
    for error in reading.errors:
        if error.corners_px is not None:
            outline(overlay, error.corners_px * scale, FOREIGN_COLOUR, thick, error.kind)
    return overlay


def draw_card(overlay: np.ndarray, card: CardReading, scale: float, thick: int) -> None:
    colour = CLUSTER_COLOURS[(card.cluster or 0) % len(CLUSTER_COLOURS)]
    label = f"{card.code} z:{card.zone or '?'} g:{card.cluster} {card.fit_error_mm:.1f}mm"
    outline(overlay, card.corners_px * scale, colour, thick, label)
    if card.homography is None:
        return
    spec = spec_of(card.code)  # its own layout version's boxes
    for name, box in card.checkboxes.items():
        quad = apply_homography(card.homography, box_corners_mm(spec.field(name).box)) * scale
        cv2.fillConvexPoly(overlay, quad.astype(np.int32), STATE_COLOURS[box.checked])
    for name, votes in card.votes.items():
        if not spec.field(name).targets:  # layout 2: the plain area's outline, by its state
            quad = apply_homography(card.homography, box_corners_mm(spec.field(name).box)) * scale
            state = None if votes.reason or votes.confidence < 0.8 else True
            cv2.polylines(overlay, [quad.astype(np.int32)], True, STATE_COLOURS[state], thick)
        for target, marked in zip(spec.field(name).targets, votes.marked):
            centre = apply_homography(card.homography, [target.center_mm])[0] * scale
            cv2.circle(overlay, tuple(int(v) for v in centre), thick * 2, STATE_COLOURS[marked], -1)


def outline(overlay: np.ndarray, quad: np.ndarray, colour, thick: int, label: str) -> None:
    points = quad.astype(np.int32).reshape(-1, 1, 2)
    cv2.polylines(overlay, [points], True, colour, thick, cv2.LINE_AA)
    # the top-left corner
    cv2.circle(overlay, tuple(int(v) for v in quad[0]), thick * 3, colour, -1)
    origin = (int(quad[0][0]), int(quad[0][1]) - thick * 2)
    cv2.putText(
        overlay, label, origin, cv2.FONT_HERSHEY_SIMPLEX, 0.4 * thick, (255, 255, 255), thick * 2
    )
    cv2.putText(overlay, label, origin, cv2.FONT_HERSHEY_SIMPLEX, 0.4 * thick, colour, thick)
