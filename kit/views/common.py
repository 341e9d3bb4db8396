"""Small helpers shared by the views."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort

from kit.models import Workshop
from kit.services.workshops import get_workshop


def workshop_or_404(code: str) -> Workshop:
    workshop = get_workshop(code)
    if workshop is None:
        abort(404)
    return workshop


def safe_next(target: str | None, fallback: str) -> str:
    """Only a path on this site: a crafted ?next= must not send anyone elsewhere."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target
