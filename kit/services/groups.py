"""Action groups (issue 10, point 4): writes. Each "Graine de projet" sheet becomes a group; its
members come from the sheet (matched to participants by their number, confirmed by the
organiser) or ask through the public link (accepted by the referent); the referent updates
the group and posts news. Reads for the pages are in kit.services.group_pages.

Only confirmed values of the sheet are copied (kit.services.results.text_of: a value waiting
for review is empty), so nothing guessed by the OCR reaches a group.
"""
from __future__ import annotations

import secrets

from sqlalchemy import select

from kit.extensions import db
from kit.models import (
    ActionGroup,
    AfternoonGroup,
    GroupMember,
    GroupNews,
    Participant,
    Workshop,
)
from kit.models.base import utc_now
from kit.models.groups import GROUP_STATUSES
from kit.services import group_links, results

PUBLIC_ID_BYTES = 9  # 12 URL-safe characters (72 bits): a group's address cannot be guessed
TEXT_LIMITS = {"title": 200, "needs": 4000, "plan": 4000, "first_step": 2000,
               "next_meeting": 200}
MAX_NEWS_CHARS = 5000
MAX_MESSAGE_CHARS = 1000


def create_from_seeds(workshop: Workshop) -> int:
    """A group for every seed sheet that has none yet; how many were created."""
    done = set(db.session.scalars(select(ActionGroup.card_id).where(
        ActionGroup.workshop_id == workshop.id, ActionGroup.card_id.is_not(None))))
    created = 0
    for seed in results.seeds(workshop):
        if seed.card_id is None or seed.card_id in done:
            continue
        db.session.add(group_of_seed(workshop, seed))
        created += 1
    db.session.commit()
    return created


def group_of_seed(workshop: Workshop, seed: results.Seed) -> ActionGroup:
    """The seed's group; what the sheet leaves empty comes from its afternoon group (issue 11:
    the sheet printed for it at lunch), when there is one: its name, its confirmed needs."""
    afternoon = afternoon_group_of_card(seed.card_id)
    title = seed.title.text or (afternoon.name if afternoon else "")
    needs = seed.needs.text or (afternoon_needs(afternoon) if afternoon else "")
    group = ActionGroup(workshop=workshop, card_id=seed.card_id, public_id=new_public_id(),
                        title=title[:200], needs=needs, plan=seed.plan.text,
                        first_step=seed.first_step.text,
                        next_meeting=seed.next_meeting.text[:200], is_open=seed.is_open)
    referent = seed.referent.text.strip().casefold()
    for member in seed.members:
        row = GroupMember(name=member.name[:200], email=member.email[:254],
                          number=member.number[:10], state="proposed", source="sheet",
                          participant=match_participant(workshop, member.number))
        row.is_referent = bool(referent) and referent in (row.name.casefold(),
                                                          display_name(row).casefold())
        group.members.append(row)
    return group


def afternoon_group_of_card(card_id: int | None) -> AfternoonGroup | None:
    """The afternoon group whose pre-filled seed sheet this card is (None: a blank sheet)."""
    if card_id is None:
        return None
    return db.session.scalars(select(AfternoonGroup).where(
        AfternoonGroup.sheet_card_id == card_id)).first()


def afternoon_needs(afternoon: AfternoonGroup) -> str:
    """The confirmed texts of the afternoon group's need cards, one per line."""
    ids = {item.card_id for item in afternoon.items}
    texts = [sheet.text("texte") for sheet in results.read_sheets(afternoon.workshop, ("besoin",))
             if sheet.card.id in ids]
    return "\n".join(f"– {text.text}" for text in texts if text.verified and text.text)


def new_public_id() -> str:
    return secrets.token_urlsafe(PUBLIC_ID_BYTES)


def match_participant(workshop: Workshop, number: str) -> Participant | None:
    """The participant whose pack number was written on the sheet (a proposal to confirm)."""
    digits = number.strip().lstrip("nN°º. ")
    if not digits.isdigit():
        return None
    return db.session.scalars(select(Participant).where(
        Participant.workshop_id == workshop.id, Participant.number == int(digits),
        Participant.erased_at.is_(None))).first()


def display_name(member: GroupMember) -> str:
    """The name the organiser and the referent see: the participant's, else as written."""
    person = member.participant
    return (person.full_name if person is not None else "") or member.name


def member_email(member: GroupMember) -> str:
    person = member.participant
    return member.email or (person.email if person is not None and person.email else "")


def create_group(workshop: Workshop, title: str) -> ActionGroup:
    group = ActionGroup(workshop=workshop, public_id=new_public_id(), title=title.strip()[:200])
    db.session.add(group)
    db.session.commit()
    return group


def update_group(group: ActionGroup, data: dict, by_referent: bool = False) -> None:
    """Change the texts, status and openness from a form's ``data`` (unknown keys ignored)."""
    for name, limit in TEXT_LIMITS.items():
        if name in data:
            setattr(group, name, str(data[name] or "").strip()[:limit])
    if data.get("status") in GROUP_STATUSES:
        group.status = data["status"]
    if "is_open" in data:
        group.is_open = bool(data["is_open"])
    if by_referent:
        group.last_activity_at = utc_now()
    db.session.commit()


def member_of(group: ActionGroup, member_id: int | None) -> GroupMember | None:
    """A member row of this group (an id from another group is None)."""
    member = db.session.get(GroupMember, member_id) if member_id else None
    return member if member is not None and member.group_id == group.id else None


def confirm_member(member: GroupMember, participant_id: int | None) -> None:
    """The organiser confirms a person of the sheet, with the participant they are (or none)."""
    person = db.session.get(Participant, participant_id) if participant_id else None
    if person is not None and person.workshop_id != member.group.workshop_id:
        person = None
    member.participant = person
    member.state, member.decided_at = "member", utc_now()
    db.session.commit()


def remove_member(member: GroupMember) -> int:
    """Remove ``member``; when they were the referent, the group's edit links stop working
    (links belong to the group, not to a person: the next referent gets a new one). Returns
    how many live links were revoked."""
    group, was_referent = member.group, member.is_referent
    db.session.delete(member)
    db.session.commit()
    return group_links.revoke_links(group) if was_referent else 0


def set_referent(group: ActionGroup, member: GroupMember) -> int:
    """Make ``member`` the referent; choosing someone else than the referent revokes the
    group's live edit links (the former referent holds them). Returns how many were revoked."""
    replaced = any(other.is_referent for other in group.members if other.id != member.id)
    for other in group.members:
        other.is_referent = other.id == member.id
    if member.state != "member":
        member.state, member.decided_at = "member", utc_now()
    db.session.commit()
    return group_links.revoke_links(group) if replaced else 0


def add_member(group: ActionGroup, name: str, email: str) -> GroupMember:
    member = GroupMember(group=group, name=name.strip()[:200], email=email.strip()[:254],
                         state="member", source="organiser", decided_at=utc_now())
    db.session.add(member)
    db.session.commit()
    return member


def request_join(group: ActionGroup, name: str, email: str, message: str) -> GroupMember:
    """A join request (the person consented to be contacted). Asking twice with the same
    address changes nothing: the existing request or membership stands."""
    email = (email or "").strip().lower()
    for member in group.members:
        if member.email.lower() == email and member.state in ("requested", "member"):
            return member
    member = GroupMember(group=group, name=(name or "").strip()[:200], email=email[:254],
                         message=(message or "").strip()[:MAX_MESSAGE_CHARS], state="requested",
                         source="join", contact_consent=True)
    db.session.add(member)
    db.session.commit()
    return member


def decide_request(member: GroupMember, accept: bool) -> None:
    """The referent accepts (a member, a sign of life) or declines a join request."""
    if member.state != "requested":
        return
    member.state, member.decided_at = ("member" if accept else "declined"), utc_now()
    if accept:
        member.group.last_activity_at = utc_now()
    db.session.commit()


def post_news(group: ActionGroup, body: str) -> GroupNews:
    news = GroupNews(group=group, body=body.strip()[:MAX_NEWS_CHARS])
    db.session.add(news)
    group.last_activity_at = utc_now()
    db.session.commit()
    return news


def record_mailing(news: GroupNews, status: str, sent: int, failed: int) -> None:
    news.mail_status, news.mailed, news.mail_failed = status, sent, failed
    db.session.commit()


def mark_reminded(group: ActionGroup) -> None:
    group.reminded_at = utc_now()
    db.session.commit()
