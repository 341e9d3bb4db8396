"""Ground truth of a synthetic photo: what the generator drew, to compare with what the scanner
read.

Everything a round trip asserts is recorded here when the photo is made, never derived from the
scanner's own output. ``None`` in a truth means "not asserted" (for example the ink of a field
that the printer pre-filled).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CardTruth:
    code: str
    type_key: str
    participant: int | None = None
    checkboxes: dict[str, bool] = field(default_factory=dict)
    # how each checkbox was marked: "tick", "cross", "fill", "scribble", "stray" or "empty"
    marks: dict[str, str] = field(default_factory=dict)
    votes: dict[str, int] = field(default_factory=dict)
    vote_style: str = ""  # "stickers" or "pen"
    fields_with_ink: dict[str, bool] = field(default_factory=dict)
    zone: str | None = None  # the zone of the column it is stuck in (walls only)
    cluster: int | None = None  # cards stuck together share an id (walls only)
    corners_px: list[tuple[float, float]] | None = None  # TL, TR, BR, BL in the photo
    # TL, TR, BR, BL on the photographed plane (mm, x right, y down), where it was stuck
    outline_mm: list[tuple[float, float]] | None = None

    def to_dict(self) -> dict:
        return {"code": self.code, "type": self.type_key, "participant": self.participant,
                "checkboxes": dict(self.checkboxes), "marks": dict(self.marks),
                "votes": dict(self.votes), "vote_style": self.vote_style,
                "fields_with_ink": dict(self.fields_with_ink), "zone": self.zone,
                "cluster": self.cluster, "corners_px": self.corners_px,
                "outline_mm": self.outline_mm}


@dataclass
class PhotoTruth:
    name: str
    kind: str  # "wall", "closeup" or "sheet"
    px_per_mm: float  # on the photographed plane, at the centre of the photo
    cards: dict[str, CardTruth] = field(default_factory=dict)
    posters: dict[str, str] = field(default_factory=dict)  # poster code -> zone
    foreign_codes: list[str] = field(default_factory=list)
    camera: dict = field(default_factory=dict)  # the photographing settings, for reports

    @property
    def has_walls(self) -> bool:
        return self.kind == "wall"

    def clusters(self) -> set[frozenset[str]]:
        """The truth's clusters as a partition of card codes."""
        return partition({c.code: c.cluster for c in self.cards.values() if c.cluster is not None})

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "px_per_mm": self.px_per_mm,
                "cards": {k: c.to_dict() for k, c in self.cards.items()},
                "posters": dict(self.posters), "foreign_codes": list(self.foreign_codes),
                "camera": dict(self.camera)}


def partition(labels: dict[str, object]) -> set[frozenset[str]]:
    """Group keys by label: {a: 1, b: 1, c: 2} -> {{a, b}, {c}}."""
    groups: dict[object, set[str]] = {}
    for key, label in labels.items():
        groups.setdefault(label, set()).add(key)
    return {frozenset(g) for g in groups.values()}
