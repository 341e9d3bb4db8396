"""The diagnostic as people saw it: the wall board, the charts and their tables (issue 10)."""
from __future__ import annotations

import re

import pytest


@pytest.fixture
def needs_wall(make_workshop, make_participant, make_card, make_field_value):
    """A workshop with three needs: two confirmed, one waiting for review."""
    workshop = make_workshop()
    alice = make_participant(workshop, first_name="Alice", last_name="Roux", consent="public")

    def need(text, votes, review="confirmed"):
        made = make_card(workshop, "besoin", participant=alice, zone="besoins", cluster="7-1")
        make_field_value(made, "texte", value=None if review == "pending" else text,
                         proposal=text, review=review, crop=False)
        make_field_value(made, "votes", value=str(votes), review="auto", crop=False)
    need("Un garage à vélos", 3)
    need("Navette gare", 7)
    need("Horaires de car", 9, review="pending")
    return workshop


def test_diagnostic_page_charts_confirmed_needs_with_a_table(client, login, needs_wall):
    login()
    url = f"/ateliers/{needs_wall.code}/resultats/etat-des-lieux"
    html = client.get(url).get_data(as_text=True)
    figure = html.split('<figure class="chart"')[1].split("</figure>")[0]
    assert 'role="img"' in figure
    assert 'aria-labelledby="besoins-votes-titre besoins-votes-desc"' in figure
    assert ('<desc id="besoins-votes-desc">Navette gare\u00a0: 7 ; '
            'Un garage à vélos\u00a0: 3</desc>') in figure
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', figure)
    assert rows == [("Navette gare", "7"), ("Un garage à vélos", "3")]
    assert "Horaires de car" not in figure  # a guess is never charted
    assert "css/results.css" in html
