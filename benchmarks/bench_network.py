"""The network map's page load with N synthetic actors (issue 12; target: under 2 s for 300).

Server side, through the Flask test client on a SQLite file: the map page (first load, which
computes the layout, then a load that finds it in memory), its JSON, the directory, the
territory page and the public map. Then in headless Chromium (when installed), through a real
HTTP server: navigation start to the load event of the map page, and to the map's script
ready. Prints a table; no target is checked here (README, "Tests et mesures").

    python -m benchmarks.bench_network [--actors 300] [--workshops 5] [--runs 3]
"""
from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import threading
import time
from pathlib import Path

from kit.app import create_app
from kit.extensions import db
from kit.services import directory, network
from kit.services.users import create_user
from tests.support.network_world import build_network_world

PASSWORD = "mot-de-passe-bench"
PAGES = (("carte du réseau", "/reseau/"), ("données JSON", "/reseau/donnees.json"),
         ("annuaire", "/acteurs/"), ("territoire", "/territoire/"),
         ("carte publique", "/reseau/public/"))


def make_app(folder: Path):
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI":
                      f"sqlite:///{folder / 'bench.sqlite3'}", "INSTANCE_PATH": str(folder),
                      "WTF_CSRF_ENABLED": False, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
    return app


def timed_get(client, url: str) -> tuple[float, int, int]:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(response.get_data()), response.status_code


def server_rows(app, runs: int) -> list[tuple[str, str, str, str]]:
    client = app.test_client()
    client.post("/connexion", data={"email": "bench@example.org", "password": PASSWORD})
    network._LAYOUTS.clear()
    first, size, _ = timed_get(client, "/reseau/")
    rows = [("carte du réseau, 1er chargement (disposition calculée)", f"{first:.2f}", "-",
             f"{size / 1024:.0f}")]
    for label, url in PAGES:
        times = [timed_get(client, url)[0] for _ in range(runs)]
        size = timed_get(client, url)[1]
        rows.append((label, f"{statistics.median(times):.2f}", f"{max(times):.2f}",
                     f"{size / 1024:.0f}"))
    return rows


def browser_rows(app, runs: int) -> list[tuple[str, str, str, str]]:
    chromium, driver_path = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
    if not (chromium.exists() and driver_path.exists()):
        return [("navigateur", "absent", "-", "-")]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1366,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    try:
        driver.get(f"{base}/connexion")
        driver.find_element("name", "email").send_keys("bench@example.org")
        driver.find_element("name", "password").send_keys(PASSWORD + "\n")
        time.sleep(0.5)
        loads, ready = [], []
        for _ in range(runs):
            network._LAYOUTS.clear()  # the worst case: the layout is computed for this load
            driver.get(f"{base}/reseau/")
            timing = driver.execute_script(
                "const t = performance.getEntriesByType('navigation')[0];"
                "return [t.loadEventEnd, t.domContentLoadedEventEnd];")
            loads.append(timing[0] / 1000)
            ready.append(timing[1] / 1000)
        return [("navigateur : chargement complet de la carte (disposition calculée)",
                 f"{statistics.median(loads):.2f}", f"{max(loads):.2f}", "-"),
                ("navigateur : script de la carte prêt", f"{statistics.median(ready):.2f}",
                 f"{max(ready):.2f}", "-")]
    finally:
        driver.quit()
        server.shutdown()
        thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--workshops", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder))
        with app.app_context():
            owner = create_user("bench@example.org", "Bench", PASSWORD)
            world = build_network_world(owner, actors=args.actors, workshops=args.workshops)
            graph = network.build_graph(directory.user_scope(owner))
            counts = network.graph_dict(graph)["counts"]
        print(f"{args.actors} acteurs, {len(world.workshop_codes)} ateliers : "
              + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print("| page | médiane (s) | max (s) | taille (Kio) |\n|---|---:|---:|---:|")
        for row in server_rows(app, args.runs) + browser_rows(app, args.runs):
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
