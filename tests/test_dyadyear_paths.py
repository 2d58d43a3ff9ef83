"""The dyad-year export's fast path for pairs of states that held one code all their lives
(dyadyear._pair_pieces, one sweep over a pair's links and statuses) must write what the general
path (by_stretches: _pair_runs, then with_statuses) writes, byte for byte: the general path is
the reference, switched on for every pair with dyadyear.FAST_PAIRS = False."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from alliances import dyadyear
from alliances.dyadyear import PanelOptions, write_dyad_years
from alliances.filters import Filters
from alliances.loading import load
from alliances.model import ALLIED_STATUSES, allied_statuses
from alliances.query import Engine

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

SIGNATORIES = allied_statuses("count", "count")
OPTIONS = {  # name -> (PanelOptions' arguments, the statuses that bind)
    "plain": ({}, ALLIED_STATUSES),
    "directed": ({"directed": True}, ALLIED_STATUSES),
    "as-member": ({"uncertain": "as-member"}, ALLIED_STATUSES),
    "as-nonmember": ({"uncertain": "as-nonmember"}, ALLIED_STATUSES),
    "suspended excluded": ({}, allied_statuses("exclude")),
    "signatories counted": ({}, SIGNATORIES),
    "signatories counted, suspended excluded": ({}, allied_statuses("exclude", "count")),
    "gw system": ({"system": "gw"}, ALLIED_STATUSES),
    "cow panel": ({"system": "cow", "panel": True}, ALLIED_STATUSES),
}


def _both(ds, years: range, kwargs: dict, statuses: frozenset[str], monkeypatch) -> list[str]:
    out = []
    for fast in (True, False):
        monkeypatch.setattr(dyadyear, "FAST_PAIRS", fast)
        engine = Engine(ds, statuses)
        opts = PanelOptions(covered=ds.covered_years() if kwargs.get("panel") else None, **kwargs)
        text = io.StringIO()
        write_dyad_years(ds, engine, Filters(), years, "csv", text, opts)
        out.append(text.getvalue())
    return out


def _same(fast: str, general: str) -> None:
    """Assert equal, naming the first line that differs (pytest's diff of two large texts
    takes minutes)."""
    if fast != general:
        a, b = fast.splitlines(), general.splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False))
                      if x != y), min(len(a), len(b)))
        pytest.fail(f"line {first + 1}: fast {a[first:first + 1]} general {b[first:first + 1]} "
                    f"({len(a)} and {len(b)} lines)")


@pytest.fixture(scope="module")
def bundled():
    return load([], bundled=True, env=False)


@pytest.mark.parametrize("name", list(OPTIONS))
def test_fast_pairs_write_what_the_general_path_writes_on_the_bundled_data(bundled, name,
                                                                           monkeypatch):
    kwargs, statuses = OPTIONS[name]
    fast, general = _both(bundled, range(1940, 2027), kwargs, statuses, monkeypatch)
    assert fast.count("\n") > 1000
    _same(fast, general)


def test_the_comparison_covers_suspended_members_and_ranged_dates(bundled, monkeypatch):
    """The bundled rows the fast path writes hold suspended statuses and uncertain links, so
    the test above compares those codings too (Cuba in the OAS and the Rio Treaty, 1962-2009)."""
    fast, _ = _both(bundled, range(1940, 2027), {}, ALLIED_STATUSES, monkeypatch)
    lines = fast.splitlines()
    assert any(",suspended" in line or "suspended," in line for line in lines)
    assert any(line.endswith(",0") for line in lines[1:])  # certain = 0
    assert not any("signatory" in line for line in lines)


def test_the_comparison_covers_signatories_when_they_count(bundled, monkeypatch):
    """Counted, signatories show in the status columns, alone and in the year they became bound
    (`member+signatory`), so the comparison above covers those codings too."""
    fast, _ = _both(bundled, range(1940, 2027), {}, SIGNATORIES, monkeypatch)
    rows = list(csv.DictReader(io.StringIO(fast)))
    tokens = {tok for r in rows for cell in (r["status1"], r["status2"]) for tok in cell.split()}
    assert {"signatory", "member+signatory"} <= tokens


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """The benchmarks' synthetic data (a member suspended in about a tenth of the events, a
    fifth of the dates months or years, several treaties per pair)."""
    if not (BENCHMARKS / "generate.py").exists():
        pytest.skip("benchmarks/generate.py is not in this copy (an sdist)")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    folder = tmp_path_factory.mktemp("synthetic")
    generate(12000, folder)
    return load([folder], bundled=False, env=False)


@pytest.mark.parametrize("name", ["plain", "directed", "as-member", "suspended excluded",
                                  "signatories counted"])
def test_fast_pairs_agree_on_synthetic_data_dense_with_suspensions(synthetic, name, monkeypatch):
    kwargs, statuses = OPTIONS[name]
    fast, general = _both(synthetic, range(1950, 2026), kwargs, statuses, monkeypatch)
    if "suspended" in statuses:
        assert "suspended" in fast
    _same(fast, general)


@pytest.mark.parametrize("years", [range(1975, 1981), range(1990, 1991), range(2019, 2026)])
def test_fast_pairs_agree_on_a_window_of_years(synthetic, years, monkeypatch):
    """Years that cut through links: links that begin before the window or end after it, status
    changes before and after a link's years in the window (those before give the status the
    link starts with, those after it do not show), links wholly outside it."""
    fast, general = _both(synthetic, years, {}, ALLIED_STATUSES, monkeypatch)
    lines = fast.splitlines()[1:]
    assert len(lines) > 1000
    assert any("suspended" in line for line in lines if line.startswith(f"{years[0]},"))
    _same(fast, general)


@pytest.mark.parametrize("statuses", [ALLIED_STATUSES, SIGNATORIES])
def test_status_changes_are_the_status_years_as_changes(bundled, statuses):
    """dyadyear._status_changes (the fast path's statuses) against _status_years (the general
    path's) for every member of every bundled treaty, year by year."""
    engine = Engine(bundled, statuses)
    extra = statuses - {"member"}
    lo, hi = 1900, 2030
    seen = 0
    for tid, treaty in bundled.treaties.items():
        for code in treaty.members:
            segments = engine.segments(tid, code)
            by_year = {y: s for y, s in dyadyear._status_years(segments, hi, extra).items()
                       if y >= lo}
            current, expanded = "member", {}
            changes = dict(dyadyear._status_changes(segments, lo, hi, extra))
            for y in range(lo, hi + 2):
                current = changes.get(y, current)
                if current != "member":
                    expanded[y] = current
            assert expanded == by_year, (tid, code)
            seen += bool(by_year)
    assert seen >= 5  # members ever suspended (the OAS, the Arab League, the CSTO, ...)
