"""Read the values people type in spreadsheets into the model's keys: pure functions.

Each parser takes a cleaned cell and returns the stored value (None when empty), or raises
``ValueProblem`` naming the message code (kit.services.csv_import.MESSAGES) and what it expected.
"""
from __future__ import annotations

import re
import unicodedata

EMAIL_RE = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[a-z]{2,}$")
PHONE_DIGITS_MIN, PHONE_DIGITS_MAX = 8, 15  # E.164 allows 15; short numbers are typos
PHONE_ALLOWED = re.compile(r"^\+?[0-9 .\-/()]+$")

# keyword (normalised, see plain()) -> key; the first keyword found in the cell wins
TERRITORY_KEYWORDS = (("hors", "hors"), ("exterieur", "hors"), ("autre", "hors"),
                      ("ecrins", "ecrins"), ("guillestr", "guillestrois"),
                      ("queyras", "guillestrois"), ("brianc", "brianconnais"))
ACTOR_KEYWORDS = (("socio", "socioprofessionnel"), ("public", "public"), ("elu", "public"),
                  ("collectivite", "public"), ("entreprise", "entreprise"),
                  ("association", "association"), ("asso", "association"),
                  ("porteu", "porteur"), ("projet", "porteur"), ("citoyen", "citoyen"),
                  ("habitant", "citoyen"))
CONSENT_KEYWORDS = (("ni l un", "aucun"), ("aucun", "aucun"), ("non", "aucun"),
                    ("carnet", "participants"), ("participant", "participants"),
                    ("public", "public"), ("restitution", "public"))
YES = {"oui", "o", "yes", "y", "x", "1", "vrai", "true"}
NO = {"non", "n", "no", "0", "faux", "false"}


class ValueProblem(ValueError):
    def __init__(self, code: str, expected: str = ""):
        super().__init__(code)
        self.code = code
        self.expected = expected


def plain(text: str) -> str:
    """Lower case, no accents, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", letters).split())


def match_keyword(value: str, keywords: tuple[tuple[str, str], ...], expected: str) -> str | None:
    if not value:
        return None
    words = plain(value)
    for keyword, key in keywords:
        if re.search(rf"\b{keyword}", words):
            return key
    raise ValueProblem("bad_value", expected)


def parse_territory(value: str) -> str | None:
    return match_keyword(value, TERRITORY_KEYWORDS,
                         "Briançonnais, Pays des Écrins, Guillestrois-Queyras, hors territoire")


def parse_actor_type(value: str) -> str | None:
    return match_keyword(value, ACTOR_KEYWORDS, "socioprofessionnel, acteur public, entreprise, "
                                                "association, porteur de projet, citoyen")


def parse_consent(value: str) -> str | None:
    return match_keyword(value, CONSENT_KEYWORDS, "participants, public, aucun")


def parse_yes_no(value: str) -> bool:
    word = plain(value)
    if word in YES:
        return True
    if word in NO or not word:
        return False
    raise ValueProblem("bad_value", "oui, non")


def parse_email(value: str) -> str | None:
    email = value.strip().lower()
    if not email:
        return None
    if not EMAIL_RE.match(email):
        raise ValueProblem("bad_email")
    return email


def parse_phone(value: str) -> str:
    """Keep the number as written, but group a 10-digit French number by pairs."""
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_ALLOWED.match(value) or not PHONE_DIGITS_MIN <= len(digits) <= PHONE_DIGITS_MAX:
        raise ValueProblem("bad_phone")
    if len(digits) == 10 and digits.startswith("0") and not value.startswith("+"):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    return value
