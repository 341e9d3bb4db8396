"""The e-mails of action groups, through the SMTP set-up of kit.services.mail: the referent's
edit link, the follow-up reminder (with a fresh link), a join request to decide, the news to
the members. Bodies are plain-text templates ``groups/email_<kind>.txt``.

The news goes through the background queue (kit.tasks: one message per member can take a
while, and the referent's page answers at once); the outcome is recorded on the news. The
other messages go to one person and are sent in the request. Nothing here raises: each
function returns what happened, for the page to say.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import gettext as _

from kit.extensions import db
from kit.i18n import N_
from kit.models import ActionGroup, GroupMember, GroupNews
from kit.services import group_links, group_pages, groups, mail
from kit.services.links import public_url_for

SUBJECTS = {
    "link": N_("Votre lien de référent·e : %(title)s"),
    "reminder": N_("Des nouvelles du groupe « %(title)s » ?"),
    "request": N_("Une personne demande à rejoindre « %(title)s »"),
    "news": N_("Nouvelles du groupe « %(title)s »"),
}


@dataclass(frozen=True)
class Mailing:
    sent: int
    failed: int
    status: str  # "sent", "failed", "not_configured" or "nobody"


def send_one(kind: str, to: str, group: ActionGroup, **context) -> str:
    body = render_template(f"groups/email_{kind}.txt", group=group, workshop=group.workshop,
                           public_link=public_url_for("group_pages.page",
                                                      public_id=group.public_id), **context)
    subject = _(SUBJECTS[kind], title=group.title or _("groupe d’action"))
    return mail.send(current_app.config, mail.build_message(current_app.config, to, subject, body))


def referent_address(group: ActionGroup) -> str:
    referent = group.referent
    return groups.member_email(referent) if referent is not None else ""


def send_referent_link(group: ActionGroup, secret: str, kind: str = "link") -> str:
    """Mail the referent their edit link (``kind`` "reminder": the follow-up wording)."""
    address = referent_address(group)
    if not address:
        return "nobody"
    link = public_url_for("group_pages.referent", token=secret)
    days = current_app.config["GROUP_LINK_DAYS"]
    return send_one(kind, address, group, link=link, days=days,
                    referent=groups.display_name(group.referent) if group.referent else "")


def send_reminder(group: ActionGroup) -> str:
    """A follow-up to the referent with a fresh edit link (the previous one stops working only
    when the e-mail left: without a mail server nothing changes)."""
    if not referent_address(group) or not mail.is_configured(current_app.config):
        return "not_configured" if referent_address(group) else "nobody"
    new = group_links.create_link(group, current_app.config["GROUP_LINK_DAYS"])
    status = send_referent_link(group, new.secret, "reminder")
    if status == "sent":
        groups.mark_reminded(group)
    return status


def notify_request(group: ActionGroup, member: GroupMember) -> str:
    address = referent_address(group)
    if not address:
        return "nobody"
    return send_one("request", address, group, member=member)


def mail_news(group: ActionGroup, news: GroupNews) -> Mailing:
    """After posting: queue the news e-mails (kit.tasks.enqueue_group_news), or say why not."""
    from kit import tasks

    recipients = group_pages.news_recipients(group)
    if not recipients:
        return Mailing(0, 0, "nobody")
    if not mail.is_configured(current_app.config):
        return Mailing(0, 0, "not_configured")
    groups.record_mailing(news, "queued", 0, 0)
    tasks.enqueue_group_news(news.id)
    db.session.refresh(news)  # immediate mode (tests, no worker) has already sent it
    return Mailing(news.mailed, news.mail_failed, news.mail_status or "queued")


def send_news(news: GroupNews) -> Mailing:
    """In the worker: one e-mail per member address (nobody sees another's); recorded."""
    group = news.group
    recipients = group_pages.news_recipients(group)
    outcomes = [send_one("news", address, group, news=news) for address in recipients]
    sent = outcomes.count("sent")
    status = "sent" if sent or not outcomes else "failed"
    groups.record_mailing(news, status, sent, len(outcomes) - sent)
    return Mailing(sent, len(outcomes) - sent, status)
