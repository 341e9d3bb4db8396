"""build_kit reports its progress as it draws, for the page's bar; printables knows no Flask."""
from __future__ import annotations

from printables.demo import demo_request
from printables.kit import build_kit, items_to_draw


def test_build_kit_progress_increases_to_total():
    request = demo_request("MOB26", 2, 1)
    calls = []
    output = build_kit(request, lambda done, total: calls.append((done, total)))
    items = len(request.cards) + len(request.posters) + len(request.group_sheets)
    assert {total for _, total in calls} == {2 * items} == {items_to_draw(request)}
    assert [done for done, _ in calls] == list(range(1, 2 * items + 1))
    assert len(output.manifest["items"]) == items


def test_build_kit_without_progress_gives_same_kit():
    request = demo_request("MOB26", 1, 0)
    assert build_kit(request).manifest == build_kit(request, lambda done, total: None).manifest
