"""The network the workshops build, as a graph: people, structures, needs, action groups and
workshops, and who is tied to what (issue 12).

Edges: ``works_in`` (person → structure, from the structure each participation gives),
``wrote`` (person → need, the need card of their pack, its text confirmed), ``joined``
(person → group, a member row of a group sheet matched to a participant by pack number or
e-mail, values confirmed) and ``met_at`` (person → workshop). Only confirmed values appear.
The public graph holds the people whose strictest consent is "public", and every structure
and group of the published workshops; needs keep only their consented authors.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

from kit.models import Workshop
from kit.services import contributions, directory
from kit.services.actor_matching import fold
from kit.services.directory import Filters, Profile, Scope
from kit.services.network_layout import Layout, compute_layout

LAYOUT_CACHE_SIZE = 16  # layouts kept in memory, keyed by the graph's content


@dataclass
class Node:
    id: str
    kind: str  # person, structure, need, group, workshop
    label: str
    workshops: list[str] = field(default_factory=list)  # codes
    detail: str = ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # works_in, wrote, joined, met_at


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    people: list[Profile] = field(default_factory=list)
    layout: Layout | None = None
    seen: set[Edge] = field(default_factory=set)

    def add(self, node: Node) -> Node:
        return self.nodes.setdefault(node.id, node)

    def link(self, source: str, target: str, kind: str) -> None:
        edge = Edge(source, target, kind)
        if edge not in self.seen:
            self.seen.add(edge)
            self.edges.append(edge)


def narrowed(scope: Scope, filters: Filters) -> Scope:
    """The scope cut to the workshops the filters keep (workshop code, theme)."""
    kept = [w.id for w in directory.scope_workshops(scope)
            if (not filters.workshop or w.code == filters.workshop)
            and (not filters.theme or w.theme.strip() == filters.theme)]
    return Scope(frozenset(kept), scope.audience)


NO_FILTERS = Filters()


def build_graph(scope: Scope, filters: Filters = NO_FILTERS) -> Graph:
    scope = narrowed(scope, filters)
    everyone = directory.load_profiles(Scope(scope.workshop_ids, "organisers"))
    minimum = directory.AUDIENCE_RANK[scope.audience]
    graph = Graph()
    shown = {p.actor_id for p in everyone if p.consent_rank >= minimum}
    by_participant = {}
    for workshop in directory.scope_workshops(scope):
        graph.add(Node(f"w{workshop.code}", "workshop", workshop.title or workshop.code,
                       [workshop.code], workshop.theme))
    for profile in everyone:
        add_structures(graph, profile, shown)
        if profile.actor_id in shown:
            graph.people.append(profile)
            for person in profile.participations:
                by_participant[person.id] = f"p{profile.actor_id}"
    for workshop in directory.scope_workshops(scope):
        add_needs(graph, workshop, by_participant)
        add_groups(graph, workshop, by_participant)
    graph.layout = layout_of(graph)
    return graph


def add_structures(graph: Graph, profile: Profile, shown: set[int]) -> None:
    person_id = f"p{profile.actor_id}"
    codes = [w.code for w in profile.workshops]
    if profile.actor_id in shown:
        graph.add(Node(person_id, "person", profile.label, codes,
                       ", ".join(profile.structures.values())))
        for code in codes:
            graph.link(person_id, f"w{code}", "met_at")
    for key, name in profile.structures.items():
        structure = graph.add(Node(f"s{digest(key)}", "structure", name))
        structure.workshops = sorted(set(structure.workshops) | set(codes))
        if profile.actor_id in shown:
            graph.link(person_id, structure.id, "works_in")


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def add_needs(graph: Graph, workshop: Workshop, by_participant: dict[int, str]) -> None:
    for note in contributions.confirmed_needs(workshop):  # never a guess
        need = graph.add(Node(f"n{note.card_id}", "need", note.text, [workshop.code]))
        author = by_participant.get(note.author_id or 0)
        if author:
            graph.link(author, need.id, "wrote")


def add_groups(graph: Graph, workshop: Workshop, by_participant: dict[int, str]) -> None:
    for note in contributions.groups(workshop):
        group = graph.add(Node(note.key, "group", note.title, [workshop.code]))
        for pid in sorted(note.member_ids):
            person = by_participant.get(pid)
            if person:
                graph.link(person, group.id, "joined")


_LAYOUTS: OrderedDict[str, Layout] = OrderedDict()


def layout_of(graph: Graph) -> Layout:
    """The layout of this graph, computed once per distinct graph (the same data gives the same
    map; a small in-memory cache spares recomputing it on every page load)."""
    nodes = sorted((n.id, n.kind, n.label) for n in graph.nodes.values())
    edges = sorted((e.source, e.target, e.kind) for e in graph.edges)
    key = hashlib.sha256(repr((nodes, edges)).encode("utf-8")).hexdigest()
    if key in _LAYOUTS:
        _LAYOUTS.move_to_end(key)
        return _LAYOUTS[key]
    layout = compute_layout(nodes, edges)
    _LAYOUTS[key] = layout
    while len(_LAYOUTS) > LAYOUT_CACHE_SIZE:
        _LAYOUTS.popitem(last=False)
    return layout


def graph_dict(graph: Graph) -> dict:
    """The JSON of the data endpoint (README, "Carte du réseau")."""
    layout = graph.layout
    nodes = []
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        placed = layout.nodes[node.id] if layout else None
        nodes.append({"id": node.id, "kind": node.kind, "label": node.label,
                      "workshops": node.workshops,
                      "x": round(placed.x, 1) if placed else None,
                      "y": round(placed.y, 1) if placed else None,
                      "cluster": placed.cluster if placed else None})
    edges = [{"source": e.source, "target": e.target, "kind": e.kind}
             for e in sorted(graph.edges, key=lambda e: (e.source, e.target, e.kind))]
    return {"nodes": nodes, "edges": edges,
            "counts": {kind: sum(1 for n in graph.nodes.values() if n.kind == kind)
                       for kind in ("person", "structure", "need", "group", "workshop")}}


@dataclass(frozen=True)
class Row:
    """One person of the map as the table beside it shows them."""
    node_id: str
    actor_id: int
    label: str
    structures: tuple[str, ...]
    workshops: tuple[str, ...]
    needs: tuple[str, ...]
    groups: tuple[str, ...]


def table_rows(graph: Graph) -> list[Row]:
    """Every person node, in the table's order (by name), with what ties them."""
    ties: dict[str, dict[str, list[str]]] = {}
    for edge in graph.edges:
        target = graph.nodes[edge.target]
        ties.setdefault(edge.source, {}).setdefault(target.kind, []).append(target.label)
    rows = []
    for profile in graph.people:
        node_id = f"p{profile.actor_id}"
        mine = ties.get(node_id, {})
        rows.append(Row(node_id, profile.actor_id, graph.nodes[node_id].label,
                        *(tuple(sorted(mine.get(kind, []), key=fold))
                          for kind in ("structure", "workshop", "need", "group"))))
    return sorted(rows, key=lambda row: (fold(row.label), row.actor_id))
