"""Where a workshop stands and what comes next: the cockpit of the workshop page.

Reads only. The stage follows the workshop's date (préparation before it, jour J on it, après
after it); the checklist is the organiser's path through the workshop, each step done or not,
and the next action is the first step not done (kit.templates.workshops._cockpit.html shows
each step with its link and numbers).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from kit.extensions import db
from kit.models import Participant, Photo, Registration, UploadLink, Workshop
from kit.services import review

STAGES = ("preparation", "day", "after")
STEPS = ("people", "kit", "link", "photos", "review", "restitution")


@dataclass(frozen=True)
class KitState:
    printed_at: dt.datetime | None
    people_since: int = 0  # participants added since the last print (no cards printed for them)
    changed_since: int = 0  # participants changed since then (their printed answers are old)

    @property
    def is_stale(self) -> bool:
        return self.printed_at is not None and bool(self.people_since or self.changed_since)


@dataclass(frozen=True)
class Cockpit:
    stage: str
    participants: int
    registrations: int
    registration_open: bool
    kit: KitState
    active_links: int
    photos: dict[str, int] = field(default_factory=dict)  # status -> count
    fields_pending: int = 0
    marks_pending: int = 0
    restitution_published: bool = False

    @property
    def photos_total(self) -> int:
        return sum(self.photos.values())

    @property
    def photos_waiting(self) -> int:
        return self.photos.get("queued", 0) + self.photos.get("processing", 0)

    @property
    def pending(self) -> int:
        return self.fields_pending + self.marks_pending

    @property
    def done(self) -> dict[str, bool]:
        return {
            "people": self.participants > 0 or self.registration_open,
            "kit": self.kit.printed_at is not None and not self.kit.is_stale,
            "link": self.active_links > 0,
            "photos": self.photos_total > 0 and not self.photos_waiting,
            "review": self.photos_total > 0 and not self.pending,
            "restitution": self.restitution_published,
        }

    @property
    def next_step(self) -> str | None:
        done = self.done
        return next((step for step in STEPS if not done[step]), None)


def stage_of(workshop: Workshop, today: dt.date) -> str:
    if workshop.date is None or today < workshop.date:
        return "preparation"
    return "day" if today == workshop.date else "after"


def as_utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def kit_state(workshop: Workshop, stage: str) -> KitState:
    """The last print and what happened since. Changes count only before the day: afterwards
    the cards themselves update the participants, which says nothing about the printed kit."""
    printed = workshop.kit_generated_at
    if printed is None:
        return KitState(None)
    printed = as_utc(printed)
    people = [p for p in workshop.participants if p.has_pack]
    added = sum(as_utc(p.created_at) > printed for p in people)
    changed = 0
    if stage == "preparation":
        changed = sum(as_utc(p.created_at) <= printed < as_utc(p.updated_at) for p in people)
    return KitState(printed, added, changed)


def count(query) -> int:
    return int(db.session.scalar(query) or 0)


def workshop_cockpit(workshop: Workshop, today: dt.date | None = None) -> Cockpit:
    today = today or dt.date.today()
    stage = stage_of(workshop, today)
    photo_counts = dict(db.session.execute(
        select(Photo.status, func.count()).where(Photo.workshop_id == workshop.id)
        .group_by(Photo.status)).all())
    links = [link for link in db.session.scalars(
        select(UploadLink).where(UploadLink.workshop_id == workshop.id)) if link.is_active]
    registrations = count(select(func.count()).select_from(Registration).where(
        Registration.workshop_id == workshop.id, Registration.status == "confirmed"))
    participants = count(select(func.count()).select_from(Participant).where(
        Participant.workshop_id == workshop.id))
    return Cockpit(
        stage=stage, participants=participants,
        registrations=registrations,
        registration_open=workshop.registration_opens_on is not None,
        kit=kit_state(workshop, stage), active_links=len(links), photos=photo_counts,
        fields_pending=review.progress(workshop).pending,
        marks_pending=review.progress(workshop, review.MARK_KINDS).pending,
        restitution_published=workshop.is_published)
