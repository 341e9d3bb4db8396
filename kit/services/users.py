"""Organiser accounts: creation, password check (throttled, constant time), password reset."""
from __future__ import annotations

import secrets
from functools import cache

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from kit.extensions import db
from kit.models import User
from kit.models.base import utc_now

MIN_PASSWORD_CHARS = 8
RESET_SALT = "password-reset"


class UserError(ValueError):
    pass


def find_user(email: str) -> User | None:
    query = select(User).where(func.lower(User.email) == email.strip().lower())
    return db.session.scalars(query).first()


def hash_method() -> str:
    # tests configure a cheap method: scrypt costs ~0.15 s per hash and per check
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise UserError(f"mot de passe trop court (au moins {MIN_PASSWORD_CHARS} caractères)")


def create_user(email: str, name: str, password: str, is_admin: bool = False) -> User:
    email = email.strip().lower()
    if "@" not in email:
        raise UserError(f"adresse e-mail invalide : {email!r}")
    if find_user(email) is not None:
        raise UserError(f"un compte existe déjà pour {email}")
    check_new_password(password)
    user = User(email=email, name=name.strip() or email, is_admin=is_admin)
    user.set_password(password, hash_method())
    db.session.add(user)
    db.session.commit()
    return user


def create_account(email: str, name: str) -> tuple[User, str]:
    """An account made by an administrator, and the token of the link where its owner chooses
    a password (until then its password is random and told to no one)."""
    user = create_user(email, name, secrets.token_urlsafe(32))
    return user, reset_token(user, new_account=True)


def set_password(user: User, password: str) -> None:
    check_new_password(password)
    user.set_password(password, hash_method())
    db.session.commit()


@cache
def dummy_hash(method: str) -> str:
    return generate_password_hash("pas un vrai mot de passe", method=method)


def authenticate(email: str, password: str) -> User | None:
    """The account if the password is right. An unknown e-mail costs the same time as a known
    one (a dummy hash is checked), so the answer's delay does not say which accounts exist."""
    user = find_user(email)
    if user is None:
        check_password_hash(dummy_hash(hash_method()), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


# --- password reset by e-mail link --------------------------------------------------------------

def reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


NEW_ACCOUNT_DAYS = 7  # the link an administrator's new account is mailed works a week


def reset_token(user: User, new_account: bool = False) -> str:
    """A signed link token, bound to the current password hash: it works once (the new password
    changes the hash) and for PASSWORD_RESET_HOURS (NEW_ACCOUNT_DAYS for a new account)."""
    return reset_serializer().dumps({"u": user.id, "h": user.password_hash[-16:],
                                     "k": "new" if new_account else "reset"})


def user_from_reset_token(token: str) -> User | None:
    try:
        data, signed_at = reset_serializer().loads(token, max_age=NEW_ACCOUNT_DAYS * 86400,
                                                   return_timestamp=True)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict):
        return None
    age_s = (utc_now() - signed_at).total_seconds()
    if data.get("k") != "new" and age_s > current_app.config["PASSWORD_RESET_HOURS"] * 3600:
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.active or user.password_hash[-16:] != data.get("h"):
        return None
    return user
