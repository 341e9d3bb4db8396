"""Reads on actors across workshops: who an organiser (or the public) may see, with what.

Scope: an organiser sees the actors of the workshops they are a member of, and of each actor
only those workshops' participations; the instance administrator sees every workshop; the
public sees the workshops whose restitution is published. Consent stays per workshop and the
strictest of a person's participations (in every workshop, seen or not) decides what is shared:
"participants" or "public" for the shared directory and exports, "public" for the public map.
A consent still waiting for a human on the paper card counts as none (kit.services.ticks).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from kit.extensions import db
from kit.models import ActorLink, Card, FieldValue, Membership, Participant, User, Workshop
from kit.services import actors
from kit.services.actor_matching import Candidate, email_key, fold, structure_key
from kit.services.ticks import CONSENT_FIELD_NAMES

# consent -> rank; anything else (aucun, not asked, waiting for review) is 0
CONSENT_RANK = {"participants": 1, "public": 2}
# audience -> the lowest strictest-consent rank it may see (0: everyone, for organisers)
AUDIENCE_RANK = {"organisers": 0, "participants": 1, "public": 2}
SEARCH_LIMIT_WORDS = 8  # a search is cut at this many words


@dataclass(frozen=True)
class Scope:
    """Which workshops' participations are shown (None: all), and to whom."""
    workshop_ids: frozenset[int] | None
    audience: str = "organisers"


def user_scope(user: User, audience: str = "organisers") -> Scope:
    """The workshops ``user`` is a member of. The organisers' view (everyone, consent or not)
    keeps only those they may edit: a reviewer sees a workshop's people as participants do
    (the shared view, consenting people only), never everyone's e-mail and phone."""
    if getattr(user, "is_admin", False):
        return Scope(None, audience)
    if AUDIENCE_RANK[audience] == 0:
        return Scope(frozenset(actors.editable_workshop_ids(user) or ()), audience)
    ids = db.session.scalars(select(Membership.workshop_id).where(Membership.user_id == user.id))
    return Scope(frozenset(ids), audience)


def public_scope() -> Scope:
    ids = db.session.scalars(select(Workshop.id)
                             .where(Workshop.restitution_published_at.is_not(None)))
    return Scope(frozenset(ids), "public")


def in_scope(scope: Scope, workshop_id: int) -> bool:
    return scope.workshop_ids is None or workshop_id in scope.workshop_ids


@dataclass
class Profile:
    """One actor as a scope shows them: their participations there, latest workshop first."""
    actor_id: int
    participations: list[Participant]
    consent_rank: int = 0  # strictest over all their participations

    @property
    def latest(self) -> Participant:
        return self.participations[0]

    def first_filled(self, name: str) -> str:
        return next((str(getattr(p, name)) for p in self.participations if getattr(p, name)),
                    "")

    @property
    def name(self) -> str:
        """The latest name given, written with capitals when one of them is ("camille arnaud"
        typed in a hurry does not win over "Camille Arnaud")."""
        names = [p.full_name for p in self.participations if p.full_name]
        return next((n for n in names if not n.islower()), names[0] if names else "")

    @property
    def label(self) -> str:
        return self.name or self.first_filled("structure") or "?"

    @property
    def structures(self) -> dict[str, str]:
        """Normalised key -> the name as most often written."""
        spellings: dict[str, Counter] = {}
        for person in self.participations:
            key = structure_key(person.structure)
            if key:
                spellings.setdefault(key, Counter())[person.structure.strip()] += 1
        return {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}

    @property
    def communes(self) -> list[str]:
        return unique(p.commune.strip() for p in self.participations if p.commune.strip())

    @property
    def territory(self) -> str:
        return self.first_filled("territory")

    @property
    def actor_type(self) -> str:
        return self.first_filled("actor_type")

    @property
    def emails(self) -> list[str]:
        return unique((p.email or "").strip() for p in self.participations
                      if (p.email or "").strip())

    @property
    def phones(self) -> list[str]:
        return unique(p.phone.strip() for p in self.participations if (p.phone or "").strip())

    @property
    def workshops(self) -> list[Workshop]:
        return unique(p.workshop for p in self.participations)

    @property
    def consent_key(self) -> str:
        return {2: "public", 1: "participants"}.get(self.consent_rank, "aucun")

    def candidate(self) -> Candidate:
        return Candidate(self.actor_id,
                         frozenset(fold(p.full_name) for p in self.participations if p.full_name),
                         frozenset(email_key(e) for e in self.emails),
                         frozenset(self.structures), frozenset(fold(c) for c in self.communes))


def unique(items) -> list:
    seen: list = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def pending_consent_ids() -> set[int]:
    """Participants whose consent boxes read from paper wait for a human, in any workshop."""
    query = (select(Card.participant_id).join(FieldValue, FieldValue.card_id == Card.id)
             .where(Card.type_key == "identite", Card.participant_id.is_not(None),
                    FieldValue.field_name.in_(CONSENT_FIELD_NAMES),
                    FieldValue.review == "pending"))
    return set(db.session.scalars(query))


def consent_rank(person: Participant, pending: set[int]) -> int:
    return 0 if person.id in pending else CONSENT_RANK.get(person.consent or "", 0)


def load_profiles(scope: Scope) -> list[Profile]:
    """Every actor with a participation in the scope whose strictest consent lets the scope's
    audience see them, sorted by name."""
    actors.link_participants()
    query = (select(ActorLink.actor_id, Participant)
             .join(Participant, Participant.id == ActorLink.participant_id)
             .join(Workshop, Workshop.id == Participant.workshop_id)
             .where(Participant.erased_at.is_(None))
             .order_by(Workshop.date.desc().nulls_last(), Participant.id.desc()))
    everything: dict[int, list[Participant]] = {}
    for actor_id, person in db.session.execute(query):
        everything.setdefault(actor_id, []).append(person)
    pending = pending_consent_ids()
    minimum = AUDIENCE_RANK[scope.audience]
    found = []
    for actor_id, people in everything.items():
        shown = [p for p in people if in_scope(scope, p.workshop_id)]
        rank = min(consent_rank(p, pending) for p in people)
        if shown and rank >= minimum:
            found.append(Profile(actor_id, shown, rank))
    return sorted(found, key=lambda p: (fold(p.latest.last_name) or fold(p.label),
                                        fold(p.latest.first_name), p.actor_id))


@dataclass(frozen=True)
class Filters:
    text: str = ""
    territory: str = ""
    actor_type: str = ""
    theme: str = ""
    workshop: str = ""  # a workshop code

    @property
    def active(self) -> bool:
        return any((self.text, self.territory, self.actor_type, self.theme, self.workshop))


def matches(profile: Profile, filters: Filters) -> bool:
    if filters.territory and filters.territory not in {p.territory for p in profile.participations}:
        return False
    if filters.actor_type and filters.actor_type not in {
            p.actor_type for p in profile.participations}:
        return False
    codes = {w.code for w in profile.workshops}
    if filters.workshop and filters.workshop not in codes:
        return False
    if filters.theme and filters.theme not in {w.theme for w in profile.workshops}:
        return False
    haystack = fold(" ".join([profile.name, *profile.structures.values(), *profile.communes,
                              *profile.emails, *(p.role for p in profile.participations)]))
    return all(word in haystack for word in fold(filters.text).split()[:SEARCH_LIMIT_WORDS])


def filter_profiles(profiles: list[Profile], filters: Filters) -> list[Profile]:
    return [profile for profile in profiles if matches(profile, filters)]


def scope_workshops(scope: Scope) -> list[Workshop]:
    query = select(Workshop).order_by(Workshop.date.desc().nulls_last(), Workshop.code)
    if scope.workshop_ids is not None:
        query = query.where(Workshop.id.in_(scope.workshop_ids))
    return list(db.session.scalars(query))


def themes_of(workshops: list[Workshop]) -> list[str]:
    return sorted({w.theme.strip() for w in workshops if w.theme.strip()}, key=fold)


def profile_of(scope: Scope, actor_id: int) -> Profile | None:
    return next((p for p in load_profiles(scope) if p.actor_id == actor_id), None)


@dataclass
class StructureSummary:
    key: str
    name: str
    people: list[Profile] = field(default_factory=list)

    @property
    def workshops(self) -> list[Workshop]:
        return unique(w for profile in self.people for w in profile.workshops)


def structures(profiles: list[Profile]) -> list[StructureSummary]:
    """Structures by normalised name, with the people seen in them, most people first."""
    found: dict[str, StructureSummary] = {}
    for profile in profiles:
        for key, name in profile.structures.items():
            found.setdefault(key, StructureSummary(key, name)).people.append(profile)
    return sorted(found.values(), key=lambda s: (-len(s.people), fold(s.name)))
