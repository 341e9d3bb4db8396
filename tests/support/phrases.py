"""What participants write on the cards: short French texts of the Hautes-Alpes, with accents."""
from __future__ import annotations

import numpy as np

NAMES = ("Éloïse Garnier", "Mathéo Rolland", "Françoise Bérard", "Loïc Faure", "Anaïs Michel",
         "Jérôme Chabrand", "Cécile Roux", "Noël Para", "Maëlle Gontard", "Benoît Arnaud")
STRUCTURES = ("Mairie de L'Argentière", "Office de tourisme", "Association Mobil'Écrins",
              "Communauté de communes", "Ferme de la Clarée", "Garage solidaire", "Collège",
              "Parc national des Écrins", "Café associatif")
ROLES = ("Élue aux mobilités", "Chargé de mission", "Bénévole", "Agricultrice", "Gérant",
         "Animatrice", "Directeur", "Retraité")
COMMUNES = ("Briançon", "Embrun", "Guillestre", "Vallouise-Pelvoux", "Névache", "L'Argentière",
            "Montgenèvre", "Saint-Véran", "Châteauroux-les-Alpes", "Puy-Saint-André")
EMAILS = ("e.garnier@briancon.fr", "loic.faure@orange.fr", "cecile.roux@gmail.com",
          "contact@mobilecrins.org", "m.gontard@laposte.net")
PHONES = ("06 12 34 56 78", "04 92 21 08 15", "07 81 45 22 90", "06 70 11 38 64")
FREINS = ("Pas de bus le dimanche vers les stations", "Trop de voitures à Briançon l'été",
          "Pistes cyclables coupées à Prelles", "Le train de nuit est souvent supprimé",
          "Peu de parkings vélo sécurisés", "Covoiturage mal connu des habitants")
LEVIERS = ("Une navette partagée entre communes", "Prêt de vélos électriques à la mairie",
           "Réseau d'autostop organisé", "Horaires de car coordonnés avec le TER",
           "Achats groupés de vélos cargos")
RESSOURCES = ("La Vélo-école de Guillestre", "Le garage solidaire d'Embrun",
              "Rézo Pouce dans le Queyras", "Les bénévoles du café associatif")
BESOINS = ("Une carte des trajets partagés", "Des abris vélo près des écoles",
           "Un référent mobilité par vallée", "Plus d'information en français et en italien")
WHY = ("Connaît bien les élus", "A monté une navette en 2023", "Gère le réseau de bénévoles",
       "Peut prêter une salle")
PROJECTS = ("Navette des hameaux", "Atelier vélo mobile", "Covoiturage des saisonniers")
STEPS = ("Réunir les communes volontaires en mars", "Écrire à la Région pour les horaires",
         "Faire une enquête auprès des habitants")
DATES = ("Jeudi 12 à 18 h, mairie", "Le 3 avril à Embrun", "Mi-mai, à définir")

BY_FIELD = {"nom": NAMES, "structure": STRUCTURES, "role": ROLES, "commune": COMMUNES,
            "email": EMAILS, "telephone": PHONES, "fais": ROLES + STRUCTURES,
            "enjeux": FREINS + BESOINS, "contact": NAMES + PHONES, "pourquoi": WHY,
            "coordonnees": PHONES + EMAILS, "titre": PROJECTS, "besoins": BESOINS,
            "envie": LEVIERS + BESOINS, "premier_pas": STEPS, "prochaine_rencontre": DATES,
            "referent": NAMES}
TEXT_BY_TYPE = {"frein": FREINS, "levier": LEVIERS, "ressource": RESSOURCES, "besoin": BESOINS}


def phrase_for(type_key: str, field_name: str, kind: str, rng: np.random.Generator) -> str:
    """A plausible handwritten answer for one field of one card type."""
    if field_name.startswith("membre_"):
        pool = {"number": tuple(str(n) for n in range(1, 40)), "email": EMAILS}.get(kind, NAMES)
    elif field_name == "texte":
        pool = TEXT_BY_TYPE.get(type_key, FREINS)
    else:
        pool = BY_FIELD.get(field_name, FREINS)
    return pool[int(rng.integers(len(pool)))]
