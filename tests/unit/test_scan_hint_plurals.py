"""The scanner's hints said of a number of cards are singular or plural (« 1 carte perdue »,
« 3 cartes perdues »), never « carte(s) perdue(s) »: the count picks the template
(scan.messages.counted_key), in French as in the English catalogue; a hint stored under its
plural key for one card (before the singular existed) is read in the singular."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from kit.status_messages import MESSAGES, render, scan_part
from scan.budget import Budget
from scan.hints import blur_hints, fit_hints
from scan.locate import Search
from scan.messages import HINT_TEMPLATES


def lost_hint(count: int):
    windows = [(100 * i, 50, 100 * i + 40, 90) for i in range(count)]
    (hint,) = blur_hints(Search([], [], Budget(), None, windows), [], (400, 1000))
    return hint


def unfit_hint(count: int):
    cards = [SimpleNamespace(code=f"AK1-TEST-B0000{i}X", fit_confirmed=False)
             for i in range(count)]
    (hint,) = fit_hints(cards)  # type: ignore[arg-type]
    return hint


def test_no_hint_template_says_cards_with_a_parenthesised_plural():
    assert [key for key, text in HINT_TEMPLATES.items() if "(s)" in text] == []


@pytest.mark.parametrize("make, one, several", [
    (lost_hint, "1 carte perdue : code QR repéré mais illisible à 2 % / 18 % de la",
     "3 cartes perdues : codes QR repérés mais illisibles à 2 % / 18 % ; 12 % / 18 % ; "
     "22 % / 18 % de la"),
    (unfit_hint, "1 carte déformée ou mal repérée (AK1-TEST-B00000X) : trop peu de cases et de "
                 "repères imprimés retrouvés à leur place. Ses cases et ses votes sont proposés",
     "3 cartes déformées ou mal repérées (AK1-TEST-B00000X, AK1-TEST-B00001X, "
     "AK1-TEST-B00002X) : trop peu de cases et de repères imprimés retrouvés à leur place. "
     "Leurs cases et leurs votes sont proposés"),
])
def test_a_hint_on_one_card_is_singular_and_on_several_plural(make, one, several):
    single, many = make(1), make(3)
    assert single.message.replace("\u00a0", " ").startswith(one)
    assert many.message.replace("\u00a0", " ").startswith(several)
    assert single.key == f"{many.key}_one" and single.kind == many.kind
    assert single.params["count"] == 1 and many.params["count"] == 3


def test_hints_on_cards_read_in_english_in_the_singular_and_the_plural(app):
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale("en"):
        one = render([scan_part("hint", lost_hint(1))], gettext)
        several = render([scan_part("hint", unfit_hint(2))], gettext)
    assert one.startswith("1 card lost: QR code seen but unreadable at 2")
    assert several.startswith("2 cards warped or badly located (AK1-TEST-B00000X, "
                              "AK1-TEST-B00001X)")
    assert "(s)" not in one + several


def test_a_hint_stored_for_one_card_under_the_plural_key_reads_in_the_singular():
    stored = {"key": "scan.hint.time_budget_unread",
              "params": {"count": 1, "codes": "AK1-TEST-B00001X", "seconds": "3",
                         "left_out": "1 bande de votes"}}
    text = render([stored], lambda words: words)
    assert "1 carte pas lue en entier (AK1-TEST-B00001X), ses cases et ses votes" in text
    assert "scan.hint.lost_codes_at_one" in MESSAGES
