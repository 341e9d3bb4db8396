"""Small helpers shared by the views, and the one membership check every organiser page uses."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort
from flask_login import current_user

from kit.extensions import db
from kit.models import Workshop
from kit.services import members
from kit.services.members import EDIT, MANAGE, RESULTS, REVIEW, VIEW
from kit.services.workshops import get_workshop

__all__ = ["EDIT", "MANAGE", "RESULTS", "REVIEW", "VIEW", "owned_or_404",
           "public_workshop_or_404", "safe_next", "workshop_or_404"]


def workshop_or_404(code: str, need: str = EDIT) -> Workshop:
    """The workshop ``code`` if the logged-in user's role in it allows ``need``.

    Not a member (or not logged in): 404, so that a stranger learns nothing, not even that the
    code exists. A member whose role does not allow ``need`` (a reviewer on an edit page): 403.
    """
    workshop = get_workshop(code)
    if workshop is None:
        abort(404)
    role = members.role_of(current_user, workshop)
    if role is None:
        abort(404)
    if not members.can(current_user, workshop, need):
        abort(403)
    return workshop


def public_workshop_or_404(code: str) -> Workshop:
    """A workshop for a public page (registration, restitution): no membership asked; the
    page itself decides what a visitor may see."""
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
    normalised = target.replace("\\", "/")  # browsers read a backslash as a slash
    parts = urlsplit(normalised)
    if parts.scheme or parts.netloc or not target.startswith("/") or normalised.startswith("//"):
        return fallback
    if any(ord(char) < 32 for char in target):  # a tab or newline the browser would drop
        return fallback
    return target
