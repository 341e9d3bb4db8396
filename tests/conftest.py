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


@pytest.fixture(autouse=True)
def reading_never_cut_for_time(monkeypatch):
    """Tests read photos on a shared, often busy machine: the whole photo's time limit
    (PHOTO_TOTAL_BUDGET_S, 2.5 s of one core) must not leave their cards unread from run to run.
    The default Budget's total is made far (the code search keeps its own PHOTO_TIME_BUDGET_S);
    the cut itself is tested with explicit totals (tests/unit/test_scan_budget.py)."""
    monkeypatch.setattr("scan.budget.PHOTO_TOTAL_BUDGET_S", 60.0)


@pytest.fixture
def make_app(tmp_path):
    """Build an app on a fresh in-memory database; keyword arguments override the config."""
    def factory(**overrides):
        config = {"TESTING": True, "SECRET_KEY": "clef-de-test",
                  "SQLALCHEMY_DATABASE_URI": "sqlite://", "WTF_CSRF_ENABLED": False,
                  "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                  "INSTANCE_PATH": str(tmp_path / "instance"),
                  "KIT_DIR": str(tmp_path / "instance" / "kits"),
                  "IMPORT_DIR": str(tmp_path / "instance" / "imports"),
                  "PUBLIC_URL": "http://localhost", **overrides}
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
                password: str = TEST_PASSWORD, admin: bool = False):
        from kit.services.users import create_user

        email = email or f"orga{next(_serial)}@example.org"
        with app.app_context():
            return detached(create_user(email, name, password, is_admin=admin))
    return factory


@pytest.fixture
def default_organiser(make_user):
    """The test's organiser, made on first use: ``login()`` logs in as them and
    ``make_workshop()`` makes them its owner, so most tests need not say who owns what."""
    made = []

    def get():
        if not made:
            made.append(make_user())
        return made[0]
    return get


@pytest.fixture
def login(client, default_organiser):
    """Log the test client in (as the test's organiser unless a user is given); return it."""
    def do_login(user=None, password: str = TEST_PASSWORD):
        user = user or default_organiser()
        response = client.post("/connexion", data={"email": user.email, "password": password})
        assert response.status_code == 302, "login failed"
        return user
    return do_login


OWNER = object()  # make_workshop's default: the test's organiser


@pytest.fixture
def make_workshop(app, default_organiser):
    """Factory: a workshop owned by the test's organiser (``owner=None``: by no one; a user:
    by that user)."""
    def factory(owner=OWNER, **overrides):
        from kit.models import User
        from kit.services.workshops import create_workshop

        owner = default_organiser() if owner is OWNER else owner
        values = {"code": f"AT{next(_serial)}", "title": "Mobilité douce", "place": "Briançon",
                  "blank_packs": 2, **overrides}
        with app.app_context():
            live_owner = db.session.get(User, owner.id) if owner is not None else None
            return detached(create_workshop(values, created_by=live_owner))
    return factory


@pytest.fixture
def add_member(app):
    """Give ``user`` ``role`` in ``workshop`` (owner, coorganiser or reviewer)."""
    def do_add(workshop, user, role: str):
        from kit.models import User, Workshop
        from kit.services.members import add_member as add

        with app.app_context():
            add(db.session.get(Workshop, workshop.id), db.session.get(User, user.id), role)
    return do_add


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


def write_png(path, text: str = "", size_px: tuple[int, int] = (240, 60)) -> None:
    """A small grey-on-white PNG standing for a crop or a rectified card."""
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("L", size_px, 255)
    ImageDraw.Draw(image).text((6, size_px[1] // 3), text, fill=40)
    image.save(path)


@pytest.fixture
def make_card(app):
    """A printed card; with ``zone``/``cluster``/``image`` also its merged reading (and, for
    ``image``, a photo and sighting with a rectified image under the instance folder)."""
    def factory(workshop, type_key: str = "identite", participant=None,
                number: int | None = None, slot: int = 0, zone: str | None = None,
                cluster: str | None = None, image: bool = False):
        from kit.models import Card, CardReading, Participant, Photo, Sighting, Workshop
        from printables.layout import card_type
        from printables.payload import CardCode, encode

        serial = next(_serial)
        with app.app_context():
            live = db.session.get(Workshop, workshop.id)
            person = db.session.get(Participant, participant.id) if participant else None
            code = encode(CardCode(live.code, serial, card_type(type_key).letter))
            card = Card(workshop=live, code=code, serial=serial, type_key=type_key, slot=slot,
                        participant=person,
                        participant_number=number or (person.number if person else None))
            db.session.add(card)
            if zone or cluster or image:
                reading = CardReading(card=card, zone=zone, cluster=cluster)
                db.session.add(reading)
                if image:
                    reading.best_sighting = make_sighting(app, live, card, Photo, Sighting)
            db.session.commit()
            return detached(card)
    return factory


def make_sighting(app, workshop, card, photo_model, sighting_model):
    from pathlib import Path

    photo = photo_model(workshop_id=workshop.id, sha256=f"{next(_serial):064x}", filename="mur.jpg",
                        stored_name="mur.jpg", status="done")
    image_name = f"{card.code}/rectified.png"  # relative to CROPS_DIR/<WORKSHOP>/
    write_png(Path(app.config["CROPS_DIR"]) / workshop.code / image_name, card.code, (560, 392))
    sighting = sighting_model(photo=photo, card=card, corners_px=[[0, 0], [1, 0], [1, 1], [0, 1]],
                              image_name=image_name)
    db.session.add_all([photo, sighting])
    return sighting


@pytest.fixture
def make_field_value(app):
    """One field's value as digitisation would store it, with a crop image by default."""
    def factory(card, field_name: str, value: str | None = None, proposal: str | None = None,
                review: str = "pending", source: str = "ocr", confidence: float = 0.5,
                proposal_score: float | None = None, crop: bool = True):
        from pathlib import Path

        from kit.models import FieldValue
        from printables.layout import card_type

        crop_name = f"{card.code}/{field_name}.png" if crop else None
        if crop:
            folder = Path(app.config["CROPS_DIR"]) / card.code.split("-")[1]
            write_png(folder / crop_name, proposal or value or "")
        with app.app_context():
            fv = FieldValue(card_id=card.id, field_name=field_name,
                            kind=card_type(card.type_key).field(field_name).kind, value=value,
                            proposal=proposal, proposal_score=proposal_score, source=source,
                            confidence=confidence, review=review, crop_name=crop_name)
            db.session.add(fv)
            db.session.commit()
            return detached(fv)
    return factory


@pytest.fixture
def make_photo(app):
    def factory(workshop, filename: str = "mur-1.jpg", status: str = "done", message: str = ""):
        from kit.models import Photo

        n = next(_serial)
        with app.app_context():
            photo = Photo(workshop_id=workshop.id, sha256=f"{n:064x}", filename=filename,
                          stored_name=f"{n:064x}.jpg", status=status, message=message)
            db.session.add(photo)
            db.session.commit()
            return detached(photo)
    return factory
