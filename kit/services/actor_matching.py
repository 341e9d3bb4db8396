"""Who might be the same person: pure rules on names, e-mails, structures and communes.

An e-mail written the same (case and spaces aside) is the same person: linked without asking.
A near name is only a *proposal* an organiser confirms, and only when the two also share a
structure (or, with no structure on either side, a commune): the same name in another
structure or another commune is a false friend, never proposed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

# token-sorted similarity of two folded names (0-100) from which they are proposed as one
# person; the strict threshold of the OCR's name matching (README, "Propositions OCR")
NEAR_NAME_MIN_SCORE = 90
# words that do not tell two structures apart ("Mairie de Briançon" = "mairie briançon")
STRUCTURE_STOP_WORDS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "a",
                                  "au", "aux", "en"})


def fold(text: str | None) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.lower()).split())


def email_key(email: str | None) -> str:
    """An e-mail as compared: case and every space folded away ("" when there is none)."""
    return re.sub(r"\s+", "", email or "").lower()


def structure_key(name: str | None) -> str:
    """A structure's name as compared: folded, without articles and prepositions, words in
    alphabetical order ("Association Mountain Wilderness" = "Mountain Wilderness (association)")."""
    return " ".join(sorted(set(fold(name).split()) - STRUCTURE_STOP_WORDS))


def name_score(first: str, second: str) -> float:
    """0-100: how alike two folded full names are, word order aside."""
    if not first or not second:
        return 0.0
    return fuzz.token_sort_ratio(first, second)


@dataclass(frozen=True)
class Candidate:
    """What the matching rules know of an actor: folded names, e-mails, structures, communes."""
    actor_id: int
    names: frozenset[str] = field(default_factory=frozenset)
    emails: frozenset[str] = field(default_factory=frozenset)
    structures: frozenset[str] = field(default_factory=frozenset)
    communes: frozenset[str] = field(default_factory=frozenset)


def proposal_reason(first: Candidate, second: Candidate) -> str | None:
    """"email", "name_structure", "name_commune", or None when the two are not proposed."""
    if first.emails & second.emails:
        return "email"
    if not any(name_score(a, b) >= NEAR_NAME_MIN_SCORE
               for a in first.names for b in second.names):
        return None
    if first.communes and second.communes and not first.communes & second.communes:
        return None  # a false friend: same name, another commune
    if first.structures and second.structures:
        return "name_structure" if first.structures & second.structures else None
    if not first.structures and not second.structures and first.communes & second.communes:
        return "name_commune"
    return None


def blocks_of(candidate: Candidate) -> set[str]:
    """The keys under which a candidate is compared with others (not all pairs: n² on 1 000
    actors is too slow for a page)."""
    keys = {f"e:{email}" for email in candidate.emails}
    keys |= {f"s:{key}" for key in candidate.structures}
    if not candidate.structures:
        keys |= {f"c:{commune}" for commune in candidate.communes}
    return keys


def find_pairs(candidates: list[Candidate]) -> list[tuple[int, int, str]]:
    """(lower actor id, higher actor id, reason) for every pair the rules propose."""
    blocks: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        for key in blocks_of(candidate):
            blocks.setdefault(key, []).append(candidate)
    found: dict[tuple[int, int], str] = {}
    for members in blocks.values():
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pair = tuple(sorted((first.actor_id, second.actor_id)))
                if pair[0] == pair[1] or pair in found:
                    continue
                reason = proposal_reason(first, second)
                if reason is not None:
                    found[(pair[0], pair[1])] = reason
    return sorted((a, b, reason) for (a, b), reason in found.items())
