"""Template helpers: the translated label of a stored key, a file size."""
from __future__ import annotations

from flask import Flask
from flask_babel import get_locale, gettext

from kit.forms.workshops import PACK_LABELS
from kit.labels import translated_label
from kit.services.csv_import import Issue


def choice_label(kind: str, key: str | None) -> str:
    return translated_label(kind, key, gettext)


def file_size(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return gettext("%(size)s ko", size=max(1, round(size_bytes / 1024)))
    return gettext("%(size)s Mo", size=round(size_bytes / (1024 * 1024), 1))


def issue_message(issue: Issue) -> str:
    return issue.message(gettext)


def register_template_helpers(app: Flask) -> None:
    app.add_template_global(choice_label)
    app.add_template_global(issue_message)
    app.jinja_env.globals["pack_labels"] = PACK_LABELS
    app.add_template_filter(file_size)
    app.context_processor(lambda: {"current_language": str(get_locale() or "fr")})
