"""The lunch-hour print of the afternoon groups: each confirmed group's "Graine de projet" sheet
pre-filled, and a run-sheet page of the groups and their tables (printables.afternoon).

What a sheet prints is shared with the room, so: only confirmed texts (a need waiting for
review is left for the group to write), and only the people who ticked "je veux y travailler"
(the tick settled, not waiting) and whose consent lets other participants see them
(kit.services.results.may_see, audience "participants"). Everyone else writes their own name
in the empty rows. What was printed is stored in the card's ``prefill``: a scan of the sheet
reads those boxes as printed values (kit.services.digitise.printed_values).
"""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from kit.extensions import db
from kit.models import AfternoonGroup, Card, Participant, Workshop
from kit.models.base import utc_now
from kit.services.afternoon import GroupView, board
from kit.services.kits import kit_card, new_card
from kit.services.results import may_see
from printables.afternoon import AfternoonGroupSheet, RunSheetText, afternoon_pdf
from printables.layout import MEMBER_ROWS

# Afternoon sheets are "graine" cards outside the kit's numbering of blank group sheets
# (slots 0..n-1, kit.services.kits.wanted_keys): a reprint of the kit never prints them.
AFTERNOON_SLOT_BASE = 1000
NEEDS_SEPARATOR = " · "


def ensure_sheet_card(group: AfternoonGroup) -> Card:
    """The group's sheet card, created once (its code never changes on a reprint)."""
    if group.sheet_card is not None:
        return group.sheet_card
    workshop = group.workshop
    # lock the workshop row: serials are handed out one at a time (as kits.ensure_cards does)
    db.session.execute(select(Workshop.id).where(Workshop.id == workshop.id).with_for_update())
    slot = AFTERNOON_SLOT_BASE + sum(1 for c in workshop.cards if c.type_key == "graine"
                                     and c.slot >= AFTERNOON_SLOT_BASE)
    card = new_card(workshop, ("graine", None, slot), None)
    db.session.add(card)
    group.sheet_card = card
    db.session.commit()
    return card


def printed_members(view: GroupView) -> list[tuple[str, str]]:
    """(name, number) of the people printed on the sheet, by number, at most MEMBER_ROWS."""
    wanting = {e.author.id for e in view.entries if e.author is not None and e.wants_verified}
    rows = [(person.full_name, str(person.number or ""))
            for person, _wants in view.people
            if person.id in wanting and may_see(person, "participants")]
    return rows[:MEMBER_ROWS]


def member_rows(prefill: dict[str, str]) -> list[tuple[str, str]]:
    return [(prefill.get(f"membre_{row}_nom", ""), prefill.get(f"membre_{row}_numero", ""))
            for row in range(1, MEMBER_ROWS + 1) if f"membre_{row}_nom" in prefill]


def with_members(prefill: dict[str, str], rows: list[tuple[str, str]]) -> dict[str, str]:
    kept = {k: v for k, v in prefill.items() if not k.startswith("membre_")}
    for row, (name, number) in enumerate(rows[:MEMBER_ROWS], start=1):
        kept[f"membre_{row}_nom"] = name
        kept[f"membre_{row}_numero"] = number
    return kept


def forget_member(person: Participant) -> bool:
    """RGPD erasure: the person's row leaves the stored text of every afternoon sheet (a
    reprint no longer prints it; the scan no longer takes it for printed). Commit is the
    caller's. Returns whether a sheet named them."""
    cards = db.session.scalars(select(Card).where(
        Card.workshop_id == person.workshop_id, Card.type_key == "graine",
        Card.slot >= AFTERNOON_SLOT_BASE))
    found = False
    for card in cards:
        rows = member_rows(card.prefill or {})
        kept = [row for row in rows if row != (person.full_name, str(person.number or ""))]
        if len(kept) != len(rows):
            card.prefill = with_members(card.prefill or {}, kept)
            found = True
    return found


def sheet_prefill(view: GroupView) -> dict[str, str]:
    needs = [e.text for e in view.entries if e.verified and e.text]
    prefill = {"titre": view.group.name, "besoins": NEEDS_SEPARATOR.join(needs)}
    return with_members(prefill, printed_members(view))


def table_name(label: str) -> str:
    return _("Table %(number)s", number=label) if label.isdigit() else label


def votes_summary(view: GroupView) -> str:
    """A group's votes as the page and the run-sheet say them: the counted votes only; needs
    whose count waits for a person, or that a person found unreadable, are named apart (a
    machine's proposal is never added, nor taken for 0)."""
    if not view.waiting and not view.unreadable:
        return ngettext("%(num)d vote", "%(num)d votes", view.votes)
    left_out = ([ngettext("%(num)d besoin aux votes à compter",
                          "%(num)d besoins aux votes à compter", view.waiting)]
                if view.waiting else [])
    left_out += ([ngettext("%(num)d besoin aux votes illisibles",
                           "%(num)d besoins aux votes illisibles", view.unreadable)]
                 if view.unreadable else [])
    counted = ngettext("%(num)d vote compté", "%(num)d votes comptés", view.votes)
    return f"{counted} ({', '.join(left_out)})"


def runsheet_line(view: GroupView) -> str:
    """A group on the run-sheet: its needs and its freins, each counted apart (a frein is no
    need), the votes of its needs (none said for freins alone) and the people who wrote them."""
    needs = view.needs
    freins = len(view.entries) - needs
    parts = [ngettext("%(num)d besoin", "%(num)d besoins", needs)] if needs else []
    parts += [ngettext("%(num)d frein", "%(num)d freins", freins)] if freins else []
    parts += [votes_summary(view)] if needs else []
    parts.append(ngettext("%(num)d personne", "%(num)d personnes", len(view.people)))
    return f"{view.group.name} — {', '.join(parts)}"


def confirmed_views(workshop: Workshop, group_ids: set[int] | None = None) -> list[GroupView]:
    return [view for view in board(workshop).groups if view.group.is_confirmed
            and (group_ids is None or view.group.id in group_ids)]


def print_sheets(workshop: Workshop, group_ids: set[int] | None = None,
                 with_runsheet: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> bytes:
    """The PDF of the confirmed groups (all, or those of ``group_ids``); stores what each
    sheet prints and when."""
    views = confirmed_views(workshop, group_ids)
    groups = []
    for view in views:
        card = ensure_sheet_card(view.group)
        card.prefill = sheet_prefill(view)
        card.printed_at = card.printed_at or utc_now()
        groups.append(AfternoonGroupSheet(kit_card(card), table_name(view.group.table_label),
                                          runsheet_line(view)))
    db.session.commit()
    text = RunSheetText(_("Groupes de l’après-midi"), workshop.title,
                        _("Une fiche « Graine de projet » par groupe, déjà remplie : posez-la "
                          "sur sa table. Les personnes qui n’y figurent pas écrivent leur nom "
                          "dans les lignes libres."),
                        _("Aucun groupe confirmé pour l’instant."))
    return afternoon_pdf(text, tuple(groups), with_runsheet, progress)
