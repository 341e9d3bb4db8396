"""The e-mails of online registration: confirmation, update, a seat freed from the waiting list,
a reminder of one's link, the link that lets an imported person claim their place.

Bodies are plain-text Jinja templates (``register/email_<kind>.txt``, not HTML-escaped: the
message is text/plain). The outcome is stored on the registration, so the person's page can
say whether the e-mail left, failed, or could not be sent because no server is configured.
"""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _

from kit.i18n import N_
from kit.models import Participant, Registration, Workshop
from kit.services import mail, registrations
from kit.services.links import public_url_for

SUBJECTS = {
    "confirmation": N_("Inscription enregistrée : %(title)s"),
    "update": N_("Inscription mise à jour : %(title)s"),
    "promoted": N_("Une place s’est libérée : %(title)s"),
    # someone registered again with this address: nothing changed, here is the link
    "reminder": N_("Votre lien d’inscription : %(title)s"),
    "claim": N_("Retrouvez votre inscription : %(title)s"),
}


def personal_link(secret: str) -> str:
    return public_url_for("register.personal", token=secret)


def send_registration_mail(registration: Registration, kind: str,
                           secret: str | None = None) -> str:
    """Send the ``kind`` e-mail (a key of SUBJECTS); record and return the outcome.

    Only the hash of the personal link is stored: the link is in the mail when this request
    knows its ``secret`` (it made or used it); otherwise (a seat freed while someone else
    cancelled) the mail says to use the link received before."""
    workshop = registration.workshop
    body = render_template(f"register/email_{kind}.txt", registration=registration,
                           workshop=workshop, link=personal_link(secret) if secret else None,
                           position=registrations.waiting_position(registration),
                           ics_link=public_url_for("register.calendar", code=workshop.code))
    subject = _(SUBJECTS[kind], title=workshop.title)
    message = mail.build_message(current_app.config, registration.email, subject, body)
    status = mail.send(current_app.config, message)
    if kind != "reminder":  # a reminder asked by anyone changes nothing, not even this
        registrations.record_mail(registration, status)
    return status


def send_claim_mail(workshop: Workshop, person: Participant) -> str:
    """To a person the organisers imported: the link that joins a registration to them."""
    link = public_url_for("register.claim", code=workshop.code,
                          token=registrations.claim_token(person))
    body = render_template("register/email_claim.txt", person=person, workshop=workshop,
                           link=link, days=registrations.CLAIM_DAYS)
    subject = _(SUBJECTS["claim"], title=workshop.title)
    message = mail.build_message(current_app.config, person.email or "", subject, body)
    return mail.send(current_app.config, message)
