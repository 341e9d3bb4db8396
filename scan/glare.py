"""A glare spot: light reflected off something glossy (tape over the card, a lamp's spot, a
glossy sticker) brighter than the paper around it, in every channel. It washes out whatever lies
under it: a pale sticker, a pen stroke, part of a sticker (which then looks like two), and the
mask of marks takes it, with its own hue, for a sticker. Where the paper is clipped white over a
wide area, read.clipped already says "surexposé"; this finds the small spots (a few mm)."""

from __future__ import annotations

import cv2
import numpy as np

from scan.thresholds import (
    GLARE_CHANNEL_MAX_DEFICIT,
    GLARE_CLIPPED_LEVEL,
    GLARE_MIN_EXCESS,
    GLARE_MIN_STEP,
    GLARE_MIN_WIDTH_MM,
    GLARE_PAPER_MM,
    GLARE_SMOOTH_MM,
    GLARE_SPOT_MAX_MM,
)

GLARE = "reflet"  # a glare spot on a vote strip: what lies under it is not seen


def glare_mask(patch: np.ndarray, s: float) -> np.ndarray:
    """Where ``patch`` (BGR or grey, ``s`` px/mm) is darker than its local paper in no channel
    (by more than GLARE_CHANNEL_MAX_DEFICIT) and brighter in grey by GLARE_MIN_EXCESS (or up to
    GLARE_CLIPPED_LEVEL), over a spot at least GLARE_MIN_WIDTH_MM wide. The local paper is the
    patch smoothed, closed over GLARE_PAPER_MM (marks and stickers, dark in some channel, become
    paper) and opened over GLARE_SPOT_MAX_MM (a bright spot narrower than that is taken away; a
    shadow's edge or a light ramp stays): a spot is measured against the paper right round it."""
    smooth = cv2.GaussianBlur(patch, (0, 0), max(GLARE_SMOOTH_MM * s, 0.5)).astype(np.float32)
    close = int(GLARE_PAPER_MM * s) | 1
    open_ = int(GLARE_SPOT_MAX_MM * s) | 1
    paper = cv2.morphologyEx(
        smooth, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (close, close))
    )
    paper = cv2.morphologyEx(
        paper, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (open_, open_))
    )
    if smooth.ndim == 2:
        smooth, paper = smooth[..., None], paper[..., None]
    # no channel darker than the paper (a mark or a sticker absorbs some colour; a glare spot
    # takes the light's own tint, so one channel may gain nothing), and brighter as a whole
    lighter = (smooth >= paper * (1 - GLARE_CHANNEL_MAX_DEFICIT)).all(axis=2)
    grey, paper_grey = smooth.mean(axis=2), paper.mean(axis=2)
    level = np.minimum(paper_grey * (1 + GLARE_MIN_EXCESS), GLARE_CLIPPED_LEVEL)
    bright = lighter & (grey >= level) & (level - paper_grey >= GLARE_MIN_STEP)
    if not bright.any():
        return bright
    dist = cv2.distanceTransform(bright.astype(np.uint8), cv2.DIST_L2, 3)
    wide = dist >= GLARE_MIN_WIDTH_MM / 2 * s  # the spot's core: a halo or a speck has none
    if not wide.any():
        return np.zeros_like(bright)
    _, labels = cv2.connectedComponents(bright.astype(np.uint8), connectivity=8)
    return np.isin(labels, np.unique(labels[wide]))


def has_glare(patch: np.ndarray, where: np.ndarray, s: float) -> bool:
    """A glare spot (``glare_mask``) reaching ``where`` (a boolean mask of ``patch``'s shape)."""
    return bool((glare_mask(patch, s) & where).any())
