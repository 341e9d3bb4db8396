"""One card seen in one photo: its sighting row, its rectified image and field crops on disk,
and the merge of all its sightings into one CardReading (the better view wins).

Images live under ``CROPS_DIR/<WORKSHOP>/<CARD CODE>/``: ``s<sighting>.jpg`` (the rectified
card) and ``s<sighting>-<field>.png`` (each field). Names are derived from the sighting, so a
re-scan of the same photo rewrites the same files.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, CardReading, Photo, Sighting
from kit.services.apply import reading_of
from scan import io as scan_io
from scan.read import crop_fields
from scan.rectify import warp_box
from scan.results import CardReading as ScannedCard
from scan.results import points_list
from scan.thresholds import CANONICAL_PX_PER_MM
from scan.walls import disagreements, has_unread, view_score


def card_folder(crops_root: str, card: Card) -> Path:
    return Path(crops_root) / card.workshop.code / card.code


def image_name(card: Card, sighting: Sighting) -> str:
    """Relative to CROPS_DIR/<WORKSHOP>/."""
    return f"{card.code}/s{sighting.id}.jpg"


def crop_name(card: Card, sighting: Sighting, field_name: str) -> str:
    return f"{card.code}/s{sighting.id}-{field_name}.png"


def cluster_key(photo: Photo, cluster: int | None) -> str | None:
    """Cluster numbers restart in every photo: qualify them with the photo."""
    return f"{photo.id}-{cluster}" if cluster is not None else None


def save_sighting(photo: Photo, card: Card, scanned: ScannedCard) -> Sighting:
    sighting = db.session.scalars(select(Sighting).where(Sighting.photo_id == photo.id,
                                                         Sighting.card_id == card.id)).first()
    if sighting is None:
        sighting = Sighting(photo=photo, card=card)
        db.session.add(sighting)
    sighting.corners_px = points_list(scanned.corners_px)
    sighting.fit_error_mm = round(float(scanned.fit_error_mm), 3)
    sighting.px_per_mm = round(float(scanned.px_per_mm), 3)
    sighting.zone = scanned.zone
    sighting.cluster = cluster_key(photo, scanned.cluster)
    db.session.flush()  # the id names the image files
    sighting.image_name = image_name(card, sighting)
    return sighting


def save_images(crops_root: str, card: Card, sighting: Sighting, image_bgr: np.ndarray,
                scanned: ScannedCard) -> dict[str, np.ndarray]:
    """Write the rectified card and its field crops; return the crops (for OCR)."""
    spec = card.spec
    assert scanned.homography is not None  # set on every card the scanner read
    card_bgr = warp_box(image_bgr, scanned.homography, spec.outline, CANONICAL_PX_PER_MM)
    folder = Path(crops_root) / card.workshop.code
    scan_io.save_jpeg(folder / image_name(card, sighting), card_bgr)
    crops = crop_fields(card_bgr, spec, fields=spec.fields)  # checkboxes and vote strips too
    for name, crop in crops.items():
        scan_io.save_png(folder / crop_name(card, sighting, name), crop)
    return crops


def view_quality(sighting: Sighting) -> float:
    return view_score(sighting.px_per_mm or 0.0, sighting.fit_error_mm or 0.0)


def card_sightings(card: Card) -> list[Sighting]:
    return list(db.session.scalars(select(Sighting).where(Sighting.card_id == card.id)
                                   .order_by(Sighting.id)))


def scanned_card(sighting: Sighting) -> ScannedCard | None:
    """The scanner's reading of this card in this photo (kept in Photo.reading)."""
    for item in (sighting.photo.reading or {}).get("cards", []):
        if item.get("code") == sighting.card.code:
            return ScannedCard.from_dict(item)
    return None


def is_read_whole(scanned: ScannedCard | None) -> bool:
    """No box, strip or field of this view left unread for lack of time (an older reading
    without its scan kept counts as whole: nothing says otherwise)."""
    return scanned is None or not has_unread(scanned)


def merge_card(card: Card) -> tuple[CardReading, bool]:
    """Best view, wall place and disagreements over all sightings; True if the best changed.
    A view the time budget cut never wins over one read in full (scan.walls.view_rank): its
    unread boxes and strips would replace the values the other view read."""
    sightings = card_sightings(card)
    scans = {s.id: scanned_card(s) for s in sightings}
    best = max(sightings, key=lambda s: (is_read_whole(scans[s.id]), view_quality(s)))
    reading = reading_of(card)
    changed = reading.best_sighting_id != best.id
    reading.best_sighting = best
    placed = [s for s in sightings if s.zone is not None]
    if placed:  # a close-up on a table says nothing about the wall: keep the wall's place
        where = max(placed, key=view_quality)
        reading.zone, reading.cluster = where.zone, where.cluster
    views = [(s.photo.filename, scanned) for s in sightings
             if (scanned := scans[s.id]) is not None]
    reading.disagreements = disagreements(views) or None
    return reading, changed
