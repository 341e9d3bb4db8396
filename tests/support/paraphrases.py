"""A fixed French corpus of paraphrased needs, written for the grouping measure (issue 11).

Written like cards on a wall: short, other words for the same thing, abbreviations, no accents
sometimes. Each group says one thing in several ways; the distractors share words with a group
but mean something else (``None``: they belong to no group). Used by
tests/unit/test_grouping_corpus.py and benchmarks/bench_grouping.py; never by the tuning of a
threshold at run time (the app sees only the workshop's own cards).
"""
from __future__ import annotations

from itertools import combinations

GROUPS: dict[str, tuple[str, ...]] = {
    "bus_dimanche": (
        "Pas de bus le dimanche",
        "Transports en commun rares le week-end",
        "Aucune navette le samedi et le dimanche",
        "Le WE on ne peut pas se déplacer sans voiture, plus de cars",
        "Des horaires de car pour les jours fériés et week-ends",
    ),
    "logement_saisonniers": (
        "Logement des saisonniers trop cher",
        "Les travailleurs saisonniers ne trouvent pas à se loger",
        "Loger les saisonniers à un prix abordable",
        "Manque de logements pour le personnel des stations l'hiver",
        "Des studios pour les employés saisonniers",
    ),
    "velo_securise": (
        "Pistes cyclables sécurisées entre les villages",
        "Faire du vélo sur la nationale est dangereux",
        "Besoin d'une voie verte pour aller au travail à vélo",
        "Des aménagements cyclables le long de la Durance",
        "Circuler à bicyclette sans risque entre Briançon et Embrun",
    ),
    "covoiturage": (
        "Une application de covoiturage locale",
        "Partager sa voiture pour aller au boulot",
        "Mettre en relation les conducteurs et les passagers",
        "Organiser le covoit entre voisins de la vallée",
        "Des aires de covoiturage aux entrées de village",
    ),
    "medecins": (
        "Manque de médecins généralistes",
        "Trop de délai pour un rendez-vous chez le docteur",
        "Déserts médicaux dans la vallée",
        "Attirer des médecins à la campagne",
        "Pas de généraliste à moins de 40 minutes",
    ),
    "info_locale": (
        "Savoir ce qui se passe près de chez soi",
        "Un agenda des événements du territoire",
        "L'info locale est dispersée sur trop de réseaux",
        "Un journal local pour annoncer les sorties et réunions",
        "Être au courant des initiatives du coin",
    ),
    "jeunes_sorties": (
        "Des lieux pour les ados le soir",
        "Les jeunes s'ennuient, rien à faire après les cours",
        "Un espace jeunesse ouvert le week-end",
        "Activités pour les 15-20 ans hors saison",
    ),
    "commerce_proximite": (
        "Plus d'épicerie dans le village",
        "Faire ses courses sans descendre en ville",
        "Un commerce de proximité ou multiservice",
        "Les petits magasins ferment les uns après les autres",
        "Une épicerie ambulante pour les hameaux",
    ),
    "benevoles": (
        "Les assos manquent de bénévoles",
        "Trouver des volontaires pour les associations",
        "Renouveler les bénévoles qui s'essoufflent",
        "Donner envie aux gens de s'engager dans les associations",
    ),
    "numerique": (
        "Réseau mobile absent dans certains hameaux",
        "Pas de 4G ni de fibre en haute vallée",
        "Une connexion internet correcte pour télétravailler",
        "Zones blanches : impossible de téléphoner",
    ),
}
# Near misses: they share words with a group but ask for something else.
DISTRACTORS: tuple[str, ...] = (
    "Le bus scolaire part trop tôt le matin",
    "Un atelier de réparation de vélos",
    "Loger les artistes en résidence",
    "Un médecin du sport pour le club de ski",
    "Former les bénévoles aux premiers secours",
)


def corpus() -> tuple[list[str], list[str | None]]:
    """The texts and, for each, its intended group (None for a distractor)."""
    texts, labels = [], []
    for name, members in GROUPS.items():
        texts += members
        labels += [name] * len(members)
    texts += DISTRACTORS
    labels += [None] * len(DISTRACTORS)
    return texts, labels


def intended_pairs(labels: list[str | None]) -> set[tuple[int, int]]:
    return {(i, j) for i, j in combinations(range(len(labels)), 2)
            if labels[i] is not None and labels[i] == labels[j]}
