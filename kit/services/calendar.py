"""The workshop as an iCalendar (.ics) event (RFC 5545): pure, no Flask, no database."""
from __future__ import annotations

import datetime as dt

DEFAULT_START, DEFAULT_END = dt.time(9, 0), dt.time(17, 0)  # the method's usual day
FOLD_OCTETS = 75  # RFC 5545 §3.1: lines longer than this are folded


def escape_text(text: str) -> str:
    """TEXT value escaping (§3.3.11): backslash, semicolon, comma and newlines."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    chunks: list[str] = []
    current = ""
    for char in line:
        # continuation lines start with a space
        limit = FOLD_OCTETS if not chunks else FOLD_OCTETS - 1
        if len((current + char).encode("utf-8")) > limit:
            chunks.append(current)
            current = ""
        current += char
    chunks.append(current)
    return "\r\n ".join(chunks)


def to_utc(day: dt.date, time: dt.time, zone: dt.tzinfo) -> dt.datetime:
    naive = dt.datetime.combine(day, time)
    # pytz
    local = zone.localize(naive) if hasattr(zone, "localize") else naive.replace(tzinfo=zone)
    return local.astimezone(dt.UTC)


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def workshop_ics(*, uid: str, title: str, day: dt.date, start: dt.time | None,
                 end: dt.time | None, place: str, description: str, url: str,
                 zone: dt.tzinfo, now: dt.datetime) -> bytes:
    """One VEVENT with times in UTC (no VTIMEZONE needed), CRLF line ends, UTF-8."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Atelier Kit//Inscriptions//FR",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
             f"UID:{uid}", f"DTSTAMP:{utc_stamp(now)}",
             f"DTSTART:{utc_stamp(to_utc(day, start or DEFAULT_START, zone))}",
             f"DTEND:{utc_stamp(to_utc(day, end or DEFAULT_END, zone))}",
             f"SUMMARY:{escape_text(title)}"]
    if place:
        lines.append(f"LOCATION:{escape_text(place)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines += [f"URL:{url}", "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
