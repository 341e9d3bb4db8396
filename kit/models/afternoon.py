"""The afternoon groups (issue 11): needs and freins of the morning walls grouped by meaning,
proposed by the machine, then merged, split, renamed and confirmed by an organiser.

A confirmed group gets its own "Graine de projet" sheet (a ``Card`` of type ``graine``), printed
pre-filled at lunch: the sheet's QR code is that card's code, so a photo of the sheet comes back
to its group.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import utc_now

if TYPE_CHECKING:
    from kit.models.cards import Card
    from kit.models.workshops import Workshop

GROUP_STATUSES = ("proposed", "confirmed")


class AfternoonGroup(Model):
    __tablename__ = "afternoon_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(10), default="proposed")  # GROUP_STATUSES
    position: Mapped[int] = mapped_column(default=0)  # order on the page and on the run-sheet
    table_label: Mapped[str] = mapped_column(String(20), default="")  # "Table 3", "Salle B"
    # the pre-filled "Graine de projet" sheet, created when the group is confirmed
    sheet_card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    confirmed_at: Mapped[dt.datetime | None]

    workshop: Mapped[Workshop] = relationship()
    sheet_card: Mapped[Card | None] = relationship()
    items: Mapped[list[AfternoonItem]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="AfternoonItem.position")

    @property
    def is_confirmed(self) -> bool:
        return self.status == "confirmed"


class AfternoonItem(Model):
    """One need (or frein) card in one afternoon group: a card is in one group at most."""
    __tablename__ = "afternoon_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("afternoon_groups.id", ondelete="CASCADE"),
                                          index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), unique=True)
    position: Mapped[int] = mapped_column(default=0)

    group: Mapped[AfternoonGroup] = relationship(back_populates="items")
    card: Mapped[Card] = relationship()
