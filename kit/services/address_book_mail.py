"""Mailing each participant their address-book link, in bulk (issue 10, point 3).

One message per person through the SMTP set-up (kit.services.mail). A new link replaces the
person's previous mailed one only once its message has left: a failed send changes nothing.
The outcome is kept on the link, and the whole batch is summed up for the organisers' page.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import format_date
from flask_babel import gettext as _

from kit.extensions import db
from kit.i18n import N_
from kit.models import Participant, Workshop
from kit.services import address_book, mail
from kit.services.links import public_url_for

SUBJECT = N_("Le carnet d’adresses de l’atelier : %(title)s")


@dataclass
class Summary:
    """What a batch did: people reached, failures, people without an e-mail (by name)."""
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    no_email: list[str] = field(default_factory=list)
    not_configured: bool = False

    @property
    def total(self) -> int:
        return len(self.sent) + len(self.failed) + len(self.no_email)


def link_days() -> int:
    return int(current_app.config["ADDRESS_BOOK_LINK_DAYS"])


def link_message(person: Participant, workshop: Workshop, secret: str,
                 expires: dt.datetime) -> EmailMessage:
    link = public_url_for("address_book.book", token=secret)
    body = render_template("address_book/email_link.txt", person=person, workshop=workshop,
                           link=link, expires=format_date(expires.date(), "long"))
    subject = _(SUBJECT, title=workshop.title)
    return mail.build_message(current_app.config, person.email or "", subject, body)


def send_link(person: Participant) -> str:
    """Mail ``person`` a new link; "sent", "failed" or "not_configured"."""
    if not mail.is_configured(current_app.config):
        return "not_configured"
    new = address_book.new_link(person, "mail", link_days())
    new.link.mail_status = "pending"
    db.session.flush()
    assert new.link.expires_at is not None  # link_days() is at least one day
    status = mail.send(current_app.config,
                       link_message(person, person.workshop, new.secret, new.link.expires_at))
    new.link.mail_status = status
    if status == "sent":
        address_book.revoke_others(new.link)
    else:
        new.link.revoked_at = new.link.created_at  # its secret reached no one
    db.session.commit()
    return status


def send_links(workshop: Workshop, people: list[Participant]) -> Summary:
    """Mail every person with an e-mail; the summary names who was not reached."""
    summary = Summary(not_configured=not mail.is_configured(current_app.config))
    if summary.not_configured:
        return summary
    for person in people:
        name = person.full_name or f"n° {person.number}"
        if not person.email:
            summary.no_email.append(name)
            continue
        status = send_link(person)
        (summary.sent if status == "sent" else summary.failed).append(name)
    return summary
