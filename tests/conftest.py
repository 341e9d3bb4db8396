"""Shared fixtures: the app, its clients, and factories for users, workshops and participants.

No application context stays pushed during a test (a pushed one would be shared by every
request of the test client, hiding session and ``g`` bugs). Factories open their own context
and return detached objects with their columns loaded; use ``with app.app_context():`` to
query the database in a test.
"""
from __future__ import annotations

import itertools

import pytest

from kit.app import create_app
from kit.extensions import db

TEST_PASSWORD = "mot-de-passe-test"
_serial = itertools.count(1)


def detached(obj):
    """Load every column, then detach, so the test can read it outside the app context."""
    db.session.refresh(obj)
    db.session.expunge(obj)
    return obj


@pytest.fixture
def make_app(tmp_path):
    """Build an app on a fresh in-memory database; keyword arguments override the config."""
    def factory(**overrides):
        config = {"TESTING": True, "SECRET_KEY": "clef-de-test",
                  "SQLALCHEMY_DATABASE_URI": "sqlite://", "WTF_CSRF_ENABLED": False,
                  "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                  "INSTANCE_PATH": str(tmp_path / "instance"),
                  "KIT_DIR": str(tmp_path / "instance" / "kits"),
                  "IMPORT_DIR": str(tmp_path / "instance" / "imports"), **overrides}
        app = create_app(config)
        with app.app_context():
            db.create_all()
        return app
    return factory


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    def factory(email: str | None = None, name: str = "Organisatrice Test",
                password: str = TEST_PASSWORD):
        from kit.services.users import create_user

        email = email or f"orga{next(_serial)}@example.org"
        with app.app_context():
            return detached(create_user(email, name, password))
    return factory


@pytest.fixture
def login(client, make_user):
    """Log the test client in (as a new organiser unless one is given); return the user."""
    def do_login(user=None, password: str = TEST_PASSWORD):
        user = user or make_user()
        response = client.post("/connexion", data={"email": user.email, "password": password})
        assert response.status_code == 302, "login failed"
        return user
    return do_login


@pytest.fixture
def make_workshop(app):
    def factory(**overrides):
        from kit.services.workshops import create_workshop

        values = {"code": f"AT{next(_serial)}", "title": "Mobilité douce", "place": "Briançon",
                  "blank_packs": 2, **overrides}
        with app.app_context():
            return detached(create_workshop(values))
    return factory


@pytest.fixture
def make_participant(app):
    def factory(workshop, **overrides):
        from kit.models import Workshop
        from kit.services.participants import save_participant

        n = next(_serial)
        values = {"first_name": "Camille", "last_name": f"Arnaud{n}",
                  "email": f"personne{n}@example.org", "origin": "preregistered", **overrides}
        with app.app_context():
            live = db.session.get(Workshop, workshop.id)
            return detached(save_participant(live, values))
    return factory
