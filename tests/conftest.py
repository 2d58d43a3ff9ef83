from __future__ import annotations

from pathlib import Path

import pytest

from alliances.dates import parse_period
from alliances.loading import load
from alliances.query import Engine

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
MINI = [FIXTURES / "states.yaml", FIXTURES / "mini.yaml"]


@pytest.fixture(autouse=True)
def _no_user_data(monkeypatch, tmp_path_factory):
    """Tests never see the developer's own ALLIANCES_DATA, nor share the user's cache."""
    monkeypatch.delenv("ALLIANCES_DATA", raising=False)
    monkeypatch.delenv("ALLIANCES_NO_CACHE", raising=False)
    monkeypatch.setenv("ALLIANCES_CACHE", str(tmp_path_factory.mktemp("cache")))


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
