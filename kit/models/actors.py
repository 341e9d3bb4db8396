"""Actors across workshops (issue 12): one person met at several workshops is one actor.

A participant belongs to one workshop; an actor gathers the participations of the same person
(linked by ``ActorLink``). A participation is linked automatically only by the same e-mail; a
near name in the same structure is a proposal an organiser confirms (kit.services.actors).
Every merge, split and "not the same person" is an ``ActorChange``: who, when, which
participations moved, and whether it was undone.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, delete, event
from sqlalchemy.orm import Mapped, mapped_column

from kit.extensions import Model
from kit.models.base import utc_now
from kit.models.participants import Participant

CHANGE_KINDS = ("merge", "split", "distinct")


class Actor(Model):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # merged into another actor (kept, empty, so that the merge can be undone)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))


class ActorLink(Model):
    """A participation (one workshop's participant) as part of an actor."""
    __tablename__ = "actor_links"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)


class ActorChange(Model):
    """One organiser's decision on actors, recorded and reversible.

    merge: ``other_id``'s participations moved to ``actor_id``; split: they moved from
    ``actor_id`` to the new ``other_id``; distinct: the two are not the same person (no more
    proposal). ``participant_ids`` are the participations moved (empty for distinct)."""
    __tablename__ = "actor_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # CHANGE_KINDS
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    participant_ids: Mapped[list] = mapped_column(JSON, default=list)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    undone_at: Mapped[dt.datetime | None]
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


@event.listens_for(Participant, "before_delete")
def unlink_deleted_participant(mapper, connection, target) -> None:
    """A deleted participant leaves its actor (SQLite does not enforce the foreign key's
    cascade, and a reused id must not inherit someone else's actor)."""
    connection.execute(delete(ActorLink).where(ActorLink.participant_id == target.id))
