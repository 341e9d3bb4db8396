"""Fill a printed card as a participant would, and record exactly what was done.

``fill_card`` works on a copy of the card raster cut from the rendered kit page (origin at the
card's top-left, ``px_per_mm`` known), so every mark lands where ``printables.layout`` says the
box is: the same geometric truth the printer and the scanner use.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from printables.layout import CardType, card_type
from printables.payload import spec_of
from tests.support.handwriting import pick_font, pick_pen, write_in_box
from tests.support.marks import (
    CANCEL_STYLES,
    CHECK_STYLES,
    PEN_VOTE_STYLES,
    mark_checkbox,
    pen_vote,
    stick_sticker,
    stray_mark,
    vote_spots,
)
from tests.support.phrases import phrase_for
from tests.support.truth import CardTruth

CHECK_STYLE_WEIGHTS = (0.45, 0.3, 0.1, 0.15)  # tick, cross, fill, scribble
STRAY_PROBABILITY = 0.15  # an unchecked box gets a stray mark nearby
TEXT_PROBABILITY = 0.8  # a text field gets written in
MEMBER_ROWS_FILLED = (2, 7)
SINGLE_CHOICE_GROUPS = {"territoire": 0.9, "consentement": 0.95, "acteur": 1.0}
FREE_CHECK_PROBABILITY = 0.45  # a box outside a single-choice group (newsletter, travailler...)
PEN_VOTE_PROBABILITY = 0.25  # stickers ran out: votes made with a pen


@dataclass
class FillPlan:
    """What to put on one card. Checkbox value: a CHECK_STYLES entry, "stray" or "empty"."""
    checks: dict[str, str] = field(default_factory=dict)
    votes: dict[str, int] = field(default_factory=dict)
    vote_style: str = "stickers"  # or a PEN_VOTE_STYLES entry, or "pen" (mixed pen styles)
    texts: dict[str, bool] = field(default_factory=dict)


def _check_style(rng: np.random.Generator) -> str:
    return str(rng.choice(CHECK_STYLES, p=CHECK_STYLE_WEIGHTS))


def _empty_or_stray(rng: np.random.Generator) -> str:
    return "stray" if rng.random() < STRAY_PROBABILITY else "empty"


def random_checks(ct: CardType, rng: np.random.Generator) -> dict[str, str]:
    checks: dict[str, str] = {}
    boxes = ct.fields_of_kind("checkbox")
    for group, p_answer in SINGLE_CHOICE_GROUPS.items():
        members = [f.name for f in boxes if f.group == group]
        if not members:
            continue
        chosen = set()
        if rng.random() < p_answer:
            chosen.add(members[int(rng.integers(len(members)))])
        if group == "acteur" and rng.random() < 0.2:  # some people are two things at once
            chosen.add(members[int(rng.integers(len(members)))])
        checks.update(
            {m: _check_style(rng) if m in chosen else _empty_or_stray(rng) for m in members}
        )
    for f in boxes:
        if f.group not in SINGLE_CHOICE_GROUPS:
            checks[f.name] = (_check_style(rng) if rng.random() < FREE_CHECK_PROBABILITY
                              else _empty_or_stray(rng))
    return checks


def random_plan(type_key: str, rng: np.random.Generator) -> FillPlan:
    ct = card_type(type_key)
    votes = {f.name: int(rng.integers(0, len(vote_spots(f)) + 1))
             for f in ct.fields_of_kind("votes")}
    pen = rng.random() < PEN_VOTE_PROBABILITY
    texts = {f.name: bool(rng.random() < TEXT_PROBABILITY)
             for f in ct.fields_of_kind("text", "email", "phone", "number")}
    members = int(rng.integers(*MEMBER_ROWS_FILLED))
    for name in texts:
        if name.startswith("membre_"):
            texts[name] = int(name.split("_")[1]) <= members
    return FillPlan(random_checks(ct, rng), votes, "pen" if pen else "stickers", texts)


def box_px(box, px_per_mm: float) -> tuple[int, int, int, int]:
    return (int(round(box.x_mm * px_per_mm)), int(round(box.y_mm * px_per_mm)),
            int(round(box.w_mm * px_per_mm)), int(round(box.h_mm * px_per_mm)))


def write_texts(card: np.ndarray, ct: CardType, plan: FillPlan, px_per_mm: float,
                rng: np.random.Generator, prefilled: frozenset[str]) -> dict[str, bool]:
    ink, font = pick_pen(rng), pick_font(rng)  # one writer per card
    truth = {}
    for f in ct.fields_of_kind("text", "email", "phone", "number"):
        written = plan.texts.get(f.name, False)
        if written:
            text = phrase_for(ct.key, f.name, f.kind, rng)
            write_in_box(card, box_px(f.box, px_per_mm), text, px_per_mm, rng, ink, font)
        # a box the printer pre-filled holds toner either way: its ink is not asserted
        if f.name not in prefilled:
            truth[f.name] = written
    return truth


def mark_checks(card: np.ndarray, ct: CardType, plan: FillPlan, px_per_mm: float,
                rng: np.random.Generator) -> dict[str, bool]:
    ink = pick_pen(rng)
    truth = {}
    for f in ct.fields_of_kind("checkbox"):
        style = plan.checks.get(f.name, "empty")
        if style in CHECK_STYLES:
            mark_checkbox(card, f.box, style, px_per_mm, rng, ink)
        elif style == "stray":
            stray_mark(card, f.box, px_per_mm, rng)
        truth[f.name] = style in CHECK_STYLES and style not in CANCEL_STYLES
    return truth


def place_votes(card: np.ndarray, ct: CardType, plan: FillPlan, px_per_mm: float,
                rng: np.random.Generator) -> dict[str, int]:
    ink = pick_pen(rng)
    truth = {}
    for f in ct.fields_of_kind("votes"):
        spots = vote_spots(f)  # the printed circles (layout 1), places on a plain area (2)
        count = min(plan.votes.get(f.name, 0), len(spots))
        chosen = sorted(rng.choice(len(spots), size=count, replace=False).tolist())
        for i in chosen:
            if plan.vote_style == "stickers":
                stick_sticker(card, spots[i], px_per_mm, rng)
            else:
                style = (plan.vote_style if plan.vote_style in PEN_VOTE_STYLES
                         else str(rng.choice(PEN_VOTE_STYLES)))
                pen_vote(card, spots[i], style, px_per_mm, rng, ink)
        truth[f.name] = count
    return truth


def fill_card(raster: np.ndarray, code: str, type_key: str, px_per_mm: float,
              rng: np.random.Generator, plan: FillPlan | None = None,
              prefilled: frozenset[str] = frozenset(), participant: int | None = None,
              ) -> tuple[np.ndarray, CardTruth]:
    """A filled copy of ``raster`` and the truth of what was put on it (the boxes of the layout
    that ``code`` was printed with)."""
    ct = spec_of(code)
    assert ct.key == type_key, (code, type_key)
    plan = plan or random_plan(type_key, rng)
    card = raster.copy()
    fields_truth = write_texts(card, ct, plan, px_per_mm, rng, prefilled)
    checks_truth = mark_checks(card, ct, plan, px_per_mm, rng)
    votes_truth = place_votes(card, ct, plan, px_per_mm, rng)
    marks = {name: plan.checks.get(name, "empty") for name in checks_truth}
    truth = CardTruth(code, type_key, participant, checks_truth, marks, votes_truth,
                      plan.vote_style if votes_truth else "", fields_truth)
    return card, truth


def every_state_plan(type_key: str = "identite") -> FillPlan:
    """A plan using every checkbox state in turn: tick, cross, fill, scribble, stray, empty."""
    ct = card_type(type_key)
    states = (*CHECK_STYLES, "stray", "empty")
    checks = {f.name: states[i % len(states)] for i, f in enumerate(ct.fields_of_kind("checkbox"))}
    texts = {f.name: i % 3 != 2 for i, f in
             enumerate(ct.fields_of_kind("text", "email", "phone", "number"))}
    return FillPlan(checks, {}, "stickers", texts)
