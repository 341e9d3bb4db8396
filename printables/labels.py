"""The labels of a person's answers: actor type, territory, consent. Standard library only.

Defined once, here: the identity card prints them in French (printables.layout), and the app
shows them in forms, pages and exports, translated where they are shown. ``N_`` marks them for
pybabel (kit/babel.cfg extracts this file too).
"""
from __future__ import annotations


def N_(text: str) -> str:
    """Mark ``text`` for extraction; it stays French here and is translated where it is shown."""
    return text


ACTOR_TYPES = (("socioprofessionnel", N_("Socioprofessionnel·le")),
               ("public", N_("Acteur public")), ("entreprise", N_("Entreprise")),
               ("association", N_("Association")), ("porteur", N_("Porteur·se de projet")),
               ("citoyen", N_("Citoyen·ne")))
TERRITORIES = (("brianconnais", N_("Briançonnais")), ("ecrins", N_("Pays des Écrins")),
               ("guillestrois", N_("Guillestrois-Queyras")), ("hors", N_("Hors territoire")))
CONSENTS = (("participants", N_("Carnet d'adresses partagé avec les participants")),
            ("public", N_("Restitution publique")), ("aucun", N_("Ni l'un ni l'autre")))
