"""The identity a person gives (public registration, CSV import, identity card): the columns a
Participant and a Registration share, declared once."""
from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

# in the order of the forms and the exports; the e-mail column is each model's own (optional for
# a participant, required and unique per workshop for a registration)
PERSON_FIELDS = ("first_name", "last_name", "structure", "role", "commune", "territory",
                 "actor_type", "email", "phone", "consent", "newsletter", "journal_volunteer")


class IdentityColumns:
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    structure: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    commune: Mapped[str] = mapped_column(String(100), default="")
    territory: Mapped[str | None] = mapped_column(String(20))  # TERRITORY_KEYS
    actor_type: Mapped[str | None] = mapped_column(String(30))  # ACTOR_TYPE_KEYS
    phone: Mapped[str] = mapped_column(String(40), default="")
    # None: not asked yet, which is treated as "aucun" wherever data is shared (GDPR)
    consent: Mapped[str | None] = mapped_column(String(20))  # CONSENT_KEYS
    newsletter: Mapped[bool] = mapped_column(default=False)
    journal_volunteer: Mapped[bool] = mapped_column(default=False)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
