"""Translated names of the keys the review and results pages show (states, card types, zones)."""
from __future__ import annotations

import re

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


# why two actors are proposed as one person (kit.services.actor_matching)
PROPOSAL_REASON_LABELS = {"email": _l("Même e-mail"),
                          "name_structure": _l("Nom proche, même structure"),
                          "name_commune": _l("Nom proche, même commune (sans structure)")}
CHANGE_KIND_LABELS = {"merge": _l("Fusion"), "split": _l("Séparation"),
                      "distinct": _l("Pas la même personne")}


def proposal_reason_label(reason: str) -> str:
    return str(PROPOSAL_REASON_LABELS.get(reason, reason))


def change_kind_label(kind: str) -> str:
    return str(CHANGE_KIND_LABELS.get(kind, kind))


MARK_LABELS = {"1": _l("coché"), "0": _l("vide")}
# The printed cards are French (printables/layout.py); the review pages name their fields in the
# reader's language. Every label of the layout is here (a test checks it).
FIELD_LABELS = {label: text for label, text in (
    ("Prénom et nom", _l("Prénom et nom")), ("Nom", _l("Nom")),
    ("Structure", _l("Structure")), ("Rôle / fonction", _l("Rôle / fonction")),
    ("Commune", _l("Commune")), ("Téléphone", _l("Téléphone")), ("E-mail", _l("E-mail")),
    ("Ce que je fais", _l("Ce que je fais")),
    ("Mes enjeux sur la thématique", _l("Mes enjeux sur la thématique")),
    ("Acteur public", _l("Acteur public")), ("Association", _l("Association")),
    ("Entreprise", _l("Entreprise")), ("Citoyen·ne", _l("Citoyen·ne")),
    ("Porteur·se de projet", _l("Porteur·se de projet")),
    ("Socioprofessionnel·le", _l("Socioprofessionnel·le")),
    ("Briançonnais", _l("Briançonnais")), ("Pays des Écrins", _l("Pays des Écrins")),
    ("Guillestrois-Queyras", _l("Guillestrois-Queyras")),
    ("Hors territoire", _l("Hors territoire")),
    ("Carnet d'adresses partagé avec les participants",
     _l("Carnet d'adresses partagé avec les participants")),
    ("Restitution publique", _l("Restitution publique")),
    ("Ni l'un ni l'autre", _l("Ni l'un ni l'autre")),
    ("Recevoir la lettre d'information", _l("Recevoir la lettre d'information")),
    ("Bénévole pour le journal", _l("Bénévole pour le journal")),
    ("Le frein, en quelques mots", _l("Le frein, en quelques mots")),
    ("Le levier, en quelques mots", _l("Le levier, en quelques mots")),
    ("La ressource ou l'initiative", _l("La ressource ou l'initiative")),
    ("Le besoin ou le manque", _l("Le besoin ou le manque")),
    ("Votes : une gommette par cercle", _l("Votes : une gommette par cercle")),  # layout 1
    ("Votes\u00a0: collez une gommette ou tracez un trait par vote",
     _l("Votes\u00a0: collez une gommette ou tracez un trait par vote")),
    ("Je veux y travailler", _l("Je veux y travailler")),
    ("Qui ? Contact", _l("Qui ? Contact")),
    ("Contact (téléphone ou e-mail)", _l("Contact (téléphone ou e-mail)")),
    ("Pourquoi utile ?", _l("Pourquoi utile ?")),
    ("Titre du projet", _l("Titre du projet")),
    ("Besoins auxquels il répond", _l("Besoins auxquels il répond")),
    ("Ce que nous voulons faire", _l("Ce que nous voulons faire")),
    ("Premier pas", _l("Premier pas")), ("Référent·e", _l("Référent·e")),
    ("Prochaine rencontre", _l("Prochaine rencontre")),
    ("Ouvert à de nouveaux membres", _l("Ouvert à de nouveaux membres")),
)}
MEMBER_FIELD_RE = re.compile(r"Membre (\d+) : (nom|e-mail|n°)")
MEMBER_FIELDS = {"nom": _l("Membre %(num)s : nom"), "e-mail": _l("Membre %(num)s : e-mail"),
                 "n°": _l("Membre %(num)s : n°")}


def field_text(label: str) -> str:
    """A printed field's label (French, from the layout) in the reader's language."""
    member = MEMBER_FIELD_RE.fullmatch(label)
    if member:
        return str(MEMBER_FIELDS[member.group(2)]) % {"num": member.group(1)}
    return str(FIELD_LABELS.get(label, label))


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
                    cluster_label, field_text, proposal_reason_label, change_kind_label)
