"""Organiser accounts: creation and password check."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from kit.extensions import db
from kit.models import User

MIN_PASSWORD_CHARS = 8


class UserError(ValueError):
    pass


def find_user(email: str) -> User | None:
    query = select(User).where(func.lower(User.email) == email.strip().lower())
    return db.session.scalars(query).first()


def create_user(email: str, name: str, password: str) -> User:
    email = email.strip().lower()
    if "@" not in email:
        raise UserError(f"adresse e-mail invalide : {email!r}")
    if find_user(email) is not None:
        raise UserError(f"un compte existe déjà pour {email}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise UserError(f"mot de passe trop court (au moins {MIN_PASSWORD_CHARS} caractères)")
    user = User(email=email, name=name.strip() or email)
    # tests configure a cheap method: scrypt costs ~0.15 s per hash and per check
    user.set_password(password, current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    if user is None or not user.active or not user.check_password(password):
        return None
    return user
