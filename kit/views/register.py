"""Public registration (no account): the workshop's page, then the person's own secret link.

The secret-link pages are never cached nor sent as a referrer. Registering again with the
same e-mail updates that registration only from the browser that made it (or the same form
posted twice); from anywhere else it changes nothing but the personal link, renewed and sent
by e-mail to the address's owner.
"""
from __future__ import annotations

from babel.dates import get_timezone
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from kit.extensions import config_limit, limiter
from kit.forms.registration import QuestionnaireForm, RegistrationForm
from kit.models import Registration
from kit.models.base import utc_now
from kit.services import mail, prediagnostic, registrations
from kit.services.calendar import workshop_ics
from kit.services.links import public_url_for
from kit.services.prediagnostic import CATEGORY_INFO
from kit.services.registration_mail import personal_link, send_claim_mail, send_registration_mail
from kit.services.upload_links import hash_token
from kit.views.common import public_workshop_or_404

bp = Blueprint("register", __name__)
OWNED_KEY = "inscriptions"  # session: personal tokens of the registrations made from this browser
MAX_OWNED = 20


def post_limit() -> str:
    return current_app.config["REGISTRATION_RATE_LIMIT"]


@bp.after_request
def keep_private(response: Response) -> Response:
    if request.view_args and "token" in request.view_args:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex"
    return response


def remember(secret: str) -> None:
    owned = [t for t in session.get(OWNED_KEY, []) if t != secret]
    session[OWNED_KEY] = (owned + [secret])[-MAX_OWNED:]


def owned_secret(registration: Registration) -> str | None:
    """The personal link's secret if this browser made the registration (the database keeps
    only its hash). By token, not id: once renewed, an earlier browser owns nothing any more."""
    for secret in session.get(OWNED_KEY, []):
        if isinstance(secret, str) and hash_token(secret) == registration.token:
            return secret
    return None


def open_workshop_or_404(code: str):
    workshop = public_workshop_or_404(code)
    today = registrations.local_today()
    state = registrations.registration_state(workshop, today)
    if state == "disabled":  # the organiser has not published registration for it
        abort(404)
    return workshop, state


@bp.route("/inscription/<code>/", methods=["GET", "POST"])
@limiter.limit(post_limit, methods=["POST"])
def workshop_page(code: str):
    workshop, state = open_workshop_or_404(code)
    form = RegistrationForm()
    if form.is_submitted() and form.website.data:
        # the hidden field is filled: a bot. Nothing is stored; the answer gives nothing away.
        return render_template("register/received.html", workshop=workshop)
    if form.is_submitted() and state != "open":
        flash(_("Les inscriptions ne sont pas ouvertes : rien n’a été enregistré."), "error")
    elif form.validate_on_submit():
        return complete(workshop, form)
    if not form.is_submitted():
        form.nonce.data = registrations.new_nonce()
    return render_template("register/workshop.html", workshop=workshop, form=form, state=state,
                           last_day=registrations.last_day(workshop),
                           is_full=registrations.is_full(workshop),
                           mail_configured=mail.is_configured(current_app.config))


def complete(workshop, form: RegistrationForm):
    """After a valid post: the new or updated registration's page, or a neutral one.

    An e-mail already registered, or already given by the organisers for someone they
    imported, changes nothing: that address is sent its own link, and the page only says so
    (anyone may type anyone's e-mail into a public form).
    """
    existing = registrations.find_by_email(workshop, form.email.data)
    same_form = existing is not None and registrations.find_by_nonce(
        workshop, form.nonce.data, form.email.data) is existing
    secret = owned_secret(existing) if existing is not None else None
    if existing is not None and not (secret or same_form):
        # The address's owner gets a fresh link; whoever registered it before them (perhaps
        # not its owner: nobody proves an e-mail on a public form) loses theirs.
        registrations.renew_token_by_mail(
            existing, lambda registration, new: send_registration_mail(registration, "reminder",
                                                                       new))
        return redirect(url_for("register.updated", code=workshop.code))
    if existing is None or existing.participant_id is None:
        # the organisers entered this address: only the link mailed to it joins a registration
        # to that person (even one this browser made before they did, cancelled or waiting)
        person = registrations.claimable_participant(workshop, form.email.data)
        if person is not None:
            send_claim_mail(workshop, person)
            return redirect(url_for("register.updated", code=workshop.code))
    outcome = registrations.register(workshop, form.values(), form.nonce.data)
    registration = outcome.registration
    secret = outcome.secret or secret
    if secret is None:  # the same form posted again by a browser without the first answer
        return redirect(url_for("register.updated", code=workshop.code))
    remember(secret)
    if not outcome.repeated:
        send_registration_mail(registration, "confirmation" if outcome.created else "update",
                               secret)
        flash(_("Merci, votre inscription est enregistrée.") if outcome.created
              else _("Votre inscription est mise à jour."), "success")
    return redirect(url_for("register.personal", token=secret))


@bp.route("/inscription/<code>/retrouver/<token>", methods=["GET", "POST"])
@limiter.limit(post_limit, methods=["POST"])
def claim(code: str, token: str):
    """The link mailed to a person the organisers had imported: joining their registration to
    that participant needs it (a GET only shows the button: mail scanners open links)."""
    workshop, _state = open_workshop_or_404(code)
    person = registrations.participant_from_claim(workshop, token)
    if person is None:
        abort(Response(render_template("register/unknown_link.html"), status=404))
    if request.method == "POST":
        _registration, secret = registrations.claim_participant(person)
        remember(secret)
        flash(_("Votre inscription est retrouvée : vérifiez et complétez vos informations."),
              "success")
        return redirect(url_for("register.personal", token=secret))
    return render_template("register/claim.html", workshop=workshop, person=person)


@bp.get("/inscription/<code>/mise-a-jour")
def updated(code: str):
    workshop, _state = open_workshop_or_404(code)
    return render_template("register/updated.html", workshop=workshop,
                           mail_configured=mail.is_configured(current_app.config))


@bp.get("/inscription/<code>/atelier.ics")
def calendar(code: str):
    workshop, _state = open_workshop_or_404(code)
    if workshop.date is None:
        abort(404)
    data = workshop_ics(
        uid=f"{workshop.code}@atelier-kit", title=workshop.title, day=workshop.date,
        start=workshop.start_time, end=workshop.end_time, place=workshop.place,
        description=workshop.theme, now=utc_now(),
        url=public_url_for("register.workshop_page", code=workshop.code),
        zone=get_timezone(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    return Response(data, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{workshop.code}.ics"'})


# --- the person's own pages, through the secret link ----------------------------------------

def registration_or_404(token: str) -> Registration:
    registration = registrations.find_by_token(token)
    if registration is None:
        abort(Response(render_template("register/unknown_link.html"), status=404))
    return registration


@bp.get("/mon-inscription/<token>/")
def personal(token: str):
    registration = registration_or_404(token)
    return render_template(
        "register/personal.html", registration=registration, workshop=registration.workshop,
        token=token, link=personal_link(token),
        position=registrations.waiting_position(registration),
        editable=registrations.is_editable(registration, registrations.local_today()),
        answers=prediagnostic.answers_by_category(registration), categories=CATEGORY_INFO,
        mail_configured=mail.is_configured(current_app.config))


def editable_or_redirect(registration: Registration, token: str):
    """None when the person may still change things, else the redirect to their page."""
    if registrations.is_editable(registration, registrations.local_today()):
        return None
    flash(_("Cette inscription ne peut plus être modifiée."), "error")
    return redirect(url_for("register.personal", token=token))


@bp.route("/mon-inscription/<token>/modifier", methods=["GET", "POST"])
@limiter.limit(post_limit, methods=["POST"])
def edit(token: str):
    registration = registration_or_404(token)
    refused = editable_or_redirect(registration, token)
    if refused:
        return refused
    form = RegistrationForm(obj=registration)
    if not form.is_submitted():
        form.territory.data = registration.territory or ""
        form.actor_type.data = registration.actor_type or ""
    if form.validate_on_submit():
        try:
            registrations.update_identity(registration, form.values())
        except registrations.RegistrationError:
            form.email.errors.append(_("Cette adresse e-mail est déjà utilisée pour une autre "
                                       "inscription à cet atelier."))
        else:
            flash(_("Vos informations sont enregistrées."), "success")
            return redirect(url_for("register.personal", token=token))
    return render_template("register/edit.html", registration=registration, token=token,
                           workshop=registration.workshop, form=form)


@bp.route("/mon-inscription/<token>/questionnaire", methods=["GET", "POST"])
@limiter.limit(config_limit("QUESTIONNAIRE_RATE_LIMIT"), methods=["POST"])
def questionnaire(token: str):
    registration = registration_or_404(token)
    refused = editable_or_redirect(registration, token)
    if refused:
        return refused
    if request.method == "GET":
        form = QuestionnaireForm(data=prediagnostic.answers_by_category(registration))
    else:
        form = QuestionnaireForm()
    add = request.form.get("ajouter")
    if form.validate_on_submit():
        prediagnostic.replace_answers(registration, form.entries())
        if add not in CATEGORY_INFO:
            flash(_("Merci ! Vos réponses sont enregistrées."), "success")
            return redirect(url_for("register.personal", token=token))
        form = QuestionnaireForm(formdata=None,
                                 data=prediagnostic.answers_by_category(registration))
    form.pad(extra_for=add if add in CATEGORY_INFO and not form.errors else None)
    return render_template("register/questionnaire.html", registration=registration, token=token,
                           workshop=registration.workshop, form=form,
                           max_chars=prediagnostic.MAX_ENTRY_CHARS,
                           max_rows=prediagnostic.MAX_ENTRIES_PER_CATEGORY)


@bp.route("/mon-inscription/<token>/annuler", methods=["GET", "POST"])
@limiter.limit(post_limit, methods=["POST"])
def cancel(token: str):
    registration = registration_or_404(token)
    refused = editable_or_redirect(registration, token)
    if refused:
        return refused
    if request.method == "POST":
        for promoted in registrations.cancel(registration):
            send_registration_mail(promoted, "promoted")
        flash(_("Votre inscription est annulée. Merci de nous avoir prévenus."), "success")
        return redirect(url_for("register.personal", token=token))
    return render_template("register/cancel.html", registration=registration, token=token,
                           workshop=registration.workshop)
