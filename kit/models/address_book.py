"""The shared address book's personal links: one secret link per participant (issue 10, point 3).

Only the sha256 of the secret is stored (as for upload links): the secret is known once, when
the link is mailed or printed on the handout. A link is sent by one channel ("mail" or
"handout"); issuing a new one by the same channel revokes the person's previous one.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import SecretLinkState, utc_now

if TYPE_CHECKING:
    from kit.models.participants import Participant
    from kit.models.workshops import Workshop

CHANNELS = ("mail", "handout")


class AddressBookLink(SecretLinkState, Model):
    __tablename__ = "address_book_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))  # CHANNELS
    token: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the secret
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # the outcome of the e-mail that carried it: sent, failed (None: printed on the handout)
    mail_status: Mapped[str | None] = mapped_column(String(20))

    workshop: Mapped[Workshop] = relationship()
    # a participant deleted (a cancelled registration) takes their links along
    participant: Mapped[Participant] = relationship(
        backref=backref("address_book_links", cascade="all, delete-orphan"))
