"""The "première base": every questionnaire entry by category; merge, reword, mark to print."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from kit.models.prediagnostic import ITEM_CARD_TYPES
from kit.services import prediagnostic
from kit.services.prediagnostic import CARD_TYPE_LABELS, CATEGORY_INFO, ItemEdit
from kit.views.common import workshop_or_404

bp = Blueprint("prediagnostic", __name__, url_prefix="/ateliers/<code>/premiere-base")


def selected_ids() -> list[int]:
    return [int(value) for value in request.form.getlist("item") if value.isdigit()]


def posted_edits() -> list[ItemEdit]:
    """One edit per item shown in the posted category (``ids`` lists them all)."""
    ids = [int(v) for v in request.form.get("ids", "").split(",") if v.isdigit()]
    return [ItemEdit(item_id=i, text=request.form.get(f"texte-{i}", ""),
                     card_type=request.form.get(f"type-{i}", ""),
                     to_print=request.form.get(f"imprimer-{i}") == "1") for i in ids]


@bp.get("/")
@login_required
def index(code: str):
    workshop = workshop_or_404(code)
    return render_template("prediagnostic/index.html", workshop=workshop,
                           grouped=prediagnostic.items_by_category(workshop),
                           categories=CATEGORY_INFO, card_types=ITEM_CARD_TYPES,
                           card_type_labels=CARD_TYPE_LABELS)


@bp.post("/")
@login_required
def save(code: str):
    workshop = workshop_or_404(code)
    if request.form.get("action") == "fusionner":
        try:
            item = prediagnostic.merge_items(workshop, selected_ids())
        except prediagnostic.PrediagnosticError as error:
            flash(_(str(error)), "error")
        else:
            flash(_("Éléments fusionnés en « %(text)s ».", text=item.text), "success")
    else:
        edits = posted_edits()
        refused = prediagnostic.save_items(workshop, edits)
        posted = {edit.item_id: edit.text for edit in edits}
        for item_id, (message, params) in refused.items():
            flash(_("« %(text)s » n’a pas été modifié : ", text=posted[item_id][:80])
                  + _(message, **params), "error")
        if not refused:
            flash(_("Première base enregistrée."), "success")
    anchor = request.form.get("categorie", "")
    return redirect(url_for("prediagnostic.index", code=workshop.code)
                    + (f"#cat-{anchor}" if anchor in CATEGORY_INFO else ""))
