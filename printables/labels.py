"""The labels of a person's answers: actor type, territory, consent, and the French plural rule
the app, the kit and the scanner's command line share. Standard library only.

Defined once, here: the identity card prints them in French (printables.layout), and the app
shows them in forms, pages and exports, translated where they are shown. ``N_`` marks them for
pybabel (kit/babel.cfg extracts this file too).
"""
from __future__ import annotations


def N_(text: str) -> str:
    """Mark ``text`` for extraction (pybabel -k N_); it stays French here and is translated where
    it is shown."""
    return text


def french_plural(singular: str, plural: str, num: int) -> str:
    """``singular`` or ``plural`` (with ``%(num)s``) said of ``num`` where no translation is at
    hand (CLI, a text made outside a request): French takes the singular for 0 and 1, « 0 photo
    nettoyée », as the Plural-Forms of kit/translations/fr (n > 1); never « carte(s) »."""
    return (plural if num > 1 else singular) % {"num": num}


ACTOR_TYPES = (("socioprofessionnel", N_("Socioprofessionnel·le")),
               ("public", N_("Acteur public")), ("entreprise", N_("Entreprise")),
               ("association", N_("Association")), ("porteur", N_("Porteur·se de projet")),
               ("citoyen", N_("Citoyen·ne")))
TERRITORIES = (("brianconnais", N_("Briançonnais")), ("ecrins", N_("Pays des Écrins")),
               ("guillestrois", N_("Guillestrois-Queyras")), ("hors", N_("Hors territoire")))
CONSENTS = (("participants", N_("Carnet d'adresses partagé avec les participants")),
            ("public", N_("Restitution publique")), ("aucun", N_("Ni l'un ni l'autre")))
