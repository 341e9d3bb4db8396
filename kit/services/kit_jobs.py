"""The kit built in the background: its state on the workshop, for the page and its poll.

States: None (never asked from the page) -> queued -> running -> done | error. Each move is one
conditional UPDATE, so it is decided by the database, not by what a request read earlier: a
second click (or a second organiser) while a kit is queued or running queues nothing, and a
task queued twice runs once. The progress is written in short transactions of its own while
the PDFs are drawn, so the page's poll sees it move. The kit itself is kits.generate_kit.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import cast

from sqlalchemy import CursorResult, or_, select, update

from kit.extensions import db
from kit.models import Workshop
from kit.services import kits
from kit.status_messages import Part, french, render

ACTIVE_STATUSES = ("queued", "running")
PROGRESS_STEP_PERCENT = 5  # a bar moving by 5 % looks smooth; each step costs one UPDATE
# drawing the items is most of the work (~95 % for 300 packs); writing the files and marking
# the cards printed is the rest, so the bar never sits at 100 % before the kit is done
DRAWING_SHARE_PERCENT = 95


def move(workshop_id: int, allowed, **values) -> bool:
    """Set ``values`` if the kit status is one of ``allowed`` (None: any); commit; True if set."""
    query = update(Workshop).where(Workshop.id == workshop_id)
    if allowed is not None:
        query = query.where(allowed)
    result = db.session.execute(query.values(**values).execution_options(
        synchronize_session=False))
    changed = cast(CursorResult, result).rowcount == 1
    db.session.commit()
    return changed


def request_kit(workshop: Workshop) -> bool:
    """Queue a generation unless one is queued or running already; True if queued now."""
    settled = or_(Workshop.kit_status.is_(None), Workshop.kit_status.not_in(ACTIVE_STATUSES))
    queued = move(workshop.id, settled, kit_status="queued", kit_progress=0, kit_message="",
                  kit_message_parts=None)
    db.session.refresh(workshop)
    return queued


def start_kit(workshop_id: int) -> bool:
    """queued -> running; False if this generation is not (or no longer) waiting."""
    return move(workshop_id, Workshop.kit_status == "queued", kit_status="running", kit_progress=0)


def record_progress(workshop_id: int, percent: int) -> None:
    move(workshop_id, Workshop.kit_status == "running", kit_progress=percent)


def finish_kit(workshop_id: int) -> None:
    move(workshop_id, None, kit_status="done", kit_progress=100, kit_message="",
         kit_message_parts=None)


def fail_kit(workshop_id: int, parts: list[Part]) -> None:
    """Record why the kit was not made (the caller rolled its own work back)."""
    move(workshop_id, None, kit_status="error", kit_message=french(parts), kit_message_parts=parts)


def requeue_kit(workshop_id: int) -> None:
    """Back to the queue: a worker stopped while the kit was waiting or being drawn."""
    move(workshop_id, None, kit_status="queued", kit_progress=0)


class ProgressWriter:
    """printables.kit.build_kit's progress callback: writes the percentage, at most every step."""

    def __init__(self, workshop_id: int, write: Callable[[int, int], None] | None = None) -> None:
        self.workshop_id, self.written = workshop_id, 0
        self.write = write or record_progress

    def __call__(self, done: int, total: int) -> None:
        percent = DRAWING_SHARE_PERCENT * done // max(total, 1)
        last = done >= total and percent > self.written
        if percent - self.written >= PROGRESS_STEP_PERCENT or last:
            self.write(self.workshop_id, percent)
            self.written = percent


def generate_now(workshop_id: int, kits_root: str) -> None:
    """The task's work: running, the kit with its progress, done. KitError and others raise."""
    if not start_kit(workshop_id):
        return  # already taken by another copy of the task, or the workshop is gone
    workshop = db.session.get(Workshop, workshop_id)
    assert workshop is not None  # start_kit just changed its row
    kits.generate_kit(workshop, kits_root, progress=ProgressWriter(workshop_id))
    finish_kit(workshop_id)


def stalled_kits() -> list[Workshop]:
    """Kits queued or being drawn when a worker stopped: to be queued again at start-up."""
    query = select(Workshop).where(Workshop.kit_status.in_(ACTIVE_STATUSES))
    return list(db.session.scalars(query.order_by(Workshop.id)))


def is_active(workshop: Workshop) -> bool:
    return workshop.kit_status in ACTIVE_STATUSES


def kit_message(workshop: Workshop, gettext: Callable[[str], str]) -> str:
    """Why the last kit failed, in the reader's language (as stored when it has no parts)."""
    parts = workshop.kit_message_parts
    return render(parts, gettext) if parts else workshop.kit_message


def kit_state(workshop: Workshop, gettext: Callable[[str], str] = lambda text: text) -> dict:
    """What the workshop page polls."""
    generated = workshop.kit_generated_at
    return {"status": workshop.kit_status, "progress": workshop.kit_progress,
            "message": kit_message(workshop, gettext),
            "generated_at": generated.isoformat() if generated else None}
