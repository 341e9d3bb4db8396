"""What a workshop's people produced, tied to them: needs they wrote, action groups they
joined, cards of their pack. Confirmed values only (kit.services.results rules).

Action groups are read from the group sheets ("Graine de projet"): a member row is tied to a
participant by the pack number written on it, else by its e-mail."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from kit.extensions import db
from kit.models import ActionGroup, Card, Workshop
from kit.services import results
from kit.services.actor_matching import email_key
from kit.services.directory import Profile


@dataclass(frozen=True)
class NeedNote:
    card_id: int
    workshop_code: str
    text: str
    author_id: int | None  # participant id


@dataclass(frozen=True)
class GroupNote:
    key: str  # the map's node id: "a<action group id>", or "g<sheet card id>" for a sheet
    workshop_code: str
    title: str
    member_ids: frozenset[int] = frozenset()  # participant ids
    card_id: int | None = None


def confirmed_needs(workshop: Workshop) -> list[NeedNote]:
    found = []
    for sheet in results.read_sheets(workshop, ("besoin",)):
        text = sheet.text("texte")
        if text.verified and text.text:
            found.append(NeedNote(sheet.card.id, workshop.code, text.text,
                                  sheet.card.participant_id))
    return found


def groups(workshop: Workshop) -> list[GroupNote]:
    """The workshop's action groups (kit.models.groups: members confirmed by the organiser or
    the referent) and, for a group sheet not made into a group yet, the members written on it."""
    made = action_groups(workshop)
    done = {note.card_id for note in made if note.card_id}
    return made + [note for note in sheet_groups(workshop) if note.card_id not in done]


def action_groups(workshop: Workshop) -> list[GroupNote]:
    query = select(ActionGroup).where(ActionGroup.workshop_id == workshop.id).order_by(
        ActionGroup.id)
    return [GroupNote(f"a{group.id}", workshop.code, group.title or "?", frozenset(
        m.participant_id for m in group.members if m.state == "member" and m.participant_id),
        group.card_id) for group in db.session.scalars(query)]


def sheet_groups(workshop: Workshop) -> list[GroupNote]:
    numbers = {p.number: p.id for p in workshop.participants if p.number is not None}
    emails = {email_key(p.email): p.id for p in workshop.participants if p.email}
    found = []
    for seed in results.seeds(workshop):
        ids = set()
        for member in seed.members:
            pid = numbers.get(int(member.number)) if member.number.isdigit() else None
            pid = pid or emails.get(email_key(member.email))
            if pid:
                ids.add(pid)
        title = seed.title.text if seed.title.verified and seed.title.text else seed.code
        found.append(GroupNote(f"g{seed.card_id}", workshop.code, title, frozenset(ids),
                               seed.card_id))
    return found


@dataclass
class Contributions:
    needs: list[NeedNote] = field(default_factory=list)
    groups: list[GroupNote] = field(default_factory=list)
    cards: dict[str, int] = field(default_factory=dict)  # card type key -> count


def contributions(profile: Profile) -> Contributions:
    ids = {p.id for p in profile.participations}
    found = Contributions()
    for workshop in profile.workshops:
        found.needs += [n for n in confirmed_needs(workshop) if n.author_id in ids]
        found.groups += [g for g in groups(workshop) if g.member_ids & ids]
    counts = db.session.execute(select(Card.type_key, func.count()).where(
        Card.participant_id.in_(ids)).group_by(Card.type_key))
    found.cards = dict(Counter({key: n for key, n in counts}))
    return found
