"""Parse a participants CSV as spreadsheets export it in France: pure, no Flask, no database.

Accepted: UTF-8 with or without BOM, or Windows-1252 (Excel's "CSV (séparateur : point-virgule)");
comma or semicolon separators; French headers in any case, with or without accents.
Every problem is an ``Issue`` (line number, column, message code and values); the message is
worded in French by ``Issue.message()`` and translated by the caller when it passes a gettext.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kit.i18n import N_
from kit.services.values import (
    ValueProblem,
    parse_actor_type,
    parse_consent,
    parse_email,
    parse_phone,
    parse_territory,
    parse_yes_no,
)

# column key -> the header variants accepted, compared after normalise_header()
COLUMNS: dict[str, tuple[str, ...]] = {
    "first_name": ("prenom", "prenoms", "first name"),
    "last_name": ("nom", "nom de famille", "last name"),
    "structure": ("structure", "organisme", "organisation"),
    "role": ("role", "fonction", "role fonction"),
    "commune": ("commune", "ville"),
    "territory": ("territoire", "communaute de communes", "intercommunalite"),
    "actor_type": ("type d acteur", "type d acteurs", "type acteur", "type"),
    "email": ("e mail", "email", "courriel", "adresse e mail", "mail"),
    "phone": ("telephone", "tel", "portable"),
    "consent": ("consentement",),
    "newsletter": ("lettre d information", "lettre d info", "newsletter"),
    "journal_volunteer": ("benevole journal", "benevole pour le journal", "journal"),
}
REQUIRED_COLUMNS = ("first_name", "last_name")
COLUMN_LABELS = {  # how a column is named back to the user (the official French header)
    "first_name": "prénom", "last_name": "nom", "structure": "structure", "role": "rôle",
    "commune": "commune", "territory": "territoire", "actor_type": "type d'acteur",
    "email": "e-mail", "phone": "téléphone", "consent": "consentement",
    "newsletter": "lettre d'information", "journal_volunteer": "bénévole journal",
}
MAX_CELL_CHARS = 200  # longer than any name or structure; a longer cell is a shifted column
# the shorter columns of the participants table (kit.models.participants): PostgreSQL refuses
# a longer value (SQLite stored it), so it is a line error here, not a failed import
COLUMN_MAX_CHARS = {"first_name": 100, "last_name": 100, "commune": 100, "phone": 40}
VALUE_PARSERS: dict[str, Callable[[str], object]] = {
    "territory": parse_territory, "actor_type": parse_actor_type, "email": parse_email,
    "phone": parse_phone, "consent": parse_consent, "newsletter": parse_yes_no,
    "journal_volunteer": parse_yes_no,
}
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MESSAGES = {
    "encoding": N_(
        "Le fichier n’est ni en UTF-8 ni en Windows-1252 (enregistrez-le en « CSV UTF-8 »)."
    ),
    "empty_file": N_("Le fichier est vide."),
    "no_rows": N_("Le fichier ne contient aucune ligne de participant."),
    "missing_column": N_("Colonne obligatoire manquante : « %(column)s »."),
    "duplicate_column": N_("La colonne « %(column)s » apparaît deux fois."),
    "empty_value": N_("Ligne %(line)s : %(column)s vide."),
    "too_long": N_("Ligne %(line)s : %(column)s trop long (plus de %(max)s caractères)."),
    "bad_value": N_(
        "Ligne %(line)s : valeur « %(value)s » non reconnue pour %(column)s "
        "(attendu : %(expected)s)."
    ),
    "bad_email": N_("Ligne %(line)s : e-mail « %(value)s » invalide."),
    "bad_phone": N_("Ligne %(line)s : téléphone « %(value)s » invalide."),
    "duplicate_email_file": N_(
        "Ligne %(line)s : e-mail « %(value)s » déjà présent ligne %(first_line)s."
    ),
    "duplicate_email_db": N_(
        "Ligne %(line)s : e-mail « %(value)s » déjà inscrit dans cet atelier."
    ),
    "ignored_column": N_("Colonne « %(column)s » ignorée (non reconnue)."),
}


@dataclass(frozen=True)
class Issue:
    code: str  # a key of MESSAGES
    line: int | None = None  # 1-based line of the file; the header is line 1
    params: dict = field(default_factory=dict)

    def message(self, gettext: Callable[..., str] | None = None) -> str:
        template = MESSAGES[self.code]
        values = {"line": self.line, **self.params}
        if gettext is not None:
            return gettext(template, **values)
        return template % values


@dataclass
class ParsedRow:
    line: int
    values: dict[str, object]
    issues: list[Issue] = field(default_factory=list)


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    file_issues: list[Issue] = field(default_factory=list)  # errors that stop the import
    warnings: list[Issue] = field(default_factory=list)  # shown, never blocking
    encoding: str = ""
    delimiter: str = ""

    @property
    def errors(self) -> list[Issue]:
        return self.file_issues + [i for row in self.rows for i in row.issues]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def normalise_header(text: str) -> str:
    """'Lettre d’Information ' -> 'lettre d information'; 'E-mail' -> 'e mail'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def decode_csv(data: bytes) -> tuple[str, str] | None:
    """(text, encoding name) or None when the bytes are neither UTF-8 nor Windows-1252 text."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", "UTF-8")]
    else:
        candidates = [("utf-8", "UTF-8"), ("cp1252", "Windows-1252")]
    for codec, name in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # NUL and other control bytes: UTF-16, a spreadsheet file or binary, not a CSV
        return None if _CONTROL_CHARS.search(text) else (text, name)
    return None


def header_columns(header: list[str]) -> tuple[dict[int, str], list[Issue], list[Issue]]:
    """Map cell index -> column key; also the duplicate-column errors and ignored-column
    warnings."""
    aliases = {alias: key for key, names in COLUMNS.items() for alias in names}
    mapping: dict[int, str] = {}
    errors, warnings = [], []
    for index, cell in enumerate(header):
        key = aliases.get(normalise_header(cell))
        if key is None:
            if cell.strip():
                warnings.append(Issue("ignored_column", params={"column": cell.strip()}))
        elif key in mapping.values():
            errors.append(Issue("duplicate_column", params={"column": COLUMN_LABELS[key]}))
        else:
            mapping[index] = key
    return mapping, errors, warnings


def sniff_delimiter(first_line: str) -> str:
    """The separator that splits the header into the most known columns (ties: ';')."""
    def known(delimiter: str) -> int:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return len(header_columns(cells)[0])
    return max((";", ","), key=known)


def parse_cell(key: str, raw: str, line: int) -> tuple[object, Issue | None]:
    value = " ".join(raw.split())  # spreadsheets leave doubled and non-breaking spaces
    label, limit = COLUMN_LABELS[key], COLUMN_MAX_CHARS.get(key, MAX_CELL_CHARS)
    if len(value) > limit:
        return None, Issue("too_long", line, {"column": label, "max": limit})
    parser = VALUE_PARSERS.get(key)
    if parser is None:
        return value, None
    try:
        return parser(value), None
    except ValueProblem as problem:
        params = {"column": label, "value": value, "expected": problem.expected}
        return None, Issue(problem.code, line, params)


def parse_row(cells: list[str], columns: dict[int, str], line: int) -> ParsedRow:
    row = ParsedRow(line, {})
    for index, key in columns.items():
        value, issue = parse_cell(key, cells[index] if index < len(cells) else "", line)
        row.values[key] = value
        if issue:
            row.issues.append(issue)
    for key in REQUIRED_COLUMNS:
        if row.values.get(key) == "":
            row.issues.append(Issue("empty_value", line, {"column": COLUMN_LABELS[key]}))
    return row


def flag_duplicate_emails(rows: list[ParsedRow], existing_emails: Iterable[str]) -> None:
    existing = {e.lower() for e in existing_emails if e}
    first_seen: dict[str, int] = {}
    for row in rows:
        email = str(row.values.get("email") or "")
        if not email:
            continue
        if email in existing:
            row.issues.append(Issue("duplicate_email_db", row.line, {"value": email}))
        elif email in first_seen:
            row.issues.append(Issue("duplicate_email_file", row.line,
                                    {"value": email, "first_line": first_seen[email]}))
        else:
            first_seen[email] = row.line


def parse_participants_csv(data: bytes, existing_emails: Iterable[str] = ()) -> ParseResult:
    """Parse the whole file; ``existing_emails`` are those already in the workshop."""
    decoded = decode_csv(data)
    if decoded is None:
        return ParseResult(file_issues=[Issue("encoding")])
    text, encoding = decoded
    if not text.strip():
        return ParseResult(file_issues=[Issue("empty_file")], encoding=encoding)
    delimiter = sniff_delimiter(text.splitlines()[0])
    result = ParseResult(encoding=encoding, delimiter=delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns, errors, result.warnings = header_columns(next(reader))
    result.file_issues += errors
    result.file_issues += [Issue("missing_column", params={"column": COLUMN_LABELS[key]})
                           for key in REQUIRED_COLUMNS if key not in columns.values()]
    if result.file_issues:
        return result
    for cells in reader:
        if any(cell.strip() for cell in cells):
            result.rows.append(parse_row(cells, columns, reader.line_num))
    flag_duplicate_emails(result.rows, existing_emails)
    if not result.rows:
        result.file_issues.append(Issue("no_rows"))
    return result
