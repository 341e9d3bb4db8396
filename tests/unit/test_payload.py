"""The QR payload: round trip, and each way a code is refused."""
from __future__ import annotations

import pytest

from printables.layout import LAYOUT_VERSION, TYPES_BY_LETTER, card_type
from printables.payload import (
    ALPHABET,
    MAX_PAYLOAD_CHARS,
    BadCheckCharacter,
    CardCode,
    MalformedCode,
    PayloadError,
    UnknownCardType,
    UnknownLayoutVersion,
    check_character,
    encode,
    is_ours,
    parse,
    spec_of,
)
from printables.qr import qr_matrix

CODES = [CardCode(workshop, serial, letter)
         for workshop in ("MOB26", "AB", "ZZ9ZZ9ZZ")
         for serial in (0, 7, 42, 12345, 99999)
         for letter in TYPES_BY_LETTER]


def with_check(body: str) -> str:
    return body + check_character(body)


@pytest.mark.parametrize("code", CODES, ids=lambda c: f"{c.workshop}-{c.type_letter}{c.serial}")
def test_payload_round_trip(code):
    text = encode(code)
    assert parse(text) == code
    assert parse(f"  {text}\n") == code  # decoders may hand back surrounding whitespace
    assert len(text) <= MAX_PAYLOAD_CHARS
    assert text.startswith(
        f"AK{LAYOUT_VERSION}-{code.workshop}-{code.type_letter}{code.serial:05d}"
    )


def test_payload_longest_fits_version_1():
    longest = encode(CardCode("ZZZZZZZZ", 99999, "G"))
    assert len(longest) == MAX_PAYLOAD_CHARS
    assert qr_matrix(longest).shape == (21, 21)


@pytest.mark.parametrize("text", ["", "AK1", "hello", "AK1-MOB26-F0042Q", "AK1-MOB26-F000042Q",
                                  "AK1-M-F00042Q", "AK1-MOB26X2025-F00042Q", "XK1-MOB26-F00042Q",
                                  "AK1_MOB26_F00042Q", "AK1-MOB26-F00042"])
def test_payload_malformed_rejected(text):
    with pytest.raises(MalformedCode):
        parse(text)


def test_payload_bad_check_character_rejected():
    good = encode(CardCode("MOB26", 42, "F"))
    wrong = next(c for c in ALPHABET if c != good[-1])
    with pytest.raises(BadCheckCharacter, match="expected"):
        parse(good[:-1] + wrong)


def test_payload_unknown_layout_version_rejected():
    with pytest.raises(UnknownLayoutVersion, match="'9'"):
        parse(with_check("AK9-MOB26-F00042"))


def test_payload_unknown_card_type_rejected():
    assert "Z" not in TYPES_BY_LETTER
    with pytest.raises(UnknownCardType):
        parse(with_check("AK1-MOB26-Z00042"))


@pytest.mark.parametrize("code", [CardCode("MOB26", 42, "F"), CardCode("AB", 99999, "I")],
                         ids=["MOB26", "AB"])
def test_payload_single_typo_never_accepted(code):
    good = encode(code)
    accepted = []
    for i, original in enumerate(good):
        if original == "-":
            continue
        for replacement in ALPHABET:
            typo = good[:i] + replacement + good[i + 1:]
            if replacement != original and _parses(typo):
                accepted.append(typo)
    assert accepted == []


@pytest.mark.parametrize("code", [CardCode("MOB26", 42, "F"), CardCode("QUEYRAS", 1203, "B")],
                         ids=["MOB26", "QUEYRAS"])
def test_payload_neighbour_swap_never_accepted(code):
    good = encode(code)
    swaps = [good[:i] + good[i + 1] + good[i] + good[i + 2:] for i in range(len(good) - 1)
             if good[i] != good[i + 1] and "-" not in good[i:i + 2]]
    assert swaps and [s for s in swaps if _parses(s)] == []


def _parses(text: str) -> bool:
    try:
        parse(text)
    except PayloadError:
        return False
    return True


@pytest.mark.parametrize("code, error", [(CardCode("mob26", 1, "F"), MalformedCode),
                                         (CardCode("M", 1, "F"), MalformedCode),
                                         (CardCode("MOB26", 100000, "F"), MalformedCode),
                                         (CardCode("MOB26", -1, "F"), MalformedCode),
                                         (CardCode("MOB26", 1, "Z"), UnknownCardType)])
def test_payload_encode_rejects_bad_parts(code, error):
    with pytest.raises(error):
        encode(code)


@pytest.mark.parametrize("text, expected", [("AK1-MOB26-F00042Q", True), (" ak1-x", True),
                                            ("https://example.org", False), ("", False)])
def test_payload_is_ours(text, expected):
    assert is_ours(text) is expected


def test_payload_names_the_layout_its_card_was_printed_with():
    """A kit printed with layout 1 keeps reading with layout 1's boxes after layout 2."""
    old = parse(encode(CardCode("MOB26", 42, "B", "1")))
    new = parse(encode(CardCode("MOB26", 42, "B")))
    assert (old.layout_version, new.layout_version) == ("1", LAYOUT_VERSION) == ("1", "2")
    assert old.spec is card_type("besoin", "1") and len(old.spec.field("votes").targets) == 16
    assert new.spec is card_type("besoin", "2") and new.spec.field("votes").targets == ()
    assert spec_of(encode(CardCode("MOB26", 42, "B", "1"))) is old.spec
