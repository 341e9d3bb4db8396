"""A workshop: the day, its place and programme, and how its kit is printed."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import Timestamped
from printables.kitdata import DEFAULT_PACK

if TYPE_CHECKING:
    from kit.models.cards import Card
    from kit.models.members import Membership
    from kit.models.participants import Participant
    from kit.models.users import User


DEFAULT_RETENTION_MONTHS = 12  # issue 9: personal data kept a year after the workshop's day


def default_pack_counts() -> dict[str, int]:
    return dict(DEFAULT_PACK)


class Workshop(Timestamped, Model):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    # printed in every QR payload: 2-8 characters A-Z 0-9 (printables.payload.WORKSHOP_CODE_RE)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    theme: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    start_time: Mapped[dt.time | None]
    lunch_time: Mapped[dt.time | None]
    end_time: Mapped[dt.time | None]
    organiser: Mapped[str] = mapped_column(String(200), default="")  # as printed on the run-sheet
    contact: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # card type key -> cards of that type in one personal pack (printables.kitdata.pack_slots)
    pack_counts: Mapped[dict] = mapped_column(JSON, default=default_pack_counts)
    blank_packs: Mapped[int] = mapped_column(default=5)
    group_sheets: Mapped[int | None]  # None: one per five packs, at least four
    # the serial the next printed card receives; serials are never reused (codes stay stable)
    next_serial: Mapped[int] = mapped_column(default=1)
    kit_generated_at: Mapped[dt.datetime | None]
    # the kit built in the background (kit.services.kit_jobs): None (never asked from the
    # page), queued, running, done or error; progress in percent; the error, in French
    kit_status: Mapped[str | None] = mapped_column(String(10))
    kit_progress: Mapped[int] = mapped_column(default=0, server_default="0")
    kit_message: Mapped[str] = mapped_column(Text, default="", server_default="")
    kit_message_parts: Mapped[list | None] = mapped_column(JSON)  # kit.status_messages
    # online registration (issue 5): no opening date means no public registration page
    registration_opens_on: Mapped[dt.date | None]
    registration_closes_on: Mapped[dt.date | None]  # None: until the day before the workshop
    capacity: Mapped[int | None]  # None: no limit; beyond it people go on the waiting list
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # the public restitution exists only once an owner publishes it (None: a draft that only
    # the workshop's members can preview); unpublishing sets it back to None
    restitution_published_at: Mapped[dt.datetime | None]
    restitution_published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # personal data is kept this many months after the day, then `flask purge` deletes it
    retention_months: Mapped[int] = mapped_column(default=DEFAULT_RETENTION_MONTHS,
                                                  server_default=str(DEFAULT_RETENTION_MONTHS))

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    # who may open it, and with which role (kit.services.members); the creator is its first owner
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True)
    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", order_by="Participant.number")
    cards: Mapped[list[Card]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", order_by="Card.serial")

    @property
    def is_published(self) -> bool:
        return self.restitution_published_at is not None

    @property
    def has_cards(self) -> bool:
        return bool(self.cards)
