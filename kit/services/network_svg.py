"""The network map as SVG markup: drawn on the server from the computed layout.

No inline ``style`` and no script: colours are presentation attributes and classes (strict
CSP); kit/static/js/network.js only toggles classes (search, highlight). People, structures,
groups and workshops are focusable (``tabindex="0"``) in the order of the map's communities;
each node's ``<title>`` holds its whole label. Hidden labels (no room found) are drawn with
the class ``node__label--hidden`` and shown when their node is focused or found.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from kit.services.actor_matching import fold
from kit.services.network import Graph
from kit.services.network_layout import CHAR_WIDTH_EM

# Okabe-Ito colours (told apart with colour blindness), one per community, in turn
CLUSTER_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
                   "#7a6a00", "#000000")
KIND_FILL = {"structure": "#ffffff", "need": "#f3e6c4", "group": "#fff3b0",
             "workshop": "#1f5f7a"}
FOCUSABLE_KINDS = ("person", "structure", "group", "workshop")


def colour_of(kind: str, cluster: int) -> str:
    if kind == "person":
        return CLUSTER_COLOURS[cluster % len(CLUSTER_COLOURS)] if cluster >= 0 else "#555555"
    return KIND_FILL[kind]


def render_network_svg(graph: Graph, title: str, description: str,
                       lone_title: str = "") -> Markup:
    layout = graph.layout
    assert layout is not None
    head = (f'<svg class="network__svg" id="network-svg" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {layout.width:.0f} {layout.height:.0f}" '
            f'width="{layout.width:.0f}" height="{layout.height:.0f}" '
            f'font-family="DejaVu Sans, sans-serif" role="group" '
            f'aria-labelledby="network-title network-desc">'
            f'<title id="network-title">{escape(title)}</title>'
            f'<desc id="network-desc">{escape(description)}</desc>')
    return Markup(head + clusters_svg(graph, lone_title) + edges_svg(graph) + nodes_svg(graph)
                  + "</svg>")


TITLE_FONT_SIZE = 12


def clusters_svg(graph: Graph, lone_title: str) -> str:
    """A light box per community, titled by its number and its hub's name (cut to fit)."""
    parts = []
    for box in graph.layout.boxes:  # type: ignore[union-attr]
        name = graph.nodes[box.hub].label if box.hub else lone_title
        fits = max(4, int((box.width - 16) / (TITLE_FONT_SIZE * CHAR_WIDTH_EM)))
        text = f"{box.index + 1} · {name}"
        text = text if len(text) <= fits else text[:fits - 1].rstrip() + "…"
        parts.append(f'<rect class="cluster-box" x="{box.x:.1f}" y="{box.y:.1f}" '
                     f'width="{box.width:.1f}" height="{box.height:.1f}" rx="10"/>'
                     f'<text class="cluster-title" x="{box.x + 8:.1f}" y="{box.y + 15:.1f}" '
                     f'font-size="{TITLE_FONT_SIZE}">{escape(text)}</text>')
    return '<g class="network__clusters" aria-hidden="true">' + "".join(parts) + "</g>"


def edges_svg(graph: Graph) -> str:
    nodes = graph.layout.nodes  # type: ignore[union-attr]
    lines = []
    for edge in graph.edges:
        a, b = nodes[edge.source], nodes[edge.target]
        lines.append(f'<line class="edge edge--{edge.kind}" data-source="{escape(edge.source)}" '
                     f'data-target="{escape(edge.target)}" x1="{a.x:.1f}" y1="{a.y:.1f}" '
                     f'x2="{b.x:.1f}" y2="{b.y:.1f}"/>')
    return '<g class="network__edges">' + "".join(lines) + "</g>"


def nodes_svg(graph: Graph) -> str:
    placed = graph.layout.nodes  # type: ignore[union-attr]
    order = sorted(graph.nodes.values(), key=lambda n: (
        placed[n.id].kind != "workshop", placed[n.id].cluster, round(placed[n.id].y / 40),
        placed[n.id].x))
    return '<g class="network__nodes">' + "".join(node_svg(graph, n.id) for n in order) + "</g>"


def node_svg(graph: Graph, node_id: str) -> str:
    node, place = graph.nodes[node_id], graph.layout.nodes[node_id]  # type: ignore[union-attr]
    words = f"{node.label} {node.detail}".strip()
    focus = ' tabindex="0" role="button"' if node.kind in FOCUSABLE_KINDS else ""
    hidden = "" if place.label_shown else " node__label--hidden"
    shape = (f'<circle cx="{place.x:.1f}" cy="{place.y:.1f}" r="{place.radius:.1f}" '
             f'fill="{colour_of(node.kind, place.cluster)}"/>')
    label = (f'<text class="node__label{hidden}" x="{place.label_x:.1f}" y="{place.label_y:.1f}" '
             f'text-anchor="{place.anchor}" font-size="{place.font_size:.0f}">'
             f'{escape(place.label_text)}</text>')
    return (f'<g class="node node--{node.kind}" id="node-{escape(node.id)}" '
            f'data-node="{escape(node.id)}" data-search="{escape(fold(words))}"{focus} '
            f'aria-label="{escape(words)}"><title>{escape(words)}</title>{shape}{label}</g>')
