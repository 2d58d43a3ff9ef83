"""Helpers for the known-fact tests of the bundled data (tests/test_data_*.py): each question
goes through the command line, as a reader would ask it, and comes back as JSON."""

import json

from typer.testing import CliRunner

from alliances.cli import app

runner = CliRunner()


def cli_json(*args):
    result = runner.invoke(app, ["--quiet", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def members(treaty, on):
    return {r["state"]: r for r in cli_json("members", treaty, "--on", on)}


def member(state, treaty, on):
    """A state's membership on a day: True, 'uncertain' (an imprecise date), another status
    ('signatory') or False."""
    row = members(treaty, on).get(state)
    if row is None:
        return False
    if row["status"] != "member":
        return row["status"]
    return True if row["certain"] else "uncertain"


def allied(a, b, on):
    return cli_json("allies", a, b, "--on", on)["allied"]


def pair(a, b, on, obligation="defence"):
    """The JSON answer of `allies A B --on DATE --obligation OBLIGATION`."""
    return cli_json("allies", a, b, "--on", on, "--obligation", obligation)


def via(a, b, on, obligation="defence"):
    return set(pair(a, b, on, obligation)["via"] or [])


def check_window(treaty, a, b, before, first, last, after, obligation="defence"):
    """`treaty` links a and b from `first` to `last` inclusive, not on `before` or `after` (each
    may be None: not checked)."""
    if before:
        assert treaty not in via(a, b, before, obligation)
    assert treaty in via(a, b, first, obligation)
    assert treaty in via(a, b, last, obligation)
    if after:
        assert treaty not in via(a, b, after, obligation)
