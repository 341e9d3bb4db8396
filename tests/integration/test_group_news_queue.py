"""An action group's news is mailed by the background queue (a real SqliteHuey here, not the
immediate mode of the other tests): the referent's page answers at once, the worker sends one
e-mail per member and records the outcome on the news."""
from __future__ import annotations

import pytest

from kit.extensions import db
from kit.models import GroupNews
from tests.integration.test_group_mail import mail_config
from tests.integration.test_mail import smtp_server  # noqa: F401
from tests.support.groups import make_group, referent_secret, seed_workshop  # noqa: F401


@pytest.fixture
def app(make_app):
    return make_app(HUEY_IMMEDIATE=False)


def news_state(app):
    with app.app_context():
        news = db.session.scalars(db.select(GroupNews)).one()
        return news.mail_status, news.mailed, news.mail_failed


def test_news_waits_in_the_queue_then_the_worker_mails_it(app, client, smtp_server,
                                                          seed_workshop):
    port, inbox = smtp_server()
    mail_config(app, port)
    seed = seed_workshop()
    group_id, _ = make_group(app, seed.workshop)
    secret = referent_secret(app, group_id)
    page = client.post(f"/groupe-referent/{secret}/nouvelles", data={"body": "Rendez-vous"},
                       follow_redirects=True).get_data(as_text=True)
    assert "les e-mails aux membres partent dans quelques instants" in page
    assert "e-mails en cours d’envoi" in page
    assert news_state(app) == ("queued", 0, 0) and inbox.messages == []
    huey = app.extensions["huey"]
    task = huey.dequeue()
    assert task.name == "group_news"
    huey.execute(task)  # what the worker does
    assert news_state(app) == ("sent", 4, 0)
    assert len(inbox.messages) == 4
    page = client.get(f"/groupe-referent/{secret}").get_data(as_text=True)
    assert "envoyée à 4 membres" in page
