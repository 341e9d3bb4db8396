"""The QR payload: short, upper-case alphanumeric text naming one printed card.

Format: ``AK<layout>-<WORKSHOP>-<T><SERIAL><C>``, for example ``AK1-MOB26-F00042Q``:
- ``AK`` marks our codes (anything else in a photo is somebody else's code);
- ``<layout>``: the layout version the card was printed with (printables.layout.LAYOUTS): a
  card is always read with the boxes of its own version (``CardCode.spec``), so a kit printed
  with layout 1 (``AK1-...``) still reads after layout 2 (``AK2-...``) came out;
- ``<WORKSHOP>``: the workshop's short code, 2 to 8 characters A-Z 0-9;
- ``<T>``: the card type's letter (layout.TYPES_BY_LETTER);
- ``<SERIAL>``: the card's serial within the workshop, 5 digits;
- ``<C>``: an ISO 7064 MOD 37,36 check character over everything before it (hyphens excluded),
  which catches every single wrong character and every swap of two neighbours.

Every character is in the QR alphanumeric set, so the longest payload (20 characters) still
fits a version-1 code at error-correction level M. Standard library only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from printables.layout import (
    KNOWN_FINGERPRINTS,
    LAYOUT_VERSION,
    TYPES_BY_LETTER,
    CardType,
    card_type,
)

PREFIX = "AK"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SERIAL_DIGITS = 5
MAX_SERIAL = 10 ** SERIAL_DIGITS - 1
MAX_PAYLOAD_CHARS = 20  # version-1 QR, level M, alphanumeric mode
WORKSHOP_CODE_RE = re.compile(r"^[A-Z0-9]{2,8}$")
_PAYLOAD_RE = re.compile(r"^AK([0-9A-Z]{1,2})-([A-Z0-9]{2,8})-([0-9A-Z])(\d{5})([0-9A-Z])$")


class PayloadError(ValueError):
    """A code that looks like ours but cannot be trusted."""


class MalformedCode(PayloadError):
    pass


class BadCheckCharacter(PayloadError):
    pass


class UnknownLayoutVersion(PayloadError):
    pass


class UnknownCardType(PayloadError):
    pass


@dataclass(frozen=True)
class CardCode:
    workshop: str
    serial: int
    type_letter: str
    layout_version: str = LAYOUT_VERSION

    @property
    def card_type(self) -> str:
        return TYPES_BY_LETTER[self.type_letter].key

    @property
    def spec(self) -> CardType:
        """The card's geometry as printed: its type in its own layout version."""
        return card_type(self.card_type, self.layout_version)

    @property
    def text(self) -> str:
        return encode(self)


def check_character(body: str) -> str:
    """ISO 7064 MOD 37,36 (hybrid system) over ``body`` (hyphens ignored)."""
    modulus = 36
    product = modulus
    for ch in body.replace("-", ""):
        product = (product + ALPHABET.index(ch)) % modulus or modulus
        product = (product * 2) % (modulus + 1)
    return ALPHABET[(modulus + 1 - product) % modulus]


def encode(code: CardCode) -> str:
    if not WORKSHOP_CODE_RE.match(code.workshop):
        raise MalformedCode(f"workshop code {code.workshop!r}: 2 to 8 characters A-Z or 0-9")
    if not 0 <= code.serial <= MAX_SERIAL:
        raise MalformedCode(f"serial {code.serial} is outside 0..{MAX_SERIAL}")
    if code.type_letter not in TYPES_BY_LETTER:
        raise UnknownCardType(f"card type letter {code.type_letter!r} is unknown")
    body = f"{PREFIX}{code.layout_version}-{code.workshop}-{code.type_letter}{code.serial:05d}"
    return body + check_character(body)


def is_ours(text: str) -> bool:
    """True when ``text`` claims to be an Atelier Kit code (it may still be invalid)."""
    return text.strip().upper().startswith(PREFIX)


def parse(text: str) -> CardCode:
    """Parse a decoded QR text; raise a PayloadError subclass saying exactly what is wrong."""
    cleaned = text.strip()
    match = _PAYLOAD_RE.match(cleaned)
    if not match:
        raise MalformedCode(
            f"{cleaned!r} is not an Atelier Kit code (AK<v>-<ATELIER>-<T><NNNNN><C>)"
        )
    version, workshop, letter, serial, check = match.groups()
    expected = check_character(cleaned[:-1])
    if check != expected:
        raise BadCheckCharacter(f"{cleaned!r}: check character {check!r}, expected {expected!r}")
    if version not in KNOWN_FINGERPRINTS:
        raise UnknownLayoutVersion(f"{cleaned!r}: layout version {version!r} is unknown "
                                   f"(known: {', '.join(KNOWN_FINGERPRINTS)})")
    if letter not in TYPES_BY_LETTER:
        raise UnknownCardType(f"{cleaned!r}: card type {letter!r} is unknown")
    return CardCode(workshop, int(serial), letter, version)


def spec_of(text: str) -> CardType:
    """The printed geometry of the card whose code is ``text`` (raises a PayloadError)."""
    return parse(text).spec
