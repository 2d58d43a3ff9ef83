"""Measure alliances whole-process, as ratios within one run (absolute times vary by machine).

    python benchmarks/run.py [--quick] [--out benchmarks/results.md]

(a) the floor any typer CLI pays: `python -c "import typer"` (and `import typer, rich.table`);
(b) `alliances members NATO --on 2020-01-01` as JSON and as a table on the bundled data;
(c) the same query on generated data of 10k, 100k and 1M events, cold (no cache) and warm;
(d) `yaml.load(..., CSafeLoader)` of the same generated files: the raw parse floor;
(e) `export dyad-year` rows per second against writing the same rows with a bare csv.writer
    (CPU seconds, medians of 3 rounds in new processes; target 0.5x);
(f) peak memory (max RSS) of each. `--quick` skips the 1M-event data;
(g) the hostile shapes of issue 14 (see generate.py) at a size, twice and four times that size:
    the exclusive_with check of `validate`, and `allies X` over the whole period, the dyad-year
    and the state-year exports on one treaty of many short stays. Target: doubling the input
    costs less than 2.5x the time (n log n, not n^2), taken as the square root of the 4x/1x
    ratio (steadier than one doubling on a busy machine). Timed in one process, after loading,
    so the (linear) parse does not hide the growth; CPU time of the process (other processes
    on a busy machine do not count), best of 5, the cyclic GC paused as the loader pauses it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate, generate_exclusive, generate_spans  # noqa: E402

PY = sys.executable
# the console script, as users run it (python -m alliances when it is not installed beside PY)
_SCRIPT = Path(PY).parent / "alliances"
ALLIANCES = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "alliances"]
TIME = shutil.which("time") or "/usr/bin/time"


def run(cmd: list[str], env: dict[str, str] | None = None, reps: int = 5,
        before=None) -> tuple[float, int | None]:
    """Median wall time over `reps` runs and the largest max-RSS (KiB) seen."""
    times, peak = [], None
    for _ in range(reps):
        if before:
            before()
        full = [TIME, "-f", "%M", *cmd] if os.path.exists(TIME) else cmd
        start = time.perf_counter()
        proc = subprocess.run(full, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
        lines = proc.stderr.strip().splitlines()
        if full is not cmd and lines and lines[-1].isdigit():
            peak = max(peak or 0, int(lines[-1]))
    return statistics.median(times), peak


def interleaved(cmds: list[tuple[list[str], dict[str, str] | None]], reps: int
                ) -> list[tuple[float, int | None]]:
    """`run` for several commands taken in turn, so that a slower or busier moment of the
    machine falls on all of them alike; medians over `reps` rounds."""
    times: list[list[float]] = [[] for _ in cmds]
    peaks: list[int | None] = [None for _ in cmds]
    for _ in range(reps):
        for i, (cmd, env) in enumerate(cmds):
            t, peak = run(cmd, env, reps=1)
            times[i].append(t)
            peaks[i] = max(peaks[i] or 0, peak or 0) or None
    return [(statistics.median(t), p) for t, p in zip(times, peaks, strict=True)]


def csv_rates(data_args: list[str], env: dict[str, str], years: tuple[int, int],
              panel: str | None = None, rounds: int = 3) -> tuple[float, float, int, list[float]]:
    """Rows per second of the dyad-year export, and of a bare csv.writer writing the same rows;
    `panel`: in panel mode (every dyad of that state system in every year). CPU seconds of the
    process (other processes on a busy machine do not count), each round in a new process (the
    export pays for the engine's timelines and the lazily read data, as the CLI does); medians
    of the rounds, and each round's ratio."""
    code = f"""
import csv, io, os, sys, time
from alliances.loading import load
from alliances.query import Engine
from alliances.dyadyear import DYAD_YEAR_COLUMNS, PanelOptions, dyad_year_tuples, write_dyad_years
from alliances.filters import Filters
paths = {data_args!r}
years = range({years[0]}, {years[1] + 1})
ds = load(paths, bundled=not paths, env=False)
panel = {panel!r}
opts = PanelOptions(system=panel, panel=True, covered=ds.covered_years()) if panel else None
out = open(os.devnull, "w")
start = time.process_time()
n = write_dyad_years(ds, Engine(ds), Filters(), years, "csv", out, opts)  # what the CLI runs
export_s = time.process_time() - start
rows = list(dyad_year_tuples(ds, Engine(ds), Filters(), years, opts, csv_ready=True))
start = time.process_time()
w = csv.writer(out, lineterminator="\\n")
w.writerow(DYAD_YEAR_COLUMNS)
w.writerows(rows)
bare_s = time.process_time() - start
assert len(rows) == n
print(n, n / export_s, n / bare_s)
"""
    export_rates, bare_rates, ratios = [], [], []
    for _ in range(rounds):
        out = subprocess.run([PY, "-c", code], env=env, capture_output=True, text=True, check=True)
        n, export_rate, bare_rate = out.stdout.split()
        export_rates.append(float(export_rate))
        bare_rates.append(float(bare_rate))
        ratios.append(float(export_rate) / float(bare_rate))
    return (statistics.median(export_rates), statistics.median(bare_rates), int(n), ratios)


def dyad_year_rows(work: Path, env: dict[str, str], folder100k: Path | None = None
                   ) -> list[tuple[str, float, int | None, str]]:
    """(e): the dyad-year export against a bare csv.writer: the 100k synthetic data, the bundled
    data, the bundled data's COW panel 1816-2026. Target: at least 0.5x."""
    def note(export_rate: float, bare_rate: float, ratios: list[float]) -> str:
        ratio = statistics.median(ratios)
        return (f"{export_rate:,.0f} rows/s = {ratio:.2f}x bare csv.writer ({bare_rate:,.0f} rows/s;"
                f" rounds: {', '.join(f'{r:.2f}' for r in ratios)}; target 0.5x: "
                f"{'met' if ratio >= 0.5 else 'MISSED'})")

    rows = []
    if folder100k is None:
        folder100k = work / "g100000"
        generate(100_000, folder100k)
    export_rate, bare_rate, count, ratios = csv_rates([str(folder100k)], env, (1950, 2026))
    rows.append((f"(e) 100k: export dyad-year, {count:,} rows", count / export_rate, None,
                 note(export_rate, bare_rate, ratios)))
    export_rate, bare_rate, count, ratios = csv_rates([], env, (1945, 2026))
    rows.append((f"(e) bundled: export dyad-year, {count:,} rows", count / export_rate, None,
                 note(export_rate, bare_rate, ratios)))
    export_rate, bare_rate, count, ratios = csv_rates([], env, (1816, 2026), panel="cow")
    rows.append((f"(e) bundled: export dyad-year --panel cow 1816-2026, {count:,} rows",
                 count / export_rate, None, note(export_rate, bare_rate, ratios)))
    return rows


HOSTILE_CODE = """
import json, os, sys, time
from alliances.dates import Period
from alliances.dyadyear import write_dyad_years
from alliances.filters import Filters
from alliances.panels import state_year_rows
from alliances.loading import check
from alliances.query import Engine
from alliances.validate import validate
from datetime import date
ds, problems = check([sys.argv[1]], bundled=False, env=False)
assert not problems, problems[:3]
out = open(os.devnull, "w")
years = range(1001, 1101)
whole = Period(date(1001, 1, 1), date(1100, 12, 31))
first = sorted(ds.states)[0]
jobs = {
    "exclusive": {"validate (exclusive_with)": lambda: validate(ds)},
    "spans": {
        "allies X, whole period": lambda: Engine(ds).allies_of(first, whole),
        "export dyad-year": lambda: write_dyad_years(ds, Engine(ds), Filters(), years, "csv", out),
        "export state-year": lambda: sum(1 for _ in state_year_rows(ds, Engine(ds), Filters(),
                                                                    years)),
    },
}[sys.argv[2]]
times = {}
import gc
gc.collect()
gc.disable()
for name, job in jobs.items():
    best = None
    for _ in range(5):
        start = time.process_time()
        job()
        t = time.process_time() - start
        best = t if best is None else min(best, t)
    times[name] = best
print(json.dumps(times))
"""

# (shape, states, memberships per state and treaty): the smallest size; (g) doubles the stays
HOSTILE = [("exclusive", 5, 2000), ("spans", 500, 20)]


def hostile_rows(work: Path, env: dict[str, str]) -> list[tuple[str, float, int | None, str]]:
    """(g): each hostile shape at a size, twice and four times as many stays."""
    rows = []
    for shape, states, segments in HOSTILE:
        make = generate_exclusive if shape == "exclusive" else generate_spans
        sizes = []
        for k in (1, 2, 4):
            folder = work / f"{shape}{k}"
            events = make(states, segments * k, folder)
            out = subprocess.run([PY, "-c", HOSTILE_CODE, str(folder), shape], env=env,
                                 capture_output=True, text=True, check=True)
            sizes.append((k, events, json.loads(out.stdout)))
        first = sizes[0][2]
        for name in first:
            for k, events, times in sizes:
                ratio = times[name] / first[name]
                note = f"{ratio:.2f}x"
                if k == 4:
                    per_doubling = ratio ** 0.5
                    verdict = "met" if per_doubling < 2.5 else "MISSED"
                    note += (f"; {per_doubling:.2f}x per doubling of the input "
                             f"(target < 2.5x: {verdict})")
                rows.append((f"(g) {shape}: {name}, {states} states x {segments * k} stays "
                             f"({events:,} events)", times[name], None, note))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1M-event dataset")
    parser.add_argument("--hostile-only", action="store_true",
                        help="only (g), the hostile shapes")
    parser.add_argument("--dyad-year-only", action="store_true",
                        help="only (e), the dyad-year export against a bare csv.writer")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()

    # pip compiles an installed package's bytecode; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every start
    import alliances

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(alliances.__file__).parent)], check=True)
    work = Path(tempfile.mkdtemp(prefix="alliances-bench-"))
    cache = work / "cache"
    env = {**os.environ, "ALLIANCES_CACHE": str(cache)}
    env.pop("ALLIANCES_DATA", None)
    rows: list[tuple[str, float, int | None, str]] = []

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    if args.dyad_year_only:
        rows.extend(dyad_year_rows(work, env))
        _report(rows, args.out, "(e) only: ")
        shutil.rmtree(work, ignore_errors=True)
        return

    if args.hostile_only:
        rows.extend(hostile_rows(work, env))
        _report(rows, args.out, "(g) only: ")
        shutil.rmtree(work, ignore_errors=True)
        return

    query = ["members", "NATO", "--on", "2020-01-01"]
    run([*ALLIANCES, "-q", *query, "--format", "json"], env, reps=1)  # fill the cache
    # alliances.entry pauses the cyclic GC while importing and freezes what the imports created;
    # the "same GC" floors do the same around the bare imports, so that their ratio shows the
    # tool's own cost on top of typer (and rich), not what the GC handling saves.
    same_gc = "import gc\ngc.disable()\nimport {}\ngc.freeze()\ngc.enable()\ngc.freeze()"
    ((floor, floor_mem), (floor_rich, mem_rich), (floor_gc, mem_gc), (floor_rich_gc, mem_rich_gc),
     (bundled_json, mem_json), (bundled_table, mem_table)) = \
        interleaved([([PY, "-c", "import typer"], None),
                     ([PY, "-c", "import typer, rich.table"], None),
                     ([PY, "-c", same_gc.format("typer")], None),
                     ([PY, "-c", same_gc.format("typer, rich.table")], None),
                     ([*ALLIANCES, "-q", *query, "--format", "json"], env),
                     ([*ALLIANCES, "-q", *query, "--format", "table"], env)], reps=21)
    rows.append(("(a) python -c 'import typer'", floor, floor_mem, "1.00x (floor)"))
    rows.append(("(a) python -c 'import typer, rich.table'", floor_rich, mem_rich,
                 f"{floor_rich / floor:.2f}x"))
    rows.append(("(a) import typer, with the CLI's GC handling", floor_gc, mem_gc,
                 f"{floor_gc / floor:.2f}x"))
    rows.append(("(a) import typer, rich.table, with the CLI's GC handling", floor_rich_gc,
                 mem_rich_gc, f"{floor_rich_gc / floor:.2f}x"))
    rows.append(("(b) bundled, --format json (warm)", bundled_json, mem_json,
                 f"{bundled_json / floor:.2f}x import typer; {bundled_json / floor_gc:.2f}x "
                 "with the same GC handling"))
    rows.append(("(b) bundled, --format table (warm)", bundled_table, mem_table,
                 f"{bundled_table / floor_rich:.2f}x import typer, rich.table; "
                 f"{bundled_table / floor_rich_gc:.2f}x with the same GC handling"))
    cold, mem = run([*ALLIANCES, "-q", *query, "--format", "json"], env, before=clear_cache)
    rows.append(("(b) bundled, --format json (cold)", cold, mem, f"{cold / floor:.2f}x import typer"))

    sizes = [10_000, 100_000] + ([] if args.quick else [1_000_000])
    for n in sizes:
        folder = work / f"g{n}"
        written = generate(n, folder)
        label = f"{n // 1000}k" if n < 1_000_000 else "1M"
        data = ["--no-bundled", "--data", str(folder)]
        reps = 3 if n >= 1_000_000 else 5
        parse, parse_mem = run([PY, "-c", "import glob, yaml\nfor f in sorted(glob.glob("
                                f"{str(folder / '*.yaml')!r})):\n    yaml.load(open(f, 'rb'), "
                                "Loader=yaml.CSafeLoader)"], env, reps=reps)
        rows.append((f"(d) {label}: yaml.load CSafeLoader ({written:,} events)", parse, parse_mem,
                     "1.00x (parse floor)"))
        cold, cold_mem = run([*ALLIANCES, "-q", *data, *query, "--format", "json"], env, reps=reps,
                             before=clear_cache)
        rows.append((f"(c) {label}: query, cold (no cache)", cold, cold_mem,
                     f"{cold / parse:.2f}x parse"))
        warm, warm_mem = run([*ALLIANCES, "-q", *data, *query, "--format", "json"], env, reps=reps)
        rows.append((f"(c) {label}: query, warm (cache)", warm, warm_mem,
                     f"{warm / bundled_json:.2f}x bundled query"))
    rows.extend(dyad_year_rows(work, env, work / "g100000"))

    rows.extend(hostile_rows(work, env))
    _report(rows, args.out, "")
    shutil.rmtree(work, ignore_errors=True)


def _report(rows: list[tuple[str, float, int | None, str]], out: Path, what: str) -> None:
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}, load average "
               f"{os.getloadavg()[2]:.1f} over the last 15 minutes (other processes)")
    lines = [f"{what}Measured {time.strftime('%Y-%m-%d')} on {machine}; (a) and (b) medians of 21 "
             "rounds taken in turn, the rest of 5 runs (3 for 1M); "
             "bytecode compiled, as pip leaves an installed package. (e) compares the CLI's "
             "dyad-year writer with csv.writer.writerows of the same rows, precomputed (CPU "
             "seconds, medians of 3 rounds). (g) CPU "
             "seconds, best of 5 in one process, after loading.",
             "", "| measurement | seconds | peak RSS (MiB) | ratio |", "|---|---:|---:|---|"]
    for name, secs, peak, ratio in rows:
        mib = f"{peak / 1024:.0f}" if peak else ""
        lines.append(f"| {name} | {secs:.3f} | {mib} | {ratio} |")
    text = "\n".join(lines) + "\n"
    print(text)
    # benchmarks/annotate.py's section, measured on its own, is kept
    from annotate import HEADING

    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if HEADING in old:
        text += "\n" + HEADING + old.split(HEADING, 1)[1]
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
