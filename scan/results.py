"""The scanner's results: plain dataclasses, each with ``to_dict()`` giving the JSON of issue 3
and ``from_dict()`` reading it back (the app stores the JSON and works on the dataclasses).

``from_dict`` accepts what an older version stored: a missing key takes its default."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np


def points_array(points: list | None) -> np.ndarray:
    """The inverse of points_list: stored [[x, y], ...] back to an (n, 2) float array."""
    return np.asarray(points or [], np.float64).reshape(-1, 2)


def points_list(points_px: np.ndarray) -> list[list[float]]:
    return [
        [round(float(x), 1), round(float(y), 1)] for x, y in np.asarray(points_px).reshape(-1, 2)
    ]


@dataclass
class CodeHit:
    """One decoded QR symbol; corners in full-image px in the symbol's own order TL, TR, BR, BL."""
    text: str
    corners_px: np.ndarray  # shape (4, 2), float
    decoder: str = "zxing"
    oriented: bool = True  # False when the decoder's corner order does not follow the symbol

    @cached_property
    def centre_px(self) -> np.ndarray:
        return self.corners_px.mean(axis=0)

    @cached_property
    def side_px(self) -> float:
        """Mean side length of the symbol's quadrilateral."""
        edges = np.roll(self.corners_px, -1, axis=0) - self.corners_px
        return float(np.linalg.norm(edges, axis=1).mean())


@dataclass
class Checkbox:
    checked: bool | None  # None: unsure, goes to human review
    confidence: float
    score: float  # mean ink darkness of the inner area, 0 = paper, 1 = as dark as the border
    # why a box is unsure: "hors cadre", "couvert", "déformé", "trace", "surexposé", "reflet"
    # (a glare spot on it, whatever it reads: glare.py) (checked None, or its most
    # likely value proposed at UNSURE_PROPOSAL_CONFIDENCE at most), "barrée" (a straight stroke
    # struck through a mark, past the box at both ends: checked None; where it runs on far past
    # the box both ways, a streak, the box read without it proposed at PROPOSAL_CONFIDENCE at
    # most); a proposal below the review
    # line: "noircie" (scribbled out past the outline: read False, cancelled; None for a pale
    # mark that a soft photo's blur leaves between fill and scribble), "remplie" (filled inside
    # the outline: read True), "entourée" (circled: read True)
    reason: str | None = None

    def to_dict(self) -> dict:
        return {"checked": self.checked, "confidence": round(self.confidence, 3),
                "score": round(self.score, 3), "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict) -> Checkbox:
        return cls(data.get("checked"), float(data.get("confidence", 0.0)),
                   float(data.get("score", 0.0)), data.get("reason"))


@dataclass
class VoteCount:
    count: int
    confidence: float
    marked: list[bool | None]  # per printed target: under a sticker or ink (None: not seen)
    reason: str | None = None  # why the strip was not counted: "hors cadre", "couvert", "déformé"
    # (or not sure: "surexposé", its paper clipped white; "reflet", a glare spot on it: glare.py)
    # sizes seen (mm), for the photo's hidden-sticker rule (scan.votes.cap_hidden_stickers); not
    # stored: the widest disc in a counted blob, the smallest sticker-like mark (a thick blob)
    widest_mm: float = field(default=0.0, compare=False, repr=False)
    smallest_disc_mm: float = field(default=float("inf"), compare=False, repr=False)

    def to_dict(self) -> dict:
        return {"count": self.count, "confidence": round(self.confidence, 3), "marked": self.marked,
                "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict) -> VoteCount:
        return cls(int(data.get("count", 0)), float(data.get("confidence", 0.0)),
                   list(data.get("marked", [])), data.get("reason"))


@dataclass
class FieldInk:
    has_ink: bool
    ink_fraction: float
    crop: str | None = None  # path of the saved crop, when crops were asked for
    # why a field read blank may still hold writing the photo does not show: "hors cadre" (the
    # field runs past the photo's edge), "déformé" (the card's fit is loose or unconfirmed),
    # "surexposé" (its paper is clipped white: glare or over-exposure), "trace" (some ink, no
    # word), "couvert" (its printed outline not found: a note or a hand over it). None: blank.
    reason: str | None = None

    def to_dict(self) -> dict:
        return {
            "crop": self.crop,
            "has_ink": self.has_ink,
            "ink_fraction": round(self.ink_fraction, 4),
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, data: dict) -> FieldInk:
        return cls(bool(data.get("has_ink")), float(data.get("ink_fraction", 0.0)),
                   data.get("crop"), data.get("reason"))


@dataclass
class CardReading:
    code: str
    type: str
    corners_px: np.ndarray  # the card outline, clockwise from the card's own top-left
    fit_error_mm: float
    px_per_mm: float
    markers_found: int
    participant: int | None = None
    zone: str | None = None
    cluster: int | None = None
    checkboxes: dict[str, Checkbox] = field(default_factory=dict)
    votes: dict[str, VoteCount] = field(default_factory=dict)
    fields: dict[str, FieldInk] = field(default_factory=dict)
    homography: np.ndarray | None = field(default=None, repr=False)  # card mm -> photo px
    # the pose is confirmed by the card's own printed features (wholefit.py); if not, every
    # checkbox and vote reading of the card is a proposal (reason "déformé" where none)
    fit_confirmed: bool = True

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "type": self.type,
            "participant": self.participant,
            "corners_px": points_list(self.corners_px),
            "fit_error_mm": round(self.fit_error_mm, 3),
            "px_per_mm": round(self.px_per_mm, 2),
            "markers_found": self.markers_found,
            "fit_confirmed": self.fit_confirmed,
            "zone": self.zone,
            "cluster": self.cluster,
            "checkboxes": {k: v.to_dict() for k, v in self.checkboxes.items()},
            "votes": {k: v.to_dict() for k, v in self.votes.items()},
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> CardReading:
        """The stored reading; the homography is not stored (None)."""
        return cls(
            data["code"], data["type"], points_array(data.get("corners_px")),
            float(data.get("fit_error_mm", 0.0)), float(data.get("px_per_mm", 0.0)),
            int(data.get("markers_found", 0)), participant=data.get("participant"),
            zone=data.get("zone"), cluster=data.get("cluster"),
            checkboxes={k: Checkbox.from_dict(v) for k, v in data.get("checkboxes", {}).items()},
            votes={k: VoteCount.from_dict(v) for k, v in data.get("votes", {}).items()},
            fields={k: FieldInk.from_dict(v) for k, v in data.get("fields", {}).items()},
            fit_confirmed=bool(data.get("fit_confirmed", True)),
        )


@dataclass
class PosterReading:
    code: str
    zone: str
    corners_px: np.ndarray  # the poster outline, clockwise from its top-left

    def to_dict(self) -> dict:
        return {"code": self.code, "zone": self.zone, "corners_px": points_list(self.corners_px)}

    @classmethod
    def from_dict(cls, data: dict) -> PosterReading:
        return cls(data["code"], data["zone"], points_array(data.get("corners_px")))


@dataclass
class ForeignCode:
    text: str
    corners_px: np.ndarray

    def to_dict(self) -> dict:
        return {"text": self.text, "corners_px": points_list(self.corners_px)}

    @classmethod
    def from_dict(cls, data: dict) -> ForeignCode:
        return cls(data["text"], points_array(data.get("corners_px")))


@dataclass
class ScanError:
    message: str
    kind: str  # unreadable_file, malformed, bad_check, unknown_layout, unknown_type, no_markers...
    code: str | None = None
    corners_px: np.ndarray | None = None
    params: dict = field(default_factory=dict)  # what fills the template
    key: str = ""  # its template in scan.messages.ERROR_TEMPLATES ("" for none)

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"kind": self.kind, "message": self.message}
        if self.code is not None:
            data["code"] = self.code
        if self.corners_px is not None:
            data["corners_px"] = points_list(self.corners_px)
        if self.key:
            data["key"], data["params"] = self.key, self.params
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ScanError:
        corners = data.get("corners_px")
        return cls(data.get("message", ""), data.get("kind", ""), data.get("code"),
                   None if corners is None else points_array(corners), data.get("params", {}),
                   data.get("key", ""))


@dataclass
class Hint:
    kind: str  # too_dark, too_blurred, too_far, no_code
    message: str  # French, for the volunteer who took the photo
    value: float | None = None  # what was measured
    threshold: float | None = None
    params: dict = field(default_factory=dict)  # what fills the template
    key: str = ""  # its template in scan.messages.HINT_TEMPLATES ("" for none)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "message": self.message,
            "value": self.value,
            "threshold": self.threshold,
            "key": self.key,
            "params": self.params,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Hint:
        return cls(data.get("kind", ""), data.get("message", ""), data.get("value"),
                   data.get("threshold"), data.get("params", {}), data.get("key", ""))


@dataclass
class PhotoReading:
    file: str
    width: int = 0
    height: int = 0
    cards: list[CardReading] = field(default_factory=list)
    posters: list[PosterReading] = field(default_factory=list)
    foreign_codes: list[ForeignCode] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    hints: list[Hint] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"file": self.file, "width": self.width, "height": self.height,
                "cards": [c.to_dict() for c in self.cards],
                "posters": [p.to_dict() for p in self.posters],
                "foreign_codes": [f.to_dict() for f in self.foreign_codes],
                "errors": [e.to_dict() for e in self.errors],
                "hints": [h.to_dict() for h in self.hints]}

    @classmethod
    def from_dict(cls, data: dict) -> PhotoReading:
        return cls(
            data.get("file", ""), int(data.get("width", 0)), int(data.get("height", 0)),
            cards=[CardReading.from_dict(c) for c in data.get("cards", [])],
            posters=[PosterReading.from_dict(p) for p in data.get("posters", [])],
            foreign_codes=[ForeignCode.from_dict(f) for f in data.get("foreign_codes", [])],
            errors=[ScanError.from_dict(e) for e in data.get("errors", [])],
            hints=[Hint.from_dict(h) for h in data.get("hints", [])],
        )
