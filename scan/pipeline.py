"""The scanner end to end: photo -> codes -> rectified cards -> readings -> wall placement.

``scan_image`` is pure apart from the optional crops and debug overlay it saves through io.py;
``scan_paths`` reads files and never lets one bad photo stop the batch.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from printables.payload import CardCode, PayloadError, parse
from scan import io
from scan.budget import Budget
from scan.bymarkers import cards_by_markers, cards_by_three_markers
from scan.codebook import codebook_of
from scan.deblur import deblur_pass, is_deblurred
from scan.debug import draw_overlay
from scan.hints import blur_hints, budget_hint, fit_hints, photo_hints
from scan.locate import Blur, classify_hits, reading_order, search_codes
from scan.messages import make_error
from scan.mirror import is_mirrored
from scan.read import crop_fields, read_card, unread_card
from scan.recover import recover_lost
from scan.rectify import rectify_hit, warp_card
from scan.results import (
    CardReading,
    Checkbox,
    CodeHit,
    ForeignCode,
    PhotoReading,
    PosterReading,
    ScanError,
    VoteCount,
)
from scan.thresholds import (
    BLUR_LENGTH_PER_SHARPNESS,
    DEBLURRED_CARD_MAX_CONFIDENCE,
    SHAKEN_CARD_MIN_BLUR_MM,
)
from scan.votes import cap_hidden_stickers
from scan.walls import assign_clusters, assign_zones, merge_readings
from scan.wholefit import checked_fit

__all__ = ["scan_image", "scan_paths", "merge_readings"]


def participants_of(manifest: dict | None) -> dict[str, int | None] | None:
    """Code -> participant number from the kit printer's manifest (None without a manifest)."""
    if manifest is None:
        return None
    return {
        item["code"]: item.get("participant")
        for item in manifest.get("items", [])
        if "code" in item
    }


def workshops_of(participants: dict[str, int | None] | None) -> set[str] | None:
    """The workshops whose codes the manifest lists (None without a manifest)."""
    if participants is None:
        return None
    out = set()
    for text in participants:
        try:
            out.add(parse(text).workshop)
        except PayloadError:
            continue
    return out or None  # a manifest naming no workshop (no valid code) filters no poster


def scan_image(
    image_bgr: np.ndarray,
    name: str,
    *,
    manifest: dict | None = None,
    crops_dir: Path | None = None,
    debug_dir: Path | None = None,
    budget: Budget | None = None,
) -> PhotoReading:
    """One photo read; ``budget`` (default PHOTO_TIME_BUDGET_S from now) bounds the code search."""
    gray = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY) if image_bgr.ndim == 3 else image_bgr
    bgr = image_bgr if image_bgr.ndim == 3 else cv2.cvtColor(image_bgr, cv2.COLOR_GRAY2BGR)
    reading = PhotoReading(name, int(gray.shape[1]), int(gray.shape[0]))
    search = search_codes(gray, budget or Budget())
    search.codebook = codebook_of(manifest)  # lost codes may be named among the manifest's
    deblur_pass(gray, search)  # a blurred photo: codes whose finders blur erased
    if search.deblurred is not None:  # cards by their corner markers on the deblurred photo
        cards_by_markers(gray, search.deblurred, search)  # (before the retries: a card a read)
    recover_lost(gray, search)  # codes seen but not read: decoded from their own finders
    if search.deblurred is not None:  # last: cards showing three of their four markers
        cards_by_three_markers(gray, search.deblurred, search)
    hits = search.hits
    seen_mirrored = [is_mirrored(gray, hit) for hit in hits]  # a reflection is no card
    mirrored = [hit for hit, flag in zip(hits, seen_mirrored) if flag]
    located = classify_hits([hit for hit, flag in zip(hits, seen_mirrored) if not flag])
    located.errors += [make_error("mirrored", hit.text, hit.corners_px) for hit in mirrored]
    participants = participants_of(manifest)
    read = {  # each while the photo's whole budget lasts, the cheapest per value first
        i: read_one_card(gray, bgr, *located.cards[i], crops_dir, search.blur, search.budget)
        for i in reading_order([code.text for _, code in located.cards])
    }
    for i, (_, code) in enumerate(located.cards):  # reported in the photo's order
        card = read[i]
        if participants is not None:
            card.participant = participants.get(code.text)
            if code.text not in participants:
                reading.errors.append(make_error("not_in_manifest", code.text))
        reading.cards.append(card)
    cap_hidden_stickers([strip for card in reading.cards for strip in card.votes.values()])
    workshops = workshops_of(participants)
    for hit, code in located.posters:  # another workshop's poster heads no zone of this wall
        if workshops is not None and code.workshop not in workshops:
            reading.errors.append(make_error("not_in_manifest", code.text, hit.corners_px))
        else:
            reading.posters.append(poster_reading(gray, hit, code))
    reading.foreign_codes = [ForeignCode(h.text, h.corners_px) for h in located.foreign]
    reading.errors = located.errors + reading.errors
    assign_zones(reading.cards, reading.posters)
    assign_clusters(reading.cards)
    if not reading.cards:
        reading.hints = photo_hints(gray, hits, search.finders)
    reading.hints += blur_hints(search, reading.hints, gray.shape)
    reading.hints += fit_hints([c for c in reading.cards if c.code not in search.budget.unread])
    reading.errors += [
        ScanError(
            "Code QR repéré ici mais illisible (flou, pli ou reflet) : sa carte n'a pas été lue.",
            "unreadable_code",
            None,
            np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float64),
        )
        for x0, y0, x1, y1 in search.lost
    ]
    if search.budget.exhausted:
        reading.hints.append(budget_hint(search.budget))
    if debug_dir is not None:
        io.save_jpeg(Path(debug_dir) / f"{Path(name).stem}.jpg", draw_overlay(bgr, reading))
    return reading


def read_one_card(
    gray: np.ndarray,
    bgr: np.ndarray,
    hit: CodeHit,
    code: CardCode,
    crops_dir: Path | None,
    blur: Blur | None = None,
    budget: Budget | None = None,
) -> CardReading:
    """One card's readings. ``blur``: the photo's codes' measured blur; a card it shakes over
    SHAKEN_CARD_MIN_BLUR_MM is read like a card seen only on the deblurred photo (capped).
    ``budget``: a card whose turn comes once the photo's whole budget is spent is placed (its
    markers) but not read (``unread_card``: unsure, reason "temps"), and named in the hints."""
    spec = code.spec  # the boxes of the layout the card was printed with (its code's version)
    rect = rectify_hit(gray, spec, hit)
    if budget is not None and not budget.reading_left():
        budget.skip("unread_cards")
        budget.unread.append(code.text)
        checkboxes, votes, fields = unread_card(gray, rect.homography, spec)
        confirmed = False  # not checked
    else:
        left_out = 0 if budget is None else budget.left_out_while_reading()
        rect, check = checked_fit(gray, spec, rect, hit.corners_px, budget)  # features agree?
        confirmed = check.confirmed
        checkboxes, votes, fields = read_card(
            gray, bgr, rect.homography, spec, rect.fit_error_mm, confirmed, check.anchors, budget
        )
        if budget is not None and budget.left_out_while_reading() > left_out:
            budget.partly.append(code.text)  # a refit or a vote strip left out: named in hints
    shaken = blur is not None and (
        BLUR_LENGTH_PER_SHARPNESS / blur.sharpness / rect.px_per_mm >= SHAKEN_CARD_MIN_BLUR_MM
    )
    if is_deblurred(hit) or shaken:  # only the deblurred photo showed its code, or the photo is
        readings: list[Checkbox | VoteCount] = [*checkboxes.values(), *votes.values()]
        for reading in readings:  # that blurred: a person confirms
            reading.confidence = min(reading.confidence, DEBLURRED_CARD_MAX_CONFIDENCE)
    if crops_dir is not None:
        for field_name, crop in crop_fields(warp_card(bgr, rect, spec), spec).items():
            path = Path(crops_dir) / code.text / f"{field_name}.png"
            io.save_png(path, crop)
            fields[field_name].crop = str(path)
    return CardReading(
        code.text,
        spec.key,
        rect.corners_px,
        rect.fit_error_mm,
        rect.px_per_mm,
        rect.markers_found,
        checkboxes=checkboxes,
        votes=votes,
        fields=fields,
        homography=rect.homography,
        fit_confirmed=confirmed,
    )


def poster_reading(gray: np.ndarray, hit: CodeHit, code: CardCode) -> PosterReading:
    spec = code.spec
    rect = rectify_hit(gray, spec, hit)  # posters have no markers: the QR-only fit
    assert spec.zone is not None  # every poster heads a zone
    return PosterReading(code.text, spec.zone, rect.corners_px)


def scan_paths(
    paths: list[Path],
    *,
    manifest: dict | Path | None = None,
    crops_dir: Path | None = None,
    debug_dir: Path | None = None,
) -> dict:
    """Scan photos and folders of photos; the JSON document of issue 3."""
    if manifest is not None and not isinstance(manifest, dict):
        manifest = io.read_manifest(Path(manifest))
    photos = [scan_path(path, manifest, crops_dir, debug_dir) for path in io.list_photos(paths)]
    return {"photos": [p.to_dict() for p in photos], "cards": merge_readings(photos)}


def scan_path(
    path: Path, manifest: dict | None, crops_dir: Path | None, debug_dir: Path | None
) -> PhotoReading:
    try:
        image = io.load_photo(path)
    except io.PhotoError as exc:
        return PhotoReading(str(path), errors=[ScanError(str(exc), "unreadable_file")])
    try:
        return scan_image(
            image, str(path), manifest=manifest, crops_dir=crops_dir, debug_dir=debug_dir
        )
    except Exception as exc:  # one photo's bug must not lose the batch; the message says where
        return PhotoReading(
            str(path),
            int(image.shape[1]),
            int(image.shape[0]),
            errors=[
                ScanError(
                    f"{path} : erreur interne du lecteur ({type(exc).__name__}: {exc})", "internal"
                )
            ],
        )
