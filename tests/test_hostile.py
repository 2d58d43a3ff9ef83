"""Hostile text: what validation refuses, and what the renderers do with text that gets past it.

The broken files themselves are in tests/bad (control-char-*, bidi-override-*, line-break-*,
lone-surrogate); here are the cases the corpus cannot hold: the pure-Python YAML reader, and a
Dataset built through the API, which no validation has seen.
"""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliances import cli, yamlread
from alliances.api import Alliances
from alliances.dates import parse_date
from alliances.errors import DataError
from alliances.loading import check, load
from alliances.model import Dataset, Event, Source, State, Treaty
from alliances.safetext import printable, unsafe_char

from .conftest import FIXTURES

BAD = Path(__file__).parent / "bad"
runner = CliRunner()

# Every kind of character validation refuses, in one string.
HOSTILE = ("<&> \x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07"  # OSC 52: set the clipboard
           "\x1b[2J\x1b[8m"  # clear the screen, hide what follows
           "\r\x00\x7f\x9b\u202e\u2066\ud800\uffff")


@pytest.fixture
def pure_yaml(monkeypatch):
    """Compose with PyYAML's pure-Python reader, which decodes escapes libyaml refuses."""
    monkeypatch.setattr(yamlread, "PARSER", "pure")


def test_lone_surrogate_is_refused_by_the_pure_python_reader(pure_yaml):
    _, problems = check([FIXTURES / "states.yaml", BAD / "lone-surrogate.yaml"], bundled=False,
                        env=False)
    assert [(p.line, p.col, p.what) for p in problems] == [
        (5, 11, "name of treaty 't1' contains U+D800 (a lone surrogate, which is not a character)")]
    with pytest.raises(DataError):
        load([FIXTURES / "states.yaml", BAD / "lone-surrogate.yaml"], bundled=False, env=False)


def test_lone_surrogate_cli_answers_with_a_data_error_not_a_crash(pure_yaml):
    result = runner.invoke(cli.app, ["--no-bundled", "--data", str(FIXTURES / "states.yaml"),
                                     "--data", str(BAD / "lone-surrogate.yaml"), "members", "t1"])
    assert result.exit_code == 1
    assert "lone-surrogate.yaml:5:11: name of treaty 't1' contains U+D800" in result.stderr


def test_a_surrogate_pair_written_as_two_escapes_is_refused_too(pure_yaml, tmp_path):
    # "\ud83d\ude00" is JSON's way to write an emoji; YAML escapes are code points, so the pure
    # reader gives two lone surrogates.
    path = tmp_path / "pair.yaml"
    path.write_text('states:\n  XXA: {name: "X \\ud83d\\ude00"}\n', encoding="utf-8")
    _, problems = check([path], bundled=False, env=False)
    assert [(p.line, p.col) for p in problems] == [(2, 15)]
    assert "U+D83D" in problems[0].what


@pytest.mark.parametrize("ch", ["\x00", "\x1b", "\r", "\x7f", "\x85", "\x9f", "\u202a", "\u202e",
                                "\u2066", "\u2069", "\ud800", "\udfff", "\ufffe"])
def test_each_refused_character(ch):
    assert unsafe_char(f"a{ch}b") == ch
    assert unsafe_char(f"a{ch}b", multiline=True) == ch
    assert len(printable(f"a{ch}b")) == 3 and unsafe_char(printable(f"a{ch}b")) is None


@pytest.mark.parametrize("text", ["Договор", "試験", "😀", "a\u200fb", "\u00a0", "ﬁ"])
def test_printable_text_of_any_script_is_accepted(text):
    assert unsafe_char(text) is None and printable(text) is text


def test_tab_and_newline_only_where_text_may_span_lines():
    assert unsafe_char("a\nb") == "\n" and unsafe_char("a\tb") == "\t"
    assert unsafe_char("a\nb\tc", multiline=True) is None
    assert printable("a\nb\tc") == "a\nb\tc"


def hostile_dataset() -> Dataset:
    """Every text field holds HOSTILE: what the API lets a program build without validation."""
    d = parse_date
    src = (Source(f"https://example.org/{HOSTILE}", HOSTILE, HOSTILE),)
    treaty = Treaty("t1", f"Treaty {HOSTILE}", "treaty", ("defence",), d("2000-01-01"),
                    short=f"T{HOSTILE}", aliases=(HOSTILE,), note=HOSTILE, sources=src)
    treaty.members = {
        "AAA": [Event("t1", "AAA", d("2000-01-01"), "joined", HOSTILE, src, order=1),
                Event("t1", "AAA", d("2010-01-01"), "suspended", HOSTILE, src, towards=("BBB",),
                      order=2),
                Event("t1", "AAA", d("2020-01-01"), "withdrawal_announced", HOSTILE, src, order=3)],
        "BBB": [Event("t1", "BBB", d("2000-01-01"), "joined", HOSTILE, src, order=4)],
    }
    states = {c: State(c, f"{c} {HOSTILE}", aliases=(HOSTILE,), note=HOSTILE, sources=src)
              for c in ("AAA", "BBB")}
    return Dataset({"t1": treaty}, states)


@pytest.fixture
def hostile(monkeypatch):
    monkeypatch.setattr(cli, "_api", lambda data: Alliances(hostile_dataset()))


def refused_in(text: str) -> set[str]:
    return {ch for ch in text if unsafe_char(ch) and ch not in "\t\n"}


@pytest.mark.parametrize("args", [
    ["members", "t1", "--on", "2021"],
    ["memberships", "AAA", "--on", "2021"],
    ["allies", "AAA", "BBB", "--on", "2015"],
    ["allies", "AAA", "--on", "2015"],
    ["history", "t1"],
    ["treaties"],
    ["states"],
    ["timeline", "t1", "--on", "2015"],
    ["timeline", "AAA"],
    ["compare", "AAA", "BBB"],
])
def test_terminal_output_never_carries_the_data_s_control_characters(hostile, args):
    result = runner.invoke(cli.app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "AAA" in result.stdout or "t1" in result.stdout  # the answer is there ...
    assert refused_in(result.stdout) == set()  # ... with its escapes shown, not sent
    assert refused_in(result.stderr) == set()


def test_a_name_that_resolves_to_nothing_is_echoed_safely(hostile):
    result = runner.invoke(cli.app, ["members", "x\x1b]52;c;eA==\x07"])
    assert result.exit_code == 2
    assert refused_in(result.stderr) == set() and "unknown treaty" in result.stderr


@pytest.mark.parametrize("args", [["timeline", "t1"], ["compare", "AAA", "BBB"]])
def test_svg_and_html_are_valid_whatever_the_names_hold(hostile, tmp_path, args):
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    result = runner.invoke(cli.app, [*args, "--svg", str(svg), "--html", str(html)])
    assert result.exit_code == 0, result.stderr
    root = ET.parse(svg).getroot()  # raises on a control character or a bare '<' or '&'
    shown = "".join(root.itertext())
    assert "AAA" in shown and "<&>" in shown.replace("\xa0", " ")
    assert refused_in(svg.read_text(encoding="utf-8")) == set()
    assert refused_in(html.read_text(encoding="utf-8")) == set()
