"""Fixtures of the print -> photo -> scan round trips.

The kit is built and rasterised once per session (tests.support.kitcache); each photo is made
and scanned once per session and shared by the tests that judge it. When a test fails, the
photos it used are saved with the scanner's debug overlay under test-artifacts/<test>/.
"""
from __future__ import annotations

import re

import pytest

from printables.layout import LAYOUT_VERSION
from tests.support import kitcache
from tests.support.roundtrip import ARTIFACTS_DIR, RoundTrip, run_roundtrip, save_artifacts
from tests.support.shots import wall_photo

KIT_PACKS = {"packs": 5, "blank_packs": 1, "group_sheets": 2}
# One raster for every photo: finer than any wall photo (2.7-5 px/mm), about the close-ups'
# own scale (7-10 px/mm). A finer raster of the whole kit costs seconds and ~1 GB per session.
CARD_PX_PER_MM = 8.0
WALL_SEED = 11  # a section with four zone columns, besoin cards and the venue's poster
WALL_CARDS = 20


@pytest.fixture(scope="session")
def _trip_cache(tmp_path_factory) -> dict:
    return {"debug": tmp_path_factory.mktemp("scan-debug")}


@pytest.fixture
def printed_kit():
    """Factory: the real kit's cut rasters at ``px_per_mm`` (cached for the session), printed
    with the current layout or ``layout_version`` (an older workshop's kit)."""
    def make(px_per_mm: float = CARD_PX_PER_MM, layout_version: str = LAYOUT_VERSION) -> list:
        return list(kitcache.printed_kit(px_per_mm, **KIT_PACKS, layout_version=layout_version))
    return make


@pytest.fixture
def roundtrip(request, _trip_cache):
    """Factory: ``roundtrip(key, make_photo)`` scans the photo ``make_photo()`` once per session.

    ``key`` names the photo (same key, same photo); the trips a test used are kept on its node
    so that a failure saves them. ``layout_version``: the kit the photo's cards come from.
    """
    used: list[RoundTrip] = []
    request.node.roundtrips = used

    def run(key: str, make_photo, layout_version: str = LAYOUT_VERSION) -> RoundTrip:
        if key not in _trip_cache:
            manifest = kitcache.manifest(**KIT_PACKS, layout_version=layout_version)
            _trip_cache[key] = run_roundtrip(make_photo(), manifest, _trip_cache["debug"])
        used.append(_trip_cache[key])
        return _trip_cache[key]
    return run


@pytest.fixture
def wall(roundtrip, printed_kit):
    """The 2.7 px/mm wall section of test_roundtrip_wall.py, scanned once per session.

    Defined once here: two modules making "the same" photo under one cache key would each get
    whichever photo the first test to run had made.
    """
    def make():
        return wall_photo(printed_kit(), 2.7, "mild", WALL_SEED, max_cards=WALL_CARDS)
    return roundtrip(f"wall-2.7-mild-{WALL_SEED}-{WALL_CARDS}", make)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        folder = ARTIFACTS_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name)
        for trip in getattr(item, "roundtrips", []):
            save_artifacts(trip, folder)
