"""Measure `alliances annotate` against a bare csv copy of the same file, as ratios in one run.

    python benchmarks/annotate.py [--rows 1000000] [--rounds 5] [--out benchmarks/results.md]

The file: `--rows` rows of `id,a,b,date`, each a random day from 1946 to 2025 and two different
states, drawn at random among those of the bundled data that existed that day (the worst case:
almost no row repeats an earlier pair and day, so nothing is answered twice). Measured, in turn
in each round so that a busier moment of the machine falls on all alike (medians of the rounds):

- the bare copy, csv.reader to csv.writer in a Python loop (`for row in reader:
  writer.writerow(row)`), and the same with `writer.writerows(reader)` (no Python loop at all);
- annotate, as the command runs it (library call, output to /dev/null): rows per second, and
  its ratio to each copy;
- the command's peak memory (max RSS) on the full file and on a tenth of it: flat when the two
  are close (streaming: memory does not grow with the number of rows).

The section it writes replaces its own section of --out (the rest is kept; run.py keeps it\ntoo).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
TIME = shutil.which("time") or "/usr/bin/time"
HEADING = "#### annotate: your own rows, against a bare csv copy"


def generate_rows(n: int, path: Path, seed: int = 18) -> None:
    """n rows: a random day in 1946-2025 and two different states that existed on it."""
    from alliances.loading import load

    ds = load(env=False)
    states = list(ds.states.values())
    rng = random.Random(seed)
    lo, hi = date(1946, 1, 1).toordinal(), date(2025, 12, 31).toordinal()
    alive: dict[int, list[str]] = {}
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "a", "b", "date"])
        for i in range(n):
            o = rng.randint(lo, hi)
            codes = alive.get(o)
            if codes is None:
                day = date.fromordinal(o)
                codes = alive[o] = [s.code for s in states if s.exists_on(day)]
            a, b = rng.sample(codes, 2)
            w.writerow([i, a, b, date.fromordinal(o).isoformat()])


_TIMED = """
import csv, os, sys, time
path, what = sys.argv[1], sys.argv[2]
out = open(os.devnull, "w", newline="", encoding="utf-8")
if what == "loop":
    start = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as f:
        writer = csv.writer(out, lineterminator="\\n")
        for row in csv.reader(f):
            writer.writerow(row)
elif what == "writerows":
    start = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as f:
        csv.writer(out, lineterminator="\\n").writerows(csv.reader(f))
else:
    from alliances.annotate import Options, open_table, write_table
    from alliances.loading import load
    from alliances.names import Resolver
    from alliances.query import Engine
    ds = load(env=False)
    problems = []
    start = time.perf_counter()
    with open_table(path, "csv") as table:
        write_table(table, out, ds, Engine(ds), Resolver(ds), Options(), ["a", "b", "date"],
                    problems.append)
    assert not problems, problems[:3]
print(time.perf_counter() - start)
"""


def timed(path: Path, what: str) -> float:
    proc = subprocess.run([PY, "-c", _TIMED, str(path), what], capture_output=True, text=True,
                          check=True)
    return float(proc.stdout.strip())


def peak_rss(path: Path) -> int | None:
    """Max RSS (KiB) of the whole command, `alliances annotate FILE ... > /dev/null`."""
    if not os.path.exists(TIME):
        return None
    cmd = [TIME, "-f", "%M", PY, "-m", "alliances", "annotate", str(path), "--a", "a", "--b", "b",
           "--date", "date"]
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=True)
    return int(proc.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="alliances-annotate-bench-"))
    try:
        full, tenth = work / "rows.csv", work / "tenth.csv"
        generate_rows(args.rows, full)
        generate_rows(args.rows // 10, tenth, seed=19)
        times: dict[str, list[float]] = {"loop": [], "writerows": [], "annotate": []}
        ratios: dict[str, list[float]] = {"loop": [], "writerows": []}
        for _ in range(args.rounds):
            took = {what: timed(full, what) for what in times}
            for what, t in took.items():
                times[what].append(t)
            for what in ratios:  # the ratio within each round, then the median of those
                ratios[what].append(took[what] / took["annotate"])
        mem_full, mem_tenth = peak_rss(full), peak_rss(tenth)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {what: statistics.median(t) for what, t in times.items()}
    n = args.rows
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}")
    lines = [
        HEADING, "",
        f"Measured {time.strftime('%Y-%m-%d')} on {machine} by `python benchmarks/annotate.py`: "
        f"{n:,} rows of random pairs of states (both existing on the day) and random days "
        f"1946-2025; medians of {args.rounds} rounds, the three taken in turn in each round; "
        "ratios are the median of each round's ratio. Target: annotate at no less than 0.5x "
        "the bare copy's rows per second, memory flat in the number of rows.",
        "",
        "| measurement | seconds | rows/s | annotate's ratio |",
        "|---|---:|---:|---|",
        f"| bare copy: csv.reader to csv.writer, Python loop | {med['loop']:.3f} | "
        f"{n / med['loop']:,.0f} | {statistics.median(ratios['loop']):.2f}x "
        f"(rounds: {', '.join(f'{r:.2f}' for r in ratios['loop'])}) |",
        f"| bare copy: csv.writer.writerows(csv.reader) | {med['writerows']:.3f} | "
        f"{n / med['writerows']:,.0f} | {statistics.median(ratios['writerows']):.2f}x "
        f"(rounds: {', '.join(f'{r:.2f}' for r in ratios['writerows'])}) |",
        f"| annotate --a a --b b --date date | {med['annotate']:.3f} | "
        f"{n / med['annotate']:,.0f} | |",
    ]
    if mem_full and mem_tenth:
        lines += ["", f"Peak memory of the whole command (max RSS): {mem_tenth / 1024:.0f} MiB for "
                  f"{n // 10:,} rows, {mem_full / 1024:.0f} MiB for {n:,} rows."]
    section = "\n".join(lines) + "\n"
    print(section)
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if HEADING in text:
        head, _, rest = text.partition(HEADING)
        following = rest.find("\n#")
        text = head + section + ("\n" + rest[following + 1:] if following >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
