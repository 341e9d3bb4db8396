"""A kit request the printer refuses, with a message naming the card at fault."""
from __future__ import annotations

import dataclasses

import pytest

from printables.demo import demo_request
from printables.kit import build_kit
from printables.kitdata import KitCard
from printables.request_check import KitRequestError, validate_request


@pytest.fixture
def make_request():
    def make(**changes):
        return dataclasses.replace(demo_request("MOB26", 1, 1), **changes)
    return make


def test_request_demo_is_valid(make_request):
    request = make_request()
    validate_request(request)
    assert len({c.code for c in request.cards}) == len(request.cards) == 18


def test_request_duplicate_code_refused(make_request):
    request = make_request()
    cards = request.cards + (request.cards[3],)
    with pytest.raises(KitRequestError, match=rf"cards\[18\].*{request.cards[3].code}.*cards\[3\]"):
        build_kit(dataclasses.replace(request, cards=cards))


def test_request_code_of_other_workshop_refused(make_request):
    request = make_request()
    other = demo_request("QUEYRAS", 1, 0).cards[1]
    with pytest.raises(KitRequestError, match=r"cards\[2\].*QUEYRAS"):
        validate_request(dataclasses.replace(request, cards=request.cards[:2] + (other,)))


def test_request_code_type_mismatch_refused(make_request):
    request = make_request()
    frein = request.cards[1]
    wrong = dataclasses.replace(frein, type_key="levier")
    with pytest.raises(KitRequestError, match=r"cards\[0\].*'frein'.*'levier'"):
        validate_request(dataclasses.replace(request, cards=(wrong,)))


def test_request_malformed_code_refused(make_request):
    request = make_request()
    with pytest.raises(KitRequestError, match=r"posters\[0\].*illisible"):
        validate_request(
            dataclasses.replace(request, posters=(KitCard("AK1-MOB26-1", "poster_freins"),))
        )


def test_request_card_in_wrong_list_refused(make_request):
    request = make_request()
    with pytest.raises(KitRequestError, match=r"group_sheets\[0\]"):
        validate_request(dataclasses.replace(request, group_sheets=(request.cards[1],)))


@pytest.mark.parametrize("changes, pattern", [({"prefill": {"age": "42"}}, "age"),
                                              ({"known_checks": ("nom",)}, "nom")])
def test_request_unknown_field_refused(make_request, changes, pattern):
    request = make_request()
    identity = dataclasses.replace(request.cards[0], **changes)
    with pytest.raises(KitRequestError, match=rf"cards\[0\].*{pattern}"):
        validate_request(dataclasses.replace(request, cards=(identity,)))
