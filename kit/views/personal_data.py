"""One person's data (RGPD): export as JSON and vCard, and erasure, from the organisers'
participant page and from the person's own registration link."""
from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from kit.models import Participant
from kit.services import personal_data, registrations
from kit.services.personal_data import Person
from kit.views.common import owned_or_404, workshop_or_404

bp = Blueprint("personal_data", __name__)
ORGANISER = "/ateliers/<code>/participants/<int:pid>"
OWN = "/mon-inscription/<token>"


def participant_person(code: str, pid: int) -> Person:
    person = owned_or_404(Participant, pid, workshop_or_404(code))
    return personal_data.person_of_participant(person)


def own_person(token: str) -> Person:
    registration = registrations.find_by_token(token)
    if registration is None:
        abort(404)
    return personal_data.person_of_registration(registration)


def json_download(person: Person) -> Response:
    body = json.dumps(personal_data.export_json(person), ensure_ascii=False, indent=2)
    return download(body.encode("utf-8"), "application/json; charset=utf-8", "json", person)


def vcard_download(person: Person) -> Response:
    return download(personal_data.export_vcard(person), "text/vcard; charset=utf-8", "vcf",
                    person)


def download(data: bytes, content_type: str, suffix: str, person: Person) -> Response:
    name = f"{person.workshop.code}-donnees-personnelles.{suffix}"
    return Response(data, content_type=content_type, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


def erase_and_say(person: Person, delete: bool = False) -> None:
    erase = personal_data.delete_participant if delete else personal_data.erase
    done = erase(person, current_app.config["CROPS_DIR"])
    flash(_("Données effacées : %(values)s, %(images)s, %(answers)s.",
            values=ngettext("%(num)s valeur lue", "%(num)s valeurs lues", done.values),
            images=ngettext("%(num)s image", "%(num)s images", done.images),
            answers=ngettext("%(num)s réponse au questionnaire",
                             "%(num)s réponses au questionnaire", done.answers)), "success")


@bp.get(f"{ORGANISER}/donnees.json")
@login_required
def participant_json(code: str, pid: int):
    return json_download(participant_person(code, pid))


@bp.get(f"{ORGANISER}/donnees.vcf")
@login_required
def participant_vcard(code: str, pid: int):
    return vcard_download(participant_person(code, pid))


@bp.route(f"{ORGANISER}/effacer", methods=["GET", "POST"])
@login_required
def participant_erase(code: str, pid: int):
    person = participant_person(code, pid)
    if request.method == "POST":
        erase_and_say(person, delete=True)
        return redirect(url_for("participants.index", code=code))
    return render_template("personal_data/erase.html", person=person, workshop=person.workshop,
                           action=url_for("personal_data.participant_erase", code=code, pid=pid),
                           own=False, back=url_for("participants.edit", code=code, pid=pid))


@bp.get(f"{OWN}/donnees.json")
def own_json(token: str):
    return json_download(own_person(token))


@bp.get(f"{OWN}/donnees.vcf")
def own_vcard(token: str):
    return vcard_download(own_person(token))


@bp.route(f"{OWN}/effacer", methods=["GET", "POST"])
def own_erase(token: str):
    person = own_person(token)
    if request.method == "POST":
        erase_and_say(person)
        return render_template("personal_data/erased.html", workshop=person.workshop)
    return render_template("personal_data/erase.html", person=person, workshop=person.workshop,
                           action=url_for("personal_data.own_erase", token=token), own=True,
                           token=token)

