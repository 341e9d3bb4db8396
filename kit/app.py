"""The application factory."""

from __future__ import annotations

import hmac
import os
from pathlib import Path

from flask import Flask, current_app, session
from flask_babel import gettext

from kit import tasks
from kit.cli import register_commands
from kit.config import load_config
from kit.extensions import babel, csrf, db, limiter, login_manager, migrate
from kit.i18n import N_
from kit.instance_files import protect_instance
from kit.models import User  # also registers every table on db.metadata
from kit.security import init_security
from kit.views import register_blueprints

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def select_locale() -> str:
    chosen = session.get("lang")
    languages = current_app.config["LANGUAGES"]
    if chosen in languages:
        return str(chosen)
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


def load_user(user_id: str) -> User | None:
    """The session's account, if its stamp is still the account's (see ``User.get_id``)."""
    number, _dot, stamp = user_id.partition(".")
    if not number.isdigit():
        return None
    user = db.session.get(User, int(number))
    if user is None or not hmac.compare_digest(stamp, user.session_stamp):
        return None  # the password changed since this session logged in
    return user


def init_extensions(app: Flask) -> None:
    db.init_app(app)
    # batch mode: SQLite can only alter a table by copying it
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Connectez-vous pour accéder à cette page.")
    login_manager.localize_callback = gettext  # translated when flashed
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user)
    tasks.init_app(app)  # the photo queue (Huey), built from the configuration
    with app.app_context():
        protect_instance(app, list(db.engines.values()))  # personal data: owner-only files


def create_app(test_config: dict | None = None) -> Flask:
    # tests keep their instance folder (secret key, kits, uploads) in a temporary directory;
    # a server may keep it elsewhere than the checkout (FLASK_INSTANCE_PATH=/var/lib/atelier-kit)
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "FLASK_INSTANCE_PATH") or None
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    os.makedirs(app.instance_path, exist_ok=True)
    load_config(app, test_config)
    init_extensions(app)
    register_blueprints(app)
    register_commands(app)
    init_security(app)
    return app
