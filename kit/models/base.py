"""Column helpers shared by the feature models."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Mapped, mapped_column


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class SecretLinkState:
    """Expiry and revocation of a link whose secret is stored hashed (``token``): upload links,
    address-book links. The row declares ``revoked_at`` and ``expires_at`` (None: never)."""
    revoked_at: Mapped[dt.datetime | None] = mapped_column()
    expires_at: Mapped[dt.datetime | None] = mapped_column()

    @property
    def is_expired(self) -> bool:
        if self.expires_at is None:
            return False
        expires = self.expires_at
        if expires.tzinfo is None:  # SQLite gives back naive datetimes; we store UTC
            expires = expires.replace(tzinfo=dt.UTC)
        return expires <= utc_now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired
