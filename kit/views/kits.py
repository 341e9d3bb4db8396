"""The printed kit: (re)generate it and download its files."""
from __future__ import annotations

from flask import (Blueprint, abort, current_app, flash, redirect, send_from_directory,
                   url_for)
from flask_babel import gettext as _
from flask_login import login_required

from kit.services import kits
from kit.views.common import workshop_or_404

bp = Blueprint("kits", __name__, url_prefix="/ateliers/<code>/kit")


@bp.post("/")
@login_required
def generate(code: str):
    workshop = workshop_or_404(code)
    try:
        kits.generate_kit(workshop, current_app.config["KIT_DIR"])
    except ImportError:  # printables.kit not installed in this checkout yet
        current_app.logger.exception("kit renderer unavailable")
        flash(_("L’impression du kit n’est pas disponible sur cette installation."), "error")
    except kits.KitError as error:
        flash(_("Le kit n’a pas pu être généré : %(error)s", error=str(error)), "error")
    else:
        flash(_("Kit généré : %(count)s cartes.", count=len(workshop.cards)), "success")
    return redirect(url_for("workshops.show", code=workshop.code))


@bp.get("/<filename>")
@login_required
def download(code: str, filename: str):
    workshop = workshop_or_404(code)
    if filename not in kits.KIT_FILENAMES:
        abort(404)
    folder = kits.kit_dir(current_app.config["KIT_DIR"], workshop)
    return send_from_directory(folder, filename, as_attachment=True,
                               download_name=f"{workshop.code}-{filename}")
