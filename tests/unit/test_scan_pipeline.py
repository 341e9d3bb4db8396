"""scan.pipeline and the command line: a whole photo in, the JSON of issue 3 out."""
import json

import cv2
import numpy as np
import pytest

from printables.layout import CARD_TYPES
from printables.payload import check_character
from scan import scan_image, scan_paths
from scan.__main__ import main, summary
from tests.support.scan_cards import (
    Marks,
    Placed,
    make_code,
    photograph,
    placed_card,
    qr_matrix,
    render_card,
)

CARD_KEYS = {"code", "type", "participant", "corners_px", "fit_error_mm", "zone", "cluster",
             "checkboxes", "votes", "fields"}
PHOTO_KEYS = {"file", "width", "height", "cards", "posters", "foreign_codes", "errors", "hints"}


def qr_item(text: str, x_mm: float, y_mm: float, size_mm: float = 40.0) -> Placed:
    modules = np.pad(np.where(qr_matrix(text), 0, 255).astype(np.uint8), 4, constant_values=255)
    image = cv2.cvtColor(
        cv2.resize(modules, (400, 400), interpolation=cv2.INTER_NEAREST), cv2.COLOR_GRAY2BGR
    )
    return Placed(image, size_mm, size_mm, x_mm, y_mm)


@pytest.fixture
def make_wall():
    """Factory: two posters, cards under them (two stuck together), a venue QR and a tampered
    card code; returns (photo BGR, {code: item index}, true zones)."""
    def make(px_per_mm=3.0, tilt_deg=20.0):
        posters = [("poster_freins", 0.0), ("poster_besoins", 330.0)]
        items, zones = [], {}
        for key, x in posters:
            card = CARD_TYPES[key]
            items.append(
                Placed(
                    render_card(key, make_code(key, 900 + len(items)), 3.0),
                    card.width_mm,
                    card.height_mm,
                    x,
                    0,
                )
            )
        cards = [
            ("frein", 10, 230, "freins", Marks()),
            ("frein", 152, 232, "freins", Marks(ink=("texte",))),
            (
                "besoin",
                340,
                240,
                "besoins",
                Marks(
                    checks={"travailler": "cross"}, votes={"votes": [(0, "rouge"), (5, "jaune")]}
                ),
            ),
        ]
        for i, (key, x, y, zone, marks) in enumerate(cards):
            code = make_code(key, 10 + i)
            items.append(placed_card(key, code, x, y, angle_deg=3 * i, marks=marks))
            zones[code] = zone
        body = "AK1-MOB26-F00077"
        tampered = body + ("Z" if check_character(body) != "Z" else "Y")
        items += [qr_item("https://mairie.example/wifi", 560, 380), qr_item(tampered, 180, 360, 32)]
        photo = photograph(
            items, 640, 450, px_per_mm, tilt_deg, blur_px=0.6, noise=3, jpeg_quality=85
        )
        return photo.image, zones, tampered
    return make


def test_scan_image_wall_reads_cards_zones_clusters(make_wall):
    image, zones, tampered = make_wall()
    reading = scan_image(image, "mur.jpg").to_dict()
    assert set(reading) >= PHOTO_KEYS
    cards = {c["code"]: c for c in reading["cards"]}
    assert {code: c["zone"] for code, c in cards.items()} == zones
    assert all(set(c) >= CARD_KEYS for c in cards.values())
    frein_a, frein_b, besoin = (cards[code] for code in zones)
    assert frein_a["cluster"] == frein_b["cluster"] != besoin["cluster"]
    assert besoin["checkboxes"]["travailler"]["checked"] is True
    assert besoin["votes"]["votes"]["count"] == 2
    assert frein_b["fields"]["texte"]["has_ink"] and not frein_a["fields"]["texte"]["has_ink"]
    assert {p["zone"] for p in reading["posters"]} == {"freins", "besoins"}
    assert [f["text"] for f in reading["foreign_codes"]] == ["https://mairie.example/wifi"]
    assert [(e["kind"], e["code"]) for e in reading["errors"]] == [("bad_check", tampered)]
    assert all(c["participant"] is None for c in cards.values())


def test_scan_image_manifest_gives_participants_and_flags_strangers(make_wall):
    image, zones, _ = make_wall()
    codes = list(zones)
    manifest = {"items": [{"code": codes[0], "type": "frein", "participant": 4},
                          {"code": codes[2], "type": "besoin", "participant": None}]}
    reading = scan_image(image, "mur.jpg", manifest=manifest)
    assert {c.code: c.participant for c in reading.cards} == {
        codes[0]: 4,
        codes[1]: None,
        codes[2]: None,
    }
    assert [e.code for e in reading.errors if e.kind == "not_in_manifest"] == [codes[1]]


def test_scan_image_no_card_dark_photo_says_too_dark():
    dark = np.full((600, 800, 3), 18, np.uint8)
    dark[200:400, 300:500] = 30
    hints = {h.kind for h in scan_image(dark, "cave.jpg").hints}
    assert {"no_card", "too_dark"} <= hints and "too_far" not in hints


def test_scan_image_no_card_blurred_photo_says_too_blurred():
    sharp = render_card("frein", make_code("frein", 1), 4.0)
    blurred = cv2.GaussianBlur(sharp, (0, 0), 9)
    reading = scan_image(blurred, "flou.jpg")
    assert reading.cards == [] and "too_blurred" in {h.kind for h in reading.hints}


def test_scan_image_tiny_codes_say_too_far():
    items = [
        placed_card("frein", make_code("frein", i), 150 * i, 0, px_per_mm=3.0) for i in range(6)
    ]
    photo = photograph(items, 900, 100, 0.5, 0, blur_px=0.3)  # 0.75 px per module: nothing decodes
    hints = scan_image(photo.image, "loin.jpg").hints
    assert [h.kind for h in hints if h.kind == "too_far"] == ["too_far"]


def test_scan_paths_bad_files_reported_batch_goes_on(tmp_path, make_wall):
    image, zones, _ = make_wall()
    cv2.imwrite(str(tmp_path / "a_mur.jpg"), image)
    (tmp_path / "b_notes.jpg").write_text("ceci n'est pas une photo")
    good = (tmp_path / "a_mur.jpg").read_bytes()
    (tmp_path / "c_coupee.jpg").write_bytes(good[: len(good) // 3])
    result = scan_paths([tmp_path])
    by_name = {p["file"].rsplit("/", 1)[-1]: p for p in result["photos"]}
    assert set(by_name) == {"a_mur.jpg", "b_notes.jpg", "c_coupee.jpg"}
    assert {c["code"] for c in by_name["a_mur.jpg"]["cards"]} == set(zones)
    for name in ("b_notes.jpg", "c_coupee.jpg"):
        assert [e["kind"] for e in by_name[name]["errors"]] == ["unreadable_file"]
        assert name in by_name[name]["errors"][0]["message"]
    assert set(result["cards"]) == set(zones)


def test_scan_paths_same_wall_twice_merges_one_reading(tmp_path, make_wall):
    near, zones, _ = make_wall(px_per_mm=4.0, tilt_deg=10)
    far, _, _ = make_wall(px_per_mm=2.8, tilt_deg=25)
    cv2.imwrite(str(tmp_path / "pres.jpg"), near)
    cv2.imwrite(str(tmp_path / "loin.jpg"), far)
    cards = scan_paths([tmp_path / "loin.jpg", tmp_path / "pres.jpg"])["cards"]
    assert set(cards) == set(zones)
    assert all(
        c["best_view"].endswith("pres.jpg") and len(c["seen_in"]) == 2 for c in cards.values()
    )
    assert all(c["disagreements"] == [] for c in cards.values())


def test_cli_writes_json_crops_and_overlay(tmp_path, make_wall, capsys):
    image, zones, _ = make_wall()
    cv2.imwrite(str(tmp_path / "mur.jpg"), image)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"items": [{"code": c, "type": "x", "participant": i + 1}
                                              for i, c in enumerate(zones)]}))
    out = tmp_path / "out" / "lectures.json"
    status = main(
        [
            str(tmp_path / "mur.jpg"),
            "--json",
            str(out),
            "--crops",
            str(tmp_path / "crops"),
            "--debug",
            str(tmp_path / "debug"),
            "--manifest",
            str(manifest),
        ]
    )
    assert status == 0
    assert capsys.readouterr().out == f"1 photo, 3 cartes lues, 0 fichier illisible -> {out}\n"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(c["participant"] for c in data["photos"][0]["cards"]) == [1, 2, 3]
    besoin = next(c for c in data["photos"][0]["cards"] if c["type"] == "besoin")
    crop = tmp_path / "crops" / besoin["code"] / "texte.png"
    assert besoin["fields"]["texte"]["crop"] == str(crop)
    # the box + 0.5 mm, at 8 px/mm
    assert cv2.imread(str(crop)).shape[:2] == (round(33 * 8), round(88 * 8))
    assert (tmp_path / "debug" / "mur.jpg").stat().st_size > 10_000


def test_cli_summary_says_each_count_in_the_singular_or_the_plural():
    """French: the singular for 0 and 1, the plural from 2; never « carte(s) »."""
    def photo(cards: int, unreadable: bool = False) -> dict:
        return {"cards": [{}] * cards,
                "errors": [{"kind": "unreadable_file"}] if unreadable else []}

    assert summary([]) == "0 photo, 0 carte lue, 0 fichier illisible"
    assert summary([photo(1), photo(0, unreadable=True)]) == (
        "2 photos, 1 carte lue, 1 fichier illisible")
    assert summary([photo(2), photo(0, True), photo(0, True)]) == (
        "3 photos, 2 cartes lues, 2 fichiers illisibles")


def test_cli_unreadable_manifest_exits_2(tmp_path, capsys):
    bad = tmp_path / "manifest.json"
    bad.write_text("{pas du json")
    assert main([str(tmp_path), "--json", str(tmp_path / "o.json"), "--manifest", str(bad)]) == 2
    assert "manifest.json" in capsys.readouterr().err
