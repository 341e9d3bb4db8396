"""Uploaded photos: stored once by content under ``PHOTOS_DIR/<CODE>/``, and their status.

The same bytes uploaded twice (a volunteer retrying, two volunteers sending the same picture)
are one photo: the second upload is recognised by its sha256 and not processed again.
Statuses: queued -> processing -> done | error (with a message for the person who sent it).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask_babel import format_decimal
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from kit.extensions import db
from kit.i18n import N_
from kit.models import Photo, UploadLink, User, Workshop
from kit.models.base import utc_now
from kit.services.photo_check import UploadError as UploadError  # views catch photos.UploadError
from kit.services.photo_check import check_photo
from kit.services.photo_metadata import strip_metadata
from kit.status_messages import Part, french, render

MAX_FILENAME_CHARS = 255


@dataclass(frozen=True)
class LinkQuota:
    """What one volunteer link may store in all: anyone holding the link can send photos,
    so a leaked or misused link fills the disk only up to this (settings
    ``UPLOAD_LINK_MAX_PHOTOS`` and ``UPLOAD_LINK_MAX_MB``); organisers' uploads have none."""

    photos: int
    megabytes: int

    def exceeded(self, count: int, size: int) -> bool:
        """Whether ``count`` photos of ``size`` bytes in all go past this quota."""
        return count > self.photos or size > self.megabytes * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    photo: Photo
    is_new: bool  # False: the same file was already there (not processed again)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def workshop_dir(root: str, workshop: Workshop) -> Path:
    return Path(root) / workshop.code


def photo_path(root: str, photo: Photo) -> Path:
    return workshop_dir(root, photo.workshop) / photo.stored_name


def find_by_hash(workshop: Workshop, digest: str) -> Photo | None:
    return db.session.scalars(
        select(Photo).where(Photo.workshop_id == workshop.id, Photo.sha256 == digest)
    ).first()


def write_atomically(path: Path, data: bytes) -> None:
    """A half-written file must never be read by the worker."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def store_upload(
    root: str,
    workshop: Workshop,
    filename: str,
    data: bytes,
    *,
    user: User | None = None,
    link: UploadLink | None = None,
    quota: LinkQuota | None = None,
) -> Upload:
    """Store one uploaded photo (or find it already stored) as a queued photo; commit.

    Anything that does not decode as a photo is refused here (``UploadError``) and never stored,
    and so is a new photo that would take ``link`` past its ``quota``. A file already stored
    and a link already full are answered before the photo is decoded (no CPU spent on them).
    """
    digest = sha256_of(data)  # of what was sent: the same file sent twice is found again
    existing = find_by_hash(workshop, digest)  # it was checked when it was first stored
    if existing is not None:
        return Upload(existing, False)
    if link is not None and quota is not None:
        check_link_quota(link, 0, quota, filename)  # already full, whatever this file is
    checked = check_photo(data, filename)
    # stored without its GPS position, device and dates: only pixels and orientation
    data, suffix = strip_metadata(data, checked.suffix)
    if link is not None and quota is not None:
        check_link_quota(link, len(data), quota, filename)
    stored_name = digest + suffix  # the decoded format's, never the sender's
    write_atomically(workshop_dir(root, workshop) / stored_name, data)
    photo = Photo(
        workshop=workshop,
        sha256=digest,
        filename=filename[:MAX_FILENAME_CHARS],
        stored_name=stored_name,
        size_bytes=len(data),
        uploaded_by=user,
        width=checked.width,
        height=checked.height,
        upload_link_id=link.id if link else None,
        status="queued",
    )
    db.session.add(photo)
    try:
        db.session.commit()
    except IntegrityError:  # the same file arrived at the same moment in another request
        db.session.rollback()
        existing = find_by_hash(workshop, digest)
        assert existing is not None  # the unique (workshop, hash) that just refused ours
        return Upload(existing, False)
    if link is not None and quota is not None:
        undo_past_quota(root, photo, link, quota, filename)
    return Upload(photo, True)


def undo_past_quota(root: str, photo: Photo, link: UploadLink, quota: LinkQuota,
                    filename: str) -> None:
    """Requests sent at the same moment all pass check_link_quota before any is stored: once
    stored, a photo that the link's earlier ones (smaller ids) leave no room for goes again."""
    count, used = link_usage(link, up_to=photo.id)
    if not quota.exceeded(count, used):
        return
    path = photo_path(root, photo)
    db.session.delete(photo)
    db.session.commit()
    path.unlink(missing_ok=True)
    raise quota_error(filename, quota, count - 1 < quota.photos)


def link_usage(link: UploadLink, up_to: int | None = None) -> tuple[int, int]:
    """How many photos a volunteer link has stored, and their bytes (``up_to``: ids up to it)."""
    query = select(func.count(Photo.id), func.coalesce(func.sum(Photo.size_bytes), 0)).where(
        Photo.upload_link_id == link.id)
    if up_to is not None:
        query = query.where(Photo.id <= up_to)
    count, size = db.session.execute(query).one()
    return int(count), int(size)


def check_link_quota(link: UploadLink, size: int, quota: LinkQuota, filename: str) -> None:
    """Refuse a new photo that would take the link past its quota, saying what to do."""
    count, used = link_usage(link)
    if quota.exceeded(count + 1, used + size):
        raise quota_error(filename, quota, count < quota.photos)


def quota_error(filename: str, quota: LinkQuota, photos_left: bool) -> UploadError:
    """The link is full, or (photos left) this photo is bigger than the room left on it."""
    size = format_decimal(quota.megabytes)
    if photos_left:
        return UploadError(
            N_("%(name)s : cette photo dépasse la place qui reste sur ce lien (%(size)s\u00a0Mo "
               "en tout). Demandez un nouveau lien à l’équipe d’organisation pour l’envoyer."),
            name=filename, size=size)
    return UploadError(
        N_("%(name)s : ce lien a reçu tout ce qu’il peut recevoir (%(photos)s photos ou "
           "%(size)s\u00a0Mo). Demandez un nouveau lien à l’équipe d’organisation pour envoyer "
           "la suite."),
        name=filename, photos=format_decimal(quota.photos), size=size)


def strip_stored_metadata(root: str) -> int:
    """Clean the originals stored before metadata was stripped on arrival (GPS, device...);
    return how many files changed. A HEIC original becomes its upright JPEG, as new ones do."""
    changed = 0
    for photo in db.session.scalars(select(Photo).order_by(Photo.id)):
        path = photo_path(root, photo)
        if not path.is_file() or path.suffix not in (".jpg", ".png", ".heic"):
            continue
        data = path.read_bytes()
        cleaned, suffix = strip_metadata(data, path.suffix)
        if cleaned == data and suffix == path.suffix:
            continue
        target = path.with_suffix(suffix)
        write_atomically(target, cleaned)
        if target != path:
            path.unlink()
            photo.stored_name = target.name
        photo.size_bytes = len(cleaned)
        changed += 1
    db.session.commit()
    return changed


def set_status(photo: Photo, status: str, parts: list[Part] | None = None) -> None:
    """The photo's status and its message (kit.status_messages parts, French text beside)."""
    photo.status, photo.message, photo.message_parts = status, french(parts), parts
    if status in ("done", "error"):
        photo.processed_at = utc_now()
    db.session.commit()


def mark_error(photo_id: int, parts: list[Part]) -> None:
    """Record a failure on one photo (the caller rolled its own work back)."""
    photo = db.session.get(Photo, photo_id)
    if photo is not None:
        set_status(photo, "error", parts)


def requeue(photo: Photo) -> None:
    """Back to the queue (a re-scan): human decisions on its cards are kept by digitise."""
    set_status(photo, "queued")


def list_photos(workshop: Workshop) -> list[Photo]:
    query = (
        select(Photo)
        .where(Photo.workshop_id == workshop.id)
        .order_by(Photo.uploaded_at.desc(), Photo.id.desc())
    )
    return list(db.session.scalars(query))


def photos_by_ids(
    workshop: Workshop, ids: list[int], link: UploadLink | None = None
) -> list[Photo]:
    """The workshop's photos among ``ids``; with a volunteer ``link``, only those it sent."""
    query = select(Photo).where(Photo.workshop_id == workshop.id, Photo.id.in_(ids))
    if link is not None:
        query = query.where(Photo.upload_link_id == link.id)
    return list(db.session.scalars(query.order_by(Photo.id)))


def stalled_photos() -> list[Photo]:
    """Photos waiting or being processed when the worker stopped: to be queued again at
    start-up. A queued photo may have lost its task (the queue was down, the server died
    between the commit and the enqueue); one that still has it is claimed once (``claim``)."""
    query = select(Photo).where(Photo.status.in_(("queued", "processing")))
    return list(db.session.scalars(query.order_by(Photo.id)))


def claim(photo_id: int) -> bool:
    """Atomically move a queued photo to processing; False if it is not queued any more (done,
    or claimed by another copy of its task), so a photo is never digitised twice at once."""
    result = db.session.execute(
        update(Photo)
        .where(Photo.id == photo_id, Photo.status == "queued")
        .values(status="processing", message="", message_parts=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1  # type: ignore[attr-defined]


def requeue_stalled() -> list[Photo]:
    """At worker start: every photo a stopped worker left queued or processing, back to queued."""
    stalled = stalled_photos()
    for photo in stalled:
        photo.status = "queued"
    db.session.commit()
    return stalled


def status_counts(photos: list[Photo]) -> dict[str, int]:
    counts = {"queued": 0, "processing": 0, "done": 0, "error": 0}
    for photo in photos:
        counts[photo.status] = counts.get(photo.status, 0) + 1
    return counts


def photo_message(photo: Photo, gettext: Callable[[str], str]) -> str:
    """The photo's message in the reader's language (as stored when it has no parts)."""
    return render(photo.message_parts, gettext) if photo.message_parts else photo.message


def photo_status(photo: Photo, gettext: Callable[[str], str] = lambda text: text
                 ) -> dict[str, Any]:
    """What the upload page polls: the status and the message of one photo."""
    return {
        "id": photo.id,
        "filename": photo.filename,
        "status": photo.status,
        "message": photo_message(photo, gettext),
        "cards": len(photo.sightings),
    }
