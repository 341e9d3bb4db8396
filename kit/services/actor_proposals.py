"""Pairs of actors that may be one person, for an organiser to confirm or refuse; and the
journal of the decisions. Reads only (the decisions are kit.services.actors)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kit.extensions import db
from kit.models import ActorChange, Participant, User
from kit.services import actors, directory
from kit.services.actor_matching import find_pairs
from kit.services.directory import Profile


@dataclass(frozen=True)
class Proposal:
    first: Profile
    second: Profile
    reason: str  # email, name_structure, name_commune


def refused_pairs() -> set[tuple[int, int]]:
    query = select(ActorChange.actor_id, ActorChange.other_id).where(
        ActorChange.kind == "distinct", ActorChange.undone_at.is_(None))
    return {(a, b) for a, b in db.session.execute(query)}


def proposals(user: User) -> list[Proposal]:
    """Pairs among the actors ``user`` sees, that ``user`` may merge, never refused before."""
    profiles = {p.actor_id: p for p in directory.load_profiles(directory.user_scope(user))}
    refused = refused_pairs()
    found = []
    for first, second, reason in find_pairs([p.candidate() for p in profiles.values()]):
        if (first, second) in refused or not actors.may_change(user, [first, second]):
            continue
        found.append(Proposal(profiles[first], profiles[second], reason))
    return found


@dataclass(frozen=True)
class JournalLine:
    change: ActorChange
    user_name: str
    undone_by: str
    actor_label: str  # the record the change is about (kept by a merge, split from)
    moved: str  # the participations that moved, as "name (CODE)"


def journal(user: User, limit: int = 200) -> list[JournalLine]:
    """The decisions on actors ``user`` sees (either actor in their scope), latest first."""
    scope = directory.user_scope(user)
    visible = {p.actor_id: p.label for p in directory.load_profiles(scope)}
    users = {u.id: u.name for u in db.session.scalars(select(User))}
    changes = db.session.scalars(select(ActorChange).order_by(ActorChange.id.desc()))
    lines = []
    for change in changes:
        if change.actor_id not in visible and change.other_id not in visible:
            continue
        lines.append(JournalLine(change, users.get(change.user_id or 0, "?"),
                                 users.get(change.undone_by_id or 0, ""),
                                 visible.get(change.actor_id, f"#{change.actor_id}"),
                                 moved_names(scope, change)))
        if len(lines) >= limit:
            break
    return lines


def moved_names(scope: directory.Scope, change: ActorChange) -> str:
    people = db.session.scalars(select(Participant).where(
        Participant.id.in_(change.participant_ids or [])))
    return ", ".join(f"{p.full_name or '?'} ({p.workshop.code})" for p in people
                     if directory.in_scope(scope, p.workshop_id))
