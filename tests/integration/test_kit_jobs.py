"""The kit drawn in the background: the button queues it once, the page and its JSON follow the
progress, failures are shown, the previous kit stays downloadable until the new one is done."""
from __future__ import annotations

from pathlib import Path

import pytest

from kit.extensions import db
from kit.models import Workshop
from kit.services import kit_jobs
from kit.status_messages import MESSAGES
from kit.tasks import get_huey
from tests.conftest import TEST_PASSWORD

pytest.importorskip("printables.kit", reason="printables.kit (the PDF renderer) is not there yet")

KIT_FILES = {"kit.pdf", "deroule.pdf", "affiches.pdf", "identite.pdf", "frein.pdf",
             "levier.pdf", "ressource.pdf", "besoin.pdf", "contact.pdf", "graines.pdf",
             "manifest.json"}


@pytest.fixture
def kit_workshop(make_workshop, make_participant):
    """A small workshop (one pack, one blank pack, one group sheet): its kit draws in ~0.3 s."""
    def factory(**overrides):
        workshop = make_workshop(blank_packs=1, group_sheets=1, **overrides)
        make_participant(workshop, first_name="Élise", last_name="Vasserot")
        return workshop
    return factory


def set_kit_state(app, workshop, **values) -> None:
    with app.app_context():
        live = db.session.get(Workshop, workshop.id)
        for name, value in values.items():
            setattr(live, name, value)
        db.session.commit()


def kit_state(app, workshop) -> dict:
    with app.app_context():
        return kit_jobs.kit_state(db.session.get(Workshop, workshop.id))


def stored_kit(app, code: str) -> set[str]:
    folder = Path(app.config["KIT_DIR"]) / code
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_generate_button_in_immediate_mode_draws_kit_with_progress(app, client, login,
                                                                   kit_workshop, monkeypatch):
    login()
    workshop = kit_workshop()
    written = []
    record = kit_jobs.record_progress
    monkeypatch.setattr(kit_jobs, "record_progress",
                        lambda wid, percent: (written.append(percent), record(wid, percent)))
    response = client.post(f"/ateliers/{workshop.code}/kit/")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ateliers/{workshop.code}/"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kit généré : " in html and "<progress" not in html
    assert stored_kit(app, workshop.code) == KIT_FILES
    assert written == sorted(set(written)) and written[-1] == kit_jobs.DRAWING_SHARE_PERCENT
    state = client.get(f"/ateliers/{workshop.code}/kit/statut").get_json()
    assert (state["status"], state["progress"], state["message"]) == ("done", 100, "")
    assert state["generated_at"] is not None


def test_generate_button_with_real_queue_queues_once_then_worker_draws(make_app, tmp_path):
    app = make_app(HUEY_IMMEDIATE=False)
    with app.app_context():
        from kit.services.participants import save_participant
        from kit.services.users import create_user
        from kit.services.workshops import create_workshop
        user = create_user("orga-kit@example.org", "Orga", TEST_PASSWORD)
        email = user.email
        live = create_workshop({"code": "FILE2", "title": "File", "blank_packs": 1,
                                "group_sheets": 1}, created_by=user)
        save_participant(live, {"first_name": "Élise", "last_name": "Vasserot",
                                "origin": "preregistered"})
        huey = get_huey()
    client = app.test_client()
    client.post("/connexion", data={"email": email, "password": TEST_PASSWORD})
    first = client.post("/ateliers/FILE2/kit/", follow_redirects=True).get_data(as_text=True)
    assert "Génération du kit lancée" in first and len(huey) == 1
    assert '<progress id="kit-progress" max="100" value="0"' in first
    assert '<label for="kit-progress">Progression du kit</label>' in first
    assert 'aria-live="polite"' in first and "En file d’attente" in first
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in first
    assert 'href="/ateliers/FILE2/">Rafraîchir</a>' in first
    assert 'action="/ateliers/FILE2/kit/"' not in first  # no second button while it waits
    assert 'src="/static/js/kit.js"' in first
    second = client.post("/ateliers/FILE2/kit/", follow_redirects=True).get_data(as_text=True)
    assert "déjà en cours" in second and len(huey) == 1
    assert client.get("/ateliers/FILE2/kit/statut").get_json()["status"] == "queued"
    huey.execute(huey.dequeue())  # what the worker does
    state = client.get("/ateliers/FILE2/kit/statut").get_json()
    assert (state["status"], state["progress"]) == ("done", 100)
    assert stored_kit(app, "FILE2") == KIT_FILES and len(huey) == 0


def test_post_while_running_queues_nothing(app, client, login, kit_workshop):
    login()
    workshop = kit_workshop()
    set_kit_state(app, workshop, kit_status="running", kit_progress=40)
    queued = []
    app.extensions["huey.generate_kit"] = queued.append
    html = client.post(f"/ateliers/{workshop.code}/kit/", follow_redirects=True).get_data(
        as_text=True)
    assert queued == []
    assert "Une génération du kit est déjà en cours : elle n’est pas relancée." in html
    assert "Génération en cours : 40\u00a0%" in html and 'value="40"' in html
    assert kit_state(app, workshop)["status"] == "running"
    assert kit_state(app, workshop)["progress"] == 40
    assert stored_kit(app, workshop.code) == set()


def test_kit_error_is_recorded_and_shown(app, client, login, kit_workshop):
    from printables.payload import MAX_SERIAL

    login()
    workshop = kit_workshop(code="PLEIN")
    set_kit_state(app, workshop, next_serial=MAX_SERIAL)  # far fewer serials than cards
    html = client.post("/ateliers/PLEIN/kit/", follow_redirects=True).get_data(as_text=True)
    message = f"atelier PLEIN : plus de {MAX_SERIAL} cartes, numéros épuisés"
    assert f"La dernière génération du kit a échoué : {message}" in html
    assert kit_state(app, workshop)["status"] == "error"
    assert kit_state(app, workshop)["message"] == message
    assert stored_kit(app, "PLEIN") == set()
    with app.app_context():  # the failed attempt handed out no serial
        assert db.session.get(Workshop, workshop.id).next_serial == MAX_SERIAL


def test_unexpected_error_keeps_previous_kit_downloadable(app, client, login, kit_workshop,
                                                          monkeypatch):
    import printables.kit

    login()
    workshop = kit_workshop()
    client.post(f"/ateliers/{workshop.code}/kit/")
    with client.get(f"/ateliers/{workshop.code}/kit/kit.pdf") as before:
        previous = before.data

    def broken(request, progress=None):
        progress(1, 10)
        raise RuntimeError("encre épuisée")
    monkeypatch.setattr(printables.kit, "build_kit", broken)
    html = client.post(f"/ateliers/{workshop.code}/kit/", follow_redirects=True).get_data(
        as_text=True)
    message = MESSAGES["kit.failed"]
    assert f"La dernière génération du kit a échoué : {message}" in html
    assert f'href="/ateliers/{workshop.code}/kit/kit.pdf"' in html
    assert kit_state(app, workshop)["message"] == message
    with client.get(f"/ateliers/{workshop.code}/kit/kit.pdf") as after:
        assert after.data == previous


def test_unreachable_queue_is_recorded_as_error(app, client, login, kit_workshop):
    login()
    workshop = kit_workshop()

    def down(workshop_id):
        raise ConnectionError("redis ne répond pas")
    app.extensions["huey.generate_kit"] = down
    client.post(f"/ateliers/{workshop.code}/kit/")
    state = kit_state(app, workshop)
    assert state["status"] == "error"
    assert state["message"] == "File d’attente indisponible (ConnectionError : redis ne répond pas)"


def test_progress_writer_writes_every_five_percent_while_running(app, kit_workshop):
    workshop = kit_workshop()
    set_kit_state(app, workshop, kit_status="running")
    written = []
    with app.app_context():
        writer = kit_jobs.ProgressWriter(workshop.id, write=lambda wid, percent: (
            written.append(percent), kit_jobs.record_progress(wid, percent)))
        for done in range(1, 301):
            writer(done, 300)
    steps = [b - a for a, b in zip([0] + written, written)]
    assert min(steps) >= kit_jobs.PROGRESS_STEP_PERCENT and len(written) == 19
    assert written[-1] == kit_jobs.DRAWING_SHARE_PERCENT
    assert kit_state(app, workshop)["progress"] == kit_jobs.DRAWING_SHARE_PERCENT


def test_progress_of_finished_kit_is_not_overwritten(app, kit_workshop):
    workshop = kit_workshop()
    set_kit_state(app, workshop, kit_status="error", kit_progress=30)
    with app.app_context():
        kit_jobs.record_progress(workshop.id, 60)
    assert kit_state(app, workshop)["progress"] == 30


def test_status_json_when_logged_out_redirects_to_login(client, kit_workshop):
    workshop = kit_workshop()
    response = client.get(f"/ateliers/{workshop.code}/kit/statut")
    assert response.status_code == 302 and response.headers["Location"].startswith("/connexion")


def test_worker_requeues_kit_left_running(make_app, monkeypatch):
    from kit import tasks

    app = make_app(HUEY_IMMEDIATE=False)
    with app.app_context():
        from kit.services.workshops import create_workshop
        live = create_workshop({"code": "ARRET", "title": "Arrêt"})
        live.kit_status, live.kit_progress = "running", 55
        db.session.commit()
        huey = get_huey()
    monkeypatch.setattr(tasks, "run_consumer", lambda workers: None)
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code == 0, result.output
    assert "Kit de l'atelier ARRET remis dans la file." in result.output and len(huey) == 1
    with app.app_context():
        live = db.session.scalars(db.select(Workshop).filter_by(code="ARRET")).one()
        assert (live.kit_status, live.kit_progress) == ("queued", 0)
