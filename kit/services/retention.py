"""Retention (RGPD): personal data is kept ``Workshop.retention_months`` after the day, then
``flask purge`` erases it. What the purge does, and says:

- a workshop past its retention: every person erased (kit.services.personal_data), its photos
  and card images deleted (the anonymous results, the diagnostic and the seeds stay);
- a cancelled registration: erased at once (the person left; nothing is needed of them);
- an uploaded CSV waiting in the instance folder for more than ``IMPORT_MAX_AGE``: deleted
  (a confirmed import deletes its file at once; this catches the abandoned previews).
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from kit.extensions import db
from kit.i18n import french_plural
from kit.models import Participant, Registration, Workshop
from kit.services import personal_data
from kit.services.personal_data import ERASED, Person

IMPORT_MAX_AGE = dt.timedelta(days=1)  # a preview is confirmed within minutes


@dataclass
class Purge:
    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):  # 31 January + 1 month = 28 (or 29) February
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def expiry_day(workshop: Workshop) -> dt.date:
    """The first day the workshop's personal data is no longer kept."""
    day = workshop.date or workshop.created_at.date()
    return add_months(day, workshop.retention_months)


def is_expired(workshop: Workshop, today: dt.date) -> bool:
    return today >= expiry_day(workshop)


def is_erased_registration(registration: Registration) -> bool:
    return registration.first_name == ERASED and registration.email.endswith("@invalid")


def purge(config: dict, today: dt.date, dry_run: bool = False) -> Purge:
    """Delete what has expired (or, with ``dry_run``, only say what would go)."""
    done = Purge()
    for workshop in db.session.scalars(select(Workshop).order_by(Workshop.code)):
        if is_expired(workshop, today):
            purge_workshop(workshop, config, done, dry_run)
    for registration in cancelled_registrations():
        done.say(f"{registration.workshop.code} : inscription annulée n° {registration.id} "
                 "effacée")
        if not dry_run:
            personal_data.erase(personal_data.person_of_registration(registration),
                                config["CROPS_DIR"])
    purge_imports(Path(config["IMPORT_DIR"]), done, dry_run)
    if dry_run:
        done.lines = [f"(essai) {line}" for line in done.lines]
    return done


def cancelled_registrations() -> list[Registration]:
    query = select(Registration).where(Registration.status == "cancelled")
    return [r for r in db.session.scalars(query.order_by(Registration.id))
            if not is_erased_registration(r)]


def people_of(workshop: Workshop) -> list[Person]:
    people = [personal_data.person_of_participant(p) for p in db.session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id,
                                  Participant.erased_at.is_(None)).order_by(Participant.id))]
    linked = {p.registration.id for p in people if p.registration is not None}
    alone = select(Registration).where(Registration.workshop_id == workshop.id)
    people += [personal_data.person_of_registration(r) for r in db.session.scalars(alone)
               if r.id not in linked and not is_erased_registration(r)]
    return people


def purge_workshop(workshop: Workshop, config: dict, done: Purge, dry_run: bool) -> None:
    people = people_of(workshop)
    folders = [Path(config[key]) / workshop.code for key in ("PHOTOS_DIR", "CROPS_DIR")]
    files = sum(1 for folder in folders if folder.is_dir() for p in folder.rglob("*")
                if p.is_file())
    if not people and not files:
        return
    erased = french_plural("%(num)s personne effacée", "%(num)s personnes effacées",
                           len(people))
    removed = french_plural("%(num)s fichier de photos et d’images supprimé",
                            "%(num)s fichiers de photos et d’images supprimés", files)
    done.say(f"{workshop.code} : conservation échue le {expiry_day(workshop):%d/%m/%Y} — "
             f"{erased}, {removed}")
    if dry_run:
        return
    for person in people:
        personal_data.erase(person, config["CROPS_DIR"])
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def purge_imports(folder: Path, done: Purge, dry_run: bool) -> None:
    if not folder.is_dir():
        return
    limit = dt.datetime.now().timestamp() - IMPORT_MAX_AGE.total_seconds()
    for path in sorted(folder.glob("*.csv")):
        if path.stat().st_mtime < limit:
            done.say(f"fichier CSV importé supprimé : {path.name}")
            if not dry_run:
                path.unlink(missing_ok=True)
