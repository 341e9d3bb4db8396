"""The card-layout spec: the single geometric truth shared by printing and scanning.

Every length is in millimetres, origin at the card's top-left corner, y pointing down.
This module is standard library only: importing it never imports reportlab or OpenCV.

Why the sizes are what they are (see also README, "Géométrie"):
- A wall section 1.5 m wide in a 12-megapixel photo (4000 px) is ~2.7 px/mm. QR decoders read
  about 97 % of codes at >= 3 px per module, so a module is 1.5 mm (4 px at 2.7 px/mm, still
  3.5 px when the card is tilted 30 degrees). The payload fits a version-1 code (21 modules),
  so a card's QR is 31.5 mm wide, with a 4-module (6 mm) quiet zone kept blank.
- Corner markers are 5 mm solid squares inset 4 mm from the cut edge: 13 px on a wall photo,
  large enough to find again near where the QR predicts them, far enough from the edge that a
  cut 2 mm off still leaves white paper around them. Four markers span the whole card, so the
  homography is fitted on a base ~130 mm wide instead of the QR's 31.5 mm.
- Checkboxes are 5 mm (13 px on a wall photo): a tick or cross covers several pixels of the
  inner area even at that scale.
- Votes. Layout 1 printed 16 vote targets, 8 mm circles (the size of common dot stickers). People
  never aimed at them: tally strokes crossed the circles, stickers straddled two, and the scanner
  had to take the outlines out of what it counted. Layout 2 prints the same place as one plain
  area with a thin outline and the instruction above it; the outline is what the scanner finds
  again (like a checkbox's), and every sticker or pen mark inside is counted as an object.

Versions: a card's QR payload names the layout it was printed with (``AK1-...``, ``AK2-...``,
see printables.payload). Every released version stays here, read-only (``LAYOUTS``), so that a
card printed with layout 1 is always read with layout 1's boxes; new kits print LAYOUT_VERSION.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from printables.labels import ACTOR_TYPES, CONSENTS, TERRITORIES  # the identity card's groups

LAYOUT_VERSION = "2"  # what new kits print
# Fingerprints of the geometry of every released layout version. A change of geometry must
# bump LAYOUT_VERSION and keep the old version's card types in LAYOUTS (old printouts are read
# with their own boxes, never with new ones; an unknown version is refused).
KNOWN_FINGERPRINTS = {"1": "c06a7b4d2ffc", "2": "c0a2809b570d"}

QR_MODULES = 21  # version 1: the payload is kept short enough (printables.payload)
QR_MODULE_MM = 1.5  # 4 px per module at 2.7 px/mm
QR_SIZE_MM = QR_MODULES * QR_MODULE_MM
QR_QUIET_MM = 4 * QR_MODULE_MM  # the standard 4-module quiet zone
MARKER_MM = 5.0
MARKER_INSET_MM = 4.0
MARKER_CLEARANCE_MM = 2.0  # white paper kept around a marker so it stands alone
BAND_H_MM = 4.0  # the hatch (pattern) band between the two bottom markers
BAND_SIDE_GAP_MM = 3.5  # from a marker's edge: keeps the markers standing alone
CHECKBOX_MM = 5.0
VOTE_TARGET_MM = 8.0  # layout 1 only
VOTE_AREA_LINE_MM = 0.3  # layout 2: the plain vote area's printed outline (printables.fields)
LABEL_GAP_MM = 3.5  # a field's printed label sits in this band just above its box

FIELD_KINDS = ("text", "email", "phone", "number", "checkbox", "votes")


@dataclass(frozen=True)
class Box:
    x_mm: float
    y_mm: float
    w_mm: float
    h_mm: float

    @property
    def right_mm(self) -> float:
        return self.x_mm + self.w_mm

    @property
    def bottom_mm(self) -> float:
        return self.y_mm + self.h_mm

    @property
    def center_mm(self) -> tuple[float, float]:
        return (self.x_mm + self.w_mm / 2, self.y_mm + self.h_mm / 2)

    def grown(self, margin_mm: float) -> Box:
        return Box(self.x_mm - margin_mm, self.y_mm - margin_mm,
                   self.w_mm + 2 * margin_mm, self.h_mm + 2 * margin_mm)

    def overlaps(self, other: Box) -> bool:
        return (self.x_mm < other.right_mm and other.x_mm < self.right_mm
                and self.y_mm < other.bottom_mm and other.y_mm < self.bottom_mm)

    def contains(self, other: Box) -> bool:
        return (self.x_mm <= other.x_mm and self.y_mm <= other.y_mm
                and other.right_mm <= self.right_mm and other.bottom_mm <= self.bottom_mm)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label: str
    box: Box
    group: str | None = None
    # votes, layout 1 only: the printed circles, each as its bounding box. A votes field without
    # targets (layout 2) is a plain area whose printed outline is ``box`` itself.
    targets: tuple[Box, ...] = ()

    def to_dict(self) -> dict:
        data = {"name": self.name, "kind": self.kind, "label": self.label, "group": self.group,
                **asdict(self.box)}
        if self.targets:
            data["targets"] = [asdict(t) for t in self.targets]
        return data


@dataclass(frozen=True)
class CardType:
    key: str
    letter: str  # the type character in the QR payload
    title: str
    width_mm: float
    height_mm: float
    qr: Box
    markers: tuple[Box, ...]  # clockwise from the top-left: TL, TR, BR, BL
    fields: tuple[Field, ...] = ()
    zone: str | None = None  # posters: the wall zone they head
    is_poster: bool = False
    code_text_baseline_mm: float = 0.0  # the payload printed in clear under the QR

    @property
    def outline(self) -> Box:
        return Box(0.0, 0.0, self.width_mm, self.height_mm)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.key} has no field {name!r}")

    def fields_of_kind(self, *kinds: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind in kinds)

    def to_dict(self) -> dict:
        return {
            "title": self.title, "letter": self.letter,
            "width_mm": self.width_mm, "height_mm": self.height_mm,
            "qr": asdict(self.qr), "qr_quiet_mm": QR_QUIET_MM if not self.is_poster
            else poster_quiet_mm(self.qr),
            "markers": [asdict(m) for m in self.markers],
            "zone": self.zone, "is_poster": self.is_poster,
            "fields": [f.to_dict() for f in self.fields],
        }


def poster_quiet_mm(qr: Box) -> float:
    return 4 * qr.w_mm / QR_MODULES


def corner_markers(width_mm: float, height_mm: float) -> tuple[Box, ...]:
    far_x = width_mm - MARKER_INSET_MM - MARKER_MM
    far_y = height_mm - MARKER_INSET_MM - MARKER_MM
    near = MARKER_INSET_MM
    return (Box(near, near, MARKER_MM, MARKER_MM), Box(far_x, near, MARKER_MM, MARKER_MM),
            Box(far_x, far_y, MARKER_MM, MARKER_MM), Box(near, far_y, MARKER_MM, MARKER_MM))


def hatch_box(card: CardType) -> Box:
    """The pattern band: on the bottom marker row, between the two bottom markers (printed by
    printables.cards; the scanner takes its print out of a vote strip's mask like a marker's)."""
    left_mm = MARKER_INSET_MM + MARKER_MM + BAND_SIDE_GAP_MM
    top_mm = card.height_mm - MARKER_INSET_MM - MARKER_MM + (MARKER_MM - BAND_H_MM) / 2
    return Box(left_mm, top_mm, card.width_mm - 2 * left_mm, BAND_H_MM)


def text(
    name: str, label: str, x: float, y: float, w: float, h: float, kind: str = "text"
) -> Field:
    return Field(name, kind, label, Box(x, y, w, h))


def checkbox(name: str, label: str, x: float, y: float, group: str | None = None) -> Field:
    return Field(name, "checkbox", label, Box(x, y, CHECKBOX_MM, CHECKBOX_MM), group=group)


def vote_strip(name: str, label: str, x: float, y: float, cols: int, rows: int,
               pitch_mm: float) -> Field:
    """Layout 1: rows of printed target circles; the field's box is the paper around them."""
    targets = tuple(Box(x + 1 + c * pitch_mm, y + 2 + r * pitch_mm, VOTE_TARGET_MM, VOTE_TARGET_MM)
                    for r in range(rows) for c in range(cols))
    w = (cols - 1) * pitch_mm + VOTE_TARGET_MM + 2
    h = (rows - 1) * pitch_mm + VOTE_TARGET_MM + 4
    return Field(name, "votes", label, Box(x, y, w, h), targets=targets)


def vote_area(name: str, label: str, x: float, y: float, w: float, h: float) -> Field:
    """Layout 2: one plain area, its outline printed on ``box``; votes go anywhere inside."""
    return Field(name, "votes", label, Box(x, y, w, h))


# --- small cards: 140 x 98 mm, four to an A4 landscape page -------------------------------
SMALL_W_MM, SMALL_H_MM = 140.0, 98.0
SMALL_QR = Box(98.0, 20.0, QR_SIZE_MM, QR_SIZE_MM)
SMALL_BASELINE_MM = 59.5


def small_card(key: str, letter: str, title: str, fields: tuple[Field, ...]) -> CardType:
    return CardType(key, letter, title, SMALL_W_MM, SMALL_H_MM, SMALL_QR,
                    corner_markers(SMALL_W_MM, SMALL_H_MM), fields,
                    code_text_baseline_mm=SMALL_BASELINE_MM)


def diagnostic_fields(main_label: str) -> tuple[Field, ...]:
    return (text("texte", main_label, 5, 20, 87, 48),
            text("contact", "Qui ? Contact", 5, 74, 87, 12))


FREIN = small_card("frein", "F", "Frein", diagnostic_fields("Le frein, en quelques mots"))
LEVIER = small_card("levier", "L", "Levier", diagnostic_fields("Le levier, en quelques mots"))
RESSOURCE = small_card("ressource", "R", "Ressource / initiative locale",
                       diagnostic_fields("La ressource ou l'initiative"))
BESOIN_V1 = small_card("besoin", "B", "Besoin / manque", (
    text("texte", "Le besoin ou le manque", 5, 20, 87, 32),
    vote_strip("votes", "Votes : une gommette par cercle", 5, 58, cols=8, rows=2, pitch_mm=11.0),
    checkbox("travailler", "Je veux y travailler", 98, 74),
))
# Layout 2: the circles' strip becomes a plain area on the very same box (87 x 23 mm), its
# instruction printed above it (the label band), never inside (whatever is inside is counted).
VOTE_AREA_LABEL = "Votes\u00a0: collez une gommette ou tracez un trait par vote"
BESOIN = small_card("besoin", "B", "Besoin / manque", (
    text("texte", "Le besoin ou le manque", 5, 20, 87, 32),
    vote_area("votes", VOTE_AREA_LABEL, 5, 58, 87, 23),
    checkbox("travailler", "Je veux y travailler", 98, 74),
))
CONTACT = small_card("contact", "C", "Contact utile", (
    text("nom", "Nom", 5, 20, 87, 10),
    text("structure", "Structure", 5, 36, 87, 10),
    text("pourquoi", "Pourquoi utile ?", 5, 52, 87, 16),
    text("coordonnees", "Contact (téléphone ou e-mail)", 5, 74, 87, 12),
))

# --- identity card: 196 x 138 mm, two to an A4 portrait page -------------------------------
IDENTITY_W_MM, IDENTITY_H_MM = 196.0, 138.0


def identity_fields() -> tuple[Field, ...]:
    fields = [
        text("nom", "Prénom et nom", 5, 20, 66, 9), text("structure", "Structure", 75, 20, 65, 9),
        text("role", "Rôle / fonction", 5, 34, 66, 9), text("commune", "Commune", 75, 34, 65, 9),
        text("email", "E-mail", 5, 48, 82, 9, kind="email"),
        text("telephone", "Téléphone", 91, 48, 49, 9, kind="phone"),
        text("fais", "Ce que je fais", 5, 62, 135, 14),
        text("enjeux", "Mes enjeux sur la thématique", 5, 82, 135, 14),
    ]
    for i, (key, label) in enumerate(ACTOR_TYPES):
        fields.append(
            checkbox(f"acteur_{key}", label, 5 + 45 * (i % 3), 102 + 7 * (i // 3), "acteur")
        )
    for i, (key, label) in enumerate(TERRITORIES):
        fields.append(checkbox(f"territoire_{key}", label, 5 + 34 * i, 121, "territoire"))
    for i, (key, label) in enumerate(CONSENTS):
        fields.append(checkbox(f"consentement_{key}", label, 146, 73 + 7 * i, "consentement"))
    fields.append(checkbox("newsletter", "Recevoir la lettre d'information", 146, 97))
    fields.append(checkbox("journal", "Bénévole pour le journal", 146, 104))
    return tuple(fields)


IDENTITE = CardType("identite", "I", "Qui fait quoi ?", IDENTITY_W_MM, IDENTITY_H_MM,
                    Box(150.0, 20.0, QR_SIZE_MM, QR_SIZE_MM),
                    corner_markers(IDENTITY_W_MM, IDENTITY_H_MM), identity_fields(),
                    code_text_baseline_mm=59.5)

# --- group sheet "Graine de projet": 200 x 287 mm, one A4 portrait page ---------------------
SHEET_W_MM, SHEET_H_MM = 200.0, 287.0
MEMBER_ROWS = 10


def group_fields() -> tuple[Field, ...]:
    fields = [
        text("titre", "Titre du projet", 5, 24, 140, 12),
        text("besoins", "Besoins auxquels il répond", 5, 42, 140, 14),
        text("envie", "Ce que nous voulons faire", 5, 66, 190, 36),
    ]
    for i in range(MEMBER_ROWS):
        y = 116 + 10 * i
        fields += [
            text(f"membre_{i + 1}_nom", f"Membre {i + 1} : nom", 5, y, 80, 9),
            text(f"membre_{i + 1}_numero", f"Membre {i + 1} : n°", 88, y, 22, 9, kind="number"),
            text(f"membre_{i + 1}_email", f"Membre {i + 1} : e-mail", 113, y, 82, 9, kind="email"),
        ]
    fields += [
        text("premier_pas", "Premier pas", 5, 222, 190, 16),
        text("prochaine_rencontre", "Prochaine rencontre", 5, 244, 92, 10),
        text("referent", "Référent·e", 103, 244, 92, 10),
        checkbox("ouvert", "Ouvert à de nouveaux membres", 5, 262),
    ]
    return tuple(fields)


GRAINE = CardType("graine", "G", "Graine de projet", SHEET_W_MM, SHEET_H_MM,
                  Box(158.0, 20.0, QR_SIZE_MM, QR_SIZE_MM),
                  corner_markers(SHEET_W_MM, SHEET_H_MM), group_fields(),
                  code_text_baseline_mm=59.5)

# --- zone posters: 287 x 200 mm on an A4 landscape page -------------------------------------
POSTER_W_MM, POSTER_H_MM = 287.0, 200.0
POSTER_QR = Box(207.0, 14.0, 63.0, 63.0)  # 3 mm modules: readable across the room
ZONES = (("freins", "1", "FREINS"), ("leviers", "2", "LEVIERS"),
         ("ressources", "3", "RESSOURCES & INITIATIVES"), ("besoins", "4", "BESOINS"),
         ("graines", "5", "GRAINES DE PROJET"))
POSTERS = tuple(CardType(f"poster_{zone}", letter, title, POSTER_W_MM, POSTER_H_MM, POSTER_QR,
                         (), zone=zone, is_poster=True, code_text_baseline_mm=92.0)
                for zone, letter, title in ZONES)

# Every released layout, by version: the card types as printed then. Only the need card's
# vote field differs between 1 and 2; the other card types are the same objects.
LAYOUTS: dict[str, dict[str, CardType]] = {
    version: {c.key: c for c in (IDENTITE, FREIN, LEVIER, RESSOURCE, besoin, CONTACT, GRAINE,
                                 *POSTERS)}
    for version, besoin in (("1", BESOIN_V1), ("2", BESOIN))
}
CARD_TYPES: dict[str, CardType] = LAYOUTS[LAYOUT_VERSION]  # the current layout: what kits print
# The letters and keys are the same in every version (a card's wording may differ, not its type).
TYPES_BY_LETTER: dict[str, CardType] = {c.letter: c for c in CARD_TYPES.values()}
# Which wall zone a card type belongs on, for checking placements.
HOME_ZONE = {"frein": "freins", "levier": "leviers", "ressource": "ressources",
             "besoin": "besoins", "graine": "graines"}


def layout(version: str = LAYOUT_VERSION) -> dict[str, CardType]:
    """The card types of layout ``version`` (a payload's version: printables.payload)."""
    try:
        return LAYOUTS[version]
    except KeyError:
        raise KeyError(f"unknown layout version {version!r}; known: {', '.join(LAYOUTS)}") from None


def card_type(key: str, version: str = LAYOUT_VERSION) -> CardType:
    """Card type ``key`` as printed with layout ``version`` (default: the current one). Read a
    printed card with its code's version (``printables.payload.CardCode.spec``)."""
    types = layout(version)
    try:
        return types[key]
    except KeyError:
        raise KeyError(f"unknown card type {key!r}; known: {', '.join(types)}") from None


def layout_dict(version: str = LAYOUT_VERSION) -> dict:
    return {"units": "mm", "layout_version": version, "fingerprint": fingerprint(version),
            "qr_module_mm": QR_MODULE_MM, "marker_mm": MARKER_MM,
            "card_types": {k: c.to_dict() for k, c in layout(version).items()}}


def fingerprint(version: str = LAYOUT_VERSION) -> str:
    """A short hash of every card's geometry (not its wording): changes iff a box moves."""
    geometry = {k: {"w": c.width_mm, "h": c.height_mm, "qr": asdict(c.qr),
                    "markers": [asdict(m) for m in c.markers],
                    "fields": [(f.name, f.kind, asdict(f.box), [asdict(t) for t in f.targets])
                               for f in c.fields]}
                for k, c in sorted(layout(version).items())}
    blob = json.dumps(geometry, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:12]
