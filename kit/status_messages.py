"""Status messages stored for later reading (a photo's, a kit's): a key and its parameters.

A message is stored as a list of parts, each ``{"key": ..., "params": {...}}`` (a template of
MESSAGES, or of the scanner's scan.messages for its hints and errors) or ``{"text": ...}`` (a
detail already worded, such as a file's own error). It is translated when it is shown
(``render(parts, gettext)``), in the reader's language; ``french(parts)`` is kept beside it
for the log, the CLI and rows written before parts existed.
"""
from __future__ import annotations

from collections.abc import Callable

from kit.i18n import N_
from scan.messages import ERROR_TEMPLATES, HINT_TEMPLATES, fill
from scan.results import Hint, ScanError

SEPARATOR = " · "
MESSAGES = {
    "photo.card_read": N_("%(num)s carte lue."),
    "photo.cards_read": N_("%(num)s cartes lues."),
    "photo.none_of_workshop": N_(
        "Aucune carte de cet atelier sur cette photo : rien n'a été enregistré."),
    "photo.no_card": N_("Aucune carte trouvée sur cette photo."),
    "photo.code_unreadable": N_("%(code)s : code illisible, ignoré"),
    "photo.other_workshop": N_(
        "%(code)s : carte de l'atelier %(other)s, pas de %(workshop)s — ignorée"),
    "photo.unknown_code": N_(
        "%(code)s : code inconnu dans cet atelier (carte jamais imprimée ?) — ignorée"),
    # what people read when something unexpected breaks; the details go to the log
    "photo.failed": N_("Cette photo n’a pas pu être lue à cause d’une erreur de l’application ; "
                       "l’équipe peut la relancer plus tard."),
    "kit.failed": N_("Le kit n’a pas pu être généré à cause d’une erreur de l’application ; "
                     "réessayez, et si cela recommence, signalez-le avec l’heure."),
    "kit.queue_unavailable": N_("File d’attente indisponible (%(error)s)"),
    **{f"scan.hint.{kind}": template for kind, template in HINT_TEMPLATES.items()},
    **{f"scan.error.{kind}": template for kind, template in ERROR_TEMPLATES.items()},
}

Part = dict
Gettext = Callable[[str], str]


def part(key: str, **params) -> Part:
    if key not in MESSAGES:
        raise KeyError(f"message inconnu : {key}")
    return {"key": key, "params": params}


def text_part(text: str) -> Part:
    """A detail already worded (a file's own error, a kit refusal): shown as it is."""
    return {"text": text}


def scan_part(prefix: str, item: Hint | ScanError) -> Part:
    """A scanner hint or error: its template when it has one, else its (French) text."""
    key = f"scan.{prefix}.{item.key}"
    return {"key": key, "params": item.params} if key in MESSAGES else text_part(item.message)


def render_part(item: Part, gettext: Gettext) -> str:
    if item.get("key") in MESSAGES:
        params = item.get("params") or {}
        return fill(gettext(MESSAGES[template_key(item["key"], params)]), params)
    return str(item.get("text", ""))


def template_key(key: str, params: dict) -> str:
    """A scanner hint said of one card in the singular (scan.messages.counted_key), also when it
    was stored under its plural key before the singular existed (« 1 cartes perdues »)."""
    one = f"{key}_one"
    return one if params.get("count") == 1 and one in MESSAGES else key


def render(parts: list[Part] | None, gettext: Gettext) -> str:
    return SEPARATOR.join(render_part(item, gettext) for item in parts or [])


def french(parts: list[Part] | None) -> str:
    return render(parts, lambda text: text)
