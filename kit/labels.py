"""Labels of the keys stored for a person, one table for forms, pages and exports.

The French text is defined once: in printables.labels for what the identity card prints
(territory, actor type, consent), here for the app's own keys (origin). It is translated where
it is shown: ``translated_label`` in pages, lazily in forms, French in files made outside a
request.
"""
from __future__ import annotations

from collections.abc import Callable

from kit.i18n import N_
from printables.labels import ACTOR_TYPES, CONSENTS, TERRITORIES

ORIGINS = (("preregistered", N_("Inscrit·e à l'avance")), ("walk_in", N_("Arrivé·e sur place")),
           ("useful_contact", N_("Contact utile")))
LABELS = {"territory": dict(TERRITORIES), "actor_type": dict(ACTOR_TYPES),
          "consent": dict(CONSENTS), "origin": dict(ORIGINS)}


def french_label(kind: str, key: str | None) -> str:
    """The French label of a stored key; a key no longer offered is shown as stored."""
    return LABELS[kind].get(key, key) if key else ""


def translated_label(kind: str, key: str | None, gettext: Callable[[str], str]) -> str:
    if not key:
        return ""
    return gettext(LABELS[kind][key]) if key in LABELS[kind] else key
