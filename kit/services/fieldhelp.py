"""Field-specific help for OCR proposals: phone and e-mail rules, fuzzy matching of names,
structures and communes against what is already known. Pure functions apart from
``known_values`` (one database read per photo).

The rule that matters: a proposal becomes the value without a human ("auto") only on an exact
rule or a fuzzy match at FUZZY_ACCEPT_SCORE or above with no rival; anything else waits for
review ("pending"), and the engine's own score orders the review queue.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import select

from kit.extensions import db
from kit.models import Card, Participant, Workshop
from kit.services.ocr import OcrResult
from kit.services.territory import COMMUNES
from kit.services.values import plain

# rapidfuzz ratio (0-100) on lower-case, accent-free text. Measured (notes/ocr-offline.md):
# 100 % precision at 90 and nobody missing from the list snapped to a wrong entry; at 85 half
# of the organisations that were not on the list were snapped to a wrong one.
FUZZY_ACCEPT_SCORE = 90.0
# Mail domains are a short closed list of well-separated words: one wrong letter in "gmail.com"
# already scores 89. Snapping a domain never makes an e-mail "auto" by itself (see below).
DOMAIN_SNAP_SCORE = 85.0
# A valid 10-digit French number is taken without review only if the recogniser was this sure:
# one misread digit still makes ten digits.
PHONE_AUTO_MIN_SCORE = 0.9
# A participant number is accepted without review only if the recogniser was this sure and no
# other known number is within this many digit edits (dropped, added or changed digits).
NUMBER_AUTO_MIN_SCORE = 0.9
NUMBER_CONFUSABLE_EDITS = 2
# Digit look-alikes in handwriting read as letters (only ever applied to phone and number fields).
LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1",
                            "|": "1", "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})
COMMON_DOMAINS = ("gmail.com", "orange.fr", "laposte.net", "free.fr", "wanadoo.fr", "sfr.fr",
                  "hotmail.fr", "hotmail.com", "yahoo.fr", "outlook.fr", "outlook.com",
                  "protonmail.com", "icloud.com")
NAME_FIELDS = ("nom", "referent")
MIN_PHONE_DIGITS_SHARE = 0.6  # "Contact" field: mostly digits means a phone number


@dataclass(frozen=True)
class Known:
    names: tuple[str, ...] = ()
    structures: tuple[str, ...] = ()
    communes: tuple[str, ...] = COMMUNES
    emails: frozenset[str] = frozenset()
    domains: tuple[str, ...] = COMMON_DOMAINS
    numbers: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Proposal:
    value: str | None
    source: str  # "ocr" or "fuzzy" (snapped to a known value)
    confidence: float  # 0..1
    review: str  # "auto" or "pending"


def distinct(values) -> tuple[str, ...]:
    return tuple(sorted({v.strip() for v in values if v and v.strip()}))


def known_values(workshop: Workshop) -> Known:
    """What the workshop already knows: its people, their structures and communes, printed names."""
    people = list(
        db.session.scalars(select(Participant).where(Participant.workshop_id == workshop.id))
    )
    printed = [c.prefill or {} for c in db.session.scalars(select(Card).where(
        Card.workshop_id == workshop.id, Card.prefill.is_not(None)))]
    emails = frozenset(p.email.lower() for p in people if p.email)
    domains = distinct([e.partition("@")[2] for e in emails] + list(COMMON_DOMAINS))
    return Known(
        names=distinct([p.full_name for p in people] + [d.get("nom", "") for d in printed]),
        structures=distinct(
            [p.structure for p in people] + [d.get("structure", "") for d in printed]
        ),
        communes=distinct(list(COMMUNES) + [p.commune for p in people]),
        emails=emails,
        domains=domains,
        numbers=frozenset(p.number for p in people if p.number is not None),
    )


def best_match(text: str, choices: tuple[str, ...],
               cutoff: float = FUZZY_ACCEPT_SCORE) -> tuple[str, float] | None:
    """The single known value at ``cutoff`` or above; None if none or two rivals."""
    if not choices or not plain(text):
        return None
    found = process.extract(text, choices, scorer=fuzz.ratio, processor=plain, limit=2,
                            score_cutoff=cutoff)
    if not found:
        return None
    if len(found) > 1 and plain(found[1][0]) != plain(found[0][0]):
        return None  # two different known values fit: a human chooses
    return found[0][0], float(found[0][1])


def vocabulary(field_name: str, known: Known) -> tuple[str, ...] | None:
    if field_name in NAME_FIELDS or re.fullmatch(r"membre_\d+_nom", field_name):
        return known.names
    return {"structure": known.structures, "commune": known.communes}.get(field_name)


def snap_proposal(ocr: OcrResult, choices: tuple[str, ...]) -> Proposal:
    match = best_match(ocr.text, choices)
    if match is None:
        return Proposal(ocr.text, "ocr", ocr.score, "pending")
    return Proposal(match[0], "fuzzy", match[1] / 100, "auto")


def clean_phone(text: str) -> str | None:
    """"O6.12 34-56 7B" -> "06 12 34 56 78"; None unless 10 digits starting with 0."""
    digits = re.sub(r"[\s.\-/()]", "", text.translate(LOOKALIKES))
    for prefix in ("+33", "0033"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix):]
    if not re.fullmatch(r"0\d{9}", digits):
        return None
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2))


def phone_proposal(ocr: OcrResult) -> Proposal:
    phone = clean_phone(ocr.text)
    if phone is None:
        return Proposal(ocr.text, "ocr", ocr.score, "pending")
    review = "auto" if ocr.score >= PHONE_AUTO_MIN_SCORE else "pending"
    return Proposal(phone, "ocr", ocr.score, review)


def repair_at(text: str, domains: tuple[str, ...]) -> str:
    """A lost "@": put it back before a known domain the text ends with."""
    if "@" in text:
        return text
    for domain in sorted(domains, key=len, reverse=True):
        if text.endswith(domain) and len(text) > len(domain):
            return f"{text[:-len(domain)]}@{domain}"
    return text


def strip_accents(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def clean_email(text: str, domains: tuple[str, ...]) -> str:
    """Lower case, no spaces or accents, "@" repaired, domain snapped to a known one."""
    compact = re.sub(r"\s+", "", text).replace("(a)", "@").replace(",", ".")
    email = repair_at(strip_accents(compact).lower(), domains)
    local, at, domain = email.partition("@")
    match = best_match(domain, domains, DOMAIN_SNAP_SCORE) if at else None
    return f"{local}@{match[0]}" if match else email


def email_proposal(ocr: OcrResult, known: Known) -> Proposal:
    """E-mails are the weakest kind: auto only when exactly a known participant's address."""
    email = clean_email(ocr.text, known.domains)
    if email in known.emails:
        return Proposal(email, "fuzzy" if email != ocr.text else "ocr", 1.0, "auto")
    match = best_match(email, tuple(sorted(known.emails)))
    if match is not None:  # close to someone's address: proposed, still shown to a human
        return Proposal(match[0], "fuzzy", match[1] / 100, "pending")
    return Proposal(email, "ocr", ocr.score, "pending")


def number_proposal(ocr: OcrResult, known: Known) -> Proposal:
    """A participant number is taken without review only when nothing else is likely: the
    recogniser was sure, the number is known, and no other known number is a digit or two away
    (handwriting loses or adds digits: "114" read "4" matched participant 4). Numbers of one
    workshop are dense (1..N), so in practice a person confirms it (one key)."""
    digits = re.sub(r"\D", "", ocr.text.translate(LOOKALIKES))
    if not digits:
        return Proposal(ocr.text, "ocr", ocr.score, "pending")
    value = str(int(digits))
    close = [n for n in known.numbers
             if str(n) != value and Levenshtein.distance(str(n), value) <= NUMBER_CONFUSABLE_EDITS]
    sure = int(digits) in known.numbers and ocr.score >= NUMBER_AUTO_MIN_SCORE and not close
    return Proposal(value, "ocr", ocr.score, "auto" if sure else "pending")


def is_phone_like(text: str) -> bool:
    compact = re.sub(r"[\s.\-/()+]", "", text)
    return (
        bool(compact)
        and sum(ch.isdigit() for ch in compact) / len(compact) >= MIN_PHONE_DIGITS_SHARE
    )


def propose(field_name: str, kind: str, ocr: OcrResult, known: Known) -> Proposal:
    """The value to store for one handwritten field from its OCR reading."""
    if not ocr.text.strip():
        return Proposal(None, "ocr", 0.0, "pending")  # ink, but nothing legible to the engine
    if field_name == "coordonnees":  # "téléphone ou e-mail"
        kind = "email" if "@" in ocr.text else ("phone" if is_phone_like(ocr.text) else kind)
    if kind == "phone":
        return phone_proposal(ocr)
    if kind == "email":
        return email_proposal(ocr, known)
    if kind == "number":
        return number_proposal(ocr, known)
    choices = vocabulary(field_name, known)
    if choices is not None:
        return snap_proposal(ocr, choices)
    return Proposal(ocr.text, "ocr", ocr.score, "pending")


def matches_printed(ocr: OcrResult | None, printed: str) -> bool:
    """Did the person leave the printed answer as it was? (their hand would change the reading)"""
    return ocr is not None and fuzz.ratio(plain(ocr.text), plain(printed)) >= FUZZY_ACCEPT_SCORE
