"""Action groups that live on after the day (issue 10, point 4): each project seed becomes a
group with its members, a referent, news, a public join link and the referent's edit link.

A group belongs to its workshop (``workshop_id``); everything else hangs off the group. The
referent is a member flagged ``is_referent`` (no foreign key back to the members: no cycle).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import Timestamped, utc_now

if TYPE_CHECKING:
    from kit.models.cards import Card
    from kit.models.participants import Participant
    from kit.models.workshops import Workshop

GROUP_STATUSES = ("idee", "en_cours", "en_pause", "realise")
# proposed: read from the group sheet, waiting for the organiser; member: confirmed (by the
# organiser, or a join request the referent accepted); requested: asked through the public
# link; declined: a request the referent declined (kept so that the referent sees it was seen)
MEMBER_STATES = ("proposed", "member", "requested", "declined")
MEMBER_SOURCES = ("sheet", "join", "organiser")


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes; we store UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


class ActionGroup(Timestamped, Model):
    __tablename__ = "action_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    # the "Graine de projet" sheet it came from (None: created by hand)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"), unique=True)
    # the address of its public page and join link: random, so that no group can be guessed
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[str] = mapped_column(Text, default="")
    first_step: Mapped[str] = mapped_column(Text, default="")
    next_meeting: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default="idee")  # GROUP_STATUSES
    is_open: Mapped[bool] = mapped_column(default=True)  # accepts join requests
    # the last sign of life: created, updated by its referent, news posted, a member accepted
    last_activity_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    reminded_at: Mapped[dt.datetime | None]  # the last follow-up reminder mailed to the referent

    workshop: Mapped[Workshop] = relationship()
    card: Mapped[Card | None] = relationship()
    members: Mapped[list[GroupMember]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="GroupMember.id")
    news: Mapped[list[GroupNews]] = relationship(
        back_populates="group", cascade="all, delete-orphan",
        order_by="(GroupNews.created_at.desc(), GroupNews.id.desc())")
    links: Mapped[list[ReferentLink]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="ReferentLink.id.desc()")

    @property
    def referent(self) -> GroupMember | None:
        return next((m for m in self.members if m.is_referent and m.state == "member"), None)


class GroupMember(Timestamped, Model):
    __tablename__ = "group_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("action_groups.id"), index=True)
    # the workshop's participant this is (matched by the number written on the sheet, confirmed
    # by the organiser); None for someone who joined through the public link
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    number: Mapped[str] = mapped_column(String(10), default="")  # as written on the sheet
    state: Mapped[str] = mapped_column(String(10), default="proposed")  # MEMBER_STATES
    source: Mapped[str] = mapped_column(String(10), default="sheet")  # MEMBER_SOURCES
    is_referent: Mapped[bool] = mapped_column(default=False)
    message: Mapped[str] = mapped_column(Text, default="")  # a join request's words
    # a join request's "I agree to be contacted by the group" (required to ask)
    contact_consent: Mapped[bool] = mapped_column(default=False)
    decided_at: Mapped[dt.datetime | None]

    group: Mapped[ActionGroup] = relationship(back_populates="members")
    participant: Mapped[Participant | None] = relationship()


class GroupNews(Model):
    __tablename__ = "group_news"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("action_groups.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # e-mails to the members, sent by the queue: None (not mailed: no server, or no member with
    # an address), "queued", then "sent" or "failed"; how many left, how many failed
    mail_status: Mapped[str | None] = mapped_column(String(10))
    mailed: Mapped[int] = mapped_column(default=0)
    mail_failed: Mapped[int] = mapped_column(default=0)

    group: Mapped[ActionGroup] = relationship(back_populates="news")


class ReferentLink(Model):
    """The referent's personal edit link: only the sha256 of its secret is stored."""
    __tablename__ = "group_referent_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("action_groups.id"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]

    group: Mapped[ActionGroup] = relationship(back_populates="links")

    @property
    def is_expired(self) -> bool:
        expires = as_utc(self.expires_at)
        return expires is not None and expires <= utc_now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired
