"""Factories for the action-group tests: a workshop whose "Graine de projet" sheet was read,
its group, and the referent's link."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from kit.extensions import db
from kit.models.base import utc_now

CONSENTS = ("public", "participants", "aucun", None)
REFERENT_LINK_RE = re.compile(r"https?://[^/\s]+(/groupe-referent/[\w-]+)")


@dataclass
class SeedWorkshop:
    workshop: object
    people: dict  # first name -> participant (numbers 1..4, one consent level each)
    card: object  # the seed sheet


@pytest.fixture
def seed_workshop(app, make_workshop, make_participant, make_card, make_field_value):
    """A workshop with four participants (consent public, participants, aucun, not asked) who
    all wrote their number on one seed sheet, plus a pending (unconfirmed) fifth line."""
    def factory(published: bool = True, **workshop_values) -> SeedWorkshop:
        workshop = make_workshop(**workshop_values)
        names = ("Alice", "Bruno", "Chloé", "Damien")
        people = {name: make_participant(workshop, number=n, first_name=name, last_name="Roux",
                                         consent=consent, email=address(name))
                  for n, (name, consent) in enumerate(zip(names, CONSENTS), start=1)}
        card = make_card(workshop, "graine", zone="graines")
        values = {"titre": "Vélo-bus scolaire", "besoins": "Aller à l’école sans voiture",
                  "envie": "Accompagner les enfants à vélo", "premier_pas": "Tracer un trajet",
                  "prochaine_rencontre": "12 janvier, 18 h, mairie", "referent": "Alice Roux",
                  "ouvert": "1"}
        for row, name in enumerate(names, start=1):
            values |= {f"membre_{row}_nom": f"{name} Roux", f"membre_{row}_numero": str(row),
                       f"membre_{row}_email": address(name)}
        for name, value in values.items():
            make_field_value(card, name, value=value, review="confirmed", crop=False)
        make_field_value(card, "membre_5_nom", proposal="Eve Devinée", crop=False)  # a guess
        if published:
            publish(app, workshop)
        return SeedWorkshop(workshop, people, card)
    return factory


def address(name: str) -> str:
    return f"{name.lower().replace('é', 'e')}@example.org"


def publish(app, workshop) -> None:
    from kit.models import Workshop

    with app.app_context():
        db.session.get(Workshop, workshop.id).restitution_published_at = utc_now()
        db.session.commit()


def only_group(app, workshop):
    from kit.services import group_pages

    with app.app_context():
        from kit.models import Workshop
        [group] = group_pages.workshop_groups(db.session.get(Workshop, workshop.id))
        return group.id, group.public_id


def make_group(app, workshop, confirm: bool = True, referent: str | None = "Alice") -> tuple:
    """Create the seed's group; confirm every proposed member with their matched participant
    and make ``referent`` the referent. Returns (group id, public id)."""
    from kit.models import Workshop
    from kit.services import group_pages, groups

    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        groups.create_from_seeds(live)
        [group] = group_pages.workshop_groups(live)
        for member in list(group.members):
            if confirm:
                groups.confirm_member(member, member.participant_id)
            if referent and member.name.startswith(referent):
                groups.set_referent(group, member)
        return group.id, group.public_id


def referent_secret(app, group_id: int, days: int = 30) -> str:
    from kit.models import ActionGroup
    from kit.services import group_links

    with app.app_context():
        return group_links.create_link(db.session.get(ActionGroup, group_id), days).secret
