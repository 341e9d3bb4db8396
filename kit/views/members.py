"""A workshop's members (owners only): invite by e-mail, change a role, remove; and the
invitation link, which an invited person opens to join (creating an account if needed)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from kit.forms.auth import InviteForm, NewAccountForm
from kit.models import Invitation, Membership
from kit.services import mail, members, users
from kit.services.account_mail import send_account_mail
from kit.services.links import public_url_for
from kit.views.common import MANAGE, owned_or_404, workshop_or_404

bp = Blueprint("members", __name__)


@bp.route("/ateliers/<code>/membres", methods=["GET", "POST"])
@login_required
def index(code: str):
    workshop = workshop_or_404(code, MANAGE)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation, token = members.invite(workshop, form.email.data, form.role.data,
                                               current_user)
        except members.MemberError as error:
            form.email.errors.append(error.translated(_))
        else:
            link = public_url_for("members.join", token=token)
            status = send_account_mail("invitation", invitation.email, link,
                                       workshop=workshop, invitation=invitation,
                                       inviter=current_user, days=members.INVITATION_DAYS)
            flash_invitation(invitation.email, status, link)
            return redirect(url_for("members.index", code=workshop.code))
    return render_template("members/index.html", workshop=workshop, form=form,
                           members=members.list_members(workshop),
                           invitations=members.pending_invitations(workshop),
                           mail_configured=mail.is_configured(current_app.config))


def flash_invitation(email: str, status: str, link: str) -> None:
    if status == "sent":
        flash(_("Invitation envoyée à %(email)s.", email=email), "success")
    else:  # no mail server: the owner passes the link on by hand
        flash(_("L’e-mail n’a pas pu partir : transmettez vous-même ce lien à %(email)s : "
                "%(link)s", email=email, link=link), "error")


@bp.post("/ateliers/<code>/membres/<int:member_id>")
@login_required
def change(code: str, member_id: int):
    workshop = workshop_or_404(code, MANAGE)
    member = owned_or_404(Membership, member_id, workshop)
    try:
        if request.form.get("action") == "remove":
            members.remove_member(workshop, member)
            flash(_("Membre retiré·e."), "success")
        else:
            members.add_member(workshop, member.user, request.form.get("role", ""))
            flash(_("Rôle changé."), "success")
    except members.MemberError as error:
        flash(error.translated(_), "error")
    return redirect(url_for("members.index", code=workshop.code))


@bp.post("/ateliers/<code>/membres/invitations/<int:invitation_id>/retirer")
@login_required
def withdraw(code: str, invitation_id: int):
    workshop = workshop_or_404(code, MANAGE)
    invitation = owned_or_404(Invitation, invitation_id, workshop)
    if invitation.accepted_at is not None:
        abort(404)
    members.withdraw_invitation(invitation)
    flash(_("Invitation retirée : son lien n’ouvre plus rien."), "success")
    return redirect(url_for("members.index", code=workshop.code))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def join(token: str):
    invitation = members.find_invitation(token)
    if invitation is None:
        abort(404)
    account = users.find_user(invitation.email)
    if current_user.is_authenticated:
        if current_user.email.lower() != invitation.email.lower():
            # the role goes to the invited address only, never to whoever holds the link
            return render_template("members/join.html", invitation=invitation, form=None,
                                   wrong_account=True), 403
        return accept(invitation, current_user)
    if account is not None:  # log in first, then come back here
        flash(_("Connectez-vous avec %(email)s pour accepter l’invitation.",
                email=invitation.email), "info")
        return redirect(url_for("auth.login", next=request.path))
    form = NewAccountForm()
    if form.validate_on_submit():
        # holding the link proves the address: the account is created for it
        user = users.create_user(invitation.email, form.name.data, form.password.data)
        login_user(user)
        return accept(invitation, user)
    return render_template("members/join.html", invitation=invitation, form=form)


def accept(invitation, user):
    if request.method != "POST":  # a mail scanner's GET must not spend the invitation
        return render_template("members/join.html", invitation=invitation, form=None)
    members.accept_invitation(invitation, user)
    flash(_("Vous avez rejoint l’atelier %(code)s.", code=invitation.workshop.code), "success")
    return redirect(url_for("workshops.index"))
