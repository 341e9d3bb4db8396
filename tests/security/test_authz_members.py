"""Members and roles: invitations by e-mail link, what each role may do, the last owner."""
from __future__ import annotations

import re

from kit.extensions import db
from kit.models import Membership, User
from tests.security.conftest import log_in

LINK_RE = re.compile(r"(https?://\S+/invitation/\S+)")


def invitation_path(message) -> str:
    """The invitation link's path in a mailed invitation."""
    return LINK_RE.search(message.get_content()).group(1).removeprefix("http://localhost")


def invite(client, code: str, email: str, role: str):
    return client.post(f"/ateliers/{code}/membres", data={"email": email, "role": role})


def test_invited_person_creates_account_and_joins_as_reviewer(app, client, login,
                                                              make_workshop, outbox):
    login()
    workshop = make_workshop()
    assert invite(client, workshop.code, "relectrice@example.org", "reviewer").status_code == 302
    (message,) = outbox
    assert message["To"] == "relectrice@example.org"
    link = LINK_RE.search(message.get_content()).group(1)
    assert link.startswith("http://localhost/invitation/")  # PUBLIC_URL of the tests
    guest = app.test_client()
    path = link.removeprefix("http://localhost")
    assert guest.get(path).status_code == 200
    response = guest.post(path, data={"name": "Léa", "password": "un-long-secret",
                                      "confirm": "un-long-secret"})
    assert response.status_code == 302
    assert guest.get(f"/ateliers/{workshop.code}/verification/").status_code == 200
    assert guest.get(f"/ateliers/{workshop.code}/participants/").status_code == 403
    assert guest.post(path).status_code == 404  # used once
    with app.app_context():
        user = db.session.scalars(db.select(User).filter_by(email="relectrice@example.org")).one()
        roles = db.session.scalars(db.select(Membership.role).filter_by(user_id=user.id)).all()
        assert roles == ["reviewer"]


def test_invitation_link_opened_by_a_mail_scanner_is_not_spent(app, client, login,
                                                                make_workshop, make_user,
                                                                outbox):
    login()
    workshop = make_workshop()
    partner = make_user(email="partenaire@example.org")
    invite(client, workshop.code, partner.email, "coorganiser")
    path = invitation_path(outbox[0])
    other = app.test_client()
    log_in(other, partner)
    assert other.get(path).status_code == 200  # a GET shows the button only
    assert other.get(f"/ateliers/{workshop.code}/").status_code == 404
    assert other.post(path).status_code == 302
    assert other.get(f"/ateliers/{workshop.code}/").status_code == 200
    assert other.get(f"/ateliers/{workshop.code}/membres").status_code == 403


def test_invitation_for_an_existing_account_asks_to_log_in(app, client, login, make_workshop,
                                                          make_user, outbox):
    login()
    workshop = make_workshop()
    partner = make_user(email="deja@example.org")
    invite(client, workshop.code, partner.email, "reviewer")
    path = invitation_path(outbox[0])
    response = app.test_client().get(path)
    assert response.status_code == 302 and response.location.startswith("/connexion?next=")


def test_last_owner_cannot_leave_or_be_demoted(app, client, login, make_workshop):
    owner = login()
    workshop = make_workshop()
    with app.app_context():
        member_id = db.session.scalars(db.select(Membership.id).filter_by(
            workshop_id=workshop.id, user_id=owner.id)).one()
    for data in ({"role": "reviewer"}, {"action": "remove"}):
        client.post(f"/ateliers/{workshop.code}/membres/{member_id}", data=data)
        with app.app_context():
            assert db.session.get(Membership, member_id).role == "owner"


def test_creator_of_a_workshop_is_its_owner(app, client, login):
    user = login()
    response = client.post("/ateliers/nouveau", data={"code": "NEUF1", "title": "Neuf",
                                                      "blank_packs": 1})
    assert response.status_code == 302
    with app.app_context():
        roles = db.session.scalars(db.select(Membership.role).filter_by(user_id=user.id)).all()
    assert roles == ["owner"]


def test_create_user_admin_flag_and_add_member_cli(app, runner, make_workshop):
    result = runner.invoke(args=["create-user", "admin@example.org", "--admin",
                                 "--password", "un-bon-mot-de-passe"])
    assert result.exit_code == 0, result.output
    workshop = make_workshop(owner=None)
    result = runner.invoke(args=["add-member", workshop.code, "admin@example.org"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalars(db.select(User).filter_by(email="admin@example.org")).one()
        assert admin.is_admin
        assert db.session.scalars(db.select(Membership.role).filter_by(
            user_id=admin.id)).all() == ["owner"]


def test_invitation_opened_by_someone_else_logged_in_gives_them_nothing(app, client, login,
                                                                       make_workshop,
                                                                       make_user, outbox):
    """The role goes to the invited address: a link forwarded, or opened in a browser where a
    colleague is logged in, does not hand the workshop to that colleague."""
    login()
    workshop = make_workshop()
    invite(client, workshop.code, "invitee@example.org", "coorganiser")
    path = invitation_path(outbox[0])
    colleague = make_user(email="collegue@example.org")
    other = app.test_client()
    log_in(other, colleague)
    page = other.get(path)
    assert page.status_code == 403
    html = page.get_data(as_text=True)
    assert "Cette invitation est pour invitee@example.org" in html
    assert "collegue@example.org" in html
    assert other.post(path).status_code == 403
    assert other.get(f"/ateliers/{workshop.code}/").status_code == 404
    with app.app_context():
        roles = db.session.scalars(db.select(Membership.role).filter_by(
            user_id=colleague.id)).all()
        assert roles == []
    # logging out (back to the link) lets the invited person create their account there
    response = other.post(f"/deconnexion?next={path}")
    assert response.location == path
    joined = other.post(path, data={"name": "Invitée", "password": "un-long-secret",
                                    "confirm": "un-long-secret"})
    assert joined.status_code == 302
    assert other.get(f"/ateliers/{workshop.code}/").status_code == 200


def test_reviewer_gets_no_full_personal_export(app, client, login, make_workshop,
                                               make_participant, make_user, add_member):
    """A reviewer reviews and sees results as participants see them: not the internal CSV
    (everyone's e-mail and phone), not the team's view of the address book."""
    login()
    workshop = make_workshop()
    make_participant(workshop, first_name="Secrète", last_name="Sansaccord", consent="aucun",
                     email="secrete@example.org")
    make_participant(workshop, first_name="Ouverte", last_name="Partage",
                     consent="participants", email="ouverte@example.org")
    reviewer = make_user(email="relecteur@example.org")
    add_member(workshop, reviewer, "reviewer")
    other = app.test_client()
    log_in(other, reviewer)
    base = f"/ateliers/{workshop.code}/resultats"
    assert other.get(f"{base}/carnet-interne.csv").status_code == 403
    for view in ("", "?vue=organisateurs"):
        html = other.get(f"{base}/carnet{view}").get_data(as_text=True)
        assert "Ouverte" in html and "Secrète" not in html and "secrete@example.org" not in html
        assert "carnet-interne.csv" not in html
    csv_text = client.get(f"{base}/carnet-interne.csv").get_data(as_text=True)
    assert "secrete@example.org" in csv_text  # the owner still has it


def test_an_invitation_withdrawn_by_an_owner_opens_nothing(app, client, login, make_workshop,
                                                           outbox):
    # an owner's invitation sent to a mistyped address must not stay valid for two weeks
    login()
    workshop = make_workshop()
    invite(client, workshop.code, "proprietaire@exmaple.org", "owner")
    path = invitation_path(outbox[0])
    page = client.get(f"/ateliers/{workshop.code}/membres").get_data(as_text=True)
    assert "proprietaire@exmaple.org" in page
    action = re.search(r'action="(/ateliers/[^"]+/invitations/\d+/retirer)"', page).group(1)
    assert client.post(action).status_code == 302
    page = client.get(f"/ateliers/{workshop.code}/membres").get_data(as_text=True)
    assert "proprietaire@exmaple.org" not in page
    guest = app.test_client()
    assert guest.get(path).status_code == 404
    assert guest.post(path, data={"name": "X", "password": "un-long-secret",
                                  "confirm": "un-long-secret"}).status_code == 404
    assert client.post(action).status_code == 404  # already gone


def test_removing_a_member_drops_their_pending_invitation(app, client, login, make_workshop,
                                                          make_user, outbox):
    login()
    workshop = make_workshop()
    partner = make_user(email="partenaire@example.org")
    invite(client, workshop.code, partner.email, "coorganiser")
    first = invitation_path(outbox[0])
    other = app.test_client()
    log_in(other, partner)
    assert other.post(first).status_code == 302  # joined
    invite(client, workshop.code, partner.email, "owner")  # a second invitation, never used
    second = invitation_path(outbox[1])
    with app.app_context():
        member_id = db.session.scalars(db.select(Membership.id).join(User).where(
            User.email == partner.email, Membership.workshop_id == workshop.id)).one()
    assert client.post(f"/ateliers/{workshop.code}/membres/{member_id}",
                       data={"action": "remove"}).status_code == 302
    assert other.post(second).status_code == 404
    assert other.get(f"/ateliers/{workshop.code}/").status_code == 404
