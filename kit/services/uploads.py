"""The uploaded CSV kept between its preview and the confirmation, in the instance folder.

The preview and the confirmation are two requests; the file is too large for the session
cookie, so it waits on disk under a random token that only the uploading organiser sees.
"""
from __future__ import annotations

import re
import secrets
from pathlib import Path

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


def upload_path(import_dir: str, workshop_code: str, token: str) -> Path:
    if not TOKEN_RE.match(token):  # never let a form value build a path
        raise FileNotFoundError(token)
    return Path(import_dir) / f"{workshop_code}-{token}.csv"


def save_upload(import_dir: str, workshop_code: str, data: bytes) -> str:
    token = secrets.token_hex(16)
    path = upload_path(import_dir, workshop_code, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return token


def load_upload(import_dir: str, workshop_code: str, token: str) -> bytes:
    return upload_path(import_dir, workshop_code, token).read_bytes()


def discard_upload(import_dir: str, workshop_code: str, token: str) -> None:
    upload_path(import_dir, workshop_code, token).unlink(missing_ok=True)
