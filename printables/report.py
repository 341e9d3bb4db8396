"""The printable report of the day ("compte rendu"): cover, programme, who came, the diagnostic
with its bar charts, the needs ranked by votes, the project seeds and how to reach each group.

Built from plain data (``Report``) that the app assembles, already filtered by consent and
holding only confirmed values, with every label already translated: this module knows nothing
of Flask, the database or languages. A4 portrait pages, text flowing down them
(printables.runsheet.Flow); the bar charts are drawn as vector rectangles.
"""
from __future__ import annotations

from dataclasses import dataclass

from printables.layout import Box
from printables.link_qr import draw_matrix, link_matrix
from printables.render import Document, wrap_text
from printables.runsheet import BODY_PT, HEADING_PT, LINE_FACTOR, SMALL_PT, TITLE_PT, Flow

COVER_TITLE_PT = 26.0
FIGURE_PT = 20.0
BAR_MM = 4.5             # height of one bar
BAR_GAP_MM = 2.5         # between one bar and the next row's label
CHART_WIDTH_MM = 130.0   # the longest bar and its value: a chart, not a wall of grey
VALUE_ROOM_MM = 14.0     # room right of the longest bar for its value
CHART_LABEL_LINES = 2    # a longer label is cut with "…" (the list below the chart is whole)
BAR_GRAY = 0.3           # dark enough for a black-and-white office printer
CLUSTER_INDENT_MM = 4.0
TIME_COLUMN_MM = 22.0
VOTES_COLUMN_MM = 22.0


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: (label, count) rows in the order to draw."""
    title: str
    rows: tuple[tuple[str, int], ...]
    note: str = ""


@dataclass(frozen=True)
class Cluster:
    """A group of cards on a wall: its name (the organiser's, or its first card's words)."""
    name: str
    cards: tuple[str, ...]


@dataclass(frozen=True)
class Zone:
    title: str
    clusters: tuple[Cluster, ...]


@dataclass(frozen=True)
class Seed:
    """A project seed; ``join`` is the "how to join" block (lines; empty: none yet)."""
    title: str
    rows: tuple[tuple[str, str], ...] = ()
    contacts: tuple[str, ...] = ()
    join: tuple[str, ...] = ()
    join_url: str = ""  # drawn as a QR code beside the join lines (printables.link_qr)


@dataclass(frozen=True)
class Words:
    """Every fixed text of the report, translated by the caller."""
    document: str          # "Compte rendu de l'atelier"
    audience: str          # who the document is for ("Version publique"...)
    programme: str
    people: str
    people_note: str
    nobody: str
    diagnostic: str
    needs: str
    seeds: str
    contacts: str
    join: str
    nothing: str
    votes: str             # the title of the needs' votes column


@dataclass(frozen=True)
class Report:
    title: str
    details: tuple[str, ...]          # theme, date and place, organisers: one line each
    figures: tuple[tuple[str, str], ...]  # (number, what): "42", "participants"
    programme: tuple[tuple[str, str], ...]
    people: tuple[str, ...]           # one line per person who agreed to be named
    charts: tuple[Chart, ...]         # counts per zone, territory, actor type
    zones: tuple[Zone, ...]
    needs_chart: Chart
    # (votes, text), most voted first; votes not yet counted: a word instead (translated)
    needs: tuple[tuple[int | str, str], ...]
    seeds: tuple[Seed, ...]
    contact: str                      # how to reach the organisers
    words: Words


COVER_TOP_MM = 70.0  # the title a third of the way down the cover, as on a printed report
RULE_MM = 0.6


def draw_cover(flow: Flow, report: Report) -> None:
    words = report.words
    page = flow.need(COVER_TOP_MM)
    flow.y_mm = COVER_TOP_MM
    page.rect(Box(0, COVER_TOP_MM - 12.0, 40.0, 2.0), fill_gray=BAR_GRAY)
    flow.lines(words.document, HEADING_PT, gray=0.35)
    flow.gap(2.0)
    flow.lines(report.title, COVER_TITLE_PT, bold=True)
    flow.gap(3.0)
    for line in report.details:
        flow.lines(line, HEADING_PT, gray=0.2)
    flow.gap(16.0)
    rule(flow)
    flow.gap(6.0)
    draw_figures(flow, report.figures)
    flow.gap(8.0)
    rule(flow)
    flow.gap(8.0)
    if report.contact:
        flow.lines(report.contact, BODY_PT)
    flow.lines(words.audience, SMALL_PT, gray=0.35)


def rule(flow: Flow) -> None:
    flow.need(RULE_MM).line(0, flow.y_mm, flow.width_mm, flow.y_mm, gray=0.6, line_mm=RULE_MM / 2)


def draw_figures(flow: Flow, figures: tuple[tuple[str, str], ...]) -> None:
    """The day in figures, side by side: a big number over its words."""
    if not figures:
        return
    column_mm = flow.width_mm / len(figures)
    page = flow.need(FIGURE_PT * LINE_FACTOR + 2 * BODY_PT * LINE_FACTOR)
    number_y = flow.y_mm + FIGURE_PT * LINE_FACTOR
    for i, (number, what) in enumerate(figures):
        page.text(i * column_mm, number_y, number, FIGURE_PT, bold=True)
        for j, line in enumerate(wrap_text(what, column_mm - 3, BODY_PT)[:2]):
            page.text(i * column_mm, number_y + (j + 1) * BODY_PT * LINE_FACTOR, line, BODY_PT)
    flow.y_mm = number_y + 2 * BODY_PT * LINE_FACTOR


def heading(flow: Flow, title: str, size_pt: float = TITLE_PT) -> None:
    flow.gap(4.0)
    flow.need(size_pt * LINE_FACTOR * 4)  # never a heading alone at the foot of a page
    flow.lines(title, size_pt, bold=True)
    flow.gap(1.5)


def chart_label(label: str, width_mm: float) -> list[str]:
    lines = wrap_text(label, width_mm, BODY_PT) or [""]
    if len(lines) > CHART_LABEL_LINES:
        lines = lines[:CHART_LABEL_LINES]
        lines[-1] = lines[-1] + " …"
    return lines


def draw_chart(flow: Flow, chart: Chart, nothing: str) -> None:
    """Each row: its label on one or two lines, then a bar with the count at its end."""
    heading(flow, chart.title, HEADING_PT)
    if not chart.rows:
        flow.lines(nothing, BODY_PT, gray=0.35)
        return
    maximum = max(value for _, value in chart.rows) or 1
    room_mm = min(flow.width_mm, CHART_WIDTH_MM) - VALUE_ROOM_MM
    for label, value in chart.rows:
        lines = chart_label(label, flow.width_mm)
        flow.need(len(lines) * BODY_PT * LINE_FACTOR + BAR_MM + BAR_GAP_MM + 1.0)
        for line in lines:
            flow.lines(line, BODY_PT)
        page = flow.need(BAR_MM)
        top_mm = flow.y_mm + 0.8
        width_mm = max(0.6, value / maximum * room_mm)
        page.rect(Box(0, top_mm, width_mm, BAR_MM), fill_gray=BAR_GRAY)
        page.text(width_mm + 1.5, top_mm + BAR_MM - 1.0, str(value), BODY_PT, bold=True)
        flow.y_mm = top_mm + BAR_MM + BAR_GAP_MM
    if chart.note:
        flow.lines(chart.note, SMALL_PT, gray=0.35)


def draw_people(flow: Flow, report: Report) -> None:
    words = report.words
    heading(flow, words.people)
    flow.lines(words.people_note, SMALL_PT, gray=0.35)
    flow.gap(1.0)
    for line in report.people or (words.nobody,):
        flow.row("•", line, 4.0)


def draw_zones(flow: Flow, report: Report) -> None:
    words = report.words
    heading(flow, words.diagnostic)
    for chart in report.charts:
        draw_chart(flow, chart, words.nothing)
    for zone in report.zones:
        heading(flow, zone.title, HEADING_PT)
        if not zone.clusters:
            flow.lines(words.nothing, BODY_PT, gray=0.35)
        for cluster in zone.clusters:
            flow.gap(1.0)
            flow.need(BODY_PT * LINE_FACTOR * 3)
            flow.lines(cluster.name, BODY_PT, bold=True)
            for card in cluster.cards:
                flow.row("•", card, CLUSTER_INDENT_MM + 4.0)


def draw_needs(flow: Flow, report: Report) -> None:
    words = report.words
    heading(flow, words.needs)
    draw_chart(flow, report.needs_chart, words.nothing)
    flow.gap(2.0)
    flow.row(words.votes, "", VOTES_COLUMN_MM, SMALL_PT, bold_left=True)
    for votes, text in report.needs:
        flow.row(str(votes), text, VOTES_COLUMN_MM, bold_left=True)


def draw_seeds(flow: Flow, report: Report) -> None:
    words = report.words
    heading(flow, words.seeds)
    if not report.seeds:
        flow.lines(words.nothing, BODY_PT, gray=0.35)
    for seed in report.seeds:
        heading(flow, seed.title, HEADING_PT)
        for label, text in seed.rows:
            flow.lines(label, SMALL_PT, bold=True, gray=0.3)
            flow.lines(text, BODY_PT)
        if seed.contacts:
            flow.lines(words.contacts, SMALL_PT, bold=True, gray=0.3)
            for contact in seed.contacts:
                flow.row("•", contact, 4.0)
        if seed.join:  # the action group's public join link (issue 10, point 4)
            flow.lines(words.join, SMALL_PT, bold=True, gray=0.3)
            if seed.join_url:
                draw_join_qr(flow, seed)
            else:
                for line in seed.join:
                    flow.lines(line, BODY_PT)


JOIN_QR_MM = 28.0  # scanned from a printed page held in the hand (~1 mm modules for a 40-char URL)
JOIN_TEXT_GAP_MM = 5.0


def draw_join_qr(flow: Flow, seed: Seed) -> None:
    """The join link's QR code (the project's: printables.link_qr) with the lines beside it."""
    flow.gap(1.5)
    page = flow.need(JOIN_QR_MM + 1.5)
    top_mm = flow.y_mm
    draw_matrix(page, link_matrix(seed.join_url), Box(0, top_mm, JOIN_QR_MM, JOIN_QR_MM))
    text_x = JOIN_QR_MM + JOIN_TEXT_GAP_MM
    y = top_mm
    for text in seed.join:
        for line in wrap_text(text, flow.width_mm - text_x, BODY_PT):
            y += BODY_PT * LINE_FACTOR
            page.text(text_x, y, line, BODY_PT)
    flow.y_mm = max(y, top_mm + JOIN_QR_MM) + 1.5


def draw_report(doc: Document, report: Report) -> None:
    flow = Flow(doc)
    draw_cover(flow, report)
    flow.page = None  # the programme starts a page of its own
    heading(flow, report.words.programme)
    for time, text in report.programme:
        flow.row(time, text, TIME_COLUMN_MM, bold_left=True)
    draw_people(flow, report)
    flow.page = None
    draw_zones(flow, report)
    draw_needs(flow, report)
    flow.page = None
    draw_seeds(flow, report)


def report_pdf(report: Report) -> bytes:
    doc = Document(f"{report.words.document} – {report.title}")
    draw_report(doc, report)
    return doc.to_bytes()

