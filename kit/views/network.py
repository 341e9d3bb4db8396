"""The network map (issue 12): an SVG drawn on the server, with a table beside it and a JSON
data endpoint; the organisers' version (the workshops they are a member of) and the public one
(published workshops, only people who accepted "restitution publique")."""
from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from kit.services import directory, network
from kit.services.directory import Filters, Scope
from kit.services.network_svg import render_network_svg

bp = Blueprint("network", __name__, url_prefix="/reseau")


def read_filters(scope: Scope) -> Filters:
    workshops = directory.scope_workshops(scope)
    theme, code = request.args.get("theme", ""), request.args.get("atelier", "")
    return Filters(theme=theme if theme in directory.themes_of(workshops) else "",
                   workshop=code if code in {w.code for w in workshops} else "")


def render_map(scope: Scope, public: bool):
    filters = read_filters(scope)
    graph = network.build_graph(scope, filters)
    counts = network.graph_dict(graph)["counts"]
    description = _("%(people)s personnes, %(structures)s structures, %(needs)s besoins, "
                    "%(groups)s groupes d’action. Le tableau après la carte donne les mêmes "
                    "liens.", people=counts["person"], structures=counts["structure"],
                    needs=counts["need"], groups=counts["group"])
    workshops = directory.scope_workshops(scope)
    return render_template(
        "network/map.html", public=public, filters=filters, counts=counts,
        svg=render_network_svg(graph, _("Carte du réseau"), description, _("Sans lien")),
        rows=network.table_rows(graph), workshops=workshops,
        themes=directory.themes_of(workshops))


def json_response(scope: Scope) -> Response:
    data = network.graph_dict(network.build_graph(scope, read_filters(scope)))
    return Response(json.dumps(data, ensure_ascii=False) + "\n",
                    content_type="application/json; charset=utf-8")


@bp.get("/")
@login_required
def index():
    return render_map(directory.user_scope(current_user), public=False)


@bp.get("/donnees.json")
@login_required
def data():
    return json_response(directory.user_scope(current_user))


@bp.get("/public/")
def public_map():
    """No login: published workshops only, people who accepted the public restitution."""
    return render_map(directory.public_scope(), public=True)


@bp.get("/public/donnees.json")
def public_data():
    return json_response(directory.public_scope())
