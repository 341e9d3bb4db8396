"""Production serving (issue 9): scripts/serve.sh (what `make serve` runs) starts gunicorn and
the worker as its own process; a page is fetched over real HTTP with its security headers, an
organiser logs in (CSRF on), and SIGTERM stops both processes."""
from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("VENV", ROOT / ".venv")).resolve()
START_TIMEOUT_S = 60  # gunicorn and the worker import the app (OpenCV, OCR) on 2 busy cores
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> dict[int, str]:
    """Child pid -> command line."""
    result = subprocess.run(["ps", "-ww", "-o", "pid=,args=", "--ppid", str(pid)],
                            capture_output=True, text=True, check=False)
    found = {}
    for line in result.stdout.splitlines():
        child, _, args = line.strip().partition(" ")
        found[int(child)] = args
    return found


def is_alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def wait_for(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def fetch(opener, url: str, data: dict | None = None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        return opener.open(urllib.request.Request(url, data=body), timeout=10)
    except OSError:
        return None


@pytest.fixture
def served(tmp_path):
    """scripts/serve.sh on a free loopback port with its own instance folder and database."""
    port = free_port()
    env = {**os.environ, "VENV": str(VENV), "BIND": f"127.0.0.1:{port}",
           "FLASK_INSTANCE_PATH": str(tmp_path / "instance"),
           "FLASK_PUBLIC_URL": f"http://127.0.0.1:{port}", "FLASK_OCR_ENGINE": "none"}
    env.pop("DATABASE_URL", None)
    flask = [str(VENV / "bin" / "flask"), "--app", "kit.app"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    subprocess.run([*flask, "create-user", "prod@example.org", "--password",
                    "un-long-secret"], env=env, cwd=ROOT, check=True, capture_output=True)
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], env=env, cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_serve_script_runs_gunicorn_and_worker_then_stops_both(served, tmp_path):
    process, base = served
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = wait_for(lambda: fetch(opener, f"{base}/connexion"), START_TIMEOUT_S, "gunicorn")
    html = page.read().decode("utf-8")
    assert page.status == 200 and "gunicorn" in page.headers["Server"]
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "SameSite=Lax" in page.headers["Set-Cookie"]
    token = CSRF_RE.search(html).group(1)
    answer = fetch(opener, f"{base}/connexion", {"email": "prod@example.org",
                                                 "password": "un-long-secret",
                                                 "csrf_token": token})
    assert answer is not None and answer.url == f"{base}/ateliers/"
    running = children(process.pid)
    assert any("gunicorn" in args for args in running.values()), running
    assert any("worker" in args and "flask" in args for args in running.values()), running
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert [pid for pid in running if is_alive(pid)] == []  # both stopped with it
    assert fetch(opener, f"{base}/connexion") is None  # nothing answers any more
