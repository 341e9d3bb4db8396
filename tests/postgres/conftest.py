"""A throwaway PostgreSQL server for the session, and the shared app fixtures pointed at it.

The server is private to the run: a temporary data directory, a Unix socket in that directory
and no TCP listener, stopped and removed at the end. ``initdb`` refuses to run as root (CI runs
as root), so it then runs as the ``postgres`` system user. The schema is built once by the
migrations (``flask db upgrade``), as in production; ``app`` here overrides the SQLite one of
``tests/conftest.py``, so every shared factory (workshops, participants, users, clients) writes
to PostgreSQL. After each test every table is emptied, leaving the schema for the next.
Without the PostgreSQL binaries or psycopg the tests are skipped, saying what is missing.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"  # Debian's layout, one folder per major version
PG_SYSTEM_USER = "postgres"  # created by the Debian package; owns the data dir when we are root
DATABASE = "atelier_test"
# neither UTC nor the organisers' zone (Europe/Paris): anything that depends on the server's
# zone (timestamps read back, times shown) shows up as hours of difference
SERVER_TIMEZONE = "Asia/Tokyo"
SERVER_SETTINGS = ("-c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off")  # socket only; durability is not needed here
COMMAND_TIMEOUT_S = 60  # initdb takes ~2 s on a slow CI disk; beyond a minute it is stuck


@dataclass(frozen=True)
class PostgresServer:
    socket_dir: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}&port={self.port}"


def postgres_bin() -> Path | None:
    """The newest installed server's bin folder that has initdb and pg_ctl."""
    found = [Path(d) for d in glob.glob(PG_BIN_GLOB)
             if (Path(d) / "initdb").is_file() and (Path(d) / "pg_ctl").is_file()]
    return max(found, key=major_version, default=None)


def major_version(bin_dir: Path) -> int:
    name = bin_dir.parent.name  # /usr/lib/postgresql/15/bin -> 15
    return int(name) if name.isdigit() else 0


def missing_reason() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg absent : installez l'extra test (pip install -e '.[test]')"
    if postgres_bin() is None:
        return f"PostgreSQL absent ({PG_BIN_GLOB}/initdb) : installez le paquet Debian postgresql"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "runuser absent : impossible de lancer initdb sous l'utilisateur postgres"
    return None


def as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_SYSTEM_USER, "--", *command]
    return command


def run(command: list[str]) -> None:
    # from /tmp: the postgres user may not be allowed into the checkout
    done = subprocess.run(as_server_user(command), capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT_S, cwd=tempfile.gettempdir())
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} a échoué :\n{done.stdout}{done.stderr}")


def free_port() -> int:
    """A port number nobody listens on (only the socket file's name carries it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(root: Path) -> PostgresServer:
    bin_dir, data = postgres_bin(), root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, user=PG_SYSTEM_USER)
    run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
    server = PostgresServer(root, free_port())
    options = f"{SERVER_SETTINGS} -c timezone={SERVER_TIMEZONE} -k {root} -p {server.port}"
    run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-o", options,
         "-w", "-s", "start"])
    return server


def stop_server(root: Path) -> None:
    run([str(postgres_bin() / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "-w", "-s",
         "stop"])


def create_database(server: PostgresServer, name: str) -> None:
    import psycopg

    with psycopg.connect(host=str(server.socket_dir), port=server.port, user="postgres",
                         dbname="postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="session")
def postgres_server():
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="ak-pg-"))  # short: a socket path has ~100 bytes
    started = False
    try:
        server = start_server(root)
        started = True
        yield server
    finally:
        if started:
            stop_server(root)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres_server, tmp_path_factory):
    """The test database, its schema built by the migrations (once for the session)."""
    from kit.app import create_app

    create_database(postgres_server, DATABASE)
    url = postgres_server.url(DATABASE)
    instance = tmp_path_factory.mktemp("pg-migrate")
    migrator = create_app({"TESTING": True, "SECRET_KEY": "clef-de-test",
                           "SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(instance)})
    upgrade(migrator)
    return url


def upgrade(app) -> None:
    from kit.extensions import db

    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()


def empty_tables(app) -> None:
    """Delete every row (the schema stays at the migrations' head); serials restart at 1."""
    from kit.extensions import db

    with app.app_context():
        db.session.remove()
        names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        db.engine.dispose()  # no connection of this app outlives its test


@pytest.fixture
def app(make_app, postgres_url):
    """The shared ``app`` on the PostgreSQL database (OCR off: tests read printed values)."""
    pg_app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url, OCR_ENGINE="none")
    yield pg_app
    empty_tables(pg_app)
