"""The communes of the territory (Hautes-Alpes: Briançonnais, Pays des Écrins,
Guillestrois-Queyras) and their neighbours, as people write them: what a handwritten
"Commune" is matched against. Plain data, accents as on the official names."""
from __future__ import annotations

BRIANCONNAIS = ("Briançon", "Cervières", "La Grave", "La Salle-les-Alpes",
                "Le Monêtier-les-Bains", "Montgenèvre", "Névache", "Puy-Saint-André",
                "Puy-Saint-Pierre", "Saint-Chaffrey", "Val-des-Prés", "Villar-d'Arêne",
                "Villar-Saint-Pancrace")
PAYS_DES_ECRINS = ("L'Argentière-la-Bessée", "Champcella", "Freissinières", "La Roche-de-Rame",
                   "Les Vigneaux", "Puy-Saint-Vincent", "Saint-Martin-de-Queyrières",
                   "Vallouise-Pelvoux")
GUILLESTROIS_QUEYRAS = ("Abriès-Ristolas", "Aiguilles", "Arvieux", "Ceillac",
                        "Château-Ville-Vieille", "Eygliers", "Guillestre", "Molines-en-Queyras",
                        "Mont-Dauphin", "Réotier", "Risoul", "Saint-Clément-sur-Durance",
                        "Saint-Crépin", "Saint-Véran", "Vars")
NEIGHBOURS = ("Embrun", "Gap", "Châteauroux-les-Alpes", "Les Orres", "Crots", "Savines-le-Lac",
              "Chorges", "Baratier", "Saint-André-d'Embrun", "Grenoble", "Marseille", "Lyon")
# short forms people write for a longer official name
SHORT_FORMS = ("L'Argentière", "Monêtier", "Serre-Chevalier", "Vallouise", "Pelvoux")

COMMUNES: tuple[str, ...] = (BRIANCONNAIS + PAYS_DES_ECRINS + GUILLESTROIS_QUEYRAS + NEIGHBOURS
                             + SHORT_FORMS)
