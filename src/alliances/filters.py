"""Selections that apply to every export kind: treaties, states, treaty kinds, dates."""

from __future__ import annotations

from .dates import PartialDate
from .model import Treaty
from .records import Frozen, set_field

__all__ = ["Filters"]


class Filters(Frozen):
    """Selections that apply to every export kind (None: everything)."""

    treaties: frozenset[str] | None
    states: frozenset[str] | None
    kinds: frozenset[str] | None
    start: PartialDate | None
    end: PartialDate | None

    __slots__ = ("treaties", "states", "kinds", "start", "end")

    def __init__(
        self,
        treaties: frozenset[str] | None = None,
        states: frozenset[str] | None = None,
        kinds: frozenset[str] | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
    ) -> None:
        set_field(self, "treaties", treaties)
        set_field(self, "states", states)
        set_field(self, "kinds", kinds)
        set_field(self, "start", start)
        set_field(self, "end", end)

    def treaty_ok(self, t: Treaty) -> bool:
        return (self.treaties is None or t.id in self.treaties) and (
            self.kinds is None or t.kind in self.kinds)

    def state_ok(self, code: str) -> bool:
        return self.states is None or code in self.states

    def date_ok(self, d: PartialDate) -> bool:
        return (self.start is None or d.latest >= self.start.earliest) and (
            self.end is None or d.earliest <= self.end.latest)

    def years(self, default_first: int, default_last: int) -> range:
        first = self.start.earliest.year if self.start else default_first
        last = self.end.latest.year if self.end else default_last
        return range(first, last + 1)

