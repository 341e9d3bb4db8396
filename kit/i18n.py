"""Translation helpers that need no Flask (the CSV parser uses them too)."""
from __future__ import annotations

from printables.labels import N_, french_plural

__all__ = ["N_", "TranslatableError", "french_plural"]


class TranslatableError(ValueError):
    """An error worded in French as an ``N_`` template with ``%(name)s`` placeholders.

    ``str(error)`` is the French text (CLI, logs); a view shows ``error.translated(gettext)``.
    """

    def __init__(self, template: str, **params) -> None:
        super().__init__(template % params if params else template)
        self.template, self.params = template, params

    def translated(self, gettext) -> str:
        return gettext(self.template, **self.params)
