"""The fixed recipes of the second photo family: a tuning part, a held-out part, bare walls.

The held-out part (its seeds) must never be looked at while tuning the scanner: it is only
scored, and reported on its own line of ``make bench-scan``. Changing a recipe here changes
the set: do it only with a note in the commit and new figures in the README.
"""

from __future__ import annotations

from tests.support.field_photos import Recipe

# photos with cards: walls at 2.0-2.7 px/mm (sharp, moving hand, soft focus) and tables
TUNING = tuple(
    Recipe(
        seed, cards=12, blur=("none", "motion", "soft")[seed % 3], table=seed % 5 == 4
    )
    for seed in range(101, 109)
)
HELD_OUT = tuple(
    Recipe(
        seed, cards=12, blur=("none", "motion", "soft")[seed % 3], table=seed % 5 == 4
    )
    for seed in range(9001, 9009)
)
# no card at all: only the time is measured (the 138 s photo of issue 8 was one of these)
BARE = tuple(Recipe(seed, cards=0, blur="none") for seed in range(501, 505))
FAMILIES = {"tuning": TUNING, "held-out": HELD_OUT, "bare walls": BARE}
