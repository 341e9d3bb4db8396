"""Territory at a glance: actors, needs and action groups per community of communes (the three
of the Grand Briançonnais, and "hors territoire") and per commune.

A person counts where their commune is (kit.services.territory), else where the territory
box they ticked says; a need where its author is; a group once in each place one of its
members is. Confirmed values only; every actor of the scope counts (counts show no one)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kit.services import contributions, directory
from kit.services.actor_matching import fold
from kit.services.directory import Profile, Scope
from kit.services.territory import (
    BRIANCONNAIS,
    GUILLESTROIS_QUEYRAS,
    NEIGHBOURS,
    PAYS_DES_ECRINS,
)

COMMUNITIES = ("brianconnais", "ecrins", "guillestrois", "hors")  # printables TERRITORIES keys
UNKNOWN = ""  # no commune and no territory ticked
SHORT_FORMS = {"L'Argentière": "L'Argentière-la-Bessée", "Monêtier": "Le Monêtier-les-Bains",
               "Serre-Chevalier": "Saint-Chaffrey", "Vallouise": "Vallouise-Pelvoux",
               "Pelvoux": "Vallouise-Pelvoux"}
OFFICIAL = {fold(name): (name, key) for names, key in (
    (BRIANCONNAIS, "brianconnais"), (PAYS_DES_ECRINS, "ecrins"),
    (GUILLESTROIS_QUEYRAS, "guillestrois"), (NEIGHBOURS, "hors")) for name in names}
OFFICIAL.update({fold(short): OFFICIAL[fold(full)] for short, full in SHORT_FORMS.items()})


def place_of(commune: str, territory: str | None) -> tuple[str, str]:
    """(commune as officially written, or as given; community key or "")."""
    known = OFFICIAL.get(fold(commune))
    if known:
        return known
    return commune.strip(), territory or UNKNOWN


def place_of_profile(profile: Profile) -> tuple[str, str]:
    communes = profile.communes
    return place_of(communes[0] if communes else "", profile.territory)


@dataclass
class Counts:
    """Per community and per commune: (actors, needs, groups)."""
    communities: dict[str, Counter] = field(default_factory=dict)
    communes: dict[str, Counter] = field(default_factory=dict)

    def add(self, what: str, commune: str, community: str) -> None:
        self.communities.setdefault(community, Counter())[what] += 1
        if commune:
            self.communes.setdefault(commune, Counter())[what] += 1


def count(scope: Scope) -> Counts:
    profiles = directory.load_profiles(Scope(scope.workshop_ids, "organisers"))
    where = {}
    counts = Counts({key: Counter() for key in COMMUNITIES})
    for profile in profiles:
        commune, community = place_of_profile(profile)
        counts.add("actors", commune, community)
        for person in profile.participations:
            where[person.id] = (commune, community)
    for workshop in directory.scope_workshops(scope):
        for need in contributions.confirmed_needs(workshop):
            if need.author_id in where:
                counts.add("needs", *where[need.author_id])
        for group in contributions.groups(workshop):
            for place in {where[pid] for pid in group.member_ids if pid in where}:
                counts.add("groups", *place)
    return counts
