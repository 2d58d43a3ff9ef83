"""Answers that were wrong rather than refused: a treaty's phase, reversed date ranges.

Expectations are read off tests/fixtures/mini.yaml by hand: `alpha` was signed 1990-05-15 and in
force 1990-06-01; `gamma` was signed 1951-09-01 and has no in_force date, so by the data format's
convention it is in force from its signature.
"""

import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

from alliances.api import Alliances
from alliances.cli import app
from alliances.dates import parse_date
from alliances.errors import UsageError
from alliances.model import Treaty
from alliances.query import Engine, TreatyStanding
from alliances.render import render_members

from .conftest import FIXTURES, period

runner = CliRunner()
DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]


def run(*args):
    return runner.invoke(app, [*DATA, *args], env={"COLUMNS": "120"})


@pytest.mark.parametrize("treaty, on, phase", [
    ("gamma", "1951-08-31", "not_signed"),
    ("gamma", "1951-09-01", "in_force"),  # no in_force date: in force once signed
    ("gamma", "1960", "in_force"),
    ("alpha", "1990-05-14", "not_signed"),
    ("alpha", "1990-05-15", "signed"),
    ("alpha", "1990-05-31", "signed"),
    ("alpha", "1990-06-01", "in_force"),
    ("alpha", "2000-01-01", "ended"),
])
def test_treaty_phase(engine, mini, treaty, on, phase):
    standing = engine.treaty_phase(mini.treaties[treaty], period(on))
    assert (standing.phase, standing.certain) == (phase, True)


def test_members_of_a_treaty_without_in_force_date_have_no_not_yet_in_force_line():
    result = run("members", "gamma", "--on", "1960")
    assert result.exit_code == 0, result.stderr
    assert "in force" not in result.stdout
    # the first line is the table's title (wrapped to the table's width)
    assert " ".join(result.stdout.split()).startswith(
        "Gamma Security Treaty — Gamma Security Treaty: 3 members on 1960")


def test_members_before_entry_into_force_say_when_it_came():
    result = run("members", "alpha", "--on", "1990-05-20")
    assert result.stdout.splitlines()[0] == (
        "ADT was signed (1990-05-15) but not yet in force on 1990-05-20 (in force 1990-06-01).")


def test_a_signature_known_to_the_year_leaves_entry_into_force_uncertain():
    treaty = Treaty("t", "Test Treaty", "treaty", ("defence",), parse_date("1955"))
    standing = Engine(_empty()).treaty_phase(treaty, period("1955-03-01"))
    assert (standing.phase, standing.certain) == ("in_force", False)
    out = io.StringIO()
    render_members(Console(file=out, width=200, color_system=None), _empty(),
                   TreatyStanding(treaty, "in_force", False), period("1955-03-01"), [], None)
    assert out.getvalue().splitlines()[0] == (
        "Test Treaty was possibly not yet in force on 1955-03-01 (in force from its signature, "
        "1955 (year only)).")


def _empty():
    from alliances.model import Dataset

    return Dataset()


def test_treaties_in_force_include_those_without_an_in_force_date():
    result = run("treaties", "--on", "1960", "-f", "csv")
    assert result.stdout.splitlines()[1].startswith("gamma,")
    assert len(result.stdout.splitlines()) == 2  # alpha was not yet signed, the others later


@pytest.mark.parametrize("args", [
    ["history", "AAA", "--from", "2020", "--to", "2010"],
    ["history", "AAA", "--from", "2020-06-02", "--to", "2020-06-01"],
    ["timeline", "beta", "--from", "2020", "--to", "2010"],
    ["compare", "AAA", "BBB", "--from", "2020", "--to", "2010"],
    ["export", "events", "--from", "2020", "--to", "2010"],
])
def test_reversed_from_and_to_are_refused(args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"alliances: --to {args[-1]} is before --from {args[-3]}"]
    assert result.stdout == ""


@pytest.mark.parametrize("start, end", [("2020", "2020"), ("2020-06", "2020"), ("2020", "2020-06")])
def test_overlapping_from_and_to_are_accepted(start, end):
    assert run("history", "AAA", "--from", start, "--to", end).exit_code == 0


def test_api_history_refuses_a_reversed_range(mini):
    api = Alliances(mini)
    with pytest.raises(UsageError, match="^end 2010 is before start 2020$"):
        api.history("AAA", start="2020", end="2010")
    assert [r["date"] for r in api.history("AAA", start="2024", end="2024")] == [
        "2024-02", "2024-06-12"]
