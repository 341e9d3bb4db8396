"""On PostgreSQL: card codes allocated once under a row lock, and kept by every reprint."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from kit.extensions import db
from kit.models import Workshop
from kit.services import kits

pytestmark = pytest.mark.postgres

PACK = {"identite": 1, "frein": 2, "levier": 1, "ressource": 1, "besoin": 2, "contact": 1}


@pytest.fixture
def allocate(app):
    """Factory: run ensure_cards on a workshop; return {code: (type, pack number, slot)}."""
    def run(workshop) -> dict[str, tuple]:
        with app.app_context():
            live = db.session.get(Workshop, workshop.id)
            kits.ensure_cards(live)
            return {c.code: (c.type_key, c.participant_number, c.slot) for c in live.cards}
    return run


def test_reprint_keeps_codes_and_adds_only_the_new_pack(app, allocate, make_workshop,
                                                        make_participant):
    workshop = make_workshop(code="PGKIT", pack_counts=PACK, blank_packs=1)
    make_participant(workshop)
    first = allocate(workshop)
    assert allocate(workshop) == first  # a reprint changes nothing
    make_participant(workshop)  # number 3: pack 2 is the blank one already printed
    again = allocate(workshop)
    new = {code: key for code, key in again.items() if code not in first}
    assert {code: again[code] for code in first} == first
    assert {number for _, number, _ in new.values()} == {3} and len(new) == sum(PACK.values())
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        serials = [c.serial for c in live.cards]
        assert serials == list(range(1, len(again) + 1)) and live.next_serial == len(again) + 1
        assert live.pack_counts == PACK  # the JSON column reads back as written


def test_ensure_cards_holds_the_workshop_row_lock_while_allocating(app, make_workshop,
                                                                   monkeypatch):
    """A second print of the same workshop must wait: it would hand out the same serials."""
    from psycopg.errors import LockNotAvailable  # imported once the server fixture found it

    workshop = make_workshop(code="PGLOCK", blank_packs=1)
    seen = []
    real_blank_numbers = kits.blank_numbers

    def blank_numbers_seen_from_another_connection(live):
        with db.engine.connect() as other:  # not the session's connection: another request
            try:
                other.execute(text("SELECT id FROM workshops WHERE id = :id FOR UPDATE NOWAIT"),
                              {"id": live.id})
                seen.append("free")
            except OperationalError as error:
                seen.append(type(error.orig))
            other.rollback()
        return real_blank_numbers(live)

    monkeypatch.setattr(kits, "blank_numbers", blank_numbers_seen_from_another_connection)
    with app.app_context():
        kits.ensure_cards(db.session.get(Workshop, workshop.id))
    assert seen == [LockNotAvailable]


def test_kit_button_draws_in_the_queue_once(app, client, login, make_workshop, make_participant):
    """The queued -> running -> done moves are conditional UPDATEs: check them on PostgreSQL."""
    login()
    workshop = make_workshop(code="PGJOB", pack_counts=PACK, blank_packs=1, group_sheets=1)
    make_participant(workshop)
    client.post("/ateliers/PGJOB/kit/")
    state = client.get("/ateliers/PGJOB/kit/statut").get_json()
    assert (state["status"], state["progress"], state["message"]) == ("done", 100, "")
    with app.app_context():
        db.session.get(Workshop, workshop.id).kit_status = "running"
        db.session.commit()
    queued = []
    app.extensions["huey.generate_kit"] = queued.append
    page = client.post("/ateliers/PGJOB/kit/", follow_redirects=True).get_data(as_text=True)
    assert queued == [] and "déjà en cours" in page
