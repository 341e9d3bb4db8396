"""The instance administrator's page: the accounts, and a new account mailed a link where its
owner chooses a password. An administrator sees no workshop he is not a member of."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from kit.extensions import db
from kit.forms.auth import NewUserForm
from kit.models import User
from kit.services import users
from kit.services.account_mail import send_account_mail
from kit.services.links import public_url_for

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/comptes", methods=["GET", "POST"])
@login_required
def accounts():
    if not current_user.is_admin:
        abort(403)
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user, token = users.create_account(form.email.data, form.name.data)
        except users.UserError:
            form.email.errors.append(_("Un compte existe déjà pour cette adresse, ou elle est "
                                       "invalide."))
        else:
            link = public_url_for("auth.reset_password", token=token)
            status = send_account_mail("account", user.email, link,
                                       days=users.NEW_ACCOUNT_DAYS)
            if status == "sent":
                flash(_("Compte créé : %(email)s a reçu un lien pour choisir son mot de passe.",
                        email=user.email), "success")
            else:  # no mail server: the administrator passes the link on
                flash(_("Compte créé, mais l’e-mail n’a pas pu partir : transmettez vous-même "
                        "ce lien à %(email)s : %(link)s", email=user.email, link=link), "error")
            return redirect(url_for("admin.accounts"))
    people = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("admin/accounts.html", form=form, people=people,
                           mail_configured=bool(current_app.config.get("MAIL_SERVER")))
