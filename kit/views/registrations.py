"""Organiser side of online registration: the list with its waiting list, CSV, the invitation."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from kit.services import registrations
from kit.services.kits import kit_workshop
from kit.services.links import public_url_for
from kit.services.registration_export import registrations_csv
from kit.services.registration_mail import send_registration_mail
from kit.views.common import workshop_or_404
from printables.flyer import FORMATS, FlyerInfo, flyer_pdf

bp = Blueprint("registrations", __name__, url_prefix="/ateliers/<code>/inscriptions")


@bp.get("/")
@login_required
def index(code: str):
    workshop = workshop_or_404(code)
    today = registrations.local_today()
    return render_template(
        "registrations/index.html", workshop=workshop,
        grouped=registrations.list_registrations(workshop),
        state=registrations.registration_state(workshop, today),
        last_day=registrations.last_day(workshop), taken=registrations.seats_taken(workshop),
        free=registrations.free_seats(workshop),
        public_url=public_url_for("register.workshop_page", code=workshop.code))


@bp.get("/inscriptions.csv")
@login_required
def export(code: str):
    workshop = workshop_or_404(code)
    return Response(registrations_csv(workshop), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{workshop.code}-inscriptions.csv"'})


@bp.post("/liste-attente")
@login_required
def promote(code: str):
    """Give the seats freed (for instance by a larger capacity) to the waiting list."""
    workshop = workshop_or_404(code)
    promoted = registrations.promote_waiting(workshop)
    for registration in promoted:
        send_registration_mail(registration, "promoted")
    flash(ngettext("%(num)s personne de la liste d’attente inscrite.",
                   "%(num)s personnes de la liste d’attente inscrites.", len(promoted))
          if promoted else _("Aucune place libre : personne n’a changé de liste."), "info")
    return redirect(url_for("registrations.index", code=workshop.code))


@bp.get("/invitation-<paper>.pdf")
@login_required
def flyer(code: str, paper: str):
    workshop = workshop_or_404(code)
    if paper.upper() not in FORMATS:
        abort(404)
    info = FlyerInfo(
        kit_workshop(workshop),
        url=public_url_for("register.workshop_page", code=workshop.code),
        last_day=registrations.last_day(workshop), limited_seats=workshop.capacity is not None)
    return Response(
        flyer_pdf(info, paper.upper()),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": (
                f'attachment; filename="{workshop.code}-invitation-{paper.upper()}.pdf"'
            )
        },
    )
