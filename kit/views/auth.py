"""Organiser log-in (throttled), log-out, and the password reset by e-mail link."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from kit import tasks
from kit.extensions import client_address, config_limit, limiter
from kit.forms.auth import ForgotPasswordForm, LoginForm, NewPasswordForm
from kit.services import mail, throttle, users
from kit.views.common import safe_next

bp = Blueprint("auth", __name__)


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email, address = form.email.data, client_address()
        if throttle.is_throttled(email, address):
            return render_template("errors/rate_limited.html"), 429
        user = users.authenticate(email, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next"), url_for("main.index")))
        throttle.record_failure(email, address)
        flash(_("E-mail ou mot de passe incorrect."), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/deconnexion")
@login_required
def logout():
    logout_user()
    # the cookie is signed, not encrypted: the volunteer and referent links' secrets it remembers
    # (and any link in a pending flash message) must not outlive the session; only the language
    # chosen stays
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    flash(_("Vous êtes déconnecté·e."), "info")
    return redirect(safe_next(request.args.get("next"), url_for("auth.login")))


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@limiter.limit(config_limit("PASSWORD_RESET_RATE_LIMIT"), methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        # queued for every address, known or not, and sent by the worker: the same answer in
        # the same time whether the account exists or not
        tasks.enqueue_reset_mail(form.email.data, str(get_locale()))
        flash(_("Si un compte existe pour cette adresse, un lien pour choisir un nouveau mot "
                "de passe vient de lui être envoyé."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form,
                           mail_configured=mail.is_configured(current_app.config))


@bp.route("/mot-de-passe/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = users.user_from_reset_token(token)
    if user is None:
        abort(404)
    form = NewPasswordForm()
    if form.validate_on_submit():
        users.set_password(user, form.password.data)  # every other session ends (its stamp)
        throttle.forgive(user.email, client_address())
        logout_user()
        login_user(user)  # the link proved the mailbox: in, even if log-in was throttled
        flash(_("Mot de passe changé : vous êtes connecté·e, et vos autres sessions sont "
                "fermées."), "success")
        return redirect(url_for("main.index"))
    return render_template("auth/reset.html", form=form)
