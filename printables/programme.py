"""What the run-sheet says, as plain data (no PDF): the day's programme, counts, materials, photos.

Times come from KitWorkshop.start / lunch / end; the steps of each half-day are placed at
fixed fractions of it, rounded to 5 minutes, so a 9h-16h day and a 9h30-17h day both work.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from printables.kitdata import KitRequest, KitWorkshop
from printables.wording import FRENCH_DAYS, FRENCH_MONTHS

DEFAULT_START, DEFAULT_LUNCH, DEFAULT_END = dt.time(9, 0), dt.time(12, 0), dt.time(16, 0)
LUNCH_MINUTES = 60
ROUND_MINUTES = 5
CHECKBOX_MM = 4.0
VOTES_PER_PERSON = 5  # gommettes: enough to weigh a few needs, few enough to force a choice

MORNING = (
    (0.0, "Accueil : chacun reçoit la pochette à son numéro."),
    (0.15, "Se connaître : carte « Qui fait quoi ? » remplie au feutre, affichée, tour de table."),
    (0.4, "Se parler : cartes Frein, Levier, Ressource et Besoin, collées sous leurs affiches."),
    (0.8, "Lecture des murs et vote des besoins avec les gommettes."),
)
AFTERNOON = ((0.0, "Coopérer : des groupes se forment autour des besoins les plus votés."),
             (0.1, "Graines de projet : chaque groupe remplit sa feuille."),
             (0.7, "Partage des graines, appel à de nouveaux membres, cartes Contact utile."),
             (0.85, "Photos des murs et des feuilles (voir plus bas), clôture."))
COUNT_LABELS = {"identite": "cartes « Qui fait quoi ? »", "frein": "cartes Frein",
                "levier": "cartes Levier", "ressource": "cartes Ressource / initiative locale",
                "besoin": "cartes Besoin / manque", "contact": "cartes Contact utile",
                "graine": "feuilles « Graine de projet »", "poster": "affiches de zone"}
PHOTO_GUIDE = (
    "Distance : à environ 2 m du mur, une portion de 1,5 m de large par photo, "
    "entière dans le cadre.",
    "Face au mur : téléphone tenu droit, parallèle au mur, au centre de la portion ; pas de photo "
    "en biais (30° au plus).",
    "Lumière : éclairage régulier, sans reflet ni contre-jour ; éteindre le flash.",
    "Chevauchement : chaque photo reprend environ 30 % de la précédente ; "
    "avancer de gauche à droite.",
    "Commencer chaque mur par une photo où son affiche de zone est visible.",
    "Netteté : toucher l'écran sur les cartes pour la mise au point, rester immobile, refaire les "
    "photos floues.",
    "Une photo rapprochée de chaque feuille « Graine de projet », à plat et en entier.",
    "Ne décoller les cartes qu'après avoir vérifié les photos.",
)


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[tuple[str, str], ...] = ()
    left_column_mm: float = 28.0
    bold_left: bool = False
    intro: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


def format_time(time: dt.time) -> str:
    return f"{time.hour} h" if time.minute == 0 else f"{time.hour} h {time.minute:02d}"


def format_date(date: dt.date) -> str:
    day = "1er" if date.day == 1 else str(date.day)
    return f"{FRENCH_DAYS[date.weekday()]} {day} {FRENCH_MONTHS[date.month - 1]} {date.year}"


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _at(minutes: float) -> dt.time:
    rounded = int(round(minutes / ROUND_MINUTES) * ROUND_MINUTES) % (24 * 60)
    return dt.time(rounded // 60, rounded % 60)


def day_times(workshop: KitWorkshop) -> tuple[int, int, int, int]:
    """Start, lunch, afternoon start and end, in minutes after midnight."""
    start = _minutes(workshop.start or DEFAULT_START)
    lunch = _minutes(workshop.lunch or DEFAULT_LUNCH)
    end = _minutes(workshop.end or DEFAULT_END)
    if not start < lunch < end:  # the app validates times; a bad set falls back to the usual day
        start, lunch, end = map(_minutes, (DEFAULT_START, DEFAULT_LUNCH, DEFAULT_END))
    return start, lunch, min(lunch + LUNCH_MINUTES, end), end


def _steps(begin: int, end: int, steps: tuple[tuple[float, str], ...]) -> list[tuple[str, str]]:
    return [(format_time(_at(begin + fraction * (end - begin))), text) for fraction, text in steps]


def programme(workshop: KitWorkshop, left_column_mm: float = 28.0) -> Section:
    start, lunch, afternoon, end = day_times(workshop)
    rows = (_steps(start, lunch, MORNING) + [(format_time(_at(lunch)), "Déjeuner.")]
            + _steps(afternoon, end, AFTERNOON) + [(format_time(_at(end)), "Fin de l'atelier.")])
    intro = (
        f"Matin, {format_time(_at(start))} – {format_time(_at(lunch))} : se connaître, se parler. "
        f"Après-midi, {format_time(_at(afternoon))} – {format_time(_at(end))} : coopérer.",
    )
    return Section("Programme de la journée", tuple(rows), left_column_mm, True, intro)


def _numbers(request: KitRequest) -> list[int]:
    return sorted({c.participant_number for c in request.cards if c.participant_number is not None})


def printed_counts(request: KitRequest, left_column_mm: float = 20.0) -> Section:
    counts = Counter(c.type_key for c in request.cards)
    counts["graine"] = len(request.group_sheets)
    counts["poster"] = len(request.posters)
    rows = [(str(counts[key]), label) for key, label in COUNT_LABELS.items() if counts[key]]
    numbers = _numbers(request)
    if numbers:
        rows.insert(
            0, (str(len(numbers)), f"pochettes personnelles, n° {numbers[0]} à {numbers[-1]}")
        )
    intro = ("Toutes les cartes d'une pochette portent le même numéro. Les pochettes sans nom "
             "sont pour les personnes venues sans inscription.",)
    return Section("Ce qui a été imprimé", tuple(rows), left_column_mm, True, intro)


def materials(request: KitRequest) -> Section:
    packs = max(len(_numbers(request)), 1)
    sheets = len(request.group_sheets)
    return Section("Matériel à prévoir", checklist=(
        f"{packs} pochettes ou enveloppes, une par numéro, cartes découpées et rangées",
        f"{packs} feutres noirs à pointe moyenne (pas de stylo bille : il se lit mal en photo)",
        f"{packs * VOTES_PER_PERSON} gommettes rondes d'environ 8 mm ({VOTES_PER_PERSON} par "
        f"personne) pour voter sur les besoins",
        "Pâte adhésive ou ruban de masquage (scotch) pour les cartes et les affiches",
        f"Les {len(request.posters)} affiches de zone, collées à hauteur d'yeux",
        f"{sheets} feuilles « Graine de projet » et une table par groupe",
        "Massicot ou ciseaux (traits de coupe dans les marges)",
        "Un téléphone chargé (12 mégapixels ou plus) et une batterie de secours",
        "Quelques cartes vierges en réserve et ce déroulé",
    ))


def photo_guide() -> Section:
    return Section("Photographier les murs", bullets=PHOTO_GUIDE, intro=(
        "Les photos servent à numériser les cartes : chaque code doit être net et entier.",))


def workshop_header(workshop: KitWorkshop) -> tuple[str, list[str]]:
    start, _, _, end = day_times(workshop)
    details = [workshop.theme] if workshop.theme else []
    when = format_date(workshop.date) + ", " if workshop.date else ""
    details.append(f"{when}{format_time(_at(start))} – {format_time(_at(end))}"
                   + (f" · {workshop.place}" if workshop.place else ""))
    people = " · ".join(p for p in (workshop.organiser, workshop.contact) if p)
    if people:
        details.append(f"Organisation : {people}")
    details.append(f"Code de l'atelier : {workshop.code}")
    return workshop.title, details
