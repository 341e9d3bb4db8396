"""The README's nginx configuration ("En production"), run for real in front of scripts/serve.sh:
its `location /` block is taken from the README as written (only the TLS listener is replaced
by a loopback port: no certificate here, and the upstream port is the test's). Checks what the
configuration is for: the app is reached with its security headers, a client cannot pick its
own address with X-Forwarded-For (PROXY_FIX_HOPS=1 trusts only what nginx sets), and uploads up
to MAX_CONTENT_LENGTH get through (nginx refuses bodies over 1 MB by default)."""
from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.security.test_headers_served import (
    CSRF_RE,
    ROOT,
    START_TIMEOUT_S,
    VENV,
    free_port,
    wait_for,
)

NGINX = Path("/usr/sbin/nginx")
HOST = "ateliers.example.org"  # the README's server_name and PUBLIC_URL
UPLOAD_BYTES = 30 * 1024 * 1024  # a batch of phone photos: above nginx's 1 MB default


def readme_nginx_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```nginx\n(.*?)```", text, re.S).group(1)


def nginx_conf(block: str, listen_port: int, app_port: int, folder: Path) -> str:
    for old, new in (("listen 443 ssl;", f"listen 127.0.0.1:{listen_port};"),
                     ("proxy_pass http://127.0.0.1:8000;",
                      f"proxy_pass http://127.0.0.1:{app_port};")):
        assert old in block, f"the README's nginx block changed: {old!r} not found"
        block = block.replace(old, new)
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""
    return (f"daemon off;\n{user}\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
            f"events {{ worker_connections 64; }}\nhttp {{\n    access_log off;\n{temp}\n"
            f"{block}}}\n")


@pytest.fixture
def behind_nginx(tmp_path):
    """scripts/serve.sh configured as the README says, and nginx in front of it."""
    if not NGINX.is_file():
        pytest.skip("nginx absent : installez le paquet Debian nginx (scripts/setup.sh le fait)")
    app_port, proxy_port = free_port(), free_port()
    env = {**os.environ, "VENV": str(VENV), "BIND": f"127.0.0.1:{app_port}",
           "FLASK_INSTANCE_PATH": str(tmp_path / "instance"), "FLASK_PUBLIC_URL": f"http://{HOST}",
           "FLASK_PROXY_FIX_HOPS": "1", "FLASK_OCR_ENGINE": "none",
           "FLASK_LOGIN_ADDRESS_LIMIT": "3 per 15 minutes"}
    env.pop("DATABASE_URL", None)
    flask = [str(VENV / "bin" / "flask"), "--app", "kit.app"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    folder = tmp_path / "nginx"
    folder.mkdir()
    conf = folder / "nginx.conf"
    conf.write_text(nginx_conf(readme_nginx_block(), proxy_port, app_port, folder))
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 (closed below)
    app = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], env=env, cwd=ROOT, stdout=log,
                           stderr=subprocess.STDOUT, start_new_session=True)
    proxy = subprocess.Popen([str(NGINX), "-p", str(folder), "-c", str(conf), "-e",
                              str(folder / "error.log")], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{proxy_port}"
    finally:
        for process in (proxy, app):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict
    body: str


def call(opener, url: str, data: bytes | None = None, headers: dict | None = None):
    """The answer (read and closed), or None while nothing listens."""
    request = urllib.request.Request(url, data=data, headers={"Host": HOST, **(headers or {})})
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    except OSError:
        return None
    with response:
        return Answer(response.status, dict(response.headers),
                      response.read().decode("utf-8", "replace"))


def app_answers(opener, base: str) -> Answer:
    """Wait until gunicorn answers behind nginx (nginx alone says 502 Bad Gateway)."""
    def ready():
        answer = call(opener, f"{base}/connexion")
        return answer if answer is not None and answer.status != 502 else None
    return wait_for(ready, START_TIMEOUT_S, "gunicorn behind nginx")


def failed_login(opener, base: str, spoofed: str) -> int:
    page = call(opener, f"{base}/connexion").body
    form = {"email": "personne@example.org", "password": "mauvais",
            "csrf_token": CSRF_RE.search(page).group(1)}
    answer = call(opener, f"{base}/connexion", urllib.parse.urlencode(form).encode(),
                  {"X-Forwarded-For": spoofed})
    return answer.status


def test_readme_nginx_config_serves_the_app_without_trusting_client_addresses(behind_nginx):
    base = behind_nginx
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = app_answers(opener, base)
    assert page.status == 200 and page.headers["Server"].startswith("nginx")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    # each try claims another address; nginx replaces the header by the real one
    statuses = [failed_login(opener, base, f"198.51.100.{i}") for i in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_readme_nginx_config_lets_a_batch_of_photos_through(behind_nginx):
    base = behind_nginx
    opener = urllib.request.build_opener()
    app_answers(opener, base)
    answer = call(opener, f"{base}/connexion", b"x" * UPLOAD_BYTES,
                  {"Content-Type": "application/x-www-form-urlencoded"})
    # the app answered (its headers), not nginx's "413 Request Entity Too Large"
    assert answer.status != 413 and "Content-Security-Policy" in answer.headers
