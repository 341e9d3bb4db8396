"""The card-layout spec: every box where it can be printed and read back."""
from __future__ import annotations

import pytest

from printables import cards
from printables.fields import checkbox_label, label_band
from printables.layout import (
    ACTOR_TYPES,
    CARD_TYPES,
    CONSENTS,
    KNOWN_FINGERPRINTS,
    LAYOUT_VERSION,
    LAYOUTS,
    MARKER_CLEARANCE_MM,
    MARKER_MM,
    QR_MODULE_MM,
    QR_MODULES,
    QR_QUIET_MM,
    TERRITORIES,
    Box,
    CardType,
    card_type,
    fingerprint,
    layout_dict,
    poster_quiet_mm,
)
from printables.render import text_width_mm
from printables.sheets import is_member_field

CARDS = [c for c in CARD_TYPES.values() if not c.is_poster]
POSTERS = [c for c in CARD_TYPES.values() if c.is_poster]
CAP_HEIGHT_EM = 0.73  # DejaVu Sans capitals: the code text is upper case and digits


def quiet_box(card: CardType) -> Box:
    return card.qr.grown(poster_quiet_mm(card.qr) if card.is_poster else QR_QUIET_MM)


def obstacles(card: CardType) -> list[tuple[str, Box]]:
    """What no field or printed label may touch: markers with clearance, QR with quiet zone."""
    found = [(f"marker {i}", m.grown(MARKER_CLEARANCE_MM)) for i, m in enumerate(card.markers)]
    return found + [("QR quiet zone", quiet_box(card))]


def labels_above(card: CardType):
    """Fields printing their label above the box (member rows share one header line)."""
    return [
        f
        for f in card.fields
        if f.kind != "checkbox" and not (is_member_field(f) and not f.name.startswith("membre_1_"))
    ]


@pytest.mark.parametrize("card", CARD_TYPES.values(), ids=lambda c: c.key)
def test_layout_boxes_inside_card(card):
    boxes = [("qr", card.qr), *((f"marker {i}", m) for i, m in enumerate(card.markers)),
             *((f.name, f.box) for f in card.fields),
             *((f"{f.name} target", t) for f in card.fields for t in f.targets)]
    outside = [name for name, box in boxes if not card.outline.contains(box)]
    assert outside == []


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.key)
def test_layout_fields_do_not_overlap(card):
    clashes = [(a.name, b.name) for i, a in enumerate(card.fields) for b in card.fields[i + 1:]
               if a.box.overlaps(b.box)]
    assert clashes == []


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.key)
def test_layout_fields_clear_of_markers_and_qr(card):
    clashes = [(f.name, what) for f in card.fields for what, box in obstacles(card)
               if f.box.overlaps(box)]
    assert clashes == []


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.key)
def test_layout_label_bands_free(card):
    others = [(f.name, f.box) for f in card.fields] + obstacles(card)
    clashes = [(f.name, what) for f in labels_above(card) for what, box in others
               if what != f.name and label_band(f).overlaps(box)]
    assert clashes == []


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.key)
def test_layout_checkbox_labels_fit_their_room(card):
    others = [(f.name, f.box) for f in card.fields] + obstacles(card)
    for field in card.fields_of_kind("checkbox"):
        label = checkbox_label(field, card)
        assert [
            what for what, box in others if what != field.name and label.box.overlaps(box)
        ] == []
        assert max(text_width_mm(line, label.size_pt) for line in label.lines) <= label.box.w_mm
        assert " ".join(label.lines) == field.label


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.key)
def test_layout_four_markers_clockwise(card):
    centres = [m.center_mm for m in card.markers]
    assert len(card.markers) == 4
    assert all(m.w_mm == m.h_mm == MARKER_MM for m in card.markers)
    (tl, tr, br, bl) = centres
    assert tl[0] < tr[0] and tl[1] < bl[1] and br[0] > bl[0] and br[1] > tr[1]
    assert card.markers[2].right_mm - card.markers[0].x_mm > 0.9 * card.width_mm


def test_layout_posters_have_no_markers():
    assert [p.key for p in POSTERS if p.markers] == []
    assert len(POSTERS) == 5


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.key)
def test_layout_qr_is_version_1_at_module_size(card):
    assert card.qr.w_mm == card.qr.h_mm == QR_MODULES * QR_MODULE_MM


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.key)
def test_layout_code_text_below_quiet_zone(card):
    cap_top_mm = card.code_text_baseline_mm - cards.CODE_TEXT_SIZE_PT * CAP_HEIGHT_EM * 25.4 / 72
    assert cap_top_mm >= quiet_box(card).bottom_mm


@pytest.mark.parametrize("card", [c for c in CARDS if c.key != "graine"], ids=lambda c: c.key)
def test_layout_participant_number_clear_of_fields(card):
    width_mm = text_width_mm("N° 9999", cards.NUMBER_SIZE_PT, bold=True)
    baseline_mm = card.code_text_baseline_mm + cards.NUMBER_BELOW_CODE_MM
    height_mm = cards.NUMBER_SIZE_PT * CAP_HEIGHT_EM * 25.4 / 72
    number = Box(card.qr.center_mm[0] - width_mm / 2, baseline_mm - height_mm, width_mm, height_mm)
    assert card.outline.contains(number)
    assert [f.name for f in card.fields if f.box.overlaps(number) or
            (f in labels_above(card) and label_band(f).overlaps(number))] == []


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.key)
def test_layout_hatch_band_clear_of_everything(card):
    band = cards.hatch_box(card)
    assert card.outline.contains(band)
    assert [what for what, box in [(f.name, f.box) for f in card.fields] + obstacles(card)
            if band.overlaps(box)] == []


def test_layout_fingerprint_is_the_released_one():
    assert fingerprint() == KNOWN_FINGERPRINTS[LAYOUT_VERSION]


@pytest.mark.parametrize("version", sorted(KNOWN_FINGERPRINTS))
def test_every_released_layout_is_kept_with_its_fingerprint(version):
    """Old printouts are read with their own boxes: a released layout never changes."""
    assert fingerprint(version) == KNOWN_FINGERPRINTS[version]
    assert layout_dict(version)["fingerprint"] == KNOWN_FINGERPRINTS[version]
    assert set(LAYOUTS) == set(KNOWN_FINGERPRINTS)


def test_layout_2_changes_only_the_need_card_vote_field():
    """Layout 2: the need card's 16 circles become one plain area on the same box."""
    for key, card in LAYOUTS["2"].items():
        old = card_type(key, "1")
        if key != "besoin":
            assert card is old
            continue
        assert [f for f in card.fields if f.name != "votes"] == [
            f for f in old.fields if f.name != "votes"]
        area, strip = card.field("votes"), old.field("votes")
        assert (area.kind, area.box, area.targets) == ("votes", strip.box, ())
        assert len(strip.targets) == 16
    assert card_type("besoin") is LAYOUTS[LAYOUT_VERSION]["besoin"]
    with pytest.raises(KeyError, match="layout version"):
        card_type("besoin", "9")


@pytest.mark.parametrize("group, options", [("acteur", ACTOR_TYPES), ("territoire", TERRITORIES),
                                            ("consentement", CONSENTS)])
def test_layout_checkbox_groups_complete(group, options):
    identity = CARD_TYPES["identite"]
    names = [f.name for f in identity.fields if f.group == group]
    assert len(names) == len(options) > 0
    assert all(identity.field(n).kind == "checkbox" for n in names)


@pytest.mark.parametrize(
    "card", [c for c in CARDS if c.fields_of_kind("votes")], ids=lambda c: c.key
)
def test_layout_vote_targets_inside_strip_apart(card):
    for field in card.fields_of_kind("votes"):
        assert all(field.box.contains(t) for t in field.targets)
        pairs = [(a, b) for i, a in enumerate(field.targets) for b in field.targets[i + 1:]]
        assert not any(a.overlaps(b) for a, b in pairs)


def test_layout_command_prints_a_released_version(capsys):
    import json

    from printables.__main__ import main

    assert main(["layout", "--version", "1"]) == 0
    old = json.loads(capsys.readouterr().out)
    assert (old["layout_version"], old["fingerprint"]) == ("1", KNOWN_FINGERPRINTS["1"])
    assert len(old["card_types"]["besoin"]["fields"][1]["targets"]) == 16
    assert main(["layout"]) == 0
    assert json.loads(capsys.readouterr().out)["layout_version"] == LAYOUT_VERSION
