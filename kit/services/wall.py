"""The live wall: what the room's four walls hold once photographed, for a projector.

Reads only. A card appears once a photo has shown it (its merged reading has a best view).
It is shown by its confirmed text (kit.services.results.text_of: a value still waiting for a
human has no text) or else by the image of what was written on it; an OCR guess is never shown
as text. Cards stay in their wall cluster; a cluster is named by its first card's confirmed
words (results.heading_of), never by a photo number. Needs are sorted by their confirmed votes
(results.votes_rank): a need whose votes are not counted comes after the counted ones, never as 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, Photo, Sighting, Workshop
from kit.services.results import (
    VOTES_STATUS_ORDER,
    VOTES_UNREADABLE,
    VOTES_WAITING,
    Text,
    count_of,
    heading_of,
    text_of,
    votes_rank,
    votes_status_for,
    votes_status_of,
)

# The wall's columns, left to right, and the card type each holds.
COLUMNS = (("freins", "frein"), ("leviers", "levier"), ("ressources", "ressource"),
           ("besoins", "besoin"))
WAITING_STATUSES = ("queued", "processing")
TEXT_FIELD = "texte"  # the field of these four card types that says what the card is about
VOTES_FIELD = "votes"
BLANK_STATES = ("auto", "empty")  # an empty box read with confidence, or said empty by a person


@dataclass(frozen=True)
class WallCard:
    """One photographed card: its confirmed text, or the image to show instead."""
    card_id: int
    code: str
    serial: int
    type_key: str
    text: Text
    image_name: str | None  # relative to CROPS_DIR/<WORKSHOP>/ (what is written, else the card)
    votes: int | None  # needs only: the confirmed count (None: not a need, or not yet confirmed)
    votes_pending: bool = False
    image_is_writing: bool = False  # the text box's crop (else the whole rectified card)
    votes_unreadable: bool = False  # a person marked the count « illisible »: never a 0

    @property
    def shown_text(self) -> str:
        return self.text.text if self.text.verified else ""

    @property
    def votes_status(self) -> str:
        """A need's results.VOTES_* (confirmed, waiting or unreadable)."""
        return votes_status_for(self.votes, self.votes_unreadable)


@dataclass
class WallCluster:
    key: str | None  # the cards' wall cluster; None: a card standing alone
    cards: list[WallCard] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The first card's confirmed words; a lone card needs no name (it says it itself)."""
        if self.key is None or len(self.cards) < 2:
            return ""
        return heading_of([card.text for card in sorted(self.cards, key=lambda c: c.serial)])

    @property
    def votes(self) -> int:
        """The counted votes of its cards: a count not known adds nothing."""
        return sum(card.votes or 0 for card in self.cards)

    @property
    def votes_status(self) -> str:
        """Its needs' best results.VOTES_* status: "confirmed" as soon as one is counted."""
        return min((card.votes_status for card in self.cards), key=VOTES_STATUS_ORDER.__getitem__,
                   default=VOTES_WAITING)


@dataclass(frozen=True)
class WallColumn:
    zone: str
    type_key: str
    clusters: list[WallCluster]

    @property
    def card_count(self) -> int:
        return sum(len(cluster.cards) for cluster in self.clusters)


@dataclass(frozen=True)
class Wall:
    columns: list[WallColumn]
    photos_waiting: int

    @property
    def cards_shown(self) -> int:
        return sum(column.card_count for column in self.columns)


def read_wall(workshop: Workshop) -> Wall:
    """The four columns with their photographed cards in clusters, and the photos waiting."""
    placed = photographed_cards(workshop)
    values = card_values([card.id for card, _, _ in placed])
    by_type: dict[str, list[tuple[str | None, WallCard]]] = {}
    for card, cluster, rectified in placed:
        if is_blank(values.get(card.id, {})):
            continue
        item = wall_card(card, values.get(card.id, {}), rectified)
        by_type.setdefault(card.type_key, []).append((cluster, item))
    columns = [WallColumn(zone, type_key, cluster_cards(by_type.get(type_key, []),
                                                        by_votes=type_key == "besoin"))
               for zone, type_key in COLUMNS]
    return Wall(columns, photos_waiting(workshop))


def shown_card(workshop: Workshop, card_id: int) -> WallCard | None:
    """One card as the wall shows it (None: not a photographed wall card of this workshop)."""
    placed = photographed_cards(workshop, card_id)
    if not placed:
        return None
    card, _, rectified = placed[0]
    return wall_card(card, card_values([card.id]).get(card.id, {}), rectified)


def photographed_cards(workshop: Workshop, card_id: int | None = None
                       ) -> list[tuple[Card, str | None, str | None]]:
    """(card, cluster, rectified image) of every wall card a photo has shown, in serial order."""
    query = (select(Card, CardReading.cluster, Sighting.image_name)
             .join(CardReading, CardReading.card_id == Card.id)
             .join(Sighting, Sighting.id == CardReading.best_sighting_id)
             .where(Card.workshop_id == workshop.id)
             .order_by(Card.serial))
    query = query.where(Card.type_key.in_([type_key for _, type_key in COLUMNS]))
    if card_id is not None:
        query = query.where(Card.id == card_id)
    return [(card, cluster, image) for card, cluster, image in db.session.execute(query)]


def card_values(card_ids: list[int]) -> dict[int, dict[str, FieldValue]]:
    found: dict[int, dict[str, FieldValue]] = {}
    query = select(FieldValue).where(FieldValue.card_id.in_(card_ids),
                                     FieldValue.field_name.in_((TEXT_FIELD, VOTES_FIELD)))
    for value in db.session.scalars(query):
        found.setdefault(value.card_id, {})[value.field_name] = value
    return found


def is_blank(values: dict[str, FieldValue]) -> bool:
    """Nothing written and no vote, as read with confidence or said by a person: a spare card
    photographed on a table says nothing to the room (an "illegible" one is still shown)."""
    text, votes = values.get(TEXT_FIELD), values.get(VOTES_FIELD)
    text_blank = text is not None and not text.value and text.review in BLANK_STATES
    no_votes = votes is None or (votes.review != "pending" and votes.value in (None, "", "0"))
    return text_blank and no_votes


def wall_card(card: Card, values: dict[str, FieldValue], rectified: str | None) -> WallCard:
    text_value = values.get(TEXT_FIELD)
    crop = text_value.crop_name if text_value is not None else None
    votes, pending, unreadable = confirmed_votes(values.get(VOTES_FIELD)) \
        if card.type_key == "besoin" else (None, False, False)
    return WallCard(card.id, card.code, card.serial, card.type_key, text_of(text_value),
                    crop or rectified,
                    votes, pending, image_is_writing=bool(crop), votes_unreadable=unreadable)


def confirmed_votes(value: FieldValue | None) -> tuple[int | None, bool, bool]:
    """(count, waiting, unreadable): a count read but not yet sure is not shown, only said to
    be waiting; one a person found unreadable is said so, never 0 (the results' rule,
    results.count_of)."""
    status = votes_status_of(value)
    return count_of(value), status == VOTES_WAITING, status == VOTES_UNREADABLE


def cluster_cards(placed: list[tuple[str | None, WallCard]], by_votes: bool) -> list[WallCluster]:
    """Cards gathered by wall cluster in first-seen order; needs (and their clusters) by votes
    as the results rank them: counted ones by most votes, then those whose votes wait for a
    person, then unreadable ones; a cluster with no counted need comes after every cluster
    with one (its uncounted needs are no 0)."""
    clusters: dict[str, WallCluster] = {}
    ordered: list[WallCluster] = []
    for key, card in placed:
        if key is None:
            ordered.append(WallCluster(None, [card]))
            continue
        if key not in clusters:
            clusters[key] = WallCluster(key)
            ordered.append(clusters[key])
        clusters[key].cards.append(card)
    if by_votes:
        for cluster in ordered:
            cluster.cards.sort(key=lambda card: votes_rank(card.votes, card.votes_status))
        ordered.sort(key=lambda cluster: votes_rank(cluster.votes, cluster.votes_status))
    return ordered


def photos_waiting(workshop: Workshop) -> int:
    query = select(func.count()).select_from(Photo).where(
        Photo.workshop_id == workshop.id, Photo.status.in_(WAITING_STATUSES))
    return db.session.scalar(query) or 0
