"""The README's backup and restore ("En production"): `flask backup DOSSIER` then
`flask restore-backup BASE FICHIERS` bring back the database and the instance folder's files,
here on SQLite (tests/postgres/test_pg_backup.py: the same on PostgreSQL with pg_dump)."""
from __future__ import annotations

from pathlib import Path

from kit.extensions import db
from kit.models import Participant, Workshop


def backup_then_restore(app, tmp_path: Path) -> None:
    """A workshop with a person and a photo file, backed up; then the person deleted, the
    photo lost and another workshop made; the restore brings back the state of the backup."""
    from kit.services.participants import save_participant
    from kit.services.workshops import create_workshop

    runner = app.test_cli_runner()
    photo = Path(app.config["PHOTOS_DIR"]) / "SAV1" / "mur.jpg"
    with app.app_context():
        workshop = create_workshop({"code": "SAV1", "title": "Sauvegarde"})
        save_participant(workshop, {"first_name": "Élise", "last_name": "Vasserot"})
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"une photo")
    result = runner.invoke(args=["backup", str(tmp_path / "sauvegardes")])
    assert result.exit_code == 0, result.output
    database, files = (Path(line.split(" : ", 1)[1]) for line in result.output.splitlines())
    assert database.is_file() and files.is_file()
    with app.app_context():
        db.session.execute(db.delete(Participant))
        create_workshop({"code": "APRES", "title": "Créé après la sauvegarde"})
        db.session.commit()
    photo.unlink()
    result = runner.invoke(args=["restore-backup", str(database), str(files)])
    assert result.exit_code == 0, result.output
    assert photo.read_bytes() == b"une photo"
    with app.app_context():
        assert db.session.scalars(db.select(Workshop.code).order_by(Workshop.code)).all() == [
            "SAV1"]
        assert db.session.scalars(db.select(Participant.first_name)).all() == ["Élise"]


def test_backup_and_restore_on_sqlite(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'instance' / 'base.sqlite3'}")
    backup_then_restore(app, tmp_path)


def test_backup_of_an_in_memory_database_says_why_not(make_app, tmp_path):
    result = make_app().test_cli_runner().invoke(args=["backup", str(tmp_path / "b")])
    assert result.exit_code == 1 and "base SQLite en mémoire" in result.output
