"""Writes on actors: link new participations, merge, split, "not the same person", undo.

Only an exact e-mail (case and spaces folded) links a participation to an existing actor on
its own (``link_participants``); a near name in the same structure is a proposal
(kit.services.actor_matching) that an organiser confirms with ``merge``. Every decision is an
``ActorChange`` (who, when, what moved) and ``undo`` reverses it. An organiser may change only
actors all of whose participations are in workshops they may edit; the instance administrator
may change any.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kit.extensions import db
from kit.i18n import N_, TranslatableError
from kit.models import Actor, ActorChange, ActorLink, Membership, Participant, User
from kit.models.base import utc_now
from kit.services.actor_matching import email_key
from kit.services.members import EDIT, ROLE_NEEDS


class ActorError(TranslatableError):
    """A change on actors refused; worded in French, translated by the view."""


def link_participants() -> int:
    """Give every participation without an actor one: the actor of a participation with the
    same e-mail, else a new actor. Returns how many were linked. Safe to run twice at once
    (a link made meanwhile by another request wins)."""
    unlinked = list(db.session.scalars(
        select(Participant).outerjoin(ActorLink, ActorLink.participant_id == Participant.id)
        .where(ActorLink.participant_id.is_(None), Participant.erased_at.is_(None))
        .order_by(Participant.id)))
    if not unlinked:
        return 0
    by_email = actors_by_email()
    try:
        for person in unlinked:
            key = email_key(person.email)
            actor_id = by_email.get(key) if key else None
            if actor_id is None:
                actor = Actor()
                db.session.add(actor)
                db.session.flush()
                actor_id = actor.id
                if key:
                    by_email[key] = actor_id
            db.session.add(ActorLink(participant_id=person.id, actor_id=actor_id))
        db.session.commit()
    except IntegrityError:  # another request linked them meanwhile: its links stand
        db.session.rollback()
        return 0
    return len(unlinked)


def actors_by_email() -> dict[str, int]:
    query = (select(Participant.email, ActorLink.actor_id)
             .join(ActorLink, ActorLink.participant_id == Participant.id)
             .where(Participant.email.is_not(None), Participant.email != "",
                    Participant.erased_at.is_(None))
             .order_by(ActorLink.actor_id))
    found: dict[str, int] = {}
    for email, actor_id in db.session.execute(query):
        found.setdefault(email_key(email), actor_id)
    return found


def participation_ids(actor_id: int) -> list[int]:
    return list(db.session.scalars(select(ActorLink.participant_id)
                                   .where(ActorLink.actor_id == actor_id)
                                   .order_by(ActorLink.participant_id)))


def editable_workshop_ids(user: User) -> set[int] | None:
    """The workshops whose participations ``user`` may move (None: all, for the admin)."""
    if getattr(user, "is_admin", False):
        return None
    roles = db.session.execute(select(Membership.workshop_id, Membership.role)
                               .where(Membership.user_id == user.id))
    return {workshop_id for workshop_id, role in roles if EDIT in ROLE_NEEDS[role]}


def may_change(user: User, actor_ids: list[int]) -> bool:
    """Every participation of these actors is in a workshop ``user`` may edit."""
    allowed = editable_workshop_ids(user)
    if allowed is None:
        return True
    workshops = set(db.session.scalars(
        select(Participant.workshop_id).join(ActorLink, ActorLink.participant_id == Participant.id)
        .where(ActorLink.actor_id.in_(actor_ids))))
    return bool(workshops) and workshops <= allowed


def live_actor(actor_id: int) -> Actor:
    actor = db.session.get(Actor, actor_id)
    if actor is None or actor.merged_into_id is not None or not participation_ids(actor_id):
        raise ActorError(N_("Cette fiche n'existe plus (déjà fusionnée ?)."))
    return actor


def check_may_change(user: User, actor_ids: list[int]) -> None:
    for actor_id in actor_ids:
        live_actor(actor_id)
    if not may_change(user, actor_ids):
        raise ActorError(N_("Vous ne pouvez modifier que des fiches dont tous les ateliers sont "
                            "les vôtres."))


def move(participant_ids: list[int], actor_id: int) -> None:
    for link in db.session.scalars(select(ActorLink)
                                   .where(ActorLink.participant_id.in_(participant_ids))):
        link.actor_id = actor_id


def record(kind: str, actor_id: int, other_id: int, moved: list[int], user: User) -> ActorChange:
    change = ActorChange(kind=kind, actor_id=actor_id, other_id=other_id,
                         participant_ids=sorted(moved), user_id=user.id)
    db.session.add(change)
    db.session.commit()
    return change


def merge(user: User, first_id: int, second_id: int) -> ActorChange:
    """One person: the newer actor's participations move to the older one."""
    if first_id == second_id:
        raise ActorError(N_("Une fiche ne peut pas être fusionnée avec elle-même."))
    keep_id, gone_id = sorted((first_id, second_id))
    check_may_change(user, [keep_id, gone_id])
    gone = live_actor(gone_id)
    moved = participation_ids(gone_id)
    move(moved, keep_id)
    gone.merged_into_id = keep_id
    return record("merge", keep_id, gone_id, moved, user)


def split(user: User, actor_id: int, participant_ids: list[int]) -> ActorChange:
    """Two people: ``participant_ids`` leave ``actor_id`` for a new actor."""
    check_may_change(user, [actor_id])
    current = set(participation_ids(actor_id))
    moved = sorted(set(participant_ids) & current)
    if not moved or len(moved) == len(current):
        raise ActorError(N_("Choisissez au moins une participation à séparer, et pas toutes."))
    created = Actor()
    db.session.add(created)
    db.session.flush()
    move(moved, created.id)
    return record("split", actor_id, created.id, moved, user)


def mark_distinct(user: User, first_id: int, second_id: int) -> ActorChange:
    """Not the same person: the pair is no longer proposed."""
    low, high = sorted((first_id, second_id))
    check_may_change(user, [low, high])
    return record("distinct", low, high, [], user)


def undo(user: User, change_id: int) -> ActorChange:
    """Reverse a change, if the participations it moved are still where it left them."""
    change = db.session.get(ActorChange, change_id)
    if change is None or change.undone_at is not None:
        raise ActorError(N_("Cette modification est déjà annulée."))
    if not may_change_record(user, change):
        raise ActorError(N_("Vous ne pouvez modifier que des fiches dont tous les ateliers sont "
                            "les vôtres."))
    other = db.session.get(Actor, change.other_id)
    assert other is not None  # actors are never deleted
    if change.kind == "merge":
        undo_move(change, change.actor_id, change.other_id)
        other.merged_into_id = None
    elif change.kind == "split":
        undo_move(change, change.other_id, change.actor_id)
        other.merged_into_id = change.actor_id
    change.undone_at, change.undone_by_id = utc_now(), user.id
    db.session.commit()
    return change


def may_change_record(user: User, change: ActorChange) -> bool:
    allowed = editable_workshop_ids(user)
    if allowed is None:
        return True
    ids = change.participant_ids or (participation_ids(change.actor_id)
                                     + participation_ids(change.other_id))
    workshops = set(db.session.scalars(select(Participant.workshop_id)
                                       .where(Participant.id.in_(ids))))
    return bool(workshops) and workshops <= allowed


def undo_move(change: ActorChange, now_on: int, back_to: int) -> None:
    rows = db.session.execute(select(ActorLink.participant_id, ActorLink.actor_id)
                              .where(ActorLink.participant_id.in_(change.participant_ids)))
    where = {pid: actor_id for pid, actor_id in rows}
    if any(where.get(pid, now_on) != now_on for pid in change.participant_ids):
        raise ActorError(N_("Cette modification ne peut plus être annulée : les fiches ont "
                            "changé depuis."))
    move(change.participant_ids, back_to)
