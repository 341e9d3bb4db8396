"""Configuration: defaults, then the instance folder's ``config.py`` and the environment.

Order (later wins): the defaults below, ``instance/config.py``, ``FLASK_*`` environment
variables, ``DATABASE_URL``. A test passes its own mapping instead of the last three.
The secret key comes from the configuration if set, else from ``instance/secret_key``,
which is generated on the first run (so sessions survive a restart without any set-up).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

SQLITE_FILENAME = "atelier.sqlite3"
SECRET_KEY_FILENAME = "secret_key"
LANGUAGES = ("fr", "en")  # French first: the default locale


def default_config(instance_path: str) -> dict:
    instance = Path(instance_path)
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / SQLITE_FILENAME}",
        "KIT_DIR": str(instance / "kits"),
        "IMPORT_DIR": str(instance / "imports"),
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
        "LANGUAGES": LANGUAGES,
        # a CSV of a few hundred people is a few tens of kB; refuse anything absurd early
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # a form left open all afternoon must still post
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
