"""Action-group e-mails through a real SMTP exchange with a local aiosmtpd server: the referent's
link, the news to the members, a join request to decide, the follow-up reminder."""
from __future__ import annotations

import datetime as dt

from kit.extensions import db
from kit.models import ActionGroup, GroupNews
from kit.models.base import utc_now
from tests.integration.test_mail import smtp_server  # noqa: F401
from tests.support.groups import (  # noqa: F401
    REFERENT_LINK_RE,
    make_group,
    referent_secret,
    seed_workshop,
)


def mail_config(app, port: int) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_FROM="atelier@example.org",
                      MAIL_TIMEOUT=5)


def test_news_is_mailed_to_each_confirmed_member(app, client, smtp_server, seed_workshop):
    port, inbox = smtp_server()
    mail_config(app, port)
    seed = seed_workshop()
    group_id, public_id = make_group(app, seed.workshop)
    client.post(f"/groupes/{public_id}/rejoindre", data={
        "name": "Zoé Blanc", "email": "zoe@example.org", "consent": "y"})
    [request] = inbox.messages  # the referent is told someone asked
    assert request["To"] == "alice@example.org"
    assert request["Subject"] == "Une personne demande à rejoindre « Vélo-bus scolaire »"
    assert "Zoé Blanc demande à rejoindre le groupe « Vélo-bus scolaire »." in (
        request.get_content())
    inbox.messages.clear()
    secret = referent_secret(app, group_id)
    page = client.post(f"/groupe-referent/{secret}/nouvelles",
                       data={"body": "Premier trajet jeudi à 8 h."},
                       follow_redirects=True).get_data(as_text=True)
    assert "Nouvelle publiée et envoyée à 4 membres." in page
    # one e-mail per member (nobody sees another's address); Zoé has only asked
    assert sorted(m["To"] for m in inbox.messages) == [
        "alice@example.org", "bruno@example.org", "chloe@example.org", "damien@example.org"]
    body = inbox.messages[0].get_content()
    assert inbox.messages[0]["Subject"] == "Nouvelles du groupe « Vélo-bus scolaire »"
    assert "Premier trajet jeudi à 8 h." in body
    assert f"http://localhost/groupes/{public_id}" in body
    with app.app_context():
        news = db.session.scalars(db.select(GroupNews)).one()
        assert (news.mail_status, news.mailed, news.mail_failed) == ("sent", 4, 0)


def test_organiser_mails_the_referent_link_that_opens_the_page(app, client, login, smtp_server,
                                                              seed_workshop):
    port, inbox = smtp_server()
    mail_config(app, port)
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop)
    login()
    page = client.post(f"/ateliers/{seed.workshop.code}/groupes/{group_id}/lien",
                       follow_redirects=True).get_data(as_text=True)
    assert "Le lien a été envoyé par e-mail à la personne référente." in page
    [message] = inbox.messages
    assert message["To"] == "alice@example.org"
    assert message["Subject"] == "Votre lien de référent·e : Vélo-bus scolaire"
    body = message.get_content()
    assert "Bonjour Alice Roux," in body and "Il est valable 180 jours." in body
    path = REFERENT_LINK_RE.search(body).group(1)
    stranger = app.test_client()  # the link works alone, in any browser, without an account
    assert "Espace référent·e" in stranger.get(path).get_data(as_text=True)


def test_reminder_mails_a_fresh_link_and_is_sent_once_per_period(app, runner, smtp_server,
                                                                  seed_workshop):
    port, inbox = smtp_server()
    mail_config(app, port)
    seed = seed_workshop(date=dt.date.today() - dt.timedelta(days=45))
    group_id, _ = make_group(app, seed.workshop)
    old = referent_secret(app, group_id)
    with app.app_context():
        db.session.get(ActionGroup, group_id).last_activity_at = utc_now() - dt.timedelta(days=40)
        db.session.commit()
    result = runner.invoke(args=["remind-groups"])
    assert result.output == f"{seed.workshop.code} · Vélo-bus scolaire : sent\n"
    [message] = inbox.messages
    assert message["Subject"] == "Des nouvelles du groupe « Vélo-bus scolaire » ?"
    new_path = REFERENT_LINK_RE.search(message.get_content()).group(1)
    client = app.test_client()
    assert client.get(f"/groupe-referent/{old}").status_code == 404  # replaced
    assert client.get(new_path).status_code == 200
    assert runner.invoke(args=["remind-groups"]).output == "Aucun groupe à relancer.\n"
    assert len(inbox.messages) == 1


def test_reminder_button_on_the_group_page(app, client, login, smtp_server, seed_workshop):
    port, inbox = smtp_server()
    mail_config(app, port)
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop)
    login()
    page = client.post(f"/ateliers/{seed.workshop.code}/groupes/{group_id}/relance",
                       follow_redirects=True).get_data(as_text=True)
    assert "Relance envoyée à la personne référente, avec un nouveau lien." in page
    assert [m["To"] for m in inbox.messages] == ["alice@example.org"]
    with app.app_context():
        assert db.session.get(ActionGroup, group_id).reminded_at is not None


def test_news_mail_failure_is_said(app, client, seed_workshop):
    from tests.integration.test_mail import free_port

    mail_config(app, free_port())  # nobody listens there
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop)
    secret = referent_secret(app, group_id)
    page = client.post(f"/groupe-referent/{secret}/nouvelles", data={"body": "Coucou"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Nouvelle publiée et envoyée à 0 membre ; 4 envois en échec." in page
