"""The fixed recipes of the second photo family: a tuning part, a held-out part, bare walls.

The held-out part (its seeds) must never be looked at while tuning the scanner: it is only
scored, and reported on its own line of ``make bench-scan``. Changing a recipe here changes
the set: do it only with a note in the commit and new figures in the README.
"""

from __future__ import annotations

from tests.support.field_photos import Recipe


def walls(seeds) -> tuple[Recipe, ...]:
    """Walls at 2.0-2.7 px/mm (sharp, moving hand, soft focus), and tables (every 5th seed)."""
    return tuple(
        Recipe(seed, cards=12, blur=("none", "motion", "soft")[seed % 3], table=seed % 5 == 4)
        for seed in seeds
    )


def vote_walls(seeds) -> tuple[Recipe, ...]:
    """Walls of need cards only, for enough vote strips to count (12 per photo)."""
    return tuple(
        Recipe(seed, cards=12, blur=("none", "motion", "soft")[seed % 3], types=("besoin",))
        for seed in seeds
    )


# 8 photos first (seeds 101-108, 9001-9008), widened on 1 December for figures that mean
# something at the 99.5 %: 16 mixed walls and 6 walls of need cards per part.
TUNING = walls(range(101, 117)) + vote_walls(range(121, 127))
HELD_OUT = walls(range(9001, 9017)) + vote_walls(range(9101, 9107))
# no card at all: only the time is measured (the 138 s photo of issue 8 was one of these)
BARE = tuple(Recipe(seed, cards=0, blur="none") for seed in range(501, 505))
FAMILIES = {"tuning": TUNING, "held-out": HELD_OUT, "bare walls": BARE}
