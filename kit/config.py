"""Configuration: defaults, then the instance folder's ``config.py`` and the environment.

Order (later wins): the defaults below, ``instance/config.py``, ``FLASK_*`` environment
variables (``FLASK_PUBLIC_URL=https://ateliers.example.org``), ``DATABASE_URL``. A test
passes its own mapping instead of the last three.
The secret key comes from the configuration if set, else from ``instance/secret_key``,
which is generated on the first run (so sessions survive a restart without any set-up).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

SQLITE_FILENAME = "atelier.sqlite3"
SECRET_KEY_FILENAME = "secret_key"
LANGUAGES = ("fr", "en")  # French first: the default locale
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")  # health checks and the local demo


def default_config(instance_path: str) -> dict:
    instance = Path(instance_path)
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / SQLITE_FILENAME}",
        "KIT_DIR": str(instance / "kits"),
        "IMPORT_DIR": str(instance / "imports"),
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
        "LANGUAGES": LANGUAGES,
        # per request: a 50 MP phone JPEG is ~25 MB and upload.js sends one photo per request
        # (a CSV of a few hundred people is a few tens of kB; anything bigger is refused early)
        "MAX_CONTENT_LENGTH": 40 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # a form left open all afternoon must still post
        # public registration (issue 5): set explicitly, since the limiter is shared by apps
        "RATELIMIT_ENABLED": True,
        "REGISTRATION_RATE_LIMIT": "10 per minute",  # POSTs per address on the public forms
        # the same form posted again within this time (a double click) is recognised by its
        # nonce; later, a replayed form (a cached page, Back on a shared device) opens nothing
        "REGISTRATION_NONCE_MINUTES": 30,
        # the questionnaire's "add a line" buttons post too: a person may press them often
        "QUESTIONNAIRE_RATE_LIMIT": "40 per minute",
        # confirmation e-mails: sent only when MAIL_SERVER is set (kit.services.mail)
        "MAIL_SERVER": "", "MAIL_PORT": 25, "MAIL_FROM": "", "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False, "MAIL_USERNAME": "", "MAIL_PASSWORD": "", "MAIL_TIMEOUT": 10,
        # photos (issue 4): stored by sha256 under PHOTOS_DIR/<CODE>/, crops under CROPS_DIR
        "PHOTOS_DIR": str(instance / "photos"),
        "CROPS_DIR": str(instance / "crops"),
        "UPLOAD_LINK_DAYS": 30,  # a volunteer link expires a month after it was made
        # what one volunteer link may store in all (anyone holding it can send photos): a day's
        # walls are a few hundred 12 MP photos of 3-8 MB; past it, the organisers make a new link
        "UPLOAD_LINK_MAX_PHOTOS": 800,
        "UPLOAD_LINK_MAX_MB": 6000,
        # a participant's address-book link: the season that follows the workshop
        "ADDRESS_BOOK_LINK_DAYS": 180,
        # action groups (issue 10): the referent's edit link lasts half a year (each reminder
        # mails a fresh one); a group quiet this many days gets a follow-up reminder
        "GROUP_LINK_DAYS": 180,
        "GROUP_REMINDER_DAYS": 30,
        "JOIN_RATE_LIMIT": "5 per minute",  # join requests per address
        # the public restitution's PDF is drawn on each request (no login): per address
        "PUBLIC_REPORT_RATE_LIMIT": "10 per minute",
        "OCR_ENGINE": "rapidocr",  # or "none": no proposals (fast tests, machines without it)
        # seconds (one core) a stored photo's whole reading may take in the background task: the
        # code search keeps its own deadline (scan PHOTO_TIME_BUDGET_S), but the cards found are
        # all read; the command line's PHOTO_TOTAL_BUDGET_S (2.5 s) would leave cards unread on
        # a busy server (a review found 15 of 120 cards unread at load 5), each then typed by hand
        "SCAN_READING_BUDGET_S": float("inf"),
        # background queue: SqliteHuey in the instance folder unless HUEY_URL/REDIS_URL is set;
        # HUEY_IMMEDIATE None means "immediate when TESTING" (tasks run inside the request)
        "HUEY_URL": None,
        "HUEY_IMMEDIATE": None,
        "HUEY_WORKERS": 1,  # one OCR engine per process, and 2 cores shared with the server
        # the address people reach the app at: every link in an e-mail or on paper is built
        # from it, never from the request's Host header (which anyone can forge)
        "PUBLIC_URL": "http://127.0.0.1:5000",
        # Host headers answered (others get 400); None: PUBLIC_URL's host and the loopback names
        "TRUSTED_HOSTS": None,
        # log-in: failed attempts allowed per account and per client address before HTTP 429
        "LOGIN_ACCOUNT_LIMIT": "5 per 15 minutes",
        "LOGIN_ACCOUNT_TOTAL_LIMIT": "30 per hour",
        "LOGIN_ADDRESS_LIMIT": "20 per 15 minutes",
        "PASSWORD_RESET_HOURS": 2,  # a password-reset link works this long, and once
        "PASSWORD_RESET_RATE_LIMIT": "5 per 15 minutes",  # requests per address (mail bombing)
        # behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host (0: none);
        # the rate limits then see the real client address, and cookies know HTTPS
        "PROXY_FIX_HOPS": 0,
        # rate-limit and log-in counters: this process's memory; redis://... to share them
        # between several gunicorn processes
        "RATELIMIT_STORAGE_URI": "memory://",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
    }


def normalise_database_url(url: str) -> str:
    """Heroku-style ``postgres://`` URLs are refused by SQLAlchemy 2: use psycopg 3."""
    for old in ("postgres://", "postgresql://"):
        if url.startswith(old):
            return "postgresql+psycopg://" + url[len(old):]
    return url


def load_config(app: Flask, test_config: dict | None) -> None:
    app.config.from_mapping(default_config(app.instance_path))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env()
        if os.environ.get("DATABASE_URL"):
            app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    else:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"])
    app.config["PUBLIC_URL"] = app.config["PUBLIC_URL"].rstrip("/")
    public = urlsplit(app.config["PUBLIC_URL"])
    if public.scheme not in ("http", "https") or not public.hostname:
        raise ValueError(f"PUBLIC_URL doit être une adresse http(s) complète, pas "
                         f"{app.config['PUBLIC_URL']!r}")
    if app.config["TRUSTED_HOSTS"] is None:
        app.config["TRUSTED_HOSTS"] = [public.hostname, *LOOPBACK_HOSTS]
    if public.scheme == "https":  # cookies never travel in clear
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = read_or_create_secret(Path(app.instance_path))


def read_or_create_secret(instance: Path) -> str:
    path = instance / SECRET_KEY_FILENAME
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_hex(32)
    try:
        # created readable by the owner only: the key signs session cookies
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process (the worker) created it first
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key
