"""The network map's layout (issue 12): communities, no overlapping labels, the same map for
the same data; and the matching rules' normalisations."""
from __future__ import annotations

import random

from kit.services.actor_matching import (
    Candidate,
    email_key,
    find_pairs,
    proposal_reason,
    structure_key,
)
from kit.services.network_layout import compute_layout, overlaps, shown_label_box


def synthetic_graph(people: int = 300, seed: int = 3):
    rng = random.Random(seed)
    nodes = [(f"w{i}", "workshop", f"Atelier {i}") for i in range(4)]
    nodes += [(f"s{i}", "structure", f"Structure numéro {i}") for i in range(60)]
    nodes += [(f"g{i}", "group", f"Groupe d’action {i}") for i in range(15)]
    nodes += [(f"n{i}", "need", f"Un besoin assez long pour être coupé {i}") for i in range(120)]
    edges = []
    for i in range(people):
        nodes.append((f"p{i}", "person", f"Prénom{i} Nom{i}"))
        edges.append((f"p{i}", f"s{rng.randrange(60)}", "works_in"))
        edges.append((f"p{i}", f"w{rng.randrange(4)}", "met_at"))
        if rng.random() < 0.3:
            edges.append((f"p{i}", f"g{rng.randrange(15)}", "joined"))
        if rng.random() < 0.4:
            edges.append((f"p{i}", f"n{rng.randrange(120)}", "wrote"))
    return nodes, edges


def test_labels_shown_never_overlap_and_most_are_shown():
    layout = compute_layout(*synthetic_graph())
    shown = [n for n in layout.nodes.values() if n.label_shown]
    boxes = [shown_label_box(n) for n in shown]
    clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlaps(a, b)]
    assert clashes == []
    people = [n for n in layout.nodes.values() if n.kind == "person"]
    assert sum(n.label_shown for n in people) / len(people) > 0.6


def test_labels_do_not_cover_other_nodes():
    layout = compute_layout(*synthetic_graph())
    for node in layout.nodes.values():
        if not node.label_shown:
            continue
        box = shown_label_box(node)
        covered = [other.id for other in layout.nodes.values() if other is not node and overlaps(
            box, (other.x - other.radius, other.y - other.radius, other.x + other.radius,
                  other.y + other.radius))]
        assert covered == [], node.id


def test_nodes_do_not_overlap_within_a_community():
    layout = compute_layout(*synthetic_graph(120))
    nodes = [n for n in layout.nodes.values() if n.kind != "workshop"]
    close = [(a.id, b.id) for i, a in enumerate(nodes) for b in nodes[i + 1:]
             if ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5 < a.radius + b.radius]
    assert close == []


def test_same_graph_same_layout_and_communities_boxed():
    first, second = compute_layout(*synthetic_graph(80)), compute_layout(*synthetic_graph(80))
    assert [(n.id, round(n.x, 3), round(n.y, 3)) for n in first.nodes.values()] == [
        (n.id, round(n.x, 3), round(n.y, 3)) for n in second.nodes.values()]
    for box in first.boxes:
        inside = [n for n in first.nodes.values() if n.cluster == box.index]
        assert len(inside) == box.size
        assert all(box.x <= n.x <= box.x + box.width and box.y <= n.y <= box.y + box.height
                   for n in inside)


def test_structure_and_email_keys():
    assert structure_key("Mairie de Briançon") == structure_key("mairie  briançon")
    assert structure_key("Association Mountain Wilderness") == structure_key(
        "Mountain Wilderness (association)")
    assert structure_key("Mairie de Briançon") != structure_key("Mairie de Gap")
    assert email_key(" Sophie.Chaix@Example.ORG ") == "sophie.chaix@example.org"


def candidate(actor_id, name, structure="", commune="", email=""):
    return Candidate(actor_id, frozenset({name}), frozenset({email} - {""}),
                     frozenset({structure_key(structure)} - {""}),
                     frozenset({commune} - {""}))


def test_proposal_rules():
    camille = candidate(1, "camille arnaud", "Mairie de Briançon", "briancon")
    assert proposal_reason(camille, candidate(2, "camile arnaud", "mairie briançon")) == \
        "name_structure"
    assert proposal_reason(camille, candidate(2, "camille arnaud", "Mairie de Gap")) is None
    assert proposal_reason(camille, candidate(2, "camille arnaud", "", "gap")) is None
    assert proposal_reason(camille, candidate(2, "camille arnaud")) is None  # nothing shared
    assert proposal_reason(candidate(1, "lou blanc", commune="vars"),
                           candidate(2, "lou blanc", commune="vars")) == "name_commune"
    assert proposal_reason(camille, candidate(2, "jean martin", "Mairie de Briançon")) is None
    assert proposal_reason(candidate(1, "a b", email="x@y.org"),
                           candidate(2, "c d", email="x@y.org")) == "email"
    assert find_pairs([camille, candidate(2, "camille arnaud", "mairie briancon"),
                       candidate(3, "camille arnaud", "Mairie de Gap")]) == [
        (1, 2, "name_structure")]
