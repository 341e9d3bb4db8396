"""Configuration: database URL normalisation and the secret key kept in the instance folder."""
from __future__ import annotations

import stat

import pytest

from kit.app import create_app
from kit.config import normalise_database_url


@pytest.mark.parametrize("url, expected", [
    ("postgres://u:p@db/kit", "postgresql+psycopg://u:p@db/kit"),
    ("postgresql://u:p@db/kit", "postgresql+psycopg://u:p@db/kit"),
    ("postgresql+psycopg://u@db/kit", "postgresql+psycopg://u@db/kit"),
    ("sqlite:////tmp/a.sqlite3", "sqlite:////tmp/a.sqlite3"),
])
def test_normalise_database_url_uses_psycopg3(url, expected):
    assert normalise_database_url(url) == expected


def test_secret_key_is_generated_once_and_kept(tmp_path):
    config = {"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    first = create_app(dict(config)).config["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert len(first) == 64 and key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert create_app(dict(config)).config["SECRET_KEY"] == first


def test_default_database_is_sqlite_in_instance_folder(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'atelier.sqlite3'}"
    assert app.config["KIT_DIR"] == str(tmp_path / "kits")
