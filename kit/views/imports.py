"""CSV import of participants: upload, preview with per-line errors, confirm all or nothing."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from kit.forms.participants import ImportConfirmForm, ImportUploadForm
from kit.services import participants, uploads
from kit.services.csv_import import COLUMN_LABELS, parse_participants_csv
from kit.views.common import workshop_or_404

bp = Blueprint("imports", __name__, url_prefix="/ateliers/<code>/import")


@bp.route("/", methods=["GET", "POST"])
@login_required
def upload(code: str):
    workshop = workshop_or_404(code)
    form = ImportUploadForm()
    if form.validate_on_submit():
        token = uploads.save_upload(current_app.config["IMPORT_DIR"], workshop.code,
                                    form.file.data.read())
        return redirect(url_for("imports.preview", code=workshop.code, token=token))
    return render_template("imports/upload.html", workshop=workshop, form=form,
                           columns=COLUMN_LABELS.values())


def parse_upload(workshop, token: str):
    try:
        data = uploads.load_upload(current_app.config["IMPORT_DIR"], workshop.code, token)
    except FileNotFoundError:
        abort(404)
    return parse_participants_csv(data, participants.existing_emails(workshop))


@bp.route("/<token>", methods=["GET", "POST"])
@login_required
def preview(code: str, token: str):
    workshop = workshop_or_404(code)
    # parsed again on confirmation: someone may have been added since the preview
    result = parse_upload(workshop, token)
    form = ImportConfirmForm(token=token)
    if form.validate_on_submit() and result.ok:
        people = participants.import_rows(workshop, result.rows)
        uploads.discard_upload(current_app.config["IMPORT_DIR"], workshop.code, token)
        flash(ngettext("%(num)s participant importé.", "%(num)s participants importés.",
                       len(people)), "success")
        return redirect(url_for("participants.index", code=workshop.code))
    if form.is_submitted():
        flash(_("Le fichier contient des erreurs : rien n’a été importé."), "error")
    return render_template("imports/preview.html", workshop=workshop, result=result, form=form,
                           upload_form=ImportUploadForm(), columns=COLUMN_LABELS)
