"""Exports of a workshop's results. Every exporter returns ``(filename, content_type, data)``.

- vCard 4.0 (RFC 6350): UTF-8, CRLF line ends, lines folded at 75 octets, text escaped.
- CSV for French Excel (kit.services.csvfile: BOM, ``;``, no cell run as a formula).
- JSON: UTF-8, readable (indented, accents kept).
Labels of stored keys (territory, actor type...) come from a ``label(kind, key)`` callable, so
the view can pass its translated labels; the default is the French printed on the cards.
"""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable

from flask import has_request_context
from flask_babel import gettext

from kit.labels import french_label
from kit.models import Participant, Workshop
from kit.services import results
from kit.services.csvfile import csv_bytes

Export = tuple[str, str, bytes]
Label = Callable[[str, "str | None"], str]

CRLF = "\r\n"
VCARD_LINE_OCTETS = 75  # RFC 6350 3.2: lines SHOULD be folded to at most 75 octets
FRENCH_SECTIONS = {"frein": "Freins", "levier": "Leviers", "ressource": "Ressources & initiatives",
                   "besoin": "Besoins"}
# a stable namespace: a person exported twice keeps the same UID, so address books merge
UID_NAMESPACE = uuid.UUID("6f1c1f4e-3a57-4e0b-9d59-6b3c7a2a1f00")


def _(text: str) -> str:
    """Headers in the reader's language; French outside a request (CLI, worker, tests)."""
    return gettext(text) if has_request_context() else text


# --- vCard ------------------------------------------------------------------------------------
def escape_text(value: str) -> str:
    """RFC 6350 3.4: backslash, comma, semicolon and line breaks are escaped in text values."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return re.sub(r"\r\n|\r|\n", "\\\\n", value)


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets without cutting a UTF-8 character in two."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = VCARD_LINE_OCTETS - (1 if pieces else 0)  # continuation lines start with a space
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def tel_uri(phone: str) -> str | None:
    """A French 10-digit number or an international one as a tel: URI, else None."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+") and digits:
        return f"tel:+{digits}"
    if len(digits) == 10 and digits.startswith("0"):
        return f"tel:+33{digits[1:]}"
    return None


def vcard_lines(person: Participant, workshop: Workshop, label: Label,
                reason: str = "") -> list[str]:
    name = person.full_name or person.structure or person.email or "?"
    uid = uuid.uuid5(UID_NAMESPACE, f"{workshop.code}/{person.id}")
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:individual", f"UID:urn:uuid:{uid}",
             f"FN:{escape_text(name)}"]
    if person.first_name or person.last_name:
        lines.append(f"N:{escape_text(person.last_name)};{escape_text(person.first_name)};;;")
    optional = (("ORG", person.structure), ("TITLE", person.role),
                ("EMAIL;TYPE=work", person.email or ""))
    lines += [f"{prop}:{escape_text(value)}" for prop, value in optional if value]
    lines += tel_lines(person.phone)
    if person.commune:
        lines.append(f"ADR;TYPE=work:;;;{escape_text(person.commune)};;;")
    lines.append(f"NOTE:{escape_text(vcard_note(person, workshop, label, reason))}")
    return lines + ["END:VCARD"]


def tel_lines(phone: str) -> list[str]:
    if not phone:
        return []
    uri = tel_uri(phone)
    if uri is None:  # kept as written: vCard 4.0 still accepts a free-text TEL
        return [f"TEL;VALUE=text:{escape_text(phone)}"]
    return [f"TEL;VALUE=uri;TYPE=voice:{uri}"]


def vcard_note(person: Participant, workshop: Workshop, label: Label, reason: str) -> str:
    parts = [f"{workshop.title} ({workshop.code})", label("actor_type", person.actor_type),
             label("territory", person.territory)]
    if person.origin == "useful_contact":
        parts += [label("origin", person.origin), reason]
    return " · ".join(part for part in parts if part)


def export_vcards(workshop: Workshop, people: list[Participant],
                  label: Label = french_label) -> Export:
    """One VCARD per person, in one .vcf file."""
    reasons = results.contact_reasons(workshop)
    text = "".join(CRLF.join(fold_line(line) for line in vcard_lines(
        person, workshop, label, reasons.get(person.id, ""))) + CRLF for person in people)
    return f"{workshop.code}-carnet.vcf", "text/vcard; charset=utf-8", text.encode("utf-8")


# --- CSV --------------------------------------------------------------------------------------
def address_book_header() -> list[str]:
    return [_("N°"), _("Prénom"), _("Nom"), _("Structure"), _("Rôle / fonction"), _("Commune"),
            _("Territoire"), _("Type d'acteur"), _("E-mail"), _("Téléphone"), _("Origine")]


def address_book_row(person: Participant, label: Label) -> list:
    return [person.number, person.first_name, person.last_name, person.structure, person.role,
            person.commune, label("territory", person.territory),
            label("actor_type", person.actor_type), person.email, person.phone,
            label("origin", person.origin)]


INTERNAL_SUFFIX = "interne"  # the organisers' own file: consents and opt-ins included


def internal_header() -> list[str]:
    return [_("Consentement"), _("Lettre d'information"), _("Bénévole pour le journal")]


def internal_row(person: Participant, label: Label) -> list:
    consent = label("consent", person.consent) or _("pas encore demandé")
    return [consent, yes_no(person.newsletter) or _("non"),
            yes_no(person.journal_volunteer) or _("non")]


def export_address_book_csv(workshop: Workshop, people: list[Participant], suffix: str,
                            label: Label = french_label) -> Export:
    header = address_book_header()
    rows = [address_book_row(person, label) for person in people]
    if suffix == INTERNAL_SUFFIX:
        header += internal_header()
        rows = [row + internal_row(person, label) for row, person in zip(rows, people)]
    data = csv_bytes(header, rows)
    return f"{workshop.code}-carnet-{suffix}.csv", "text/csv; charset=utf-8", data


# --- diagnostic -------------------------------------------------------------------------------
def diagnostic_header() -> list[str]:
    return [_("Rubrique"), _("Zone"), _("Groupe"), _("Carte"), _("N° participant"), _("Texte"),
            _("Qui ? Contact"), _("Votes"), _("Veut y travailler"), _("À vérifier")]


def diagnostic_rows(sections: dict[str, list[results.Group]], needs: list[results.Need],
                    heading: Callable[[str], str | None],
                    numbers: set[str] | None = None) -> list[list]:
    """``numbers``: the participants who may be named (results.consenting_numbers; None:
    everyone); a need's volunteer outside them is "une personne", a card's author outside
    them has no number."""
    rows = []
    for type_key, groups in sections.items():
        for group in groups:
            rows += [[heading(type_key), group.zone, group.cluster, item.code,
                      results.author_number(item, numbers) or "", item.text.text,
                      item.contact.text, "", "",
                      yes_no(not (item.text.verified and item.contact.verified))]
                     for item in group.items]
    rows += [[heading("besoin"), need.zone, need.cluster, need.code, "", need.text.text, "",
              "" if need.votes is None else need.votes, volunteer_cell(need, numbers),
              yes_no(not need.text.verified or need.votes is None)]
             for need in needs]
    return rows


def volunteer_cell(need: results.Need, numbers: set[str] | None) -> str | int:
    if not need.volunteer_number:
        return ""
    return need.volunteer_number if results.volunteer_named(need, numbers) else _("une personne")


def yes_no(flag: bool) -> str:
    return _("oui") if flag else ""


def export_diagnostic_csv(workshop: Workshop,
                          heading: Callable[[str], str | None] = FRENCH_SECTIONS.get,
                          audience: str = "organisers") -> Export:
    """``audience`` "participants" (a reviewer's download): a volunteer who did not consent
    is "une personne". The cards' handwritten "Qui ? Contact" stays: it is what the wall
    showed everyone in the room, never put in the public restitution."""
    rows = diagnostic_rows(results.diagnostic(workshop), results.needs(workshop), heading,
                           results.consenting_numbers(workshop, audience))
    data = csv_bytes(diagnostic_header(), rows)
    return f"{workshop.code}-etat-des-lieux.csv", "text/csv; charset=utf-8", data


def text_dict(text: results.Text) -> dict:
    return {"text": text.text, "verified": text.verified}


def group_dict(group: results.Group, numbers: set[str] | None = None) -> dict:
    """A card's ``participant_number`` is null when its author may not be named (``numbers``)
    or is not known."""
    return {"zone": group.zone, "cluster": group.cluster,
            "cards": [{"code": item.code,
                       "participant_number": results.author_number(item, numbers),
                       "text": text_dict(item.text), "contact": text_dict(item.contact)}
                      for item in group.items]}


def need_dict(need: results.Need, numbers: set[str] | None = None) -> dict:
    """``votes`` is null while ``votes_status`` is "waiting" (a count not yet known) and when
    "unreadable" (a person found the votes unreadable: no count, for good), an integer when
    "confirmed"; the needs come counted first, most votes first, then waiting, then
    unreadable. ``volunteer_number`` is null when nobody ticked "je veux y travailler" and
    when that person may not be named (``numbers``): ``has_volunteer`` still says someone
    did."""
    named = results.volunteer_named(need, numbers)
    return {"code": need.code, "text": text_dict(need.text), "votes": need.votes,
            "votes_status": need.votes_status,
            "volunteer_number": need.volunteer_number if named else None,
            "has_volunteer": bool(need.volunteer_number),
            "zone": need.zone, "cluster": need.cluster}


def seed_dict(seed: results.Seed, numbers: set[str] | None = None) -> dict:
    """``members``: only those who may be named (results.named_members); ``other_members``
    counts the rest (no number on the sheet, or no consent for this audience)."""
    texts = {name: text_dict(getattr(seed, name)) for name in (
        "title", "needs", "plan", "first_step", "next_meeting", "referent")}
    named, others = results.named_members(seed, numbers)
    members = [{"name": m.name, "number": m.number, "email": m.email} for m in named]
    return {"code": seed.code, **texts, "members": members, "other_members": others,
            "open_to_new_members": seed.is_open}


def diagnostic_dict(workshop: Workshop, audience: str = "organisers") -> dict:
    """``audience`` "participants" (a reviewer's download) names only consenting people."""
    sections = results.diagnostic(workshop)
    numbers = results.consenting_numbers(workshop, audience)
    return {"workshop": {"code": workshop.code, "title": workshop.title, "theme": workshop.theme,
                         "place": workshop.place,
                         "date": workshop.date.isoformat() if workshop.date else None},
            "diagnostic": {key: [group_dict(g, numbers) for g in groups]
                           for key, groups in sections.items()},
            "needs": [need_dict(need, numbers) for need in results.needs(workshop)],
            "seeds": [seed_dict(seed, numbers) for seed in results.seeds(workshop)]}


def export_diagnostic_json(workshop: Workshop, audience: str = "organisers") -> Export:
    data = json.dumps(diagnostic_dict(workshop, audience), ensure_ascii=False,
                      indent=2) + "\n"
    return (f"{workshop.code}-etat-des-lieux.json", "application/json; charset=utf-8",
            data.encode("utf-8"))
