"""A realistic KitRequest for tests and benchmarks (the app builds real ones from its database).

Codes get serials 1..N in printing order: posters, packs in participant order, group sheets.
The first participants are "pre-registered" people of the Hautes-Alpes with known answers.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

from printables.kitdata import DEFAULT_PACK, KitCard, KitRequest, KitWorkshop, pack_slots
from printables.layout import CARD_TYPES, POSTERS
from printables.payload import CardCode, encode

PEOPLE = (
    ("Léa Dupré-Fabre", "Mairie de L'Argentière-la-Bessée", "Chargée de mission mobilité",
     "L'Argentière-la-Bessée", "lea.dupre@example.fr", "04 92 23 10 39", "public", "ecrins"),
    ("Mathis Arnaud", "Vélo Club Briançonnais", "Président", "Briançon",
     "mathis.arnaud@example.fr", "06 12 34 56 78", "association", "brianconnais"),
    ("Noémie Garcin", "Auberge du Queyras", "Gérante", "Château-Ville-Vieille",
     "noemie.garcin@example.fr", "", "entreprise", "guillestrois"),
    ("Jérôme Blanc", "", "Habitant, covoitureur", "Saint-Chaffrey",
     "jerome.blanc@example.fr", "07 80 11 22 33", "citoyen", "brianconnais"),
    ("Amélie Roux-Chabrand", "Communauté de communes du Guillestrois et du Queyras",
     "Animatrice territoriale", "Guillestre", "amelie.roux@example.fr", "04 92 45 00 00",
     "public", "guillestrois"),
)
DEMO_WORKSHOP: dict[str, Any] = dict(
                     title="Mobilité douce dans le Grand Briançonnais", theme="Mobilité douce",
                     date=dt.date(2026, 4, 14), place="Salle des fêtes, Briançon",
                     start=dt.time(9, 0), lunch=dt.time(12, 0), end=dt.time(16, 0),
                     organiser="Pays du Grand Briançonnais", contact="atelier@example.fr")


def _identity_answers(index: int) -> tuple[dict[str, str], tuple[str, ...]]:
    name, structure, role, commune, email, phone, actor, territory = PEOPLE[index % len(PEOPLE)]
    prefill = {"nom": name, "structure": structure, "role": role, "commune": commune,
               "email": email, "telephone": phone}
    return ({k: v for k, v in prefill.items() if v},
            (f"acteur_{actor}", f"territoire_{territory}", "newsletter"))


def _pack(workshop_code: str, number: int, first_serial: int, pack: dict[str, int],
          registered_index: int | None) -> list[KitCard]:
    cards = []
    for offset, (key, _) in enumerate(pack_slots(pack)):
        code = encode(CardCode(workshop_code, first_serial + offset, CARD_TYPES[key].letter))
        if key == "identite" and registered_index is not None:
            prefill, checks = _identity_answers(registered_index)
            cards.append(KitCard(code, key, number, prefill, checks))
        else:
            cards.append(KitCard(code, key, number))
    return cards


def demo_request(
    workshop_code: str,
    n_participants: int,
    blank_packs: int,
    pack: dict[str, int] = DEFAULT_PACK,
    group_sheets: int | None = None,
) -> KitRequest:
    """Posters, ``n_participants`` pre-registered packs, ``blank_packs`` walk-in packs, sheets."""
    serial = 1
    posters = []
    for poster in POSTERS:
        posters.append(KitCard(encode(CardCode(workshop_code, serial, poster.letter)), poster.key))
        serial += 1
    cards: list[KitCard] = []
    for number in range(1, n_participants + blank_packs + 1):
        registered = number - 1 if number <= n_participants else None
        cards += _pack(workshop_code, number, serial, pack, registered)
        serial += len(pack_slots(pack))
    if group_sheets is None:  # a group of about five, and two spare sheets
        group_sheets = math.ceil((n_participants + blank_packs) / 5) + 2
    sheets = tuple(KitCard(encode(CardCode(workshop_code, serial + i, "G")), "graine")
                   for i in range(group_sheets))
    return KitRequest(
        KitWorkshop(workshop_code, **DEMO_WORKSHOP), tuple(cards), tuple(posters), sheets
    )
