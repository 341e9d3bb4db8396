"""Upgrading a database from before the roles: whoever created a workshop becomes its owner
(until then ``created_by`` was recorded and never checked)."""
from __future__ import annotations

from sqlalchemy import text

from kit.extensions import db

BEFORE_ROLES = "c4f1a8e9d2b3"


def test_upgrade_makes_each_creator_the_owner(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'ancienne.sqlite3'}")
    with app.app_context():
        db.drop_all()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", BEFORE_ROLES]).exit_code == 0
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (id, email, name, password_hash, active, created_at, updated_at) "
            "VALUES (7, 'a@example.org', 'A', 'x', 1, '2026-01-01', '2026-01-01')"))
        for wid, code, creator in ((1, "AVEC", 7), (2, "SANS", None)):
            connection.execute(text(
                "INSERT INTO workshops (id, code, theme, title, place, organiser, contact, notes,"
                " pack_counts, blank_packs, next_serial, kit_progress, kit_message, created_by_id,"
                " created_at, updated_at) VALUES (:id, :code, '', 'T', '', '', '', '', '{}', 1,"
                " 1, 0, '', :creator, '2026-01-01', '2026-01-01')"),
                {"id": wid, "code": code, "creator": creator})
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context(), db.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT workshop_id, user_id, role FROM memberships")).all()
        admin = connection.execute(text("SELECT is_admin FROM users")).scalar_one()
    assert [tuple(row) for row in rows] == [(1, 7, "owner")]
    assert not admin
