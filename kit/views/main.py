"""Home page and the language switch."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, request, session, url_for

from kit.views.common import safe_next

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    return redirect(url_for("workshops.index"))


@bp.post("/langue")
def set_language():
    language = request.form.get("lang", "")
    if language in current_app.config["LANGUAGES"]:
        session["lang"] = language
    return redirect(safe_next(request.form.get("next"), url_for("main.index")))
