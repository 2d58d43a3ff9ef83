"""A notified withdrawal ends the membership on its effective date, with or without a `left` event.

The fixture below is invented for the test; every expectation is read off it by hand, with
half-open periods: a withdrawal effective on D leaves the state a member on D-1, not on D.
"""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from alliances.api import Alliances
from alliances.loading import check, load

from .conftest import FIXTURES, period

WITHDRAWALS = """\
treaties:
  w1:
    name: Withdrawal Treaty
    kind: treaty
    obligations: [defence]
    signed: 2000-01-01
    sources: [https://example.org/w1]
    members:
      AAA:
        events:
          - {date: 2000-01-01, event: joined}
          - {date: 2010-03-01, event: withdrawal_notified, effective: 2011-03-01}
      BBB:
        events:
          - {date: 2000-01-01, event: joined}
          - {date: 2010-01-01, event: withdrawal_notified, effective: 2011}
      CCC:
        events:
          - {date: 2000-01-01, event: joined}
          - {date: 2010-01-01, event: withdrawal_notified, effective: 2011-01-01}
          - {date: 2010-06-01, event: suspended}
      DDD:
        events:
          - {date: 2000-01-01, event: joined}
          - {date: 2005-01-01, event: withdrawal_notified, effective: 2006-01-01}
          - {date: 2008-01-01, event: readmitted}
      EEE:
        events:
          - {date: 2000-01-01, event: joined}
          - {date: 2010-01-01, event: withdrawal_notified, effective: 2011-01-01}
          - {date: 2011-01-01, event: left}
"""


@pytest.fixture
def files(tmp_path):
    path = tmp_path / "withdrawals.yaml"
    path.write_text(WITHDRAWALS, encoding="utf-8")
    return [FIXTURES / "states.yaml", path]


@pytest.fixture
def api(files):
    return Alliances(load(files, bundled=False, env=False))


def members(api, on):
    return {m.state: m for m in api.engine.members("w1", period(on))}


def test_the_data_validate_without_a_left_event(files):
    _, problems = check(files, bundled=False, env=False)
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("on, expected", [
    ("2010-02-28", {"AAA", "BBB", "CCC", "EEE"}),  # DDD left (effective 2006) and is not back yet
    ("2010-12-31", {"AAA", "BBB", "CCC", "EEE"}),
    ("2011-01-01", {"AAA", "BBB"}),  # CCC's and EEE's withdrawals took effect; BBB's may have
    ("2011-02-28", {"AAA", "BBB"}),
    ("2011-03-01", {"BBB"}),  # AAA's took effect: a member up to, not on, the effective day
    ("2012-01-01", set()),  # BBB's took effect some day in 2011
])
def test_membership_ends_on_the_effective_date(api, on, expected):
    got = {code for code in members(api, on) if code != "DDD"}
    assert got == expected


def test_until_the_effective_date_the_answer_names_the_pending_withdrawal(api):
    aaa = members(api, "2011-02-28")["AAA"]
    assert (aaa.status, aaa.withdrawal, str(aaa.withdrawal_effective)) == (
        "member", "notified", "2011-03-01")
    assert str(aaa.until) == "2011-03-01" and aaa.certain
    ccc = members(api, "2010-12-31")["CCC"]  # suspended after notifying: still leaving
    assert (ccc.status, ccc.withdrawal, str(ccc.until)) == ("suspended", "notified", "2011-01-01")


def test_a_year_only_effective_date_is_uncertain_inside_the_year(api):
    bbb = members(api, "2011-06-01")["BBB"]
    assert bbb.presence == "uncertain" and str(bbb.until) == "2011"
    assert members(api, "2010-12-31")["BBB"].certain


def test_readmission_after_a_withdrawal_took_effect(api):
    assert "DDD" in members(api, "2005-12-31")
    assert "DDD" not in members(api, "2006-01-01")
    assert "DDD" not in members(api, "2007-12-31")
    assert str(members(api, "2008-01-01")["DDD"].since) == "2008-01-01"


def test_a_left_on_the_effective_date_still_ends_it(api):
    segments = api.engine.segments("w1", "EEE")
    assert segments[-1].end_event.kind == "left"  # the left event, not the notice, ended it
    assert str(segments[-1].end) == "2011-01-01"


def test_exports_end_the_interval_on_the_effective_date(api):
    rows = [r for r in api.export("intervals", treaties=["w1"]) if r["state"] == "AAA"]
    assert [(r["status"], r["start"], r["end"], r["withdrawal"]) for r in rows] == [
        ("member", "2000-01-01", "2010-03-01", None),
        ("member", "2010-03-01", "2011-03-01", "notified"),
    ]
    years = {(r["year"], r["state"]) for r in api.export("state-year", treaties=["w1"],
                                                          start="2011", end="2012")}
    assert (2011, "AAA") in years and (2012, "AAA") not in years
    dyads = {(r["year"], r["state1"], r["state2"])
             for r in api.export("dyad-year", treaties=["w1"], start="2011", end="2012")}
    assert (2011, "AAA", "BBB") in dyads and (2012, "AAA", "BBB") not in dyads


def test_allies_stop_on_the_effective_date(api):
    assert api.allies("AAA", "DDD", on="2011-02-28")["allied"] is True
    assert api.allies("AAA", "DDD", on="2011-03-01")["allied"] is False


def test_cli_members_say_until_when(files):
    runner = CliRunner()
    from alliances.cli import app

    args = ["--no-bundled", "--data", str(files[0]), "--data", str(files[1]), "members", "w1"]
    before = runner.invoke(app, [*args, "--on", "2011-02-28", "-f", "csv"])
    row = next(r for r in csv.DictReader(io.StringIO(before.stdout)) if r["state"] == "AAA")
    assert (row["withdrawal"], row["withdrawal_effective"], row["until"]) == (
        "notified", "2011-03-01", "2011-03-01")
    after = runner.invoke(app, [*args, "--on", "2011-03-01", "-f", "json"])
    assert "AAA" not in {r["state"] for r in json.loads(after.stdout)}
    table = runner.invoke(app, [*args, "--on", "2011-02-28"], env={"COLUMNS": "200"})
    assert "effective 2011-03-01" in table.stdout and "until 2011-03-01" in table.stdout
