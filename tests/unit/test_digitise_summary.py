"""The message a photo gets after digitisation: the scanner's warnings about blur, codes seen but
not read and a photo cut short are shown even when cards were read (issue 8 points 4 and 5)."""

import numpy as np

from kit.services.digitise import Outcome, summary
from kit.status_messages import french
from scan.results import Hint, PhotoReading, ScanError


def reading_with(hints, errors) -> PhotoReading:
    return PhotoReading("mur.jpg", 4000, 3000, hints=hints, errors=errors)


def test_cards_read_and_warnings_said_once():
    lost = [
        ScanError("Code QR repéré ici mais illisible.", "unreadable_code", None, np.zeros((4, 2)))
        for _ in range(2)
    ]
    hints = [
        Hint("too_blurred", "Photo floue.", 0.2, 0.25),
        Hint("lost_codes", "2 codes illisibles.", 2.0, 0.0),
        Hint("time_budget", "Lecture arrêtée.", 1.9, 1.8),
    ]
    status, message = summary(
        None, reading_with(hints, lost), Outcome(cards=[object(), object(), object()])
    )
    assert status == "done"
    assert (
        french(message) == "3 cartes lues. · Photo floue. · 2 codes illisibles. · Lecture arrêtée."
    )


def test_sharp_photo_message_unchanged():
    status, message = summary(None, reading_with([], []), Outcome(cards=[object()]))
    assert (status, french(message)) == ("done", "1 carte lue.")
