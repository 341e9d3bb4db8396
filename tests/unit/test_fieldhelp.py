"""Field help for OCR proposals: phone and e-mail rules, fuzzy matching with a strict threshold."""
from __future__ import annotations

import pytest

from kit.services.fieldhelp import Known, clean_email, clean_phone, matches_printed, propose
from kit.services.ocr import OcrResult

KNOWN = Known(names=("Camille Arnaud", "Loïc Faure", "Camille Arnoux"),
              structures=("Mairie de Névache", "Office de tourisme"),
              emails=frozenset({"loic.faure@orange.fr"}), numbers=frozenset({3, 12}))


def read(text: str, score: float = 0.95) -> OcrResult:
    return OcrResult(text, score)


@pytest.mark.parametrize("raw, expected", [
    ("O6 12 34 S6 78", "06 12 34 56 78"), ("+33 6 12 34 56 78", "06 12 34 56 78"),
    ("04.92.21.08.15", "04 92 21 08 15"), ("06 12 34 56", None), ("16 12 34 56 78", None),
])
def test_clean_phone_fixes_lookalikes_and_requires_ten_digits(raw, expected):
    assert clean_phone(raw) == expected


def test_propose_phone_auto_only_when_valid_and_engine_sure():
    assert propose("telephone", "phone", read("O6 12 34 56 78"), KNOWN).review == "auto"
    unsure = propose("telephone", "phone", read("06 12 34 56 78", 0.6), KNOWN)
    assert (unsure.value, unsure.review) == ("06 12 34 56 78", "pending")
    assert propose("telephone", "phone", read("06 12 3"), KNOWN).review == "pending"


@pytest.mark.parametrize("raw, expected", [
    ("Loïc.Faure orange.fr", "loic.faure@orange.fr"), ("c.roux@gmail.con", "c.roux@gmail.com"),
    ("m.gontard(a)laposte.net", "m.gontard@laposte.net"),
])
def test_clean_email_repairs_at_spaces_accents_and_domain(raw, expected):
    assert clean_email(raw, ("gmail.com", "orange.fr", "laposte.net")) == expected


def test_propose_email_auto_only_for_a_known_address():
    known = propose("email", "email", read("loic.faure@orange.fr"), KNOWN)
    near = propose("email", "email", read("loic.faur@orange.fr"), KNOWN)
    unknown = propose("email", "email", read("anne@free.fr"), KNOWN)
    assert (known.value, known.review) == ("loic.faure@orange.fr", "auto")
    assert (near.value, near.source, near.review) == ("loic.faure@orange.fr", "fuzzy", "pending")
    assert (unknown.value, unknown.review) == ("anne@free.fr", "pending")


def test_propose_name_snaps_at_threshold_and_not_below():
    snapped = propose("nom", "text", read("Loic Faure"), KNOWN)
    far = propose("nom", "text", read("Lucie Favre"), KNOWN)
    assert (snapped.value, snapped.source, snapped.review) == ("Loïc Faure", "fuzzy", "auto")
    assert (far.value, far.source, far.review) == ("Lucie Favre", "ocr", "pending")


def test_propose_name_between_two_close_known_people_waits_for_a_human():
    proposal = propose("nom", "text", read("Camille Arnaux"), KNOWN)
    assert proposal.review == "pending"


def test_propose_commune_uses_the_territory_list():
    proposal = propose("commune", "text", read("Chateauroux les Alpes"), KNOWN)
    assert (proposal.value, proposal.review) == ("Châteauroux-les-Alpes", "auto")


def test_propose_free_text_is_never_taken_without_review():
    proposal = propose("fais", "text", read("Je tiens le café associatif", 0.99), KNOWN)
    assert (proposal.value, proposal.review, proposal.confidence) == (
        "Je tiens le café associatif", "pending", 0.99)


def test_propose_contact_field_picks_phone_or_email_rule():
    assert propose("coordonnees", "text", read("O4 92 21 08 15"), KNOWN).value == "04 92 21 08 15"
    assert propose("coordonnees", "text", read("Loic.faure@orange.fr"), KNOWN).review == "auto"


def test_propose_member_number_auto_only_for_a_known_number_nothing_else_is_near():
    sparse = Known(numbers=frozenset({12, 457}))
    assert propose("membre_1_numero", "number", read("l2"), sparse).value == "12"
    assert propose("membre_1_numero", "number", read("l2"), sparse).review == "auto"
    assert propose("membre_1_numero", "number", read("7"), sparse).review == "pending"
    assert propose("membre_1_numero", "number", read("l2", 0.7), sparse).review == "pending"


def test_propose_member_number_a_digit_or_two_from_another_person_goes_to_review():
    """Seen in the held-out digitisation: "114" read "4", and 4 is a participant too."""
    known = Known(numbers=frozenset({4, 114}))
    proposal = propose("membre_1_numero", "number", read("4", 0.99), known)
    assert (proposal.value, proposal.review) == ("4", "pending")
    assert propose("membre_1_numero", "number", read("l2"), KNOWN).review == "pending"  # 3 is near


def test_propose_empty_reading_is_pending_without_value():
    proposal = propose("nom", "text", read("  ", 0.0), KNOWN)
    assert (proposal.value, proposal.review) == (None, "pending")


def test_matches_printed_tolerates_ocr_noise_not_a_correction():
    assert matches_printed(read("Mairie de Nevache"), "Mairie de Névache")
    assert not matches_printed(read("Garage solidaire"), "Mairie de Névache")
    assert not matches_printed(None, "Mairie de Névache")
