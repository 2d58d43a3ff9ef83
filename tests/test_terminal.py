"""Odd machines: a nonsensical COLUMNS, a standard output that cannot encode Unicode, a full disk
behind standard output."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliances.cli import app
from alliances.terminal import DEFAULT_COLUMNS, columns

from .conftest import FIXTURES

runner = CliRunner()
DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]
SRC = str(Path(__file__).parents[1] / "src")


def _run(*args, encoding="ascii", data=DATA, **kwargs):
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "PYTHONIOENCODING": encoding}
    env.pop("COLUMNS", None)
    return subprocess.run([sys.executable, "-m", "alliances", *data, *args], env=env,
                          capture_output=kwargs.pop("capture_output", True), **kwargs)


# -- width ------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["0", "-5", "3", "wide", "20000", "99999999999"])
def test_a_nonsensical_columns_falls_back_to_80(value):
    result = runner.invoke(app, [*DATA, "members", "alpha", "--on", "1995-03-01"],
                           env={"COLUMNS": value})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any("Aland" in line for line in lines) and any("Cirrus" in line for line in lines)
    assert max(len(line) for line in lines) <= 80


def _bar_widths(result) -> set[int]:
    # a bar row is its label, " │" and the bars, which fill the console but its last column
    return {len(line) + 1 for line in result.stdout.splitlines() if "│" in line}


def test_a_timeline_with_a_huge_columns_is_80_wide():
    result = runner.invoke(app, [*DATA, "timeline", "alpha"], env={"COLUMNS": "20000"})
    assert result.exit_code == 0
    assert _bar_widths(result) == {80}
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_a_sensible_columns_is_kept():
    result = runner.invoke(app, [*DATA, "timeline", "alpha"], env={"COLUMNS": "100"})
    assert _bar_widths(result) == {100}
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    assert columns({"COLUMNS": "100"}, io.StringIO()) is None  # rich reads it as usual
    assert columns({}, io.StringIO()) is None
    assert columns({"COLUMNS": "0"}, io.StringIO()) == DEFAULT_COLUMNS  # not a terminal: 80


# -- encodings --------------------------------------------------------------------------------
def test_a_table_on_an_ascii_terminal_degrades_to_ascii():
    done = _run("members", "alpha", "--on", "1995-03-01")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("ascii")  # nothing but ASCII
    # the title's em dash becomes '-', the box is drawn with + - |
    assert out.startswith("ADT - Alpha Defence Treaty: ") and "+---" in out and "| Aland " in out


def test_a_timeline_on_an_ascii_terminal_degrades_to_ascii():
    done = _run("timeline", "alpha")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("ascii").count("|") >= 3  # the label separator '│' became '|'


@pytest.mark.parametrize("data, args", [
    (DATA, ["states", "-f", "csv"]),  # AAA's alias Ålandia
    (DATA, ["states", "-f", "json"]),
    (DATA, ["export", "events", "-f", "yaml"]),  # and alpha's alias Пакт Альфа
    ([], ["export", "events", "-s", "TUR"]),  # the bundled data: Türkiye
    ([], ["export", "events", "-s", "TUR", "-f", "jsonl"]),
    ([], ["members", "nato", "--on", "2023", "-f", "csv"]),  # Türkiye since 1 June 2022
    ([], ["allies", "TUR", "USA", "--on", "2023", "-f", "json"]),
    ([], ["validate", "-f", "csv"]),  # no problems: only the header, but through the same path
])
def test_data_on_an_ascii_stdout_is_utf8_and_unchanged(data, args):
    ascii_run = _run(*args, data=data)
    utf8_run = _run(*args, data=data, encoding="utf-8")
    assert ascii_run.returncode == 0, ascii_run.stderr
    assert ascii_run.stdout == utf8_run.stdout  # the same bytes, whatever the locale
    if args[0] != "validate":
        assert not ascii_run.stdout.isascii()  # the case is real: the data hold non-ASCII text


def test_the_ascii_fallback_keeps_names_in_csv():
    done = _run("states", "-f", "csv")
    assert "Ålandia" in done.stdout.decode("utf-8")


# -- a full disk behind stdout ----------------------------------------------------------------
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["export", "events"], ["members", "alpha", "--on", "1995"],
                                  ["states", "-f", "json"], ["validate"]])
def test_a_full_disk_behind_stdout_is_one_line_and_exit_1(args):
    with open("/dev/full", "wb") as full:  # opened for writing like `> /dev/full`; never replaced
        done = _run(*args, stdout=full, capture_output=False, stderr=subprocess.PIPE,
                    encoding="utf-8")
    assert done.returncode == 1
    assert done.stderr.decode().splitlines()[-1:] == [
        "alliances: cannot write to standard output: No space left on device"]
    assert b"Exception ignored" not in done.stderr and b"Traceback" not in done.stderr
