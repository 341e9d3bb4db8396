"""Translation helpers that need no Flask (the CSV parser uses them too)."""
from __future__ import annotations


def N_(text: str) -> str:
    """Mark ``text`` for extraction (pybabel -k N_); it is translated where it is shown."""
    return text
