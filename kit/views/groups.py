"""Action groups, the organisers' side (issue 10, point 4): every group with its last sign of
life, each group's page (texts, status, members from the sheet to confirm, the referent and
their edit link), and the follow-up reminders. The public and referent pages are in
kit.views.group_pages."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session
from flask import url_for as flask_url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from kit.forms.groups import GroupForm
from kit.i18n import N_
from kit.models import ActionGroup, Workshop
from kit.services import group_links, group_mail, group_pages, groups, mail
from kit.services.links import public_url_for
from kit.views.common import EDIT, VIEW, workshop_or_404

bp = Blueprint("groups", __name__)
PREFIX = "/ateliers/<code>/groupes"
SHOWN_KEY = "referent_link_shown"  # group id -> the secret made by this browser, shown once
MAIL_FLASHES = {
    "sent": (N_("Le lien a été envoyé par e-mail à la personne référente."), "success"),
    "failed": (N_("L’e-mail n’est pas parti : le serveur de messagerie l’a refusé."), "error"),
    "not_configured": (N_("Aucun serveur d’e-mail n’est configuré : copiez le lien ci-dessous "
                        "et transmettez-le vous-même."), "info"),
    "nobody": (N_("La personne référente n’a pas d’adresse e-mail : transmettez-lui le lien "
                "vous-même."), "info"),
}


def group_or_404(workshop: Workshop, action_id: int) -> ActionGroup:
    group = group_pages.get_group(workshop, action_id)
    if group is None:
        abort(404)
    return group


def back_to(group: ActionGroup, anchor: str | None = None):
    return redirect(flask_url_for("groups.show", code=group.workshop.code, action_id=group.id,
                                  _anchor=anchor))


@bp.get(f"{PREFIX}/")
@login_required
def index(code: str):
    workshop = workshop_or_404(code, VIEW)
    days = current_app.config["GROUP_REMINDER_DAYS"]
    return render_template("groups/index.html", workshop=workshop, days=days,
                           groups=group_pages.workshop_groups(workshop),
                           due={g.id for g in group_pages.due_reminders(days, workshop)},
                           quiet_days=group_pages.quiet_days,
                           seed_count=len(groups.results.seeds(workshop)))


@bp.post(f"{PREFIX}/depuis-graines")
@login_required
def create_from_seeds(code: str):
    workshop = workshop_or_404(code, EDIT)
    created = groups.create_from_seeds(workshop)
    flash(ngettext("%(num)s groupe créé à partir des graines de projet.",
                   "%(num)s groupes créés à partir des graines de projet.", created)
          if created else _("Chaque graine de projet lue a déjà son groupe."),
          "success" if created else "info")
    return redirect(flask_url_for("groups.index", code=code))


@bp.post(f"{PREFIX}/relances")
@login_required
def remind_all(code: str):
    """Send the follow-up to the referent of every group that is due one."""
    workshop = workshop_or_404(code, EDIT)
    due = group_pages.due_reminders(current_app.config["GROUP_REMINDER_DAYS"], workshop)
    if not mail.is_configured(current_app.config):
        flash(_("Aucun serveur d’e-mail n’est configuré : aucune relance n’est partie."), "error")
    else:
        sent = [group_mail.send_reminder(group) for group in due].count("sent")
        flash(ngettext("%(num)s relance envoyée sur %(due)s.",
                       "%(num)s relances envoyées sur %(due)s.", sent, due=len(due)),
              "success" if sent == len(due) else "error")
    return redirect(flask_url_for("groups.index", code=code))


@bp.get(f"{PREFIX}/<int:action_id>")
@login_required
def show(code: str, action_id: int):
    workshop = workshop_or_404(code, VIEW)
    group = group_or_404(workshop, action_id)
    form = GroupForm(data=group_data(group))
    secret = session.get(SHOWN_KEY, {}).pop(str(group.id), None)
    if secret:
        session.modified = True
    link = group_links.current_link(group)
    return render_template(
        "groups/show.html", workshop=workshop, group=group, form=form, link=link,
        link_url=public_url_for("group_pages.referent", token=secret) if secret else None,
        public_url=public_url_for("group_pages.page", public_id=group.public_id),
        participants=workshop.participants, view=group_pages.public_view(group),
        display_name=groups.display_name, member_email=groups.member_email,
        afternoon=groups.afternoon_group_of_card(group.card_id),
        quiet=group_pages.quiet_days(group))


def group_data(group: ActionGroup) -> dict:
    return {name: getattr(group, name) for name in (
        "title", "needs", "plan", "first_step", "next_meeting", "status", "is_open")}


@bp.post(f"{PREFIX}/<int:action_id>")
@login_required
def update(code: str, action_id: int):
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, action_id)
    form = GroupForm()
    if not form.validate():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return back_to(group)
    groups.update_group(group, form.values())
    flash(_("Groupe enregistré."), "success")
    return back_to(group)


@bp.post(f"{PREFIX}/<int:action_id>/membres")
@login_required
def member_action(code: str, action_id: int):
    """Confirm a person of the sheet (with the participant they are), make them the referent,
    or remove them."""
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, action_id)
    member = groups.member_of(group, request.form.get("member_id", type=int))
    if member is None:
        abort(404)
    action = request.form.get("action")
    if action == "confirm":
        groups.confirm_member(member, request.form.get("participant_id", type=int))
        flash(_("Membre confirmé·e."), "success")
    elif action == "referent":
        revoked = groups.set_referent(group, member)
        flash(_("Référent·e choisi·e. Créez son lien personnel ci-dessous."), "success")
        if revoked:
            flash(_("Le lien de l’ancienne personne référente ne fonctionne plus."), "success")
    elif action == "remove":
        revoked = groups.remove_member(member)
        flash(_("Personne retirée du groupe."), "success")
        if revoked:
            flash(_("Son lien de personne référente ne fonctionne plus."), "success")
    return back_to(group, "membres")


@bp.post(f"{PREFIX}/<int:action_id>/membres/ajouter")
@login_required
def add_member(code: str, action_id: int):
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, action_id)
    name = request.form.get("name", "").strip()
    if not name:
        flash(_("Indiquez au moins un nom."), "error")
    else:
        groups.add_member(group, name, request.form.get("email", ""))
        flash(_("Membre ajouté·e."), "success")
    return back_to(group, "membres")


@bp.post(f"{PREFIX}/<int:action_id>/lien")
@login_required
def create_link(code: str, action_id: int):
    """A new edit link for the referent (the previous one stops working), mailed to them."""
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, action_id)
    if group.referent is None:
        flash(_("Choisissez d’abord la personne référente parmi les membres."), "error")
        return back_to(group, "referent")
    created = group_links.create_link(group, current_app.config["GROUP_LINK_DAYS"])
    shown = dict(session.get(SHOWN_KEY, {}))
    shown[str(group.id)] = created.secret
    session[SHOWN_KEY] = dict(list(shown.items())[-5:])
    message, category = MAIL_FLASHES[group_mail.send_referent_link(group, created.secret)]
    flash(_(message), category)
    return back_to(group, "referent")


@bp.post(f"{PREFIX}/<int:action_id>/lien/revoquer")
@login_required
def revoke_link(code: str, action_id: int):
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, action_id)
    group_links.revoke_links(group)
    flash(_("Lien révoqué : il n’ouvre plus rien."), "success")
    return back_to(group, "referent")


@bp.post(f"{PREFIX}/<int:action_id>/relance")
@login_required
def remind(code: str, action_id: int):
    workshop = workshop_or_404(code, EDIT)
    group = group_or_404(workshop, action_id)
    status = group_mail.send_reminder(group)
    flash(*{"sent": (_("Relance envoyée à la personne référente, avec un nouveau lien."),
                     "success"),
            "failed": (_("L’e-mail n’est pas parti : le serveur de messagerie l’a refusé."),
                       "error"),
            "not_configured": (_("Aucun serveur d’e-mail n’est configuré : aucune relance "
                                 "n’est partie."), "error"),
            "nobody": (_("Pas de personne référente avec une adresse e-mail : rien n’est "
                         "parti."), "error")}[status])
    return back_to(group, "referent")
