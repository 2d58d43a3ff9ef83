from __future__ import annotations

from pathlib import Path

import pytest

from alliances.dates import parse_period
from alliances.loading import load
from alliances.query import Engine

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
MINI = [FIXTURES / "states.yaml", FIXTURES / "mini.yaml"]


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _no_user_data(request, monkeypatch, tmp_path_factory, _session_cache):
    """Tests never see the developer's own ALLIANCES_DATA, nor share the user's cache.

    They share one cache of the session's own, so that the bundled data is parsed once, not once
    per command a test runs; a module that tests the cache itself (FRESH_CACHE = True) gets a new
    folder for every test.
    """
    monkeypatch.delenv("ALLIANCES_DATA", raising=False)
    monkeypatch.delenv("ALLIANCES_NO_CACHE", raising=False)
    fresh = getattr(request.module, "FRESH_CACHE", False)
    folder = tmp_path_factory.mktemp("cache") if fresh else _session_cache
    monkeypatch.setenv("ALLIANCES_CACHE", str(folder))


@pytest.fixture(scope="session")
def mini():
    return load(MINI, bundled=False, env=False)


@pytest.fixture
def engine(mini):
    # A new engine per test: derived timelines are cached inside it, and a shared one would hide
    # from mutation testing which test exercised which code.
    return Engine(mini)


def period(text: str):
    return parse_period(text)[0]
