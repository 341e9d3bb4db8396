"""Friendly pages for a form posted without its security token (400) and too many posts (429)."""
from __future__ import annotations

from flask import Flask, render_template
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError


def csrf_error(error: CSRFError):
    return render_template("errors/csrf.html"), 400


def rate_limited(error: RateLimitExceeded):
    return render_template("errors/rate_limited.html"), 429


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(RateLimitExceeded, rate_limited)
