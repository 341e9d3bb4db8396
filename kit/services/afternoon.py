"""The afternoon groups (issue 11): propose groups of needs and freins that say the same thing,
let an organiser merge, split, rename and confirm them, and read them back for the page and
for the printed sheets (kit.services.afternoon_print).

Rules: proposing again replaces the groups still proposed, never a confirmed one nor the cards
in it; changing the needs of a confirmed group sends it back to "proposed" (its printed sheet
would no longer say the same thing); the page shows a pending text (the machine's reading,
flagged), the printed sheet only confirmed ones (kit.services.afternoon_print).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from kit.extensions import db
from kit.models import ActionGroup, AfternoonGroup, AfternoonItem, Card, Participant, Workshop
from kit.models.base import utc_now
from kit.services import similarity
from kit.services.results import (
    SILENT_STATES,
    VOTES_CONFIRMED,
    VOTES_UNREADABLE,
    VOTES_WAITING,
    Sheet,
    count_of,
    heading_of,
    read_sheets,
    votes_rank,
    votes_status_of,
)
from kit.services.results import Text as ResultText

GROUPED_TYPES = ("besoin", "frein")
NAME_MAX_CHARS = 120
TABLE_MAX_CHARS = 20


@dataclass(frozen=True)
class Entry:
    """A need or frein card as the afternoon page shows it."""
    card_id: int
    code: str
    type_key: str
    text: str  # the confirmed text, or the machine's proposal while it waits for review
    verified: bool  # a human or a rule settled the text (only these are printed)
    votes: int | None  # None: not counted (results.count_of), never a proposal nor a 0
    votes_status: str  # results.VOTES_CONFIRMED, VOTES_WAITING or VOTES_UNREADABLE
    author: Participant | None
    wants: bool  # "je veux y travailler" ticked
    wants_verified: bool  # ...and that tick is settled (auto or human), not waiting
    votes_value_id: int | None = None  # the count's review (kit.views.review, needs list)

    @property
    def is_need(self) -> bool:
        return self.type_key == "besoin"

    @property
    def rank(self) -> tuple:
        """Needs before freins; needs as the results rank them (results.votes_rank)."""
        return (not self.is_need, *votes_rank(self.votes, self.votes_status))


def counted_votes(entries: list[Entry]) -> int:
    return sum(e.votes or 0 for e in entries if e.is_need and e.votes_status == VOTES_CONFIRMED)


@dataclass
class GroupView:
    group: AfternoonGroup
    entries: list[Entry] = field(default_factory=list)

    @property
    def votes(self) -> int:
        """The counted votes of its needs only: a count waiting for a person or unreadable
        adds nothing (``waiting``, ``unreadable`` say how many needs are left out)."""
        return counted_votes(self.entries)

    @property
    def needs(self) -> int:
        """How many of its cards are needs (the others are freins, which have no votes)."""
        return sum(1 for e in self.entries if e.is_need)

    @property
    def waiting(self) -> int:
        """How many of its needs have votes still to count (or confirm)."""
        return sum(1 for e in self.entries if e.is_need and e.votes_status == VOTES_WAITING)

    @property
    def unreadable(self) -> int:
        return sum(1 for e in self.entries if e.is_need and e.votes_status == VOTES_UNREADABLE)

    @property
    def people(self) -> list[tuple[Participant, bool]]:
        """The authors of its cards, each once, with whether they want to work on it."""
        found: dict[int, tuple[Participant, bool]] = {}
        for entry in self.entries:
            if entry.author is not None:
                known = found.get(entry.author.id, (entry.author, False))
                found[entry.author.id] = (entry.author, known[1] or entry.wants)
        return sorted(found.values(), key=lambda p: (p[0].number or 10**6, p[0].last_name))


@dataclass
class Board:
    groups: list[GroupView]
    loose: list[Entry]  # needs and freins in no group
    method: str  # the similarity that proposed the groups (kit.services.similarity)


def value_text(sheet: Sheet) -> tuple[str, bool]:
    value = sheet.values.get("texte")
    if value is None or value.review in SILENT_STATES:
        return "", True
    if value.review == "pending":
        return (value.proposal or "").strip(), False
    return (value.value or "").strip(), True


def entry_of(sheet: Sheet) -> Entry:
    text, verified = value_text(sheet)
    tick = sheet.values.get("travailler")
    wants = tick is not None and tick.review not in SILENT_STATES and tick.value == "1"
    settled = wants and tick is not None and tick.review != "pending"
    votes = sheet.values.get("votes")
    return Entry(sheet.card.id, sheet.card.code, sheet.card.type_key, text, verified,
                 count_of(votes), votes_status_of(votes), sheet.card.participant, wants, settled,
                 votes.id if votes is not None else None)


def entries(workshop: Workshop) -> list[Entry]:
    """Needs then freins with some text; needs ranked as the results rank them (counted ones
    by most votes, then those waiting for a person, then unreadable ones)."""
    found = [entry_of(sheet) for sheet in read_sheets(workshop, GROUPED_TYPES)]
    return sorted((e for e in found if e.text), key=lambda e: e.rank)


def action_groups(workshop: Workshop) -> dict[int, ActionGroup]:
    """Afternoon group id -> the action group made from its sheet (issue 10), where there is one."""
    query = (select(AfternoonGroup.id, ActionGroup)
             .join(ActionGroup, ActionGroup.card_id == AfternoonGroup.sheet_card_id)
             .where(AfternoonGroup.workshop_id == workshop.id))
    return {group_id: action for group_id, action in db.session.execute(query)}


def groups_of(workshop: Workshop) -> list[AfternoonGroup]:
    query = (select(AfternoonGroup).where(AfternoonGroup.workshop_id == workshop.id)
             .order_by(AfternoonGroup.position, AfternoonGroup.id))
    return list(db.session.scalars(query))


def board(workshop: Workshop) -> Board:
    by_card = {e.card_id: e for e in entries(workshop)}
    views = []
    for group in groups_of(workshop):
        view = GroupView(group, [by_card.pop(item.card_id) for item in group.items
                                 if item.card_id in by_card])
        views.append(view)
    return Board(views, list(by_card.values()), similarity.best_method())


def name_for(entries: list[Entry]) -> str:
    """The first confirmed text, cut to a heading: a machine reading never names a group (the
    name is printed); with none, the group waits for the organiser to name it."""
    return heading_of([ResultText(e.text) for e in entries if e.verified])[:NAME_MAX_CHARS]


def propose(workshop: Workshop) -> int:
    """Replace the proposed groups by new proposals; return how many groups were proposed."""
    for group in groups_of(workshop):
        if not group.is_confirmed:
            db.session.delete(group)  # and its items (cascade)
    db.session.flush()
    kept = {item.card_id for group in groups_of(workshop) for item in group.items}
    free = [e for e in entries(workshop) if e.card_id not in kept]
    clusters = [[free[i] for i in indices]
                for indices in similarity.group_texts([e.text for e in free]) if len(indices) > 1]
    clusters.sort(key=lambda members: -counted_votes(members))
    start = len(groups_of(workshop))
    for position, members in enumerate(clusters, start=start):
        members.sort(key=lambda e: e.rank)
        group = AfternoonGroup(workshop_id=workshop.id, position=position,
                               name=name_for(members))
        group.items = [AfternoonItem(card_id=e.card_id, position=k)
                       for k, e in enumerate(members)]
        db.session.add(group)
    db.session.commit()
    return len(clusters)


def group_card(workshop: Workshop, card_id: int) -> Card | None:
    card = db.session.get(Card, card_id)
    if card is None or card.workshop_id != workshop.id or card.type_key not in GROUPED_TYPES:
        return None
    return card


def unconfirm(group: AfternoonGroup) -> None:
    group.status = "proposed"
    group.confirmed_at = None


def move(workshop: Workshop, card: Card, target: AfternoonGroup | None, new: bool = False) -> \
        AfternoonGroup | None:
    """Put ``card`` in ``target``, in a new group of its own (``new``: a split), or in no
    group (both None/False). Returns the group it ends in. Empty groups left behind go."""
    item = db.session.scalars(select(AfternoonItem).where(AfternoonItem.card_id == card.id)).first()
    source = item.group if item is not None else None
    if new:
        entry = next((e for e in entries(workshop) if e.card_id == card.id), None)
        target = AfternoonGroup(workshop_id=workshop.id, position=len(groups_of(workshop)),
                                name=name_for([entry] if entry else []))
        db.session.add(target)
    if source is not None and source is target:
        return target
    if item is not None:
        source.items.remove(item)  # type: ignore[union-attr]
        db.session.delete(item)
        db.session.flush()
    if target is not None:
        target.items.append(AfternoonItem(card_id=card.id, position=len(target.items)))
        unconfirm(target)
    if source is not None:
        unconfirm(source)
        if not source.items:
            db.session.delete(source)
    db.session.commit()
    return target


def merge(group: AfternoonGroup, into: AfternoonGroup) -> None:
    """Every card of ``group`` goes to ``into`` (after its own), and ``group`` goes."""
    if group.id == into.id:
        return
    for item in list(group.items):
        item.position = len(into.items)
        item.group = into  # leaves group.items without being deleted as an orphan
    unconfirm(into)
    db.session.delete(group)
    db.session.commit()


def rename(group: AfternoonGroup, name: str, table: str) -> None:
    group.name = " ".join(name.split())[:NAME_MAX_CHARS] or group.name
    group.table_label = " ".join(table.split())[:TABLE_MAX_CHARS]
    db.session.commit()


def confirm(group: AfternoonGroup, confirmed: bool = True) -> bool:
    """Confirm (or no longer confirm) a group; a confirmed group has a table by default. A
    group without a name is not confirmed (its sheet prints the name): returns False."""
    if not confirmed:
        unconfirm(group)
        db.session.commit()
        return True
    if not group.name.strip():
        return False
    group.status = "confirmed"
    group.confirmed_at = utc_now()
    if not group.table_label:  # a number: shown as "Table 3" (display.table_name)
        used = {g.table_label for g in groups_of(group.workshop)}
        group.table_label = str(next(n for n in range(1, 1000) if str(n) not in used))
    db.session.commit()
    return True


def move_position(group: AfternoonGroup, step: int) -> None:
    """Move a group up (-1) or down (+1) in the list (and on the run-sheet)."""
    groups = groups_of(group.workshop)
    index = groups.index(group)
    other = index + step
    if 0 <= other < len(groups):
        groups[index], groups[other] = groups[other], groups[index]
    for position, each in enumerate(groups):
        each.position = position
    db.session.commit()
