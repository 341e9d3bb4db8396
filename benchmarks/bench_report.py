"""Benchmark: the restitution page and the PDF report of a synthetic workshop of 40 and 300
participants (every card read, one in six waiting for review); prints a table.

Run with ``python -m benchmarks.bench_report`` (or ``make bench-report``). Target (issue 10):
the PDF report of a 40-person workshop in < 10 s. Measured through the app (test client, a
real request each time: queries, consent filtering, charts, templates, reportlab).
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.report_data import make_workshop
from kit.app import create_app
from kit.extensions import db
from kit.models import User
from kit.services.users import create_user

SIZES = (40, 300)
TARGET_S = {40: 10.0}
PASSWORD = "bench-password-report"


def timed(client, url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return seconds, response.data


def pages_of(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    count = len(document)
    document.close()
    return count


def measure(app, client, people: int) -> dict:
    code = f"B{people}"
    with app.app_context():
        owner = db.session.scalars(db.select(User)).first()
        make_workshop(code, people, owner)
    page_s, html = timed(client, f"/restitution/{code}")
    public_s, public_pdf = timed(client, f"/restitution/{code}/compte-rendu.pdf")
    team_s, team_pdf = timed(client, f"/ateliers/{code}/resultats/compte-rendu.pdf")
    board_s, _ = timed(client, f"/ateliers/{code}/resultats/tableau")
    return {"people": people, "page_s": page_s, "page_kb": len(html) / 1e3, "board_s": board_s,
            "public_s": public_s, "team_s": team_s, "pages": pages_of(team_pdf),
            "public_pages": pages_of(public_pdf)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_report")
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        app = create_app({"SECRET_KEY": "bench", "INSTANCE_PATH": str(folder / "instance"),
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
                          "WTF_CSRF_ENABLED": False, "HUEY_IMMEDIATE": True,
                          "RATELIMIT_ENABLED": False})
        with app.app_context():
            db.create_all()
            create_user("bench@example.org", "Bench", PASSWORD)
        client = app.test_client()
        client.post("/connexion", data={"email": "bench@example.org", "password": PASSWORD})
        measure(app, client, 5)  # templates compiled, fonts loaded: not what we measure
        print(f"{'participants':>12} {'restitution s':>13} {'page kB':>8} {'tableau s':>9} "
              f"{'PDF public s':>12} {'PDF équipe s':>12} {'pages':>6}  cible")
        for size in args.sizes:
            row = measure(app, client, size)
            target = TARGET_S.get(size)
            verdict = "" if target is None else (
                "ok" if row["team_s"] < target else f"LENT (> {target:g} s)")
            print(f"{row['people']:>12} {row['page_s']:>13.2f} {row['page_kb']:>8.0f} "
                  f"{row['board_s']:>9.2f} {row['public_s']:>12.2f} {row['team_s']:>12.2f} "
                  f"{row['pages']:>6}  {verdict}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
