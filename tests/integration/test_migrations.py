"""The committed migrations build the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kit.extensions import db


def test_db_upgrade_on_empty_sqlite_creates_model_schema(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'vide.sqlite3'}")
    with app.app_context():
        db.drop_all()  # make_app created the tables; the migrations must do it alone
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        assert {"users", "workshops", "participants", "cards"} <= tables
        assert tables == set(db.metadata.tables) | {"alembic_version"}
        columns = {c["name"] for c in inspect(db.engine).get_columns("participants")}
        assert {"number", "territory", "actor_type", "consent", "origin"} <= columns
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == [], "models changed without a migration: flask db migrate"
