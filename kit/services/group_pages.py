"""Action groups: reads for the pages, the e-mails and the reminders.

Who appears where (GDPR): on the public group page, only members who are participants with
the consent "public" — a consent read from paper that waits for a human counts as none — and
never an e-mail; people who joined through the link are counted, never named. The organiser
and the referent see every member (the referent runs the group).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from kit.extensions import db
from kit.models import ActionGroup, GroupMember, GroupNews, Workshop
from kit.models.base import utc_now
from kit.models.groups import as_utc
from kit.services import ticks
from kit.services.groups import member_email

PUBLIC_NEWS = 10  # news items on the public page, newest first


def workshop_groups(workshop: Workshop) -> list[ActionGroup]:
    query = select(ActionGroup).where(ActionGroup.workshop_id == workshop.id)
    return list(db.session.scalars(query.order_by(ActionGroup.id)))


def get_group(workshop: Workshop, group_id: int) -> ActionGroup | None:
    group = db.session.get(ActionGroup, group_id)
    return group if group is not None and group.workshop_id == workshop.id else None


def find_public(public_id: str) -> ActionGroup | None:
    """The group of this public id, once its workshop's restitution is published."""
    if not public_id or len(public_id) > 32:
        return None
    group = db.session.scalars(select(ActionGroup).where(
        ActionGroup.public_id == public_id)).first()
    return group if group is not None and group.workshop.is_published else None


def members_in(group: ActionGroup, *states: str) -> list[GroupMember]:
    return [member for member in group.members if member.state in states]


def consented_public(group: ActionGroup) -> set[int]:
    """Ids of the members who may be named in public: participants with consent "public"
    whose paper consent does not wait for a human."""
    waiting = set(db.session.scalars(ticks.pending_consent_ids(group.workshop)))
    return {member.id for member in members_in(group, "member")
            if member.participant is not None and member.participant.consent == "public"
            and member.participant.id not in waiting and member.participant.erased_at is None}


@dataclass(frozen=True)
class PublicGroup:
    """What the public page, the restitution and the report may show of a group."""
    group: ActionGroup
    names: tuple[str, ...]  # consented members, by name only
    referent: str  # the referent's name if consented, else ""
    member_count: int
    news: tuple[GroupNews, ...]


def public_view(group: ActionGroup) -> PublicGroup:
    allowed = consented_public(group)
    members = members_in(group, "member")
    named = [m for m in members if m.id in allowed]
    referent = next((m for m in named if m.is_referent), None)
    return PublicGroup(group, tuple(m.participant.full_name for m in named if m.participant),
                       referent.participant.full_name if referent and referent.participant
                       else "", len(members), tuple(group.news[:PUBLIC_NEWS]))


def news_recipients(group: ActionGroup) -> list[str]:
    """The addresses news goes to: confirmed members with an e-mail (a join request carries
    the person's consent to be contacted), once each."""
    seen: dict[str, str] = {}
    for member in members_in(group, "member"):
        address = member_email(member).strip()
        if address and (member.source != "join" or member.contact_consent):
            seen.setdefault(address.lower(), address)
    return list(seen.values())


def quiet_days(group: ActionGroup, now: dt.datetime | None = None) -> int:
    """Whole days since the group's last sign of life."""
    last = as_utc(group.last_activity_at) or utc_now()
    return max(0, ((now or utc_now()) - last).days)


def is_reminder_due(group: ActionGroup, days: int, now: dt.datetime) -> bool:
    """Quiet for ``days``, its workshop's day ``days`` behind, not reminded in ``days``, still
    alive (not "réalisé") and with a referent who has an address."""
    workshop_day = group.workshop.date
    if workshop_day is not None and (now.date() - workshop_day).days < days:
        return False
    reminded = as_utc(group.reminded_at)
    if reminded is not None and (now - reminded).days < days:
        return False
    referent = group.referent
    return (group.status != "realise" and quiet_days(group, now) >= days
            and referent is not None and bool(member_email(referent)))


def due_reminders(days: int, workshop: Workshop | None = None,
                  now: dt.datetime | None = None) -> list[ActionGroup]:
    query = select(ActionGroup).order_by(ActionGroup.workshop_id, ActionGroup.id)
    if workshop is not None:
        query = query.where(ActionGroup.workshop_id == workshop.id)
    moment = now or utc_now()
    return [group for group in db.session.scalars(query)
            if is_reminder_due(group, days, moment)]


@dataclass(frozen=True)
class Join:
    """How to join a seed's group, for the restitution and the report: the public link and
    its QR code (drawn by the project's QR code: kit.services.link_qr, printables.flyer)."""
    group: ActionGroup
    url: str
    page_url: str


def seed_joins(workshop: Workshop, url_for_join, url_for_page) -> dict[int, Join]:
    """Seed sheet (card id) -> how to join its group, for the groups open to newcomers.
    ``url_for_join``/``url_for_page`` turn a public id into an absolute address."""
    return {group.card_id: Join(group, url_for_join(group.public_id),
                                url_for_page(group.public_id))
            for group in workshop_groups(workshop)
            if group.card_id is not None and group.is_open}
