"""What the restitution shows, for one audience: the board, the charts, the needs, the seeds
and who came — the same data for the web page and for the PDF report (kit.services.report).

Audiences follow kit.services.results: "organisers" (everything, values to check included),
"participants" (the report organisers download to pass on: people who accepted the shared
address book or the public restitution), "public" (the published page and its PDF: only
people who accepted "restitution publique", no contact details). Only confirmed values in
the last two; a consent read from paper that waits for a human counts as no consent.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kit.models import Participant, Workshop
from kit.services import board, group_pages, results
from kit.services.charts import BarChart

Gettext = Callable[..., str]


@dataclass(frozen=True)
class SeedView:
    """A project seed and the contacts of its group that the audience may see. ``join`` is
    the seed's "how to join" block, filled once action groups exist (issue 10, point 4)."""
    seed: results.Seed
    contacts: tuple[str, ...]
    join: tuple[str, ...] = ()
    join_url: str = ""  # the action group's public join link, drawn as a QR code on paper


@dataclass(frozen=True)
class Restitution:
    audience: str
    zones: list[board.BoardZone]
    zones_chart: BarChart
    people_charts: list[BarChart]
    needs_chart: BarChart
    needs: list[results.Need]
    seeds: list[SeedView]
    people: list[Participant]     # who came and agreed to be named to this audience
    contacts: list[Participant]   # useful contacts added on the day, same consent
    attendance: int               # how many came: a figure naming nobody


def is_shared(audience: str) -> bool:
    return audience != "organisers"


def seed_contacts(seed: results.Seed, people: dict[str, Participant],
                  audience: str) -> tuple[str, ...]:
    """Members written on the sheet, matched to a participant by their number; only those
    whose consent allows this audience; an e-mail only outside the public."""
    lines = []
    for member in seed.members:
        person = people.get(member.number.strip())
        if person is None:
            continue
        email = person.email or member.email
        show_email = audience != "public" and email
        lines.append(f"{person.full_name} · {email}" if show_email else person.full_name)
    return tuple(lines)


def join_lines(join: group_pages.Join | None, gettext: Gettext) -> tuple[str, ...]:
    """The printed "how to join" block of a seed whose action group is open to newcomers."""
    if join is None:
        return ()
    return (gettext("Demander à rejoindre le groupe : %(url)s", url=join.url),
            gettext("Page du groupe et nouvelles : %(url)s", url=join.page_url))


def seed_views(workshop: Workshop, audience: str, seeds: list[results.Seed],
               joins: dict[int, group_pages.Join], gettext: Gettext) -> list[SeedView]:
    visible = {str(p.number): p for p in results.address_book(workshop, audience)
               if p.number is not None}
    shown = [seed for seed in seeds if not is_shared(audience) or
             (seed.title.verified and seed.title.text)]
    views = []
    for seed in shown:
        join = joins.get(seed.card_id or 0)
        views.append(SeedView(seed, seed_contacts(seed, visible, audience),
                              join_lines(join, gettext), join.url if join else ""))
    return views


def people_note(audience: str, gettext: Gettext) -> str:
    if audience == "public":
        return gettext("Parmi les personnes qui ont accepté de figurer dans la restitution "
                       "publique.")
    if audience == "participants":
        return gettext("Parmi les personnes qui ont accepté le carnet d’adresses partagé ou la "
                       "restitution publique.")
    return gettext("Toutes les personnes venues avec une pochette (page de l’équipe).")


def build_restitution(workshop: Workshop, audience: str, gettext: Gettext,
                      section_label: Callable[[str], str],
                      joins: dict[int, group_pages.Join] | None = None) -> Restitution:
    """``joins``: seed card id -> its action group's join link (kit.services.group_pages)."""
    zones = board.build_board(workshop, public=is_shared(audience))
    needs = results.needs(workshop)
    if is_shared(audience):
        needs = [need for need in needs if need.text.verified and need.text.text]
    people = board.people_counted(workshop, audience)
    contacts = [p for p in results.address_book(workshop, audience)
                if p.origin == "useful_contact"]
    return Restitution(
        audience, zones, board.zones_chart(zones, section_label, gettext),
        board.people_charts(people, people_note(audience, gettext), gettext),
        board.needs_chart(needs, gettext), needs,
        seed_views(workshop, audience, results.seeds(workshop), joins or {}, gettext), people,
        contacts,
        board.attendance(workshop))
