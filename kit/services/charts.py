"""Horizontal bar charts as server-rendered SVG, with the rows of the table shown beside them.

No JavaScript, no library, no inline ``style``: colours and sizes are SVG presentation
attributes and classes (``chart__bar``, ``chart__label``, ``chart__value``), so the strict CSP
holds and the chart prints. Each label sits on its own line above its bar, which keeps long
labels readable at phone width; the value is written at the end of the bar. For screen readers
the ``<svg>`` is ``role="img"`` labelled by its ``<title>`` and a ``<desc>`` listing every
"label : value"; the table beside it (the ``bar_chart`` macro of ``kit/templates/_charts.html``)
holds the same rows in full.

Usage, in a view or a service::

    from kit.services.charts import bar_chart
    chart = bar_chart("territoires", _("Participants par territoire"),
                      [("Briançonnais", 12), ("Pays des Écrins", 5)],
                      label_header=_("Territoire"), value_header=_("Personnes"))

and in a template::

    {% from "_charts.html" import bar_chart %}
    {{ bar_chart(chart) }}

``chart.rows`` are the ``(label, value)`` pairs in the order given (sort before calling);
``chart.svg()`` is the markup (``Markup``, already escaped). Labels are cut to two lines in the
drawing only; the table keeps them whole. ``chart_id`` must be unique within the page (it
prefixes the ids that ``aria-labelledby`` points at).
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 400            # viewBox units; the page scales the drawing to its column
FONT_SIZE = 15         # units: about 13 px on a 390 px phone, 17 px in a 28 rem column
LINE_CHARS = 42        # characters per label line that fit WIDTH at FONT_SIZE (DejaVu Sans)
MAX_LABEL_LINES = 2    # longer labels are cut with "…" in the drawing (the table is whole)
BAR_HEIGHT = 18
LINE_HEIGHT = 19
ROW_GAP = 10
VALUE_ROOM = 48        # room kept right of the longest bar for its value
MIN_BAR = 2            # a zero still shows a sliver, so the row does not look missing


@dataclass(frozen=True)
class BarChart:
    """One horizontal bar chart: what ``bar_chart`` returns, ready for the template macro."""
    chart_id: str
    title: str
    rows: tuple[tuple[str, int], ...]
    label_header: str
    value_header: str
    note: str = ""

    @property
    def total(self) -> int:
        return sum(value for _, value in self.rows)

    @property
    def maximum(self) -> int:
        return max((value for _, value in self.rows), default=0)

    def description(self) -> str:
        """Every row as "label : value", for ``<desc>`` (the French non-breaking space before
        the colon is kept in English too: screen readers ignore it)."""
        return " ; ".join(f"{label}\u00a0: {value}" for label, value in self.rows)

    def svg(self) -> Markup:
        return render_svg(self)


def bar_chart(chart_id: str, title: str, rows: Iterable[tuple[str, int]], *,
              label_header: str, value_header: str, note: str = "") -> BarChart:
    """A chart of ``rows`` (label, non-negative count) in the order given."""
    clean = tuple((str(label), max(0, int(value))) for label, value in rows)
    return BarChart(chart_id, title, clean, label_header, value_header, note)


def label_lines(label: str) -> list[str]:
    lines = textwrap.wrap(label, LINE_CHARS) or [""]
    if len(lines) > MAX_LABEL_LINES:
        lines = lines[:MAX_LABEL_LINES]
        lines[-1] = lines[-1][:LINE_CHARS - 1].rstrip() + "…"
    return lines


def bar_width(value: int, maximum: int) -> float:
    if maximum <= 0:
        return MIN_BAR
    return max(MIN_BAR, round(value / maximum * (WIDTH - VALUE_ROOM), 1))


def render_rows(chart: BarChart) -> tuple[list[str], int]:
    """The SVG elements of every row, and the height they take."""
    parts, y = [], 0
    for label, value in chart.rows:
        for line in label_lines(label):
            y += LINE_HEIGHT
            parts.append(f'<text class="chart__label" x="0" y="{y - 4}" '
                         f'font-size="{FONT_SIZE}">{escape(line)}</text>')
        width = bar_width(value, chart.maximum)
        parts.append(f'<rect class="chart__bar" x="0" y="{y}" width="{width}" '
                     f'height="{BAR_HEIGHT}" fill="#1f5f7a"/>')
        parts.append(f'<text class="chart__value" x="{width + 6}" y="{y + BAR_HEIGHT - 4}" '
                     f'font-size="{FONT_SIZE}" font-weight="bold">{value}</text>')
        y += BAR_HEIGHT + ROW_GAP
    return parts, max(y, LINE_HEIGHT)


def render_svg(chart: BarChart) -> Markup:
    """The chart as an ``<svg>`` element (escaped, safe to insert as is)."""
    title_id, desc_id = f"{chart.chart_id}-titre", f"{chart.chart_id}-desc"
    parts, height = render_rows(chart)
    head = (f'<svg class="chart__svg" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'preserveAspectRatio="xMinYMin meet" font-family="DejaVu Sans, sans-serif" '
            f'aria-labelledby="{escape(title_id)} {escape(desc_id)}">'
            f'<title id="{escape(title_id)}">{escape(chart.title)}</title>'
            f'<desc id="{escape(desc_id)}">{escape(chart.description())}</desc>')
    return Markup(head + "".join(parts) + "</svg>")
