"""Write a valid synthetic dataset in the project's YAML format, for benchmarks.

    python benchmarks/generate.py --events 100000 --out /tmp/alliances-100k

About 2,000 treaties and 250 states, with a realistic mix of statuses (joined, suspended, resumed,
observer, withdrawal notified, left) and date precisions (mostly days, some months and years).
`alliances --no-bundled --data DIR` loads it; one treaty is called `nato` so the benchmark's query
runs unchanged.
"""

from __future__ import annotations

import argparse
import random
import string
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n = generate(args.events, args.out, args.seed)
    print(f"wrote {n} events in {TREATIES} treaties and {STATES} states to {args.out}")


if __name__ == "__main__":
    main()
