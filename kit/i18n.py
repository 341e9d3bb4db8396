"""Translation helpers that need no Flask (the CSV parser uses them too)."""
from __future__ import annotations


def N_(text: str) -> str:
    """Mark ``text`` for extraction (pybabel -k N_); it is translated where it is shown."""
    return text


class TranslatableError(ValueError):
    """An error worded in French as an ``N_`` template with ``%(name)s`` placeholders.

    ``str(error)`` is the French text (CLI, logs); a view shows ``error.translated(gettext)``.
    """

    def __init__(self, template: str, **params) -> None:
        super().__init__(template % params if params else template)
        self.template, self.params = template, params

    def translated(self, gettext) -> str:
        return gettext(self.template, **self.params)


def french_plural(singular: str, plural: str, num: int) -> str:
    """``singular`` or ``plural`` (with ``%(num)s``) said of ``num`` where no translation is at
    hand (CLI, a text made outside a request): French takes the singular for 0 and 1, « 0 photo
    nettoyée », as the Plural-Forms of kit/translations/fr (n > 1)."""
    return (plural if num > 1 else singular) % {"num": num}
