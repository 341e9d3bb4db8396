"""Participants of a workshop: list with search, add and edit by hand."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from kit.extensions import db
from kit.forms.participants import ParticipantForm
from kit.models import Participant
from kit.services import participants
from kit.views.common import workshop_or_404

bp = Blueprint("participants", __name__, url_prefix="/ateliers/<code>/participants")


@bp.get("/")
@login_required
def index(code: str):
    workshop = workshop_or_404(code)
    query = request.args.get("q", "").strip()
    people = participants.search_participants(workshop, query)
    return render_template("participants/index.html", workshop=workshop, people=people,
                           query=query)


@bp.route("/nouveau", methods=["GET", "POST"])
@login_required
def create(code: str):
    workshop = workshop_or_404(code)
    form = ParticipantForm()
    return save_form(workshop, form, None) or render_template(
        "participants/edit.html", workshop=workshop, form=form, person=None)


@bp.route("/<int:pid>/modifier", methods=["GET", "POST"])
@login_required
def edit(code: str, pid: int):
    workshop = workshop_or_404(code)
    person = db.session.get(Participant, pid)
    if person is None or person.workshop_id != workshop.id:
        abort(404)
    form = ParticipantForm(obj=person)
    if not form.is_submitted():
        for name in ("territory", "actor_type", "consent", "email"):
            getattr(form, name).data = getattr(person, name) or ""
    return save_form(workshop, form, person) or render_template(
        "participants/edit.html", workshop=workshop, form=form, person=person)


def person_or_404(workshop, pid: int) -> Participant:
    person = db.session.get(Participant, pid)
    if person is None or person.workshop_id != workshop.id:
        abort(404)
    return person


def save_form(workshop, form: ParticipantForm, person: Participant | None):
    """The redirect after a successful save, or None to show the form again."""
    if not form.validate_on_submit():
        return None
    try:
        saved = participants.save_participant(workshop, form.values(), person)
    except participants.ParticipantError:
        form.email.errors.append(_("Cet e-mail est déjà inscrit dans cet atelier."))
        return None
    flash(_("%(name)s enregistré·e.", name=saved.full_name), "success")
    return redirect(url_for("participants.index", code=workshop.code))
