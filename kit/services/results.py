"""What a workshop produced: the address book, the diagnostic ("état des lieux") and the seeds.

Reads only. Who may see whom follows the consent each person gave (GDPR): organisers see
everyone; what is shared with participants holds those who accepted "participants" or
"public"; the public restitution only those who accepted "public". No consent (None) is "aucun",
and so is a consent read from paper that waits for a human (kit.services.ticks).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, Participant, Workshop
from kit.services import ticks
from printables.layout import MEMBER_ROWS

AUDIENCES = ("organisers", "participants", "public")
# audience -> the consents that allow a person to appear; None: no filter (organisers only)
ALLOWED_CONSENTS = {"organisers": None, "participants": ("participants", "public"),
                    "public": ("public",)}
DIAGNOSTIC_TYPES = ("frein", "levier", "ressource")
SEARCH_COLUMNS = ("first_name", "last_name", "structure", "role", "commune", "email")
# a value a human rejected says nothing; a pending one is shown, flagged as not yet checked
SILENT_STATES = ("unreadable", "empty")


@dataclass(frozen=True)
class Filters:
    text: str = ""
    territory: str = ""
    actor_type: str = ""


def address_book(workshop: Workshop, audience: str = "organisers",
                 filters: Filters = Filters()) -> list[Participant]:
    """Participants, then useful contacts, that ``audience`` may see and that match."""
    query = select(Participant).where(Participant.workshop_id == workshop.id)
    allowed = ALLOWED_CONSENTS[audience]
    if allowed is not None:
        query = query.where(Participant.consent.in_(allowed),
                            Participant.id.not_in(ticks.pending_consent_ids(workshop)))
    for word in filters.text.split():
        query = query.where(or_(*(getattr(Participant, name).ilike(f"%{word}%")
                                  for name in SEARCH_COLUMNS)))
    if filters.territory:
        query = query.where(Participant.territory == filters.territory)
    if filters.actor_type:
        query = query.where(Participant.actor_type == filters.actor_type)
    order = (Participant.number.nulls_last(), Participant.last_name, Participant.first_name)
    return list(db.session.scalars(query.order_by(*order)))


def contact_reasons(workshop: Workshop) -> dict[int, str]:
    """Participant id -> "Pourquoi utile ?" of the "Contact utile" card that added them."""
    query = (select(CardReading.participant_id, FieldValue)
             .join(Card, Card.id == CardReading.card_id)
             .join(FieldValue, FieldValue.card_id == Card.id)
             .where(Card.workshop_id == workshop.id, Card.type_key == "contact",
                    CardReading.participant_id.is_not(None), FieldValue.field_name == "pourquoi"))
    reasons = {pid: text_of(value) for pid, value in db.session.execute(query)}
    return {pid: text.text for pid, text in reasons.items()
            if pid is not None and text.verified and text.text}


def may_see(person: Participant, audience: str) -> bool:
    allowed = ALLOWED_CONSENTS[audience]
    if allowed is None:
        return True
    waiting = set(db.session.scalars(ticks.pending_consent_ids(person.workshop)))
    return person.consent in allowed and person.id not in waiting


@dataclass(frozen=True)
class Text:
    """A value as the results show it: the text, and whether a human or a rule settled it.
    A value still waiting for review has no text at all (a guess is never published): the
    pages show the card's image and a link to the field's review (``value_id``) instead."""
    text: str = ""
    verified: bool = True
    value_id: int | None = None


def text_of(value: FieldValue | None) -> Text:
    if value is None or value.review in SILENT_STATES:
        return Text()
    if value.review == "pending":
        return Text("", verified=False, value_id=value.id)
    return Text(value.value or "", value_id=value.id)


HEADING_MAX_CHARS = 60  # a cluster is named by its first card's words, cut at a word


def heading_of(texts: list[Text]) -> str:
    """The first confirmed words of a cluster's cards, cut to a heading's length."""
    first = next((t.text for t in texts if t.verified and t.text), "")
    if len(first) <= HEADING_MAX_CHARS:
        return first
    return first[:HEADING_MAX_CHARS].rsplit(" ", 1)[0] + " …"


def is_checked(value: FieldValue | None) -> bool:
    return value is not None and value.review not in SILENT_STATES and value.value == "1"


VOTES_CONFIRMED, VOTES_WAITING, VOTES_UNREADABLE = "confirmed", "waiting", "unreadable"
UNCOUNTED_STATES = ("pending", "unreadable")  # review states of a vote count that is no count
# the results' order: counted needs (most votes first), then those whose votes wait for a
# person, then those whose votes nobody could read; in printing order within each
VOTES_STATUS_ORDER = {VOTES_CONFIRMED: 0, VOTES_WAITING: 1, VOTES_UNREADABLE: 2}


def count_of(value: FieldValue | None) -> int | None:
    """A vote count as the results may state it; None while it waits for a person: a need
    card with no count recorded at all (``value`` None: nobody read its strip, so it is no 0),
    a strip never counted (the photo's time ran out: no value) or a count read but not sure
    enough to be accepted by rule (review "pending": its proposal is no count until someone
    confirms it); None for good once a person marked it unreadable (« illisible »: nobody
    counted it, so it is no 0 either). Accepted by rule ("auto"), confirmed or typed by a
    person, it counts; one a person said empty (« aucun vote ») counts 0."""
    if value is None or value.review in UNCOUNTED_STATES:
        return None
    digits = value.value or ""
    if value.review in SILENT_STATES or not digits.isdigit():
        return 0
    return int(digits)


def votes_status_of(value: FieldValue | None) -> str:
    """"confirmed" (count_of gives the count), "waiting" (for a person) or "unreadable"."""
    return votes_status_for(count_of(value), value is not None and value.review == "unreadable")


def votes_status_for(votes: int | None, unreadable: bool) -> str:
    """The status of a need's count already taken (``count_of``'s ``votes``; ``unreadable``: a
    person marked it « illisible »): the needs of the results and of the live wall."""
    if unreadable:
        return VOTES_UNREADABLE
    return VOTES_WAITING if votes is None else VOTES_CONFIRMED


def votes_rank(votes: int | None, status: str) -> tuple[int, int]:
    """The sort key of a need (or a group of them) by its votes, as the results rank them:
    never a need whose votes are not counted among the counted ones, neither as 0 nor by the
    machine's proposal."""
    return VOTES_STATUS_ORDER[status], -(votes or 0)


@dataclass
class Sheet:
    """One card with its wall position and its values by field name."""
    card: Card
    zone: str | None
    cluster: str | None
    values: dict[str, FieldValue] = field(default_factory=dict)

    def text(self, name: str) -> Text:
        return text_of(self.values.get(name))


def read_sheets(workshop: Workshop, type_keys: tuple[str, ...]) -> list[Sheet]:
    """Every card of these types that has at least one value, in serial order."""
    query = (select(Card, CardReading.zone, CardReading.cluster)
             .outerjoin(CardReading, CardReading.card_id == Card.id)
             .where(Card.workshop_id == workshop.id, Card.type_key.in_(type_keys))
             .order_by(Card.serial))
    sheets = {card.id: Sheet(card, zone, cluster)
              for card, zone, cluster in db.session.execute(query)}
    values = select(FieldValue).where(FieldValue.card_id.in_(sheets))
    for value in db.session.scalars(values):
        sheets[value.card_id].values[value.field_name] = value
    return [sheet for sheet in sheets.values() if sheet.values]


@dataclass(frozen=True)
class Item:
    """A Frein, Levier or Ressource card as the diagnostic lists it."""
    code: str
    type_key: str
    text: Text
    contact: Text
    participant_number: int | None
    card_id: int | None = None

    @property
    def verified(self) -> bool:
        return self.text.verified and self.contact.verified


@dataclass
class Group:
    """The cards of one wall cluster (cluster None: cards standing alone in the zone)."""
    zone: str | None
    cluster: str | None
    items: list = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The first card's confirmed words (never the photo's cluster number)."""
        return heading_of([item.text for item in self.items])


def cluster_order(group: Group) -> tuple:
    cluster = group.cluster or ""
    return (group.zone or "~", group.cluster is None, len(cluster), cluster)


def group_by_wall(pairs: list[tuple[Sheet, object]]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    for sheet, item in pairs:
        key = (sheet.zone, sheet.cluster)
        groups.setdefault(key, Group(sheet.zone, sheet.cluster)).items.append(item)
    return sorted(groups.values(), key=cluster_order)


def diagnostic(workshop: Workshop) -> dict[str, list[Group]]:
    """Freins, leviers, ressources & initiatives, each grouped by wall zone and cluster."""
    sheets = read_sheets(workshop, DIAGNOSTIC_TYPES)
    sections = {}
    for type_key in DIAGNOSTIC_TYPES:
        pairs = [(sheet, diagnostic_item(sheet)) for sheet in sheets
                 if sheet.card.type_key == type_key]
        sections[type_key] = group_by_wall([(s, i) for s, i in pairs if i.text.text or
                                            i.contact.text or not i.verified])
    return sections


def diagnostic_item(sheet: Sheet) -> Item:
    return Item(sheet.card.code, sheet.card.type_key, sheet.text("texte"), sheet.text("contact"),
                sheet.card.participant_number, sheet.card.id)


@dataclass(frozen=True)
class Need:
    """A need card: its votes, and its author's number when they ticked "je veux y travailler".
    ``votes`` is None while the count waits for a person (count_of) and when a person found it
    unreadable (``votes_unreadable``): such a need is never ranked, neither as 0 nor with the
    machine's proposal; ``votes_value_id`` links its review."""
    code: str
    text: Text
    votes: int | None
    volunteer_number: int | None
    volunteer: Participant | None
    zone: str | None
    cluster: str | None
    card_id: int | None = None
    votes_value_id: int | None = None
    votes_unreadable: bool = False

    @property
    def votes_status(self) -> str:
        return votes_status_for(self.votes, self.votes_unreadable)


def needs(workshop: Workshop) -> list[Need]:
    """Need cards, most votes first (then in printing order); those whose votes wait for a
    person come after every counted one, then those whose votes are unreadable (votes_rank)."""
    found = [need_of(sheet) for sheet in read_sheets(workshop, ("besoin",))]
    shown = (n for n in found if says_something(n))
    return sorted(shown, key=lambda need: votes_rank(need.votes, need.votes_status))


def says_something(need: Need) -> bool:
    """A need card with some text, a vote, or a reading still waiting for a person. A spare
    card left blank, with no vote (none counted, or no strip read at all), says nothing: it is
    left out, as on the live wall (wall.is_blank)."""
    if need.text.text or not need.text.verified:
        return True
    if need.votes is None:
        return need.votes_value_id is not None
    return need.votes != 0


def counted(needs: list[Need]) -> list[Need]:
    """The needs whose votes are known (accepted by rule or by a person): the ranking."""
    return [need for need in needs if need.votes is not None]


def uncounted(needs: list[Need], status: str) -> list[Need]:
    """The needs left out of the ranking for ``status`` ("waiting" or "unreadable")."""
    return [need for need in needs if need.votes_status == status]


def need_of(sheet: Sheet) -> Need:
    card = sheet.card
    wants = is_checked(sheet.values.get("travailler"))
    votes = sheet.values.get("votes")
    return Need(card.code, sheet.text("texte"), count_of(votes),
                card.participant_number if wants else None, card.participant if wants else None,
                sheet.zone, sheet.cluster, card.id, votes.id if votes is not None else None,
                votes_status_of(votes) == VOTES_UNREADABLE)


@dataclass(frozen=True)
class Member:
    name: str
    number: str
    email: str


@dataclass(frozen=True)
class Seed:
    """A "Graine de projet" group sheet."""
    code: str
    title: Text
    needs: Text
    plan: Text
    members: tuple[Member, ...]
    first_step: Text
    next_meeting: Text
    referent: Text
    is_open: bool
    card_id: int | None = None


def seeds(workshop: Workshop) -> list[Seed]:
    return [seed_of(sheet) for sheet in read_sheets(workshop, ("graine",))]


def consenting_numbers(workshop: Workshop, audience: str) -> set[str] | None:
    """The participant numbers ``audience`` may see named (address_book), None: everyone."""
    if ALLOWED_CONSENTS[audience] is None:
        return None
    return {str(p.number) for p in address_book(workshop, audience) if p.number is not None}


def named_members(seed: Seed, numbers: set[str] | None) -> tuple[tuple[Member, ...], int]:
    """The members of ``seed`` that may be named (their number is one of ``numbers``; all when
    None), and how many others are only counted: a member written without a number, or whose
    consent does not allow it (GDPR, as restitution.seed_contacts)."""
    if numbers is None:
        return seed.members, 0
    named = tuple(m for m in seed.members if m.number.strip() in numbers)
    return named, len(seed.members) - len(named)


def number_named(number: int | str | None, numbers: set[str] | None) -> bool:
    """Whether participant ``number`` may be shown (``numbers``: consenting_numbers, None:
    everyone). A participant number is personal data too: the organisers' address book
    links it to a name, so a reviewer's results show it only for people who consented (the
    review queue shows the number read on each card: it is one of the values to confirm)."""
    return number is not None and (numbers is None or str(number).strip() in numbers)


def volunteer_named(need: Need, numbers: set[str] | None) -> bool:
    """Whether the person who wants to work on ``need`` may be named (else: "une personne")."""
    return numbers is None or number_named(need.volunteer_number, numbers)


def author_number(item: Item, numbers: set[str] | None) -> int | None:
    """The number of the person who wrote a diagnostic card, when it may be shown."""
    return item.participant_number if number_named(item.participant_number, numbers) else None


def seed_of(sheet: Sheet) -> Seed:
    return Seed(sheet.card.code, sheet.text("titre"), sheet.text("besoins"), sheet.text("envie"),
                members_of(sheet), sheet.text("premier_pas"), sheet.text("prochaine_rencontre"),
                sheet.text("referent"), is_checked(sheet.values.get("ouvert")), sheet.card.id)


def members_of(sheet: Sheet) -> tuple[Member, ...]:
    members = []
    for row in range(1, MEMBER_ROWS + 1):
        member = Member(*(sheet.text(f"membre_{row}_{part}").text
                          for part in ("nom", "numero", "email")))
        if member.name or member.number or member.email:
            members.append(member)
    return tuple(members)
