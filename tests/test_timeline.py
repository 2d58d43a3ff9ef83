"""Timelines: structure at fixed widths (rows, bar extents at known dates, legend)."""

import io
from datetime import date

from rich.console import Console
from typer.testing import CliRunner

from alliances.cli import app
from alliances.render import render_timeline
from alliances.timeline import build_compare, build_state_timeline, build_treaty_timeline, ticks

from .conftest import FIXTURES

DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]


def cell(tl, label, day):
    row = next(r for r in tl.rows if r.label == label)
    return row.cells[tl.column(day)]


def test_treaty_timeline_bars_at_known_dates(mini, engine):
    tl = build_treaty_timeline(mini, engine, "beta", 100, date(2000, 1, 1), date(2026, 1, 1))
    assert [r.label for r in tl.rows] == ["Aland", "Bolland", "Dorado"]
    assert cell(tl, "Dorado", date(2000, 6, 1)) == ""
    assert cell(tl, "Dorado", date(2002, 6, 1)) == "observer"
    assert cell(tl, "Dorado", date(2007, 6, 1)) == "member"
    assert cell(tl, "Dorado", date(2010, 6, 1)) == "withdrawing"
    assert cell(tl, "Dorado", date(2012, 6, 1)) == ""
    assert cell(tl, "Aland", date(2020, 6, 1)) == "member"
    assert cell(tl, "Aland", date(2025, 6, 1)) == "withdrawing"
    dorado = next(r for r in tl.rows if r.label == "Dorado")
    assert dorado.markers[tl.column(date(2010, 1, 1))] == "N"
    assert dorado.markers[tl.column(date(2011, 1, 1))] == "]"


def test_imprecise_boundary_is_drawn_uncertain(mini, engine):
    tl = build_treaty_timeline(mini, engine, "alpha", 120, date(1990, 1, 1), date(2000, 1, 1))
    assert cell(tl, "Cirrus", date(1994, 6, 1)) == "member"
    assert cell(tl, "Cirrus", date(1995, 6, 15)) == "?"
    assert cell(tl, "Cirrus", date(1996, 6, 1)) == ""


def test_state_timeline_has_one_row_per_treaty(mini, engine):
    tl = build_state_timeline(mini, engine, "AAA", 60)
    assert [r.label for r in tl.rows] == ["Gamma Security Treaty", "ADT", "BO",
                                          "Delta Consultation Pact"]


def test_compare_groups_rows_by_state(mini, engine):
    tl = build_compare(mini, engine, ["EEE", "DDD"], 60)
    assert [r.label.split(" · ")[0] for r in tl.rows] == ["Elbonia", "Elbonia", "Dorado"]


def test_render_fits_80_columns_with_axis_and_legend(mini, engine):
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None)
    tl = build_treaty_timeline(mini, engine, "beta", 80 - 25, on=date(2010, 6, 1))
    render_timeline(console, tl, ascii_only=True)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[0] == "BO — Beta Organisation"
    bar_rows = [line for line in lines if "│" in line]
    assert [line.split("│")[0].strip() for line in bar_rows] == ["Aland", "Bolland", "Dorado"]
    text = out.getvalue()
    assert "# member" in text and "= suspended / frozen" in text and "| 2010-06-01" in text
    years = [year for _, year in ticks(tl)]
    assert all(str(y) in text for y in years) and len(years) >= 3
    assert all(ord(ch) < 128 for line in bar_rows for ch in line.split("│", 1)[1])


def test_cli_timeline_plain_ascii_when_not_a_terminal_and_svg(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, [*DATA, "timeline", "beta", "--on", "2010-06-01"])
    assert result.exit_code == 0, result.stderr
    assert "#" in result.stdout and "█" not in result.stdout
    svg = tmp_path / "beta.svg"
    result = runner.invoke(app, [*DATA, "timeline", "beta", "--svg", str(svg)])
    assert result.exit_code == 0 and svg.read_text().startswith("<svg")
    result = runner.invoke(app, [*DATA, "compare", "aaa", "eee", "--from", "1980", "--to", "2026"])
    assert result.exit_code == 0 and "Elbonia" in result.stdout
