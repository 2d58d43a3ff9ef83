"""The state systems the panels are built on: COW State System Membership v2016 and Gleditsch and
Ward's list of independent states (bundled CSV copies in systems/, cited in systems/README.md),
and the Gleditsch-Ward code of each of our states on a date.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from .errors import UsageError
from .model import State
from .records import Frozen, set_field

__all__ = ["SYSTEMS", "StateSystem", "gw_code", "load_system"]

FOLDER = Path(__file__).parent / "systems"
# name -> (file, code column, name column, the list's last day: spells ending then are ongoing)
SYSTEMS = {
    "cow": ("cow-states-2016.csv", "ccode", "statenme", date(2016, 12, 31)),
    "gw": ("gw-states-2017.csv", "gwcode", "statename", date(2017, 12, 31)),
}
# COW codes that GW numbers differently, from a day on (systems/README.md).
_GW_RENUMBERED = {255: (date(1990, 10, 3), 260), 679: (date(1990, 5, 22), 678),
                  345: (date(2006, 6, 5), 340)}


class Spell(Frozen):
    """A state's membership of a system: code, abbreviation, name, [start, end) (end None: in
    the system when the list was made)."""

    code: int
    abb: str
    name: str
    start: date
    end: date | None

    __slots__ = ("code", "abb", "name", "start", "end")

    def __init__(self, code: int, abb: str, name: str, start: date, end: date | None) -> None:
        set_field(self, "code", code)
        set_field(self, "abb", abb)
        set_field(self, "name", name)
        set_field(self, "start", start)
        set_field(self, "end", end)

    def overlaps(self, first: date, after: date) -> bool:
        """Whether the spell shares a day with [first, after)."""
        return self.start < after and (self.end is None or self.end > first)


class StateSystem:
    """One system's spells, with the codes in it in any year."""

    def __init__(self, name: str, spells: list[Spell]):
        self.name = name
        self.spells = spells
        self.by_code: dict[int, list[Spell]] = {}
        for s in spells:
            self.by_code.setdefault(s.code, []).append(s)
        self._years: dict[int, list[int]] = {}

    def codes(self, year: int) -> list[int]:
        """The codes in the system on some day of `year`, in order."""
        found = self._years.get(year)
        if found is None:
            first, after = date(year, 1, 1), date(year + 1, 1, 1)
            found = self._years[year] = sorted({s.code for s in self.spells
                                                if s.overlaps(first, after)})
        return found

    def has(self, code: int | None, first: date, after: date) -> bool:
        """Whether `code` was in the system on some day of [first, after)."""
        return code is not None and any(s.overlaps(first, after) for s in self.by_code.get(code, ()))

    def has_in_year(self, code: int | None, year: int) -> bool:
        return self.has(code, date(year, 1, 1), date(year + 1, 1, 1))

    def name_of(self, code: int) -> str | None:
        spells = self.by_code.get(code)
        return spells[-1].name if spells else None


@cache
def load_system(name: str) -> StateSystem:
    """The bundled system `cow` or `gw` (UsageError for another name)."""
    if name not in SYSTEMS:
        raise UsageError(f"system '{name}' is not one of {', '.join(SYSTEMS)}")
    file, code_col, name_col, last_day = SYSTEMS[name]
    spells = []
    with (FOLDER / file).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            end = date.fromisoformat(row["end"])
            spells.append(Spell(int(row[code_col]), row["stateabb"], row[name_col],
                                date.fromisoformat(row["start"]),
                                None if end >= last_day else end + timedelta(days=1)))
    return StateSystem(name, spells)


def gw_code(cow: int | None, day: date) -> int | None:
    """The Gleditsch-Ward code of the state holding COW code `cow` on `day`; None where GW's list
    has no such state (COW's microstates) or there is no COW code."""
    if cow is None:
        return None
    renumbered = _GW_RENUMBERED.get(cow)
    code = renumbered[1] if renumbered is not None and day >= renumbered[0] else cow
    return code if code in load_system("gw").by_code else None


def cow_codes(state: State, first: date, after: date) -> list[int]:
    """Every COW code `state` held on some day of [first, after), in order (two in a year its
    code changed: Germany 260 and 255 in 1990)."""
    out = []
    for p in state.cow:
        start = p.start.earliest if p.start is not None else date.min
        end = p.end.latest if p.end is not None else date.max
        if start < after and end > first and p.code not in out:
            out.append(p.code)
    return out

