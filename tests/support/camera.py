"""A phone camera looking at a flat wall or table: where each millimetre of the plane lands.

Plane coordinates are mm with the origin at the point the camera aims at, x right, y down (the
same orientation as the card layout). The camera is a pinhole with a 12-megapixel sensor; its
distance is chosen so that the aim point is seen at ``px_per_mm`` across the tilt (the figure
issue 2 designs for: 2.7 px/mm for a 1.5 m wall section in a 4000 px wide photo).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

PHOTO_SIZE_PX = (4000, 3000)  # a 12-megapixel phone photo, landscape
FOCAL_PX = 3100.0  # a phone's main camera: about 66 degrees across 4000 px
# Content is kept where the plane is still seen at this fraction of the aim point's scale
# once foreshortened (a 30 degree tilt alone gives cos 30 = 0.87): a volunteer frames the wall
# section they photograph, they do not rely on the blurred far edge of a steep shot.
MIN_SCALE_FRACTION = 0.72
FRAME_MARGIN_PX = 60  # content stays this far inside the photo's edge
GRID_STEP_MM = 10.0  # resolution of the search for the usable plane region


@dataclass(frozen=True)
class Pose:
    px_per_mm: float
    yaw_deg: float = 0.0  # turning left/right: the wall's far side shrinks
    pitch_deg: float = 0.0  # looking up/down
    roll_deg: float = 0.0  # the phone not held level
    size_px: tuple[int, int] = PHOTO_SIZE_PX

    @property
    def tilt_deg(self) -> float:
        """Angle between the optical axis and the plane's normal."""
        r = rotation(self.yaw_deg, self.pitch_deg, 0.0)
        return float(np.degrees(np.arccos(abs(r[2, 2]))))

    def to_dict(self) -> dict:
        return asdict(self)


def rotation(yaw_deg: float, pitch_deg: float, roll_deg: float) -> np.ndarray:
    """World-to-camera rotation: yaw about y, then pitch about x, then roll about the axis."""
    y, p, r = np.radians([yaw_deg, pitch_deg, roll_deg])
    ry = np.array([[np.cos(y), 0, np.sin(y)], [0, 1, 0], [-np.sin(y), 0, np.cos(y)]])
    rx = np.array([[1, 0, 0], [0, np.cos(p), -np.sin(p)], [0, np.sin(p), np.cos(p)]])
    rz = np.array([[np.cos(r), -np.sin(r), 0], [np.sin(r), np.cos(r), 0], [0, 0, 1]])
    return rz @ rx @ ry


def plane_to_photo(pose: Pose) -> np.ndarray:
    """The 3x3 homography from plane mm (origin at the aim point) to photo px."""
    w, h = pose.size_px
    k = np.array([[FOCAL_PX, 0, w / 2], [0, FOCAL_PX, h / 2], [0, 0, 1]])
    r = rotation(pose.yaw_deg, pose.pitch_deg, pose.roll_deg)
    distance_mm = FOCAL_PX / pose.px_per_mm
    # the camera centre sits on the optical axis, distance_mm before the aim point
    centre = -distance_mm * r.T @ np.array([0.0, 0.0, 1.0])
    t = -r @ centre
    return k @ np.column_stack([r[:, 0], r[:, 1], t])


def apply(h: np.ndarray, points) -> np.ndarray:
    pts = np.asarray(points, np.float64).reshape(-1, 2)
    q = np.column_stack([pts, np.ones(len(pts))]) @ h.T
    return q[:, :2] / q[:, 2:3]


def min_scale(h: np.ndarray, points) -> np.ndarray:
    """The smallest px per mm in any direction at each plane point (Jacobian's singular value)."""
    pts = np.asarray(points, np.float64).reshape(-1, 2)
    eps = 0.5
    base = apply(h, pts)
    jx = (apply(h, pts + (eps, 0)) - base) / eps
    jy = (apply(h, pts + (0, eps)) - base) / eps
    jac = np.stack([jx, jy], axis=2)
    return np.linalg.svd(jac, compute_uv=False)[:, -1]


def usable_rect_mm(pose: Pose, min_fraction: float = MIN_SCALE_FRACTION
                   ) -> tuple[float, float, float, float]:
    """The largest plane rectangle (x0, y0, x1, y1) in frame and seen sharply enough."""
    h = plane_to_photo(pose)
    corners = apply(np.linalg.inv(h), [(0, 0), (pose.size_px[0], 0), pose.size_px,
                                       (0, pose.size_px[1])])
    lo, hi = corners.min(axis=0), corners.max(axis=0)
    xs = np.arange(lo[0], hi[0], GRID_STEP_MM)
    ys = np.arange(lo[1], hi[1], GRID_STEP_MM)
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    px = apply(h, pts)
    w, hh = pose.size_px
    inside = ((px[:, 0] > FRAME_MARGIN_PX) & (px[:, 0] < w - FRAME_MARGIN_PX)
              & (px[:, 1] > FRAME_MARGIN_PX) & (px[:, 1] < hh - FRAME_MARGIN_PX))
    sharp = min_scale(h, pts) >= min_fraction * pose.px_per_mm
    ok = (inside & sharp).reshape(gx.shape)
    r0, c0, r1, c1 = largest_rectangle(ok)
    return (float(xs[c0]), float(ys[r0]), float(xs[c1]), float(ys[r1]))


def largest_rectangle(ok: np.ndarray) -> tuple[int, int, int, int]:
    """(row0, col0, row1, col1), inclusive, of the largest all-True rectangle (histogram method)."""
    heights = np.zeros(ok.shape[1], int)
    best, best_rect = 0, (0, 0, 0, 0)
    for row in range(ok.shape[0]):
        heights = np.where(ok[row], heights + 1, 0)
        stack: list[int] = []
        for col in range(len(heights) + 1):
            cur = heights[col] if col < len(heights) else 0
            while stack and heights[stack[-1]] >= cur:
                top = stack.pop()
                left = stack[-1] + 1 if stack else 0
                area = heights[top] * (col - left)
                if area > best:
                    best = area
                    best_rect = (row - heights[top] + 1, left, row, col - 1)
            stack.append(col)
    if best == 0:
        raise ValueError("no usable region of the plane in this photo (tilt too steep?)")
    return best_rect
