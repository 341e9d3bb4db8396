"""Action groups (issue 10, point 4): made from the seed sheets, members confirmed by the
organiser, the public page and its consent filtering, the join flow, the referent's link
(expiry, revocation), the last sign of life and the reminders."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from kit.extensions import db
from kit.models import ActionGroup, GroupMember, ReferentLink
from kit.models.base import utc_now
from tests.support.groups import (  # noqa: F401
    make_group,
    only_group,
    publish,
    referent_secret,
    seed_workshop,
)


def group_of(app, group_id):
    with app.app_context():
        group = db.session.get(ActionGroup, group_id)
        return {"title": group.title, "status": group.status, "is_open": group.is_open,
                "next_meeting": group.next_meeting, "news": [n.body for n in group.news],
                "members": {m.name: (m.state, m.participant_id, m.is_referent, m.email)
                            for m in group.members},
                "last_activity_at": group.last_activity_at}


def test_groups_made_from_seed_sheets_with_confirmed_values_only(app, client, login,
                                                                 seed_workshop):
    seed = seed_workshop()
    login()
    response = client.post(f"/ateliers/{seed.workshop.code}/groupes/depuis-graines")
    assert response.status_code == 302
    again = client.post(f"/ateliers/{seed.workshop.code}/groupes/depuis-graines",
                        follow_redirects=True).get_data(as_text=True)
    assert "Chaque graine de projet lue a déjà son groupe." in again  # no duplicate
    group_id, _ = only_group(app, seed.workshop)
    group = group_of(app, group_id)
    assert group["title"] == "Vélo-bus scolaire" and group["next_meeting"] == (
        "12 janvier, 18 h, mairie")
    people = seed.people
    # matched by the number written on the sheet, waiting for the organiser; the guessed
    # fifth line (a pending OCR proposal) is not a member
    assert group["members"] == {
        "Alice Roux": ("proposed", people["Alice"].id, True, "alice@example.org"),
        "Bruno Roux": ("proposed", people["Bruno"].id, False, "bruno@example.org"),
        "Chloé Roux": ("proposed", people["Chloé"].id, False, "chloe@example.org"),
        "Damien Roux": ("proposed", people["Damien"].id, False, "damien@example.org")}


def test_organiser_confirms_a_member_as_another_participant_and_picks_the_referent(
        app, client, login, seed_workshop):
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop, confirm=False, referent=None)
    login()
    base = f"/ateliers/{seed.workshop.code}/groupes/{group_id}"
    page = client.get(base).get_data(as_text=True)
    assert "lu sur la fiche, à confirmer" in page and "n° écrit : 2" in page
    with app.app_context():
        bruno = db.session.scalars(db.select(GroupMember).where(
            GroupMember.name == "Bruno Roux")).one()
    client.post(f"{base}/membres", data={"member_id": bruno.id, "action": "confirm",
                                        "participant_id": seed.people["Chloé"].id})
    client.post(f"{base}/membres", data={"member_id": bruno.id, "action": "referent"})
    members = group_of(app, group_id)["members"]
    assert members["Bruno Roux"][:3] == ("member", seed.people["Chloé"].id, True)
    assert members["Alice Roux"][2] is False  # one referent at a time
    client.post(f"{base}/membres", data={"member_id": bruno.id, "action": "remove"})
    assert "Bruno Roux" not in group_of(app, group_id)["members"]


def test_organiser_index_shows_last_sign_of_life_and_due_reminder(app, client, login,
                                                                  seed_workshop):
    seed = seed_workshop(date=dt.date.today() - dt.timedelta(days=40))
    group_id, _ = make_group(app, seed.workshop)
    with app.app_context():
        db.session.get(ActionGroup, group_id).last_activity_at = utc_now() - dt.timedelta(days=35)
        db.session.commit()
    login()
    html = client.get(f"/ateliers/{seed.workshop.code}/groupes/").get_data(as_text=True)
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "Vélo-bus scolaire" in row and "Idée" in row and "Alice Roux" in row
    assert "il y a 35 jours" in row and "à relancer" in row
    assert "Relancer 1 groupe" in html


def test_organiser_edits_the_group(app, client, login, seed_workshop):
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop)
    login()
    client.post(f"/ateliers/{seed.workshop.code}/groupes/{group_id}", data={
        "title": "Vélo-bus", "status": "en_cours", "next_meeting": "2 février",
        "needs": "", "plan": "", "first_step": ""})
    group = group_of(app, group_id)
    assert (group["title"], group["status"], group["next_meeting"], group["is_open"]) == (
        "Vélo-bus", "en_cours", "2 février", False)


@pytest.mark.parametrize("consent, named", [("public", True), ("participants", False),
                                            ("aucun", False), (None, False)])
def test_public_page_names_only_public_consent(app, client, seed_workshop, make_participant,
                                               consent, named):
    seed = seed_workshop()
    group_id, public_id = make_group(app, seed.workshop)
    with app.app_context():
        from kit.models import Participant
        alice = db.session.get(Participant, seed.people["Alice"].id)
        alice.consent = consent  # the referent herself
        db.session.commit()
    html = client.get(f"/groupes/{public_id}").get_data(as_text=True)
    assert "Vélo-bus scolaire" in html and "4 membres" in html
    assert ("Alice Roux" in html) is named
    for other in ("Bruno", "Chloé", "Damien"):  # participants, aucun, not asked
        assert f"{other} Roux" not in html
    assert "@example.org" not in html  # never an e-mail


def test_public_page_hides_a_paper_consent_waiting_for_review(app, client, seed_workshop,
                                                              make_card, make_field_value):
    seed = seed_workshop()
    _, public_id = make_group(app, seed.workshop)
    assert "Alice Roux" in client.get(f"/groupes/{public_id}").get_data(as_text=True)
    identity = make_card(seed.workshop, "identite", participant=seed.people["Alice"])
    make_field_value(identity, "consentement_public", proposal="1", crop=False)
    assert "Alice Roux" not in client.get(f"/groupes/{public_id}").get_data(as_text=True)


def test_public_page_and_join_are_404_until_published(app, client, seed_workshop):
    seed = seed_workshop(published=False)
    _, public_id = make_group(app, seed.workshop)
    assert client.get(f"/groupes/{public_id}").status_code == 404
    assert client.get(f"/groupes/{public_id}/rejoindre").status_code == 404
    assert client.get("/groupes/inconnu").status_code == 404
    publish(app, seed.workshop)
    html = client.get(f"/groupes/{public_id}").get_data(as_text=True)
    assert f"http://localhost/groupes/{public_id}/rejoindre" in html  # under its QR code
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" role="img"', html)


def join(client, public_id, **values):
    data = {"name": "Zoé Blanc", "email": "zoe@example.org", "message": "J’ai un vélo cargo",
            "consent": "y", **values}
    return client.post(f"/groupes/{public_id}/rejoindre", data=data)


def test_join_request_then_referent_accepts(app, client, seed_workshop):
    seed = seed_workshop()
    group_id, public_id = make_group(app, seed.workshop)
    response = join(client, public_id)
    assert "Merci, votre demande est enregistrée" in response.get_data(as_text=True)
    join(client, public_id)  # twice: one request
    assert group_of(app, group_id)["members"]["Zoé Blanc"] == (
        "requested", None, False, "zoe@example.org")
    secret = referent_secret(app, group_id)
    page = client.get(f"/groupe-referent/{secret}").get_data(as_text=True)
    assert "Zoé Blanc" in page and "J’ai un vélo cargo" in page
    with app.app_context():
        zoe = db.session.scalars(db.select(GroupMember).where(
            GroupMember.name == "Zoé Blanc")).one()
    before = group_of(app, group_id)["last_activity_at"]
    done = client.post(f"/groupe-referent/{secret}/demandes",
                       data={"member_id": zoe.id, "action": "accept"}, follow_redirects=True)
    assert "Zoé Blanc fait maintenant partie du groupe." in done.get_data(as_text=True)
    group = group_of(app, group_id)
    assert group["members"]["Zoé Blanc"][0] == "member"
    assert group["last_activity_at"] > before  # a sign of life
    public = client.get(f"/groupes/{public_id}").get_data(as_text=True)
    assert "5 membres" in public and "Zoé" not in public  # joined by link: counted, not named


def test_join_refused_without_consent_bad_email_or_closed_group(app, client, seed_workshop):
    seed = seed_workshop()
    group_id, public_id = make_group(app, seed.workshop)
    html = join(client, public_id, consent="").get_data(as_text=True)
    assert "Sans cet accord, le groupe ne peut pas vous répondre." in html
    html = join(client, public_id, email="pas-une-adresse").get_data(as_text=True)
    assert "Adresse e-mail invalide." in html
    join(client, public_id, website="http://spam.example")  # the bot's hidden field
    assert "Zoé Blanc" not in group_of(app, group_id)["members"]
    with app.app_context():
        db.session.get(ActionGroup, group_id).is_open = False
        db.session.commit()
    html = join(client, public_id).get_data(as_text=True)
    assert "n’accueille pas de nouveaux membres" in html
    assert "Zoé Blanc" not in group_of(app, group_id)["members"]


def test_join_is_rate_limited(app, client, seed_workshop):
    seed = seed_workshop()
    group_id, public_id = make_group(app, seed.workshop)
    app.config["JOIN_RATE_LIMIT"] = "2 per minute"  # read at each request
    statuses = [join(client, public_id, email=f"p{i}@example.org").status_code
                for i in range(3)]
    assert statuses == [200, 200, 429]
    with app.app_context():
        asked = db.session.scalars(db.select(GroupMember.email).where(
            GroupMember.group_id == group_id, GroupMember.state == "requested")).all()
    assert sorted(asked) == ["p0@example.org", "p1@example.org"]
    assert client.get(f"/groupes/{public_id}/rejoindre").status_code == 200  # reading is free


def test_referent_updates_the_group_and_posts_news_without_an_account(app, client,
                                                                      seed_workshop):
    seed = seed_workshop()
    group_id, public_id = make_group(app, seed.workshop)
    secret = referent_secret(app, group_id)
    client.post(f"/groupe-referent/{secret}", data={
        "title": "Vélo-bus scolaire", "status": "en_cours", "next_meeting": "Jeudi 18 h",
        "is_open": "y", "needs": "", "plan": "", "first_step": ""})
    response = client.post(f"/groupe-referent/{secret}/nouvelles",
                           data={"body": "Premier trajet <b>testé</b> !"}, follow_redirects=True)
    assert "Aucun serveur d’e-mail n’est configuré" in response.get_data(as_text=True)
    group = group_of(app, group_id)
    assert (group["status"], group["next_meeting"], group["news"]) == (
        "en_cours", "Jeudi 18 h", ["Premier trajet <b>testé</b> !"])
    public = client.get(f"/groupes/{public_id}").get_data(as_text=True)
    assert "Premier trajet &lt;b&gt;testé&lt;/b&gt; !" in public and "En cours" in public


def test_referent_link_expires_and_is_revoked(app, client, login, seed_workshop):
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop)
    secret = referent_secret(app, group_id)
    assert client.get(f"/groupe-referent/{secret}").status_code == 200
    with app.app_context():
        link = db.session.scalars(db.select(ReferentLink)).one()
        assert link.token != secret and len(link.token) == 64  # only its sha256 is stored
        link.expires_at = utc_now() - dt.timedelta(minutes=1)
        db.session.commit()
    expired = client.get(f"/groupe-referent/{secret}")
    assert expired.status_code == 404 and "Ce lien ne fonctionne plus" in expired.get_data(
        as_text=True)
    assert client.post(f"/groupe-referent/{secret}/nouvelles",
                       data={"body": "x"}).status_code == 404
    fresh = referent_secret(app, group_id)
    assert client.get(f"/groupe-referent/{fresh}").status_code == 200
    login()
    client.post(f"/ateliers/{seed.workshop.code}/groupes/{group_id}/lien/revoquer")
    assert client.get(f"/groupe-referent/{fresh}").status_code == 404
    assert group_of(app, group_id)["news"] == []


def test_a_new_referent_link_revokes_the_previous_one(app, client, login, seed_workshop):
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop)
    old = referent_secret(app, group_id)
    login()
    page = client.post(f"/ateliers/{seed.workshop.code}/groupes/{group_id}/lien",
                       follow_redirects=True).get_data(as_text=True)
    new = re.search(r'value="http://localhost/groupe-referent/([\w-]+)"', page).group(1)
    assert "Aucun serveur d’e-mail n’est configuré" in page
    assert client.get(f"/groupe-referent/{old}").status_code == 404
    assert client.get(f"/groupe-referent/{new}").status_code == 200
    again = client.get(f"/ateliers/{seed.workshop.code}/groupes/{group_id}").get_data(
        as_text=True)
    assert new not in again  # shown once, right after its creation


def member_ids(app, group_id) -> dict[str, int]:
    with app.app_context():
        return {m.name: m.id for m in db.session.get(ActionGroup, group_id).members}


def group_with_referent_link(app, login, seed_workshop):
    """A group whose referent Alice has a live edit link, another member, and the members form's
    URL, logged in as the organiser."""
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop)
    secret = referent_secret(app, group_id, days=180)
    ids = member_ids(app, group_id)
    (alice,) = [i for name, i in ids.items() if name.startswith("Alice")]
    other = next(i for name, i in ids.items() if not name.startswith("Alice"))
    login()
    url = f"/ateliers/{seed.workshop.code}/groupes/{group_id}/membres"
    return group_id, secret, alice, other, url


def test_removing_the_referent_revokes_their_link(app, client, login, seed_workshop):
    group_id, secret, alice, other, url = group_with_referent_link(app, login, seed_workshop)
    client.post(url, data={"member_id": other, "action": "remove"})
    assert client.get(f"/groupe-referent/{secret}").status_code == 200  # not the referent
    page = client.post(url, data={"member_id": alice, "action": "remove"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Son lien de personne référente ne fonctionne plus." in page
    assert client.get(f"/groupe-referent/{secret}").status_code == 404
    assert client.post(f"/groupe-referent/{secret}",
                       data={"title": "Pris en otage", "status": "idee"}).status_code == 404
    assert group_of(app, group_id)["title"] != "Pris en otage"


def test_choosing_another_referent_revokes_the_former_ones_link(app, client, login,
                                                                seed_workshop):
    group_id, secret, alice, other, url = group_with_referent_link(app, login, seed_workshop)
    client.post(url, data={"member_id": alice, "action": "referent"})  # the same: link kept
    assert client.get(f"/groupe-referent/{secret}").status_code == 200
    client.post(url, data={"member_id": other, "action": "referent"})
    assert client.get(f"/groupe-referent/{secret}").status_code == 404
    fresh = referent_secret(app, group_id)  # the new referent gets a link of their own
    assert client.get(f"/groupe-referent/{fresh}").status_code == 200


def test_referent_cannot_decide_another_groups_request(app, client, seed_workshop):
    first = seed_workshop()
    second = seed_workshop()
    group_a, _ = make_group(app, first.workshop)
    _, public_b = make_group(app, second.workshop)
    join(client, public_b)
    with app.app_context():
        zoe = db.session.scalars(db.select(GroupMember).where(
            GroupMember.name == "Zoé Blanc")).one()
    secret_a = referent_secret(app, group_a)
    response = client.post(f"/groupe-referent/{secret_a}/demandes",
                           data={"member_id": zoe.id, "action": "accept"})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(GroupMember, zoe.id).state == "requested"


def test_remind_groups_command_lists_quiet_groups(app, runner, seed_workshop):
    seed = seed_workshop(date=dt.date.today() - dt.timedelta(days=40))
    group_id, _ = make_group(app, seed.workshop)
    result = runner.invoke(args=["remind-groups", "--dry-run"])
    assert result.output == "Aucun groupe à relancer.\n"  # created today: alive
    with app.app_context():
        db.session.get(ActionGroup, group_id).last_activity_at = utc_now() - dt.timedelta(days=31)
        db.session.commit()
    result = runner.invoke(args=["remind-groups", "--dry-run"])
    assert result.output == f"{seed.workshop.code} · Vélo-bus scolaire : à relancer\n"
    result = runner.invoke(args=["remind-groups"])
    assert result.exit_code == 1 and "Aucun serveur d'e-mail configuré" in result.output
    assert runner.invoke(args=["remind-groups", "--workshop", "NOPE"]).exit_code == 2


def test_erasing_a_participant_erases_their_group_membership(app, client, seed_workshop):
    from kit.models import Participant
    from kit.services import personal_data

    seed = seed_workshop()
    group_id, public_id = make_group(app, seed.workshop)
    with app.app_context():
        alice = db.session.get(Participant, seed.people["Alice"].id)
        person = personal_data.person_of_participant(alice)
        assert personal_data.export_json(person)["groupes"] == [{
            "groupe": "Vélo-bus scolaire", "etat": "member", "nom": "Alice Roux",
            "email": "alice@example.org", "referent": True}]
        personal_data.erase(person, app.config["CROPS_DIR"])
    members = group_of(app, group_id)["members"]
    assert members["effacé"][3] == "" and "Alice Roux" not in members
    assert "Alice" not in client.get(f"/groupes/{public_id}").get_data(as_text=True)


def test_restitution_shows_each_seeds_join_link_and_qr(app, client, seed_workshop):
    seed = seed_workshop()
    before = client.get(f"/restitution/{seed.workshop.code}").get_data(as_text=True)
    assert "/rejoindre" not in before  # no group yet: no join block
    group_id, public_id = make_group(app, seed.workshop)
    html = client.get(f"/restitution/{seed.workshop.code}").get_data(as_text=True)
    block = html.split('class="seed-join"')[1].split("</article>")[0]
    assert f'href="http://localhost/groupes/{public_id}/rejoindre"' in block
    assert "<title" in block and 'role="img"' in block  # the QR code, as an accessible SVG
    assert "Demander à rejoindre" in block and "Idée" in block
    with app.app_context():
        db.session.get(ActionGroup, group_id).is_open = False
        db.session.commit()
    assert "seed-join" not in client.get(f"/restitution/{seed.workshop.code}").get_data(
        as_text=True)


def test_report_pdf_prints_each_open_groups_join_link(app, client, seed_workshop):
    from tests.support.pdf import pdf_page_texts

    seed = seed_workshop()
    group_id, public_id = make_group(app, seed.workshop)
    url = f"/restitution/{seed.workshop.code}/compte-rendu.pdf"
    text = "\n".join(pdf_page_texts(client.get(url).data))
    join = text.split("Rejoindre ce groupe")[1]
    assert f"http://localhost/groupes/{public_id}/rejoindre" in join


def test_join_qr_code_decodes_to_the_join_link(app, client, seed_workshop):
    """The QR drawn on the group page is the project's (kit.services.link_qr): decoded back."""
    import numpy as np
    import zxingcpp

    from kit.services import link_qr

    seed = seed_workshop()
    _, public_id = make_group(app, seed.workshop)
    url = f"http://localhost/groupes/{public_id}/rejoindre"
    qr = link_qr.qr_path(url)
    html = client.get(f"/groupes/{public_id}").get_data(as_text=True)
    assert f'<path d="{qr.d}"' in html
    image = np.full((qr.size * 8, qr.size * 8), 255, dtype=np.uint8)
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)", qr.d):
        x, y, w = int(x), int(y), int(w)
        image[y * 8:(y + 1) * 8, x * 8:(x + w) * 8] = 0
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


def test_group_of_an_afternoon_sheet_takes_its_name_and_confirmed_needs(
        app, client, login, make_workshop, make_card, make_field_value):
    from kit.models import AfternoonGroup, AfternoonItem

    workshop = make_workshop()
    sure = make_card(workshop, "besoin", zone="besoins")
    make_field_value(sure, "texte", value="Un garage à vélos", review="confirmed", crop=False)
    guess = make_card(workshop, "besoin", zone="besoins")
    make_field_value(guess, "texte", proposal="Navetfe gaer", crop=False)
    sheet = make_card(workshop, "graine", zone="graines")
    make_field_value(sheet, "envie", value="Un local partagé", review="confirmed", crop=False)
    make_field_value(sheet, "titre", proposal="Garagr", crop=False)  # not confirmed yet
    with app.app_context():
        afternoon = AfternoonGroup(workshop_id=workshop.id, name="Stationnement vélo",
                                   status="confirmed", sheet_card_id=sheet.id,
                                   items=[AfternoonItem(card_id=sure.id),
                                          AfternoonItem(card_id=guess.id, position=1)])
        db.session.add(afternoon)
        db.session.commit()
        afternoon_id = afternoon.id
    login()
    client.post(f"/ateliers/{workshop.code}/groupes/depuis-graines")
    group_id, _ = only_group(app, workshop)
    with app.app_context():
        group = db.session.get(ActionGroup, group_id)
        assert (group.title, group.needs, group.plan) == (
            "Stationnement vélo", "– Un garage à vélos", "Un local partagé")
    page = client.get(f"/ateliers/{workshop.code}/groupes/{group_id}").get_data(as_text=True)
    assert f'apres-midi/#groupe-{afternoon_id}">Groupe de l’après-midi : Stationnement vélo' in page
