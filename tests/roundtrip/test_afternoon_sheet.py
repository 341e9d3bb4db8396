"""Round trip of a pre-filled afternoon sheet (issue 11): the group's "Graine de projet" sheet
printed by the app → a synthetic photo of it on a table → uploaded and scanned → the sheet is
attached to its group (its card read, the printed name read back as a printed value)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kit.extensions import db
from kit.models import AfternoonGroup, CardReading, FieldValue, Workshop
from kit.services import afternoon, afternoon_print
from printables.imposition import SHEET
from printables.layout import SHEET_H_MM, SHEET_W_MM
from tests.support import appkit
from tests.support.kitcache import render_pages
from tests.support.scenes import Printed
from tests.support.shots import sheet_photo

PX_PER_MM = 8.0
NEEDS = ("Pas de bus le dimanche", "Transports en commun rares le week-end")


@pytest.fixture
def digit_app(make_app):
    return make_app(OCR_ENGINE="none")


def read_needs(workshop: Workshop) -> None:
    """The two need cards of packs 1 and 2 as a review leaves them: text confirmed, votes
    counted, "je veux y travailler" ticked; both people consent to the participants."""
    for number, text in enumerate(NEEDS, start=1):
        card = next(c for c in workshop.cards if c.type_key == "besoin"
                    and c.participant_number == number and c.slot == 0)
        card.participant.consent = "participants"
        for name, kind, value, source in (("texte", "text", text, "human"),
                                          ("votes", "votes", "3", "votes"),
                                          ("travailler", "checkbox", "1", "checkbox")):
            db.session.add(FieldValue(card_id=card.id, field_name=name, kind=kind, value=value,
                                      source=source, confidence=1.0, review="auto"))
    db.session.commit()


def printed_sheet(pdf: bytes, code: str, prefill: dict) -> Printed:
    page = render_pages(pdf, PX_PER_MM)[0]
    x0, y0 = (round(v * PX_PER_MM) for v in SHEET.slots[0])
    w, h = round(SHEET_W_MM * PX_PER_MM), round(SHEET_H_MM * PX_PER_MM)
    raster = page[y0:y0 + h, x0:x0 + w].copy()
    raster.setflags(write=False)
    return Printed(code, "graine", raster, PX_PER_MM, None, frozenset(prefill))


def test_printed_sheet_photographed_comes_back_to_its_group(digit_app, make_user):
    from kit.services.members import add_member
    from tests.conftest import TEST_PASSWORD

    with digit_app.test_request_context():  # the sheet's words are translated (French)
        user = make_user(email="midi@example.org")
        workshop = appkit.setup_workshop("MIDI2", 2)
        add_member(workshop, db.session.merge(user), "owner")
        read_needs(workshop)
        assert afternoon.propose(workshop) == 1
        group = db.session.scalars(select(AfternoonGroup)).one()
        afternoon.rename(group, "Bus du dimanche", "")
        afternoon.confirm(group)
        pdf = afternoon_print.print_sheets(workshop, {group.id}, with_runsheet=False)
        card = group.sheet_card
        sheet = printed_sheet(pdf, card.code, card.prefill)
        group_id, card_id, prefill = group.id, card.id, dict(card.prefill)
    assert prefill["membre_2_nom"] and prefill["titre"] == "Bus du dimanche"
    photo = sheet_photo([sheet], "mild", seed=11)
    client = digit_app.test_client()
    client.post("/connexion", data={"email": "midi@example.org", "password": TEST_PASSWORD})
    answer = client.post("/ateliers/MIDI2/photos/", headers={"Accept": "application/json"},
                         **appkit.multipart([(photo.jpeg, "fiche.jpg")])).get_json()["photos"][0]
    assert (answer["status"], answer["cards"]) == ("done", 1)
    with digit_app.app_context():
        assert db.session.scalars(select(CardReading).where(
            CardReading.card_id == card_id)).one() is not None
        values = {v.field_name: v for v in db.session.scalars(
            select(FieldValue).where(FieldValue.card_id == card_id))}
        assert (values["titre"].value, values["titre"].source) == ("Bus du dimanche", "printed")
        assert values["membre_1_numero"].value == prefill["membre_1_numero"]
        assert db.session.get(AfternoonGroup, group_id).sheet_card_id == card_id
    page = client.get("/ateliers/MIDI2/apres-midi/").get_data(as_text=True)
    assert "photographiée : voir la fiche lue" in page
    # after the day, the seed becomes an action group (issue 10): the afternoon group links it
    with digit_app.test_request_context():
        from kit.models import ActionGroup
        from kit.services import groups

        groups.create_from_seeds(db.session.scalars(select(Workshop)).one())
        action = db.session.scalars(select(ActionGroup).where(
            ActionGroup.card_id == card_id)).one()
        assert action.title == "Bus du dimanche"
        action_id = action.id
    page = client.get("/ateliers/MIDI2/apres-midi/").get_data(as_text=True)
    assert (f'Groupe d’action : <a href="/ateliers/MIDI2/groupes/{action_id}">Bus du dimanche</a>'
            in page)
