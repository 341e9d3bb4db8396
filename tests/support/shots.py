"""One call per kind of photo volunteers take: a wall section, a close-up, a group sheet.

``severity`` is "mild" (a careful volunteer: small tilt, good light) or "strong" (tilt up to
35 degrees, blur, hand shake, a shadow band, a colour cast, JPEG 60-72). Every draw comes from
``seed``: the same seed and the same printed items give the same photo, byte for byte, whatever
was made before in the process. The truth's ``camera["recipe"]`` says how to make it again.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

import numpy as np

from printables.layout import card_type
from tests.support.camera import Pose, usable_rect_mm
from tests.support.filling import FillPlan
from tests.support.photos import Degradation, Photo, photograph
from tests.support.scenes import Printed, Scene
from tests.support.staging import TABLE_CLEARANCE_MM, compose_table, compose_wall

SEVERITIES = ("mild", "strong")
MAX_STEP_BACKS = 6  # a shot too steep to hold a poster column is retaken facing the wall more
MAX_TILT_DEG = {"mild": 15.0, "strong": 35.0}
MAX_ROLL_DEG = 10.0  # the phone held askew; the wall section framed stays axis-aligned within
# A volunteer fills the frame with what they shoot, up to this close (a phone's focus limit)
CLOSEUP_MAX_PX_PER_MM = 10.0
TABLE_PACKING = 0.45  # fraction of the usable frame that randomly posed cards can fill
SHEET_PX_PER_MM = 8.0  # a 287 mm sheet turned 10 degrees still fits the 3000 px height


def _u(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(rng.uniform(lo, hi))


def kit_fingerprint(printed: list[Printed]) -> str:
    """Which printed items, in which order (the order the shot's draws are made in)."""
    listing = "\n".join(f"{p.code} {p.px_per_mm:g}" for p in printed)
    return f"{len(printed)} items {hashlib.sha1(listing.encode()).hexdigest()[:12]}"


def with_recipe(photo: Photo, shot: str, printed: list[Printed], **args) -> Photo:
    """Record in the truth how to make ``photo`` again: the call, its arguments and the kit
    (the name alone does not say: the same seed on another kit is another photo)."""
    photo.truth.camera["recipe"] = {"shot": shot, "kit": kit_fingerprint(printed), **args}
    return photo


def pose_for(px_per_mm: float, severity: str, rng: np.random.Generator,
             tilt_deg: float | None = None) -> Pose:
    """A hand-held phone: tilt ``tilt_deg`` (drawn if None) split between yaw and pitch."""
    strong = severity == "strong"
    if tilt_deg is None:
        tilt_deg = (
            _u(rng, 20, MAX_TILT_DEG["strong"]) if strong else _u(rng, 0, MAX_TILT_DEG["mild"])
        )
    # mostly sideways (a volunteer steps aside more than they look up), sometimes up or down
    direction = _u(rng, -np.pi / 4, np.pi / 4) + np.pi * int(rng.integers(2))
    # yaw and pitch compose to about the requested angle between axis and wall normal
    yaw = float(np.degrees(np.arctan(np.tan(np.radians(tilt_deg)) * np.cos(direction))))
    pitch = float(np.degrees(np.arctan(np.tan(np.radians(tilt_deg)) * np.sin(direction))))
    roll = _u(rng, -MAX_ROLL_DEG, MAX_ROLL_DEG) if strong else _u(rng, -4, 4)
    return Pose(px_per_mm, yaw, pitch, roll)


def degradation_for(severity: str, rng: np.random.Generator) -> Degradation:
    if severity == "strong":
        return Degradation(
            blur_sigma_px=_u(rng, 0.8, 1.3),
            motion_px=_u(rng, 1.0, 2.5),
            motion_deg=_u(rng, 0, 180),
            noise_sigma=_u(rng, 5, 8),
            light_falloff=_u(rng, 0.25, 0.45),
            light_deg=_u(rng, 0, 360),
            shadow_darken=_u(rng, 0.25, 0.45),
            shadow_offset=_u(rng, -1, 1),
            shadow_deg=_u(rng, 0, 180),
            exposure=_u(rng, 0.7, 1.0),
            cast_bgr=tuple(_u(rng, 0.85, 1.15) for _ in range(3)),
            jpeg_quality=int(rng.integers(60, 73)),
        )
    return Degradation(
        blur_sigma_px=_u(rng, 0.3, 0.7),
        motion_px=_u(rng, 0, 1.0),
        motion_deg=_u(rng, 0, 180),
        noise_sigma=_u(rng, 2, 4),
        light_falloff=_u(rng, 0.05, 0.2),
        light_deg=_u(rng, 0, 360),
        shadow_darken=0.0,
        exposure=_u(rng, 0.95, 1.05),
        cast_bgr=tuple(_u(rng, 0.96, 1.04) for _ in range(3)),
        jpeg_quality=int(rng.integers(80, 91)),
    )


def wall_photo(printed: list[Printed], px_per_mm: float = 2.7, severity: str = "mild",
               seed: int = 0, max_cards: int = 40, tilt_deg: float | None = None,
               foreign: bool = True, name: str | None = None) -> Photo:
    """A wall section seen at ``px_per_mm`` (at the aim point, across the tilt)."""
    scene, pose, degradation = stage_wall(printed, px_per_mm, severity, seed, max_cards,
                                          tilt_deg, foreign, name)
    return with_recipe(photograph(scene, pose, degradation, seed), "wall_photo", printed,
                       px_per_mm=px_per_mm, severity=severity, seed=seed, max_cards=max_cards,
                       tilt_deg=tilt_deg, foreign=foreign)


def stage_wall(printed: list[Printed], px_per_mm: float = 2.7, severity: str = "mild",
               seed: int = 0, max_cards: int = 40, tilt_deg: float | None = None,
               foreign: bool = True, name: str | None = None
               ) -> tuple[Scene, Pose, Degradation]:
    """What ``wall_photo`` photographs, with the same arguments: the wall, the pose, the optics
    (its truth has no photo corners yet; staging alone is ~10 x faster than the photo)."""
    rng = np.random.default_rng(seed)
    pose = pose_for(px_per_mm, severity, rng, tilt_deg)
    max_card_tilt = 8.0 if severity == "strong" else 4.0
    name = name or f"wall-{px_per_mm:g}-{severity}-{seed}.jpg"
    for _ in range(MAX_STEP_BACKS):
        try:
            scene = compose_wall(name, printed, usable_rect_mm(pose), px_per_mm, rng, max_cards,
                                 max_card_tilt, foreign)
            break
        except ValueError:
            # too steep for a close shot to hold one poster column: the volunteer turns to
            # face the wall a little more, as they would
            pose = replace(pose, yaw_deg=pose.yaw_deg * 0.75, pitch_deg=pose.pitch_deg * 0.75)
    else:
        raise ValueError(f"{name}: no poster column fits at {px_per_mm} px/mm")
    return scene, pose, degradation_for(severity, rng)


def wall_retakes(printed: list[Printed], px_per_mm: float = 2.7, severity: str = "mild",
                 seed: int = 0, shots: int = 2, max_cards: int = 40) -> list[Photo]:
    """Several photos of one wall section from different places (content seen by all)."""
    rng = np.random.default_rng(seed)
    poses = [pose_for(px_per_mm, severity, rng) for _ in range(shots)]
    rects = np.array([usable_rect_mm(p) for p in poses])
    rect = (*rects[:, :2].max(axis=0), *rects[:, 2:].min(axis=0))
    scene = compose_wall(f"wall-{px_per_mm:g}-{severity}-{seed}", printed, rect, px_per_mm, rng,
                         max_cards, 4.0)
    photos = []
    for k, pose in enumerate(poses):
        scene.truth.name = f"wall-{px_per_mm:g}-{severity}-{seed}-shot{k + 1}.jpg"
        photos.append(with_recipe(
            photograph(scene, pose, degradation_for(severity, rng), seed * 100 + k), "wall_retakes",
            printed, px_per_mm=px_per_mm, severity=severity, seed=seed, shots=shots,
            max_cards=max_cards))
    return photos


def closeup_px_per_mm(types: tuple[str, ...], pose: Pose) -> float:
    """The closest framing at which ``types`` fit on the table in any orientation."""
    x0, y0, x1, y1 = usable_rect_mm(replace(pose, px_per_mm=1.0))  # area shrinks as 1/scale^2
    need_mm2 = sum(
        (np.hypot(card_type(t).width_mm, card_type(t).height_mm) + 2 * TABLE_CLEARANCE_MM) ** 2
        for t in types
    )
    return float(
        min(CLOSEUP_MAX_PX_PER_MM, np.sqrt((x1 - x0) * (y1 - y0) * TABLE_PACKING / need_mm2))
    )


def closeup_photo(printed: list[Printed], types: tuple[str, ...], severity: str = "mild",
                  seed: int = 0, plans: dict[str, FillPlan] | None = None,
                  name: str | None = None) -> Photo:
    """1 to 4 cards of ``types`` on a table, photographed from above at close range."""
    rng = np.random.default_rng(seed)
    pose = pose_for(1.0, severity, rng, _u(rng, 0, 25) if severity == "strong" else None)
    pose = replace(pose, px_per_mm=closeup_px_per_mm(types, pose))
    max_angle = 180.0 if severity == "strong" else 20.0  # on a table, cards lie any way round
    name = name or f"closeup-{'-'.join(types)}-{severity}-{seed}.jpg"
    for _ in range(MAX_STEP_BACKS):
        scene = compose_table(name, printed, usable_rect_mm(pose), pose.px_per_mm, rng, types,
                              plans, max_angle)
        if len(scene.truth.cards) == len(types):
            break
        pose = replace(pose, px_per_mm=pose.px_per_mm * 0.85)  # no room: step back a little
    else:
        raise ValueError(f"{name}: {len(types)} cards do not fit on the table")
    return with_recipe(photograph(scene, pose, degradation_for(severity, rng), seed),
                       "closeup_photo", printed, types=list(types), severity=severity, seed=seed,
                       plans=sorted(plans or {}))


def sheet_photo(printed: list[Printed], severity: str = "mild", seed: int = 0,
                plan: FillPlan | None = None, name: str | None = None) -> Photo:
    """A "Graine de projet" group sheet on a table."""
    rng = np.random.default_rng(seed)
    pose = pose_for(
        SHEET_PX_PER_MM, severity, rng, _u(rng, 0, 20) if severity == "strong" else None
    )
    name = name or f"sheet-{severity}-{seed}.jpg"
    scene = compose_table(name, printed, usable_rect_mm(pose), SHEET_PX_PER_MM, rng, ("graine",),
                          {"graine": plan} if plan else None, 10.0, kind="sheet")
    return with_recipe(photograph(scene, pose, degradation_for(severity, rng), seed),
                       "sheet_photo", printed, severity=severity, seed=seed, plan=plan is not None)
