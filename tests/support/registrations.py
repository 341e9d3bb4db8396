"""Factories and helpers for the online-registration tests (issue 5). Test support only.

Import the fixtures into a test module (``from tests.support.registrations import ...``):
``open_workshop`` makes a workshop whose registration is open today; ``register`` posts the
public form the way a browser does (GET for the nonce, then POST).
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from kit.extensions import db
from kit.models import Registration

FORM = {"first_name": "Camille", "last_name": "Arnaud", "email": "camille@example.org",
        "phone": "0612345678", "structure": "Mountain Wilderness", "role": "Chargée de mission",
        "commune": "Briançon", "territory": "brianconnais", "actor_type": "association",
        "what_i_do": "J’anime des sorties à vélo.", "stakes": "Des pistes sûres pour l’école.",
        "consent": "participants", "newsletter": "y"}
NONCE_RE = re.compile(r'name="nonce" type="hidden" value="([^"]+)"')
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
LINK_RE = re.compile(r"https?://[^/\s]+(/mon-inscription/[A-Za-z0-9_-]+/)")


def today() -> dt.date:
    return dt.date.today()


@pytest.fixture
def open_workshop(make_workshop):
    """Factory: a workshop in a month, registration open since ten days (overridable)."""
    def factory(**overrides):
        values = {"title": "Mobilité douce dans le Grand Briançonnais", "theme": "Vélo",
                  "date": today() + dt.timedelta(days=30), "start_time": dt.time(9),
                  "end_time": dt.time(17), "place": "Centre des congrès, Briançon",
                  "contact": "mobilite@example.org",
                  "registration_opens_on": today() - dt.timedelta(days=10), **overrides}
        return make_workshop(**values)
    return factory


def nonce_of(html: str) -> str:
    return NONCE_RE.search(html).group(1)


def post_registration(client, code: str, nonce: str | None = None, **changes):
    """POST the public form (fetching a fresh nonce unless one is given)."""
    if nonce is None:
        nonce = nonce_of(client.get(f"/inscription/{code}/").get_data(as_text=True))
    data = {k: v for k, v in {**FORM, "nonce": nonce, **changes}.items() if v is not None}
    return client.post(f"/inscription/{code}/", data=data)


@pytest.fixture
def register(client):
    """Factory: register through the public page; returns the personal page's path."""
    def do_register(workshop, **changes) -> str:
        response = post_registration(client, workshop.code, **changes)
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return response.headers["Location"]
    return do_register


def registrations_of(app, workshop) -> list[Registration]:
    with app.app_context():
        found = db.session.scalars(db.select(Registration).where(
            Registration.workshop_id == workshop.id).order_by(Registration.id)).all()
        for registration in found:
            db.session.refresh(registration)
            db.session.expunge(registration)
        return list(found)
