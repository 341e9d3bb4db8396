"""Absolute links for e-mails, printed paper and copy-paste boxes.

Built from the configured ``PUBLIC_URL``, never from the request: a forged ``Host`` header
must not put an attacker's address into a message mailed to someone else.
"""
from __future__ import annotations

from flask import current_app, url_for


def public_url_for(endpoint: str, **values) -> str:
    """``url_for(endpoint, **values)`` as an absolute address under ``PUBLIC_URL``."""
    path = url_for(endpoint, _external=False, **values)
    script_root = url_for("main.index", _external=False).rstrip("/")
    if script_root and path.startswith(script_root):  # PUBLIC_URL already names the prefix
        path = path[len(script_root):]
    return current_app.config["PUBLIC_URL"] + path
