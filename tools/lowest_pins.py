"""Print pip constraints that pin every dependency (and the test extra) to its lower bound.

`.ci/run` installs the package with these constraints in a second virtual environment and runs
the whole test suite there, so the lower bounds in pyproject.toml stay true: a bound that is too
low (a version the code or the tests do not work with) fails CI instead of a user's machine.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    sys.exit("tools/lowest_pins.py needs Python 3.11 or later (tomllib)")

ROOT = Path(__file__).resolve().parents[1]
_REQ = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(.*)$")


def lowest_pins(pyproject: Path, extras: tuple[str, ...] = ("test",)) -> list[str]:
    """`name==X` for every requirement with a `>=X` bound; an unbounded one is an error."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in extras:
        requirements += project.get("optional-dependencies", {}).get(extra, [])
    pins = []
    for requirement in requirements:
        match = _REQ.match(requirement.split(";")[0])
        if not match:
            raise ValueError(f"cannot read the requirement {requirement!r}")
        name, spec = match.groups()
        lower = re.search(r">=\s*([0-9][^,\s]*)", spec)
        if lower is None:
            raise ValueError(f"{name} has no lower bound (>=) in pyproject.toml; give it one")
        pins.append(f"{name}=={lower.group(1)}")
    return pins


if __name__ == "__main__":
    print("\n".join(lowest_pins(ROOT / "pyproject.toml")))
