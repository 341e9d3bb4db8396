"""The whole workshop as one ZIP, for its owner (kit.services.archive; `flask restore` reads it
back on another instance)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, after_this_request, current_app, send_file
from flask_login import login_required

from kit.services import archive
from kit.views.common import MANAGE, workshop_or_404

bp = Blueprint("archives", __name__)


@bp.get("/ateliers/<code>/archive.zip")
@login_required
def download(code: str):
    workshop = workshop_or_404(code, MANAGE)  # every personal datum in one file: owners only
    folder = Path(tempfile.mkdtemp(prefix="ak-archive-"))
    target = archive.write_archive(workshop, current_app.config,
                                   folder / f"{workshop.code}-archive.zip")

    @after_this_request
    def clean_up(response):
        target.unlink(missing_ok=True)  # the open file is still sent (POSIX)
        folder.rmdir()
        return response

    response = send_file(target, mimetype="application/zip", as_attachment=True,
                         download_name=target.name, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response
