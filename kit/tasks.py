"""The background queue (Huey): photos are digitised, and kits drawn, outside the web request.

One Huey per app, built in ``init_app`` from the configuration (no import-time side effect):
SqliteHuey in the instance folder by default, RedisHuey when ``HUEY_URL`` or ``REDIS_URL`` is
set; ``HUEY_IMMEDIATE`` (default: on when TESTING) runs tasks inside the caller, in memory.
The worker is ``flask worker`` (kit/cli.py), started beside the server by scripts/serve.sh.

A crash while digitising one photo is recorded on that photo ("error" and the message) and
never reaches the consumer: the next photos go on. Likewise a kit that fails is recorded on
its workshop (kit_status "error" and kit_message).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey
from huey.api import Huey

from kit.extensions import db
from kit.status_messages import part, text_part

log = logging.getLogger(__name__)

QUEUE_NAME = "atelier-kit"
SQLITE_QUEUE_FILENAME = "huey.sqlite3"


def make_huey(app: Flask) -> Huey:
    immediate = app.config.get("HUEY_IMMEDIATE")
    immediate = app.testing if immediate is None else bool(immediate)
    url = app.config.get("HUEY_URL") or app.config.get("REDIS_URL")
    if url:
        return RedisHuey(QUEUE_NAME, url=url, immediate=immediate, results=False)
    filename = Path(app.instance_path) / SQLITE_QUEUE_FILENAME
    return SqliteHuey(QUEUE_NAME, filename=str(filename), immediate=immediate, results=False)


def log_photo(photo_id: int, seconds: float) -> None:
    """One line per photo in the worker's log: file, seconds, cards read, errors."""
    from kit.models import Photo

    photo = db.session.get(Photo, photo_id)
    if photo is None:
        return
    errors = len((photo.reading or {}).get("errors", []))
    log.info("photo %s (%s): %.1f s, cards read: %d, errors: %d, %s%s", photo.id, photo.filename,
             seconds, len(photo.sightings), errors, photo.status,
             f": {photo.message}" if photo.status == "error" else "")


def run_photo(photo_id: int) -> None:
    """Digitise one photo; whatever goes wrong is recorded on it, never raised."""
    from kit.services import digitise, photos  # the scanner loads OpenCV: only in the worker

    started = time.perf_counter()
    try:
        digitise.digitise_photo(photo_id)
        log_photo(photo_id, time.perf_counter() - started)
    except Exception:  # one photo's bug must not stop the queue; the message says what
        log.exception("photo %s failed", photo_id)
        db.session.rollback()
        # the sender reads this: plain words; the traceback is in the worker's log above
        photos.mark_error(photo_id, [part("photo.failed")])


def run_kit(workshop_id: int) -> None:
    """Draw one workshop's kit; whatever goes wrong is recorded on the workshop, never raised."""
    from kit.services import kit_jobs, kits

    try:
        kit_jobs.generate_now(workshop_id, current_app.config["KIT_DIR"])
    except kits.KitError as error:  # a known refusal, already worded for the organiser
        db.session.rollback()
        kit_jobs.fail_kit(workshop_id, [text_part(str(error))])
    except Exception:  # the queue goes on; the page says what happened
        log.exception("kit of workshop %s failed", workshop_id)
        db.session.rollback()
        kit_jobs.fail_kit(workshop_id, [part("kit.failed")])


def run_reset_mail(email: str, locale: str) -> None:
    """Mail a password-reset link if an active account has this e-mail; else do nothing.

    The page queues this for every address typed, known or not, and answers at once: how long
    it takes says nothing about which accounts exist (the mail server's delay is here)."""
    from flask_babel import force_locale

    from kit.services import users
    from kit.services.account_mail import send_account_mail
    from kit.services.links import public_url_for

    user = users.find_user(email)
    if user is None or not user.active:
        return
    with force_locale(locale):
        status = send_account_mail(
            "reset", user.email,
            public_url_for("auth.reset_password", token=users.reset_token(user)),
            hours=current_app.config["PASSWORD_RESET_HOURS"])
    log.info("password reset mail for account %s: %s", user.id, status)


def run_group_news(news_id: int, locale: str) -> None:
    """Mail one action group's news to its members (kit.services.group_mail.send_news)."""
    from flask_babel import force_locale

    from kit.models import GroupNews
    from kit.services import group_mail

    news = db.session.get(GroupNews, news_id)
    if news is None or news.mail_status != "queued":  # deleted, or already sent
        return
    with force_locale(locale):
        mailing = group_mail.send_news(news)
    log.info("news %s of group %s: %s sent, %s failed", news_id, news.group_id, mailing.sent,
             mailing.failed)


def init_app(app: Flask) -> None:
    huey = make_huey(app)

    @huey.task(name="group_news")
    def group_news(news_id: int, locale: str) -> None:
        with app.test_request_context():  # templates and links need one; none in a worker
            run_group_news(news_id, locale)

    @huey.task(name="reset_mail")
    def reset_mail(email: str, locale: str) -> None:
        with app.test_request_context():  # templates and links need one; none in a worker
            run_reset_mail(email, locale)

    @huey.task(name="process_photo")
    def process_photo(photo_id: int) -> None:
        with app.app_context():  # its own context: a worker thread has none
            run_photo(photo_id)

    @huey.task(name="generate_kit")
    def generate_kit(workshop_id: int) -> None:
        with app.app_context():
            run_kit(workshop_id)

    app.extensions["huey"] = huey
    app.extensions["huey.process_photo"] = process_photo
    app.extensions["huey.generate_kit"] = generate_kit
    app.extensions["huey.reset_mail"] = reset_mail
    app.extensions["huey.group_news"] = group_news


def get_huey() -> Huey:
    return current_app.extensions["huey"]


def enqueue_photo(photo_id: int) -> None:
    """Queue one photo (in immediate mode: digitise it now); the caller committed it first.

    An unreachable queue leaves the photo "queued": the worker takes it up when it starts
    (``photos.requeue_stalled``), so the upload still succeeds and nothing is lost."""
    try:
        current_app.extensions["huey.process_photo"](photo_id)
    except Exception:  # Redis down, queue file unwritable...
        log.exception("could not queue photo %s: left queued for the worker's start", photo_id)
    db.session.expire_all()  # immediate mode wrote through another session: read afresh


def enqueue_kit(workshop_id: int) -> None:
    """Queue a kit marked queued (in immediate mode: draw it now); an unreachable queue is
    recorded on the workshop, so its kit does not wait for ever."""
    from kit.services import kit_jobs

    try:
        current_app.extensions["huey.generate_kit"](workshop_id)
    except Exception as exc:  # Redis down, queue file unwritable...
        log.exception("could not queue the kit of workshop %s", workshop_id)
        db.session.rollback()
        kit_jobs.fail_kit(workshop_id, [part("kit.queue_unavailable",
                                             error=f"{type(exc).__name__} : {exc}")])
    db.session.expire_all()  # immediate mode wrote through another session: read afresh


def enqueue_reset_mail(email: str, locale: str) -> None:
    """Queue the reset mail (immediate mode: send it now); a queue that cannot be reached is
    logged, and the page says the same as always."""
    try:
        current_app.extensions["huey.reset_mail"](email.strip().lower()[:254], locale)
    except Exception:
        log.exception("could not queue a password reset mail")


def enqueue_group_news(news_id: int) -> None:
    """Queue an action group's news e-mails (immediate mode: send them now). An unreachable
    queue sends them in the request instead: the members still get the news."""
    from flask_babel import get_locale

    locale = str(get_locale() or "fr")
    try:
        current_app.extensions["huey.group_news"](news_id, locale)
    except Exception:  # Redis down, queue file unwritable...
        log.exception("could not queue the news %s: sent now", news_id)
        db.session.rollback()
        run_group_news(news_id, locale)


def run_consumer(workers: int) -> None:
    """Blocking: the Huey consumer of this app's queue (Ctrl-C or SIGTERM stops it)."""
    consumer = get_huey().create_consumer(workers=workers, worker_type="thread")
    consumer.run()
