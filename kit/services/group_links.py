"""The referent's personal edit link (``/groupe-referent/<secret>``): the group's page without an
account. Built like the volunteers' upload links (kit.services.upload_links): only the sha256
of the secret is stored, each link expires, the organiser can revoke it. A group has at most
one live link: making a new one (a reminder does) revokes the previous ones.
"""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from kit.extensions import db
from kit.models import ActionGroup, ReferentLink
from kit.models.base import utc_now
from kit.services.upload_links import TOKEN_BYTES, hash_token

MAX_TOKEN_CHARS = 64  # anything longer is not one of ours: no hashing, no query


@dataclass(frozen=True)
class NewReferentLink:
    link: ReferentLink
    secret: str  # the /groupe-referent/<secret> part of the address; stored nowhere


def create_link(group: ActionGroup, days: int) -> NewReferentLink:
    """A fresh link for the group's referent; the previous live links stop working."""
    now = utc_now()
    for old in group.links:
        if old.revoked_at is None:
            old.revoked_at = now
    secret = secrets.token_urlsafe(TOKEN_BYTES)
    link = ReferentLink(group=group, token=hash_token(secret),
                        expires_at=now + dt.timedelta(days=days))
    db.session.add(link)
    db.session.commit()
    return NewReferentLink(link, secret)


def revoke_links(group: ActionGroup) -> int:
    """Revoke every live link of the group; how many were live."""
    live = [link for link in group.links if link.revoked_at is None]
    for link in live:
        link.revoked_at = utc_now()
    db.session.commit()
    return len(live)


def find_active_link(secret: str) -> ReferentLink | None:
    """The live link of this secret; None when unknown, expired or revoked."""
    if not secret or len(secret) > MAX_TOKEN_CHARS:
        return None
    query = select(ReferentLink).where(ReferentLink.token == hash_token(secret))
    link = db.session.scalars(query).first()
    return link if link is not None and link.is_active else None


def current_link(group: ActionGroup) -> ReferentLink | None:
    """The newest link, live or not (the organiser's page says which)."""
    return group.links[0] if group.links else None


def touch(link: ReferentLink) -> None:
    link.last_used_at = utc_now()
    db.session.commit()
