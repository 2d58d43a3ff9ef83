"""Issue 17: exports a peacesciencer user can merge without traps. Each test names the trap it
guards against; expected values come from the state-system lists, the fixture or the history
(NATO, the Arab League, the Soviet-North Korean treaty of 1961), not from the tool's output."""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import sys
from collections import Counter
from datetime import date

import pytest
from typer.testing import CliRunner

from alliances.cli import app
from alliances.statesystems import FOLDER, gw_code, load_system

from .conftest import FIXTURES

runner = CliRunner()
MINI = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]


def _rows(args: list[str]) -> list[dict[str, str]]:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _cow_system_dyads(first: int, last: int) -> set[tuple[int, int, int]]:
    """Every non-directed dyad-year of the COW system, read straight from states2016 (the
    list's last day, 2016-12-31, meaning still in the system)."""
    spells = []
    with (FOLDER / "cow-states-2016.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            end = date.fromisoformat(r["end"])
            spells.append((int(r["ccode"]), date.fromisoformat(r["start"]),
                           date.max if end == date(2016, 12, 31) else end))
    out = set()
    for y in range(first, last + 1):
        codes = sorted({c for c, s, e in spells if s <= date(y, 12, 31) and e >= date(y, 1, 1)})
        out.update((y, a, b) for a, b in itertools.combinations(codes, 2))
    return out


@pytest.fixture(scope="module")
def cow_panel() -> list[dict[str, str]]:
    """The bundled data's COW dyad-year panel around the traps: 2027 (after the as-of year, outside
    coverage; the data covers from 1815, before the COW system begins), 1990
    (Germany, Yemen), 1991 (the Soviet Union and Russia)."""
    return _rows(["export", "dyad-year", "--panel", "cow", "--from", "2026", "--to", "2027"]) + \
        _rows(["export", "dyad-year", "--panel", "cow", "--from", "1990", "--to", "1991"])


# -- booleans -------------------------------------------------------------------------------------
def test_booleans_are_numbers_by_default_and_words_on_request():
    """base R's read.csv reads true/false as text; 1/0 are numbers."""
    numbers = _rows([*MINI, "export", "dyad-year", "--from", "1991", "--to", "1991"])
    words = _rows([*MINI, "export", "dyad-year", "--from", "1991", "--to", "1991",
                   "--booleans", "words"])
    flags = ["allied", "defense", "offense", "neutral", "nonagg", "consul", "certain"]
    assert {r[c] for r in numbers for c in flags} == {"0", "1"}
    assert {r[c] for r in words for c in flags} == {"false", "true"}


# -- the panel ------------------------------------------------------------------------------------
def test_the_panel_holds_every_cow_dyad_once(cow_panel):
    """Non-allied dyads were absent (a left join coded them 'not allied'); and (365, 731, 1991)
    was written twice, as SUN-PRK and RUS-PRK."""
    keys = [(int(r["year"]), int(r["ccode1"]), int(r["ccode2"])) for r in cow_panel]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    expected = _cow_system_dyads(2026, 2027) | _cow_system_dyads(1990, 1991)
    assert set(keys) == expected


def test_years_outside_coverage_are_empty_not_zero(cow_panel):
    link_columns = ["allied", "treaties", "defense", "certain", "status1"]
    after = [r for r in cow_panel if r["year"] == "2027"]
    assert after and {r[c] for r in after for c in link_columns} == {""}
    covered = [r for r in cow_panel if r["year"] == "2026"]
    assert {r["allied"] for r in covered} == {"0", "1"}


def test_a_year_without_a_state_system_writes_no_row():
    """1815 has no COW system: it was written as a bare '1815,' line that CSV readers choke on."""
    result = runner.invoke(app, ["export", "dyad-year", "--panel", "cow", "--from", "1815",
                                 "--to", "1816"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert {len(r) for r in rows} == {len(rows[0])}
    assert {r[0] for r in rows[1:]} == {"1816"}


def test_a_code_change_year_holds_both_codes(cow_panel):
    """Germany was COW 260 until 1990-10-02 and 255 from 1990-10-03, in NATO throughout; the
    Yemen Arab Republic (678) and South Yemen (680) became Yemen (679) on 1990-05-22, all in the
    Arab League with Egypt (readmitted 1989)."""
    allied = {(r["year"], r["ccode1"], r["ccode2"]): r for r in cow_panel if r["allied"] == "1"}
    assert "nato" in allied[("1990", "2", "260")]["treaties"].split()
    assert "nato" in allied[("1990", "2", "255")]["treaties"].split()
    for yemen in ("678", "679", "680"):
        assert "arab-league-pact" in allied[("1990", "651", yemen)]["treaties"].split()
    assert ("1991", "2", "260") not in allied and ("1991", "2", "255") in allied


def test_two_states_with_one_code_make_one_row(cow_panel):
    """The Soviet Union and Russia are both COW 365 in 1991: one row, naming both."""
    rows = [r for r in cow_panel if (r["year"], r["ccode1"], r["ccode2"]) == ("1991", "365", "731")]
    assert len(rows) == 1
    assert rows[0]["state1"] == "RUS SUN" and "ussr-dprk-1961" in rows[0]["treaties"].split()


def test_gw_panel_keys_are_unique_and_gw_codes():
    rows = _rows(["export", "dyad-year", "--panel", "gw", "--from", "1990", "--to", "1990"])
    keys = [(r["gwcode1"], r["gwcode2"]) for r in rows]
    assert len(keys) == len(set(keys))
    gw = load_system("gw")
    n = len(gw.codes(1990))
    assert len(rows) == n * (n - 1) // 2
    # unified Yemen is GW 678 (GW continues the Yemen Arab Republic): one row with Egypt
    egypt_yemen = [r for r in rows if (r["gwcode1"], r["gwcode2"]) == ("651", "678")]
    assert len(egypt_yemen) == 1 and egypt_yemen[0]["allied"] == "1"
    # the allied rows alone (--system gw): Yemen's two COW codes of 1990 are one GW key too
    allied = _rows(["export", "dyad-year", "--system", "gw", "--from", "1990", "--to", "1990"])
    keys = [(r["gwcode1"], r["gwcode2"]) for r in allied]
    assert len(keys) == len(set(keys)) and ("651", "678") in keys


def test_state_year_panel_has_one_row_per_system_state():
    rows = _rows(["export", "state-year", "--panel", "cow", "--from", "1816", "--to", "1816"]) + \
        _rows(["export", "state-year", "--panel", "cow", "--from", "1945", "--to", "1945"]) + \
        _rows(["export", "state-year", "--panel", "cow", "--from", "2027", "--to", "2027"])
    system = load_system("cow")
    assert Counter(r["year"] for r in rows) == {"1816": len(system.codes(1816)),
                                                 "1945": len(system.codes(1945)),
                                                 "2027": len(system.codes(2027))}
    assert {r["allied"] for r in rows if r["year"] == "2027"} == {""}  # after the as-of year
    # the German Confederation: Bavaria (245) allied in 1816, a covered year
    assert {r["ccode"]: r["allied"] for r in rows if r["year"] == "1816"}["245"] == "1"
    by_code = {r["ccode"]: r for r in rows if r["year"] == "1945"}
    assert by_code["2"]["allied"] == "1"  # the Act of Chapultepec, the UN... the US is allied
    assert {r["allied"] for r in rows if r["year"] == "1945"} == {"0", "1"}


# -- states without a code, states outside the system --------------------------------------------
def test_a_state_without_a_cow_code_is_in_iso_exports_only():
    """Palestine (an Arab League member, no COW code) had NULL ccodes in the dyad-year."""
    dyads = _rows(["export", "dyad-year", "--from", "2000", "--to", "2000"])
    assert all(r["ccode1"] and r["ccode2"] for r in dyads)
    assert not [r for r in dyads if "PSE" in (r["state1"], r["state2"])]
    states = _rows(["export", "state-year", "-s", "PSE", "--from", "2000", "--to", "2000"])
    assert {r["treaty"] for r in states} >= {"arab-league-pact"} and {r["cow"] for r in states} == {""}


def test_a_key_that_stood_for_two_codes_of_the_other_system_holds_the_year_end_one():
    """One key, two codes of the other system in a year, read from the bundled lists: GW 678
    (Yemen, one state 1918-2017 in GW) was COW 678 to 1990-05-21 and COW 679 from 1990-05-22;
    GW 260 (GW's Germany from 1949) was COW 260 to 1990-10-02 and COW 255 from 1990-10-03; COW
    345 (Yugoslavia to 2016 in COW) was GW 345 to 2006-06-04 and GW 340 from 2006-06-05. The
    row keeps one code, the one held at the end of the year, never an empty cell; in the other
    years the one code."""
    gw_states = _rows(["export", "state-year", "--panel", "gw", "--from", "1989", "--to", "1990"])
    codes = {(r["year"], r["gwcode"]): r["ccode"] for r in gw_states}
    assert codes[("1989", "678")] == "678" and codes[("1990", "678")] == "679"
    assert codes[("1989", "260")] == "260" and codes[("1990", "260")] == "255"
    gw_dyads = _rows(["export", "dyad-year", "--panel", "gw", "--from", "1990", "--to", "1990"])
    for gw, cow in (("678", "679"), ("260", "255")):
        found = {r["ccode1"] for r in gw_dyads if r["gwcode1"] == gw} | \
            {r["ccode2"] for r in gw_dyads if r["gwcode2"] == gw}
        assert found == {cow}, gw
    cow_states = _rows(["export", "state-year", "--panel", "cow", "--from", "2006", "--to", "2006"])
    assert [r["gwcode"] for r in cow_states if r["ccode"] == "345"] == ["340"]
    cow_dyads = _rows(["export", "dyad-year", "--panel", "cow", "--from", "2006", "--to", "2006"])
    found = {r["gwcode1"] for r in cow_dyads if r["ccode1"] == "345"} | \
        {r["gwcode2"] for r in cow_dyads if r["ccode2"] == "345"}
    assert found == {"340"}
    # allied and not allied rows alike
    assert {r["allied"] for r in cow_dyads if "345" in (r["ccode1"], r["ccode2"])} == {"0", "1"}


def test_the_system_filter_leaves_out_syria_inside_the_uar():
    """Syria left the COW system on 1958-02-01 (the United Arab Republic) and came back on
    1961-09-29: no Syrian rows for 1959 and 1960 with --system cow."""
    args = ["export", "state-year", "-s", "SYR", "-t", "arab-league-pact", "--from", "1957",
            "--to", "1962"]
    assert [r["year"] for r in _rows(args)] == ["1957", "1958", "1959", "1960", "1961", "1962"]
    assert [r["year"] for r in _rows([*args, "--system", "cow"])] == ["1957", "1958", "1961", "1962"]
    dyads = _rows(["export", "dyad-year", "-s", "SYR", "--from", "1959", "--to", "1960",
                   "--system", "cow"])
    assert dyads == []


def test_gw_codes_follow_the_gw_list():
    """GW numbers unified Germany 260, unified Yemen 678, Serbia after 2006 340; COW's
    microstates (Liechtenstein, 223) are not in GW's list of independent states."""
    assert gw_code(255, date(1991, 1, 1)) == 260 and gw_code(255, date(1930, 1, 1)) == 255
    assert gw_code(679, date(1991, 1, 1)) == 678
    assert gw_code(345, date(2007, 1, 1)) == 340 and gw_code(345, date(2000, 1, 1)) == 345
    assert gw_code(223, date(2000, 1, 1)) is None and gw_code(None, date(2000, 1, 1)) is None
    rows = _rows(["export", "dyad-year", "-s", "DEU", "-s", "USA", "--from", "1991", "--to", "1991"])
    usa_deu = [r for r in rows if {r["state1"], r["state2"]} == {"USA", "DEU"}]
    assert [(r["ccode2"], r["gwcode2"]) for r in usa_deu] == [("255", "260")]


# -- suspended and uncertain memberships ----------------------------------------------------------
def test_each_side_status_and_the_suspended_option():
    """AAA is suspended from beta from 2024-02 (the fixture); BBB stays a member."""
    def aaa_bbb(extra: list[str]) -> list[dict[str, str]]:
        return [r for r in _rows([*MINI, "export", "dyad-year", "--from", "2023", "--to", "2025",
                                  *extra]) if (r["state1"], r["state2"]) == ("AAA", "BBB")]

    # AAA and BBB are also in gamma (since 1952), as members: one status per treaty listed
    counted = {r["year"]: (r["treaties"], r["status1"], r["status2"]) for r in aaa_bbb([])}
    assert counted == {"2023": ("beta gamma", "member member", "member member"),
                       "2024": ("beta gamma", "member+suspended member", "member member"),
                       "2025": ("beta gamma", "suspended member", "member member")}
    excluded = {r["year"]: (r["treaties"], r["status1"], r["status2"])
                for r in aaa_bbb(["--suspended", "exclude"])}
    assert excluded == {"2023": ("beta gamma", "member member", "member member"),
                        "2024": ("beta gamma", "member member", "member member"),
                        "2025": ("gamma", "member", "member")}


def test_suspended_and_uncertain_apply_to_allies_too():
    import alliances
    from alliances.loading import load

    api = alliances.Alliances(load([FIXTURES / "states.yaml", FIXTURES / "mini.yaml"],
                                   bundled=False, env=False))
    # AAA is suspended from beta in 2025, a member of gamma with BBB
    assert api.allies("AAA", "BBB", on="2025-01-01")["via"] == ["beta", "gamma"]
    assert api.allies("AAA", "BBB", on="2025-01-01", suspended="exclude")["via"] == ["gamma"]
    # CCC left alpha in 1995, day unknown: on 1995-06-01 it may or may not have been a member
    assert api.allies("AAA", "CCC", on="1995-06-01")["allied"] == "uncertain"
    assert api.allies("AAA", "CCC", on="1995-06-01", uncertain="as-member")["allied"] is True
    assert api.allies("AAA", "CCC", on="1995-06-01", uncertain="as-nonmember")["allied"] is False


@pytest.mark.parametrize("mode, expected", [("keep", {"1994": "1", "1995": "0"}),
                                            ("as-member", {"1994": "1", "1995": "1"}),
                                            ("as-nonmember", {"1994": "1"})])
def test_uncertain_memberships_in_state_year_and_dyad_year(mode, expected):
    """CCC left alpha in 1995 (year only): 1995 is uncertain."""
    states = _rows([*MINI, "export", "state-year", "-s", "CCC", "--from", "1994", "--to", "1995",
                    "--uncertain", mode])
    assert {r["year"]: r["certain"] for r in states} == expected
    dyads = _rows([*MINI, "export", "dyad-year", "-s", "CCC", "--from", "1994", "--to", "1995",
                   "--uncertain", mode])
    assert {r["year"]: r["certain"] for r in dyads if r["state1"] == "AAA"} == expected


@pytest.mark.parametrize("mode, allied, coverage, certain", [
    ("keep", "uncertain", "uncertain", "0"),
    ("as-member", "1", "part or all", "1"),
    ("as-nonmember", None, None, None),
])
def test_one_uncertain_rule_for_allies_state_year_and_dyad_year(mode, allied, coverage, certain):
    """CCC left alpha in 1995, the day unknown: in 1995 it may or may not have been a member.
    as-member counts it as the allies answer does (held on some days: coverage "part or all",
    certain), in all three; as-nonmember leaves it out of all three."""
    args = ["--uncertain", mode]
    pair = _rows([*MINI, "allies", "AAA", "CCC", "--on", "1995", "--format", "csv", *args])
    assert [(r["allied"], r["coverage"]) for r in pair] == ([(allied, coverage)] if allied else [])
    states = _rows([*MINI, "export", "state-year", "-s", "CCC", "--from", "1995", "--to", "1995",
                    *args])
    assert [(r["coverage"], r["certain"]) for r in states] == (
        [(coverage, certain)] if coverage else [])
    dyads = _rows([*MINI, "export", "dyad-year", "-s", "CCC", "--from", "1995", "--to", "1995",
                   *args])
    assert [r["certain"] for r in dyads if r["state1"] == "AAA"] == ([certain] if certain else [])


def test_rows_carry_the_atop_and_cow_ids():
    rows = _rows([*MINI, "export", "dyad-year", "--from", "1991", "--to", "1991"])
    aaa_bbb = [r for r in rows if (r["state1"], r["state2"]) == ("AAA", "BBB")]
    assert [(r["treaties"], r["atop_ids"], r["cow_ids"]) for r in aaa_bbb] == [
        ("alpha gamma", "9001 9002", "9101")]


# -- files ------------------------------------------------------------------------------------------
def test_gzip_by_suffix_round_trips(tmp_path):
    """`-o dyads.csv.gz` wrote plain CSV."""
    args = [*MINI, "export", "dyad-year", "--from", "1985", "--to", "1991"]
    plain = runner.invoke(app, args).stdout
    target = tmp_path / "dyads.csv.gz"
    assert runner.invoke(app, [*args, "-o", str(target)]).exit_code == 0
    assert target.read_bytes()[:2] == b"\x1f\x8b"
    assert gzip.decompress(target.read_bytes()).decode("utf-8") == plain


def test_parquet_by_suffix_round_trips_with_types_and_metadata(tmp_path):
    """`-o dyads.parquet` wrote plain CSV."""
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is the optional parquet extra")
    target = tmp_path / "dyads.parquet"
    result = runner.invoke(app, [*MINI, "export", "dyad-year", "--from", "1985", "--to", "1991",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(target)
    csv_rows = _rows([*MINI, "export", "dyad-year", "--from", "1985", "--to", "1991"])
    assert table.num_rows == len(csv_rows)
    types = {f.name: str(f.type) for f in table.schema}
    assert types["year"] == types["ccode1"] == "int64" and types["allied"] == "bool"
    assert types["treaties"] == "string"
    about = json.loads(table.schema.metadata[b"alliances"])
    assert about["data_as_of"] == "2026-11-01" and about["kind"] == "dyad-year"


def test_parquet_without_pyarrow_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = runner.invoke(app, [*MINI, "export", "events", "-o", str(tmp_path / "e.parquet")])
    assert result.exit_code == 1
    assert "pip install 'alliances[parquet]'" in result.stderr
    assert not (tmp_path / "e.parquet").exists()


@pytest.mark.parametrize("name, flag, message", [
    ("dyads.xlsx", None, "'.xlsx' is not a suffix the tool writes"),
    ("dyads.csv", "json", "--format json contradicts the file name dyads.csv"),
    ("dyads.parquet.gz", None, "parquet is compressed already"),
])
def test_a_file_name_the_tool_cannot_honour_is_refused(tmp_path, name, flag, message):
    args = [*MINI, "export", "events", "-o", str(tmp_path / name)]
    result = runner.invoke(app, args + (["--format", flag] if flag else []))
    assert result.exit_code == 2 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, fmt", [("e.tsv", "tsv"), ("e.jsonl", "jsonl"), ("e.json", "json"),
                                       ("e", "csv"), ("e.tsv.gz", "tsv")])
def test_the_suffix_names_the_format(tmp_path, name, fmt):
    target = tmp_path / name
    assert runner.invoke(app, [*MINI, "export", "events", "-o", str(target)]).exit_code == 0
    data = target.read_bytes()
    text = (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")
    expected = runner.invoke(app, [*MINI, "export", "events", "--format", fmt]).stdout
    assert text == expected


def test_metadata_sidecar_names_version_data_and_command(tmp_path, monkeypatch):
    target = tmp_path / "dyads.csv"
    args = [*MINI, "export", "dyad-year", "--from", "1985", "--to", "1987", "-o", str(target),
            "--metadata"]
    monkeypatch.setattr(sys, "argv", ["/usr/bin/alliances", *args])  # as the shell runs it
    assert runner.invoke(app, args).exit_code == 0
    about = json.loads((tmp_path / "dyads.csv.meta.json").read_text(encoding="utf-8"))
    from alliances import __version__

    assert about["version"] == __version__ and about["data_as_of"] == "2026-11-01"
    assert about["rows"] == 8 and about["coverage_from"] == 1945
    import shlex

    assert shlex.split(about["command"]) == ["alliances", *args]
    refused = runner.invoke(app, [*MINI, "export", "events", "--metadata"])
    assert refused.exit_code == 2 and "give -o FILE" in refused.stderr


# -- the merge, as a peacesciencer user does it -----------------------------------------------------
def test_a_left_join_onto_a_cow_system_panel_sets_no_trap(tmp_path):
    """peacesciencer's create_dyadyears() then a left join on (ccode1, ccode2, year): no rows
    added, NA outside coverage, 0/1 columns, both codes in 1990."""
    pd = pytest.importorskip("pandas", reason="the merge recipe uses pandas")
    target = tmp_path / "dyads.csv"
    result = runner.invoke(app, ["export", "dyad-year", "--panel", "cow", "--from", "1990",
                                 "--to", "2027", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    system = pd.DataFrame(sorted(_cow_system_dyads(1990, 2027)), columns=["year", "ccode1", "ccode2"])
    dyads = pd.read_csv(target, low_memory=False)  # large file: infer each column whole
    panel = system.merge(dyads, on=["ccode1", "ccode2", "year"], how="left")
    assert len(panel) == len(system)
    assert panel.loc[panel.year == 2027, "allied"].isna().all()  # after the as-of year
    assert set(panel.loc[panel.year <= 2026, "allied"].unique()) == {0, 1}
    assert str(dyads["allied"].dtype).startswith(("int", "float"))  # numbers, not text
    germany = panel[(panel.year == 1990) & (panel.ccode1 == 2) & panel.ccode2.isin([255, 260])]
    assert sorted(germany.ccode2) == [255, 260] and set(germany.allied) == {1}


def test_the_allies_command_takes_the_same_options():
    args = [*MINI, "allies", "AAA", "CCC", "--on", "1995-06-01", "--format", "json"]
    answers = {mode: json.loads(runner.invoke(app, [*args, "--uncertain", mode]).stdout)["allied"]
               for mode in ("keep", "as-member", "as-nonmember")}
    assert answers == {"keep": "uncertain", "as-member": True, "as-nonmember": False}
    bad = runner.invoke(app, [*args, "--suspended", "sometimes"])
    assert bad.exit_code == 2
    assert bad.stderr == "alliances: suspended 'sometimes' is not one of count, exclude\n"
