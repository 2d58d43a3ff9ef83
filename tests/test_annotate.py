"""`alliances annotate` and `Alliances.annotate`: the user's own dated rows, answered.

Expected values are read from the fixture (tests/fixtures/mini.yaml: its dates are invented for
the fixture) or, for the bundled data, from the facts the README states with their sources:
Azerbaijan left the Collective Security Treaty on 21 April 1999, Armenia and Belarus are CSTO
members from 18 September 2003, Armenia froze its participation on 22 February 2024.
"""

import csv
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import alliances
from alliances.cli import app
from alliances.errors import UnknownName, UsageError

from .conftest import FIXTURES, MINI

runner = CliRunner()
DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]
ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PAIR = ["allied", "via", "obligations", "status_a", "status_b", "certain"]


def write(tmp_path, text, name="rows.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def annotate(path, *args, bundled=False):
    return runner.invoke(app, [*([] if bundled else DATA), "annotate", str(path), *args])


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def pair_csv(tmp_path, rows, *args, bundled=False):
    """Annotate `rows` of (a, b, date); return (result, the new columns of each row)."""
    text = "id,a,b,date\n" + "".join(f"{i},{a},{b},{d}\n" for i, (a, b, d) in enumerate(rows))
    result = annotate(write(tmp_path, text), "--a", "a", "--b", "b", "--date", "date", *args,
                      bundled=bundled)
    return result, [{k: r[k] for k in PAIR} for r in rows_of(result.stdout)]


def answer(allied, via="", obligations="", a="", b="", certain="true"):
    return {"allied": allied, "via": via, "obligations": obligations, "status_a": a,
            "status_b": b, "certain": certain}


NOTHING = answer("", certain="")  # a row with a problem: every new column empty


# -- answers ---------------------------------------------------------------------------------
def test_rows_come_back_unchanged_with_the_columns_appended(tmp_path):
    text = ('id,a,note,b,date\n'
            '1,AAA,"quoted, with ""quotes""",BBB,1995-03-01\n'
            '2,AAA,plain,CCC,1996-01-01\n')
    result = annotate(write(tmp_path, text), "--a", "a", "--b", "b", "--date", "date")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "id,a,note,b,date,allied,via,obligations,status_a,status_b,certain"
    # both alpha and gamma bind AAA and BBB in 1995 (alpha: defence and consultation)
    assert lines[1] == ('1,AAA,"quoted, with ""quotes""",BBB,1995-03-01,1,alpha gamma,'
                        'defence consultation,member member,member member,true')
    # CCC left alpha in 1995 and was never in gamma
    assert lines[2] == "2,AAA,plain,CCC,1996-01-01,0,,,,,true"


@pytest.mark.parametrize("name", ["AAA", "aaa", "AA", "101", "Aland", "ALAND", "Ålandia",
                                  "republic of aland"])
def test_any_name_the_tool_resolves(tmp_path, name):
    result, got = pair_csv(tmp_path, [(name, "Bolland", "1995-03-01")])
    assert result.exit_code == 0, result.stderr
    assert got == [answer("1", "alpha gamma", "defence consultation", "member member",
                          "member member")]


def test_days_months_years_and_ranges(tmp_path):
    # DDD: observer of beta from 2001-03-01, member from 2005-05-05, gone from 2011-01-01
    result, got = pair_csv(tmp_path, [("DDD", "BBB", "2005-05"), ("DDD", "BBB", "2005"),
                                      ("DDD", "BBB", "2006..2009"), ("DDD", "BBB", "2011"),
                                      ("DDD", "BBB", "2005-05-05 00:00:00.000"),
                                      ("DDD", "BBB", "2005-05-04T23:59")])
    assert result.exit_code == 0, result.stderr
    member = answer("1", "beta", "defence", "member", "member")
    assert got[:3] == [member, member, member]  # allied on part of the month or year
    assert got[3] == answer("0")  # not a member on any day of 2011
    assert got[4:] == [member, answer("0")]  # a timestamp is its day


def test_the_day_before_of_and_after(tmp_path):
    rows = [("DDD", "BBB", d) for d in ("2005-05-04", "2005-05-05", "2005-05-06",
                                        "2010-12-31", "2011-01-01")]
    result, got = pair_csv(tmp_path, rows)
    assert [g["allied"] for g in got] == ["0", "1", "1", "1", "0"]
    assert got[1]["via"] == "beta" and got[3]["via"] == "beta"


def test_order_of_the_pair_orders_the_statuses(tmp_path):
    # AAA froze its beta membership in February 2024; BBB did not
    result, got = pair_csv(tmp_path, [("AAA", "BBB", "2024-03-01"), ("BBB", "AAA", "2024-03-01")])
    assert got[0] == answer("1", "beta gamma", "defence", "suspended member", "member member")
    assert got[1] == answer("1", "beta gamma", "defence", "member member", "suspended member")


def test_suspended_members_count_unless_excluded(tmp_path):
    rows = [("AAA", "BBB", "2024-03-01"), ("AAA", "BBB", "2024-02-10")]
    _, default = pair_csv(tmp_path, rows)
    _, excluded = pair_csv(tmp_path, rows, "--suspended", "exclude")
    assert [g["via"] for g in default] == ["beta gamma", "beta gamma"]
    # excluded: beta no longer binds AAA from March; in February it may (the day is unknown),
    # so beta is left out of `via`, which names the treaties that certainly bind; gamma still does
    assert excluded == [answer("1", "gamma", "defence", "member", "member")] * 2


def test_a_relation_suspended_between_two_members(tmp_path):
    _, got = pair_csv(tmp_path, [("EEE", "BBB", "1990-01-01"), ("EEE", "AAA", "1990-01-01")])
    assert got == [answer("0"), answer("1", "gamma", "defence", "member", "member")]


def test_obligations_widen(tmp_path):
    _, default = pair_csv(tmp_path, [("AAA", "EEE", "2015-01-01")])
    _, wide = pair_csv(tmp_path, [("AAA", "EEE", "2015-01-01")], "--obligation", "consultation")
    _, every = pair_csv(tmp_path, [("AAA", "EEE", "2015-01-01")], "--obligation", "any")
    assert default[0]["via"] == "gamma" and wide[0]["via"] == "delta"
    assert every[0]["via"] == "gamma delta"
    assert every[0]["obligations"] == "defence consultation"


@pytest.mark.parametrize("args, expected", [
    ([], answer("", "alpha", "defence consultation", "member", "member", "false")),
    (["--three-valued"], answer("uncertain", "alpha", "defence consultation", "member", "member",
                                "false")),
    (["--uncertain", "as-member"], answer("1", "alpha", "defence consultation", "member",
                                          "member", "false")),
    (["--uncertain", "as-nonmember"], answer("0", certain="false")),
])
def test_uncertain_dates(tmp_path, args, expected):
    # CCC left alpha in 1995, the day unknown: on 1 June 1995 it may have gone
    result, got = pair_csv(tmp_path, [("AAA", "CCC", "1995-06-01")], *args)
    assert result.exit_code == 0, result.stderr
    assert got == [expected]


def test_three_valued_certain_answers(tmp_path):
    _, got = pair_csv(tmp_path, [("AAA", "BBB", "1995-03-01"), ("AAA", "CCC", "1996-01-01")],
                      "--three-valued")
    assert [g["allied"] for g in got] == ["true", "false"]


def test_a_cow_code_shared_by_predecessor_and_successor_is_decided_by_the_date(tmp_path):
    _, got = pair_csv(tmp_path, [("300", "BBB", "1980-01-01"), ("300", "BBB", "2000-01-01")])
    assert got == [answer("0"), answer("0")]  # OLD, then NEW: neither in any treaty


# -- bad rows ------------------------------------------------------------------------------------
BAD_ROWS = [
    (("Alandd", "BBB", "1995-03-01"),
     "column 'a': unknown state 'Alandd'; did you mean AAA (Aland)?"),
    (("", "BBB", "1995-03-01"), "column 'a': no state given; fill in a state (a name, an ISO or "
     "COW code) or leave the row: its result columns stay empty"),
    (("AAA", "Nowhere", "1995-03-01"), "column 'b': unknown state 'Nowhere'; run 'alliances "
     "states' to list the names and codes it knows"),
    (("AAA", "BBB", "2023-02-29"), "column 'date': '2023-02-29' is impossible: February 2023 has "
     "28 days; give a day (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or a range A..B"),
    (("AAA", "BBB", "1.3.1995"), "column 'date': '1.3.1995' is not a date (YYYY, YYYY-MM or "
     "YYYY-MM-DD, e.g. 1999-04-20); give a day (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) "
     "or a range A..B"),
    (("AAA", "BBB", "1995.."), "column 'date': '1995..' has no end: give one (e.g. 2018..2022); "
     "give a day (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or a range A..B"),
    (("AAA", "BBB", ""), "column 'date': no date given; give a day (YYYY-MM-DD), a month "
     "(YYYY-MM), a year (YYYY) or a range A..B"),
    (("NEW", "BBB", "1980-01-01"), "Newland (NEW) did not exist on 1980-01-01 (it existed from "
     "1991-12-26); check the date; Oldland (OLD) preceded it"),
    (("BBB", "OLD", "2000-01-01"), "Oldland (OLD) did not exist on 2000-01-01 (it existed from "
     "1950 until 1991-12-26); check the date; Newland (NEW) succeeded it"),
    (("AAA", "aland", "1995-03-01"), "both columns name Aland (AAA); a pair needs two different "
     "states"),
]


@pytest.mark.parametrize("row, message", BAD_ROWS)
def test_a_bad_row_gets_empty_columns_and_one_line(tmp_path, row, message):
    good = ("AAA", "BBB", "1995-03-01")
    result, got = pair_csv(tmp_path, [good, row, good])
    assert result.exit_code == 0
    assert got[0] == got[2] == answer("1", "alpha gamma", "defence consultation",
                                      "member member", "member member")
    assert got[1] == NOTHING
    path = tmp_path / "rows.csv"
    assert result.stderr.splitlines() == [
        f"{path}:3: {message}",
        f"alliances: 1 of 3 row(s) in {path} could not be answered: their new columns are "
        "empty (the lines above say why)"]


def test_every_bad_row_is_counted_and_strict_exits_1_after_writing(tmp_path):
    rows = [row for row, _ in BAD_ROWS] + [("AAA", "BBB", "1995-03-01")]
    out = tmp_path / "out.csv"
    result, _ = pair_csv(tmp_path, rows, "--strict", "-o", str(out))
    assert result.exit_code == 1
    written = rows_of(out.read_text(encoding="utf-8"))
    assert len(written) == len(rows)  # nothing dropped, in order
    assert [r["id"] for r in written] == [str(i) for i in range(len(rows))]
    assert [r["allied"] for r in written] == [""] * len(BAD_ROWS) + ["1"]
    assert f"{len(BAD_ROWS)} of {len(rows)} row(s)" in result.stderr.splitlines()[-1]
    assert len(result.stderr.splitlines()) == len(BAD_ROWS) + 1


def test_a_row_of_another_width_and_blank_lines(tmp_path):
    text = "id,a,b,date\n1,AAA,BBB\n\n2,AAA,BBB,1995-03-01,extra\n3,AAA,BBB,1995-03-01\n"
    path = write(tmp_path, text)
    result = annotate(path, "--a", "a", "--b", "b", "--date", "date")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "1,AAA,BBB,,,,,,,"  # padded to the header so the answers line up
    assert lines[2] == ""
    assert lines[3] == "2,AAA,BBB,1995-03-01,extra,,,,,,"
    assert lines[4].startswith("3,AAA,BBB,1995-03-01,1,alpha gamma,")
    assert result.stderr.splitlines()[:2] == [
        f"{path}:2: the row has 3 fields, the header 4; give every row the header's number of "
        "fields",
        f"{path}:4: the row has 5 fields, the header 4; give every row the header's number of "
        "fields"]


@pytest.mark.parametrize("args, message", [
    (["--a", "a", "--b", "state2", "--date", "date"],
     "has no column 'state2'; its columns are: id, a, b, date"),
    (["--a", "a", "--b", "b"], "give the column that holds the date (--date COL)"),
    (["--a", "a", "--date", "date"], "give the two states' columns (--a COL --b COL), or one "
     "state's (--state COL)"),
    (["--a", "a", "--b", "b", "--state", "a", "--date", "date"],
     "give either a pair of columns (--a COL --b COL) or one (--state COL), not both"),
    (["--a", "a", "--b", "b", "--date", "date", "--obligation", "friendship"],
     "obligation 'friendship' is not one of defence, offence, neutrality, non-aggression, "
     "consultation, any"),
])
def test_usage_errors_exit_2_before_anything_is_written(tmp_path, args, message):
    path = write(tmp_path, "id,a,b,date\n1,AAA,BBB,1995-03-01\n")
    out = tmp_path / "out.csv"
    result = annotate(path, *args, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(message)
    assert result.stdout == "" and not out.exists()
    streamed = annotate(path, *args)
    assert streamed.exit_code == 2 and streamed.stdout == ""


def test_new_column_names_that_clash_need_a_prefix(tmp_path):
    path = write(tmp_path, "a,b,date,allied\nAAA,BBB,1995-03-01,yes\n")
    result = annotate(path, "--a", "a", "--b", "b", "--date", "date")
    assert result.exit_code == 2 and "already has a column 'allied'; give --prefix" in result.stderr
    prefixed = annotate(path, "--a", "a", "--b", "b", "--date", "date", "--prefix", "ally_")
    assert prefixed.stdout.splitlines()[0] == (
        "a,b,date,allied,ally_allied,ally_via,ally_obligations,ally_status_a,ally_status_b,"
        "ally_certain")


def test_unreadable_files(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("a,b,date\nC\xf4te,BBB,1995\n".encode("latin-1"))
    result = annotate(latin, "--a", "a", "--b", "b", "--date", "date")
    assert result.exit_code == 1 and "is not UTF-8 text" in result.stderr
    missing = annotate(tmp_path / "missing.csv", "--a", "a", "--b", "b", "--date", "date")
    assert missing.exit_code == 2 and "cannot read" in missing.stderr
    unknown = annotate(write(tmp_path, "x", "rows.xlsx"), "--a", "a", "--b", "b", "--date", "d")
    assert unknown.exit_code == 2 and "--input-format" in unknown.stderr


# -- formats ------------------------------------------------------------------------------------
def test_tsv_and_crlf_line_ends(tmp_path):
    path = write(tmp_path, "a\tb\tdate\r\nAAA\tBBB\t1995-03-01\r\nAAA\tCCC\t1996-01-01\r\n",
                 "rows.tsv")
    result = annotate(path, "--a", "a", "--b", "b", "--date", "date")
    assert result.stdout.splitlines() == [
        "a\tb\tdate\tallied\tvia\tobligations\tstatus_a\tstatus_b\tcertain",
        "AAA\tBBB\t1995-03-01\t1\talpha gamma\tdefence consultation\tmember member\t"
        "member member\ttrue",
        "AAA\tCCC\t1996-01-01\t0\t\t\t\t\ttrue"]


def test_a_quoted_field_over_several_lines(tmp_path):
    text = 'id,note,a,b,date\n1,"two\nlines",AAA,BBB,1995-03-01\n2,x,AAA,Alandd,1995\n'
    path = write(tmp_path, text)
    result = annotate(path, "--a", "a", "--b", "b", "--date", "date")
    assert result.stdout.startswith('id,note,a,b,date,allied,')
    assert '1,"two\nlines",AAA,BBB,1995-03-01,1,alpha gamma,' in result.stdout
    assert result.stderr.startswith(f"{path}:4: column 'b': unknown state 'Alandd'")


def test_jsonl_keeps_each_line_and_appends_keys(tmp_path):
    text = ('{"a": 101, "b": "Bolland", "date": "1995-03-01", "x": 1.50}\n'
            '\n'
            '{"a": "AAA", "b": "CCC", "date": "1995-06-01"}\n'
            '[1, 2]\n'
            '{"a": "AAA", "b": "Alandd", "date": "1995"}\n')
    path = write(tmp_path, text, "rows.jsonl")
    result = annotate(path, "--a", "a", "--b", "b", "--date", "date")
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert lines[0].startswith('{"a": 101, "b": "Bolland", "date": "1995-03-01", "x": 1.50, ')
    assert json.loads(lines[0])["via"] == "alpha gamma"
    assert json.loads(lines[0])["allied"] == 1 and json.loads(lines[0])["certain"] is True
    assert lines[1] == ""
    assert json.loads(lines[2])["allied"] is None and json.loads(lines[2])["certain"] is False
    assert lines[3] == "[1, 2]"  # not an object: written back as it was, and said so
    assert json.loads(lines[4])["allied"] is None and json.loads(lines[4])["certain"] is None
    problems = result.stderr.splitlines()
    assert problems[0] == (f"{path}:4: a JSON list, not an object; make the line one JSON object")
    assert problems[1].startswith(f"{path}:5: column 'b': unknown state 'Alandd'")


def test_jsonl_three_valued(tmp_path):
    path = write(tmp_path, '{"a": "AAA", "b": "CCC", "date": "1995-06-01"}\n', "rows.jsonl")
    result = annotate(path, "--a", "a", "--b", "b", "--date", "date", "--three-valued")
    assert json.loads(result.stdout)["allied"] == "uncertain"


def test_standard_input_with_its_format(tmp_path):
    result = runner.invoke(app, [*DATA, "annotate", "-", "--input-format", "csv", "--a", "a",
                                 "--b", "b", "--date", "date"],
                           input="a,b,date\nAAA,BBB,1995-03-01\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("AAA,BBB,1995-03-01,1,alpha gamma")


def test_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"a": ["AAA", "AAA", "AAA"], "b": ["BBB", "CCC", "Alandd"],
                             "date": [date(1995, 3, 1), date(1995, 6, 1), date(1995, 1, 1)],
                             "n": [1, 2, 3]}), source)
    out = tmp_path / "out.parquet"
    result = annotate(source, "--a", "a", "--b", "b", "--date", "date", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    got = pq.read_table(out).to_pylist()
    assert [r["n"] for r in got] == [1, 2, 3]
    assert [r["allied"] for r in got] == [1, None, None]
    assert [r["certain"] for r in got] == [True, False, None]
    assert got[0]["via"] == "alpha gamma"
    assert result.stderr.startswith(f"{source}:3: column 'b': unknown state 'Alandd'")
    assert annotate(source, "--a", "a", "--b", "b", "--date", "date").exit_code == 2  # needs -o


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    source = write(tmp_path, "not parquet", "rows.parquet")
    result = annotate(source, "--a", "a", "--b", "b", "--date", "date", "-o",
                      str(tmp_path / "o.parquet"))
    assert result.exit_code == 2
    assert "reading Parquet needs pyarrow, which is not installed: pip install pyarrow" in result.stderr


# -- one state's memberships ---------------------------------------------------------------------
def test_state_memberships(tmp_path):
    text = "s,date\nAAA,2015-06-01\nDDD,2003-01-01\nAAA,2024-03-01\nAAA,1940\n"
    result = annotate(write(tmp_path, text), "--state", "s", "--date", "date")
    got = [(r["treaties"], r["statuses"], r["certain"]) for r in rows_of(result.stdout)]
    # by the date they joined: gamma 1952, beta 2000, delta 2010
    assert got[0] == ("gamma beta delta", "member member member", "true")
    assert got[1] == ("beta", "observer", "true")
    assert got[2] == ("gamma beta delta", "member suspended member", "true")
    assert got[3] == ("", "", "true")  # before any treaty (the state has no recorded start)
    only = annotate(write(tmp_path, text), "--state", "s", "--date", "date",
                    "--obligation", "defence", "--suspended", "exclude")
    assert [r["treaties"] for r in rows_of(only.stdout)][:3] == ["gamma beta", "beta", "gamma"]


# -- output: atomic, streamed, a closed pipe ---------------------------------------------------------
def test_output_is_written_atomically(tmp_path):
    path = write(tmp_path, "a,b,date\nAAA,BBB,1995-03-01\n")
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    failed = annotate(path, "--a", "a", "--b", "nope", "--date", "date", "-o", str(out))
    assert failed.exit_code == 2 and out.read_text() == "old\n"
    done = annotate(path, "--a", "a", "--b", "b", "--date", "date", "-o", str(out))
    assert done.exit_code == 0 and done.stdout == ""
    assert out.read_text().splitlines()[1].startswith("AAA,BBB,1995-03-01,1,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "rows.csv"]  # no temp file
    out.chmod(0o444)
    refused = annotate(path, "--a", "a", "--b", "b", "--date", "date", "-o", str(out))
    assert refused.exit_code == 1 and "read-only" in refused.stderr


def test_an_unreadable_file_midway_leaves_the_old_output(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(b"a,b,date\n" + b"AAA,BBB,1995-03-01\n" * 5000 + b"C\xf4te,BBB,1995\n")
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    result = annotate(path, "--a", "a", "--b", "b", "--date", "date", "-o", str(out))
    assert result.exit_code == 1 and "not UTF-8" in result.stderr
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "rows.csv"]


def test_a_closed_pipe_ends_quietly(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("a,b,date\n" + "AAA,BBB,1995-03-01\n" * 200_000, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-m", "alliances", *DATA, "annotate", str(path),
                             "--a", "a", "--b", "b", "--date", "date"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    first = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    _, err = proc.communicate(timeout=120)
    assert first.startswith(b"a,b,date,allied")
    assert err == b""
    assert proc.returncode in (0, -signal.SIGPIPE)


# -- the fast path and the engine agree -----------------------------------------------------------
def test_every_row_agrees_with_allies_and_the_slow_path(tmp_path):
    """Random rows, many on the day before, of and after an event of the fixture: annotate's
    answer is `allies A B --on DATE`'s, whether a row goes the fast way or row by row (a quote
    in a block sends the whole block row by row)."""
    data = alliances.load(MINI, bundled=False, env=False)
    rng = random.Random(18)
    names = ["AAA", "BBB", "CCC", "DDD", "EEE", "NOR", "Aland", "bolland", "103", "300", "NEW"]
    days = [d for t in data.dataset.treaties.values() for evs in t.members.values()
            for e in evs for d in (e.date.earliest.toordinal() + k for k in (-1, 0, 1))]
    rows = []
    for _ in range(3000):
        day = date.fromordinal(rng.choice(days) if rng.random() < 0.7 else
                               rng.randint(date(1946, 1, 1).toordinal(), date(2026, 1, 1).toordinal()))
        text = day.isoformat() if rng.random() < 0.9 else rng.choice([day.isoformat()[:7],
                                                                      str(day.year)])
        rows.append((rng.choice(names), rng.choice(names), text))
    plain = "a,b,date\n" + "".join(f"{a},{b},{d}\n" for a, b, d in rows)
    quoted = "a,b,date\n" + "".join(f'"{a}",{b},{d}\n' for a, b, d in rows)
    results = []
    for text in (plain, quoted):
        result = annotate(write(tmp_path, text), "--a", "a", "--b", "b", "--date", "date",
                          "--three-valued")
        results.append([(r["allied"], r["via"]) for r in rows_of(result.stdout)])
    assert results[0] == results[1]
    for (a, b, d), got in zip(rows, results[0], strict=True):
        try:
            expected = data.allies(a, b, on=d)
        except UnknownName:  # '300' on a date when neither of the states it names existed
            expected = None
        except UsageError:  # the same state twice: the API refuses it, annotate leaves it empty
            expected = None
        if expected is not None and expected["state1"] == expected["state2"]:
            expected = None
        if got == ("", ""):  # a problem: the same state twice, or one that did not exist
            assert expected is None or not all(
                _existed(data, c, d) for c in (expected["state1"], expected["state2"]))
            continue
        assert expected is not None
        shown = {True: "true", False: "false", "uncertain": "uncertain"}[expected["allied"]]
        assert got == (shown, " ".join(expected["via"])), (a, b, d)


def _existed(data, code, text):
    state = data.dataset.states[code]
    period = alliances.api.as_period(text)
    return (state.start is None or state.start.earliest <= period.last) and (
        state.end is None or period.first < state.end.latest)


# -- the Python API -------------------------------------------------------------------------------
def test_api_on_rows_of_dicts():
    data = alliances.load(MINI, bundled=False, env=False)
    problems = []
    rows = [{"x": 1, "a": "AAA", "b": "BBB", "d": date(1995, 3, 1)},
            {"x": 2, "a": "AAA", "b": "Alandd", "d": "1995"}]
    got = list(data.annotate(rows, a="a", b="b", date="d", problems=problems))
    assert got[0] == {"x": 1, "a": "AAA", "b": "BBB", "d": date(1995, 3, 1), "allied": 1,
                      "via": "alpha gamma", "obligations": "defence consultation",
                      "status_a": "member member", "status_b": "member member", "certain": True}
    assert got[1]["allied"] is None and got[1]["certain"] is None
    assert [str(p) for p in problems] == [
        "<rows>:2: column 'b': unknown state 'Alandd'; did you mean AAA (Aland)?"]
    state = list(data.annotate([{"s": "DDD", "d": "2003"}], state="s", date="d"))
    assert state[0]["treaties"] == "beta" and state[0]["statuses"] == "observer"


def test_api_on_a_dataframe():
    pd = pytest.importorskip("pandas")
    data = alliances.load(MINI, bundled=False, env=False)
    frame = pd.DataFrame({"a": ["AAA", "AAA", "AAA"], "b": ["BBB", "CCC", "Alandd"],
                          "when": pd.to_datetime(["1995-03-01", "1995-06-01", "1995-01-01"])})
    problems = []
    got = data.annotate(frame, a="a", b="b", date="when", problems=problems)
    assert list(frame.columns) == ["a", "b", "when"]  # the given frame is left as it was
    assert list(got.columns) == ["a", "b", "when", *PAIR]
    assert str(got["allied"].dtype) == "Int8"
    assert got["allied"].tolist()[0] == 1 and got["allied"].isna().tolist() == [False, True, True]
    assert got["certain"].tolist()[:2] == [True, False]
    assert len(problems) == 1 and problems[0].row == 3


def test_the_api_imports_pandas_only_for_a_dataframe():
    code = ("import sys, alliances; d = alliances.load(%r, bundled=False, env=False); "
            "list(d.annotate([{'a': 'AAA', 'b': 'BBB', 'd': '1995'}], a='a', b='b', date='d')); "
            "print('pandas' in sys.modules)" % [str(p) for p in MINI])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(SRC)})
    assert out.stdout.strip() == "False"


# -- the bundled data: the seed story ------------------------------------------------------------------
def test_azerbaijan_left_the_cst_on_21_april_1999(tmp_path):
    result, got = pair_csv(tmp_path, [("Azerbaijan", "Armenia", "1999-04-20"),
                                      ("AZ", "AM", "1999-04-21"), ("373", "371", "1999-04-22")],
                           bundled=True)
    assert result.exit_code == 0, result.stderr
    assert got[0]["allied"] == "1" and got[0]["via"] == "cst"
    assert got[0]["status_a"] == got[0]["status_b"] == "member"
    assert [g["allied"] for g in got[1:]] == ["0", "0"]
    state = annotate(write(tmp_path, "s,d\nAZE,1999-04-20\nAZE,1999-04-21\n"), "--state", "s",
                     "--date", "d", bundled=True)
    before, after = [set(r["treaties"].split()) for r in rows_of(state.stdout)]
    assert {"cst", "cis"} <= before and "cst" not in after and "cis" in after


def test_armenia_and_belarus_in_the_csto_and_armenia_frozen(tmp_path):
    result, got = pair_csv(tmp_path, [("ARM", "BLR", "2003-09-17"), ("ARM", "BLR", "2003-09-18"),
                                      ("ARM", "BLR", "2024-02-21"), ("ARM", "BLR", "2024-02-22")],
                           bundled=True)
    assert "csto" not in got[0]["via"].split() and "csto" in got[1]["via"].split()
    csto = [dict(zip(g["via"].split(), g["status_a"].split(), strict=True))["csto"]
            for g in got[2:]]
    assert csto == ["member", "suspended"]
    _, excluded = pair_csv(tmp_path, [("ARM", "BLR", "2024-02-21"), ("ARM", "BLR", "2024-02-22")],
                           "--suspended", "exclude", bundled=True)
    assert "csto" in excluded[0]["via"].split() and "csto" not in excluded[1]["via"].split()


def test_the_readme_example_runs(tmp_path, monkeypatch):
    """The README's worked example: its CSV, its command, and the output it shows."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Your own dated events", 1)[1].split("\n## ", 1)[0]
    table = re.search(r"```csv\n(.*?)```", section, re.S).group(1)
    console = re.search(r"```console\n\$ alliances (.*?)\n(.*?)```", section, re.S)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deliveries.csv").write_text(table, encoding="utf-8")
    result = runner.invoke(app, console.group(1).split())
    assert result.exit_code == 0, result.stderr
    assert result.stdout == console.group(2)


def test_the_collector_is_paused_only_while_rows_stream(tmp_path):
    import gc

    path = write(tmp_path, "a,b,date\nAAA,BBB,1995-03-01\n")
    assert gc.isenabled()
    assert annotate(path, "--a", "a", "--b", "b", "--date", "date").exit_code == 0
    assert gc.isenabled()
    gc.disable()
    try:
        assert annotate(path, "--a", "a", "--b", "b", "--date", "date").exit_code == 0
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
