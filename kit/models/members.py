"""Who may do what in a workshop: members with a role, and invitations sent by e-mail.

A workshop's members are its owners, co-organisers (partners who help run it) and reviewers
(who may only review readings and see results). The rules live in kit.services.members.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import utc_now

if TYPE_CHECKING:
    from kit.models.users import User
    from kit.models.workshops import Workshop

ROLES = ("owner", "coorganiser", "reviewer")


class Membership(Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("workshop_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"),
                                             index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12))  # ROLES
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    workshop: Mapped[Workshop] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()


class Invitation(Model):
    """An e-mail invited to join with a role; only the sha256 of its secret link is stored."""
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"),
                                             index=True)
    email: Mapped[str] = mapped_column(String(254))  # stored lower-case
    role: Mapped[str] = mapped_column(String(12))  # ROLES
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[dt.datetime]
    accepted_at: Mapped[dt.datetime | None]

    workshop: Mapped[Workshop] = relationship()
