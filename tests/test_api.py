"""The Python API on the fixture, and how data files are found (folders, ALLIANCES_DATA)."""

import pytest

import alliances
from alliances.errors import DataError, UnknownName, UsageError
from alliances.loading import ENV_VAR, check, data_files, load

from .conftest import FIXTURES, MINI


@pytest.fixture(scope="module")
def api():
    return alliances.load(MINI, bundled=False, env=False)


def test_api_answers_in_plain_dicts(api):
    assert api.treaty("Alpha Pact") == "alpha" and api.state("Ålandia") == "AAA"
    assert api.state("300", on="1980") == "OLD"
    assert [r["state2"] for r in api.allies("EEE", on="1990-01-01")] == ["AAA", "BBB"]
    assert [r["event"] for r in api.history("beta", start="2010", end="2011")] == [
        "withdrawal_notified", "left"]
    assert {r["treaty"] for r in api.treaties()} == {"alpha", "beta", "gamma", "delta"}
    assert "4 treaties" in repr(api)


# Counted by hand from the fixture: all spells of all treaties (intervals); beta's events, members,
# state-years and pairs in 2010-2011 (DDD leaves on 2011-01-01).
@pytest.mark.parametrize("kind, expected", [
    ("intervals", 15), ("events", 2), ("snapshot", 3), ("state-year", 5), ("dyad-year", 4)])
def test_api_export_kinds(api, kind, expected):
    on = {"on": "2010-06-01"} if kind == "snapshot" else {}
    rows = list(api.export(kind, treaties=["beta"], start="2010", end="2011", **on)) \
        if kind != "intervals" else list(api.export(kind))
    assert len(rows) == expected


def test_api_errors_are_the_library_exceptions(api):
    with pytest.raises(UsageError):
        api.allies("AAA", "BBB", obligations=["friendship"])
    assert api.allies("AAA", "BBB", on="2020", obligations=["Defense"])["via"] == ["beta", "gamma"]
    with pytest.raises(UsageError):
        list(api.export("cubes"))
    with pytest.raises(UsageError):
        api.members("alpha", on="1999-02-30")
    with pytest.raises(UnknownName):
        api.members("zeta")


def test_data_folder_env_var_and_missing_paths(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mini.yaml").write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    (folder / "notes.txt").write_text("not data")
    monkeypatch.setenv(ENV_VAR, str(FIXTURES / "states.yaml"))
    ds = load([folder], bundled=False, env=True)
    assert set(ds.treaties) == {"alpha", "beta", "gamma", "delta"} and "AAA" in ds.states
    files, problems = data_files([tmp_path / "absent.yaml", tmp_path], bundled=False, env=False)
    assert [p.what for p in problems] == ["no such file or folder",
                                          "folder holds no .yaml or .yml files"]
    with pytest.raises(DataError) as err:
        load([tmp_path / "absent.yaml"], bundled=False, env=False)
    assert "no such file or folder" in str(err.value)


def test_the_same_treaty_in_two_files_names_both_places(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _, problems = check([*MINI, copy], bundled=False, env=False)
    dup = [p for p in problems if "defined twice" in p.what]
    assert len(dup) == 4
    assert str(dup[0]).startswith(f"{copy}:4:3: treaty id 'alpha' is defined twice (first at ")
    assert "mini.yaml:4:3)" in dup[0].what


def test_no_files_at_all_is_a_problem():
    _, problems = check([], bundled=False, env=False)
    assert [p.what for p in problems] == ["no data files to load"]


def test_one_path_means_that_path_not_its_letters(tmp_path, monkeypatch):
    # The fixture sits in the folder above the working folder, which holds no data at all.
    for f in MINI:
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    # The fixture has 4 treaties (alpha, beta, gamma, delta) and 8 states.
    for folder in ("..", tmp_path.parent / tmp_path.name):  # a str and a Path
        data = alliances.load(folder, bundled=False, env=False)
        assert set(data.dataset.treaties) == {"alpha", "beta", "gamma", "delta"}
    only_states = alliances.load("../states.yaml", bundled=False, env=False).dataset
    assert not only_states.treaties and len(only_states.states) == 8
    with pytest.raises(DataError, match=r"^\.: folder holds no \.yaml"):
        alliances.load(".", bundled=False, env=False)  # the working folder: nothing to load
    assert len(check("..", bundled=False, env=False)[0].treaties) == 4


def test_a_reader_added_to_the_loader_table_is_used_for_its_files(tmp_path, monkeypatch):
    # The loader's seam: one entry per input format. A stand-in format (JSON, which the YAML
    # reader also reads) shows that a folder picks up the new suffix and the file is read by it.
    from alliances import loading

    read = []

    def json_reader(path, display):
        read.append(path.name)
        return loading._read_yaml(path, display)

    monkeypatch.setitem(loading.READERS, ".json", json_reader)
    (tmp_path / "extra.json").write_text(
        '{"treaties": {"omega": {"name": "Omega", "kind": "treaty", "obligations": ["defence"], '
        '"signed": "1960", "sources": ["https://example.org/o"], '
        '"members": {"AAA": {"joined": "1960"}, "BBB": {"joined": "1960"}}}}}', encoding="utf-8")
    data = alliances.load([FIXTURES / "states.yaml", tmp_path], bundled=False, env=False)
    assert read == ["extra.json"]
    assert data.allies("AAA", "BBB", on="1970")["via"] == ["omega"]
