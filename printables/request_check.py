"""Refuse a KitRequest that would print a wrong kit, naming the card at fault.

A code that does not parse, that names another workshop or another card type, a code printed
twice, a card in the wrong list, or a prefill for a field the card does not have: each would
give a kit the scanner cannot trust, so the whole request is refused before any page is drawn.
"""
from __future__ import annotations

from printables.kitdata import KitCard, KitRequest
from printables.layout import CARD_TYPES, CardType, card_type
from printables.payload import PayloadError, parse

TEXT_KINDS = ("text", "email", "phone", "number")


class KitRequestError(ValueError):
    """The request cannot be printed as given; the message names the list, index and code."""


def _allowed(list_name: str, card: CardType) -> bool:
    if list_name == "posters":
        return card.is_poster
    if list_name == "group_sheets":
        return card.key == "graine"
    return not card.is_poster and card.key != "graine"


def _check_card(where: str, item: KitCard, list_name: str, workshop_code: str) -> None:
    card = CARD_TYPES.get(item.type_key)
    if card is None:
        raise KitRequestError(f"{where}: type de carte inconnu {item.type_key!r}")
    if not _allowed(list_name, card):
        raise KitRequestError(
            f"{where}: une carte {item.type_key!r} n'a pas sa place dans {list_name}"
        )
    try:
        code = parse(item.code)
    except PayloadError as error:
        raise KitRequestError(f"{where}: code illisible : {error}") from None
    if code.workshop != workshop_code:
        raise KitRequestError(
            f"{where}: le code {item.code} appartient à l'atelier {code.workshop}, "
            f"pas à {workshop_code}"
        )
    if code.type_letter != card.letter:
        raise KitRequestError(f"{where}: le code {item.code} est celui d'une carte "
                              f"{code.card_type!r}, pas {item.type_key!r}")
    _check_answers(where, item, card_type(item.type_key, code.layout_version))


def _check_answers(where: str, item: KitCard, card: CardType) -> None:
    text_fields = {f.name for f in card.fields_of_kind(*TEXT_KINDS)}
    checkboxes = {f.name for f in card.fields_of_kind("checkbox")}
    unknown = sorted(set(item.prefill) - text_fields)
    if unknown:
        raise KitRequestError(f"{where} ({item.code}): pas de champ texte {', '.join(unknown)} "
                              f"sur une carte {item.type_key!r}")
    unknown = sorted(set(item.known_checks) - checkboxes)
    if unknown:
        raise KitRequestError(f"{where} ({item.code}): pas de case {', '.join(unknown)} "
                              f"sur une carte {item.type_key!r}")


def validate_request(request: KitRequest) -> None:
    seen: dict[str, str] = {}
    for list_name in ("posters", "cards", "group_sheets"):
        for index, item in enumerate(getattr(request, list_name)):
            where = f"{list_name}[{index}]"
            _check_card(where, item, list_name, request.workshop.code)
            if item.code in seen:
                raise KitRequestError(
                    f"{where}: le code {item.code} est déjà imprimé ({seen[item.code]})"
                )
            seen[item.code] = where
