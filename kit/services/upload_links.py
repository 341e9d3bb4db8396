"""Secret per-workshop links for volunteers to upload photos without an account.

Only the sha256 of a link's secret is stored (``UploadLink.token``): a copy of the database
opens no link. The secret itself is known once, when the link is created (``NewLink.secret``),
and shown to the organiser then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from kit.extensions import db
from kit.models import UploadLink, Workshop
from kit.models.base import utc_now

TOKEN_BYTES = 24  # 32 URL-safe characters: not guessable, short enough to type from a QR


@dataclass(frozen=True)
class NewLink:
    link: UploadLink
    secret: str  # the /u/<secret> part of the address; stored nowhere


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_link(workshop: Workshop, label: str = "", days: int | None = 30) -> NewLink:
    expires = utc_now() + dt.timedelta(days=days) if days else None
    secret = secrets.token_urlsafe(TOKEN_BYTES)
    link = UploadLink(
        workshop=workshop, token=hash_token(secret), label=label.strip()[:120], expires_at=expires
    )
    db.session.add(link)
    db.session.commit()
    return NewLink(link, secret)


def revoke_link(link: UploadLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = utc_now()
        db.session.commit()


def find_link(token: str) -> UploadLink | None:
    if not token or len(token) > 64:
        return None
    digest = hash_token(token)
    return db.session.scalars(select(UploadLink).where(UploadLink.token == digest)).first()


def workshop_links(workshop: Workshop) -> list[UploadLink]:
    query = select(UploadLink).where(UploadLink.workshop_id == workshop.id)
    return list(
        db.session.scalars(query.order_by(UploadLink.created_at.desc(), UploadLink.id.desc()))
    )


def get_link(workshop: Workshop, link_id: int) -> UploadLink | None:
    link = db.session.get(UploadLink, link_id)
    return link if link is not None and link.workshop_id == workshop.id else None
