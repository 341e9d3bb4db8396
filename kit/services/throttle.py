"""Log-in throttling: failed attempts counted per account *from one address*, per address, and
per account over all addresses.

Counted in the limiter's storage (memory by default, RATELIMIT_STORAGE_URI for several
processes). Only failures count. The tight count (``LOGIN_ACCOUNT_LIMIT``) is kept per client
address, so someone guessing an organiser's password from one place never locks the organiser
out; a guesser spreading over many addresses meets the account's overall count
(``LOGIN_ACCOUNT_TOTAL_LIMIT``, looser). An organiser locked out either way can still use
"mot de passe oublié": the reset link logs them in and clears the account's counts
(``forgive``).
"""
from __future__ import annotations

from flask import current_app
from limits import parse

from kit.extensions import limiter

ACCOUNT, ACCOUNT_TOTAL, ADDRESS = "login-account", "login-account-total", "login-address"


def limits_for(email: str, address: str):
    config = current_app.config
    yield parse(config["LOGIN_ACCOUNT_LIMIT"]), ACCOUNT, f"{email.strip().lower()}|{address}"
    yield parse(config["LOGIN_ACCOUNT_TOTAL_LIMIT"]), ACCOUNT_TOTAL, email.strip().lower()
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
    """Forget the account's failures, from this address and overall (after a password reset by
    e-mail); the address's own count stays."""
    if not limiter.enabled:
        return
    for limit, scope, key in limits_for(email, address):
        if scope != ADDRESS:
            limiter.limiter.clear(limit, scope, key)
