"""The diagnostic as people saw it on the wall, and the figures of the day as charts.

Reads only, built on kit.services.results (same consent and "confirmed values" rules). A
cluster is named by the organisers (``ClusterName``) or else by its first card's confirmed
words, never by a photo's number. Labels are translated by the caller: functions take
``gettext`` (the view's), as kit.services.photos does, so the same data feeds the pages and
the PDF report.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, CardReading, ClusterName, FieldValue, Participant, Workshop
from kit.services import results
from kit.services.charts import BarChart, bar_chart
from printables.labels import ACTOR_TYPES, TERRITORIES

ZONES = ("frein", "levier", "ressource", "besoin")
NEEDS_CHART_MAX = 12  # the most voted needs in the chart; the board and the table list them all
CLUSTER_NAME_MAX = 120  # characters of an organiser's name for a cluster

Gettext = Callable[..., str]


@dataclass(frozen=True)
class BoardCard:
    """One card on the board; ``votes`` for needs only. A card waiting for review keeps its
    ``text`` empty (``text.verified`` False): organisers get a link to review it. A need whose
    votes wait for a person has ``votes_waiting`` and no ``votes``; one whose votes a person
    found unreadable, ``votes_unreadable`` and no ``votes``."""
    text: results.Text
    votes: int | None = None
    card_id: int | None = None
    votes_waiting: bool = False
    votes_unreadable: bool = False


@dataclass(frozen=True)
class BoardCluster:
    key: str | None          # the wall cluster (None: cards standing alone in the zone)
    name: str                # the organisers' name, else the first card's confirmed words
    named: bool              # True when the organisers named it
    cards: tuple[BoardCard, ...]


@dataclass(frozen=True)
class BoardZone:
    type_key: str            # frein, levier, ressource or besoin
    clusters: tuple[BoardCluster, ...]

    @property
    def count(self) -> int:
        return sum(len(cluster.cards) for cluster in self.clusters)


def cluster_names(workshop: Workshop) -> dict[str, str]:
    query = select(ClusterName).where(ClusterName.workshop_id == workshop.id)
    return {row.cluster: row.name for row in db.session.scalars(query)}


def make_cluster(key: str | None, cards: list[BoardCard], names: dict[str, str]) -> BoardCluster:
    named = names.get(key or "", "")
    name = (named or results.heading_of([card.text for card in cards])) if key else ""
    return BoardCluster(key, name, bool(named) and key is not None, tuple(cards))


def zone_of(type_key: str, pairs: list[tuple[str | None, BoardCard]], names: dict[str, str],
            public: bool) -> BoardZone:
    """Cards kept in their clusters' first-seen order; cards alone come last."""
    grouped: dict[str | None, list[BoardCard]] = {}
    for key, card in pairs:
        if public and not (card.text.verified and card.text.text):
            continue
        grouped.setdefault(key, []).append(card)
    keys = sorted(grouped, key=lambda key: key is None)
    return BoardZone(type_key, tuple(make_cluster(key, grouped[key], names) for key in keys))


def build_board(workshop: Workshop, public: bool) -> list[BoardZone]:
    """The four zones of the wall. ``public``: only confirmed cards with words (no author)."""
    names = cluster_names(workshop)
    zones = []
    for type_key, groups in results.diagnostic(workshop).items():
        pairs = [(group.cluster, BoardCard(item.text, None, item.card_id))
                 for group in groups for item in group.items]
        zones.append(zone_of(type_key, pairs, names, public))
    needs = [(need.cluster, BoardCard(need.text, need.votes, need.card_id,
                                      need.votes_status == results.VOTES_WAITING,
                                      need.votes_status == results.VOTES_UNREADABLE))
             for need in results.needs(workshop)]
    zones.append(zone_of("besoin", needs, names, public))
    return zones


def needs_chart(needs: list[results.Need], gettext: Gettext,
                chart_id: str = "besoins-votes") -> BarChart:
    """Confirmed needs, most votes first (a need waiting for review is never charted, nor one
    whose votes wait or are unreadable: the note says how many of those are left out)."""
    told = [need for need in needs if need.text.verified and need.text.text]
    ranked = results.counted(told)
    waiting = len(results.uncounted(told, results.VOTES_WAITING))
    unreadable = len(results.uncounted(told, results.VOTES_UNREADABLE))
    notes = ([gettext("Besoins dont les votes restent à compter, absents du graphique : "
                      "%(num)s", num=waiting)] if waiting else [])
    notes += ([gettext("Besoins aux votes illisibles, absents du graphique : %(num)s",
                       num=unreadable)] if unreadable else [])
    note = " · ".join(notes)
    return bar_chart(chart_id, gettext("Besoins les plus votés"),
                     [(need.text.text, need.votes or 0) for need in ranked[:NEEDS_CHART_MAX]],
                     label_header=gettext("Besoin"), value_header=gettext("Votes"), note=note)


def zones_chart(zones: list[BoardZone], section_label: Callable[[str], str],
                gettext: Gettext) -> BarChart:
    return bar_chart("cartes-zones", gettext("Cartes par zone du mur"),
                     [(section_label(zone.type_key), zone.count) for zone in zones],
                     label_header=gettext("Zone"), value_header=gettext("Cartes"))


def came_ids(workshop: Workshop) -> set[int]:
    """Who came: a walk-in (created from a blank pack on the day), or someone with at least
    one card read from the walls. A registration alone says nothing of the day."""
    read = (select(Card.participant_id).join(FieldValue, FieldValue.card_id == Card.id)
            .where(Card.workshop_id == workshop.id, Card.participant_id.is_not(None)))
    walk_ins = select(Participant.id).where(Participant.workshop_id == workshop.id,
                                            Participant.origin == "walk_in")
    return set(db.session.scalars(read.union(walk_ins)))


def people_counted(workshop: Workshop, audience: str) -> list[Participant]:
    """Who came with a pack (useful contacts are not participants), as ``audience`` may see."""
    came = came_ids(workshop)
    return [person for person in results.address_book(workshop, audience)
            if person.has_pack and person.id in came]


def counts_by(people: list[Participant], attribute: str,
              choices: tuple[tuple[str, str], ...], gettext: Gettext) -> list[tuple[str, int]]:
    """Every choice in its printed order (zeros kept: a territory nobody came from says
    something), then "non renseigné" when some left it blank."""
    counts = Counter(getattr(person, attribute) for person in people)
    rows = [(gettext(label), counts.get(key, 0)) for key, label in choices]
    unknown = sum(n for key, n in counts.items() if key not in dict(choices))
    return rows + ([(gettext("Non renseigné"), unknown)] if unknown else [])


def people_charts(people: list[Participant], note: str, gettext: Gettext) -> list[BarChart]:
    return [
        bar_chart("territoires", gettext("Participants par territoire"),
                  counts_by(people, "territory", TERRITORIES, gettext),
                  label_header=gettext("Territoire"), value_header=gettext("Personnes"), note=note),
        bar_chart("acteurs", gettext("Participants par type d’acteur"),
                  counts_by(people, "actor_type", ACTOR_TYPES, gettext),
                  label_header=gettext("Type d’acteur"), value_header=gettext("Personnes"),
                  note=note),
    ]


def attendance(workshop: Workshop) -> int:
    """How many people came with a pack: a figure, naming nobody."""
    came = came_ids(workshop)
    return sum(1 for person in workshop.participants if person.has_pack and person.id in came)


def name_cluster(workshop: Workshop, cluster: str, name: str) -> bool:
    """Set (or, with an empty name, remove) the organisers' name of a cluster of this
    workshop; False when no card of the workshop sits in that cluster."""
    query = (select(CardReading.id).join(Card, Card.id == CardReading.card_id)
             .where(Card.workshop_id == workshop.id, CardReading.cluster == cluster).limit(1))
    if db.session.scalar(query) is None:
        return False
    row = db.session.scalar(select(ClusterName).where(ClusterName.workshop_id == workshop.id,
                                                      ClusterName.cluster == cluster))
    name = " ".join(name.split())[:CLUSTER_NAME_MAX]
    if not name:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(ClusterName(workshop_id=workshop.id, cluster=cluster, name=name))
    else:
        row.name = name
    db.session.commit()
    return True
