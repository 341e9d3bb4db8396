"""The attack suite's world: a victim workshop with one row of everything, its owner, and an
attacker who owns another workshop. Routes are enumerated from the app's URL map, so a new
route is attacked as soon as it exists (its URL arguments need a sample value below)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit.extensions import db
from tests.conftest import write_png

CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
UNKNOWN_TOKEN = "x" * 43  # well-formed, matches nothing

# Reachable without an account (the page itself guards what it shows): endpoint -> why.
PUBLIC = {
    "static": "CSS, JS and images",
    "main.index": "redirects to the workshops (which asks for a login)",
    "main.set_language": "the language switch",
    "auth.login": "the login page",
    "auth.forgot_password": "asks for a reset link (same answer for every e-mail)",
    "auth.reset_password": "the secret link of a password reset",
    "members.join": "the secret link of an invitation",
    "register.workshop_page": "public registration",
    "register.calendar": "public registration",
    "register.updated": "public registration",
    "register.claim": "the link mailed to a person the organisers imported",
    "register.personal": "the person's secret link",
    "register.edit": "the person's secret link",
    "register.questionnaire": "the person's secret link",
    "register.cancel": "the person's secret link",
    "results.restitution": "the public restitution, once published (consented people only)",
    "results.public_report_pdf": "the public restitution's PDF, once published (public consent)",
    "personal_data.own_json": "the person's secret link",
    "personal_data.own_vcard": "the person's secret link",
    "personal_data.own_erase": "the person's secret link",
    "address_book.book": "a participant's secret address-book link (consented people only)",
    "address_book.vcard": "a participant's secret address-book link (consented people only)",
    "address_book.csv": "a participant's secret address-book link (consented people only)",
    "address_book.edit_entry": "a participant's secret address-book link: their own entry",
    "address_book.withdraw": "a participant's secret address-book link: their own entry",
    "uploads.volunteer": "a volunteer's secret upload link",
    "uploads.volunteer_status": "a volunteer's secret upload link",
    "group_pages.page": "an action group's public page (unguessable id, once published)",
    "group_pages.join": "asking to join an action group (unguessable id, once published)",
    "group_pages.referent": "a group referent's secret edit link",
    "group_pages.referent_update": "a group referent's secret edit link",
    "group_pages.post_news": "a group referent's secret edit link",
    "group_pages.decide": "a group referent's secret edit link",
    "network.public_map": "the public network map (published workshops, consented people only)",
    "network.public_data": "the public network map's data (published workshops, consented "
                           "people only)",
}
# Need a login but belong to no workshop: endpoint -> why.
ACCOUNT_ONLY = {
    "workshops.index": "lists the workshops the user is a member of",
    "workshops.create": "anyone with an account may create a workshop (and owns it)",
    "auth.logout": "ends one's own session",
    "admin.accounts": "the instance administrator's page (403 for anyone else)",
    # across workshops (issue 12): each shows only the workshops the user is a member of
    "actors.index": "the directory of the actors of one's own workshops",
    "actors.vcard": "the directory of one's own workshops (consented people only)",
    "actors.csv": "the directory of one's own workshops (consented people only)",
    "actors.actor": "an actor of one's own workshops (404 otherwise)",
    "actors.split": "an actor of one's own workshops whose workshops one may edit",
    "actors.merge_with": "actors of one's own workshops whose workshops one may edit",
    "actors.proposals": "proposals among the actors of one's own workshops",
    "actors.decide": "actors of one's own workshops whose workshops one may edit",
    "actors.journal": "changes on the actors of one's own workshops",
    "actors.undo": "changes on the actors of one's own workshops",
    "network.index": "the network of one's own workshops",
    "network.data": "the network of one's own workshops",
    "territory.index": "counts for one's own workshops",
}
# What a reviewer may open in a workshop (everything else under /ateliers/<code>/ is refused).
REVIEWER_PREFIXES = ("review.", "results.", "address_book_links.", "newsletter.")
# ...except these: everyone's personal details, for the organising team only (issue 9); the
# newsletter and journal lists hold people whatever their address-book consent (issue 10)
REVIEWER_REFUSED = {"results.address_book_internal_csv", "newsletter.lists",
                    "newsletter.newsletter_csv", "newsletter.journal_csv"}


@dataclass
class World:
    victim: object  # the workshop under attack
    owner: object  # its owner
    attacker: object  # owner of another workshop
    attacker_workshop: object
    ids: dict  # URL argument name -> a value that exists in the victim workshop

    def args_for(self, rule, code: str | None = None) -> dict:
        values = {}
        for name in rule.arguments:
            if name == "code":
                values[name] = code or self.victim.code
            elif name in self.ids:
                values[name] = self.ids[name]
            else:
                raise AssertionError(
                    f"{rule.endpoint} ({rule.rule}): add a sample value for <{name}> to "
                    f"tests/security/conftest.py, so the route is attacked like the others")
        return values


@pytest.fixture
def sec_app(app):
    """The suite's app (the factories of tests/conftest.py write into this one)."""
    return app


@pytest.fixture
def world(sec_app, make_user, make_workshop, make_participant, make_card, make_field_value,
          make_photo) -> World:
    from kit.models import AfternoonGroup, AfternoonItem, Membership, UploadLink, Workshop
    from kit.services import groups, members, upload_links

    owner, attacker = make_user(email="victime@example.org"), make_user(email="pirate@example.org")
    victim = make_workshop(owner=owner, code="VICTIM")
    other = make_workshop(owner=attacker, code="PIRATE")
    person = make_participant(victim, consent="public")
    card = make_card(victim, participant=person, image=True)
    wall_card = make_card(victim, "frein", participant=person, image=True)
    value = make_field_value(card, "nom", proposal="Arnaud")
    photo = make_photo(victim)
    write_png(Path(sec_app.config["PHOTOS_DIR"]) / victim.code / photo.stored_name, "mur")
    with sec_app.app_context():
        live = db.session.get(Workshop, victim.id)
        link_id = upload_links.create_link(live, "Table 1").link.id
        member_id = db.session.scalars(db.select(Membership.id).where(
            Membership.workshop_id == victim.id)).one()
        assert db.session.get(UploadLink, link_id) is not None
        need = make_card(victim, "besoin", participant=person)
        group = AfternoonGroup(workshop_id=victim.id, name="Bus du dimanche",
                               items=[AfternoonItem(card_id=need.id)])
        db.session.add(group)
        db.session.commit()
        group_id = group.id
        action = groups.create_group(live, "Covoiturage des vallées")
        groups.add_member(action, "Camille", "camille@example.org")
        action_id, public_id = action.id, action.public_id
        invitation_id = members.invite(live, "invitee@example.org", "coorganiser", owner)[0].id
    ids = {"pid": person.id, "card_id": card.id, "wall_card_id": wall_card.id,
           "value_id": value.id, "photo_id": photo.id,
           "link_id": link_id, "member_id": member_id, "invitation_id": invitation_id,
           "group_id": group_id,
           "action_id": action_id, "public_id": public_id, "filename": "kit.pdf", "paper": "a4",
           "token": UNKNOWN_TOKEN, "path": "css/app.css",
           "actor_id": 1, "change_id": 1}
    return World(victim, owner, attacker, other, ids)


def routes(app):
    """(rule, method) for every route and method of the app, HEAD and OPTIONS aside."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def log_in(client, user, password: str = "mot-de-passe-test") -> None:
    response = client.post("/connexion", data={"email": user.email, "password": password})
    assert response.status_code == 302, "login failed"


def snapshot(app, ignore: dict[str, set[str]] | None = None) -> dict:
    """Every row of every table (but the ``ignore``d columns): an attack must leave it as it was."""
    ignore = ignore or {}
    with app.app_context():
        return {
            table.name: sorted(map(repr, db.session.execute(db.select(*[
                column for column in table.columns if column.name not in ignore.get(table.name, ())
            ])).all()))
            for table in db.metadata.sorted_tables
        }


@pytest.fixture
def outbox(monkeypatch):
    """E-mails the app sends, captured instead of leaving (as if the server accepted them)."""
    from kit.services import mail

    sent = []

    def capture(config, message):
        sent.append(message)
        return "sent"
    monkeypatch.setattr(mail, "send", capture)
    return sent
