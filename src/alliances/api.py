"""The Python API: a loaded dataset with the CLI's questions as methods, answering in plain dicts.

>>> import alliances
>>> data = alliances.load()                                    # the bundled data
>>> data.allies("Armenia", "Belarus", on="2020-10-01")["allied"]
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .dates import DateError, PartialDate, Period, parse_date, parse_period
from .errors import UsageError
from .export import (
    Filters,
    allies_payload,
    ally_rows,
    dyad_year_rows,
    event_row,
    events_rows,
    intervals_rows,
    member_rows,
    membership_rows,
    snapshot_rows,
    state_year_rows,
    treaty_row,
)
from .loading import Paths
from .loading import load as load_dataset
from .model import OBLIGATIONS, Dataset, normalize_obligation
from .names import Resolver
from .query import Engine

__all__ = ["Alliances", "load"]


def _period(on: str | PartialDate | Period) -> Period:
    if isinstance(on, Period):
        return on
    if isinstance(on, PartialDate):
        return on.period()
    try:
        return parse_period(str(on))[0]
    except DateError as exc:
        raise UsageError(f"on: {exc}") from None


def _date(value: str | PartialDate | None) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    return parse_date(str(value))


def _range(start: str | PartialDate | None, end: str | PartialDate | None
           ) -> tuple[PartialDate | None, PartialDate | None]:
    """start and end as dates; UsageError when end is certainly before start."""
    first, last = _date(start), _date(end)
    if first is not None and last is not None and last.latest < first.earliest:
        raise UsageError(f"end {last} is before start {first}")
    return first, last


class Alliances:
    """A dataset and its questions. Names resolve as on the command line (`ARM`, `armenia`, `371`).

    Every method returns plain dicts (and lists of them) with the columns documented in
    docs/export-columns.md, so results drop straight into `pandas.DataFrame(...)`.
    """

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.engine = Engine(dataset)
        self.resolver = Resolver(dataset)

    def __repr__(self) -> str:
        return (f"<Alliances: {len(self.dataset.treaties)} treaties, {len(self.dataset.states)} "
                f"states, {self.dataset.event_count()} events, as of {self.dataset.as_of}>")

    def treaty(self, name: str) -> str:
        """The treaty id for a name or alias (raises UnknownName)."""
        return self.resolver.treaty(name)

    def state(self, name: str, on: str | None = None) -> str:
        """The state code for a name, ISO or COW code (raises UnknownName)."""
        return self.resolver.state(name, _period(on).first if on else None)

    def members(self, treaty: str, on: str = "today") -> list[dict[str, Any]]:
        """Members of a treaty on a date (a day, month or year), with status and since when."""
        period = _period(on)
        tid = self.treaty(treaty)
        return member_rows(self.dataset, self.engine.members(tid, period), period)

    def memberships(self, state: str, on: str = "today") -> list[dict[str, Any]]:
        """Every treaty a state belongs to on a date, with status."""
        period = _period(on)
        code = self.resolver.state(state, period.first)
        return membership_rows(self.dataset, self.engine.memberships(code, period), period)

    def allies(self, a: str, b: str | None = None, on: str = "today",
               obligations: Iterable[str] = ("defence",)) -> Any:
        """With two states: {"allied": True/False/"uncertain", "via": [...], ...}.

        With one state: a list of rows, one per ally and linking treaty.
        """
        period = _period(on)
        wanted = [normalize_obligation(ob) for ob in obligations]
        for ob in wanted:
            if ob not in OBLIGATIONS:
                raise UsageError(f"obligation '{ob}' is not one of {', '.join(OBLIGATIONS)}")
        code_a = self.resolver.state(a, period.first)
        if b is None:
            by_state = self.engine.allies_of(code_a, period, wanted)
            return list(ally_rows(self.dataset, code_a, by_state, period))
        code_b = self.resolver.state(b, period.first)
        links = self.engine.allies(code_a, code_b, period, wanted)
        return allies_payload(self.dataset, code_a, code_b, links, period, wanted)

    def history(self, name: str, start: str | None = None, end: str | None = None
                ) -> list[dict[str, Any]]:
        """Dated events of a treaty or a state, in order, with notes and sources.

        start, end: inclusive bounds (a day, month or year); UsageError if end is before start.
        """
        first, last = _range(start, end)
        tid, code = self.resolver.treaty_or_state(name)
        events = self.engine.history(treaty_id=tid, state=code, start=first, end=last)
        return [event_row(self.dataset, ev) for ev in events]

    def annotate(self, rows: Any, *, a: str | None = None, b: str | None = None,
                 state: str | None = None, date: str = "date",
                 obligations: Iterable[str] | None = None, suspended: str = "count",
                 uncertain: str = "keep", three_valued: bool = False, prefix: str = "",
                 problems: list | None = None) -> Any:
        """Alliance status for your own dated rows, as `alliances annotate` gives it.

        rows: an iterable of dicts (a generator of new dicts is returned, each row's keys
        followed by the answer's), or a pandas DataFrame (a new DataFrame is returned).
        a, b: the keys (columns) of a pair of states; or state: one state's key. date: the key of
        the date (a day, month, year or range; a datetime counts as its day). The other options
        are the command's (docs/annotate.md). A row that cannot be answered gets empty (None)
        answer columns; its RowProblem is appended to `problems` if a list is given.
        """
        from .annotate import Options, annotate_frame, annotate_rows, row_columns

        columns = row_columns(a, b, state, date)
        options = Options(obligations, suspended, uncertain, three_valued, prefix)
        if type(rows).__module__.split(".")[0] == "pandas" and hasattr(rows, "columns"):
            return annotate_frame(self.dataset, self.engine, self.resolver, rows, columns, options,
                                  problems)
        return annotate_rows(self.dataset, self.engine, self.resolver, rows, columns, options,
                             problems)

    def treaties(self) -> list[dict[str, Any]]:
        """Every treaty with kind, dates and data-quality counts."""
        return [treaty_row(self.dataset, t) for t in self.dataset.treaties.values()]

    def export(self, kind: str, *, treaties: Iterable[str] | None = None,
               states: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
               start: str | None = None, end: str | None = None, on: str = "today",
               directed: bool = False) -> Iterator[dict[str, Any]]:
        """Rows of an export kind: intervals, events, snapshot, state-year or dyad-year."""
        first, last = _range(start, end)
        f = Filters(
            treaties=frozenset(self.treaty(t) for t in treaties) if treaties else None,
            states=frozenset(self.resolver.state(s) for s in states) if states else None,
            kinds=frozenset(kinds) if kinds else None,
            start=first,
            end=last,
        )
        as_of_year = self.dataset.as_of.year if self.dataset.as_of else 2026
        years = f.years(1945, as_of_year)
        if kind == "intervals":
            return intervals_rows(self.dataset, self.engine, f)
        if kind == "events":
            return events_rows(self.dataset, f)
        if kind == "snapshot":
            return snapshot_rows(self.dataset, self.engine, _period(on), f)
        if kind == "state-year":
            return state_year_rows(self.dataset, self.engine, f, years)
        if kind == "dyad-year":
            return dyad_year_rows(self.dataset, self.engine, f, years, directed)
        raise UsageError(f"unknown export kind '{kind}'; use intervals, events, snapshot, "
                         "state-year or dyad-year")


def load(paths: Paths = None, *, bundled: bool = True, env: bool = True) -> Alliances:
    """Load the bundled data (plus `paths` and ALLIANCES_DATA); raise DataError on any problem.

    `paths` is one file or folder (a str or a Path: `load("..")` is the folder above) or several.
    """
    return Alliances(load_dataset(paths, bundled=bundled, env=env))
