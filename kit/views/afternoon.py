"""The afternoon groups page (issue 11): proposals of needs grouped by meaning, merged, split,
renamed and confirmed by an organiser, and the pre-filled sheets printed at lunch.

Plain forms with POST/redirect/GET (every action works with the keyboard and without
JavaScript); ``static/js/afternoon.js`` adds drag and drop, which submits the same forms.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from kit.models import AfternoonGroup, Workshop
from kit.services import afternoon, afternoon_print, similarity
from kit.views.common import EDIT, owned_or_404, workshop_or_404

bp = Blueprint("afternoon", __name__, url_prefix="/ateliers/<code>/apres-midi")


def back(workshop: Workshop, group_id: int | None = None):
    anchor = f"#groupe-{group_id}" if group_id else ""
    return redirect(url_for("afternoon.index", code=workshop.code) + anchor)


def group_or_404(workshop: Workshop, group_id: int) -> AfternoonGroup:
    return owned_or_404(AfternoonGroup, group_id, workshop)


@bp.get("/")
@login_required
def index(code: str):
    workshop = workshop_or_404(code, EDIT)
    return render_template("afternoon/index.html", workshop=workshop,
                           board=afternoon.board(workshop),
                           action_groups=afternoon.action_groups(workshop),
                           model_available=similarity.model_available())


@bp.post("/proposer")
@login_required
def propose(code: str):
    workshop = workshop_or_404(code, EDIT)
    count = afternoon.propose(workshop)
    flash(ngettext("%(num)d groupe proposé.", "%(num)d groupes proposés.", count), "success")
    return back(workshop)


@bp.post("/deplacer")
@login_required
def move(code: str):
    workshop = workshop_or_404(code, EDIT)
    card = afternoon.group_card(workshop, request.form.get("card_id", type=int) or 0)
    if card is None:
        abort(404)
    target_value = request.form.get("target", "")
    target = None
    if target_value.isdigit():
        target = group_or_404(workshop, int(target_value))
    elif target_value not in ("new", "none"):
        abort(400)
    group = afternoon.move(workshop, card, target, new=target_value == "new")
    return back(workshop, group.id if group is not None else None)


@bp.post("/<int:group_id>/modifier")
@login_required
def rename(code: str, group_id: int):
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, group_id)
    afternoon.rename(group, request.form.get("name", ""), request.form.get("table", ""))
    flash(_("Groupe enregistré."), "success")
    return back(workshop, group.id)


@bp.post("/<int:group_id>/fusionner")
@login_required
def merge(code: str, group_id: int):
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, group_id)
    into = group_or_404(workshop, request.form.get("into", type=int) or 0)
    afternoon.merge(group, into)
    return back(workshop, into.id)


@bp.post("/<int:group_id>/confirmer")
@login_required
def confirm(code: str, group_id: int):
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, group_id)
    if not afternoon.confirm(group, request.form.get("confirmed", "1") == "1"):
        flash(_("Donnez un nom au groupe avant de le confirmer : il est imprimé sur sa fiche."),
              "error")
    return back(workshop, group.id)


@bp.post("/<int:group_id>/ordre")
@login_required
def reorder(code: str, group_id: int):
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, group_id)
    afternoon.move_position(group, -1 if request.form.get("step") == "up" else 1)
    return back(workshop, group.id)


@bp.post("/imprimer")
@login_required
def print_sheets(code: str):
    """The PDF: one group's sheet (``group_id``), or the run-sheet and every confirmed sheet."""
    workshop = workshop_or_404(code, EDIT)
    group_id = request.form.get("group_id", type=int)
    ids = None
    if group_id is not None:
        group = group_or_404(workshop, group_id)
        if not group.is_confirmed:
            flash(_("Confirmez le groupe avant d’imprimer sa fiche."), "error")
            return back(workshop, group.id)
        ids = {group.id}
    data = afternoon_print.print_sheets(workshop, ids, with_runsheet=group_id is None)
    name = f"graine-{group_id}.pdf" if group_id else "groupes-apres-midi.pdf"
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{workshop.code}-{name}"'})
