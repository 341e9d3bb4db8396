"""A synthetic workshop after the day, for bench_report and screenshots: ``people`` participants
of every consent, territory and actor type, each with a frein, a levier, a ressource and a
besoin card (in clusters of five, one card in six waiting for review, votes on the needs), and
one project seed per five people. Written straight into the database of the current app."""
from __future__ import annotations

import datetime as dt
import random

from kit.extensions import db
from kit.models import Card, CardReading, FieldValue, Participant, User, Workshop
from kit.models.base import utc_now
from kit.services import members
from printables.labels import ACTOR_TYPES, TERRITORIES
from printables.layout import MEMBER_ROWS, card_type
from printables.payload import CardCode, encode

CONSENTS = ("public", "participants", "aucun", None)
WORDS = {
    "frein": ("Pas de bus le dimanche", "Routes fermées l’hiver", "Horaires de car mal adaptés",
              "Trop cher de se loger près du travail", "Pistes cyclables coupées à la RN94"),
    "levier": ("Covoiturage de village", "Navettes des stations hors saison",
               "Tiers-lieux dans les vallées", "Vélos à assistance prêtés par la mairie"),
    "ressource": ("Atelier vélo associatif de Briançon", "Plateforme de covoiturage locale",
                  "Gare de L’Argentière", "Réseau des accompagnateurs en montagne"),
    "besoin": ("Une navette vers la gare le soir", "Un garage à vélos sécurisé",
               "Une carte des trajets partagés", "Des horaires de car pour les saisonniers",
               "Un lieu pour réparer son vélo"),
}
FIRST = ("Sophie", "Marc", "Nina", "Paul", "Léa", "Jean", "Camille", "Hugo", "Inès", "Louis")
LAST = ("Chaix", "Blanc", "Roux", "Faure", "Garnier", "Bonnet", "Arnaud", "Michel", "Girard")


def value(card: Card, name: str, text: str | None, review: str = "confirmed") -> FieldValue:
    return FieldValue(card=card, field_name=name, kind=card_type(card.type_key).field(name).kind,
                      value=None if review == "pending" else text, proposal=text,
                      source="ocr", confidence=0.9, review=review)


def add_card(workshop: Workshop, serial: int, type_key: str, person: Participant | None,
             cluster: str | None) -> Card:
    card = Card(workshop=workshop, serial=serial, type_key=type_key, slot=0, participant=person,
                participant_number=person.number if person else None,
                code=encode(CardCode(workshop.code, serial, card_type(type_key).letter)))
    db.session.add(CardReading(card=card, zone=type_key + "s", cluster=cluster))
    return card


def add_people(workshop: Workshop, people: int, rng: random.Random) -> list[Participant]:
    found = []
    for number in range(1, people + 1):
        person = Participant(
            workshop=workshop, number=number, first_name=rng.choice(FIRST),
            last_name=f"{rng.choice(LAST)}-{number}", consent=CONSENTS[number % 4],
            territory=TERRITORIES[number % len(TERRITORIES)][0],
            actor_type=ACTOR_TYPES[number % len(ACTOR_TYPES)][0], structure="Association",
            commune="Briançon", email=f"personne{number}@example.org", origin="preregistered")
        db.session.add(person)
        found.append(person)
    return found


def add_walls(workshop: Workshop, people: list[Participant], rng: random.Random) -> int:
    serial = 0
    for type_key, texts in WORDS.items():
        for i, person in enumerate(people):
            serial += 1
            card = add_card(workshop, serial, type_key, person, f"{type_key[0]}{i // 5}-1")
            review = "pending" if i % 6 == 5 else "confirmed"
            db.session.add(value(card, "texte", f"{texts[i % len(texts)]} ({i + 1})", review))
            if type_key == "besoin":
                db.session.add(value(card, "votes", str(rng.randint(0, 9)), "auto"))
    for seed in range(max(1, len(people) // 5)):
        serial += 1
        card = add_card(workshop, serial, "graine", None, None)
        db.session.add_all([value(card, "titre", f"Graine n° {seed + 1} : vélo-bus scolaire"),
                            value(card, "envie", "Accompagner les enfants à vélo jusqu’à l’école"),
                            value(card, "ouvert", "1", "auto")])
        for row in range(1, min(MEMBER_ROWS, 4) + 1):
            member = people[(seed * 5 + row) % len(people)]
            db.session.add_all([value(card, f"membre_{row}_nom", member.full_name),
                                value(card, f"membre_{row}_numero", str(member.number))])
    return serial


def make_workshop(code: str, people: int, owner: User | None = None, seed: int = 1) -> Workshop:
    rng = random.Random(seed)
    workshop = Workshop(code=code, title="Mobilité douce dans le Grand Briançonnais",
                        theme="Mobilité douce", date=dt.date(2026, 11, 14),
                        place="Centre des congrès, Briançon", start_time=dt.time(9),
                        lunch_time=dt.time(12, 30), end_time=dt.time(17),
                        organiser="PETR du Briançonnais", contact="mobilite@example.org",
                        created_by=owner, restitution_published_at=utc_now())
    db.session.add(workshop)
    if owner is not None:
        members.add_member(workshop, owner, "owner", commit=False)
    workshop.next_serial = add_walls(workshop, add_people(workshop, people, rng), rng) + 1
    db.session.commit()
    return workshop
