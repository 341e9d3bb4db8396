"""Small helpers shared by the views."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort

from kit.extensions import db
from kit.models import Workshop
from kit.services.workshops import get_workshop


def workshop_or_404(code: str) -> Workshop:
    workshop = get_workshop(code)
    if workshop is None:
        abort(404)
    return workshop


def owned_or_404(model, object_id: int, workshop: Workshop):
    """A row of ``model`` that belongs to ``workshop``; anything else is "not found", so that an
    id from another workshop reveals nothing."""
    found = db.session.get(model, object_id)
    if found is None or found.workshop_id != workshop.id:
        abort(404)
    return found


def safe_next(target: str | None, fallback: str) -> str:
    """Only a path on this site: a crafted ?next= must not send anyone elsewhere."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target
