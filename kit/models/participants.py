"""A participant of one workshop: pre-registered, walk-in, or a useful contact."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import Timestamped
from printables.layout import ACTOR_TYPES, CONSENTS, TERRITORIES

if TYPE_CHECKING:
    from kit.models.workshops import Workshop

ACTOR_TYPE_KEYS = tuple(key for key, _ in ACTOR_TYPES)
TERRITORY_KEYS = tuple(key for key, _ in TERRITORIES)
CONSENT_KEYS = tuple(key for key, _ in CONSENTS)  # participants, public, aucun
ORIGINS = ("preregistered", "walk_in", "useful_contact")
# Origins that come to the workshop and so get a numbered personal pack.
PACK_ORIGINS = ("preregistered", "walk_in")


class Participant(Timestamped, Model):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("workshop_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    # printed on every card of the person's pack; None for a useful contact (no pack)
    number: Mapped[int | None]
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    structure: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    commune: Mapped[str] = mapped_column(String(100), default="")
    territory: Mapped[str | None] = mapped_column(String(20))  # TERRITORY_KEYS
    actor_type: Mapped[str | None] = mapped_column(String(30))  # ACTOR_TYPE_KEYS
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(40), default="")
    # None: not asked yet, which is treated as "aucun" wherever data is shared (GDPR)
    consent: Mapped[str | None] = mapped_column(String(20))
    newsletter: Mapped[bool] = mapped_column(default=False)
    journal_volunteer: Mapped[bool] = mapped_column(default=False)
    origin: Mapped[str] = mapped_column(String(20), default="preregistered")

    workshop: Mapped[Workshop] = relationship(back_populates="participants")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def has_pack(self) -> bool:
        return self.origin in PACK_ORIGINS
