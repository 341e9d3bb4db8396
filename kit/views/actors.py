"""Actors across workshops (issue 12): the directory, one actor's page, the proposals to
confirm, merges and splits and their journal. An organiser sees the actors of the workshops
they are a member of (the instance administrator, all); exports hold only those whose
strictest consent allows sharing."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from kit.forms.participants import ACTOR_CHOICES, TERRITORY_CHOICES
from kit.services import actor_proposals, actors, contributions, directory, directory_exports
from kit.views.display import choice_label
from kit.views.results import send_export

bp = Blueprint("actors", __name__, url_prefix="/acteurs")
VIEWS = {"organisateurs": "organisers", "partagee": "participants"}


def read_filters(scope: directory.Scope) -> directory.Filters:
    """The directory's query parameters, each kept only when it names a known choice."""
    workshops = directory.scope_workshops(scope)
    args = request.args
    territory, actor_type = args.get("territoire", ""), args.get("acteur", "")
    theme, code = args.get("theme", ""), args.get("atelier", "")
    return directory.Filters(
        text=args.get("q", "").strip()[:200],
        territory=territory if territory in {k for k, _ in TERRITORY_CHOICES} else "",
        actor_type=actor_type if actor_type in {k for k, _ in ACTOR_CHOICES} else "",
        theme=theme if theme in directory.themes_of(workshops) else "",
        workshop=code if code in {w.code for w in workshops} else "")


def filter_args(filters: directory.Filters) -> dict:
    args = {"q": filters.text, "territoire": filters.territory, "acteur": filters.actor_type,
            "theme": filters.theme, "atelier": filters.workshop}
    return {key: value for key, value in args.items() if value}


@bp.get("/")
@login_required
def index():
    audience = VIEWS.get(request.args.get("vue", ""), "organisers")
    scope = directory.user_scope(current_user, audience)
    filters = read_filters(scope)
    profiles = directory.filter_profiles(directory.load_profiles(scope), filters)
    workshops = directory.scope_workshops(scope)
    return render_template(
        "actors/index.html", profiles=profiles, filters=filters, audience=audience,
        structures=directory.structures(profiles), workshops=workshops,
        themes=directory.themes_of(workshops), territories=TERRITORY_CHOICES,
        actor_choices=ACTOR_CHOICES, export_args=filter_args(filters),
        proposal_count=len(actor_proposals.proposals(current_user)))


def shared_profiles() -> list[directory.Profile]:
    scope = directory.user_scope(current_user, "participants")
    return directory.filter_profiles(directory.load_profiles(scope), read_filters(scope))


@bp.get("/annuaire.vcf")
@login_required
def vcard():
    """Shared: only people whose strictest consent allows the shared address book."""
    return send_export(directory_exports.export_directory_vcards(shared_profiles(),
                                                                 choice_label))


@bp.get("/annuaire.csv")
@login_required
def csv():
    return send_export(directory_exports.export_directory_csv(shared_profiles(), choice_label))


@bp.get("/<int:actor_id>")
@login_required
def actor(actor_id: int):
    scope = directory.user_scope(current_user)
    profile = directory.profile_of(scope, actor_id)
    if profile is None:
        abort(404)
    return render_template("actors/actor.html", profile=profile,
                           contributions=contributions.contributions(profile),
                           may_change=actors.may_change(current_user, [actor_id]))


@bp.post("/<int:actor_id>/separer")
@login_required
def split(actor_id: int):
    visible_or_404(actor_id)
    ids = [int(v) for v in request.form.getlist("participation") if v.isdigit()]
    try:
        change = actors.split(current_user, actor_id, ids)
    except actors.ActorError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("actors.actor", actor_id=actor_id))
    flash(_("Fiche séparée en deux : vous pouvez annuler depuis le journal."), "success")
    return redirect(url_for("actors.actor", actor_id=change.other_id))


@bp.post("/<int:actor_id>/fusionner")
@login_required
def merge_with(actor_id: int):
    """Merge with another actor given by its number (both must be visible)."""
    visible_or_404(actor_id)
    other = request.form.get("other", "").strip().lstrip("#")
    if not other.isdigit() or directory.profile_of(directory.user_scope(current_user),
                                                   int(other)) is None:
        flash(_("Fiche introuvable : donnez le numéro d’une fiche de l’annuaire."), "error")
        return redirect(url_for("actors.actor", actor_id=actor_id))
    return do_merge(actor_id, int(other))


def visible_or_404(actor_id: int) -> None:
    if directory.profile_of(directory.user_scope(current_user), actor_id) is None:
        abort(404)


def do_merge(first: int, second: int):
    try:
        change = actors.merge(current_user, first, second)
    except actors.ActorError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("actors.proposals"))
    flash(_("Fiches fusionnées : vous pouvez annuler depuis le journal."), "success")
    return redirect(url_for("actors.actor", actor_id=change.actor_id))


@bp.get("/rapprochements")
@login_required
def proposals():
    return render_template("actors/proposals.html",
                           proposals=actor_proposals.proposals(current_user))


@bp.post("/rapprochements")
@login_required
def decide():
    first, second = request.form.get("first", ""), request.form.get("second", "")
    if not (first.isdigit() and second.isdigit()):
        abort(400)
    for actor_id in (int(first), int(second)):
        visible_or_404(actor_id)
    if request.form.get("action") == "merge":
        return do_merge(int(first), int(second))
    try:
        actors.mark_distinct(current_user, int(first), int(second))
    except actors.ActorError as error:
        flash(error.translated(_), "error")
    else:
        flash(_("Noté : ce ne sont pas les mêmes personnes."), "success")
    return redirect(url_for("actors.proposals"))


@bp.get("/journal")
@login_required
def journal():
    return render_template("actors/journal.html", lines=actor_proposals.journal(current_user))


@bp.post("/journal/<int:change_id>/annuler")
@login_required
def undo(change_id: int):
    if change_id not in {line.change.id for line in actor_proposals.journal(current_user)}:
        abort(404)
    try:
        actors.undo(current_user, change_id)
    except actors.ActorError as error:
        flash(error.translated(_), "error")
    else:
        flash(_("Modification annulée."), "success")
    return redirect(url_for("actors.journal"))
