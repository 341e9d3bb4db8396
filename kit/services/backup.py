"""Backups of a whole instance (README, "En production"): the database and the instance folder.

``backup`` writes two files into a folder: the database (``pg_dump`` custom format for
PostgreSQL, a consistent copy through SQLite's backup API for SQLite) and a ``tar.gz`` of the
instance folder (secret key, photos, card images, kits), both stamped with the date and time.
``restore`` puts them back, server and worker stopped: ``pg_restore --clean`` into the
configured database, or the SQLite copy over the database file, and the folder's files over
the instance folder. The same two commands whatever the database: they read the app's
configuration (``DATABASE_URL``, ``FLASK_INSTANCE_PATH``), as ``make serve`` does.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from kit.extensions import db

DUMP_SUFFIX, SQLITE_SUFFIX, FILES_SUFFIX = ".dump", ".sqlite3", "-fichiers.tar.gz"
COMMAND_TIMEOUT_S = 3600  # a large database on a slow disk; a stuck pg_dump must end one day


class BackupError(RuntimeError):
    """A backup or restore that could not be done (the message says why, in French)."""


@dataclass(frozen=True)
class Backup:
    database: Path
    files: Path


def database_url() -> str:
    return str(db.engine.url.render_as_string(hide_password=False))


def is_postgres() -> bool:
    return db.engine.url.get_backend_name() == "postgresql"


def libpq_url() -> str:
    """The URL for pg_dump/pg_restore: SQLAlchemy's ``postgresql+psycopg://`` without driver."""
    return str(make_url(database_url()).set(drivername="postgresql")
               .render_as_string(hide_password=False))


def sqlite_file() -> Path:
    name = db.engine.url.database
    if not name or name == ":memory:":
        raise BackupError("base SQLite en mémoire : rien à sauvegarder")
    return Path(name)


def backup(out_dir: Path, instance: Path, now: dt.datetime | None = None) -> Backup:
    """Write the database and the instance folder into ``out_dir`` (created)."""
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    out_dir.mkdir(parents=True, exist_ok=True)
    if is_postgres():
        database = out_dir / f"atelier-{stamp}{DUMP_SUFFIX}"
        run(["pg_dump", "--format=custom", "--no-owner", f"--file={database}",
             f"--dbname={libpq_url()}"])
    else:
        database = out_dir / f"atelier-{stamp}{SQLITE_SUFFIX}"
        copy_sqlite(sqlite_file(), database)
    files = out_dir / f"atelier-{stamp}{FILES_SUFFIX}"
    skipped = {sqlite_file().resolve()} if not is_postgres() else set()
    with tarfile.open(files, "w:gz") as archive:
        for path in sorted(instance.rglob("*")):
            if path.is_file() and path.resolve() not in skipped and not is_sqlite_journal(path):
                archive.add(path, arcname=str(path.relative_to(instance)))
    return Backup(database, files)


def is_sqlite_journal(path: Path) -> bool:
    return path.name.endswith(("-wal", "-shm", "-journal", ".part"))


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy even while the server writes (SQLite's online backup)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def restore(database: Path, files: Path, instance: Path) -> None:
    """Put a backup back (server and worker stopped): the database, then the files."""
    db.session.remove()
    db.engine.dispose()  # no connection of ours may hold a table pg_restore drops
    if is_postgres():
        if database.suffix != DUMP_SUFFIX:
            raise BackupError(f"{database.name} : un fichier .dump de pg_dump est attendu")
        run(["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={libpq_url()}",
             str(database)])
    else:
        if database.suffix != SQLITE_SUFFIX:
            raise BackupError(f"{database.name} : une copie .sqlite3 est attendue")
        target = sqlite_file()
        for journal in target.parent.glob(target.name + "-*"):
            journal.unlink()
        shutil.copyfile(database, target)
    instance.mkdir(parents=True, exist_ok=True)
    with tarfile.open(files, "r:gz") as archive:
        archive.extractall(instance, filter="data")  # no absolute paths nor links outside


def run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} introuvable : installez le paquet Debian "
                          "postgresql-client") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} a échoué : {done.stderr.strip()}")
