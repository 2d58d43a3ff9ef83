"""Selections that apply to every export kind: treaties, states, treaty kinds, dates."""

from __future__ import annotations

from datetime import date, timedelta

from .dates import PartialDate
from .model import State, Treaty
from .records import Frozen, set_field

__all__ = ["Filters"]


class Filters(Frozen):
    """Selections that apply to every export kind (None: everything)."""

    treaties: frozenset[str] | None
    states: frozenset[str] | None
    kinds: frozenset[str] | None
    start: PartialDate | None
    end: PartialDate | None
    system: str | None  # "cow" or "gw": only states in that state system on the row's dates

    __slots__ = ("treaties", "states", "kinds", "start", "end", "system")

    def __init__(
        self,
        treaties: frozenset[str] | None = None,
        states: frozenset[str] | None = None,
        kinds: frozenset[str] | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        system: str | None = None,
    ) -> None:
        set_field(self, "treaties", treaties)
        set_field(self, "states", states)
        set_field(self, "kinds", kinds)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "system", system)

    def treaty_ok(self, t: Treaty) -> bool:
        return (self.treaties is None or t.id in self.treaties) and (
            self.kinds is None or t.kind in self.kinds)

    def state_ok(self, code: str) -> bool:
        return self.states is None or code in self.states

    def system_ok(self, state: State | None, first: date, after: date) -> bool:
        """Whether the state was in the chosen system on some day of [first, after) (always true
        without a system; never for a state with no code in it)."""
        if self.system is None:
            return True
        if state is None:
            return False
        from .statesystems import gw_code, load_system

        system = load_system(self.system)
        for p in state.cow:
            start = max(first, p.start.earliest) if p.start is not None else first
            end = min(after, p.end.latest) if p.end is not None else after
            if start >= end:
                continue
            code = p.code if self.system == "cow" else gw_code(p.code, end - timedelta(days=1))
            if system.has(code, start, end):
                return True
        return False

    def date_ok(self, d: PartialDate) -> bool:
        return (self.start is None or d.latest >= self.start.earliest) and (
            self.end is None or d.earliest <= self.end.latest)

    def years(self, default_first: int, default_last: int) -> range:
        first = self.start.earliest.year if self.start else default_first
        last = self.end.latest.year if self.end else default_last
        return range(first, last + 1)

