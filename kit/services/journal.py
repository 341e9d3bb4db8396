"""A draft article for the collective's journal, from the published restitution (issue 10,
point 5): a headline, the day in figures, the three needs with the most votes quoted from their
cards, the project seeds and how to join them.

It holds what the public restitution holds and no more: confirmed texts only, no one's name or
contact (quotes are anonymous), only aggregate counts. It is a draft, said so at its top, for
the journal's volunteers to rewrite. ``article_markdown`` and the HTML template
(``newsletter/article.html``) render the same ``Article``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask import has_request_context
from flask_babel import gettext
from flask_babel import ngettext as babel_ngettext
from sqlalchemy import func, select

from kit.extensions import db
from kit.i18n import french_plural
from kit.models import Participant, Workshop
from kit.models.participants import PACK_ORIGINS
from kit.services import results
from kit.services.links import public_url_for

TOP_NEEDS = 3
QUOTES_PER_NEED = 2  # other cards of the need's cluster on the wall, quoted under it
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _(text: str, **values) -> str:
    """The reader's language in a request; French outside one (tests, CLI)."""
    return gettext(text, **values) if has_request_context() else text % values


def ngettext(singular: str, plural: str, num: int) -> str:
    if has_request_context():
        return babel_ngettext(singular, plural, num)
    return french_plural(singular, plural, num)


@dataclass(frozen=True)
class Figures:
    participants: int
    territories: int
    cards: int  # freins, leviers, ressources and needs with a confirmed text
    votes: int  # on needs with a confirmed text and a known count
    seeds: int
    votes_waiting: int = 0  # needs with a confirmed text whose votes are not counted yet
    votes_unreadable: int = 0  # ...whose votes a person found unreadable (never counted)


@dataclass(frozen=True)
class NeedStory:
    text: str
    votes: int
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class SeedStory:
    title: str
    plan: str
    needs: str
    first_step: str
    next_meeting: str
    is_open: bool
    members: int
    join_url: str = ""  # its action group's public join link (kit.services.group_pages)


@dataclass(frozen=True)
class Article:
    headline: str
    standfirst: str
    figures: Figures
    needs: tuple[NeedStory, ...]
    seeds: tuple[SeedStory, ...]
    restitution_url: str
    contact: str


def confirmed(text: results.Text) -> str:
    return text.text if text.verified else ""


def count_participants(workshop: Workshop) -> tuple[int, int]:
    """People who had a pack, and how many territories they came from (counts only)."""
    base = (Participant.workshop_id == workshop.id, Participant.origin.in_(PACK_ORIGINS),
            Participant.erased_at.is_(None))
    people = db.session.scalar(select(func.count()).where(*base)) or 0
    territories = db.session.scalar(select(func.count(func.distinct(Participant.territory)))
                                    .where(*base, Participant.territory.is_not(None))) or 0
    return people, territories


def figures_of(workshop: Workshop, sections: dict, needs: list[results.Need],
               seeds: list[results.Seed]) -> Figures:
    people, territories = count_participants(workshop)
    cards = sum(1 for groups in sections.values() for group in groups for item in group.items
                if confirmed(item.text))
    told = [need for need in needs if confirmed(need.text)]  # a need's votes count with its text
    cards += len(told)
    known = results.counted(told)
    return Figures(people, territories, cards, sum(need.votes or 0 for need in known),
                   sum(1 for seed in seeds if confirmed(seed.title)),
                   len(results.uncounted(told, results.VOTES_WAITING)),
                   len(results.uncounted(told, results.VOTES_UNREADABLE)))


def need_stories(needs: list[results.Need]) -> tuple[NeedStory, ...]:
    """The three needs with the most votes, each quoting other cards of its wall cluster
    (cards that are not themselves among the three). A need whose votes are not counted yet is
    never ranked (the figures say how many wait); it may be quoted."""
    told = [need for need in needs if confirmed(need.text)]
    top = results.counted(told)[:TOP_NEEDS]
    others = [need for need in told if need not in top]
    stories = []
    for need in top:
        quotes = [other.text.text for other in others if need.cluster is not None
                  and (other.zone, other.cluster) == (need.zone, need.cluster)]
        stories.append(NeedStory(need.text.text, need.votes or 0,
                                 tuple(quotes[:QUOTES_PER_NEED])))
    return tuple(stories)


def seed_stories(seeds: list[results.Seed], joins: dict[int, str]) -> tuple[SeedStory, ...]:
    return tuple(SeedStory(confirmed(seed.title), confirmed(seed.plan), confirmed(seed.needs),
                           confirmed(seed.first_step), confirmed(seed.next_meeting),
                           seed.is_open, len(seed.members), joins.get(seed.card_id or 0, ""))
                 for seed in seeds if confirmed(seed.title))


def build_article(workshop: Workshop, joins: dict[int, str] | None = None) -> Article:
    """The draft; the caller checks that the restitution is published. ``joins``: seed sheet
    (card id) -> the public join link of its action group, for the groups open to newcomers."""
    sections, needs = results.diagnostic(workshop), results.needs(workshop)
    seeds = results.seeds(workshop)
    figures = figures_of(workshop, sections, needs, seeds)
    headline = _("%(title)s : %(people)s, %(seeds)s", title=workshop.title,
                 people=ngettext("%(num)s personne", "%(num)s personnes",
                                 figures.participants),
                 seeds=ngettext("%(num)s projet qui démarre", "%(num)s projets qui démarrent",
                          figures.seeds))
    where = ", ".join(part for part in (workshop.place, day_text(workshop)) if part)
    standfirst = _("Atelier participatif%(where)s : un état des lieux partagé et des graines "
                   "de projet portées par des groupes autonomes.",
                   where=f" ({where})" if where else "")
    return Article(headline, standfirst, figures, need_stories(needs),
                   seed_stories(seeds, joins or {}),
                   public_url_for("results.restitution", code=workshop.code),
                   workshop.contact or workshop.organiser)


def day_text(workshop: Workshop) -> str:
    if workshop.date is None:
        return ""
    if has_request_context():
        from flask_babel import format_date
        return format_date(workshop.date, "long")
    return workshop.date.isoformat()


# --- Markdown ----------------------------------------------------------------------------------

def md(text: str) -> str:
    """Card text as literal Markdown: no character of it becomes markup, one line."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def draft_notice() -> str:
    return _("BROUILLON généré par Atelier Kit pour l’équipe du journal : à relire, vérifier et "
             "réécrire avant toute publication.")


def figure_texts(figures: Figures) -> list[str]:
    """The day in figures, one sentence each (the Markdown and the HTML list them)."""
    return [
        ngettext("%(num)s participant·e", "%(num)s participant·e·s", figures.participants),
        ngettext("%(num)s territoire représenté", "%(num)s territoires représentés",
           figures.territories),
        ngettext("%(num)s carte au mur (freins, leviers, ressources, besoins)",
           "%(num)s cartes au mur (freins, leviers, ressources, besoins)", figures.cards),
        ngettext("%(num)s vote sur les besoins", "%(num)s votes sur les besoins", figures.votes),
        *([ngettext("%(num)s besoin dont les votes restent à compter (hors classement)",
                    "%(num)s besoins dont les votes restent à compter (hors classement)",
                    figures.votes_waiting)] if figures.votes_waiting else []),
        *([ngettext("%(num)s besoin aux votes illisibles (hors classement)",
                    "%(num)s besoins aux votes illisibles (hors classement)",
                    figures.votes_unreadable)] if figures.votes_unreadable else []),
        ngettext("%(num)s graine de projet", "%(num)s graines de projet", figures.seeds)]


def votes_text(votes: int) -> str:
    return ngettext("%(num)s vote", "%(num)s votes", votes)


def need_lines(stories: tuple[NeedStory, ...]) -> list[str]:
    lines: list[str] = []
    for rank, story in enumerate(stories, start=1):
        lines += [f"{rank}. **{md(story.text)}** — {votes_text(story.votes)}", ""]
        lines += [f"   > « {md(quote)} »" for quote in story.quotes]
        if story.quotes:
            lines.append("")
    return lines or [_("Aucun besoin confirmé pour l’instant."), ""]


def seed_lines(stories: tuple[SeedStory, ...]) -> list[str]:
    lines: list[str] = []
    for story in stories:
        lines += [f"### {md(story.title)}", ""]
        for label, text in ((_("Ce que le groupe veut faire"), story.plan),
                            (_("Besoins auxquels il répond"), story.needs),
                            (_("Premier pas"), story.first_step),
                            (_("Prochaine rencontre"), story.next_meeting)):
            if text:
                lines.append(f"- {label} : {md(text)}")
        if story.join_url:
            lines.append("- " + _("Pour rejoindre le groupe : %(url)s", url=f"<{story.join_url}>"))
        else:
            lines.append("- " + (_("Ouvert à de nouveaux membres") if story.is_open
                                 else _("Groupe complet pour l’instant")))
        lines.append("")
    return lines or [_("Aucune graine de projet confirmée pour l’instant."), ""]


def article_markdown(article: Article) -> str:
    lines = [f"> **{draft_notice()}**", "", f"# {md(article.headline)}", "",
             f"*{md(article.standfirst)}*", "", "## " + _("La journée en chiffres"), ""]
    lines += [f"- {line}" for line in figure_texts(article.figures)]
    lines += ["", "## " + _("Les trois besoins les plus votés"), ""]
    lines += need_lines(article.needs) + ["## " + _("Les graines de projet"), ""]
    lines += seed_lines(article.seeds) + ["## " + _("Comment les rejoindre"), ""]
    lines.append(_("Toute la restitution, avec chaque projet : %(url)s",
                   url=f"<{article.restitution_url}>"))
    if article.contact:
        lines += ["", _("Pour rejoindre un groupe : %(contact)s", contact=md(article.contact))]
    return "\n".join(lines) + "\n"
