"""Write a valid synthetic dataset in the project's YAML format, for benchmarks.

    python benchmarks/generate.py --events 100000 --out /tmp/alliances-100k

About 2,000 treaties and 250 states, with a realistic mix of statuses (joined, suspended, resumed,
observer, withdrawal notified, left) and date precisions (mostly days, some months and years).
`alliances --no-bundled --data DIR` loads it; one treaty is called `nato` so the benchmark's query
runs unchanged.

Two hostile shapes (issue 14), small files that made quadratic span code take many seconds:

    python benchmarks/generate.py --shape exclusive --states 100 --segments 200 --out /tmp/ex
    python benchmarks/generate.py --shape spans --states 1000 --segments 20 --out /tmp/sp

`exclusive`: three treaties, each exclusive_with the others, sharing every state; each state joins
and leaves each of them `segments` times, never two at once (valid data: validate has to look at
everything and finds nothing). `spans`: one defence treaty `hub` whose `states` members join and
leave it `segments` times each, staggered so that each overlaps a few others at a time (the allies
of one state, the dyad-year and state-year panels stay small while the spans are many).
"""

from __future__ import annotations

import argparse
import random
import string
from datetime import date, timedelta
from pathlib import Path

TREATIES = 2000
STATES = 250
TREATIES_PER_FILE = 100


def state_codes(n: int) -> list[str]:
    letters = string.ascii_uppercase
    codes = [a + b + c for a in letters for b in letters for c in letters]
    random.Random(1).shuffle(codes)
    return sorted(codes[:n])


def _date(rng: random.Random, year: int) -> str:
    roll = rng.random()
    if roll < 0.05:
        return f"{year}"
    if roll < 0.20:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def member_events(rng: random.Random, budget: int) -> list[str]:
    """A legal history of up to `budget` events, one per year so partial dates never overlap."""
    year = rng.randint(1950, 1990)
    out: list[str] = []
    kind = rng.choice(["joined"] * 9 + ["observer"])
    status = "member" if kind == "joined" else "observer"
    out.append(f"{{date: '{_date(rng, year)}', event: {kind}}}")
    while len(out) < budget and year < 2024:
        year += rng.randint(1, 3)
        if status == "observer":
            kind, status = "member", "member"
        elif status == "member":
            kind = rng.choice(["suspended", "withdrawal_notified", "left", "left"])
            status = {"suspended": "suspended", "left": None}.get(kind, "member")
        elif status == "suspended":
            kind = rng.choice(["resumed", "left"])
            status = "member" if kind == "resumed" else None
        if kind == "withdrawal_notified":
            out.append(f"{{date: '{year}-01-15', event: withdrawal_notified, "
                       f"effective: '{year + 1}-01-15'}}")
            year += 1
            kind, status = "left", None
            out.append(f"{{date: '{year}-01-15', event: left}}")
        else:
            out.append(f"{{date: '{_date(rng, year)}', event: {kind}}}")
        if status is None:
            if len(out) < budget - 1 and rng.random() < 0.3:
                year += rng.randint(1, 3)
                out.append(f"{{date: '{_date(rng, year)}', event: readmitted}}")
                status = "member"
            else:
                break
    return out


def generate(events: int, out: Path, seed: int = 7) -> int:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    codes = state_codes(STATES)
    lines = ["# Synthetic states for benchmarks.", "states:"]
    for i, code in enumerate(codes):
        lines.append(f"  {code}: {{name: State {code}, iso2: {code[:2]!r}, cow: {1000 + i}}}")
    (out / "states.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    per_treaty = max(1, events // TREATIES)
    written = 0
    for first in range(0, TREATIES, TREATIES_PER_FILE):
        lines = ["treaties:"]
        for t in range(first, min(first + TREATIES_PER_FILE, TREATIES)):
            tid = "nato" if t == 0 else f"t{t:04d}"
            obligations = rng.choice(["[defence]", "[defence, consultation]", "[consultation]", "[]"])
            lines += [f"  {tid}:", f"    name: Synthetic Treaty {t}", "    kind: treaty",
                      f"    obligations: {obligations}", "    signed: 1945-01-01",
                      "    sources: [https://example.org/synthetic]", "    members:"]
            budget = per_treaty + (1 if t < events % TREATIES else 0)
            # members in random order until the treaty's budget is spent (a history may end
            # early, when a state leaves for good, so the next member takes up the rest)
            remaining = budget
            for code in rng.sample(codes, k=len(codes)):
                if remaining <= 0:
                    break
                evs = member_events(rng, min(remaining, rng.randint(1, 5)))
                remaining -= len(evs)
                written += len(evs)
                lines.append(f"      {code}:")
                lines.append("        events:")
                lines += [f"          - {e}" for e in evs]
        (out / f"treaties-{first // TREATIES_PER_FILE:02d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8")
    return written


def _states_file(out: Path, codes: list[str]) -> None:
    lines = ["states:"]
    lines += [f"  {code}: {{name: State {code}, cow: {1000 + i}}}" for i, code in enumerate(codes)]
    (out / "states.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _treaty_head(tid: str, exclusive_with: list[str] | None = None) -> list[str]:
    lines = [f"  {tid}:", f"    name: Hostile {tid}", "    kind: treaty", "    obligations: [defence]",
             "    signed: 1000-01-01", "    sources: [https://example.org/hostile]"]
    if exclusive_with:
        lines.append(f"    exclusive_with: [{', '.join(exclusive_with)}]")
    return [*lines, "    members:"]


def _stay(first: date, days: int) -> list[str]:
    return [f"          - {{date: '{first.isoformat()}', event: joined}}",
            f"          - {{date: '{(first + timedelta(days=days)).isoformat()}', event: left}}"]


def generate_exclusive(states: int, segments: int, out: Path, treaties: int = 3) -> int:
    """`treaties` treaties exclusive of each other, each state in each `segments` times in turn."""
    out.mkdir(parents=True, exist_ok=True)
    codes = state_codes(states)
    _states_file(out, codes)
    ids = [f"x{t}" for t in range(treaties)]
    base = date(1001, 1, 1)
    lines = ["treaties:"]
    for t, tid in enumerate(ids):
        lines += _treaty_head(tid, [o for o in ids if o != tid])
        for code in codes:
            lines += [f"      {code}:", "        events:"]
            for i in range(segments):
                lines += _stay(base + timedelta(days=4 * (i * treaties + t)), 2)
    (out / "treaties.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 2 * treaties * states * segments


def generate_spans(states: int, segments: int, out: Path, overlap: int = 3) -> int:
    """One treaty whose members join and leave `segments` times, each staying `overlap` days,
    one member a day: each member overlaps about 2 * `overlap` others at a time."""
    out.mkdir(parents=True, exist_ok=True)
    codes = state_codes(states)
    _states_file(out, codes)
    base = date(1001, 1, 1)
    lines = ["treaties:", *_treaty_head("hub")]
    for k, code in enumerate(codes):
        lines += [f"      {code}:", "        events:"]
        for i in range(segments):
            lines += _stay(base + timedelta(days=i * (states + overlap + 1) + k), overlap)
    (out / "treaties.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 2 * states * segments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=["mixed", "exclusive", "spans"], default="mixed")
    parser.add_argument("--events", type=int, help="mixed: how many events")
    parser.add_argument("--states", type=int, default=100, help="exclusive, spans: how many states")
    parser.add_argument("--segments", type=int, default=100,
                        help="exclusive, spans: memberships per state and treaty")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.shape == "exclusive":
        n = generate_exclusive(args.states, args.segments, args.out)
    elif args.shape == "spans":
        n = generate_spans(args.states, args.segments, args.out)
    else:
        if args.events is None:
            parser.error("--events is required for the mixed shape")
        n = generate(args.events, args.out, args.seed)
    print(f"wrote {n} events to {args.out}")


if __name__ == "__main__":
    main()
