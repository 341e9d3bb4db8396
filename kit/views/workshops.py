"""Workshops: list, create, edit, and the workshop page with its kit."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from kit.forms.workshops import WorkshopForm
from kit.services import cockpit, kit_jobs, kits, members, upload_links, workshops
from kit.views.common import VIEW, workshop_or_404

bp = Blueprint("workshops", __name__, url_prefix="/ateliers")
KIT_REFRESH_S = 5  # without JavaScript, while the kit is drawn (4-8 s for 300 packs)


@bp.get("/")
@login_required
def index():
    return render_template("workshops/index.html",
                           workshops=members.user_workshops(current_user),
                           counts=workshops.participant_counts())


@bp.route("/nouveau", methods=["GET", "POST"])
@login_required
def create():
    form = WorkshopForm()
    if form.validate_on_submit():
        try:
            workshop = workshops.create_workshop(form.values(), created_by=current_user)
        except workshops.WorkshopError as error:
            form.code.errors.append(error.translated(_))
        else:
            flash(_("Atelier %(code)s créé.", code=workshop.code), "success")
            return redirect(url_for("workshops.show", code=workshop.code))
    return render_template("workshops/edit.html", form=form, workshop=None)


@bp.route("/<code>/modifier", methods=["GET", "POST"])
@login_required
def edit(code: str):
    workshop = workshop_or_404(code)
    form = WorkshopForm(obj=workshop)
    if not form.is_submitted():
        form.fill_packs(workshop.pack_counts or {})
    if form.validate_on_submit():
        try:
            workshops.update_workshop(workshop, form.values())
        except workshops.WorkshopError as error:
            form.code.errors.append(error.translated(_))
        else:
            flash(_("Atelier enregistré."), "success")
            return redirect(url_for("workshops.show", code=workshop.code))
    return render_template("workshops/edit.html", form=form, workshop=workshop)


def restitution_url(workshop) -> str:
    """Where the team publishes the restitution: its preview with the publish switch."""
    return url_for("results.restitution_preview", code=workshop.code)


@bp.get("/<code>/")
@login_required
def show(code: str):
    workshop = workshop_or_404(code, VIEW)
    files = kits.stored_files(current_app.config["KIT_DIR"], workshop)
    return render_template("workshops/show.html", workshop=workshop, files=files,
                           upload_links=upload_links.workshop_links(workshop),
                           cockpit=cockpit.workshop_cockpit(workshop),
                           restitution_url=restitution_url(workshop),
                           participant_count=len(workshop.participants),
                           kit_active=kit_jobs.is_active(workshop), kit_refresh_s=KIT_REFRESH_S)
