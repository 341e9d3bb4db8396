"""A link's QR code for the screen: one SVG path of the module matrix (no image, no script).

Shown large on the volunteer-link page so that a room can scan it from the projector.
"""
from __future__ import annotations

from dataclasses import dataclass

from printables.flyer import QUIET_MODULES, link_matrix


@dataclass(frozen=True)
class QrPath:
    size: int  # modules per side, quiet zone included: the SVG viewBox
    d: str  # the dark modules as one path, one sub-path per horizontal run


def qr_path(url: str) -> QrPath:
    matrix = link_matrix(url)
    parts = []
    for row, line in enumerate(matrix):
        col = 0
        while col < len(line):
            if not line[col]:
                col += 1
                continue
            start = col
            while col < len(line) and line[col]:
                col += 1
            x, y, w = start + QUIET_MODULES, row + QUIET_MODULES, col - start
            parts.append(f"M{x} {y}h{w}v1h-{w}z")
    return QrPath(matrix.shape[0] + 2 * QUIET_MODULES, "".join(parts))
