"""CSV files for spreadsheets in France, one rule for every export.

UTF-8 with a byte-order mark (else Excel reads Windows-1252), ``;`` as separator (French Excel's
list separator: a comma is the decimal mark), CRLF line ends.

CSV injection: a cell starting with a character that Excel or LibreOffice evaluates is quoted
with ``'``, so it is shown, never run. A ``+`` or ``-`` followed only by digits, spaces,
brackets and dots is a number (``+41 22 555 01 02``, ``-5``), which can call nothing: it is
left readable; anything else after it (a letter, a second operator) is quoted.
"""
from __future__ import annotations

import csv
import io
import re

BOM = "\ufeff"
DELIMITER = ";"
LINE_END = "\r\n"
# what Excel and LibreOffice evaluate; "+" and "-" only when not a plain number
FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-](?![\d ().]*$))")
YES_NO = {True: "oui", False: "non"}


def safe_cell(value) -> str:
    """A cell as text: None empty, a bool as oui/non, a leading formula character quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES_NO[value]
    text = str(value)
    return "'" + text if FORMULA_START.match(text) else text


def csv_bytes(header: list[str], rows: list[list], delimiter: str = DELIMITER,
              bom: bool = True) -> bytes:
    """The file for French Excel by default; ``delimiter=","`` and ``bom=False`` give the
    plain CSV that mailing tools import (kit.services.newsletter). Cells are guarded alike."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=LINE_END)
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return ((BOM if bom else "") + buffer.getvalue()).encode("utf-8")
