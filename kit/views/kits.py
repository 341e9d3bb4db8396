"""The printed kit: have it (re)generated in the background, follow it, download its files."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required

from kit.models import Workshop
from kit.services import kit_jobs, kits
from kit.tasks import enqueue_kit
from kit.views.common import VIEW, workshop_or_404

bp = Blueprint("kits", __name__, url_prefix="/ateliers/<code>/kit")


@bp.post("/")
@login_required
def generate(code: str):
    workshop = workshop_or_404(code)
    if not kit_jobs.request_kit(workshop):
        flash(_("Une génération du kit est déjà en cours : elle n’est pas relancée."), "info")
    else:
        enqueue_kit(workshop.id)
        flash_outcome(workshop)
    return redirect(url_for("workshops.show", code=workshop.code))


def flash_outcome(workshop: Workshop) -> None:
    """Immediate mode has finished already; a real queue has only started (the page follows)."""
    if workshop.kit_status == "done":
        flash(_("Kit généré : %(count)s cartes.", count=len(workshop.cards)), "success")
    elif workshop.kit_status != "error":  # an error is shown in the kit section of the page
        flash(_("Génération du kit lancée : la page suit sa progression."), "info")


@bp.get("/statut")
@login_required
def status(code: str):
    return jsonify(kit_jobs.kit_state(workshop_or_404(code, VIEW), _))


@bp.get("/<filename>")
@login_required
def download(code: str, filename: str):
    workshop = workshop_or_404(code, VIEW)
    if filename not in kits.KIT_FILENAMES:
        abort(404)
    folder = kits.kit_dir(current_app.config["KIT_DIR"], workshop)
    return send_from_directory(folder, filename, as_attachment=True,
                               download_name=f"{workshop.code}-{filename}")
