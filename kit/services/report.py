"""The PDF report of the day: assembles printables.report.Report from a restitution (already
filtered by consent, confirmed values only) and has printables draw it.

Runs inside a request or a ``test_request_context`` (dates and words follow its language).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import format_date, get_locale, ngettext

from kit.i18n import N_
from kit.models import Participant, Workshop
from kit.services import kits, results
from kit.services.board import BoardCard
from kit.services.charts import BarChart
from kit.services.restitution import Restitution
from printables import report as pdf
from printables.programme import programme

Gettext = Callable[..., str]
# printables.programme's steps, marked here for the catalogue (a unit test keeps them equal)
PROGRAMME_TEXTS = (
    N_("Accueil : chacun reçoit la pochette à son numéro."),
    N_("Se connaître : carte « Qui fait quoi ? » remplie au feutre, affichée, tour de table."),
    N_("Se parler : cartes Frein, Levier, Ressource et Besoin, collées sous leurs affiches."),
    N_("Lecture des murs et vote des besoins avec les gommettes."),
    N_("Déjeuner."),
    N_("Coopérer : des groupes se forment autour des besoins les plus votés."),
    N_("Graines de projet : chaque groupe remplit sa feuille."),
    N_("Partage des graines, appel à de nouveaux membres, cartes Contact utile."),
    N_("Photos des murs et des feuilles (voir plus bas), clôture."),
    N_("Fin de l'atelier."),
)
FRENCH_TIME = re.compile(r"^(\d{1,2}) h(?: (\d{2}))?$")


def clock(time_text: str) -> str:
    """"9 h 30" as the language writes it ("9:30" in English)."""
    match = FRENCH_TIME.match(time_text)
    if match is None or str(get_locale() or "fr") == "fr":
        return time_text
    return f"{match.group(1)}:{match.group(2) or '00'}"


def programme_rows(workshop: Workshop, gettext: Gettext) -> tuple[tuple[str, str], ...]:
    section = programme(kits.kit_workshop(workshop))
    return tuple((clock(time), gettext(text)) for time, text in section.rows)


def person_line(person: Participant) -> str:
    details = " · ".join(part for part in (person.role, person.structure, person.commune) if part)
    return f"{person.full_name} — {details}" if details else person.full_name


def chart_of(chart: BarChart) -> pdf.Chart:
    return pdf.Chart(chart.title, chart.rows, chart.note)


def zones_of(r: Restitution, section_label: Callable[[str], str],
             gettext: Gettext) -> tuple[pdf.Zone, ...]:
    def cluster(c) -> pdf.Cluster:
        name = c.name if c.key else gettext("Cartes isolées")
        cards = tuple(card.text.text + votes_suffix(card, gettext) for card in c.cards
                      if card.text.verified and card.text.text)
        return pdf.Cluster(name or gettext("Regroupement sans texte vérifié"), cards)
    return tuple(pdf.Zone(section_label(z.type_key), tuple(cluster(c) for c in z.clusters))
                 for z in r.zones)


def votes_suffix(card: BoardCard, gettext: Gettext) -> str:
    if card.votes_waiting:
        return " — " + gettext("votes à compter")
    if card.votes_unreadable:
        return " — " + gettext("votes illisibles")
    if card.votes is None:  # not a need
        return ""
    return " — " + ngettext("%(num)s vote", "%(num)s votes", card.votes)


def need_votes(need: results.Need, gettext: Gettext) -> int | str:
    """The votes column of the needs' table: the count, or why there is none."""
    if need.votes_status == results.VOTES_UNREADABLE:
        return gettext("illisibles")
    return gettext("à compter") if need.votes is None else need.votes


def seed_of(view, gettext: Gettext, contact: str) -> pdf.Seed:
    """The seed's "how to join" block: its group's own lines once action groups exist, else
    the workshop's contact (as on the restitution page)."""
    seed = view.seed
    rows = [(gettext("Besoins auxquels elle répond"), seed.needs),
            (gettext("Ce que nous voulons faire"), seed.plan),
            (gettext("Premier pas"), seed.first_step),
            (gettext("Prochaine rencontre"), seed.next_meeting)]
    return pdf.Seed(seed.title.text or gettext("Graine sans titre"),
                    tuple((label, text.text) for label, text in rows
                          if text.verified and text.text),
                    view.contacts, view.join or ((gettext(
                        "Écrivez à l’équipe de l’atelier : %(contact)s", contact=contact),)
                        if contact else ()), view.join_url)


def words(audience: str, gettext: Gettext) -> pdf.Words:
    return pdf.Words(
        document=gettext("Compte rendu de l’atelier"),
        audience=(gettext("Version publique : seulement les personnes qui ont accepté la "
                          "restitution publique, sans coordonnées.") if audience == "public" else
                  gettext("Document partagé avec les participants : seulement les personnes "
                          "qui l’ont accepté. Ne pas diffuser plus largement.")),
        programme=gettext("Programme de la journée"), people=gettext("Qui était là"),
        people_note=gettext("Seules les personnes qui l’ont accepté sont nommées."),
        nobody=gettext("Personne n’a demandé à figurer ici."),
        diagnostic=gettext("État des lieux"), needs=gettext("Besoins, par nombre de votes"),
        seeds=gettext("Graines de projet"), contacts=gettext("Contacts du groupe"),
        join=gettext("Rejoindre ce groupe"), nothing=gettext("Rien de confirmé pour l’instant."),
        votes=gettext("Votes"))


def details_of(workshop: Workshop, gettext: Gettext) -> tuple[str, ...]:
    when = format_date(workshop.date, "full") if workshop.date else ""
    lines = [workshop.theme, " · ".join(part for part in (when, workshop.place) if part)]
    people = " · ".join(part for part in (workshop.organiser, workshop.contact) if part)
    if people:
        lines.append(gettext("Organisation : %(people)s", people=people))
    return tuple(line for line in lines if line)


def build_report(workshop: Workshop, r: Restitution, gettext: Gettext,
                 section_label: Callable[[str], str]) -> pdf.Report:
    figures = ((str(r.attendance), gettext("personnes venues")),
               (str(sum(zone.count for zone in r.zones)), gettext("cartes confirmées")),
               (str(len(r.needs)), gettext("besoins")),
               (str(len(r.seeds)), gettext("graines de projet")))
    contact = workshop.contact or workshop.organiser
    return pdf.Report(
        title=workshop.title, details=details_of(workshop, gettext), figures=figures,
        programme=programme_rows(workshop, gettext),
        people=tuple(person_line(p) for p in r.people + r.contacts),
        charts=(chart_of(r.zones_chart), *map(chart_of, r.people_charts)),
        zones=zones_of(r, section_label, gettext), needs_chart=chart_of(r.needs_chart),
        needs=tuple((need_votes(need, gettext), need.text.text) for need in r.needs),
        seeds=tuple(seed_of(view, gettext, contact) for view in r.seeds),
        contact=gettext("Contact : %(contact)s", contact=contact) if contact else "",
        words=words(r.audience, gettext))


def report_filename(workshop: Workshop, audience: str) -> str:
    suffix = "-public" if audience == "public" else ""
    return f"compte-rendu-{workshop.code}{suffix}.pdf"


def render_report(workshop: Workshop, r: Restitution, gettext: Gettext,
                  section_label: Callable[[str], str]) -> tuple[str, str, bytes]:
    """The exporter contract: (filename, content type, data)."""
    data = pdf.report_pdf(build_report(workshop, r, gettext, section_label))
    return report_filename(workshop, r.audience), "application/pdf", data
