"""A participant of one workshop: pre-registered, walk-in, or a useful contact."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import Timestamped
from kit.models.identity import IdentityColumns
from printables.layout import ACTOR_TYPES, CONSENTS, TERRITORIES

if TYPE_CHECKING:
    from kit.models.workshops import Workshop

ACTOR_TYPE_KEYS = tuple(key for key, _ in ACTOR_TYPES)
TERRITORY_KEYS = tuple(key for key, _ in TERRITORIES)
CONSENT_KEYS = tuple(key for key, _ in CONSENTS)  # participants, public, aucun
ORIGINS = ("preregistered", "walk_in", "useful_contact")
# Origins that come to the workshop and so get a numbered personal pack.
PACK_ORIGINS = ("preregistered", "walk_in")


class Participant(IdentityColumns, Timestamped, Model):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("workshop_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    # printed on every card of the person's pack; None for a useful contact (no pack)
    number: Mapped[int | None]
    email: Mapped[str | None] = mapped_column(String(254))
    origin: Mapped[str] = mapped_column(String(20), default="preregistered")
    # RGPD erasure (kit.services.personal_data): the scanner no longer records their cards
    erased_at: Mapped[dt.datetime | None]

    workshop: Mapped[Workshop] = relationship(back_populates="participants")

    @property
    def has_pack(self) -> bool:
        return self.origin in PACK_ORIGINS
