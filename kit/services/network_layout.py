"""Where each node of the network map goes, computed on the server (no JavaScript library).

Pure: nodes and edges in, positions out (numpy and networkx, no Flask, no database).

1. Communities (Louvain, fixed seed: the same data always gives the same map) of the people,
   structures, needs and groups; workshops are hubs shared by everyone, so they stand in a row
   above the map instead of pulling every community together.
2. Each community is laid out on its own (Fruchterman-Reingold, fixed seed), then nodes that still
   touch are pushed apart; communities are packed in rows, largest first, with a gap between.
3. Labels are placed greedily, most connected nodes first, at the first of four spots (right,
   left, above, below) that overlaps no node and no label already placed; a label that finds
   no spot is hidden (shown when its node is focused or found). Labels never overlap.
All lengths are SVG user units (1 unit = 1 CSS pixel at the map's natural size).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

SEED = 7  # communities and layout: the same graph, the same map
LAYOUT_ITERATIONS = 50  # force-directed steps per community (as networkx's default)
NODE_RADIUS = {"workshop": 11.0, "group": 8.0, "structure": 7.0, "person": 5.0, "need": 4.0}
FONT_SIZE = {"workshop": 14.0, "group": 12.0, "structure": 12.0, "person": 11.0, "need": 10.0}
LABEL_PRIORITY = {"workshop": 0, "group": 1, "structure": 2, "person": 3, "need": 4}
TITLE_STRIP = 22.0  # the top of a community's box, kept for its title
HIDDEN_LABEL_KINDS = ("need",)  # sentences: shown when found or focused, never by default
CHAR_WIDTH_EM = 0.6  # DejaVu Sans: average advance of a lower-case letter, in em
LABEL_MAX_CHARS = 30  # a longer label is cut with "…" (the table and the tooltip keep it whole)
LABEL_GAP = 3.0  # between a node's circle and its label
NODE_GAP = 6.0  # the least room between two circles after the push-apart
COMMUNITY_SPACING = 34.0  # radius of a community ~ this x sqrt(its size)
COMMUNITY_GAP = 40.0  # between two packed communities
MARGIN = 24.0
ROW_MIN_WIDTH = 900.0
WORKSHOP_BAND = 70.0  # height of the workshops' row above the communities
EDGE_WEIGHT = {"works_in": 2.0, "joined": 1.5, "wrote": 1.0, "met_at": 0.0}


@dataclass
class LayoutNode:
    id: str
    kind: str
    label: str
    x: float = 0.0
    y: float = 0.0
    radius: float = 5.0
    cluster: int = -1
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    label_shown: bool = False
    label_text: str = ""

    @property
    def font_size(self) -> float:
        return FONT_SIZE[self.kind]


@dataclass(frozen=True)
class ClusterBox:
    """The rectangle a community is drawn in; its title goes in the strip at its top."""
    index: int
    x: float
    y: float
    width: float
    height: float
    hub: str | None  # its most connected structure or group (names it), None for lone nodes
    size: int


@dataclass
class Layout:
    nodes: dict[str, LayoutNode]
    width: float
    height: float
    clusters: list[list[str]] = field(default_factory=list)
    boxes: list[ClusterBox] = field(default_factory=list)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def short_label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX_CHARS else text[:LABEL_MAX_CHARS - 1].rstrip() + "…"


def compute_layout(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str, str]]) -> Layout:
    """``nodes``: (id, kind, label); ``edges``: (source, target, kind)."""
    placed = {nid: LayoutNode(nid, kind, label, radius=NODE_RADIUS[kind],
                              label_text=short_label(label)) for nid, kind, label in nodes}
    graph = nx.Graph()
    graph.add_nodes_from(nid for nid, node in placed.items() if node.kind != "workshop")
    for source, target, kind in edges:
        if kind != "met_at" and source in graph and target in graph:
            graph.add_edge(source, target, weight=EDGE_WEIGHT[kind])
    clusters = communities(graph)
    degree = {nid: 0 for nid in placed}
    for source, target, _ in edges:
        if source in degree and target in degree:
            degree[source] += 1
            degree[target] += 1
    boxes, width, height = pack(graph, clusters, placed, degree)
    width = place_workshops(placed, width)
    place_labels(placed, degree, boxes)
    return Layout(placed, width, height, clusters, boxes)


def communities(graph: nx.Graph) -> list[list[str]]:
    """Louvain communities, largest first; lone nodes gathered into one last group."""
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    groups = sorted((sorted(c) for c in found if len(c) > 1), key=lambda c: (-len(c), c[0]))
    lone = sorted(n for c in found if len(c) == 1 for n in c)
    return groups + ([lone] if lone else [])


def community_positions(graph: nx.Graph, members: list[str]) -> np.ndarray:
    """Positions of one community, centred on 0, in units."""
    radius = COMMUNITY_SPACING * math.sqrt(len(members))
    sub = graph.subgraph(members)
    if sub.number_of_edges() == 0:  # the lone nodes: a tidy grid
        side = math.ceil(math.sqrt(len(members)))
        return np.array([[(i % side) * 2.2 * COMMUNITY_SPACING / 2, (i // side) * 34.0]
                         for i in range(len(members))], dtype=float)
    index = {node: i for i, node in enumerate(members)}
    weights = np.zeros((len(members), len(members)))
    for a, b, weight in sub.edges(data="weight", default=1.0):
        weights[index[a], index[b]] = weights[index[b], index[a]] = weight
    return force_directed(weights) * radius


def force_directed(weights: np.ndarray) -> np.ndarray:
    """Fruchterman-Reingold on a dense weight matrix (as networkx's spring layout, vectorised
    over whole iterations: a tenth of its time on small communities); positions in [-1, 1]."""
    count = len(weights)
    rng = np.random.default_rng(SEED)
    points = rng.uniform(-1, 1, (count, 2))
    ideal = 1 / math.sqrt(count)  # the ideal distance between two nodes
    step = 0.1
    for _ in range(LAYOUT_ITERATIONS):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.maximum(np.sqrt((delta ** 2).sum(axis=2)), 0.01)
        force = ideal * ideal / distance ** 2 - weights * distance / ideal
        shift = (delta * force[:, :, None]).sum(axis=1)
        length = np.maximum(np.sqrt((shift ** 2).sum(axis=1)), 0.01)
        points += shift * (step / length)[:, None]
        step -= 0.1 / (LAYOUT_ITERATIONS + 1)
    points -= points.mean(axis=0)
    extent = np.abs(points).max()
    return points / extent if extent > 0 else points


def push_apart(points: np.ndarray, radii: np.ndarray, rounds: int = 40) -> np.ndarray:
    """Move circles that overlap apart (pairwise, vectorised) until none is nearer than
    ``NODE_GAP``."""
    points = points.copy()
    rng = np.random.default_rng(SEED)
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=2))
        wanted = radii[:, None] + radii[None, :] + NODE_GAP
        np.fill_diagonal(distance, np.inf)
        overlap = np.clip(wanted - distance, 0, None)
        if not overlap.any():
            break
        same = distance < 1e-6
        if same.any():  # two nodes on one spot: nudge at random, then retry
            points += rng.normal(0, 0.5, points.shape) * same.any(axis=1)[:, None]
            continue
        push = (delta / distance[:, :, None]) * (overlap / 2)[:, :, None]
        points += push.sum(axis=1)
    return points


def hub_of(members: list[str], placed: dict[str, LayoutNode], degree: dict[str, int]):
    """The community's most connected structure or group: the name its box is given."""
    hubs = [m for m in members if placed[m].kind in ("structure", "group")]
    return max(hubs, key=lambda m: (degree.get(m, 0), m), default=None)


def pack(graph: nx.Graph, clusters: list[list[str]], placed: dict[str, LayoutNode],
         degree: dict[str, int]) -> tuple[list[ClusterBox], float, float]:
    """Lay out each community and pack them in rows; return the boxes, width and height."""
    blocks = []
    for index, members in enumerate(clusters):
        radii = np.array([placed[m].radius for m in members])
        points = push_apart(community_positions(graph, members), radii)
        points -= points.min(axis=0)
        size = points.max(axis=0) + 2 * radii.max() + np.array([90.0, TITLE_STRIP + 16.0])
        blocks.append((index, members, points, size))
    total_area = sum(float(s[0] * s[1]) for *_, s in blocks)
    row_width = max(ROW_MIN_WIDTH, math.sqrt(total_area) * 1.5)
    x, y, row_height, width = MARGIN, MARGIN + WORKSHOP_BAND, 0.0, 0.0
    boxes = []
    lone = len(clusters) - 1 if clusters and graph.subgraph(clusters[-1]).number_of_edges() == 0 \
        else -1
    for index, members, points, size in blocks:
        if x > MARGIN and x + size[0] > row_width:
            x, y, row_height = MARGIN, y + row_height + COMMUNITY_GAP, 0.0
        for member, (px, py) in zip(members, points):
            node = placed[member]
            node.x = x + px + node.radius + 8.0
            node.y = y + py + node.radius + TITLE_STRIP + 8.0
            node.cluster = index
        hub = None if index == lone else hub_of(members, placed, degree)
        boxes.append(ClusterBox(index, x, y, float(size[0]), float(size[1]), hub, len(members)))
        x += size[0] + COMMUNITY_GAP
        row_height = max(row_height, size[1])
        width = max(width, x)
    return boxes, max(width, ROW_MIN_WIDTH) + MARGIN, y + row_height + MARGIN


def place_workshops(placed: dict[str, LayoutNode], width: float) -> float:
    """The workshops in a row above the communities; returns the (maybe wider) width."""
    row = [node for node in placed.values() if node.kind == "workshop"]
    x = MARGIN + NODE_RADIUS["workshop"]
    for node in sorted(row, key=lambda n: n.label):
        node.x, node.y = x, MARGIN + NODE_RADIUS["workshop"]
        x += text_width(node.label_text, node.font_size) + 2 * node.radius + 30.0
    return max(width, x + MARGIN)


def text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * CHAR_WIDTH_EM


def label_boxes(node: LayoutNode) -> list[tuple[Box, float, float, str]]:
    """Candidate label boxes: (box, text x, text baseline y, text-anchor), best first."""
    w, h = text_width(node.label_text, node.font_size), node.font_size * 1.2
    r, gap = node.radius, LABEL_GAP
    base = node.font_size * 0.35  # baseline below the vertical centre
    return [
        ((node.x + r + gap, node.y - h / 2, node.x + r + gap + w, node.y + h / 2),
         node.x + r + gap, node.y + base, "start"),
        ((node.x - r - gap - w, node.y - h / 2, node.x - r - gap, node.y + h / 2),
         node.x - r - gap, node.y + base, "end"),
        ((node.x - w / 2, node.y - r - gap - h, node.x + w / 2, node.y - r - gap),
         node.x, node.y - r - gap - h / 2 + base, "middle"),
        ((node.x - w / 2, node.y + r + gap, node.x + w / 2, node.y + r + gap + h),
         node.x, node.y + r + gap + h / 2 + base, "middle"),
    ]


class BoxIndex:
    """Boxes in a uniform grid, to test a new box against its neighbours only."""
    CELL = 60.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def keys(self, box: Box):
        for i in range(int(box[0] // self.CELL), int(box[2] // self.CELL) + 1):
            for j in range(int(box[1] // self.CELL), int(box[3] // self.CELL) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self.keys(box):
            self.cells.setdefault(key, []).append(box)

    def hits(self, box: Box, ignore: Box | None = None) -> bool:
        return any(other is not ignore and overlaps(box, other)
                   for key in self.keys(box) for other in self.cells.get(key, ()))


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(placed: dict[str, LayoutNode], degree: dict[str, int],
                 boxes: list[ClusterBox]) -> None:
    index = BoxIndex()
    for cluster in boxes:  # the title strips
        index.add((cluster.x, cluster.y, cluster.x + cluster.width, cluster.y + TITLE_STRIP))
    circles = {}
    for node in placed.values():
        circles[node.id] = (node.x - node.radius, node.y - node.radius,
                            node.x + node.radius, node.y + node.radius)
        index.add(circles[node.id])
    order = sorted(placed.values(),
                   key=lambda n: (LABEL_PRIORITY[n.kind], -degree.get(n.id, 0), n.label))
    for node in order:
        if not node.label_text or node.kind in HIDDEN_LABEL_KINDS:
            _, node.label_x, node.label_y, node.anchor = label_boxes(node)[0]
            continue
        for box, text_x, text_y, anchor in label_boxes(node):
            if box[0] >= 0 and box[1] >= 0 and not index.hits(box, circles[node.id]):
                index.add(box)
                node.label_x, node.label_y, node.anchor = text_x, text_y, anchor
                node.label_shown = True
                break
        else:  # hidden, but ready to show (right of the node) when the node is found
            _, node.label_x, node.label_y, node.anchor = label_boxes(node)[0]


def shown_label_box(node: LayoutNode) -> Box:
    """The box of a shown label (for tests: no two overlap)."""
    return next(box for box, x, y, anchor in label_boxes(node)
                if (x, y, anchor) == (node.label_x, node.label_y, node.anchor))
