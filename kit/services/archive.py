"""A whole workshop as one ZIP, and its restore on another instance (issue 9).

The archive holds every row that belongs to the workshop (``data/<table>.json``, and the same
as ``csv/<table>.csv`` for people who open it in a spreadsheet), its photos, card images and
printed kit (``files/photos``, ``files/crops``, ``files/kit``) and a ``manifest.json``.
Accounts and memberships are not archived: references to users are left empty on restore,
and the person who restores becomes the workshop's creator and owner. Upload links and
invitations are not archived (their secrets are meant for their day). Rows belong to the
workshop when they carry its ``workshop_id`` or point at a row that does (a card's values, a
photo's sightings...), so a table added later is archived without changing this module.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import cast

from sqlalchemy import CursorResult, Date, DateTime, Table, Time, insert, or_, select

from kit.extensions import db
from kit.i18n import N_, TranslatableError
from kit.models import User, Workshop

FORMAT = "atelier-kit-archive"
FORMAT_VERSION = 1
# accounts are the instance's own; links and invitations carry secrets meant for their day;
# actors span workshops (issue 12): a restored workshop's participants are linked anew
SKIPPED_TABLES = {"users", "upload_links", "address_book_links", "invitations",
                  "group_referent_links", "alembic_version", "actors", "actor_links",
                  "actor_changes"}
FILE_FOLDERS = {"photos": "PHOTOS_DIR", "crops": "CROPS_DIR", "kit": "KIT_DIR"}


class ArchiveError(TranslatableError):
    """An archive that cannot be restored here; nothing was written."""


@dataclass(frozen=True)
class Restored:
    code: str
    rows: int
    files: int


def workshop_tables() -> list[Table]:
    """Every table of the workshop's data, parents before children."""
    return [t for t in db.metadata.sorted_tables if t.name not in SKIPPED_TABLES
            and not requires_user(t)]


def requires_user(table: Table) -> bool:
    """Rows that cannot exist without an account (memberships): not archived."""
    return any(fk.column.table.name == "users" and not fk.parent.nullable
               for fk in table.foreign_keys)


def owned_rows(table: Table, workshop_id: int, ids: dict[str, set[int]]) -> list[dict]:
    if table.name == "workshops":
        condition = table.c.id == workshop_id
    elif "workshop_id" in table.c:
        condition = table.c.workshop_id == workshop_id
    else:
        links = [fk.parent.in_(ids[fk.column.table.name]) for fk in table.foreign_keys
                 if fk.column.table.name in ids]
        if not links:
            return []
        condition = or_(*links)
    rows = db.session.execute(select(table).where(condition).order_by(*table.primary_key))
    return [dict(row._mapping) for row in rows]


def plain(value):
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return value


def collect(workshop: Workshop) -> dict[str, list[dict]]:
    data: dict[str, list[dict]] = {}
    ids: dict[str, set[int]] = {}
    for table in workshop_tables():
        rows = owned_rows(table, workshop.id, ids)
        if rows:
            data[table.name] = rows
            ids[table.name] = {row["id"] for row in rows if "id" in row}
    return data


def csv_text(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: defuse(json.dumps(value, ensure_ascii=False)
                                     if isinstance(value, (dict, list)) else plain(value))
                         for key, value in row.items()})
    return "\ufeff" + buffer.getvalue()


def defuse(value):
    """A spreadsheet never runs a cell of the archive's CSV files."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def write_archive(workshop: Workshop, config: dict, target: Path) -> Path:
    """Write the workshop's archive to ``target`` (a .zip path); return it."""
    data = collect(workshop)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {"format": FORMAT, "version": FORMAT_VERSION, "workshop": workshop.code,
                    "title": workshop.title, "created_at": dt.datetime.now(dt.UTC)
                    .isoformat(timespec="seconds"),
                    "rows": {name: len(rows) for name, rows in data.items()}}
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for name, rows in data.items():
            archive.writestr(f"data/{name}.json", json.dumps(
                [{k: plain(v) for k, v in row.items()} for row in rows], ensure_ascii=False))
            archive.writestr(f"csv/{name}.csv", csv_text(rows))
        for folder, key in FILE_FOLDERS.items():
            root = Path(config[key]) / workshop.code
            for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []:
                archive.write(path, f"files/{folder}/{path.relative_to(root).as_posix()}")
    return target


# --- restore ----------------------------------------------------------------------------------

def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise ArchiveError(N_("Ce fichier n’est pas une archive d’atelier (manifest.json "
                              "absent ou illisible).")) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise ArchiveError(N_("Archive d’un format inconnu (%(format)s, version %(version)s)."),
                           format=manifest.get("format"), version=manifest.get("version"))
    return manifest


def safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise ArchiveError(N_("Archive refusée : le chemin %(name)s sort de son dossier."),
                           name=name)
    return path


def restore_archive(source: Path, config: dict, owner: User | None) -> Restored:
    """Recreate the archived workshop here (new ids); refuse if its code is already taken."""
    with zipfile.ZipFile(source) as archive:
        manifest = read_manifest(archive)
        names = [safe_member(name) for name in archive.namelist()]
        code = manifest["workshop"]
        if db.session.scalars(select(Workshop).where(Workshop.code == code)).first():
            raise ArchiveError(N_("L’atelier %(code)s existe déjà sur cette instance : rien "
                                  "n’a été restauré."), code=code)
        rows = insert_rows(archive, owner)
        files = extract_files(archive, names, config, code)
    if owner is not None:  # memberships are not archived: the person who restores owns it
        from kit.services import members

        restored = db.session.scalars(select(Workshop).where(Workshop.code == code)).one()
        members.add_member(restored, owner, "owner")
    return Restored(code, rows, files)


def insert_rows(archive: zipfile.ZipFile, owner: User | None) -> int:
    new_ids: dict[str, dict[int, int]] = {}
    count = 0
    try:
        for table in workshop_tables():
            try:
                rows = json.loads(archive.read(f"data/{table.name}.json"))
            except KeyError:
                continue
            new_ids[table.name] = {}
            for row in rows:
                values = restored_values(table, row, new_ids, owner)
                result = cast(CursorResult, db.session.execute(insert(table).values(**values)))
                key = result.inserted_primary_key
                if "id" in row and key is not None:
                    new_ids[table.name][row["id"]] = key[0]
                count += 1
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return count


def restored_values(table: Table, row: dict, new_ids: dict, owner: User | None) -> dict:
    values = {}
    for column in table.columns:
        if column.name == "id" or column.name not in row:
            continue
        value = row[column.name]
        for fk in column.foreign_keys:
            target = fk.column.table.name
            if target == "users":
                value = owner.id if owner and column.name == "created_by_id" else None
            elif value is not None:
                value = new_ids.get(target, {}).get(value)
        values[column.name] = typed(column.type, value)
    return values


def typed(column_type, value):
    if not isinstance(value, str):
        return value
    if isinstance(column_type, DateTime):  # stored as UTC; SQLite gives it back without zone
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column_type, Time):
        return dt.time.fromisoformat(value)
    return value


def extract_files(archive: zipfile.ZipFile, names: list[PurePosixPath], config: dict,
                  code: str) -> int:
    count = 0
    for name in names:
        if len(name.parts) < 3 or name.parts[0] != "files" or name.parts[1] not in FILE_FOLDERS:
            continue
        target = Path(config[FILE_FOLDERS[name.parts[1]]]) / code / Path(*name.parts[2:])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(str(name)))
        count += 1
    return count
