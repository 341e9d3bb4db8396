"""The diagnostic as people saw it on the wall, and the figures of the day as charts.

Reads only, built on kit.services.results (same consent and "confirmed values" rules). Labels
are translated by the caller: functions take ``gettext`` (the view's), as kit.services.photos
does, so the same data feeds the pages and the PDF report.
"""
from __future__ import annotations

from collections.abc import Callable

from kit.services import results
from kit.services.charts import BarChart, bar_chart

NEEDS_CHART_MAX = 12  # the most voted needs in the chart; the board and the table list them all

Gettext = Callable[..., str]


def needs_chart(needs: list[results.Need], gettext: Gettext,
                chart_id: str = "besoins-votes") -> BarChart:
    """Confirmed needs, most votes first (a need waiting for review is never charted)."""
    ranked = [need for need in needs if need.text.verified and need.text.text]
    return bar_chart(chart_id, gettext("Besoins les plus votés"),
                     [(need.text.text, need.votes) for need in ranked[:NEEDS_CHART_MAX]],
                     label_header=gettext("Besoin"), value_header=gettext("Votes"))
