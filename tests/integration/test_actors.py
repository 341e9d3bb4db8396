"""Actors across workshops (issue 12): matching, proposals, merge, split, undo, who sees whom."""
from __future__ import annotations

import pytest

from kit.extensions import db
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def two_workshops(make_user, make_workshop):
    owner = make_user(email="orga@example.org")
    first = make_workshop(owner=owner, code="MOB1", title="Mobilité", theme="Mobilité")
    second = make_workshop(owner=owner, code="ALIM1", title="Alimentation", theme="Alimentation")
    return owner, first, second


def actor_of(app, participant) -> int:
    from kit.models import ActorLink
    from kit.services import actors

    with app.app_context():
        actors.link_participants()
        return db.session.get(ActorLink, participant.id).actor_id


def proposal_pairs(app, user) -> list[tuple[int, int, str]]:
    from kit.models import User
    from kit.services import actor_proposals

    with app.app_context():
        found = actor_proposals.proposals(db.session.get(User, user.id))
        return [(p.first.actor_id, p.second.actor_id, p.reason) for p in found]


def test_same_email_case_and_spaces_folded_is_one_actor(app, two_workshops, make_participant):
    owner, first, second = two_workshops
    one = make_participant(first, first_name="Sophie", last_name="Chaix",
                           email="sophie.chaix@example.org")
    other = make_participant(second, first_name="S.", last_name="Chaix", email="x@example.org")
    with app.app_context():  # as a CSV import writes it: capitals and a stray space kept
        from kit.models import Participant
        db.session.get(Participant, other.id).email = " Sophie.Chaix@Example.ORG "
        db.session.commit()
    assert actor_of(app, one) == actor_of(app, other)
    assert proposal_pairs(app, owner) == []


def test_near_name_same_structure_is_only_a_proposal(app, two_workshops, make_participant):
    owner, first, second = two_workshops
    one = make_participant(first, first_name="Camille", last_name="Arnaud", email="",
                           structure="Mairie de Briançon", commune="Briançon")
    other = make_participant(second, first_name="camille", last_name="ARNAUD ", email="",
                             structure="mairie briançon", commune="")
    first_actor, second_actor = actor_of(app, one), actor_of(app, other)
    assert first_actor != second_actor  # never merged silently
    assert proposal_pairs(app, owner) == [(first_actor, second_actor, "name_structure")]


def test_typo_in_name_is_proposed(app, two_workshops, make_participant):
    owner, first, second = two_workshops
    one = make_participant(first, first_name="Camille", last_name="Arnaud", email="",
                           structure="Association Mountain Wilderness")
    other = make_participant(second, first_name="Camile", last_name="Arnaud", email="",
                             structure="Mountain Wilderness (association)")
    assert proposal_pairs(app, owner) == [(actor_of(app, one), actor_of(app, other),
                                           "name_structure")]


@pytest.mark.parametrize("second_values", [
    {"structure": "Office de tourisme de Vars", "commune": "Vars"},  # another structure
    {"structure": "", "commune": "Guillestre"},  # no structure, another commune
    {"structure": "Mairie de Briançon", "commune": "Gap"},  # same structure, another commune
])
def test_false_friend_is_never_proposed(app, two_workshops, make_participant, second_values):
    owner, first, second = two_workshops
    one = make_participant(first, first_name="Jean", last_name="Martin", email="",
                           structure="Mairie de Briançon" if second_values["structure"] else "",
                           commune="Briançon")
    other = make_participant(second, first_name="Jean", last_name="Martin", email="",
                             **second_values)
    assert actor_of(app, one) != actor_of(app, other)
    assert proposal_pairs(app, owner) == []


def test_merge_is_recorded_and_undone(app, client, login, two_workshops, make_participant):
    owner, first, second = two_workshops
    one = make_participant(first, first_name="Camille", last_name="Arnaud", email="",
                           structure="Mairie de Briançon")
    other = make_participant(second, first_name="Camille", last_name="Arnaud", email="",
                             structure="mairie briançon")
    a, b = actor_of(app, one), actor_of(app, other)
    login(owner)
    response = client.post("/acteurs/rapprochements",
                           data={"first": a, "second": b, "action": "merge"})
    assert response.status_code == 302
    assert actor_of(app, one) == actor_of(app, other) == a
    assert proposal_pairs(app, owner) == []
    journal = client.get("/acteurs/journal").get_data(as_text=True)
    assert "Fusion" in journal and "Organisatrice Test" in journal
    from kit.models import ActorChange
    with app.app_context():
        change = db.session.scalars(db.select(ActorChange)).one()
        assert (change.kind, change.actor_id, change.other_id, change.participant_ids,
                change.user_id) == ("merge", a, b, [other.id], owner.id)
    client.post(f"/acteurs/journal/{change.id}/annuler")
    assert (actor_of(app, one), actor_of(app, other)) == (a, b)
    assert proposal_pairs(app, owner) == [(a, b, "name_structure")]


def test_not_the_same_person_stops_the_proposal(app, client, login, two_workshops,
                                                make_participant):
    owner, first, second = two_workshops
    one = make_participant(first, first_name="Camille", last_name="Arnaud", email="",
                           structure="Mairie de Briançon")
    other = make_participant(second, first_name="Camille", last_name="Arnaud", email="",
                             structure="Mairie de Briançon")
    a, b = actor_of(app, one), actor_of(app, other)
    login(owner)
    client.post("/acteurs/rapprochements", data={"first": a, "second": b, "action": "distinct"})
    assert proposal_pairs(app, owner) == []
    assert actor_of(app, one) != actor_of(app, other)


def test_split_moves_a_participation_to_a_new_actor_and_undoes(app, client, login,
                                                               two_workshops, make_participant):
    owner, first, second = two_workshops
    one = make_participant(first, first_name="Lou", last_name="Blanc", email="lou@example.org")
    other = make_participant(second, first_name="Lou", last_name="Blanc", email="lou@example.org")
    a = actor_of(app, one)
    assert actor_of(app, other) == a
    login(owner)
    response = client.post(f"/acteurs/{a}/separer", data={"participation": [str(other.id)]})
    assert response.status_code == 302
    new = actor_of(app, other)
    assert new != a and actor_of(app, one) == a
    assert response.location.endswith(f"/acteurs/{new}")
    from kit.models import ActorChange
    with app.app_context():
        change = db.session.scalars(db.select(ActorChange)).one()
        assert (change.kind, change.actor_id, change.other_id) == ("split", a, new)
    client.post(f"/acteurs/journal/{change.id}/annuler")
    assert actor_of(app, other) == a


def test_split_of_every_participation_is_refused(app, client, login, two_workshops,
                                                 make_participant):
    owner, first, second = two_workshops
    one = make_participant(first, email="lou@example.org")
    other = make_participant(second, email="lou@example.org")
    a = actor_of(app, one)
    login(owner)
    client.post(f"/acteurs/{a}/separer", data={"participation": [str(one.id), str(other.id)]})
    assert actor_of(app, one) == actor_of(app, other) == a


def test_organiser_sees_only_their_workshops_admin_sees_all(app, client, login, make_user,
                                                            make_workshop, make_participant):
    alice, bob = make_user(email="alice@example.org"), make_user(email="bob@example.org")
    admin = make_user(email="admin@example.org", admin=True)
    mine = make_workshop(owner=alice, code="MINE")
    theirs = make_workshop(owner=bob, code="THEIRS")
    make_participant(mine, first_name="Visible", last_name="Personne", email="v@example.org")
    hidden = make_participant(theirs, first_name="Cachée", last_name="Ailleurs",
                              email="c@example.org")
    # the same person in both: alice sees only her workshop's participation
    make_participant(mine, first_name="Deux", last_name="Ateliers", email="deux@example.org")
    make_participant(theirs, first_name="Deux", last_name="Ateliers", email="deux@example.org",
                     structure="Structure secrète")
    login(alice)
    page = client.get("/acteurs/").get_data(as_text=True)
    assert "Visible" in page and "Deux" in page
    assert "Cachée" not in page and "Structure secrète" not in page and "THEIRS" not in page
    assert client.get(f"/acteurs/{actor_of(app, hidden)}").status_code == 404
    assert client.post(f"/acteurs/{actor_of(app, hidden)}/separer").status_code == 404
    client.post("/deconnexion")
    login(admin)
    page = client.get("/acteurs/").get_data(as_text=True)
    assert "Visible" in page and "Cachée" in page and "Structure secrète" in page


def test_merge_refused_when_a_workshop_is_not_editable(app, client, login, make_user,
                                                       make_workshop, make_participant,
                                                       add_member):
    alice, bob = make_user(email="alice@example.org"), make_user(email="bob@example.org")
    mine = make_workshop(owner=alice, code="MINE")
    theirs = make_workshop(owner=bob, code="THEIRS")
    add_member(theirs, alice, "reviewer")  # sees it, may not edit it
    one = make_participant(mine, first_name="Camille", last_name="Arnaud", email="",
                           structure="Mairie de Briançon")
    other = make_participant(theirs, first_name="Camille", last_name="Arnaud", email="",
                             structure="Mairie de Briançon")
    assert proposal_pairs(app, alice) == []  # shown only to who may decide
    login(alice)
    client.post("/acteurs/rapprochements", data={"first": actor_of(app, one),
                                                 "second": actor_of(app, other),
                                                 "action": "merge"})
    assert actor_of(app, one) != actor_of(app, other)


def test_erased_person_is_not_linked(app, two_workshops, make_participant):
    from kit.models import ActorLink, Participant
    from kit.models.base import utc_now
    from kit.services import actors

    owner, first, second = two_workshops
    person = make_participant(first)
    with app.app_context():
        db.session.get(Participant, person.id).erased_at = utc_now()
        db.session.commit()
        actors.link_participants()
        assert db.session.get(ActorLink, person.id) is None


def test_deleted_participant_leaves_its_actor(app, two_workshops, make_participant):
    from kit.models import ActorLink, Participant

    owner, first, second = two_workshops
    person = make_participant(first)
    actor_of(app, person)
    with app.app_context():
        db.session.delete(db.session.get(Participant, person.id))
        db.session.commit()
        assert db.session.get(ActorLink, person.id) is None


def test_directory_page_links_and_counts_proposals(app, client, login, two_workshops,
                                                  make_participant):
    owner, first, second = two_workshops
    make_participant(first, first_name="Camille", last_name="Arnaud", email="",
                     structure="Mairie de Briançon")
    make_participant(second, first_name="Camille", last_name="Arnaud", email="",
                     structure="mairie briançon")
    login(owner)
    page = client.get("/acteurs/").get_data(as_text=True)
    assert "1 rapprochement à confirmer" in page
    proposals = client.get("/acteurs/rapprochements").get_data(as_text=True)
    assert proposals.count("Même personne : fusionner") == 1
    assert "Nom proche, même structure" in proposals


def test_reviewer_sees_a_workshops_people_as_participants_do(app, client, login, make_user,
                                                             make_workshop, make_participant,
                                                             add_member):
    """A reviewer's directory and network map hold only people who consented (README: a
    reviewer sees the address book as participants do), never everyone's e-mail and phone."""
    owner = make_user(email="orga@example.org")
    workshop = make_workshop(owner=owner, code="REV")
    make_participant(workshop, first_name="Élise", last_name="Vasserot",
                     email="elise@example.org", phone="0698765432", consent="aucun")
    make_participant(workshop, first_name="Marc", last_name="Lignon",
                     email="marc@example.org", consent="participants")
    reviewer = make_user(email="relecteur@example.org")
    add_member(workshop, reviewer, "reviewer")
    login(reviewer)
    for path in ("/acteurs/", "/acteurs/?vue=organisateurs", "/acteurs/?vue=partagee",
                 "/acteurs/annuaire.csv", "/reseau/donnees.json"):
        text = client.get(path).get_data(as_text=True)
        assert "Vasserot" not in text and "elise@example.org" not in text, path
        assert "0698765432" not in text and "06 98 76 54 32" not in text, path
    assert "Lignon" in client.get("/acteurs/?vue=partagee").get_data(as_text=True)
    organiser = app.test_client()  # the organisers still see everyone
    organiser.post("/connexion", data={"email": owner.email, "password": TEST_PASSWORD})
    assert "elise@example.org" in organiser.get("/acteurs/").get_data(as_text=True)
