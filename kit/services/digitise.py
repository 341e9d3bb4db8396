"""A photo's scan result into the database: sightings, one merged reading per card, and every
field's value with its source, confidence and crop; then the domain (kit.services.apply).

Rules: a value a human decided (``FieldValue.is_locked``) is never touched by a machine; a card
of another workshop or an unknown code is reported in the photo's message and changes nothing;
the better view of a card wins, and two photos that disagree send the field to review.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from flask import current_app
from sqlalchemy import inspect, select, update

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, Photo, Workshop
from kit.models.base import utc_now
from kit.models.digitisation import HUMAN_STATES
from kit.services import fieldhelp, ocr, personal_data, photos, sightings, ticks
from kit.services.apply import apply_card
from kit.services.kits import kit_card
from kit.services.registrations import identity_answers
from kit.status_messages import Part, part, scan_part, text_part
from printables.payload import PayloadError, parse
from scan import io as scan_io
from scan import scan_image
from scan.budget import OUT_OF_TIME, Budget
from scan.results import CardReading as ScannedCard
from scan.results import Checkbox, PhotoReading, VoteCount
from scan.thresholds import CANONICAL_PX_PER_MM

log = logging.getLogger(__name__)
# The columns a machine reading writes (never who reviewed, nor when).
MACHINE_COLUMNS = ("value", "source", "confidence", "review", "proposal", "proposal_score",
                   "has_ink", "crop_name")
# Checkboxes and vote strips: the scanner's confidence is 0.5 at the edge of its unsure band and
# 1 a margin beyond it; a state just outside the band still goes to a human.
CHECKBOX_AUTO_MIN_CONFIDENCE = 0.75
VOTES_AUTO_MIN_CONFIDENCE = 0.75
EMPTY_FIELD_CONFIDENCE = 0.9  # the scanner's ink test on a blank box: reliable, not certain


@dataclass
class Outcome:
    cards: list[Card] = field(default_factory=list)
    ignored: list[Part] = field(default_factory=list)  # about codes not of this workshop


def workshop_manifest(workshop: Workshop) -> dict:
    """The scanner's manifest from the stored cards: code -> participant number."""
    return {
        "items": [{"code": c.code, "participant": c.participant_number} for c in workshop.cards]
    }


def foreign_message(code: str, workshop: Workshop) -> Part:
    try:
        other = parse(code).workshop
    except PayloadError:
        return part("photo.code_unreadable", code=code)
    if other != workshop.code:
        return part("photo.other_workshop", code=code, other=other, workshop=workshop.code)
    return part("photo.unknown_code", code=code)


def printed_values(card: Card) -> dict[str, str]:
    """What the kit prints in the card's boxes (kit.services.kits.kit_card, the same rule):
    a known person's answers, their registration's "fais"/"enjeux", a "première base" text."""
    person = card.participant
    answers = identity_answers(card.workshop) if card.type_key == "identite" and person else {}
    return dict(kit_card(card, answers).prefill)


def fetch_value(card: Card, name: str, kind: str) -> FieldValue:
    fv = db.session.scalars(select(FieldValue).where(FieldValue.card_id == card.id,
                                                     FieldValue.field_name == name)).first()
    if fv is None:
        fv = FieldValue(card=card, field_name=name, kind=kind, source="ocr")
        db.session.add(fv)
    return fv


def set_value(fv: FieldValue, value, source: str, confidence: float, review: str,
              proposal=None, score=None) -> None:
    fv.value, fv.source, fv.confidence, fv.review = (
        value,
        source,
        round(float(confidence), 4),
        review,
    )
    fv.proposal, fv.proposal_score = proposal, None if score is None else round(float(score), 4)


def write_checkbox(fv: FieldValue, box: Checkbox, disputed: bool) -> None:
    checked, confidence = box.checked, box.confidence
    value = None if checked is None else ("1" if checked else "0")
    sure = checked is not None and confidence >= CHECKBOX_AUTO_MIN_CONFIDENCE and not disputed
    set_value(fv, value, "checkbox", confidence, "auto" if sure else "pending", value, confidence)


def write_votes(fv: FieldValue, strip: VoteCount, disputed: bool) -> None:
    if strip.reason == OUT_OF_TIME:  # never counted (the photo's time ran out): no proposal
        set_value(fv, None, "votes", 0.0, "pending")
        return
    count, confidence = strip.count, strip.confidence
    unsure_target = any(m is None for m in strip.marked)
    sure = confidence >= VOTES_AUTO_MIN_CONFIDENCE and not unsure_target and not disputed
    set_value(
        fv, str(count), "votes", confidence, "auto" if sure else "pending", str(count), confidence
    )


def write_text(fv: FieldValue, has_ink: bool, crop: np.ndarray | None, printed: str | None,
               known: fieldhelp.Known, engine: str, doubt: str | None = None) -> None:
    """``doubt``: why a field read blank may hold writing the photo did not show (the scanner's
    FieldInk.reason: "hors cadre", "déformé", "surexposé", "trace", "couvert"); it is then
    proposed empty, for a person to confirm with one key, never accepted empty."""
    fv.has_ink = has_ink
    if not has_ink and not printed:
        if doubt:
            set_value(fv, None, "ocr", 0.0, "pending", "", None)
        else:
            set_value(fv, "", "ocr", EMPTY_FIELD_CONFIDENCE, "auto")
        return
    reading = ocr.read_field(crop, CANONICAL_PX_PER_MM, engine) if crop is not None else None
    if printed and (reading is None or fieldhelp.matches_printed(reading, printed)):
        # left as printed (or no OCR to tell): the known answer stands
        set_value(fv, printed, "printed", 1.0, "auto", reading.text if reading else None,
                  reading.score if reading else None)
        return
    if reading is None:
        set_value(fv, None, "ocr", 0.0, "pending")
        return
    proposal = fieldhelp.propose(fv.field_name, fv.kind, reading, known)
    if printed:
        # written over or beside a printed answer: a human chooses between the two (the review
        # shows the printed value beside the reading); no rule may replace what was printed
        set_value(fv, None, proposal.source, proposal.confidence, "pending",
                  proposal.value or reading.text, reading.score)
        return
    set_value(fv, proposal.value, proposal.source, proposal.confidence, proposal.review,
              reading.text, reading.score)


def disputed_fields(reading: CardReading) -> set[str]:
    return {d["field"] for d in reading.disagreements or [] if d.get("field")}


def write_values(reading: CardReading, best: ScannedCard | None,
                 crops: dict[str, np.ndarray] | None, crop_names: dict, known: fieldhelp.Known,
                 engine: str) -> None:
    """Machine values from the best view; text fields only when ``crops`` (a new best view)."""
    # no stored reading of the best view (never seen): no machine value to write
    boxes, strips, inks = (best.checkboxes, best.votes, best.fields) if best else ({}, {}, {})
    card = reading.card
    spec, printed, disputed = (
        card.spec,
        printed_values(card),
        disputed_fields(reading),
    )
    values = {}
    with db.session.no_autoflush:  # nothing is written before save_unless_decided below
        for f in spec.fields:
            fv = values[f.name] = fetch_value(card, f.name, f.kind)
            if fv.is_locked:
                continue  # a human decided: no machine reading changes it
            if f.kind == "checkbox" and f.name in boxes:
                write_checkbox(fv, boxes[f.name], f.name in disputed)
            elif f.kind == "votes" and f.name in strips:
                write_votes(fv, strips[f.name], f.name in disputed)
            elif f.name in inks and (crops is not None or fv.id is None):
                write_text(fv, inks[f.name].has_ink, (crops or {}).get(f.name), printed.get(f.name),
                           known, engine, inks[f.name].reason)
            else:
                continue
            fv.crop_name = crop_names.get(f.name, fv.crop_name)
        if card.type_key == "identite":
            ticks.settle_identity_ticks(card, values)
    save_unless_decided(list(values.values()))


def save_unless_decided(values: list[FieldValue]) -> None:
    """Write each changed machine value with one conditional UPDATE (``WHERE`` not decided).

    ``is_locked`` was checked when the value was read, seconds of OCR ago; a reviewer may have
    decided it since. The database re-checks at write time, so a human decision committed
    meanwhile stays, on SQLite and PostgreSQL alike (there the UPDATE waits for the reviewer's
    row lock, then re-evaluates its condition). New rows are inserted by the next flush.
    """
    changed = {}
    for fv in values:
        state = inspect(fv)
        if not state.pending and state.modified:
            changed[fv.id] = {name: getattr(fv, name) for name in MACHINE_COLUMNS}
            db.session.expire(fv)  # drop every in-memory change first: a flush would write it
    for value_id, written in changed.items():
        result = db.session.execute(
            update(FieldValue)
            .where(FieldValue.id == value_id, FieldValue.source != "human",
                   FieldValue.review.not_in(HUMAN_STATES))
            .values(**written, updated_at=utc_now())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            log.info("field value %s was decided by a person meanwhile: reading dropped",
                     value_id)


def record_card(photo: Photo, card: Card, scanned: ScannedCard, image: np.ndarray,
                known: fieldhelp.Known) -> None:
    config = current_app.config
    sighting = sightings.save_sighting(photo, card, scanned)
    crops = sightings.save_images(config["CROPS_DIR"], card, sighting, image, scanned)
    reading, changed = sightings.merge_card(card)
    best = reading.best_sighting
    assert best is not None  # merge_card just chose it
    names = {name: sightings.crop_name(card, best, name) for name in crops}
    write_values(reading, sightings.scanned_card(best), crops if best is sighting else None,
                 names if changed or best is sighting else {}, known, config["OCR_ENGINE"])
    db.session.flush()
    apply_card(card)  # commits


def summary(workshop: Workshop, reading: PhotoReading,
            outcome: Outcome) -> tuple[str, list[Part]]:
    """(status, message parts) of the photo, for whoever took it (translated when shown)."""
    notes = list(outcome.ignored)
    # codes seen but unreadable are said once, by the scanner's lost_codes hint
    notes += [scan_part("error", e) for e in reading.errors
              if e.kind not in ("not_in_manifest", "unreadable_code")]
    if not outcome.cards:
        if outcome.ignored:
            lead = [part("photo.none_of_workshop")]
        else:  # the scanner's hints open with "no card found" and say why (dark, blurred...)
            lead = [scan_part("hint", h) for h in reading.hints] or [part("photo.no_card")]
        return "error", [*lead, *notes]
    count = len(outcome.cards)
    read = part("photo.card_read" if count == 1 else "photo.cards_read", num=count)
    # a blurred photo, cards seen but not read, a photo cut short: said even when cards were read
    notes += [scan_part("hint", h) for h in reading.hints
              if h.kind in ("too_blurred", "lost_codes", "time_budget")]
    return "done", [read, *notes]


def load_image(photo: Photo) -> np.ndarray:
    """The decoded photo; a PhotoError names the file as it was uploaded."""
    path = photos.photo_path(current_app.config["PHOTOS_DIR"], photo)
    try:
        return scan_io.load_photo(path)
    except scan_io.PhotoError as error:
        raise scan_io.PhotoError(str(error).replace(str(path), photo.filename)) from None


def digitise_photo(photo_id: int) -> None:
    """Scan one stored photo and record what it shows (called by the task, in an app context)."""
    if not photos.claim(photo_id):
        return  # done already, or another copy of the task has it: never digitised twice
    photo = db.session.get_one(Photo, photo_id)
    try:
        image = load_image(photo)
    except scan_io.PhotoError as error:
        return photos.set_status(photo, "error", [text_part(str(error))])
    workshop = photo.workshop
    budget = Budget(total=current_app.config["SCAN_READING_BUDGET_S"])  # all cards found read
    reading = scan_image(image, photo.filename, manifest=workshop_manifest(workshop), budget=budget)
    photo.width, photo.height, photo.reading = reading.width, reading.height, reading.to_dict()
    outcome = record_cards(photo, workshop, reading, image)
    photos.set_status(photo, *summary(workshop, reading, outcome))


def record_cards(photo: Photo, workshop: Workshop, reading: PhotoReading,
                 image: np.ndarray) -> Outcome:
    by_code = {c.code: c for c in workshop.cards}
    known = fieldhelp.known_values(workshop)
    outcome = Outcome()
    for scanned in reading.cards:
        card = by_code.get(scanned.code)
        if card is None:
            outcome.ignored.append(foreign_message(scanned.code, workshop))
            continue
        if not personal_data.is_erased_card(card):  # erased (RGPD): read, never recorded
            record_card(photo, card, scanned, image, known)
        outcome.cards.append(card)
    return outcome


def crop_path(crops_root: str, workshop: Workshop, name: str) -> Path | None:
    """The file of a crop or card image named in the database; None if outside the folder."""
    folder = (Path(crops_root) / workshop.code).resolve()
    path = (folder / name).resolve()
    return path if path.is_relative_to(folder) and path.is_file() else None
