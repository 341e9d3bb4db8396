"""The instance folder and the SQLite database hold personal data: readable by their owner only.

The folder (secret key, photos, crops, kits, imported CSVs, the SQLite queue) is made 0700, so
nothing under it is reachable by other accounts of the machine whatever the umask; a SQLite
database file, wherever it lives, is made 0600 each time a connection opens it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private(path: Path, mode: int) -> None:
    if path.exists() and stat.S_IMODE(path.stat().st_mode) != mode:
        os.chmod(path, mode)


def sqlite_file(engine: Engine) -> Path | None:
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def protect_database(engine: Engine) -> None:
    path = sqlite_file(engine)
    if path is None:
        return

    @event.listens_for(engine, "connect")
    def restrict(dbapi_connection, connection_record) -> None:  # noqa: ARG001 (SQLAlchemy's signature)
        for suffix in ("", "-wal", "-shm", "-journal"):
            make_private(path.with_name(path.name + suffix), PRIVATE_FILE_MODE)


def protect_instance(app: Flask, engines: list[Engine]) -> None:
    make_private(Path(app.instance_path), PRIVATE_DIR_MODE)
    for engine in engines:
        protect_database(engine)
