"""A morning already read: need cards with confirmed paraphrases, votes and ticks, for the
afternoon groups page (browser test, screenshots). Call inside an app context."""
from __future__ import annotations

from kit.extensions import db
from kit.models import Card, FieldValue, Participant, Workshop
from printables.payload import CardCode, encode
from tests.support.paraphrases import corpus

FIRST_NAMES = ("Camille", "Loïc", "Cécile", "Benoît", "Maëlle", "Jérôme", "Inès", "Théo")
LAST_NAMES = ("Reynaud", "Faure", "Roux", "Arnaud", "Blanc", "Chabert", "Garcin", "Martin")
CONSENTS = ("public", "participants", "aucun", None)


def seed_needs(workshop: Workshop, count: int = 24) -> list[int]:
    """``count`` need cards of the paraphrase corpus, one per participant; their card ids."""
    texts, _labels = corpus()
    ids = []
    for i, text in enumerate(texts[:count]):
        person = Participant(workshop=workshop, number=i + 1, origin="preregistered",
                             first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
                             last_name=LAST_NAMES[(i // 2) % len(LAST_NAMES)],
                             consent=CONSENTS[i % len(CONSENTS)])
        db.session.add(person)
        serial = workshop.next_serial
        workshop.next_serial += 1
        card = Card(workshop=workshop, code=encode(CardCode(workshop.code, serial, "B")),
                    serial=serial, type_key="besoin", participant=person,
                    participant_number=i + 1)
        db.session.add(card)
        db.session.flush()
        for name, kind, value, source in (("texte", "text", text, "human"),
                                          ("votes", "votes", str((i * 7) % 9), "votes"),
                                          ("travailler", "checkbox",
                                           "1" if i % 3 != 2 else "0", "checkbox")):
            db.session.add(FieldValue(card_id=card.id, field_name=name, kind=kind, value=value,
                                      source=source, confidence=1.0,
                                      review="confirmed" if kind == "text" else "auto"))
        ids.append(card.id)
    db.session.commit()
    return ids
