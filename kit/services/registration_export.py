"""The registrations as a CSV for spreadsheets in France: UTF-8 with BOM, semicolons.

The identity columns carry the participants import's own French headers, so an export can be
imported into another workshop. Cells that a spreadsheet would run as a formula are defused.
"""
from __future__ import annotations

import datetime as dt

from flask_babel import to_user_timezone

from kit.labels import LABELS, french_label
from kit.models import Registration, Workshop
from kit.services import prediagnostic, registrations
from kit.services.csv_import import COLUMN_LABELS
from kit.services.csvfile import csv_bytes
from kit.services.prediagnostic import CATEGORY_INFO

STATUS_LABELS = {"confirmed": "inscrit·e", "waiting": "liste d'attente", "cancelled": "annulé·e"}
ANSWER_SEPARATOR = " | "


def local_time(moment: dt.datetime) -> str:
    """In the organisers' zone: SQLite reads back naive UTC, PostgreSQL the server's zone."""
    return to_user_timezone(moment).strftime("%d/%m/%Y %H:%M")


def header() -> list[str]:
    identity = [COLUMN_LABELS[key] for key in registrations.PARTICIPANT_FIELDS]
    return (["statut", "position liste d'attente", "n° participant"] + identity
            + ["ce que je fais", "mes enjeux", "inscrit·e le", "modifié le"]
            + [str(CATEGORY_INFO[key].label) for key in CATEGORY_INFO])


def row(registration: Registration, position: int | None) -> list:
    person = registration.participant
    values = [STATUS_LABELS[registration.status], position or "",
              person.number if person else ""]
    for key in registrations.PARTICIPANT_FIELDS:
        value = getattr(registration, key)
        # choices as their printed French labels, which the participants import reads back
        values.append(french_label(key, value) if key in LABELS else value)
    values += [registration.what_i_do, registration.stakes,
               local_time(registration.created_at), local_time(registration.updated_at)]
    answers = prediagnostic.answers_by_category(registration)
    values += [ANSWER_SEPARATOR.join(answers[key]) for key in CATEGORY_INFO]
    return values


def registrations_csv(workshop: Workshop) -> bytes:
    grouped = registrations.list_registrations(workshop)
    rows = [row(registration, index + 1 if status == "waiting" else None)
            for status in ("confirmed", "waiting", "cancelled")
            for index, registration in enumerate(grouped[status])]
    return csv_bytes(header(), rows)
