"""The dataset cache: valid while the files are unchanged, never trusted when broken."""

import hashlib
import json
import os
import stat
import time
from pathlib import Path

import pytest

from alliances import cache
from alliances.cache import FORMAT, cache_dir
from alliances.loading import load
from alliances.model import Pledge
from alliances.query import Engine

from .conftest import FIXTURES, period

FRESH_CACHE = True  # every test starts with an empty cache folder (tests/conftest.py)


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


def split(path):
    """A cache file's header (as JSON) and its events, after the seal line
    `alliances-cache FORMAT HEADER-LENGTH DIGEST`."""
    seal, rest = path.read_bytes().split(b"\n", 1)
    length = int(seal.split()[2])
    return json.loads(rest[:length]), rest[length:]


def header(path):
    return split(path)[0]


def reseal(path, doc, blobs):
    """Write a cache whose header is damaged but sealed as the tool seals one (BLAKE2b, 16 bytes,
    of the header line): damage a checksum cannot see, for the checks behind it."""
    head = json.dumps(doc).encode() + b"\n"
    digest = hashlib.blake2b(head, digest_size=16).hexdigest().encode()
    path.write_bytes(b"alliances-cache %d %d %s\n" % (FORMAT, len(head), digest) + head + blobs)


def flip_bit(path, at):
    raw = bytearray(path.read_bytes())
    raw[at] ^= 1
    path.write_bytes(bytes(raw))


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


@pytest.fixture(params=["racy", "settled"])
def settled(request, monkeypatch):
    """Run a test both as if the files were just written (so they are checked by content) and
    as if they had settled long before the cache was built (so their stat record is trusted)."""
    if request.param == "settled":
        monkeypatch.setattr(cache, "RACY_NS", -10**18)
    return request.param


def test_editing_a_data_file_changes_the_next_answer(data, settled):
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
    assert path.read_bytes().startswith(b"alliances-cache %d " % FORMAT)  # rewritten whole
    assert header(path)["treaties"]["beta"][0] == "Beta Organisation"


def test_cache_with_wrong_shapes_is_not_trusted(data):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    doc, blobs = split(path)
    doc["treaties"]["beta"][-2] = {"AAA": "not a length"}
    reseal(path, doc, blobs)
    ds = load(data, bundled=False, env=False)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]


def test_damaged_events_in_the_cache_fall_back_to_the_data_files(data):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    raw = bytearray(path.read_bytes())
    doc = header(path)
    offset, length = doc["treaties"]["beta"][-3:-1]
    start = len(raw) - doc["blob_bytes"] + offset
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


def test_settled_unchanged_files_are_trusted_without_reading_them(data, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", -10**18)
    load(data, bundled=False, env=False)

    def no_reading(files):
        raise AssertionError("the files were read")

    monkeypatch.setattr(cache, "content_digest", no_reading)
    assert load(data, bundled=False, env=False).from_cache


def test_a_touched_file_is_checked_by_content_and_the_cache_kept(data, settled, monkeypatch):
    load(data, bundled=False, env=False)
    os.utime(data[1], ns=(10**18, 10**18))  # a new modification time, the same bytes
    read = []
    real = cache.content_digest
    monkeypatch.setattr(cache, "content_digest", lambda files: read.append(1) or real(files))
    assert load(data, bundled=False, env=False).from_cache
    assert read == [1]


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(data, settled):
    assert "BBB" in members(load(data, bundled=False, env=False), "beta", "2006-01-01")
    before = os.stat(data[1])
    text = data[1].read_text(encoding="utf-8")
    edited = text.replace("BBB: {joined: 2000-01-01}", "BBB: {joined: 2010-01-01}")
    assert len(edited) == len(text) and edited != text
    data[1].write_text(edited, encoding="utf-8")
    os.utime(data[1], ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    assert "BBB" not in members(load(data, bundled=False, env=False), "beta", "2006-01-01")


def test_one_cache_file_per_set_of_files_however_often_they_change(data):
    for year in ("2001", "2002", "2003"):
        text = data[1].read_text(encoding="utf-8")
        data[1].write_text(text.replace("BBB: {joined: 2000-01-01}", f"BBB: {{joined: {year}-01-01}}")
                           .replace("BBB: {joined: 2001-01-01}", f"BBB: {{joined: {year}-01-01}}")
                           .replace("BBB: {joined: 2002-01-01}", f"BBB: {{joined: {year}-01-01}}"),
                           encoding="utf-8")
        load(data, bundled=False, env=False)
    assert len(cache_files()) == 1
    load(data[:1], bundled=False, env=False)
    assert len(cache_files()) == 2


def test_name_indexes_come_from_the_cache_and_agree_with_built_ones(data, monkeypatch):
    from alliances import names

    built = names.Resolver(load(data, bundled=False, env=False))
    built_indexes = (built._states, built._treaties)
    cached_ds = load(data, bundled=False, env=False)
    assert cached_ds.from_cache

    def no_building(ds):
        raise AssertionError("the index was rebuilt")

    monkeypatch.setattr(names, "state_index", no_building)
    monkeypatch.setattr(names, "treaty_index", no_building)
    cached = names.Resolver(cached_ds)
    assert (cached._states, cached._treaties) == built_indexes
    assert cached.state("ålandia") == "AAA" and cached.treaty("BETA") == "beta"


def test_a_load_that_writes_the_cache_keeps_the_name_indexes_it_wrote(data, monkeypatch):
    from alliances import names

    parsed = load(data, bundled=False, env=False)
    assert not parsed.from_cache and list(parsed.name_index) == header(cache_files()[0])["names"]
    monkeypatch.setattr(names, "treaty_index", lambda ds: 1 / 0)  # not built a second time
    assert names.Resolver(parsed).treaty("BETA") == "beta"


def test_cache_with_a_damaged_name_index_is_rebuilt(data):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    doc, blobs = split(path)
    doc["names"] = [{"aaa": "AAA"}, {}]  # a string where a list belongs
    reseal(path, doc, blobs)
    ds = load(data, bundled=False, env=False)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]


def test_a_touch_is_checked_by_content_once_then_the_new_record_is_trusted(data, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 0)  # files count as settled as soon as they are written
    load(data, bundled=False, env=False)
    os.utime(data[1], ns=(10**18, 10**18))
    read = []
    real = cache.content_digest
    monkeypatch.setattr(cache, "content_digest", lambda files: read.append(1) or real(files))
    first = load(data, bundled=False, env=False)
    assert first.from_cache and read == [1]
    assert members(first, "beta", "2024-07-01") == ["AAA", "BBB"]  # events read after the rewrite
    second = load(data, bundled=False, env=False)
    assert second.from_cache and read == [1]  # the rewritten header's records are trusted
    assert members(second, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert [p.name for p in cache_dir().iterdir() if p.name.startswith(".")] == []


def fields(record) -> dict:
    return {f: getattr(record, f) for f in record._fields if f != "loc"}


def test_states_from_the_cache_equal_the_parsed_ones(data):
    parsed = load(data, bundled=False, env=False)
    cached = load(data, bundled=False, env=False)
    assert type(cached.states).__name__ == "LazyStates"
    assert sorted(cached.states) == sorted(parsed.states)
    for code, state in parsed.states.items():  # field by field; the cache keeps no locations
        assert fields(cached.states[code]) == fields(state)
    assert cached.states.get("nope") is None and "nope" not in cached.states


def test_treaties_from_the_cache_equal_the_parsed_ones(data, tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("treaties:\n  omega: {name: Omega, kind: treaty, obligations: [defence], "
                     "signed: 1960, sources: [https://example.org/o], exclusive_with: [alpha], "
                     "atop_ids: [3095, 3096], cow_ids: [2315], "
                     "pledges: [{by: [DDD], to: [NOR], obligations: [defence]}], "
                     "members: {DDD: {joined: 1960}, NOR: {joined: 1960}}}\n",
                     encoding="utf-8")
    files = [*data, extra]
    parsed = load(files, bundled=False, env=False)
    cached = load(files, bundled=False, env=False)
    assert type(cached.treaties["omega"].members).__name__ == "LazyMembers"
    assert cached.treaties["omega"].exclusive_with == ("alpha",)
    assert cached.treaties["omega"].atop_ids == (3095, 3096)
    assert cached.treaties["omega"].cow_ids == (2315,)
    assert cached.treaties["omega"].pledges == (Pledge(("DDD",), ("NOR",), ("defence",)),)
    skip = {"members", "member_locs"}  # events are compared elsewhere; the cache keeps no locations
    for tid, treaty in parsed.treaties.items():
        assert {k: v for k, v in fields(cached.treaties[tid]).items() if k not in skip} == {
            k: v for k, v in fields(treaty).items() if k not in skip}


def test_a_damaged_state_in_the_cache_falls_back_to_the_data_files(data):
    parsed = load(data, bundled=False, env=False)
    [path] = cache_files()
    doc, blobs = split(path)
    doc["states"]["AAA"][3] = [["not a number", None, None]]  # its COW periods
    reseal(path, doc, blobs)
    ds = load(data, bundled=False, env=False)
    assert ds.from_cache
    assert fields(ds.states["AAA"]) == fields(parsed.states["AAA"])  # from the YAML instead
    assert not path.exists()  # and the damaged cache is gone, to be rebuilt


def test_treaties_are_built_from_the_cache_only_when_asked_for(data):
    parsed = load(data, bundled=False, env=False)
    cached = load(data, bundled=False, env=False)
    assert type(cached.treaties).__name__ == "LazyTreaties"
    assert list(cached.treaties) == list(parsed.treaties) and len(cached.treaties) == len(
        parsed.treaties)
    assert cached.treaties._built == {}  # nothing decoded yet: a query names a few treaties
    assert cached.treaties["beta"].name == parsed.treaties["beta"].name
    assert list(cached.treaties._built) == ["beta"]
    assert cached.treaties["beta"] is cached.treaties["beta"]  # built once
    assert cached.treaties.get("nope") is None and "nope" not in cached.treaties
    # and it can be changed like the dict it stands for
    beta = cached.treaties.pop("beta")
    assert "beta" not in cached.treaties and len(cached.treaties) == len(parsed.treaties) - 1
    cached.treaties["beta"] = beta
    assert list(cached.treaties)[-1] == "beta" and cached.treaties["beta"] is beta


def test_a_damaged_treaty_in_the_cache_falls_back_to_the_data_files(data):
    parsed = load(data, bundled=False, env=False)
    [path] = cache_files()
    doc, blobs = split(path)
    doc["treaties"]["beta"][5] = "not a date"  # its signature
    reseal(path, doc, blobs)
    ds = load(data, bundled=False, env=False)
    assert ds.from_cache
    assert ds.treaties["beta"].signed == parsed.treaties["beta"].signed  # from the YAML instead
    assert members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert not path.exists()  # and the damaged cache is gone, to be rebuilt


def test_writing_a_cache_prunes_stale_ones_and_keeps_the_rest(data):
    folder = cache_dir()
    month_ago = time.time() - 31 * 86400
    stale, recent = folder / "dataset-0000000000000000.cache", folder / "dataset-1111.cache"
    older = folder / "dataset-2222222222222222.cache"  # format 6 and before: a JSON header
    killed, writing = folder / ".dataset-abc.tmp", folder / ".dataset-def.tmp"
    for path in (stale, recent, killed, writing):
        path.write_bytes(b"alliances-cache %d 2 %s\n{}" % (FORMAT, b"0" * 32))
    older.write_bytes(b'{"format":6,"key":"' + b"2" * 32 + b'","built_ns":1}\n')
    for path in (stale, older, killed):
        os.utime(path, (month_ago, month_ago))
    load(data, bundled=False, env=False)
    left = sorted(p.name for p in folder.iterdir())
    assert stale.name not in left and killed.name not in left and older.name not in left
    assert recent.name in left and writing.name in left  # another run may be writing it now
    assert len([n for n in left if n.endswith(".cache")]) == 2  # recent + the new one


def test_pruning_leaves_files_the_tool_did_not_write(data):
    folder = cache_dir()
    month_ago = time.time() - 31 * 86400
    sealed = b"alliances-cache %d 2 %s\n{}" % (FORMAT, b"0" * 32)
    theirs = {"dataset-3333333333333333.cache": b"someone's notes",  # our name, not our bytes
              ".dataset-xyz.tmp": b"",
              "dataset-notes.cache": sealed,  # our bytes, not our name
              "notes.txt": sealed}
    for name, content in theirs.items():
        (folder / name).write_bytes(content)
        os.utime(folder / name, (month_ago, month_ago))
    os.symlink(folder / "notes.txt", folder / "dataset-4444444444444444.cache")
    os.utime(folder / "dataset-4444444444444444.cache", (month_ago, month_ago),
             follow_symlinks=False)
    load(data, bundled=False, env=False)
    left = {p.name for p in folder.iterdir()}
    assert set(theirs) | {"dataset-4444444444444444.cache"} <= left
    assert (folder / "notes.txt").read_bytes() == sealed


def test_a_cache_in_use_is_never_pruned_by_its_own_write(data):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    cache.prune(cache_dir(), keep=path, now=time.time() + 365 * 86400)
    assert path.exists()


def test_date_ranges_survive_the_cache(tmp_path):
    good = FIXTURES.parent / "good" / "date-ranges.yaml"
    files = [tmp_path / "states.yaml", tmp_path / "ranges.yaml"]
    files[0].write_text((FIXTURES / "states.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    files[1].write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    parsed = load(files, bundled=False, env=False)
    cached = load(files, bundled=False, env=False)
    assert type(cached.treaties["t1"].members).__name__ == "LazyMembers"
    dates = {c: [str(e.date) for e in evs] for c, evs in cached.treaties["t1"].members.items()}
    assert dates == {"AAA": ["1952-08-23"], "BBB": ["1958-10-01..2015-03-19"],
                     "CCC": ["1961-07-20.."]}
    assert [e.date for e in cached.treaties["t1"].members["CCC"]] == [
        e.date for e in parsed.treaties["t1"].members["CCC"]]


# -- the cache's own bytes are checked --------------------------------------------------------
def test_a_flipped_bit_in_a_treatys_events_is_caught(data):
    assert "BBB" in members(load(data, bundled=False, env=False), "beta", "2006-01-01")
    [path] = cache_files()
    doc, blobs = split(path)
    offset, length = doc["treaties"]["beta"][-3:-1]
    at = blobs.index(b'"BBB":[["2000-01-01"', offset, offset + length) + len(b'"BBB":[["20')
    flip_bit(path, len(path.read_bytes()) - len(blobs) + at)  # BBB joins in 2010, not 2000
    assert split(path)[1][at - 3:at + 9] == b'"2010-01-01"'
    ds = load(data, bundled=False, env=False)
    assert ds.from_cache  # the header is sound; the events are checked when read
    assert "BBB" in members(ds, "beta", "2006-01-01")  # from the data files instead
    assert not path.exists()  # and the damaged cache is gone, to be rebuilt


@pytest.fixture
def noted(data, tmp_path):
    """The fixture files and a treaty with a note and titled sources."""
    extra = tmp_path / "noted.yaml"
    extra.write_text("treaties:\n  noted: {name: Noted Pact, kind: treaty, obligations: [defence], "
                     "signed: 1960, note: 'Signed in Paris; in force on deposit.', sources: ["
                     "{url: 'https://example.org/n1', title: 'The text'}, https://example.org/n2], "
                     "members: {AAA: {joined: 1960}, BBB: {joined: 1960}}}\n", encoding="utf-8")
    return [*data, extra]


def test_a_treatys_note_and_sources_are_read_from_the_cache_only_when_asked_for(noted):
    parsed = load(noted, bundled=False, env=False)
    [path] = cache_files()
    assert b"Signed in Paris" not in split(path)[0] and b"example.org/n1" not in split(path)[0]
    cached = load(noted, bundled=False, env=False)
    treaty = cached.treaties["noted"]
    assert type(treaty).__name__ == "_CachedTreaty"  # built, but its note not read yet
    assert members(cached, "noted", "1970") == ["AAA", "BBB"]
    assert type(treaty).__name__ == "_CachedTreaty"  # a query of its members does not read it
    assert treaty.sources == parsed.treaties["noted"].sources
    assert type(treaty) is type(parsed.treaties["noted"])  # read: now a plain Treaty
    assert treaty.note == "Signed in Paris; in force on deposit."
    assert [(s.url, s.title) for s in treaty.sources] == [("https://example.org/n1", "The text"),
                                                          ("https://example.org/n2", None)]
    # copied or changed before its note is read, it has the parsed treaty's note and sources
    import copy

    copied = copy.copy(load(noted, bundled=False, env=False).treaties["noted"])
    assert copied.note == parsed.treaties["noted"].note
    assert copied.sources == parsed.treaties["noted"].sources
    changed = load(noted, bundled=False, env=False).treaties["noted"]
    changed.note = "Changed."
    assert changed.note == "Changed." and changed.sources == parsed.treaties["noted"].sources


def test_a_cached_treaty_equals_the_parsed_one_before_its_note_is_read(noted):
    parsed = load(noted, bundled=False, env=False).treaties["noted"]
    for flip in (False, True):
        cached = load(noted, bundled=False, env=False).treaties["noted"]
        cached.members, parsed.members = {}, {}  # events are compared elsewhere
        parsed.loc = parsed.member_locs = None
        cached.loc = cached.member_locs = None
        assert type(cached).__name__ == "_CachedTreaty"
        assert (parsed == cached) if flip else (cached == parsed)
        assert type(cached) is type(parsed)


@pytest.mark.parametrize("damage", ["flip", "wrong shape"])
def test_a_damaged_note_in_the_cache_falls_back_to_the_data_files(noted, damage):
    parsed = load(noted, bundled=False, env=False).treaties["noted"]
    [path] = cache_files()
    doc, blobs = split(path)
    offset, length = doc["treaties"]["noted"][-6:-4]
    if damage == "flip":  # the digest catches it
        at = blobs.index(b"Paris", offset, offset + length)
        flip_bit(path, len(path.read_bytes()) - len(blobs) + at)
        assert b"Qaris" in path.read_bytes()
    else:  # sealed as the tool seals, but not a note and sources
        blob = b'[["not", "a note"], 7]'
        doc["treaties"]["noted"][-6:-4] = [len(blobs), len(blob)]
        doc["treaties"]["noted"][-4] = hashlib.blake2b(blob, digest_size=16).hexdigest()
        doc["blob_bytes"] += len(blob)
        reseal(path, doc, blobs + blob)
    ds = load(noted, bundled=False, env=False)
    assert ds.from_cache
    treaty = ds.treaties["noted"]
    assert members(ds, "noted", "1970") == ["AAA", "BBB"]  # its events are sound
    assert (treaty.note, treaty.sources) == (parsed.note, parsed.sources)  # from the YAML instead
    assert not path.exists()  # and the damaged cache is gone, to be rebuilt


def test_a_flipped_bit_in_the_header_is_caught(data):
    assert members(load(data, bundled=False, env=False), "alpha", "2000-06-01") == []
    [path] = cache_files()
    raw = path.read_bytes()
    alpha = raw.index(b'"alpha":["Alpha Defence Treaty"')
    at = raw.index(b'"2000-01-01"', alpha) + len(b'"200')  # its end: 2000-01-01 becomes 2001
    flip_bit(path, at)
    assert header(path)["treaties"]["alpha"][7] == "2001-01-01"
    notes = []
    ds = load(data, bundled=False, env=False, notes=notes)
    assert not ds.from_cache and members(ds, "alpha", "2000-06-01") == []
    assert any("checksum" in note for note in notes), notes
    assert header(path)["treaties"]["alpha"][7] == "2000-01-01"  # rebuilt


def test_a_cache_replaced_after_loading_is_not_mixed_into_the_loaded_dataset(data, monkeypatch):
    from alliances import loading

    load(data, bundled=False, env=False)
    ds = load(data, bundled=False, env=False)

    def no_parsing(*args):
        raise AssertionError("the events were not read from the cache")

    monkeypatch.setattr(loading, "_check_files", no_parsing)
    [path] = cache_files()
    replaced = path.read_bytes().replace(b'"2000-01-01","joined"', b'"2010-01-01","joined"')
    other = path.with_name("other")
    other.write_bytes(replaced)
    other.replace(path)  # as another run writes: a new file renamed over the name
    assert members(ds, "beta", "2006-01-01") == ["AAA", "BBB", "DDD"]
    assert path.read_bytes() == replaced  # read from the file opened at load, so no damage seen


def test_a_copy_of_a_cached_dataset_shares_its_file(data):
    import copy
    import gc

    load(data, bundled=False, env=False)
    ds = load(data, bundled=False, env=False)
    other = copy.deepcopy(ds)
    del other
    gc.collect()  # a copy that closed the file when dropped would leave `ds` unable to read
    assert members(ds, "beta", "2024-07-01") == ["AAA", "BBB"] and cache_files()


# -- only the user's own folder and regular files ---------------------------------------------
def test_a_cache_folder_writable_by_others_is_not_used(data):
    load(data, bundled=False, env=False)
    folder = cache_dir()
    os.chmod(folder, 0o777)
    notes = []
    ds = load(data, bundled=False, env=False, notes=notes)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert notes == [f"cache not used: the folder {folder} is writable by group or others "
                     "(chmod go-w it to use it)"]
    os.chmod(folder, 0o700)
    assert load(data, bundled=False, env=False).from_cache


def test_a_cache_folder_of_another_user_is_not_used(data, monkeypatch):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    written = path.read_bytes()
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    notes = []
    ds = load(data, bundled=False, env=False, notes=notes)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert notes == [f"cache not used: the folder {cache_dir()} belongs to another user "
                     f"(uid {uid})"]
    assert path.read_bytes() == written  # and nothing was written there either


def test_a_cache_file_of_another_user_is_not_used(data, monkeypatch):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    planted = os.stat(path).st_ino
    real = os.fstat

    def fstat(fd):  # as if another user had planted the file (only root could chown it)
        st = real(fd)
        if st.st_ino != planted:
            return st
        return os.stat_result((*st[:4], st.st_uid + 1, *st[5:]))

    monkeypatch.setattr(os, "fstat", fstat)
    notes = []
    ds = load(data, bundled=False, env=False, notes=notes)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert notes == [f"cache not used: the file {path} belongs to another user "
                     f"(uid {os.getuid() + 1})"]
    assert os.stat(path).st_ino != planted  # replaced by the user's own


def test_a_fifo_at_the_cache_path_is_not_read(data):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    path.unlink()
    os.mkfifo(path)  # opening it for reading would wait for a writer for ever
    notes = []
    ds = load(data, bundled=False, env=False, notes=notes)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert notes == [f"cache not used: the file {path} is not a regular file"]
    assert stat.S_ISREG(os.lstat(path).st_mode)  # replaced by a cache


@pytest.mark.parametrize("target", ["/dev/zero", "own-cache"])
def test_a_symbolic_link_at_the_cache_path_is_not_followed(data, tmp_path, target):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    if target == "own-cache":  # even to a sound cache: the tool never writes a link
        target = tmp_path / "elsewhere.cache"
        path.rename(target)
    else:
        path.unlink()
    os.symlink(target, path)
    notes = []
    ds = load(data, bundled=False, env=False, notes=notes)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert notes == [f"cache not used: the file {path} is a symbolic link"]
    assert stat.S_ISREG(os.lstat(path).st_mode)  # the link replaced, not written through


def test_a_cache_file_larger_than_the_cap_is_not_read(data, monkeypatch):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    monkeypatch.setattr(cache, "MAX_BYTES", os.path.getsize(path) - 1)
    notes = []
    ds = load(data, bundled=False, env=False, notes=notes)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert notes[0] == (f"cache not used: the file {path} is larger than "
                        f"{os.path.getsize(path) - 1} bytes")


# -- no cache without a safe folder -----------------------------------------------------------
@pytest.mark.parametrize("env, expected", [
    ({"XDG_CACHE_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/alliances"),
    ({"XDG_CACHE_HOME": "xdg", "HOME": "/home/u"}, "/home/u/.cache/alliances"),  # relative: ignored
    ({"HOME": "/home/u"}, "/home/u/.cache/alliances"),
    ({}, None),  # HOME unset
    ({"HOME": ""}, None),
    ({"HOME": "home/u"}, None),
    ({"XDG_CACHE_HOME": "xdg", "HOME": "home/u"}, None),
    ({"ALLIANCES_CACHE": "/mine", "HOME": "home/u"}, "/mine"),
    ({"ALLIANCES_CACHE": "mine", "HOME": "/home/u"}, None),  # a relative path is not guessed at
])
def test_the_cache_folder_is_absolute_or_there_is_none(monkeypatch, env, expected):
    for name in ("ALLIANCES_CACHE", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_dir() == (None if expected is None else Path(expected))


def test_without_a_home_nothing_is_written_anywhere(data, monkeypatch, tmp_path):
    for name in ("ALLIANCES_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "home")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    notes = []
    assert members(load(data, bundled=False, env=False, notes=notes), "beta", "2024-07-01") == [
        "AAA", "BBB"]
    assert list(work.iterdir()) == []
    assert notes == ["cache not used: HOME is unset or not an absolute path and XDG_CACHE_HOME "
                     "is not set to one; set ALLIANCES_CACHE to an absolute folder to use a cache"]


def test_verbose_cli_says_why_the_cache_was_not_used(data):
    from typer.testing import CliRunner

    from alliances.cli import app

    folder = cache_dir()
    folder.chmod(0o775)
    args = ["--no-bundled", *[a for f in data for a in ("--data", str(f))], "members", "beta",
            "--on", "2024-07-01", "-f", "json"]
    verbose = CliRunner().invoke(app, ["-v", *args])
    assert verbose.exit_code == 0
    assert (f"cache not used: the folder {folder} is writable by group or others (chmod go-w it "
            "to use it)\n") in verbose.stderr
    assert "(parsed and validated)" in verbose.stderr
    quiet = CliRunner().invoke(app, args)
    assert quiet.exit_code == 0 and "cache" not in quiet.stderr


@pytest.mark.parametrize("cut", ["in the header", "in the events", "padded"])
def test_a_truncated_or_padded_cache_is_removed_and_rebuilt(data, cut):
    load(data, bundled=False, env=False)
    [path] = cache_files()
    raw = path.read_bytes()
    damaged = {"in the header": raw[:raw.index(b'"treaties"')], "in the events": raw[:-1],
               "padded": raw + b" "}[cut]
    path.write_bytes(damaged)
    notes = []
    ds = load(data, bundled=False, env=False, notes=notes)
    assert not ds.from_cache and members(ds, "beta", "2024-07-01") == ["AAA", "BBB"]
    assert len(notes) == 1 and "removed and rebuilt" in notes[0], notes
    assert load(data, bundled=False, env=False).from_cache  # rebuilt whole
