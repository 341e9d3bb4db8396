"""Log-in throttling: failed attempts counted per account *from one address*, and per address.

Counted in the limiter's storage (memory by default, RATELIMIT_STORAGE_URI for several
processes). Only failures count. The account's count is kept per client address, so someone
guessing an organiser's password from elsewhere never locks the organiser out (a guesser
spreading over many addresses is slowed by each address's own limit). An organiser locked
out by their own typing can still use "mot de passe oublié": the reset link logs them in and
clears the count (``forgive``).
"""
from __future__ import annotations

from flask import current_app
from limits import parse

from kit.extensions import limiter

ACCOUNT, ADDRESS = "login-account", "login-address"


def limits_for(email: str, address: str):
    config = current_app.config
    yield parse(config["LOGIN_ACCOUNT_LIMIT"]), ACCOUNT, f"{email.strip().lower()}|{address}"
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


def forgive(email: str, address: str) -> None:
    """Forget the account's failures from this address (after a password reset by e-mail)."""
    if not limiter.enabled:
        return
    limit, scope, key = next(limits_for(email, address))
    limiter.limiter.clear(limit, scope, key)
