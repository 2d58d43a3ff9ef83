"""The dataset cache: keyed on content, never trusted when broken, invalidated by any edit."""

import json
import os

import pytest

from alliances.cache import cache_dir
from alliances.loading import load
from alliances.query import Engine

from .conftest import FIXTURES, period


@pytest.fixture
def data(tmp_path):
    states = tmp_path / "states.yaml"
    states.write_text((FIXTURES / "states.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    mini = tmp_path / "mini.yaml"
    mini.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return [states, mini]


def members(ds, treaty, on):
    return sorted(m.state for m in Engine(ds).members(treaty, period(on)))


def cache_files():
    return sorted(cache_dir().glob("dataset-*.cache"))


def header(path):
    with path.open("rb") as fh:
        return json.loads(fh.readline())


def test_second_load_comes_from_the_cache_with_the_same_answers(data):
    first = load(data, bundled=False, env=False)
    assert len(cache_files()) == 1
    second = load(data, bundled=False, env=False)
    assert type(second.treaties["beta"].members).__name__ == "LazyMembers"
    for treaty, on in [("beta", "2024-07-01"), ("alpha", "1995-03-01"), ("gamma", "1990")]:
        assert members(second, treaty, on) == members(first, treaty, on)
    aaa = Engine(second).members("beta", period("2025"))[0]
    assert (aaa.status, aaa.withdrawal, str(aaa.withdrawal_date)) == ("suspended", "announced",
                                                                     "2024-06-12")


def test_editing_a_data_file_changes_the_next_answer(data):
    assert "BBB" in members(load(data, bundled=False, env=False), "beta", "2006-01-01")
    text = data[1].read_text(encoding="utf-8")
    assert text.count("BBB: {joined: 2000-01-01}") == 1
    data[1].write_text(text.replace("BBB: {joined: 2000-01-01}", "BBB: {joined: 2010-01-01}"),
                       encoding="utf-8")
    assert "BBB" not in members(load(data, bundled=False, env=False), "beta", "2006-01-01")


@pytest.mark.parametrize("garbage", [b"", b"{\"format\": 2", b"\x80\x81 not json",
                                     b"[1, 2, 3]\n", b"{\"format\": 2, \"key\": \"someone else\"}\n"])
def test_corrupt_truncated_or_foreign_cache_is_rebuilt(data, garbage):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    path.write_bytes(garbage)
    ds = load(data, bundled=False, env=False)
    assert members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert header(path)["format"] == 2  # rewritten whole


def test_cache_with_wrong_shapes_is_not_trusted(data):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    doc = header(path)
    doc["treaties"]["beta"][-1] = {"AAA": "not a length"}
    path.write_text(json.dumps(doc) + "\n")
    assert members(load(data, bundled=False, env=False), "beta", "2024-07-01") == ["AAA", "BBB"]


def test_damaged_events_in_the_cache_fall_back_to_the_data_files(data):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    raw = bytearray(path.read_bytes())
    doc = header(path)
    offset, length = doc["treaties"]["beta"][-2:]
    start = raw.index(b"\n") + 1 + offset
    raw[start:start + length] = b"#" * length  # same size, so the file still looks whole
    path.write_bytes(bytes(raw))
    ds = load(data, bundled=False, env=False)
    assert ds.from_cache
    assert members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]  # from the YAML instead
    assert not path.exists()  # and the damaged cache is gone, to be rebuilt
    assert members(load(data, bundled=False, env=False), "gamma", "1990") == ["AAA", "BBB", "EEE"]


def test_unwritable_cache_folder_is_not_an_error(data, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("ALLIANCES_CACHE", str(blocker / "cache"))
    assert members(load(data, bundled=False, env=False), "beta", "2024-07-01") == ["AAA", "BBB"]


def test_cache_can_be_switched_off(data, monkeypatch):
    monkeypatch.setenv("ALLIANCES_NO_CACHE", "1")
    assert cache_dir() is None
    load(data, bundled=False, env=False)
    monkeypatch.delenv("ALLIANCES_NO_CACHE")
    assert cache_files() == []


def test_no_temp_files_left_behind(data):
    load(data, bundled=False, env=False)
    assert [p.name for p in cache_dir().iterdir() if p.name.startswith(".")] == []
    assert all(os.path.getsize(p) > 0 for p in cache_files())
