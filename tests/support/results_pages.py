"""Helpers of the results tests: the results pages' address, and the published restitution
(the public board, its PDF and the journal's draft show only once published)."""
from __future__ import annotations

import json
import re

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


def needs_json(client, workshop) -> list[tuple]:
    """The needs of the diagnostic's JSON, in its order: (text, votes, votes_status)."""
    data = json.loads(client.get(results_url(workshop) + "/etat-des-lieux.json").data)
    return [(n["text"]["text"], n["votes"], n["votes_status"]) for n in data["needs"]]


def needs_section(client, workshop) -> tuple[str, str]:
    """The état des lieux page's needs section, as (its chart, its table)."""
    html = client.get(results_url(workshop) + "/etat-des-lieux").get_data(as_text=True)
    figure, table = html.split('id="rubrique-besoins"')[1].split("</section>")[0].split(
        "</figure>")
    return figure, table


def board_cards(client, workshop) -> list[tuple[str, str]]:
    """The needs of the published restitution's board, in its order: (votes label, text)."""
    html = client.get(f"/restitution/{workshop.code}").get_data(as_text=True)
    return re.findall(r'<li class="board-card"><span class="[^"]+">([^<]+)</span>([^<]+)</li>',
                      html)
