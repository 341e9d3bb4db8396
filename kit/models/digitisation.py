"""After the workshop: uploaded photos, card sightings and every field's value with its source.

The rule this module carries: a value whose source is ``human`` is never overwritten by a
re-scan or a re-OCR (services check ``FieldValue.is_locked`` before writing).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import SecretLinkState, utc_now

if TYPE_CHECKING:
    from kit.models.cards import Card
    from kit.models.participants import Participant
    from kit.models.users import User
    from kit.models.workshops import Workshop

PHOTO_STATUSES = ("queued", "processing", "done", "error")
# Where a value comes from, from weakest to strongest. "printed": known before the day and
# printed on the card; "checkbox"/"votes": read from marks; "ocr": a proposal; "fuzzy": an OCR
# proposal snapped to a known value; "human": typed or confirmed by an organiser.
VALUE_SOURCES = ("printed", "checkbox", "votes", "ocr", "fuzzy", "human")
# Review states of one value: "pending" waits for a human; "auto" was accepted by rule (exact
# match, confident checkbox); "confirmed"/"corrected"/"unreadable"/"empty" are human decisions.
REVIEW_STATES = ("pending", "auto", "confirmed", "corrected", "unreadable", "empty")
HUMAN_STATES = ("confirmed", "corrected", "unreadable", "empty")


class UploadLink(SecretLinkState, Model):
    """A per-workshop secret link for volunteers to upload photos without an account."""
    __tablename__ = "upload_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    revoked_at: Mapped[dt.datetime | None]
    expires_at: Mapped[dt.datetime | None]  # None: never

    workshop: Mapped[Workshop] = relationship()


class Photo(Model):
    """One uploaded photo and the state of its processing."""
    __tablename__ = "photos"
    __table_args__ = (UniqueConstraint("workshop_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))  # the same file uploaded twice is one photo
    filename: Mapped[str] = mapped_column(String(255))  # as uploaded, for messages
    stored_name: Mapped[str] = mapped_column(String(255))  # under instance/photos/<CODE>/
    size_bytes: Mapped[int] = mapped_column(default=0)
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    upload_link_id: Mapped[int | None] = mapped_column(ForeignKey("upload_links.id"))
    status: Mapped[str] = mapped_column(String(12), default="queued")  # PHOTO_STATUSES
    message: Mapped[str] = mapped_column(Text, default="")  # the error, or a hint (too dark...)
    # the same message as a key and its parameters, translated when shown (kit.status_messages)
    message_parts: Mapped[list | None] = mapped_column(JSON)
    width: Mapped[int | None]
    height: Mapped[int | None]
    processed_at: Mapped[dt.datetime | None]
    reading: Mapped[dict | None] = mapped_column(JSON)  # scan's photo dict, as read

    workshop: Mapped[Workshop] = relationship()
    uploaded_by: Mapped[User | None] = relationship()
    upload_link: Mapped[UploadLink | None] = relationship()
    sightings: Mapped[list[Sighting]] = relationship(back_populates="photo",
                                                       cascade="all, delete-orphan")


class Sighting(Model):
    """One card seen in one photo."""
    __tablename__ = "sightings"
    __table_args__ = (UniqueConstraint("photo_id", "card_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    corners_px: Mapped[list] = mapped_column(JSON)
    fit_error_mm: Mapped[float | None]
    px_per_mm: Mapped[float | None]
    zone: Mapped[str | None] = mapped_column(String(20))
    cluster: Mapped[str | None] = mapped_column(String(40))
    image_name: Mapped[str | None] = mapped_column(String(255))  # rectified card image
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    photo: Mapped[Photo] = relationship(back_populates="sightings")
    card: Mapped[Card] = relationship()


class CardReading(Model):
    """The merged state of one card over all its sightings (the better view wins)."""
    __tablename__ = "card_readings"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), unique=True)
    best_sighting_id: Mapped[int | None] = mapped_column(ForeignKey("sightings.id"))
    zone: Mapped[str | None] = mapped_column(String(20))
    cluster: Mapped[str | None] = mapped_column(String(40))
    disagreements: Mapped[list | None] = mapped_column(JSON)
    # participant attribute -> the value apply_card last wrote there from this card: a
    # participant value that differs from it was edited by a human and is left alone
    applied: Mapped[dict | None] = mapped_column(JSON)
    # the participant this card fills: an identity card's owner (a walk-in created from a
    # blank pack too), or the useful contact a "Contact utile" card created (not the pack owner)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    card: Mapped[Card] = relationship()
    best_sighting: Mapped[Sighting | None] = relationship()
    participant: Mapped[Participant | None] = relationship()


class FieldValue(Model):
    """The value of one field of one card, with where it comes from and how sure we are."""
    __tablename__ = "field_values"
    __table_args__ = (UniqueConstraint("card_id", "field_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    field_name: Mapped[str] = mapped_column(String(40))  # a printables.layout Field name
    # text | email | phone | number | checkbox | votes
    kind: Mapped[str] = mapped_column(String(12))
    value: Mapped[str | None] = mapped_column(Text)  # checkbox: "1"/"0"; votes: the count
    source: Mapped[str] = mapped_column(String(10))  # VALUE_SOURCES
    confidence: Mapped[float] = mapped_column(default=0.0)  # 0..1
    proposal: Mapped[str | None] = mapped_column(Text)  # the machine's last proposal, kept
    proposal_score: Mapped[float | None]  # the engine's own score: orders the review queue
    has_ink: Mapped[bool | None]
    crop_name: Mapped[str | None] = mapped_column(String(255))  # under instance/crops/<CODE>/
    review: Mapped[str] = mapped_column(String(12), default="pending")  # REVIEW_STATES
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    card: Mapped[Card] = relationship()
    reviewed_by: Mapped[User | None] = relationship()

    @property
    def is_locked(self) -> bool:
        """A human decision: no machine reading may change it any more."""
        return self.source == "human" or self.review in HUMAN_STATES
