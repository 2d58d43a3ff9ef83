"""Exports: hand-written golden files, the dyad-year property, the YAML round trip, atomic files."""

import csv
import io
import os
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from alliances.atomic import atomic_write
from alliances.cli import app
from alliances.loading import load
from alliances.yamlout import dataset_document, write_yaml

from .conftest import FIXTURES, MINI

GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()
DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]


@pytest.mark.parametrize(
    "golden, args",
    [
        ("intervals-beta.csv", ["export", "intervals", "--treaty", "beta"]),
        ("events-ddd.csv", ["export", "events", "--state", "DDD"]),
        ("snapshot-2024-07-01-beta.csv", ["export", "snapshot", "--on", "2024-07-01", "-t", "BO"]),
        ("state-year-ccc-ddd.csv", ["export", "state-year", "-s", "CCC", "-s", "DDD", "--from", "1994",
                                    "--to", "2011"]),
        ("dyad-year-1985-1987.csv", ["export", "dyad-year", "--from", "1985", "--to", "1987"]),
    ],
)
def test_export_matches_hand_written_golden_file(golden, args):
    result = runner.invoke(app, [*DATA, *args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_dyad_year_directed_lists_both_orders():
    result = runner.invoke(app, [*DATA, "export", "dyad-year", "--from", "1990", "--to", "1990",
                                 "--directed"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    pairs = {(r["state1"], r["state2"]) for r in rows}
    assert {("AAA", "CCC"), ("CCC", "AAA")} <= pairs and len(pairs) == 8
    # AAA-BBB, AAA-CCC, BBB-CCC both ways, and AAA-EEE under each of EEE's codes both ways
    # (EEE suspended its relation with BBB in 1986)
    assert len({(r["ccode1"], r["ccode2"]) for r in rows}) == 10
    # EEE's COW code changed on 1990-10-03 (105, then 106) while it was in gamma: as in COW's
    # own panels, the year has a row under each code
    assert {r["ccode1"] for r in rows if r["state1"] == "EEE"} == {"105", "106"}


def test_export_to_file_is_atomic_and_keeps_old_file_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old complete content\n")
    with pytest.raises(RuntimeError), atomic_write(target) as out:
        out.write("half a row")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old complete content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temp file left behind
    result = runner.invoke(app, [*DATA, "export", "events", "-o", str(target)])
    assert result.exit_code == 0 and target.read_text().startswith("treaty,state,")


def test_output_file_gets_ordinary_permissions(tmp_path):
    import os
    import stat

    target = tmp_path / "new.csv"
    old = os.umask(0o022)
    try:
        assert runner.invoke(app, [*DATA, "export", "events", "-o", str(target)]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_closed_pipe_ends_quietly():
    cmd = [sys.executable, "-m", "alliances", *DATA, "export", "dyad-year", "--from", "1950",
           "--to", "2020", "--directed"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    assert proc.stderr is not None
    with proc.stderr:
        stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert b"Traceback" not in stderr and b"Error" not in stderr


def _events(ds):
    return sorted(
        (e.treaty, e.state, str(e.date), e.kind, e.note, tuple(s.url for s in e.sources),
         str(e.effective), e.towards)
        for t in ds.treaties.values() for evs in t.members.values() for e in evs)


def _treaties(ds):
    return {t.id: (t.name, t.short, t.aliases, t.kind, t.obligations, str(t.signed),
                   str(t.in_force), str(t.ended), t.predecessor, t.successor, t.exclusive_with,
                   t.atop_ids, t.cow_ids, t.pledges, t.sources)
            for t in ds.treaties.values()}


def _round_trip(ds, tmp_path):
    path = tmp_path / "round-trip.yaml"
    with path.open("w", encoding="utf-8") as fh:
        write_yaml(dataset_document(ds), fh)
    return load([path], bundled=False, env=False)


def test_round_trip_of_the_fixture(tmp_path):
    ds = load(MINI, bundled=False, env=False)
    again = _round_trip(ds, tmp_path)
    assert _events(again) == _events(ds) and _treaties(again) == _treaties(ds)
    assert {k: (s.name, s.iso2, s.cow, s.aliases, s.start, s.end, s.successor)
            for k, s in again.states.items()} == {
        k: (s.name, s.iso2, s.cow, s.aliases, s.start, s.end, s.successor)
        for k, s in ds.states.items()}


def test_round_trip_of_the_bundled_data(tmp_path):
    ds = load(env=False)
    again = _round_trip(ds, tmp_path)
    assert _events(again) == _events(ds) and _treaties(again) == _treaties(ds)
    assert {k: (s.name, s.iso2, s.cow, s.start, s.end) for k, s in again.states.items()} == {
        k: (s.name, s.iso2, s.cow, s.start, s.end) for k, s in ds.states.items()}


# -- random datasets ---------------------------------------------------------------------------
CODES = ["AAA", "BBB", "CCC", "DDD", "EEE"]
day = st.dates(min_value=date(1950, 1, 1), max_value=date(2020, 12, 31))


@st.composite
def datasets(draw):
    """Valid random datasets: day-precise spells that never overlap within a treaty."""
    treaties = {}
    for t in range(draw(st.integers(1, 3))):
        members = {}
        for code in draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=5, unique=True)):
            dates = sorted(set(draw(st.lists(day, min_size=1, max_size=4))))
            events = [{"date": d.isoformat(), "event": "joined" if i % 2 == 0 else "left"}
                      for i, d in enumerate(dates)]
            members[code] = {"events": events}
        treaties[f"t{t}"] = {"name": f"T{t}", "kind": "treaty", "obligations": ["defence"],
                             "signed": "1950", "sources": ["https://example.org"],
                             "members": members}
    return {"treaties": treaties}


def _write(doc, folder: Path) -> Path:
    import yaml

    path = folder / "random.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=datasets())
def test_dyad_year_equals_pairwise_overlap_of_intervals(doc, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dyads")
    args = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(_write(doc, folder))]
    intervals = list(csv.DictReader(io.StringIO(
        runner.invoke(app, [*args, "export", "intervals"]).stdout)))
    expected = set()
    for a in intervals:
        for b in intervals:
            if a["treaty"] != b["treaty"] or a["state"] >= b["state"]:
                continue
            start = max(date.fromisoformat(a["start"]), date.fromisoformat(b["start"]))
            end = min(date.fromisoformat(x["end"]) if x["end"] else date(2021, 1, 1) for x in (a, b))
            for year in range(1950, 2021):
                if start < end and start <= date(year, 12, 31) and end > date(year, 1, 1):
                    expected.add((year, a["state"], b["state"], a["treaty"]))
    dyads = list(csv.DictReader(io.StringIO(runner.invoke(
        app, [*args, "export", "dyad-year", "--from", "1950", "--to", "2020"]).stdout)))
    got = {(int(r["year"]), *sorted((r["state1"], r["state2"])), t)
           for r in dyads for t in r["treaties"].split()}
    assert got == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=datasets())
def test_round_trip_is_identity_on_random_datasets(doc, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rt")
    ds = load([FIXTURES / "states.yaml", _write(doc, folder)], bundled=False, env=False)
    again = _round_trip(ds, folder)
    assert _events(again) == _events(ds) and _treaties(again) == _treaties(ds)


def test_progress_counter_only_on_a_terminal_after_a_second(monkeypatch):
    import time as time_module

    import alliances.cli as cli

    rows = [{"n": i} for i in range(3000)]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with cli._Progress() as progress:  # not a terminal: rows pass through, nothing is shown
        assert list(progress.counted(iter(rows))) == rows
        progress.update(10**6)
        assert progress._shown is None

    clock = iter(range(0, 10_000))
    monkeypatch.setattr(time_module, "monotonic", lambda: next(clock))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    started = []

    class FakeProgress:
        def __init__(self, *args, **kwargs):
            started.append(self)
            self.completed = 0

        def start(self):
            pass

        def add_task(self, name, completed):
            self.completed = completed
            return 1

        def update(self, task, completed):
            self.completed = completed

        def stop(self):
            self.stopped = True

    import rich.progress

    monkeypatch.setattr(rich.progress, "Progress", FakeProgress)
    with cli._Progress() as progress:
        assert list(progress.counted(iter(rows))) == rows
        assert not hasattr(started[0], "stopped")
    assert len(started) == 1 and started[0].completed == 3000 and started[0].stopped


def _csv_writer_text(ds, fmt, directed, years=range(1945, 2027), **options):
    options["directed"] = directed
    """The dyad-year rows written the plain way: one csv.writer row per tuple."""
    from alliances.dyadyear import DYAD_YEAR_COLUMNS, PanelOptions, dyad_year_tuples
    from alliances.filters import Filters
    from alliances.query import Engine

    out = io.StringIO()
    writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    writer.writerow(DYAD_YEAR_COLUMNS)
    writer.writerows(dyad_year_tuples(ds, Engine(ds), Filters(), years, PanelOptions(**options),
                                      csv_ready=True))
    return out.getvalue()


def _fast_text(ds, fmt, directed, years=range(1945, 2027), progress=None, **options):
    from alliances.dyadyear import PanelOptions, write_dyad_years
    from alliances.filters import Filters
    from alliances.query import Engine

    out = io.StringIO()
    n = write_dyad_years(ds, Engine(ds), Filters(), years, fmt, out,
                         PanelOptions(directed=directed, **options), progress=progress)
    return out.getvalue(), n


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("directed", [False, True])
def test_dyad_year_writer_equals_plain_csv_writer_on_bundled_data(fmt, directed):
    ds = load(bundled=True, env=False)
    counts = []
    text, n = _fast_text(ds, fmt, directed, progress=counts.append)
    assert text == _csv_writer_text(ds, fmt, directed)
    assert n == text.count("\n") - 1 > 40_000 * (2 if directed else 1)
    assert counts == sorted(counts) and counts[-1] == n  # progress rises to the row count


def test_dyad_year_writer_quotes_like_csv_writer(mini):
    import copy

    ds = copy.deepcopy(mini)
    odd = 'odd,"id"'
    treaty = ds.treaties.pop("alpha")
    treaty.id = odd
    for events in treaty.members.values():
        for e in events:
            e.treaty = odd
    ds.treaties[odd] = treaty
    text, _ = _fast_text(ds, "csv", False)
    assert '"odd,""id""' in text
    assert text == _csv_writer_text(ds, "csv", False)


def test_dyad_year_json_goes_through_rows(mini):
    from alliances.dyadyear import DYAD_YEAR_COLUMNS

    text, n = _fast_text(mini, "json", False)
    rows = __import__("json").loads(text)
    assert len(rows) == n > 0 and list(rows[0]) == DYAD_YEAR_COLUMNS


def _suggested(header_text: str) -> list[str]:
    lines = [line[1:].strip() for line in header_text.splitlines() if line.startswith("#   ")]
    assert len(lines) == 1, header_text
    return shlex.split(lines[0])


@pytest.mark.parametrize("filters", [[], ["-t", "csto"], ["-t", "warsaw-pact"],
                                     ["--kind", "organisation"], ["-s", "ARM"]])
def test_the_yaml_export_suggests_a_command_that_loads_it(tmp_path, filters):
    # csto's predecessor, the Warsaw Pact's exclusive_with and the WEU's predecessor name
    # treaties that these filters leave out.
    target = tmp_path / "my export.yaml"
    result = runner.invoke(app, ["export", "events", "-f", "yaml", *filters, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    words = _suggested(target.read_text(encoding="utf-8"))
    assert words == ["alliances", "--no-bundled", "--data", str(target), "validate"]
    again = runner.invoke(app, words[1:])
    assert again.exit_code == 0, again.stderr
    assert again.stdout.startswith("ok: 1 files, ")


def test_the_yaml_export_to_stdout_names_a_placeholder_and_clears_alliances_data(tmp_path):
    env = {"ALLIANCES_DATA": f"{FIXTURES / 'states.yaml'}{os.pathsep}{FIXTURES / 'mini.yaml'}"}
    result = runner.invoke(app, ["--no-bundled", "export", "events", "-f", "yaml"], env=env)
    assert result.exit_code == 0, result.stderr
    target = tmp_path / "out.yaml"
    target.write_text(result.stdout, encoding="utf-8")
    words = _suggested(result.stdout)
    # the file holds ALLIANCES_DATA's treaties: loaded with them again, each would be defined twice
    assert words == ["ALLIANCES_DATA=", "alliances", "--no-bundled", "--data", "FILE", "validate"]
    args = [str(target) if w == "FILE" else w for w in words[2:]]
    assert runner.invoke(app, args, env=env).exit_code == 1
    again = runner.invoke(app, args, env={"ALLIANCES_DATA": ""})
    original = runner.invoke(app, ["--no-bundled", "validate"], env=env)
    assert original.stdout.startswith("ok: 2 files, ")  # the fixture's two files, then counts
    assert again.exit_code == 0 and again.stdout == original.stdout.replace("2 files", "1 files")


def test_a_yaml_extract_by_date_suggests_no_command():
    result = runner.invoke(app, [*DATA, "export", "events", "-f", "yaml", "--from", "2000"])
    assert result.exit_code == 0
    assert "# An extract by date" in result.stdout and "\n#   alliances" not in result.stdout


def test_round_trip_keeps_pledges(tmp_path):
    good = Path(__file__).parent / "good" / "pledges.yaml"
    ds = load([FIXTURES / "states.yaml", good], bundled=False, env=False)
    assert len(ds.treaties["guarantee"].pledges) == 2
    again = _round_trip(ds, tmp_path)
    assert again.treaties["guarantee"].pledges == ds.treaties["guarantee"].pledges


@pytest.mark.parametrize("command", [["members", "beta", "--on", "2024-07-01"],
                                     ["memberships", "AAA", "--on", "2024-07-01"],
                                     ["allies", "AAA", "--on", "1990"], ["treaties"], ["states"],
                                     ["history", "DDD"], ["validate"]])
def test_every_query_command_offers_every_row_format(command):
    """One registry of row formats: tsv and jsonl too, with the same columns as csv."""
    by_format = {}
    for fmt in ("csv", "tsv", "json", "jsonl"):
        result = runner.invoke(app, [*DATA, *command, "--format", fmt])
        assert result.exit_code == 0, (fmt, result.stderr)
        by_format[fmt] = result.stdout
    csv_rows = list(csv.DictReader(io.StringIO(by_format["csv"])))
    tsv_rows = list(csv.DictReader(io.StringIO(by_format["tsv"]), delimiter="\t"))
    jsonl_rows = [__import__("json").loads(line) for line in by_format["jsonl"].splitlines()]
    assert tsv_rows == csv_rows
    assert len(jsonl_rows) == len(csv_rows)
    if command[0] != "validate":
        assert csv_rows, command  # each question has an answer in the fixture
        assert list(jsonl_rows[0]) == list(csv_rows[0])
