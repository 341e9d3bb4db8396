"""Online registration before the day (issue 5).

A Registration keeps what the person typed on the public page: identity, consents, opt-ins.
While it is confirmed it is mirrored into the workshop's Participant row (origin
"preregistered"), which is what the printed kit reads; a person on the waiting list or who
cancelled has no Participant of their own. The secret ``token`` is the person's key to see,
change or cancel the registration (no account); ``form_nonce`` recognises a double submit.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import Timestamped, utc_now
from kit.models.identity import IdentityColumns

if TYPE_CHECKING:
    from kit.models.participants import Participant
    from kit.models.prediagnostic import Answer
    from kit.models.workshops import Workshop

STATUSES = ("confirmed", "waiting", "cancelled")
# What happened to the confirmation e-mail: shown to the person on their page.
MAIL_STATUSES = ("sent", "failed", "not_configured")


class Registration(IdentityColumns, Timestamped, Model):
    __tablename__ = "registrations"
    # one registration per e-mail and workshop: registering again updates it (issue 5, item 6)
    __table_args__ = (UniqueConstraint("workshop_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    form_nonce: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(12), default="confirmed")  # STATUSES
    queued_at: Mapped[dt.datetime] = mapped_column(default=utc_now)  # waiting-list order
    cancelled_at: Mapped[dt.datetime | None]
    email: Mapped[str] = mapped_column(String(254))  # stored lower-case
    # the identity card's "ce que je fais" and "mes enjeux sur la thématique", printed in
    what_i_do: Mapped[str] = mapped_column(String(300), default="")
    stakes: Mapped[str] = mapped_column(String(300), default="")
    mail_status: Mapped[str | None] = mapped_column(String(16))  # MAIL_STATUSES
    mail_sent_at: Mapped[dt.datetime | None]

    workshop: Mapped[Workshop] = relationship()
    participant: Mapped[Participant | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="registration", cascade="all, delete-orphan",
        order_by="(Answer.category, Answer.position)")

    @property
    def is_active(self) -> bool:
        return self.status != "cancelled"
