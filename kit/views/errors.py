"""Friendly pages, in the reader's language: a form posted without its security token (400),
too many posts (429), a page that does not exist (404), is not theirs (403), or broke (500)."""
from __future__ import annotations

from flask import Flask, render_template
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def csrf_error(error: CSRFError):
    return render_template("errors/csrf.html"), 400


def rate_limited(error: RateLimitExceeded):
    return render_template("errors/rate_limited.html"), 429


STYLED_CODES = (403, 404, 405, 500)


def http_error(error: HTTPException):
    return render_template("errors/http.html", code=error.code), error.code


def server_error(error: Exception):
    return render_template("errors/http.html", code=500), 500


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(RateLimitExceeded, rate_limited)
    for code in STYLED_CODES:
        app.register_error_handler(code, http_error if code != 500 else server_error)
