"""A printed item: a card of a pack, a group sheet or a zone poster, with its QR code."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import utc_now
from printables.layout import CardType
from printables.payload import spec_of

if TYPE_CHECKING:
    from kit.models.participants import Participant
    from kit.models.workshops import Workshop


class Card(Model):
    __tablename__ = "cards"
    __table_args__ = (UniqueConstraint("workshop_id", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)  # the QR payload text
    serial: Mapped[int]
    type_key: Mapped[str] = mapped_column(String(30))  # printables.layout.CARD_TYPES key
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    # A pack card carries its pack's number even when nobody owns it yet (blank packs for
    # walk-ins): scanning that pack's identity card later creates the participant.
    participant_number: Mapped[int | None]
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    # index within its type: the 2nd Frein of a pack is slot 1; the n-th group sheet is n-1
    slot: Mapped[int] = mapped_column(default=0)
    prefill: Mapped[dict | None] = mapped_column(JSON)  # text printed in, e.g. "première base"
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    printed_at: Mapped[dt.datetime | None]

    workshop: Mapped[Workshop] = relationship(back_populates="cards")
    participant: Mapped[Participant | None] = relationship()

    @property
    def spec(self) -> CardType:
        """The card's boxes as printed: its type in the layout version its code names (a kit
        printed with layout 1 keeps layout 1's boxes after layout 2 came out)."""
        return spec_of(self.code)
