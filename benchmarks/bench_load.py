"""Load and faults: volunteers uploading at once through gunicorn with the worker running, on
SQLite (SqliteHuey) and on PostgreSQL with the Redis queue; then every photo is read again and
the worker is killed (SIGKILL) half-way and restarted.

Prints, per backend: uploads/s, seconds from the first upload to every photo read, errors;
then photos lost, photos stuck (queued or processing), duplicate sightings and human decisions
changed after the kill, each of which must be 0. Servers (gunicorn on loopback, PostgreSQL and
Redis on Unix sockets in a temporary folder) are started and stopped by the script.
Run: `make bench-load` (or `python -m benchmarks.bench_load --volunteers 2 --photos 3`).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from kit.extensions import db
from kit.models import FieldValue, Photo, Sighting
from tests.postgres import conftest as pg

CODE = "LOAD1"
PEOPLE = 30  # packs to photograph: enough distinct cards for 200 close-ups
CARDS_PER_PHOTO = 3
BASE_SHOTS = 20  # staged close-ups; every other photo is one of them re-framed
HUMAN_DECISIONS = 20  # values a reviewer decides before the worker is killed
KILL_AT = 0.5  # share of the photos re-read when the worker is killed
WAIT_S = 3600
POLL_S = 0.5
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
BOUNDARY = "----atelier-kit-bench-load"


@dataclass
class Result:
    backend: str
    uploads: int = 0
    upload_s: float = 0.0
    digitised_s: float = 0.0
    errors: list[str] = field(default_factory=list)
    rescan_s: float = 0.0
    lost: int = 0
    stuck: int = 0
    duplicates: int = 0
    changed: int = 0
    decided: int = 0
    killed_mid_photo: int = 0


# --- servers ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def postgres(root: Path):
    reason = pg.missing_reason()
    if reason:
        raise SystemExit(reason)
    pg_root = Path(tempfile.mkdtemp(prefix="ak-load-pg-"))  # short: a socket path is short
    try:
        server = pg.start_server(pg_root)
        try:
            pg.create_database(server, "atelier_load")
            yield server.url("atelier_load")
        finally:
            pg.stop_server(pg_root)
    finally:
        shutil.rmtree(pg_root, ignore_errors=True)


@contextmanager
def redis(root: Path):
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server absent : installez le paquet Debian redis-server")
    sock = root / "redis.sock"
    process = subprocess.Popen(["redis-server", "--port", "0", "--unixsocket", str(sock),
                                "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
                                "--dir", str(root)], stdout=subprocess.DEVNULL)
    try:
        wait_until(sock.exists, 10, "redis-server n'a pas démarré")
        yield f"unix://{sock}"
    finally:
        stop(process)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(predicate, timeout_s: float, message: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(message)
        time.sleep(0.1)


def app_env(config: dict) -> dict:
    return {**os.environ, "BENCH_LOAD_CONFIG": json.dumps(config)}


def flask(config: dict, *args: str, log: Path | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "benchmarks.load_app:app", *args]
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(command, env=app_env(config), stdout=out, stderr=subprocess.STDOUT)


@contextmanager
def gunicorn(config: dict, root: Path, workers: int):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", "4",
               "--bind", f"127.0.0.1:{port}", "--timeout", "120", "benchmarks.load_app:app"]
    with open(root / "gunicorn.log", "ab") as log:
        process = subprocess.Popen(command, env=app_env(config), stdout=log,
                                   stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: answers(port), 60, "gunicorn n'a pas démarré")
        yield port
    finally:
        stop(process)


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


# --- data -------------------------------------------------------------------------------------

def make_photos(count: int) -> list[tuple[bytes, str]]:
    """``count`` distinct phone photos of a 30-person workshop's cards (the same kit is built in
    every backend's database: workshop codes and card serials are the same). A 12 Mpx close-up
    takes seconds to stage, so ``BASE_SHOTS`` are staged and each is re-framed and re-encoded
    into distinct files (as a volunteer taking the same table twice)."""
    from tests.support import appkit
    from tests.support.shots import closeup_photo

    app = bench_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}, Path(tempfile.mkdtemp()))
    with app.app_context():
        db.create_all()
        printed = [p for p in appkit.printed_cards(appkit.setup_workshop(CODE, PEOPLE))
                   if p.type_key in ("identite", "frein", "levier", "ressource", "besoin")]
    bases = []
    for k in range(min(count, BASE_SHOTS)):
        chunk = [printed[(k * CARDS_PER_PHOTO + i) % len(printed)] for i in range(CARDS_PER_PHOTO)]
        bases.append(closeup_photo(chunk, tuple(p.type_key for p in chunk), "mild", seed=k).image)
    return [(variant(bases[k % len(bases)], k), f"photo-{k:03d}.jpg") for k in range(count)]


def variant(image, k: int) -> bytes:
    """The k-th re-framing of a shot: a few pixels cropped off, its own JPEG quality."""
    import cv2

    margin = 8 * (k // BASE_SHOTS)  # px: far smaller than a card's margin
    height, width = image.shape[:2]
    framed = image[margin:height - margin, margin:width - margin]
    return cv2.imencode(".jpg", framed, [cv2.IMWRITE_JPEG_QUALITY, 80 + k % 15])[1].tobytes()


def bench_app(overrides: dict, root: Path):
    from kit.app import create_app

    return create_app(config_for(overrides, root))


def config_for(overrides: dict, root: Path) -> dict:
    instance = root / "instance"
    return {"SECRET_KEY": "clef-du-banc", "INSTANCE_PATH": str(instance),
            "KIT_DIR": str(instance / "kits"), "IMPORT_DIR": str(instance / "imports"),
            "PHOTOS_DIR": str(instance / "photos"), "CROPS_DIR": str(instance / "crops"),
            "HUEY_IMMEDIATE": False, "RATELIMIT_ENABLED": True, **overrides}


def prepare(app, volunteers: int) -> list[str]:
    """The workshop and its cards (as printed), and one upload link per volunteer."""
    from kit.services import upload_links
    from tests.support import appkit

    with app.app_context():
        workshop = appkit.setup_workshop(CODE, PEOPLE)
        return [upload_links.create_link(workshop, f"bénévole {i + 1}").secret
                for i in range(volunteers)]


# --- volunteers -------------------------------------------------------------------------------

def multipart(fields: dict[str, str], content: bytes, filename: str) -> bytes:
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             .encode() for name, value in fields.items()]
    parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="photos"; '
                 f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
                 + content + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def volunteer(port: int, token: str, photos: list[tuple[bytes, str]], errors: list[str]) -> None:
    """One phone: opens its link, then sends its photos one per request, as upload.js does."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", f"/u/{token}")
    page = connection.getresponse()
    html = page.read().decode()
    cookie = page.getheader("Set-Cookie", "").split(";")[0]
    csrf = CSRF_RE.search(html)
    fields = {"csrf_token": csrf.group(1)} if csrf else {}
    for content, name in photos:
        body = multipart(fields, content, name)
        connection.request("POST", f"/u/{token}", body=body, headers={
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Cookie": cookie,
            "Accept": "application/json"})
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200:
            errors.append(f"{name} : HTTP {response.status}")
        elif json.loads(answer)["photos"][0]["status"] != "queued":
            errors.append(f"{name} : {json.loads(answer)['photos'][0].get('message')}")
    connection.close()


def upload_all(port: int, tokens: list[str], photos: list, per_volunteer: int) -> list[str]:
    errors: list[str] = []
    threads = [threading.Thread(target=volunteer, args=(
        port, token, photos[i * per_volunteer:(i + 1) * per_volunteer], errors))
        for i, token in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


# --- checks -----------------------------------------------------------------------------------

def pending_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(
            Photo.status.in_(("queued", "processing")))) or 0


def status_count(app, status: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(Photo.status == status)) or 0


def wait_all_read(app, timeout_s: float = WAIT_S) -> None:
    wait_until(lambda: pending_count(app) == 0, timeout_s, "photos encore en attente")


def decide_some(app) -> dict[int, tuple]:
    """A reviewer decides some text values: what the worker must never change."""
    from kit.services import review
    from kit.services.users import create_user

    with app.app_context():
        user = create_user("relectrice@example.org", "Relectrice", "mot-de-passe-du-banc")
        values = db.session.scalars(select(FieldValue).where(FieldValue.kind == "text")
                                    .order_by(FieldValue.id).limit(HUMAN_DECISIONS)).all()
        for value in values:
            review.record_decision(value, user, "corrected", f"décision humaine {value.id}")
        return {v.id: (v.value, v.source, v.review) for v in values}


def duplicate_sightings(app) -> int:
    with app.app_context():
        groups = select(Sighting.photo_id, Sighting.card_id).group_by(
            Sighting.photo_id, Sighting.card_id).having(func.count() > 1)
        return len(db.session.execute(groups).all())


def changed_decisions(app, decided: dict[int, tuple]) -> int:
    with app.app_context():
        now = {v.id: (v.value, v.source, v.review) for v in db.session.scalars(
            select(FieldValue).where(FieldValue.id.in_(decided)))}
    return sum(1 for key, state in decided.items() if now.get(key) != state)


def requeue_all(app) -> int:
    from kit import tasks
    from kit.services import photos

    with app.app_context():
        every = db.session.scalars(select(Photo).order_by(Photo.id)).all()
        for photo in every:
            photos.requeue(photo)
            tasks.enqueue_photo(photo.id)
        return len(every)


def lost_photos(app, uploaded: int) -> int:
    with app.app_context():
        stored = db.session.scalars(select(Photo)).all()
        root = Path(app.config["PHOTOS_DIR"]) / CODE
        missing = sum(1 for p in stored if not (root / p.stored_name).is_file())
        return max(0, uploaded - len(stored)) + missing


# --- one backend ------------------------------------------------------------------------------

def run_backend(name: str, overrides: dict, root: Path, photos: list, volunteers: int,
                per_volunteer: int) -> Result:
    result = Result(name)
    config = config_for(overrides, root)
    app = bench_app(overrides, root)
    subprocess.run([sys.executable, "-m", "flask", "--app", "benchmarks.load_app:app", "db",
                    "upgrade"], env=app_env(config), check=True, capture_output=True)
    tokens = prepare(app, volunteers)
    log = root / "worker.log"
    worker = flask(config, "worker", log=log)
    try:
        with gunicorn(config, root, workers=2) as port:
            start = time.monotonic()
            result.errors = upload_all(port, tokens, photos, per_volunteer)
            result.upload_s = time.monotonic() - start
            result.uploads = volunteers * per_volunteer - len(result.errors)
            wait_all_read(app)
            result.digitised_s = time.monotonic() - start
        worker = kill_and_restart(app, config, worker, log, result)
        result.lost = lost_photos(app, result.uploads)
        result.stuck = pending_count(app)
        result.duplicates = duplicate_sightings(app)
    finally:
        stop(worker)
    return result


def kill_and_restart(app, config: dict, worker, log: Path, result: Result):
    decided = decide_some(app)
    result.decided = len(decided)
    total = requeue_all(app)
    start = time.monotonic()
    wait_until(lambda: total - pending_count(app) >= total * KILL_AT, WAIT_S, "trop lent")
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    result.killed_mid_photo = status_count(app, "processing")
    worker = flask(config, "worker", log=log)
    wait_all_read(app)
    result.rescan_s = time.monotonic() - start
    result.changed = changed_decisions(app, decided)
    return worker


# --- table ------------------------------------------------------------------------------------

def print_table(results: list[Result], volunteers: int, per_volunteer: int) -> None:
    print(f"\n{volunteers} bénévoles × {per_volunteer} photos, gunicorn (2 processus × 4 fils) "
          "+ 1 travailleur\n")
    print("| base / file | envois réussis | envois/s | s jusqu'à tout lu | erreurs | relecture "
          "avec kill -9 (s) | photos en cours au kill | perdues | bloquées | visions en double "
          "| décisions humaines changées |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r.backend} | {r.uploads} | {r.uploads / r.upload_s:.1f} | "
              f"{r.digitised_s:.0f} | {len(r.errors)} | {r.rescan_s:.0f} | "
              f"{r.killed_mid_photo} | {r.lost} | {r.stuck} | {r.duplicates} | "
              f"{r.changed} / {r.decided} |")
    for r in results:
        for error in r.errors[:5]:
            print(f"  {r.backend} : {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=10)
    parser.add_argument("--photos", type=int, default=20, help="par bénévole")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--ocr", default="rapidocr", help="rapidocr (défaut) ou none")
    args = parser.parse_args()
    photos = make_photos(args.volunteers * args.photos)
    results = []
    for backend in args.backends.split(","):
        with ExitStack() as stack:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ak-load-")))
            overrides = {"OCR_ENGINE": args.ocr}
            if backend == "postgres":
                overrides["SQLALCHEMY_DATABASE_URI"] = stack.enter_context(postgres(root))
                overrides["HUEY_URL"] = stack.enter_context(redis(root))
                label = "PostgreSQL + Redis"
            else:
                overrides["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{root / 'atelier.sqlite3'}"
                label = "SQLite + SqliteHuey"
            results.append(run_backend(label, overrides, root, photos, args.volunteers,
                                       args.photos))
    print_table(results, args.volunteers, args.photos)


if __name__ == "__main__":
    main()
