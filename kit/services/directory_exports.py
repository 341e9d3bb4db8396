"""Exports of the directory of actors: vCard 4.0 and CSV, with the address book's rules
(kit.services.exports: escaping and folding of vCard lines; kit.services.csvfile: BOM, ``;``,
no cell run as a formula). Each returns ``(filename, content_type, data)``; the views pass only
the profiles the audience may see (kit.services.directory)."""
from __future__ import annotations

import uuid

from kit.labels import french_label
from kit.services.csvfile import csv_bytes
from kit.services.directory import Profile
from kit.services.exports import (
    CRLF,
    UID_NAMESPACE,
    Export,
    Label,
    _,
    escape_text,
    fold_line,
    tel_lines,
)


def actor_vcard_lines(profile: Profile, label: Label) -> list[str]:
    person = profile.latest
    uid = uuid.uuid5(UID_NAMESPACE, f"acteur/{profile.actor_id}")
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:individual", f"UID:urn:uuid:{uid}",
             f"FN:{escape_text(profile.label)}"]
    if person.first_name or person.last_name:
        lines.append(f"N:{escape_text(person.last_name)};{escape_text(person.first_name)};;;")
    lines += [f"ORG:{escape_text(name)}" for name in profile.structures.values()]
    if person.role:
        lines.append(f"TITLE:{escape_text(person.role)}")
    lines += [f"EMAIL;TYPE=work:{escape_text(email)}" for email in profile.emails]
    for phone in profile.phones:
        lines += tel_lines(phone)
    lines += [f"ADR;TYPE=work:;;;{escape_text(commune)};;;" for commune in profile.communes[:1]]
    note = " · ".join(part for part in (
        label("actor_type", profile.actor_type), label("territory", profile.territory),
        ", ".join(f"{w.title} ({w.code})" for w in profile.workshops)) if part)
    lines.append(f"NOTE:{escape_text(note)}")
    return lines + ["END:VCARD"]


def export_directory_vcards(profiles: list[Profile], label: Label = french_label) -> Export:
    text = "".join(CRLF.join(fold_line(line) for line in actor_vcard_lines(p, label)) + CRLF
                   for p in profiles)
    return "annuaire-acteurs.vcf", "text/vcard; charset=utf-8", text.encode("utf-8")


def directory_header() -> list[str]:
    return [_("Prénom"), _("Nom"), _("Structure"), _("Rôle / fonction"), _("Commune"),
            _("Territoire"), _("Type d'acteur"), _("E-mail"), _("Téléphone"), _("Ateliers")]


def directory_row(profile: Profile, label: Label) -> list:
    person = profile.latest
    return [person.first_name, person.last_name, " / ".join(profile.structures.values()),
            person.role, " / ".join(profile.communes), label("territory", profile.territory),
            label("actor_type", profile.actor_type), " / ".join(profile.emails),
            " / ".join(profile.phones), " / ".join(w.code for w in profile.workshops)]


def export_directory_csv(profiles: list[Profile], label: Label = french_label) -> Export:
    data = csv_bytes(directory_header(), [directory_row(p, label) for p in profiles])
    return "annuaire-acteurs-partage.csv", "text/csv; charset=utf-8", data
