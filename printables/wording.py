"""The French wording printed on the kit, besides the field labels of printables.layout.

Kept in one place so that an English kit is one mapping away (the app would pass already
translated strings; see STYLE.md, i18n). Plain text, never markup.
"""
from __future__ import annotations

# A short prompt printed in the free lower right corner of a small card (not on Besoin,
# whose corner holds the "je veux y travailler" checkbox).
CARD_PROMPTS = {
    "frein": "Ce qui bloque, freine ou décourage. Une idée par carte.",
    "levier": "Ce qui aide ou pourrait aider. Une idée par carte.",
    "ressource": "Ce qui existe déjà près de chez vous : lieu, projet, savoir-faire.",
    "contact": "Une personne ou une structure à inviter la prochaine fois.",
}
GROUP_HEADINGS = {
    "acteur": "Je suis :",
    "territoire": "Mon territoire :",
    "consentement": "Mes coordonnées peuvent figurer dans :",
}
# How to answer a checkbox, printed beside the boxes on every item that has some (identity card,
# need card, group sheet). The scanner reads it this way (README, "Convention"): a tick, a cross
# or a box filled inside its outline is "yes" (a filled box as a proposal a person confirms); a
# box scribbled out past its outline is cancelled (a proposal too), never "yes".
CHECKBOX_CONVENTION = (
    "Oui\u00a0: cochez, croisez ou remplissez la case.",
    "Pour annuler\u00a0: gribouillez-la en débordant.",
)
NUMBER = "N° {number}"
NUMBER_BLANK = "N° ______"
KNOWN_HINT = ("En gris : ce que nous savons déjà, corrigez à la main si besoin. "
              "Cases soulignées : à cocher vous-même si c'est toujours vrai.")
SHEET_SUBTITLE = "Une idée de projet, un groupe pour la faire pousser. Remplissez au feutre noir."
MEMBER_HEADERS = {"nom": "Nom et prénom", "numero": "N° participant", "email": "E-mail"}
MEMBERS_TITLE = "Membres du groupe"
POSTER_NUMBER = "Zone {number}"
POSTER_HINTS = {
    "freins": "Collez ici les cartes Frein : ce qui bloque ou décourage.",
    "leviers": "Collez ici les cartes Levier : ce qui aide ou pourrait aider.",
    "ressources": "Collez ici les cartes Ressource : ce qui existe déjà sur le territoire.",
    "besoins": "Collez ici les cartes Besoin, puis votez avec vos gommettes.",
    "graines": "Affichez ici les feuilles « Graine de projet » de chaque groupe.",
}
POSTER_PHOTO_HINT = "Photographiez ce mur avec cette affiche visible dans la photo."

FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")
