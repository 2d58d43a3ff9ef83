"""`--signatories count`: a state that has signed a treaty but is not yet bound by it counts as an
ally, as ATOP and COW date membership from signature. The same question gets the same answer
and the same error through the command line and the Python API; exports show the status."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import alliances
from alliances.cli import app
from alliances.errors import UsageError

from .conftest import FIXTURES

runner = CliRunner()

# Aland and Bolland sign on 1 March 2000; Aland is bound from 1 June 2001, Bolland from
# 1 February 2002. Cirrus signs too and never ratifies.
PACT = """\
as_of: 2026-11-01
treaties:
  pact:
    name: Signature Test Pact
    kind: treaty
    obligations: [defence]
    signed: 2000-03-01
    in_force: 2001-06-01
    sources: [https://example.org/pact]
    members:
      AAA:
        events:
          - {date: 2000-03-01, event: signed}
          - {date: 2001-06-01, event: joined}
      BBB:
        events:
          - {date: 2000-03-01, event: signed}
          - {date: 2002-02-01, event: joined}
      CCC:
        events:
          - {date: 2000-03-01, event: signed}
"""


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "pact.yaml"
    path.write_text(PACT)
    return ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(path)]


@pytest.fixture
def api(data):
    return alliances.load([data[2], data[4]], bundled=False, env=False)


def cli(data, *args):
    return runner.invoke(app, [*data, *args])


@pytest.mark.parametrize("on, excluded, counted", [
    ("2000-02-29", False, False),  # before anyone signed
    ("2000-03-01", False, True),  # both signatories
    ("2001-06-01", False, True),  # Aland bound, Bolland a signatory
    ("2002-02-01", True, True),  # both bound
])
def test_allied_through_both_doors(data, api, on, excluded, counted):
    for mode, expected in (("exclude", excluded), ("count", counted)):
        through_cli = json.loads(cli(data, "allies", "AAA", "BBB", "--on", on,
                                     "--signatories", mode, "-f", "json").stdout)
        through_api = api.allies("AAA", "BBB", on, signatories=mode)
        assert through_cli["allied"] is expected
        assert through_api["allied"] is expected
        assert through_cli["headline"] == through_api["headline"]


def test_the_default_is_that_a_signatory_is_not_bound(data, api):
    answer = json.loads(cli(data, "allies", "AAA", "BBB", "--on", "2001-01-01", "-f",
                            "json").stdout)
    assert answer["allied"] is False and api.allies("AAA", "BBB", "2001-01-01")["allied"] is False


def test_a_counted_signatory_is_named_in_the_answer(api):
    answer = api.allies("AAA", "BBB", "2001-01-01", signatories="count")
    assert answer["headline"].startswith("Yes, formally: ")
    assert {c["status"] for c in answer["caveats"]} == {"signatory"}
    assert "has signed" in answer["headline"] and "not bound" in answer["headline"]


def test_one_state_lists_its_signatory_allies_only_when_counted(api):
    assert list(api.allies("CCC", on="2010-01-01")) == []
    allies = {r["state2"] for r in api.allies("CCC", on="2010-01-01", signatories="count")}
    assert allies == {"AAA", "BBB"}


def test_a_bad_word_is_the_same_error_through_both_doors(data, api):
    result = cli(data, "allies", "AAA", "BBB", "--signatories", "maybe")
    assert result.exit_code == 2
    with pytest.raises(UsageError) as raised:
        api.allies("AAA", "BBB", "2001-01-01", signatories="maybe")
    assert str(raised.value) in result.stderr
    assert "exclude, count" in str(raised.value)
    assert "Traceback" not in result.stderr


def dyad_years(data, *args):
    result = cli(data, "export", "dyad-year", "--from", "1999", "--to", "2004", *args)
    assert result.exit_code == 0, result.stderr
    return {r["year"]: (r["status1"], r["status2"])
            for r in csv.DictReader(io.StringIO(result.stdout))
            if (r["state1"], r["state2"]) == ("AAA", "BBB")}


def test_dyad_years_show_the_signatory_status_year_by_year(data, api):
    assert dyad_years(data) == dict.fromkeys(("2002", "2003", "2004"), ("member", "member"))
    assert dyad_years(data, "--signatories", "count") == {
        "2000": ("signatory", "signatory"),
        "2001": ("member+signatory", "signatory"),
        "2002": ("member", "member+signatory"),
        "2003": ("member", "member"),
        "2004": ("member", "member"),
    }
    rows = api.export("dyad-year", start="1999", end="2004", signatories="count")
    assert {(r["year"], r["status1"], r["status2"]) for r in rows
            if (r["state1"], r["state2"]) == ("AAA", "BBB")} == {
        (2000, "signatory", "signatory"), (2001, "member+signatory", "signatory"),
        (2002, "member", "member+signatory"), (2003, "member", "member"),
        (2004, "member", "member")}


def test_a_state_that_never_ratified_is_allied_only_when_signatories_count(data):
    assert not any("CCC" in (r["state1"], r["state2"]) for r in csv.DictReader(io.StringIO(
        cli(data, "export", "dyad-year", "--from", "1999", "--to", "2004").stdout)))
    counted = [r for r in csv.DictReader(io.StringIO(cli(
        data, "export", "dyad-year", "--from", "1999", "--to", "2004", "--signatories",
        "count").stdout)) if "CCC" in (r["state1"], r["state2"])]
    assert len(counted) == 2 * 5  # with Aland and with Bolland, 2000-2004
    assert {r["status1"] if r["state1"] == "CCC" else r["status2"] for r in counted} == {
        "signatory"}


def test_state_year_panels_list_the_status(data):
    result = cli(data, "export", "state-year", "--panel", "cow", "--from", "2000", "--to",
                 "2002", "--signatories", "count")
    assert result.exit_code == 0, result.stderr
    rows = {(r["state"], r["year"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    # Aland has the fixture's COW code 101, a code of the COW system (its other states' are not)
    assert (rows[("AAA", "2000")]["allied"], rows[("AAA", "2000")]["statuses"]) == (
        "1", "signatory")
    assert rows[("AAA", "2001")]["statuses"] == "member signatory"
    plain = {(r["state"], r["year"]): r for r in csv.DictReader(io.StringIO(cli(
        data, "export", "state-year", "--panel", "cow", "--from", "2000", "--to",
        "2002").stdout))}
    assert plain[("AAA", "2000")]["allied"] == "0"
    assert (plain[("AAA", "2002")]["allied"], plain[("AAA", "2002")]["statuses"]) == (
        "1", "member")


def test_annotate_counts_signatories_when_asked(data, tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("a,b,date\nAAA,BBB,2001-01-01\nAAA,BBB,2002-03-01\n")
    default = list(csv.DictReader(io.StringIO(cli(
        data, "annotate", str(rows), "--a", "a", "--b", "b", "--date", "date").stdout)))
    counted = list(csv.DictReader(io.StringIO(cli(
        data, "annotate", str(rows), "--a", "a", "--b", "b", "--date", "date",
        "--signatories", "count").stdout)))
    assert [r["allied"] for r in default] == ["0", "1"]
    assert [r["allied"] for r in counted] == ["1", "1"]
    assert (counted[0]["status_a"], counted[0]["status_b"]) == ("signatory", "signatory")


def test_counting_signatories_only_adds_links_on_the_bundled_data():
    """Every pair-year defence-allied by default is defence-allied when signatories count too, and
    counting them adds some (the SADC pact's signatories before its entry into force, for one)."""
    data = alliances.load(env=False)

    def pairs(mode):
        return {(*sorted((r["state1"], r["state2"])), r["year"])
                for r in data.export("dyad-year", start="1990", end="2010", signatories=mode)
                if r["defense"]}

    default, counted = pairs("exclude"), pairs("count")
    assert default <= counted
    assert ("BWA", "NAM", 2005) in counted - default
