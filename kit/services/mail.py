"""Plain-text e-mail through SMTP (stdlib ``smtplib`` + ``email.message``), when configured.

Configuration keys: ``MAIL_SERVER`` (empty: no e-mail is ever sent, and pages say so),
``MAIL_PORT``, ``MAIL_FROM``, ``MAIL_USE_TLS`` (STARTTLS), ``MAIL_USE_SSL`` (SMTPS),
``MAIL_USERNAME``/``MAIL_PASSWORD`` (optional login), ``MAIL_TIMEOUT`` (seconds).
Sending never raises: the caller records the outcome and tells the person.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

log = logging.getLogger(__name__)
DEFAULT_FROM = "atelier-kit@localhost"


def is_configured(config: Mapping) -> bool:
    return bool(config.get("MAIL_SERVER"))


def build_message(config: Mapping, to: str, subject: str, body: str) -> EmailMessage:
    """A UTF-8 plain-text message; header values are checked by ``email`` (no injection)."""
    message = EmailMessage()
    message["From"] = config.get("MAIL_FROM") or DEFAULT_FROM
    message["To"] = to
    message["Subject"] = " ".join(subject.split())  # a title typed with a newline stays one line
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=(config.get("MAIL_FROM") or DEFAULT_FROM)
                                       .rpartition("@")[2] or None)
    message.set_content(body)
    return message


def connect(config: Mapping) -> smtplib.SMTP:
    host, port = config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25)
    timeout = float(config.get("MAIL_TIMEOUT") or 10)
    if config.get("MAIL_USE_SSL"):
        return smtplib.SMTP_SSL(host, port, timeout=timeout,
                                context=ssl.create_default_context())
    smtp = smtplib.SMTP(host, port, timeout=timeout)
    if config.get("MAIL_USE_TLS"):
        smtp.starttls(context=ssl.create_default_context())
    return smtp


def send(config: Mapping, message: EmailMessage) -> str:
    """Send; return "sent", "not_configured" or "failed" (the error is logged, not raised)."""
    if not is_configured(config):
        return "not_configured"
    try:
        with connect(config) as smtp:
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:  # refused, unreachable, timed out...
        log.warning("e-mail to %s not sent: %s", message["To"], error)
        return "failed"
    return "sent"
