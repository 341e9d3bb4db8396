"""A glare spot: light reflected off something glossy (tape over the card, a lamp's spot, a
glossy sticker) brighter than the paper around it, in every channel. It washes out whatever lies
under it: a pale sticker, a pen stroke, part of a sticker (which then looks like two), and the
mask of marks takes it, with its own hue, for a sticker. Where the paper is clipped white over a
wide area, read.clipped already says "surexposé"; this finds the small spots (a few mm)."""

from __future__ import annotations

import cv2
import numpy as np

from printables.layout import Box
from scan.rectify import box_slice, warp_box
from scan.thresholds import (
    GLARE_BOX_CONTEXT_MM,
    GLARE_CHANNEL_MAX_DEFICIT,
    GLARE_CHANNEL_MIN_GAIN,
    GLARE_MIN_GAIN,
    GLARE_MIN_WIDTH_MM,
    GLARE_PAPER_MM,
    GLARE_SMOOTH_MM,
    GLARE_SPOT_MAX_MM,
)

GLARE = "reflet"  # a glare spot on a vote strip or a box: what lies under it is not seen


def glare_mask(patch: np.ndarray, s: float) -> np.ndarray:
    """Where ``patch`` (BGR or grey, ``s`` px/mm) is darker than its local paper in no channel
    (by more than GLARE_CHANNEL_MAX_DEFICIT) and brighter in grey by GLARE_MIN_GAIN (or in one
    channel by GLARE_CHANNEL_MIN_GAIN), over a spot at least GLARE_MIN_WIDTH_MM wide. The local
    paper is the patch smoothed, closed over GLARE_PAPER_MM (marks and stickers, dark in some
    channel, become paper) and opened over GLARE_SPOT_MAX_MM (a bright spot narrower than that
    is taken away; a shadow's edge or a light ramp stays): a spot is measured against the paper
    right round it."""
    blurred = cv2.GaussianBlur(patch, (0, 0), max(GLARE_SMOOTH_MM * s, 0.5))
    smooth = blurred.astype(np.float32)
    close = int(GLARE_PAPER_MM * s) | 1
    open_ = int(GLARE_SPOT_MAX_MM * s) | 1
    # closed and opened in the patch's own type (bytes: four times faster than float32), then
    # made float: a min or max filter commutes with a conversion that keeps the order
    paper = cv2.morphologyEx(
        blurred, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (close, close))
    )
    paper = cv2.morphologyEx(
        paper, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (open_, open_))
    ).astype(np.float32)
    if smooth.ndim == 2:
        smooth, paper = smooth[..., None], paper[..., None]
    # no channel darker than the paper (a mark or a sticker absorbs some colour; a glare spot
    # takes the light's own tint, so one channel may gain nothing), and brighter as a whole
    floor = paper * (1 - GLARE_CHANNEL_MAX_DEFICIT)
    lighter = np.logical_and.reduce(
        [smooth[:, :, c] >= floor[:, :, c] for c in range(smooth.shape[2])]
    )
    grey, paper_grey = channel_mean(smooth), channel_mean(paper)
    # or one channel brighter by GLARE_CHANNEL_MIN_GAIN: a spot tinted by the white balance on
    # white paper gains most in one channel, little in grey
    tinted = np.logical_or.reduce(
        [smooth[:, :, c] >= paper[:, :, c] + GLARE_CHANNEL_MIN_GAIN for c in range(smooth.shape[2])]
    )
    bright = lighter & ((grey >= paper_grey + GLARE_MIN_GAIN) | tinted)
    if not bright.any():
        return bright
    dist = cv2.distanceTransform(bright.astype(np.uint8), cv2.DIST_L2, 3)
    wide = dist >= GLARE_MIN_WIDTH_MM / 2 * s  # the spot's core: a halo or a speck has none
    if not wide.any():
        return np.zeros_like(bright)
    _, labels = cv2.connectedComponents(bright.astype(np.uint8), connectivity=8)
    return np.isin(labels, np.unique(labels[wide]))


def channel_mean(image: np.ndarray) -> np.ndarray:
    """``image.mean(axis=2)`` (float32, one to three channels), the same floats, summed plane by
    plane in numpy's order (a mean along a last axis of three is ten times slower)."""
    total = image[:, :, 0]
    for c in range(1, image.shape[2]):
        total = total + image[:, :, c]
    return total / np.float32(image.shape[2])


def has_glare(patch: np.ndarray, where: np.ndarray, s: float) -> bool:
    """A glare spot (``glare_mask``) reaching ``where`` (a boolean mask of ``patch``'s shape)."""
    return bool((glare_mask(patch, s) & where).any())


def box_has_glare(bgr: np.ndarray, h: np.ndarray, box: Box, px_per_mm: float) -> bool:
    """A glare spot (``glare_mask``) on a checkbox ``box`` (card mm) of the photo ``bgr`` seen
    through ``h`` (card mm -> photo px), looked for in the photo warped round the box
    (GLARE_BOX_CONTEXT_MM each side) at ``px_per_mm``."""
    c = GLARE_BOX_CONTEXT_MM
    patch = warp_box(bgr, h, box.grown(c), px_per_mm)
    where = np.zeros(patch.shape[:2], bool)
    where[box_slice(Box(c, c, box.w_mm, box.h_mm), px_per_mm, where.shape)] = True
    return has_glare(patch, where, px_per_mm)
