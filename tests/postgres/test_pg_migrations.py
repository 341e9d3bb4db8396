"""On PostgreSQL, the committed migrations build exactly the schema the models describe."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kit.extensions import db

pytestmark = pytest.mark.postgres


def drop_everything(app) -> None:
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")


def flask_db(app, *args: str) -> None:
    result = app.test_cli_runner().invoke(args=["db", *args])
    assert result.exit_code == 0, result.output


def column_types(table: str) -> dict[str, object]:
    return {c["name"]: c["type"] for c in inspect(db.engine).get_columns(table)}


def test_db_upgrade_on_empty_postgresql_creates_model_schema(app):
    drop_everything(app)
    flask_db(app, "upgrade")
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        assert tables == set(db.metadata.tables) | {"alembic_version"}
        types = column_types("workshops")
        assert types["created_at"].timezone is True  # timestamptz: stored with its zone
        assert type(types["pack_counts"]).__name__ == "JSON"
        assert (types["code"].length, type(column_types("users")["active"]).__name__) == (
            8, "BOOLEAN")
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == [], "models changed without a migration: flask db migrate"


def test_db_downgrade_to_base_then_upgrade_on_postgresql(app):
    flask_db(app, "downgrade", "base")
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        db.engine.dispose()
    flask_db(app, "upgrade")
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) == set(db.metadata.tables) | {
            "alembic_version"}
