"""The pre-diagnostic questionnaire's answers and the organiser's "première base" items.

Every answer belongs to one item. A new answer gets an item of its own; the organiser merges
duplicates (their answers move to one item), rewords items and marks those to print. A marked
item is printed as a card of ``card_type`` with its text printed in; ``card_id`` links the
printed code back to the item.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kit.extensions import Model
from kit.models.base import Timestamped, utc_now

if TYPE_CHECKING:
    from kit.models.cards import Card
    from kit.models.registrations import Registration
    from kit.models.workshops import Workshop

# The method's shared diagnostic, in the questionnaire's order, with the card type each
# category is printed as by default. Freins, leviers, ressources and besoins have their own
# card; previous work and means are things that already exist (Ressource / initiative
# locale); expectations and wishes are what is missing (Besoin, so they get voted on);
# points of view are printed as Levier by default. The organiser can change it per item.
CATEGORY_CARD_TYPES: dict[str, str] = {
    "travaux": "ressource", "ressources": "ressource", "points_de_vue": "levier",
    "freins": "frein", "leviers": "levier", "moyens": "ressource", "attentes": "besoin",
    "besoins": "besoin", "envies": "besoin",
}
CATEGORIES = tuple(CATEGORY_CARD_TYPES)
ITEM_CARD_TYPES = ("frein", "levier", "ressource", "besoin")


class Answer(Model):
    """One short entry typed by one registered person in one category."""
    __tablename__ = "prediagnostic_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))  # CATEGORIES
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("base_items.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    registration: Mapped[Registration] = relationship(back_populates="answers")
    item: Mapped[BaseItem | None] = relationship(back_populates="answers")


class BaseItem(Timestamped, Model):
    """One line of the "première base": one or several merged answers, in the organiser's words."""
    __tablename__ = "base_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))  # CATEGORIES
    text: Mapped[str] = mapped_column(Text)
    card_type: Mapped[str] = mapped_column(String(20))  # ITEM_CARD_TYPES
    to_print: Mapped[bool] = mapped_column(default=False)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"), unique=True)

    workshop: Mapped[Workshop] = relationship()
    card: Mapped[Card | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(back_populates="item", order_by="Answer.id")

    @property
    def contributor_count(self) -> int:
        return len({answer.registration_id for answer in self.answers})
