"""Workshop members: roles, what each role may do, invitations by e-mail link.

Every organiser page asks ``can(user, workshop, need)`` (through
``kit.views.common.workshop_or_404``). A workshop is reachable only by its members; an
instance administrator creates accounts but sees no workshop he is not a member of.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import func, select

from kit.extensions import db
from kit.i18n import N_, TranslatableError
from kit.models import Invitation, Membership, User, Workshop
from kit.models.base import utc_now
from kit.models.members import ROLES

# What a page needs. "view": the workshop page and its kit; "edit": change the workshop, its
# participants, registrations, imports and photos; "review": correct readings; "results":
# address book, diagnostic and their exports; "manage": members, publishing, archive, erasure.
VIEW, EDIT, REVIEW, RESULTS, MANAGE = "view", "edit", "review", "results", "manage"
NEEDS = (VIEW, EDIT, REVIEW, RESULTS, MANAGE)
ROLE_NEEDS = {
    "owner": frozenset(NEEDS),
    "coorganiser": frozenset({VIEW, EDIT, REVIEW, RESULTS}),
    "reviewer": frozenset({REVIEW, RESULTS}),
}
ROLE_LABELS = {"owner": N_("Propriétaire"), "coorganiser": N_("Co-organisateur·rice"),
               "reviewer": N_("Relecteur·rice")}
INVITATION_DAYS = 14  # an invitation link works two weeks


class MemberError(TranslatableError):
    """A membership change refused; worded in French, translated by the view."""


def membership(user, workshop: Workshop) -> Membership | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalars(select(Membership).where(
        Membership.workshop_id == workshop.id, Membership.user_id == user.id)).first()


def role_of(user, workshop: Workshop) -> str | None:
    found = membership(user, workshop)
    return found.role if found is not None else None


def can(user, workshop: Workshop, need: str) -> bool:
    if need not in NEEDS:
        raise ValueError(f"unknown need {need!r}")
    role = role_of(user, workshop)
    return role is not None and need in ROLE_NEEDS[role]


def user_workshops(user: User) -> list[tuple[Workshop, str]]:
    """The workshops ``user`` is a member of, with the role, latest date first."""
    query = (select(Workshop, Membership.role).join(Membership)
             .where(Membership.user_id == user.id)
             .order_by(Workshop.date.desc().nulls_last(), Workshop.code))
    return [(workshop, role) for workshop, role in db.session.execute(query)]


def list_members(workshop: Workshop) -> list[Membership]:
    query = (select(Membership).join(User).where(Membership.workshop_id == workshop.id)
             .order_by(Membership.role, User.email))
    return list(db.session.scalars(query))


def add_member(workshop: Workshop, user: User, role: str, commit: bool = True) -> Membership:
    """Give ``user`` ``role`` in ``workshop`` (changing the role of a member already there)."""
    check_role(role)
    found = membership(user, workshop)
    if found is None:
        found = Membership(workshop=workshop, user=user, role=role)
        db.session.add(found)
    else:
        if found.role == "owner" and role != "owner":
            ensure_another_owner(workshop, found)
        found.role = role
    if commit:
        db.session.commit()
    return found


def remove_member(workshop: Workshop, member: Membership) -> None:
    if member.role == "owner":
        ensure_another_owner(workshop, member)
    # an invitation still pending for the same address would let them straight back in
    for invitation in pending_invitations(workshop):
        if invitation.email == member.user.email.lower():
            db.session.delete(invitation)
    db.session.delete(member)
    db.session.commit()


def ensure_another_owner(workshop: Workshop, leaving: Membership) -> None:
    owners = db.session.scalar(select(func.count()).where(
        Membership.workshop_id == workshop.id, Membership.role == "owner",
        Membership.id != leaving.id))
    if not owners:
        raise MemberError(N_("Un atelier garde toujours au moins un·e propriétaire."))


def check_role(role: str) -> None:
    if role not in ROLES:
        raise MemberError(N_("Rôle inconnu : %(role)s."), role=role)


# --- invitations -------------------------------------------------------------------------------

def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invite(workshop: Workshop, email: str, role: str, invited_by: User) -> tuple[Invitation, str]:
    """A new invitation and its secret token (only its hash is stored: mail it, then forget it)."""
    check_role(role)
    email = email.strip().lower()
    if "@" not in email:
        raise MemberError(N_("Adresse e-mail invalide : %(email)s."), email=email)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(workshop=workshop, email=email, role=role,
                            token_hash=hash_token(token), invited_by_id=invited_by.id,
                            expires_at=utc_now() + dt.timedelta(days=INVITATION_DAYS))
    db.session.add(invitation)
    db.session.commit()
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The pending, unexpired invitation whose link carries ``token``."""
    if not token or len(token) > 128:
        return None
    found = db.session.scalars(select(Invitation).where(
        Invitation.token_hash == hash_token(token))).first()
    if found is None or found.accepted_at is not None:
        return None
    expires = found.expires_at
    if expires.tzinfo is None:  # SQLite gives naive datetimes back
        expires = expires.replace(tzinfo=dt.UTC)
    return found if expires > utc_now() else None


def pending_invitations(workshop: Workshop) -> list[Invitation]:
    query = select(Invitation).where(Invitation.workshop_id == workshop.id,
                                     Invitation.accepted_at.is_(None),
                                     Invitation.expires_at > utc_now())
    return list(db.session.scalars(query.order_by(Invitation.created_at)))


def withdraw_invitation(invitation: Invitation) -> None:
    """An invitation the owners take back (a mistyped address, a change of mind): its link no
    longer opens anything."""
    db.session.delete(invitation)
    db.session.commit()


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """``user`` joins with the invited role (never lowering the role of an owner already there)."""
    current = role_of(user, invitation.workshop)
    invitation.accepted_at = utc_now()
    found = membership(user, invitation.workshop)
    if found is not None and (current == "owner" or invitation.role == "reviewer"):
        db.session.commit()  # never a lower role than the one already held
        return found
    return add_member(invitation.workshop, user, invitation.role)
