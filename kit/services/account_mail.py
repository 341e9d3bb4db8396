"""E-mails about accounts: an invitation to a workshop, a password-reset link.

Links come from ``PUBLIC_URL`` (kit.services.links). Sending never raises; the outcome
("sent", "failed", "not_configured") is returned for the page to word.
"""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _

from kit.i18n import N_
from kit.services import mail

SUBJECTS = {
    "invitation": N_("Invitation à l’atelier %(title)s"),
    "reset": N_("Choisir un nouveau mot de passe"),
    "account": N_("Votre compte Atelier Kit"),
}


def send_account_mail(kind: str, to: str, link: str, **context) -> str:
    """Send the ``kind`` e-mail (a key of SUBJECTS, body ``accounts/email_<kind>.txt``)."""
    body = render_template(f"accounts/email_{kind}.txt", link=link, **context)
    title = context["workshop"].title if "workshop" in context else ""
    message = mail.build_message(current_app.config, to, _(SUBJECTS[kind], title=title), body)
    return mail.send(current_app.config, message)
