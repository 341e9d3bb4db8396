"""Helpers of the results tests: the results pages' address, and the published restitution
(the public board, its PDF and the journal's draft show only once published)."""
from __future__ import annotations

from kit.extensions import db


def results_url(workshop) -> str:
    """The organisers' results pages of ``workshop`` (add "/etat-des-lieux", ...)."""
    return f"/ateliers/{workshop.code}/resultats"


def publish(app, workshop) -> None:
    """Publish ``workshop``'s restitution."""
    from kit.models import Workshop
    from kit.models.base import utc_now

    with app.app_context():
        db.session.get(Workshop, workshop.id).restitution_published_at = utc_now()
        db.session.commit()
