"""The time a photo may take: a deadline that the optional steps of the code search check.

Reading one photo must stay within seconds whatever it shows (issue 8: a bare photo of fine wall
texture once took over two minutes). The full-frame decode always runs; every extra step after
it (finder search tile by tile, the ranked windows around unexplained finders, the blind tiles,
the blur retries) asks ``left()`` first and is skipped, and counted, once the budget is spent.
The photo then says so in a ``time_budget`` hint. Reading the cards already found is never cut.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from scan.thresholds import PHOTO_TIME_BUDGET_S


@dataclass
class Budget:
    seconds: float = PHOTO_TIME_BUDGET_S
    start: float = field(default_factory=time.perf_counter)
    start_cpu: float = field(default_factory=time.process_time)
    skipped: dict[str, int] = field(default_factory=dict)  # step -> how many times it was skipped

    def elapsed(self) -> float:
        """Seconds spent on this photo: the wall clock, or the process's CPU time when that is
        less (a busy machine shares its cores: the budget is for one core's work)."""
        return min(time.perf_counter() - self.start, time.process_time() - self.start_cpu)

    def left(self) -> bool:
        """True while there is time for one more optional step."""
        return self.elapsed() < self.seconds

    def skip(self, step: str, count: int = 1) -> None:
        if count > 0:
            self.skipped[step] = self.skipped.get(step, 0) + count

    @property
    def exhausted(self) -> bool:
        """Some optional step was left out for lack of time."""
        return bool(self.skipped)
