"""Flask extensions, created unbound here and bound to the app in ``create_app``.

Nothing here reads configuration: importing this module has no side effect.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, registry

# Explicit constraint names: Alembic needs them to alter tables (SQLite batch mode, PostgreSQL).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    # every timestamp is stored with its zone (PostgreSQL timestamptz); we write UTC
    registry = registry(metadata=MetaData(naming_convention=NAMING_CONVENTION),
                        type_annotation_map={dt.datetime: DateTime(timezone=True)})


db = SQLAlchemy(model_class=Base)
# The base of every model. Flask-SQLAlchemy builds db.Model at run time from Base; a type checker
# cannot take a base class from an attribute, so it is shown Base itself.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()


def client_address() -> str:
    """The client's address as rate limits count it: an IPv6 address counts as its /64.

    One phone or household is given a whole /64 and may use any address in it, so counting
    each address apart would let one client send as much as it wants."""
    address = get_remote_address()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


# Public forms and the public PDF (config_limit): per client address, counted in this process's
# memory (RATELIMIT_STORAGE_URI, e.g. redis://, shares the counts between gunicorn's processes).
limiter = Limiter(client_address)


def config_limit(key: str):
    """A rate limit read from the app's config at each request (tests and instances set it)."""
    return lambda: current_app.config[key]
