"""Confidence means something: on random single cards (tests.support.readings: every mark,
sticker size and placement, pastel paper, shadow, curl, an inexact fit, frame cuts, covers), no
checkbox or vote count read at confidence >= 0.8 is wrong. The wider measure (hundreds of cards,
error rate among confident readings) is `python -m benchmarks.bench_readings`."""

from benchmarks.bench_readings import Tally, score_case
from tests.support.readings import make_case

SEEDS = range(2000, 2020)  # kept apart from the seeds the thresholds were looked at with


def test_no_confident_reading_is_wrong_on_random_cards():
    boxes, votes = Tally(), Tally()
    for seed in SEEDS:
        score_case(make_case(seed), seed, boxes, votes)
    assert boxes.confident > 80 and votes.confident >= 2  # the test measures something
    assert boxes.examples == [] and votes.examples == []
