"""One blueprint per feature, each named ``bp``; views parse, call a service, render or redirect."""
from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from kit.views import auth, imports, kits, main, participants, workshops
    from kit.views.display import register_template_helpers

    for module in (main, auth, workshops, participants, imports, kits):
        app.register_blueprint(module.bp)
    register_template_helpers(app)
