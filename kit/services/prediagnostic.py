"""The pre-diagnostic: a person's answers, and the organiser's "première base" built from them.

Writes only; the views parse forms and call these. Every answer belongs to one BaseItem: a new
answer gets an item of its own, the organiser merges duplicates, rewords and marks items.
An item that was printed (it has a card) is never deleted: its code must keep meaning it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from kit.extensions import db
from kit.i18n import N_
from kit.models import Answer, BaseItem, Registration, Workshop
from kit.models.prediagnostic import CATEGORIES, CATEGORY_CARD_TYPES, ITEM_CARD_TYPES

MAX_ENTRY_CHARS = 300  # "a few short entries": two sentences; fits a card's text box at 6.5 pt
MAX_ENTRIES_PER_CATEGORY = 15  # the form never shows more rows than this


@dataclass(frozen=True)
class Category:
    key: str
    label: str  # French, marked for translation: translate where shown
    help: str


CATEGORY_INFO: dict[str, Category] = {c.key: c for c in (
    Category("travaux", N_("Travaux déjà menés sur le thème"),
             N_("Études, projets, réunions ou expériences que vous connaissez.")),
    Category("ressources", N_("Ressources : personnes expertes et acteurs locaux"),
             N_("Qui sait, qui fait, qui peut aider ? Une personne ou une structure par ligne.")),
    Category("points_de_vue", N_("Points de vue"),
             N_("Votre regard sur la situation actuelle.")),
    Category("freins", N_("Freins"), N_("Ce qui bloque, freine ou décourage.")),
    Category("leviers", N_("Leviers"), N_("Ce qui aide ou pourrait aider.")),
    Category("moyens", N_("Moyens"),
             N_("Moyens disponibles ou nécessaires : financements, lieux, outils, temps.")),
    Category("attentes", N_("Attentes"), N_("Ce que vous attendez de cet atelier.")),
    Category("besoins", N_("Besoins"), N_("Ce qui manque aujourd’hui.")),
    Category("envies", N_("Envies"), N_("Ce que vous aimeriez voir naître, ou faire vous-même.")),
)}
assert tuple(CATEGORY_INFO) == CATEGORIES
CARD_TYPE_LABELS = {"frein": "Frein", "levier": "Levier", "ressource": "Ressource",
                    "besoin": "Besoin"}


class PrediagnosticError(ValueError):
    pass


def clean_entry(text: str) -> str:
    return " ".join((text or "").split())


# --- a person's answers ---------------------------------------------------------------------

def answers_by_category(registration: Registration) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {key: [] for key in CATEGORIES}
    for answer in registration.answers:
        grouped[answer.category].append(answer.text)
    return grouped


def new_item(workshop_id: int, category: str, text: str) -> BaseItem:
    return BaseItem(workshop_id=workshop_id, category=category, text=text,
                    card_type=CATEGORY_CARD_TYPES[category])


def replace_answers(registration: Registration, entries: dict[str, list[str]]) -> None:
    """Store the person's answers; unchanged ones (and their items) are kept as they are."""
    wanted = {key: [clean_entry(t) for t in entries.get(key, []) if clean_entry(t)]
              for key in CATEGORIES}
    for key, texts in wanted.items():
        if len(texts) > MAX_ENTRIES_PER_CATEGORY:
            raise PrediagnosticError(f"{key} : plus de {MAX_ENTRIES_PER_CATEGORY} réponses")
        if any(len(t) > MAX_ENTRY_CHARS for t in texts):
            raise PrediagnosticError(f"{key} : réponse de plus de {MAX_ENTRY_CHARS} caractères")
    kept = _keep_unchanged(registration, wanted)
    for key, texts in wanted.items():
        for position, text in enumerate(texts):
            answer = kept.pop((key, text), None)
            if answer is None:
                answer = Answer(category=key, text=text,
                                item=new_item(registration.workshop_id, key, text))
                registration.answers.append(answer)
            answer.position = position
    db.session.flush()
    drop_empty_items(registration.workshop_id)
    db.session.commit()


def _keep_unchanged(registration: Registration,
                    wanted: dict[str, list[str]]) -> dict[tuple[str, str], Answer]:
    """Remove the answers no longer wanted; return the others keyed by (category, text)."""
    kept: dict[tuple[str, str], Answer] = {}
    for answer in list(registration.answers):
        key = (answer.category, answer.text)
        if answer.text in wanted[answer.category] and key not in kept:
            kept[key] = answer
        else:
            registration.answers.remove(answer)  # delete-orphan
    return kept


def remove_answers(registration: Registration) -> None:
    """A cancelled registration takes its answers away (their printed items stay)."""
    registration.answers.clear()
    db.session.flush()
    drop_empty_items(registration.workshop_id)


def drop_empty_items(workshop_id: int) -> None:
    """Items left without any answer go, unless the organiser marked or printed them."""
    query = select(BaseItem).where(BaseItem.workshop_id == workshop_id,
                                   BaseItem.to_print.is_(False), BaseItem.card_id.is_(None),
                                   ~BaseItem.answers.any())
    for item in db.session.scalars(query):
        db.session.delete(item)


# --- the organiser's "première base" ----------------------------------------------------------

def items_by_category(workshop: Workshop) -> dict[str, list[BaseItem]]:
    query = select(BaseItem).where(BaseItem.workshop_id == workshop.id).order_by(BaseItem.id)
    grouped: dict[str, list[BaseItem]] = {key: [] for key in CATEGORIES}
    for item in db.session.scalars(query):
        grouped[item.category].append(item)
    return grouped


def get_items(workshop: Workshop, ids: list[int]) -> list[BaseItem]:
    query = select(BaseItem).where(BaseItem.workshop_id == workshop.id, BaseItem.id.in_(ids))
    return list(db.session.scalars(query.order_by(BaseItem.id)))


@dataclass(frozen=True)
class ItemEdit:
    item_id: int
    text: str
    card_type: str
    to_print: bool


Refusal = tuple[str, dict]  # a message marked with N_ and its parameters, translated when shown


def check_edit(item: BaseItem, edit: ItemEdit) -> Refusal | None:
    """Why an edit is refused, or None."""
    text = clean_entry(edit.text)
    if not text:
        return N_("Le texte ne peut pas être vide."), {}
    if len(text) > MAX_ENTRY_CHARS:
        return (N_("Texte trop long : %(length)s caractères, %(max)s au plus."),
                {"length": len(text), "max": MAX_ENTRY_CHARS})
    if edit.card_type not in ITEM_CARD_TYPES:
        return N_("Type de carte inconnu."), {}
    if item.card is not None and edit.card_type != item.card.type_key:
        return (N_("Déjà imprimé comme carte %(type)s : le type ne peut plus changer."),
                {"type": CARD_TYPE_LABELS.get(item.card.type_key, item.card.type_key)})
    return None


def save_items(workshop: Workshop, edits: list[ItemEdit]) -> dict[int, Refusal]:
    """Apply every valid edit; return the refused ones by item id (the others are saved)."""
    items = {item.id: item for item in get_items(workshop, [e.item_id for e in edits])}
    refused: dict[int, Refusal] = {}
    for edit in edits:
        item = items.get(edit.item_id)
        if item is None:
            continue  # merged or removed since the page was shown
        problem = check_edit(item, edit)
        if problem:
            refused[edit.item_id] = problem
            continue
        item.text, item.card_type, item.to_print = (
            clean_entry(edit.text),
            edit.card_type,
            edit.to_print,
        )
    db.session.commit()
    return refused


def merge_items(workshop: Workshop, ids: list[int]) -> BaseItem:
    """Move the answers of the chosen items to one of them; the others are deleted."""
    items = get_items(workshop, ids)
    if len(items) < 2:
        raise PrediagnosticError(N_("Cochez au moins deux éléments à fusionner."))
    if len({item.category for item in items}) > 1:
        raise PrediagnosticError(N_("On ne fusionne que des éléments d’une même catégorie."))
    printed = [item for item in items if item.card_id is not None]
    if len(printed) > 1:
        raise PrediagnosticError(N_("Deux éléments déjà imprimés ne peuvent pas être fusionnés."))
    target = printed[0] if printed else items[0]
    for item in items:
        if item is not target:
            for answer in list(item.answers):
                answer.item = target
            target.to_print = target.to_print or item.to_print
            db.session.delete(item)
    db.session.commit()
    return target


# --- into the kit ------------------------------------------------------------------------------

def items_to_print(workshop: Workshop) -> list[BaseItem]:
    query = select(BaseItem).where(BaseItem.workshop_id == workshop.id,
                                   BaseItem.to_print.is_(True))
    items = list(db.session.scalars(query))
    order = {key: i for i, key in enumerate(CATEGORIES)}
    return sorted(items, key=lambda item: (order[item.category], item.id))


def item_for_code(code: str) -> BaseItem | None:
    """The "première base" item a printed code stands for (None for any other card)."""
    from kit.models import Card

    query = select(BaseItem).join(Card, BaseItem.card_id == Card.id).where(Card.code == code)
    return db.session.scalars(query).first()


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"  # French: 0 and 1 take the singular


def summary_lines(workshop: Workshop, top: int = 3) -> tuple[str, ...]:
    """The run-sheet's pre-diagnostic summary, in French (the kit is printed in French)."""
    registrations = db.session.scalars(select(Registration).where(
        Registration.workshop_id == workshop.id, Registration.status != "cancelled")).all()
    if not registrations:
        return ()
    answered = sum(bool(r.answers) for r in registrations)
    waiting = sum(r.status == "waiting" for r in registrations)
    lines = [plural(len(registrations), "inscription en ligne", "inscriptions en ligne")
             + (f" dont {waiting} en liste d'attente" if waiting else "")
             + ", " + plural(answered, "questionnaire rempli", "questionnaires remplis") + "."]
    for key, items in items_by_category(workshop).items():
        answers = sum(len(i.answers) for i in items)
        if answers:
            counted = sorted(items, key=lambda i: (-i.contributor_count, i.id))
            quoted = " ; ".join(f"« {i.text} » ({i.contributor_count})" for i in counted[:top])
            lines.append(f"{CATEGORY_INFO[key].label} ({plural(answers, 'réponse', 'réponses')}) : "
                         f"{quoted}")
    printed = Counter(item.card_type for item in items_to_print(workshop))
    if printed:
        detail = ", ".join(f"{n} {CARD_TYPE_LABELS[t]}" for t, n in sorted(printed.items()))
        lines.append(
            f"Première base : {plural(sum(printed.values()), 'carte imprimée', 'cartes imprimées')}"
            f" ({detail}), à coller sur les murs avant l'arrivée des participants."
        )
    return tuple(lines)
