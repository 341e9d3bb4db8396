"""The printed kit: allocate card codes once, describe the kit, have printables render it.

Codes are allocated from the workshop's serial counter and stored; a reprint reuses every
stored card, so a code already on paper never changes. Only missing cards get new serials.
"""
from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, Participant, Workshop
from kit.models.base import utc_now
from kit.services import prediagnostic, registrations
from kit.services.participants import next_participant_number
from printables.kitdata import KitCard, KitRequest, KitWorkshop, pack_slots
from printables.layout import ZONES, card_type
from printables.payload import MAX_SERIAL, CardCode, encode

# the files printables.kit.write_kit produces, in the order the workshop page lists them
KIT_FILENAMES = ("kit.pdf", "deroule.pdf", "affiches.pdf", "identite.pdf", "frein.pdf",
                 "levier.pdf", "ressource.pdf", "besoin.pdf", "contact.pdf", "graines.pdf",
                 "manifest.json")
PEOPLE_PER_GROUP_SHEET = 5  # the method's working groups are four to six people
MIN_GROUP_SHEETS = 4
CARD_PACK_TYPES = ("identite", "frein", "levier", "ressource", "besoin", "contact")
POSTER_TYPES = tuple(f"poster_{zone}" for zone, _, _ in ZONES)
CardKey = tuple[str, int | None, int]  # (type key, pack number, slot)


class KitError(RuntimeError):
    pass


def card_key(card: Card) -> CardKey:
    return (card.type_key, card.participant_number, card.slot)


def pack_people(workshop: Workshop) -> list[Participant]:
    query = select(Participant).where(Participant.workshop_id == workshop.id,
                                      Participant.origin.in_(("preregistered", "walk_in")),
                                      Participant.number.is_not(None))
    return list(db.session.scalars(query.order_by(Participant.number)))


def blank_numbers(workshop: Workshop) -> list[int]:
    """Numbers of packs printed for nobody yet (walk-ins), lowest first."""
    owned = select(Participant.number).where(Participant.workshop_id == workshop.id,
                                             Participant.number.is_not(None))
    query = (select(Card.participant_number).distinct()
             .where(Card.workshop_id == workshop.id, Card.participant_number.is_not(None),
                    Card.participant_number.not_in(owned)))
    return sorted(db.session.scalars(query))


def group_sheet_count(workshop: Workshop, packs: int) -> int:
    if workshop.group_sheets is not None:
        return workshop.group_sheets
    return max(MIN_GROUP_SHEETS, math.ceil(packs / PEOPLE_PER_GROUP_SHEET))


def wanted_keys(workshop: Workshop, blanks: list[int]) -> list[tuple[CardKey, Participant | None]]:
    """Every card the kit prints, in printing order: packs, blank packs, posters, sheets."""
    owners = [(p.number, p) for p in pack_people(workshop)] + [(n, None) for n in blanks]
    slots = pack_slots(workshop.pack_counts or {})
    keys = [((type_key, number, slot), person) for number, person in owners
            for type_key, slot in slots]
    keys += [((poster, None, 0), None) for poster in POSTER_TYPES]
    sheets = group_sheet_count(workshop, len(owners))
    keys += [(("graine", None, i), None) for i in range(sheets)]
    return keys


def new_card(workshop: Workshop, key: CardKey, person: Participant | None) -> Card:
    serial = workshop.next_serial
    if serial > MAX_SERIAL:
        raise KitError(f"atelier {workshop.code} : plus de {MAX_SERIAL} cartes, numéros épuisés")
    workshop.next_serial = serial + 1
    type_key, number, slot = key
    code = encode(CardCode(workshop.code, serial, card_type(type_key).letter))
    return Card(workshop=workshop, code=code, serial=serial, type_key=type_key,
                participant_number=number, participant=person, slot=slot)


def ensure_cards(workshop: Workshop) -> list[Card]:
    """Create the missing cards (never touching existing ones) and commit; return the new ones."""
    # lock the workshop row: two simultaneous prints must not hand out the same serial
    db.session.execute(select(Workshop.id).where(Workshop.id == workshop.id).with_for_update())
    blanks = blank_numbers(workshop)
    next_number = next_participant_number(workshop)
    while len(blanks) < workshop.blank_packs:
        blanks.append(next_number)
        next_number += 1
    existing = {card_key(c) for c in workshop.cards}
    created = [new_card(workshop, key, person)
               for key, person in wanted_keys(workshop, blanks) if key not in existing]
    db.session.add_all(created)
    created += item_cards(workshop)
    db.session.commit()
    return created


def item_cards(workshop: Workshop) -> list[Card]:
    """Cards for the marked "première base" items that have none yet (issue 5).

    The item's card is printed with its current wording in the text box; the item keeps the
    card, so the printed code maps back to it. These cards belong to no pack.
    """
    created = []
    for item in prediagnostic.items_to_print(workshop):
        if item.card is None:
            slot = sum(1 for c in workshop.cards
                       if c.type_key == item.card_type and c.participant_number is None)
            item.card = new_card(workshop, (item.card_type, None, slot), None)
            db.session.add(item.card)
            created.append(item.card)
        item.card.prefill = {"texte": item.text}
    return created


def identity_prefill(person: Participant) -> dict[str, str]:
    """What the identity card prints in for a person we already know, to be corrected by hand."""
    known = {"nom": person.full_name, "structure": person.structure, "role": person.role,
             "commune": person.commune, "email": person.email or "", "telephone": person.phone}
    return {name: text for name, text in known.items() if text}


def identity_checks(person: Participant) -> tuple[str, ...]:
    checks = [f"acteur_{person.actor_type}" if person.actor_type else "",
              f"territoire_{person.territory}" if person.territory else "",
              f"consentement_{person.consent}" if person.consent else "",
              "newsletter" if person.newsletter else "",
              "journal" if person.journal_volunteer else ""]
    return tuple(check for check in checks if check)


def kit_card(card: Card, answers: dict[int, dict[str, str]] | None = None) -> KitCard:
    """``answers``: participant id -> identity text known from an online registration."""
    person = card.participant
    prefill = dict(card.prefill or {})
    checks: tuple[str, ...] = ()
    if card.type_key == "identite" and person is not None:
        known = (answers or {}).get(person.id, {})
        prefill = {**identity_prefill(person), **known, **prefill}
        checks = identity_checks(person)
    return KitCard(code=card.code, type_key=card.type_key,
                   participant_number=card.participant_number, prefill=prefill,
                   known_checks=checks)


def kit_workshop(workshop: Workshop) -> KitWorkshop:
    return KitWorkshop(code=workshop.code, title=workshop.title, theme=workshop.theme,
                       date=workshop.date, place=workshop.place, start=workshop.start_time,
                       lunch=workshop.lunch_time, end=workshop.end_time,
                       organiser=workshop.organiser, contact=workshop.contact)


def build_kit_request(workshop: Workshop) -> KitRequest:
    """Describe the kit from the stored cards (call ensure_cards first)."""
    by_key = {card_key(c): c for c in workshop.cards}
    blanks = blank_numbers(workshop)[:workshop.blank_packs]
    try:
        chosen = [by_key[key] for key, _ in wanted_keys(workshop, blanks)]
    except KeyError as missing:
        raise KitError(f"carte {missing} absente : appelez ensure_cards d'abord") from None
    answers = registrations.identity_answers(workshop)
    cards = tuple(kit_card(c, answers) for c in chosen)
    # the "première base" items come after the packs (KitRequest.cards: "then extras")
    extras = tuple(kit_card(item.card) for item in prediagnostic.items_to_print(workshop)
                   if item.card is not None)
    return KitRequest(
        workshop=kit_workshop(workshop),
        cards=tuple(c for c in cards if c.type_key in CARD_PACK_TYPES) + extras,
        posters=tuple(c for c in cards if c.type_key in POSTER_TYPES),
        group_sheets=tuple(c for c in cards if c.type_key == "graine"),
        prediagnostic_summary=prediagnostic.summary_lines(workshop))


def runsheet_request(workshop: Workshop) -> KitRequest:
    """The kit as printed, for a run-sheet printed apart (with the volunteers' link); before
    any kit was printed, the workshop alone (the sheet then lists no printed cards)."""
    try:
        return build_kit_request(workshop)
    except KitError:
        return KitRequest(workshop=kit_workshop(workshop), cards=(), posters=(),
                          group_sheets=(),
                          prediagnostic_summary=prediagnostic.summary_lines(workshop))


def kit_dir(kits_root: str, workshop: Workshop) -> Path:
    return Path(kits_root) / workshop.code


def generate_kit(workshop: Workshop, kits_root: str,
                 progress: Callable[[int, int], None] | None = None):
    """Allocate missing codes, render every PDF, store them under ``kits_root/<CODE>/``.

    ``progress(done, total)`` is handed to printables.kit.build_kit (kit_jobs shows it).
    Returns the printables.kit.KitOutput (the CLI also writes it elsewhere).
    """
    # imported here: reportlab and the renderer load only when a kit is actually printed
    from printables.kit import build_kit, write_kit
    from printables.request_check import KitRequestError

    ensure_cards(workshop)
    request = build_kit_request(workshop)
    try:
        output = build_kit(request, progress)
    except KitRequestError as error:  # a bug on our side; say which card, keep the codes
        raise KitError(str(error)) from error
    store_kit(output, kit_dir(kits_root, workshop), write_kit)
    mark_printed(workshop, {c.code for c in (*request.cards, *request.posters,
                                             *request.group_sheets)})
    return output


def store_kit(output, target: Path, write_kit) -> None:
    """Write next to the old kit, then swap, so a download never sees half a kit."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    write_kit(output, staging)
    old = target.with_name(target.name + ".old")
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def mark_printed(workshop: Workshop, codes: set[str]) -> None:
    now = utc_now()
    for card in workshop.cards:
        if card.code in codes and card.printed_at is None:
            card.printed_at = now
    workshop.kit_generated_at = now
    db.session.commit()


def stored_files(kits_root: str, workshop: Workshop) -> list[tuple[str, int]]:
    """(file name, size in bytes) of the stored kit, in KIT_FILENAMES order."""
    folder = kit_dir(kits_root, workshop)
    return [(name, (folder / name).stat().st_size) for name in KIT_FILENAMES
            if (folder / name).is_file()]
