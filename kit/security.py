"""Response headers that make every page safer to put on the internet, and the proxy set-up.

A strict Content-Security-Policy: scripts, styles, images and connections only from this
site, no inline script or style, no plug-ins, never framed. ``PROXY_FIX_HOPS`` (the number of
reverse proxies in front) lets the rate limits see the real client address and the cookies
know that the site is served over HTTPS.
"""
from __future__ import annotations

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",  # a photo's preview before upload is a blob: URL
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # secret links never leave in a Referer
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), microphone=(), payment=()",
}
HSTS = "max-age=31536000"  # only when served over HTTPS (PUBLIC_URL https://...)


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_security(app: Flask) -> None:
    app.after_request(add_security_headers)
    if app.config["PUBLIC_URL"].startswith("https://"):
        app.after_request(add_hsts)
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops > 0:
        # No X-Forwarded-Prefix: the documented proxy does not set it, so a client could
        # (and turn every redirect into //elsewhere); the app is served at the root.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops,  # type: ignore[method-assign]
                                x_host=hops, x_prefix=0)


def add_hsts(response: Response) -> Response:
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response
