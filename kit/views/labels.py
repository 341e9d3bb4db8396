"""Translated names of the keys the review and results pages show (states, card types, zones)."""
from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from printables.layout import card_type

STATE_LABELS = {"pending": _l("À vérifier"), "auto": _l("Accepté automatiquement"),
                "confirmed": _l("Confirmé"), "corrected": _l("Corrigé"),
                "unreadable": _l("Illisible"), "empty": _l("Vide"), "missing": _l("Non lu")}
CARD_TYPE_LABELS = {"identite": _l("Qui fait quoi ?"), "frein": _l("Frein"),
                    "levier": _l("Levier"), "ressource": _l("Ressource / initiative locale"),
                    "besoin": _l("Besoin / manque"), "contact": _l("Contact utile"),
                    "graine": _l("Graine de projet")}
SECTION_LABELS = {"frein": _l("Freins"), "levier": _l("Leviers"),
                  "ressource": _l("Ressources & initiatives"), "besoin": _l("Besoins")}
ZONE_LABELS = {"freins": _l("Mur des freins"), "leviers": _l("Mur des leviers"),
               "ressources": _l("Mur des ressources & initiatives"),
               "besoins": _l("Mur des besoins"), "graines": _l("Mur des graines de projet")}


MARK_LABELS = {"1": _l("coché"), "0": _l("vide")}


def mark_label(mark: str | None) -> str:
    """A checkbox decision in words: coché, vide, or incertain (nothing sure was read)."""
    return str(MARK_LABELS.get(mark or "", _l("incertain")))


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


def card_type_label(type_key: str) -> str:
    if type_key in CARD_TYPE_LABELS:
        return str(CARD_TYPE_LABELS[type_key])
    return card_type(type_key).title


def section_label(type_key: str) -> str:
    return str(SECTION_LABELS.get(type_key, type_key))


def zone_label(zone: str | None) -> str:
    if not zone:
        return str(_l("Hors des murs"))
    return str(ZONE_LABELS.get(zone, zone))


def cluster_label(key: str) -> str:
    """Clusters are numbered per photo (kit.services.sightings.cluster_key: "<photo>-<n>")."""
    photo, dash, number = key.partition("-")
    if dash and photo.isdigit() and number.isdigit():
        return gettext("groupe %(num)s de la photo %(photo)s", num=number, photo=photo)
    return gettext("groupe %(name)s", name=key)


TEMPLATE_GLOBALS = (state_label, mark_label, card_type_label, section_label, zone_label,
                    cluster_label)
