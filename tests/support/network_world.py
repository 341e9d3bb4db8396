"""A synthetic territory for the network map (issue 12): N actors met at a few workshops, in
structures of the Grand Briançonnais, with confirmed need cards and group sheets. Used by the
browser test, the benchmark and the screenshots. Deterministic for a seed."""
from __future__ import annotations

import random
from dataclasses import dataclass

from kit.extensions import db
from kit.models import Card, FieldValue, Membership, Participant, User, Workshop
from kit.services.territory import BRIANCONNAIS, GUILLESTROIS_QUEYRAS, PAYS_DES_ECRINS
from printables.layout import card_type
from printables.payload import CardCode, encode

FIRST_NAMES = ("Camille", "Sophie", "Lucas", "Nina", "Hugo", "Léa", "Jules", "Manon", "Louis",
               "Chloé", "Gabriel", "Inès", "Arthur", "Zoé", "Paul", "Alice", "Noé", "Emma",
               "Théo", "Jeanne", "Marius", "Rose", "Malo", "Lina", "Victor", "Anaïs")
LAST_NAMES = ("Arnaud", "Chaix", "Blanc", "Faure", "Gravier", "Martin", "Roux", "Bonnet",
              "Eyraud", "Garcin", "Brun", "Borel", "Fine", "Rostolland", "Vallier", "Albrand",
              "Meyer", "Para", "Chevalier", "Michel", "Gondre", "Jacob", "Pic", "Orcière")
STRUCTURE_KINDS = ("Mairie de {}", "Association des parents de {}", "Office de tourisme de {}",
                   "Ferme de {}", "Café associatif de {}", "Régie de {}", "Club alpin de {}",
                   "Épicerie solidaire de {}")
NEEDS = ("Un covoiturage vers {}", "Un lieu pour se réunir à {}", "Des vélos électriques à {}",
         "Un marché de producteurs à {}", "Une navette le samedi depuis {}",
         "Un atelier de réparation à {}", "Une crèche ouverte tôt à {}",
         "Du logement pour les saisonniers à {}")
GROUPS = ("Covoiturage de la vallée", "Marché paysan", "Vélo pour tous", "Jardins partagés",
          "Navette des stations", "Repair café", "Habitat saisonnier", "Crèche parentale",
          "Tiers-lieu", "Épicerie itinérante", "Fête du territoire", "Circuits courts")
THEMES = ("Mobilité", "Alimentation", "Logement", "Mobilité", "Tourisme")
COMMUNES = BRIANCONNAIS + PAYS_DES_ECRINS + GUILLESTROIS_QUEYRAS
CONSENTS = ("public", "public", "participants", "aucun", None)


@dataclass(frozen=True)
class NetworkWorld:
    workshop_codes: tuple[str, ...]
    actor_names: tuple[str, ...]  # "First Last", one per actor, unique
    public_names: tuple[str, ...]  # those who consented "public" everywhere


def confirmed(card: Card, name: str, value: str) -> FieldValue:
    kind = card_type(card.type_key).field(name).kind
    return FieldValue(card=card, field_name=name, kind=kind, value=value, source="human",
                      confidence=1.0, review="confirmed")


def build_network_world(owner: User, actors: int = 300, workshops: int = 5, seed: int = 1,
                        published: bool = True, code_prefix: str = "NET") -> NetworkWorld:
    """Inside an app context: ``workshops`` workshops owned by ``owner`` and ``actors`` people,
    each at one to three of them (same e-mail each time), with needs and groups."""
    rng = random.Random(seed)
    halls = []
    for i in range(workshops):
        hall = Workshop(code=f"{code_prefix}{i + 1}", title=f"Atelier {THEMES[i % len(THEMES)]} "
                        f"{i + 1}", theme=THEMES[i % len(THEMES)], place="Briançon",
                        created_by_id=owner.id)
        if published:
            from kit.models.base import utc_now
            hall.restitution_published_at = utc_now()
        db.session.add(hall)
        db.session.add(Membership(workshop=hall, user_id=owner.id, role="owner"))
        halls.append(hall)
    db.session.flush()
    structures = [(kind.format(commune), commune) for commune in COMMUNES[:30]
                  for kind in STRUCTURE_KINDS[:3]]
    names, public = [], []
    numbers = {hall.id: 0 for hall in halls}
    serial = 0
    by_hall: dict[int, list[Participant]] = {hall.id: [] for hall in halls}
    for n in range(actors):
        first, last = FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[(n // len(FIRST_NAMES))
                                                                     % len(LAST_NAMES)]
        last = last if n < len(FIRST_NAMES) * len(LAST_NAMES) else f"{last}-{n}"
        structure, commune = structures[rng.randrange(len(structures))]
        consent = CONSENTS[n % len(CONSENTS)]
        names.append(f"{first} {last}")
        if consent == "public":
            public.append(f"{first} {last}")
        for hall in rng.sample(halls, rng.choice((1, 1, 2, 3))):
            numbers[hall.id] += 1
            person = Participant(workshop_id=hall.id, number=numbers[hall.id], first_name=first,
                                 last_name=last, structure=structure, commune=commune,
                                 email=f"{first}.{last}.{n}@example.org".lower(),
                                 consent=consent, origin="preregistered",
                                 territory=None, actor_type="association")
            db.session.add(person)
            by_hall[hall.id].append(person)
    db.session.flush()
    for hall in halls:
        people = by_hall[hall.id]
        for person in rng.sample(people, len(people) // 3):
            serial += 1
            card = Card(workshop_id=hall.id, code=encode(CardCode(hall.code, serial, "B")),
                        serial=serial, type_key="besoin", participant_id=person.id,
                        participant_number=person.number)
            db.session.add(card)
            db.session.add(confirmed(card, "texte", rng.choice(NEEDS).format(person.commune)))
        for g in range(max(1, len(people) // 20)):
            serial += 1
            card = Card(workshop_id=hall.id, code=encode(CardCode(hall.code, serial, "G")),
                        serial=serial, type_key="graine", slot=g)
            db.session.add(card)
            db.session.add(confirmed(card, "titre", GROUPS[(g + hall.id) % len(GROUPS)]))
            for row, member in enumerate(rng.sample(people, min(len(people), 6)), start=1):
                db.session.add(confirmed(card, f"membre_{row}_nom", member.full_name))
                db.session.add(confirmed(card, f"membre_{row}_numero", str(member.number)))
    db.session.commit()
    return NetworkWorld(tuple(h.code for h in halls), tuple(names), tuple(public))
