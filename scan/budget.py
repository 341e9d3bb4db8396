"""The time a photo may take: a deadline for the code search, and one for the whole photo.

Reading one photo must stay within seconds whatever it shows (issue 8: a bare photo of fine wall
texture once took over two minutes). The full-frame decode always runs; every extra step after
it (finder search tile by tile, the ranked windows around unexplained finders, the blind tiles,
the blur retries) asks ``left()`` first and is skipped, and counted, once the search's budget
(``seconds``) is spent, or once what is left of the photo's whole budget (``total``) would not
read the codes already found (locate.reading_cost_s: a card's reading is not free). The cards
found are then read, each only while the whole budget lasts (``reading_left()``): a card whose
turn comes after it, or a vote strip, is not read but left unsure (reason "temps") for a person,
never guessed. The photo then says so in a ``time_budget`` hint, with the cards not read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from scan.thresholds import PHOTO_TIME_BUDGET_S, PHOTO_TOTAL_BUDGET_S

OUT_OF_TIME = "temps"  # a box, strip or blank field not read: the photo's time ran out
# the steps that leave a card read but not in full (``Budget.partly``) when the whole budget ends
PARTLY_READ_STEPS = ("refits", "vote_strips")


@dataclass
class Budget:
    seconds: float = PHOTO_TIME_BUDGET_S  # the code search's own deadline
    # the whole photo's (search and reading); by default as far beyond ``seconds`` as
    # PHOTO_TOTAL_BUDGET_S is beyond PHOTO_TIME_BUDGET_S (Budget(60.0): no limit in practice)
    total: float | None = None
    start: float = field(default_factory=time.perf_counter)
    start_cpu: float = field(default_factory=time.process_time)
    skipped: dict[str, int] = field(default_factory=dict)  # step -> how many times it was skipped
    unread: list[str] = field(default_factory=list)  # codes of the cards found but not read
    # codes of the cards read but not in full: a vote strip or a refit left out for time
    partly: list[str] = field(default_factory=list)
    found: list = field(default_factory=list, repr=False)  # the codes found (search.hits)
    # the reading time one code found holds back (by its text): locate.reading_cost_s
    cost: Callable[[str], float] = field(default=lambda text: 0.0, repr=False)

    def __post_init__(self) -> None:
        if self.total is None:
            self.total = self.seconds + (PHOTO_TOTAL_BUDGET_S - PHOTO_TIME_BUDGET_S)

    def elapsed(self) -> float:
        """Seconds spent on this photo: the wall clock, or the process's CPU time when that is
        less (a busy machine shares its cores: the budget is for one core's work)."""
        return min(time.perf_counter() - self.start, time.process_time() - self.start_cpu)

    def watch(self, hits: list, cost: Callable[[str], float]) -> None:
        """The list the search adds its codes to: each one found holds back ``cost(its text)``
        seconds of the whole budget for its card's reading."""
        self.found, self.cost = hits, cost

    def left(self) -> bool:
        """True while there is time for one more optional step of the search: its own budget
        is not spent, and what is left of the whole one still reads the cards found."""
        spent = self.elapsed()
        reserved = sum(self.cost(hit.text) for hit in self.found)
        return spent < self.seconds and spent + reserved < self.whole

    def reading_left(self) -> bool:
        """True while there is time to read one more card or vote strip."""
        return self.elapsed() < self.whole

    @property
    def whole(self) -> float:
        assert self.total is not None  # set in __post_init__
        return self.total

    def left_out_while_reading(self) -> int:
        """How many refits and vote strips have been left out so far (PARTLY_READ_STEPS)."""
        return sum(self.skipped.get(step, 0) for step in PARTLY_READ_STEPS)

    def skip(self, step: str, count: int = 1) -> None:
        if count > 0:
            self.skipped[step] = self.skipped.get(step, 0) + count

    @property
    def exhausted(self) -> bool:
        """Some optional step was left out for lack of time."""
        return bool(self.skipped)
