"""A link's QR code for the screen: one SVG path of the module matrix (no image, no script).

Shown large on the volunteer-link page so that a room can scan it from the projector.
"""
from __future__ import annotations

from dataclasses import dataclass

from printables.link_qr import QUIET_MODULES, dark_runs, link_matrix


@dataclass(frozen=True)
class QrPath:
    size: int  # modules per side, quiet zone included: the SVG viewBox
    d: str  # the dark modules as one path, one sub-path per horizontal run


def qr_path(url: str) -> QrPath:
    matrix = link_matrix(url)
    parts = [f"M{start + QUIET_MODULES} {row + QUIET_MODULES}h{length}v1h-{length}z"
             for row, start, length in dark_runs(matrix)]
    return QrPath(matrix.shape[0] + 2 * QUIET_MODULES, "".join(parts))
