"""The print-kit, load-demo and worker commands, and the kit section of the workshop page."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from kit.extensions import db
from kit.models import Card, Participant, User, Workshop

pytest.importorskip("printables.kit", reason="printables.kit (the PDF renderer) is not there yet")

KIT_FILES = {"kit.pdf", "deroule.pdf", "affiches.pdf", "identite.pdf", "frein.pdf",
             "levier.pdf", "ressource.pdf", "besoin.pdf", "contact.pdf", "graines.pdf",
             "manifest.json"}


def stored_codes(app, workshop_id: int) -> dict[str, str | None]:
    with app.app_context():
        return {c.code: c.printed_at for c in db.session.query(Card).filter_by(
            workshop_id=workshop_id)}


def test_print_kit_writes_pdfs_and_manifest_of_stored_codes(app, runner, tmp_path,
                                                            make_workshop, make_participant):
    workshop = make_workshop(code="MOB26", blank_packs=1, group_sheets=1)
    make_participant(workshop, first_name="Élise", last_name="Vasserot")
    out = tmp_path / "sortie"
    result = runner.invoke(args=["print-kit", "mob26", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == KIT_FILES
    assert all((out / name).read_bytes().startswith(b"%PDF") for name in KIT_FILES
               if name.endswith(".pdf"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    codes = stored_codes(app, workshop.id)
    assert sorted(item["code"] for item in manifest["items"]) == sorted(codes)
    assert all(printed is not None for printed in codes.values())


def test_print_kit_twice_keeps_codes(app, runner, tmp_path, make_workshop, make_participant):
    workshop = make_workshop(blank_packs=1, group_sheets=1)
    make_participant(workshop)
    runner.invoke(args=["print-kit", workshop.code, "--out", str(tmp_path / "a")])
    first = stored_codes(app, workshop.id)
    result = runner.invoke(args=["print-kit", workshop.code, "--out", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert stored_codes(app, workshop.id) == first
    manifests = [json.loads((tmp_path / d / "manifest.json").read_text()) for d in "ab"]
    assert [i["code"] for i in manifests[0]["items"]] == [i["code"] for i in manifests[1]["items"]]


def test_print_kit_unknown_code_exits_2_with_message(runner, tmp_path):
    result = runner.invoke(args=["print-kit", "NOPE", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "Erreur : aucun atelier n'a le code 'NOPE'." in result.stderr
    assert not (tmp_path / "x").exists()


def test_generate_button_stores_kit_for_download(app, client, login, make_workshop,
                                                 make_participant):
    login()
    workshop = make_workshop(code="MOB26", blank_packs=1, group_sheets=1)
    make_participant(workshop)
    response = client.post("/ateliers/MOB26/kit/", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Kit généré : " in html
    for name in KIT_FILES:
        assert f'href="/ateliers/MOB26/kit/{name}"' in html
    with client.get("/ateliers/MOB26/kit/kit.pdf") as download:  # closes the sent file
        assert download.data.startswith(b"%PDF")
        assert 'filename=MOB26-kit.pdf' in download.headers["Content-Disposition"]
    with client.get("/ateliers/MOB26/kit/manifest.json") as download:
        manifest = download.get_json()
    assert sorted(i["code"] for i in manifest["items"]) == sorted(stored_codes(app, workshop.id))
    assert client.get("/ateliers/MOB26/kit/secret_key").status_code == 404


def test_download_before_generation_is_404(client, login, make_workshop):
    login()
    workshop = make_workshop()
    assert client.get(f"/ateliers/{workshop.code}/kit/kit.pdf").status_code == 404


def test_load_demo_twice_creates_demo_once(app, runner):
    first = runner.invoke(args=["load-demo"])
    assert first.exit_code == 0, first.output
    assert "demo@atelier.local / mot de passe : " in first.output
    assert "créé avec 24 participants" in first.output and "Kit imprimé" in first.output
    with app.app_context():
        cards = {c.code for c in db.session.query(Card)}
    second = runner.invoke(args=["load-demo"])
    assert second.exit_code == 0 and "déjà présent : rien à faire" in second.output
    assert "mot de passe : " not in second.output and "set-password" in second.output
    with app.app_context():
        assert db.session.query(Workshop).count() == 1
        assert db.session.query(User).count() == 1
        assert db.session.query(Participant).count() == 24
        assert {c.code for c in db.session.query(Card)} == cards
        embrun = db.session.query(Participant).filter_by(commune="Embrun").all()
        assert embrun and {p.territory for p in embrun} == {"hors"}


def test_load_demo_opens_registration_three_weeks_ahead(app, client, runner):
    runner.invoke(args=["load-demo"])
    with app.app_context():
        workshop = db.session.query(Workshop).one()
        assert workshop.date - dt.date.today() == dt.timedelta(weeks=3)
        assert workshop.registration_opens_on < dt.date.today()
    page = client.get("/inscription/MOB26/").get_data(as_text=True)
    assert "Mobilité douce dans le Grand Briançonnais" in page and 'name="email"' in page


def demo_password(output: str) -> str:
    return re.search(r"demo@atelier\.local / mot de passe : (\S+)", output).group(1)


def test_demo_account_can_log_in_with_the_password_printed_once(app, client, runner):
    password = demo_password(runner.invoke(args=["load-demo"]).output)
    response = client.post("/connexion", data={"email": "demo@atelier.local",
                                               "password": password})
    assert response.status_code == 302
    page = client.get("/ateliers/").get_data(as_text=True)
    assert "Mobilité douce dans le Grand Briançonnais" in page
    assert client.get("/ateliers/MOB26/membres").status_code == 200  # the demo owns it


def test_demo_password_differs_between_instances(make_app):
    from kit.services.demo import ensure_demo_user

    passwords = []
    for _ in range(2):
        with make_app().app_context():
            passwords.append(ensure_demo_user()[1])
    assert passwords[0] != passwords[1] and len(passwords[0]) >= 12


def test_worker_in_immediate_mode_says_it_has_nothing_to_do(runner):
    result = runner.invoke(args=["worker"])
    assert result.exit_code == 0 and "mode immédiat" in result.output
