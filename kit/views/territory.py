"""Territory at a glance (issue 12): actors, needs and action groups per community of
communes and per commune, as charts with their tables, for the workshops one is a member of
(every workshop for the instance administrator)."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from kit.services import directory, territory_counts
from kit.services.charts import BarChart, bar_chart
from kit.views.display import choice_label

bp = Blueprint("territory", __name__, url_prefix="/territoire")
MEASURES = ("actors", "needs", "groups")


def community_label(key: str) -> str:
    return choice_label("territory", key) if key else _("Non renseigné")


def community_charts(counts: territory_counts.Counts) -> list[BarChart]:
    titles = {"actors": _("Acteurs par communauté de communes"),
              "needs": _("Besoins par communauté de communes"),
              "groups": _("Groupes d’action par communauté de communes")}
    headers = {"actors": _("Acteurs"), "needs": _("Besoins"), "groups": _("Groupes d’action")}
    keys = list(territory_counts.COMMUNITIES) + sorted(
        k for k in counts.communities if k not in territory_counts.COMMUNITIES)
    return [bar_chart(f"territoire-{measure}", titles[measure],
                      [(community_label(key), counts.communities[key][measure]
                       if key in counts.communities else 0)
                       for key in keys],
                      label_header=_("Communauté de communes"), value_header=headers[measure])
            for measure in MEASURES]


def commune_chart(counts: territory_counts.Counts) -> BarChart:
    rows = sorted(((name, c["actors"]) for name, c in counts.communes.items()),
                  key=lambda row: (-row[1], row[0]))
    return bar_chart("communes-acteurs", _("Acteurs par commune"), rows,
                     label_header=_("Commune"), value_header=_("Acteurs"))


@bp.get("/")
@login_required
def index():
    counts = territory_counts.count(directory.user_scope(current_user))
    communes = sorted(counts.communes.items(), key=lambda item: (-item[1]["actors"], item[0]))
    return render_template("territory/index.html", charts=community_charts(counts),
                           commune_chart=commune_chart(counts), communes=communes)
