"""Review: the worst-first field queue, checkbox columns, the card page and the images.

Plain forms with POST/redirect/GET; ``static/js/review.js`` only adds keyboard shortcuts.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from kit.i18n import N_
from kit.models import Card, FieldValue, Workshop
from kit.services import digitise, need_review, review, ticks
from kit.views.common import REVIEW, owned_or_404, workshop_or_404
from kit.views.labels import field_text, state_label

bp = Blueprint("review", __name__, url_prefix="/ateliers/<code>/verification")

TYPED_ACTIONS = ("save", "unreadable", "empty", "printed")
INVALID_MESSAGES = {
    "email": N_("Adresse e-mail invalide : corrigez-la, ou marquez le champ « illisible »."),
    "phone": N_("Numéro de téléphone invalide : corrigez-le, ou marquez le champ « illisible »."),
    "number": N_("Un nombre entier est attendu."), "votes": N_("Un nombre entier est attendu.")}
REFUSED = N_("Valeur refusée.")


def value_or_404(workshop: Workshop, value_id: int) -> FieldValue:
    value = review.get_value(workshop, value_id)
    if value is None:
        abort(404)
    return value


@bp.get("/")
@login_required
def index(code: str):
    workshop = workshop_or_404(code, REVIEW)
    return render_template("review/index.html", workshop=workshop,
                           typed=review.progress(workshop),
                           marks=review.progress(workshop, review.MARK_KINDS),
                           mark_fields=review.mark_fields(workshop),
                           cards=review.read_cards(workshop))


@bp.get("/champs")
@login_required
def start(code: str):
    return redirect_to_next(workshop_or_404(code, REVIEW))


@bp.get("/champs/<int:value_id>")
@login_required
def field(code: str, value_id: int):
    workshop = workshop_or_404(code, REVIEW)
    return render_field(workshop, value_or_404(workshop, value_id))


def render_field(workshop: Workshop, value: FieldValue, typed: str | None = None,
                 error: str | None = None, status: int = 200):
    queue = review.review_queue(workshop)
    before, after = review.neighbours(queue, value)
    position = queue.index(value) + 1 if value in queue else None
    printed = printed_value(value)
    if typed is None:
        typed = review.prefill(value) or printed or ""
    html = render_template(
        "review/field.html", workshop=workshop, value=value, card=value.card,
        label=field_text(review.field_label(value.card.type_key, value.field_name)),
        prefill=typed, error=error, printed=printed,
        position=position, queue_length=len(queue), before=before, after=after,
        progress=review.progress(workshop))
    return html, status


@bp.post("/champs/<int:value_id>")
@login_required
def decide(code: str, value_id: int):
    workshop = workshop_or_404(code, REVIEW)
    value = value_or_404(workshop, value_id)
    action = request.form.get("action", "save")
    if action not in TYPED_ACTIONS:
        abort(400)
    typed = request.form.get("value", "")
    try:
        apply_action(value, action, typed)
    except review.ReviewError as error:
        message = _(INVALID_MESSAGES.get(str(error), REFUSED))
        return render_field(workshop, value, typed=typed, error=message, status=422)
    return redirect_to_next(workshop, value)


def printed_value(value: FieldValue) -> str | None:
    """What the kit printed in this field, if anything (the review offers to keep it)."""
    return digitise.printed_values(value.card).get(value.field_name) or None


def apply_action(value: FieldValue, action: str, typed: str) -> str:
    if action == "printed":
        return review.submit_typed(value, current_user, printed_value(value) or typed)
    if action == "unreadable":
        return review.mark_unreadable(value, current_user)
    if action == "empty":
        return review.mark_empty(value, current_user)
    return review.submit_typed(value, current_user, typed)


def redirect_to_next(workshop: Workshop, value: FieldValue | None = None):
    """To the first pending field after ``value`` (from the top without it), or the overview."""
    following = review.next_pending(review.review_queue(workshop), value)
    if following is None:
        flash(_("Tous les champs ont été vérifiés."), "success")
        return redirect(url_for("review.index", code=workshop.code))
    return redirect(url_for("review.field", code=workshop.code, value_id=following.id))


@bp.get("/champs/<int:value_id>/image")
@login_required
def crop(code: str, value_id: int):
    workshop = workshop_or_404(code, REVIEW)
    value = value_or_404(workshop, value_id)
    if not value.crop_name:
        abort(404)
    return send_from_directory(images_dir(workshop), value.crop_name, max_age=0)


@bp.get("/cases")
@login_required
def marks(code: str):
    workshop = workshop_or_404(code, REVIEW)
    fields = review.mark_fields(workshop)
    chosen = pick_mark_field(fields, request.args.get("champ", ""))
    columns = review.mark_columns(workshop, chosen.key) if chosen else {}
    online = {value.id: ticks.online_mark(value)
              for column in columns.values() for value in column}
    return render_template("review/marks.html", workshop=workshop, fields=fields,
                           chosen=chosen, columns=columns, online=online,
                           progress=review.progress(workshop, review.MARK_KINDS))


def pick_mark_field(fields: list[review.MarkField], key: str) -> review.MarkField | None:
    """The field asked for, else the first with crops left to decide, else the first."""
    for mark in fields:
        if mark.key == key:
            return mark
    return next((m for m in fields if m.pending), fields[0] if fields else None)


@bp.post("/cases/<int:value_id>")
@login_required
def set_mark(code: str, value_id: int):
    workshop = workshop_or_404(code, REVIEW)
    value = value_or_404(workshop, value_id)
    choice = request.form.get("mark", "")
    try:
        if choice == "flip":
            review.flip_mark(value, current_user)
        elif choice in (review.CHECKED, review.UNCHECKED):
            review.set_mark(value, current_user, choice == review.CHECKED)
        else:
            abort(400)
    except review.ReviewError:
        abort(400)
    key = f"{value.card.type_key}.{value.field_name}"
    return redirect(url_for("review.marks", code=workshop.code, champ=key,
                            _anchor=f"case-{value.id}"))


@bp.get("/cartes/<int:card_id>")
@login_required
def card(code: str, card_id: int):
    workshop = workshop_or_404(code, REVIEW)
    found = card_or_404(workshop, card_id)
    fields = review.card_fields(found)
    online = {item.value.id: ticks.online_mark(item.value) for item in fields if item.value}
    return render_template("review/card.html", workshop=workshop, card=found, online=online,
                           spec=found.spec, fields=fields,
                           reading=review.card_reading(found))


def card_or_404(workshop: Workshop, card_id: int) -> Card:
    return owned_or_404(Card, card_id, workshop)


@bp.get("/cartes/<int:card_id>/image")
@login_required
def card_image(code: str, card_id: int):
    workshop = workshop_or_404(code, REVIEW)
    reading = review.card_reading(card_or_404(workshop, card_id))
    sighting = reading.best_sighting if reading else None
    if sighting is None or not sighting.image_name:
        abort(404)
    return send_from_directory(images_dir(workshop), sighting.image_name, max_age=0)


def images_dir(workshop: Workshop) -> Path:
    """Crops and rectified cards live under CROPS_DIR/<WORKSHOP>/ (kit.services.sightings)."""
    return Path(current_app.config["CROPS_DIR"]) / workshop.code


# --- the lunch hour: the morning's needs and votes, on a phone (issue 11) -------------------
NEED_ACTIONS = ("save", "unreadable", "empty")


@dataclass(frozen=True)
class NeedError:
    value_id: int
    message: str
    typed: str


@bp.get("/besoins")
@login_required
def needs(code: str):
    workshop = workshop_or_404(code, REVIEW)
    return render_needs(workshop, need_review.filter_key(request.args.get("filtre", "")))


def render_needs(workshop: Workshop, key: str, error: NeedError | None = None,
                 status: int = 200):
    values = need_review.need_values(workshop, key)
    html = render_template("review/needs.html", workshop=workshop, key=key, values=values,
                           prefills={value.id: review.prefill(value) for value in values},
                           contexts=need_review.need_contexts(values), error=error,
                           counts=need_review.pending_counts(workshop),
                           progress=need_review.progress(workshop, key))
    return html, status


@bp.post("/besoins/<int:value_id>")
@login_required
def decide_need(code: str, value_id: int):
    workshop = workshop_or_404(code, REVIEW)
    value = value_or_404(workshop, value_id)
    action, key = request.form.get("action", "save"), need_review.filter_key(
        request.form.get("filtre", ""))
    if action not in NEED_ACTIONS or not need_review.is_need_value(value):
        abort(400)
    typed = request.form.get("value", "")
    queue = need_review.need_values(workshop, key)  # before the decision: to find the next
    try:
        decision = need_review.decide(value, current_user, action, typed)
    except review.ReviewError as error:
        message = _(INVALID_MESSAGES.get(str(error), REFUSED))
        return render_needs(workshop, key, NeedError(value.id, message, typed), status=422)
    flash(decision_message(value, decision), "success" if decision.by_other is None else "info")
    following = need_review.next_after(queue, value)
    remaining = [waiting for waiting in queue if waiting.id != value.id]
    # the next item heads the list once this one is gone: no need to scroll to it
    anchor = f"valeur-{following.id}" if following and following is not remaining[0] else None
    return redirect(url_for("review.needs", code=workshop.code, filtre=key, _anchor=anchor))


def decision_message(value: FieldValue, decision: need_review.Decision) -> str:
    if decision.by_other is not None:
        return _("Déjà vérifié par %(name)s : rien n’a été changé.", name=decision.by_other.name)
    what = _("Votes") if value.field_name == "votes" else _("Besoin")
    return _("%(what)s de la carte %(code)s : %(state)s.", what=what, code=value.card.code,
             state=state_label(decision.state).lower())
