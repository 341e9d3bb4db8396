"""Log-in throttling: failed attempts counted per account and per client address.

Counted in the limiter's storage (memory by default, RATELIMIT_STORAGE_URI for several
processes). Only failures count, so an organiser who types the right password is never
slowed down by someone else's attempts on another account from another place.
"""
from __future__ import annotations

from flask import current_app
from limits import parse

from kit.extensions import limiter

ACCOUNT, ADDRESS = "login-account", "login-address"


def limits_for(email: str, address: str):
    config = current_app.config
    yield parse(config["LOGIN_ACCOUNT_LIMIT"]), ACCOUNT, email.strip().lower()
    yield parse(config["LOGIN_ADDRESS_LIMIT"]), ADDRESS, address or "?"


def is_throttled(email: str, address: str) -> bool:
    if not limiter.enabled:
        return False
    return any(not limiter.limiter.test(limit, scope, key)
               for limit, scope, key in limits_for(email, address))


def record_failure(email: str, address: str) -> None:
    if not limiter.enabled:
        return
    for limit, scope, key in limits_for(email, address):
        limiter.limiter.hit(limit, scope, key)
