"""The Python API: the one door to the library. It turns what people type (names, codes of any
type, dates, obligation words) into engine calls and typed answers (answers.py); the command line
calls it too, so both give the same answer and the same error.

>>> import alliances
>>> data = alliances.load()                                    # the bundled data
>>> data.allies("Armenia", "Belarus", on="2020-10-01")["allied"]
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

from .answers import AlliesOf, History, Members, Memberships, Pair, States, Treaties
from .dates import (
    DateError,
    PartialDate,
    Period,
    bounded,
    parse_date,
    parse_period,
    resolve_presence,
)
from .errors import UsageError
from .filters import Filters
from .loading import Paths
from .loading import load as load_dataset
from .model import (
    OBLIGATIONS,
    SIGNATORY_MODES,
    SUSPENDED_MODES,
    SYSTEM_NAMES,
    TREATY_KINDS,
    UNCERTAIN_MODES,
    Dataset,
    Event,
    State,
    allied_statuses,
    normalize_obligation,
)
from .names import Resolver
from .query import AllyLink, Engine
from .regions import REGIONS, region_name, region_of

if TYPE_CHECKING:
    from .exports import EXPORT_KINDS, ExportRequest

__all__ = ["EXPORT_KINDS", "SIGNATORY_MODES", "SUSPENDED_MODES", "Alliances", "load"]


def __getattr__(name: str):
    """EXPORT_KINDS, from exports.py when first asked for: a query does not import the exports."""
    if name == "EXPORT_KINDS":
        from .exports import EXPORT_KINDS

        return EXPORT_KINDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DateLike = str | int | date | PartialDate | Period


# -- input: one reading of every kind of value, for both doors ------------------------------------
def name_text(value: Any, what: str = "state") -> str:
    """A name or code as text: `"ARM"`, `371`, `numpy.int64(371)` or `371.0` (as pandas gives COW
    codes from a column with gaps); UsageError for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        raise UsageError(f"a {what} must be a name or a code, not {value!r}")
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return str(int(number))
        raise UsageError(f"a {what} code must be a whole number, not {value!r}")
    raise UsageError(f"a {what} must be a name or a code, not {type(value).__name__} {value!r}")


def as_period(on: DateLike, option: str = "on", today: date | None = None) -> Period:
    """A query period from a day, month, year or closed range (text, int year, date, PartialDate,
    Period) or 'today'; UsageError for anything else, and for a range with no end."""
    if isinstance(on, Period):
        return on
    if isinstance(on, datetime):
        on = on.date()
    if isinstance(on, date):
        return Period(on, on, on.isoformat())
    try:
        if isinstance(on, PartialDate):
            return bounded(on).period()
        if isinstance(on, bool) or not isinstance(on, str | Integral):
            raise DateError(f"{on!r} is not a date")
        return parse_period(str(on), today)[0]
    except DateError as exc:
        raise UsageError(f"{option}: {exc}") from None


def as_date(value: DateLike | None, option: str) -> PartialDate | None:
    """A bound of a period (`--from`, `--to`): a day, month, year or closed range."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    try:
        if isinstance(value, PartialDate):
            return bounded(value)
        if isinstance(value, bool) or not isinstance(value, str | Integral):
            raise DateError(f"{value!r} is not a date")
        return bounded(parse_date(str(value)))
    except DateError as exc:
        raise UsageError(f"{option}: {exc}") from None


def as_range(start: DateLike | None, end: DateLike | None, names: tuple[str, str] = ("--from", "--to")
             ) -> tuple[PartialDate | None, PartialDate | None]:
    """Both bounds; UsageError when the end is certainly before the start (`2020` and `2020-06`
    overlap, and are a period)."""
    first, last = as_date(start, names[0]), as_date(end, names[1])
    if first is not None and last is not None and last.latest < first.earliest:
        raise UsageError(f"{names[1]} {last} is before {names[0]} {first}")
    return first, last


def _words(value: str | Iterable[str] | None) -> list[str]:
    """One word or several, as a list (a single string is not read letter by letter)."""
    if value is None:
        return []
    words = [value] if isinstance(value, str) else list(value)
    for word in words:
        if not isinstance(word, str):
            raise UsageError(f"{word!r} is not a word")
    return list(dict.fromkeys(words))


def as_obligations(value: str | Iterable[str] | None) -> list[str]:
    """Obligation words: None for defence, one word, a list, or 'any' for every obligation."""
    if value is None:
        return ["defence"]
    words = [value] if isinstance(value, str) else list(value)
    if not words:
        return ["defence"]
    out: list[str] = []
    for word in words:
        if not isinstance(word, str):
            raise UsageError(f"obligation {word!r} is not a word; use {', '.join(OBLIGATIONS)}, any")
        ob = normalize_obligation(word)
        if ob == "any":
            return list(OBLIGATIONS)
        if ob not in OBLIGATIONS:
            raise UsageError(f"obligation '{word}' is not one of {', '.join(OBLIGATIONS)}, any")
        if ob not in out:
            out.append(ob)
    return out


def uncertain_mode(value: str) -> str:
    if value not in UNCERTAIN_MODES:
        raise UsageError(f"uncertain '{value}' is not one of {', '.join(UNCERTAIN_MODES)}")
    return value


def resolve_uncertain(links: list[AllyLink], mode: str) -> list[AllyLink]:
    """Links under an --uncertain mode: "keep" as they are; "as-member" counts a link that may
    hold (coverage "part or all"); "as-nonmember" drops it."""
    if mode == "keep":
        return links
    out = []
    for lk in links:
        presence = resolve_presence(lk.presence, mode)
        if presence is None:
            continue
        out.append(lk if presence == lk.presence
                   else AllyLink(lk.treaty, lk.obligations, presence, lk.a, lk.b, lk.suspended))
    return out


class Alliances:
    """A dataset and its questions. Names resolve as on the command line (`ARM`, `armenia`, `371`,
    COW abbreviations such as `UKG`).

    The questions return typed answers (answers.py): sequences of row dicts with the columns of
    docs/export-columns.md (so `pandas.DataFrame(answer)` works), and for a pair of states a
    mapping (`answer["allied"]`). Every answer has `notes` for the reader.
    """

    def __init__(self, dataset: Dataset, today: date | None = None):
        self.dataset = dataset
        self.engine = Engine(dataset)
        self.resolver = Resolver(dataset)
        self.today = today
        self._engines = {self.engine.allied_statuses: self.engine}

    def engine_for(self, suspended: str = "count", signatories: str = "exclude") -> Engine:
        """The engine whose allies are bound as the user reads it: suspended members count
        ("count", the data's default reading) or not ("exclude"); signatories not yet bound do
        not count ("exclude", the default) or do ("count", as ATOP and COW date membership from
        signature). UsageError for another word."""
        try:
            statuses = allied_statuses(suspended, signatories)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        engine = self._engines.get(statuses)
        if engine is None:
            engine = self._engines[statuses] = Engine(self.dataset, statuses)
        return engine

    def __repr__(self) -> str:
        return (f"<Alliances: {len(self.dataset.treaties)} treaties, {len(self.dataset.states)} "
                f"states, {self.dataset.event_count()} events, as of {self.dataset.as_of}>")

    # -- names ---------------------------------------------------------------------------------
    def treaty(self, name: Any) -> str:
        """The treaty id for a name or alias (raises UnknownName)."""
        return self.resolver.treaty(name_text(name, "treaty"))

    def state(self, name: Any, on: DateLike | None = None) -> str:
        """The state code for a name, ISO or COW code or abbreviation (raises UnknownName)."""
        return self.resolver.state(name_text(name), self.period(on).first if on is not None else None)

    def period(self, on: DateLike) -> Period:
        """A query date or period as the questions read it."""
        return as_period(on, today=self.today)

    def _state_on(self, name: Any, period: Period, notes: list[str]) -> State:
        code = self.resolver.state(name_text(name), period.first)
        state = self.dataset.states[code]
        note = self._existence_note(state, period)
        if note:
            notes.append(note)
        return state

    def _existence_note(self, state: State, period: Period) -> str | None:
        """Say so when a state did not exist in the period asked about, and name the one that did."""
        began = state.start is not None and period.last < state.start.earliest
        ended = state.end is not None and period.first >= state.end.latest
        if not (began or ended):
            return None
        label = f"{state.name} ({state.code})"
        when = (f"it exists from {state.start}" if began else f"it ceased to exist on {state.end}")
        codes = {p.code for p in state.cow}
        then = [s for s in self.dataset.states.values()
                if s.code != state.code and s.exists_on(period.first)
                and (s.successor == state.code or state.successor == s.code
                     or codes & {p.code for p in s.cow})]
        instead = ", ".join(
            f"{s.name} ({s.code}{', COW ' + '/'.join(str(p.code) for p in s.cow) if s.cow else ''})"
            for s in then)
        return (f"{label} did not exist on {period} ({when})"
                + (f"; the state that did: {instead}" if instead else ""))

    def as_of_notes(self, period: Period) -> list[str]:
        """A note when the period runs past the data's as-of date (the answer may be stale)."""
        as_of = self.dataset.as_of
        if as_of is not None and period.last > as_of.latest:
            return [f"the data are current to {as_of}; an answer for {period} may be out of date"]
        return []

    # -- questions -------------------------------------------------------------------------------
    def members(self, treaty: Any, on: DateLike = "today") -> Members:
        """Members of a treaty on a date (a day, month, year or closed range), with status."""
        period = self.period(on)
        t = self.dataset.treaties[self.treaty(treaty)]
        standings = self.engine.members(t.id, period)
        phase = self.engine.treaty_phase(t, period)
        fallback = None
        if phase.phase in ("not_signed", "signed") and not standings:
            for pred in self.engine.predecessor_chain(t.id):
                found = self.engine.members(pred.id, period)
                if found:
                    fallback = (pred, found)
                    break
        return Members(self.dataset, t, period, phase, standings, fallback,
                       self.as_of_notes(period))

    def memberships(self, state: Any, on: DateLike = "today") -> Memberships:
        """Every treaty a state belongs to on a date, with status."""
        period = self.period(on)
        notes = self.as_of_notes(period)
        s = self._state_on(state, period, notes)
        return Memberships(self.dataset, s, period, self.engine.memberships(s.code, period), notes)

    def allies(self, a: Any, b: Any = None, on: DateLike = "today",
               obligations: str | Iterable[str] | None = None, suspended: str = "count",
               uncertain: str = "keep", signatories: str = "exclude") -> Pair | AlliesOf:
        """With two states: were they allied (True, False or "uncertain"), and through what.
        With one state: every ally, one row per ally and linking treaty.

        `obligations`: what counts as an alliance (default defence; a word, a list, or "any").
        `suspended`: "count" (a suspended member is still bound) or "exclude".
        `uncertain`: a membership that may or may not hold in the period (a range date):
        "keep" (allied is "uncertain"), "as-member" or "as-nonmember".
        `signatories`: "exclude" (a state that has signed but is not yet bound links no one) or
        "count" (it does, as ATOP and COW date membership from signature).
        """
        period = self.period(on)
        wanted = as_obligations(obligations)
        engine = self.engine_for(suspended, signatories)
        mode = uncertain_mode(uncertain)
        notes = self.as_of_notes(period)
        sa = self._state_on(a, period, notes)
        if b is None:
            by_state = {other: resolve_uncertain(links, mode)
                        for other, links in engine.allies_of(sa.code, period, wanted).items()}
            return AlliesOf(self.dataset, sa, period, wanted,
                            {k: v for k, v in by_state.items() if v}, notes)
        sb = self._state_on(b, period, notes)
        if sa.code == sb.code:
            raise UsageError(f"'{a}' and '{b}' are the same state ({sa.code})")
        links = resolve_uncertain(engine.allies(sa.code, sb.code, period, wanted), mode)
        # treaties both are in that do not link them because one only observes it, is a partner
        # or has signed it without being bound: the answer names them too
        linked = {link.treaty for link in links}
        near = []
        for t in engine.qualifying_treaties(wanted):
            if t.id in linked or sa.code not in t.members or sb.code not in t.members:
                continue
            pair = (engine.standing(t.id, sa.code, period), engine.standing(t.id, sb.code, period))
            if pair[0] is not None and pair[1] is not None:
                near.append(pair)
        return Pair(self.dataset, sa, sb, period, wanted, links, notes, near)

    def history(self, name: Any = None, start: DateLike | None = None,
                end: DateLike | None = None, *, order: str = "oldest",
                kinds: str | Iterable[str] | None = None,
                regions: str | Iterable[str] | None = None, brief: bool = False) -> History:
        """Dated events of a treaty or a state, or with no name every event in a period, with
        notes and sources.

        start, end: inclusive bounds (a day, month, year or closed range); UsageError if end is
        before start, or if neither a name nor a bound is given.
        order: "oldest" (first; the default) or "newest" first.
        kinds: only treaties of these kinds (treaty, organisation, declaration).
        regions: only events of states in these regions (regions.REGIONS: americas, europe,
        africa, middle-east, asia-oceania; by the state's COW code).
        brief: each note cut to its first sentence.
        """
        first, last = as_range(start, end, ("start", "end"))
        if order not in ("oldest", "newest"):
            raise UsageError(f"order '{order}' is not one of oldest, newest")
        wanted_kinds = _words(kinds)
        for k in wanted_kinds:
            if k not in TREATY_KINDS:
                raise UsageError(f"kind '{k}' is not one of {', '.join(TREATY_KINDS)}")
        wanted_regions = [region_name(r) for r in _words(regions)]
        if name is None:
            if first is None and last is None:
                raise UsageError("history needs a state or a treaty, or a period (start, end) "
                                 "for every event in it")
            tid = code = None
            label = "Events worldwide"
        else:
            # "Austria" from 1850 is the Austrian Empire: a shared name is read on the first day
            day = first.earliest if first else (last.latest if last else None)
            tid, code = self.resolver.treaty_or_state(name_text(name, "state or treaty"), day)
        events = self.engine.history(treaty_id=tid, state=code, start=first, end=last)
        if name is not None:
            label = "History of " + (self.dataset.treaties[tid].label if tid
                                     else f"{self._name_in(code, first, last, events)} ({code})")
        treaties, states = self.dataset.treaties, self.dataset.states
        if wanted_kinds:
            events = [e for e in events if treaties[e.treaty].kind in wanted_kinds]
        if wanted_regions:
            events = [e for e in events
                      if region_of(states.get(e.state), e.date.earliest) in wanted_regions]
        if order == "newest":
            events.reverse()
        title = label + "".join((
            f" in {' and '.join(REGIONS[r][0] for r in wanted_regions)}" if wanted_regions else "",
            f" ({', '.join(wanted_kinds)} only)" if wanted_kinds else "",
            f" from {first}" if first else "", f" to {last}" if last else "",
            ", newest first" if order == "newest" else ""))
        return History(self.dataset, title, first, last, events, [], brief=brief)

    def _name_in(self, code: str, first: PartialDate | None, last: PartialDate | None,
                 events: list[Event]) -> str:
        """A state's name over a history: between the bounds asked, else the events' dates
        ('Prussia' for 1866, 'Prussia / Germany' for its whole history)."""
        lo = first.earliest if first else min((e.date.earliest for e in events), default=None)
        hi = last.latest if last else max((e.date.earliest for e in events), default=None)
        if lo is None or hi is None or hi < lo:
            return self.dataset.states[code].name_on(lo or hi)
        return self.dataset.states[code].name_on(lo, hi)

    def annotate(self, rows: Any, *, a: str | None = None, b: str | None = None,
                 state: str | None = None, date: str = "date",
                 obligations: Iterable[str] | None = None, suspended: str = "count",
                 uncertain: str = "keep", three_valued: bool = False, prefix: str = "",
                 problems: list | None = None, signatories: str = "exclude") -> Any:
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
        options = Options(obligations, suspended, uncertain, three_valued, prefix, signatories)
        if type(rows).__module__.split(".")[0] == "pandas" and hasattr(rows, "columns"):
            return annotate_frame(self.dataset, self.engine, self.resolver, rows, columns, options,
                                  problems)
        return annotate_rows(self.dataset, self.engine, self.resolver, rows, columns, options,
                             problems)

    def treaties(self, on: DateLike | None = None) -> Treaties:
        """Every treaty (or those in force on a date) with kind, dates and data-quality counts.

        With `on`, `members_on` counts the states in each treaty on that date (any status, as
        `members` lists them); `members` is always the count over the treaty's life.
        """
        selected = list(self.dataset.treaties.values())
        title = f"{len(selected)} treaties"
        notes: list[str] = []
        members_on: dict[str, int] | None = None
        period = None
        if on is not None:
            period = self.period(on)
            selected = [t for t in selected
                        if self.engine.treaty_phase(t, period).phase == "in_force"]
            title = f"{len(selected)} treaties in force on {period}"
            notes = self.as_of_notes(period)
            members_on = {t.id: len(self.engine.members(t.id, period)) for t in selected}
        selected.sort(key=lambda t: t.signed.sort_key())
        return Treaties(self.dataset, title, selected, notes, members_on, period)

    def states(self, on: DateLike | None = None) -> States:
        """The states in the data (or those that existed on a date, named as they were then),
        by name."""
        selected = list(self.dataset.states.values())
        period = None
        if on is not None:
            period = self.period(on)
            selected = [s for s in selected if s.exists_on(period.first)]
        day = period.first if period is not None else None
        return States(self.dataset, sorted(selected, key=lambda s: s.name_on(day)), [], period)

    # -- exports -----------------------------------------------------------------------------------
    def filters(self, *, treaties: Iterable[Any] | None = None, states: Iterable[Any] | None = None,
                kinds: Iterable[str] | None = None, start: DateLike | None = None,
                end: DateLike | None = None, names: tuple[str, str] = ("start", "end"),
                system: str | None = None) -> Filters:
        """The filters of an export, with every name resolved and every date read."""
        first, last = as_range(start, end, names)
        for k in kinds or ():
            if k not in TREATY_KINDS:
                raise UsageError(f"kind '{k}' is not one of {', '.join(TREATY_KINDS)}")
        if system is not None and system not in SYSTEM_NAMES:
            raise UsageError(f"system '{system}' is not one of {', '.join(SYSTEM_NAMES)}")
        return Filters(
            treaties=frozenset(self.treaty(t) for t in treaties) if treaties else None,
            states=frozenset(self.state(s, first or last) for s in states) if states else None,
            kinds=frozenset(kinds) if kinds else None,
            start=first,
            end=last,
            system=system,
        )

    def panel_years(self, f: Filters) -> range:
        """The years of a state-year or dyad-year panel: --from/--to, else the years the data
        covers (from its first year to its as-of year, today's year for data without one)."""
        covered = self.dataset.covered_years(self.today)
        return f.years(covered.start, covered.stop - 1)

    def export_request(self, kind: str, *, treaties: Iterable[Any] | None = None,
                       states: Iterable[Any] | None = None, kinds: Iterable[str] | None = None,
                       start: DateLike | None = None, end: DateLike | None = None,
                       on: DateLike | None = None, directed: bool = False,
                       system: str | None = None, panel: str | None = None,
                       suspended: str = "count", uncertain: str = "keep",
                       signatories: str = "exclude",
                       names: dict[str, str] | None = None) -> ExportRequest:
        """An export's options read and checked: UsageError for an unknown kind or an option the
        kind does not take. `names`: the options' names in messages (the command line's flags).

        system: "cow" or "gw", only states in that system (keys in that system's codes).
        panel: "cow" or "gw", every state or dyad of that system in every year (state-year,
          dyad-year), 0 where not allied, empty outside the years the data covers.
        suspended, uncertain, signatories: as for `allies`.
        """
        from .dyadyear import PanelOptions
        from .exports import EXPORT_KINDS, ExportRequest

        names = {"start": "start", "end": "end", "on": "on", "directed": "directed",
                 "panel": "panel", "system": "system", "uncertain": "uncertain",
                 **(names or {})}
        entry = EXPORT_KINDS.get(kind)
        if entry is None:
            raise UsageError(f"unknown export kind '{kind}'; use {', '.join(EXPORT_KINDS)}")
        for option, given in (("on", on is not None), ("directed", directed),
                              ("panel", panel is not None), ("uncertain", uncertain != "keep")):
            if given and option not in entry.options:
                takers = " and ".join(k.name for k in EXPORT_KINDS.values() if option in k.options)
                hint = f"; use {names['start']} and {names['end']}" if option == "on" else ""
                raise UsageError(f"{names[option]} applies to the {takers} export only{hint}")
        if panel is not None:
            if panel not in SYSTEM_NAMES:
                raise UsageError(f"{names['panel']} '{panel}' is not one of "
                                 f"{', '.join(SYSTEM_NAMES)}")
            if system is not None and system != panel:
                raise UsageError(f"{names['panel']} {panel} and {names['system']} {system} "
                                 "disagree; a panel is keyed by its own system")
            system = panel
        engine = self.engine_for(suspended, signatories)
        mode = uncertain_mode(uncertain)
        f = self.filters(treaties=treaties, states=states, kinds=kinds, start=start, end=end,
                         names=(names["start"], names["end"]), system=system)
        period = self.period("today" if on is None else on) if "on" in entry.options else None
        options = PanelOptions(system=system, panel=panel is not None, directed=directed,
                               uncertain=mode, covered=self.dataset.covered_years(self.today))
        return ExportRequest(self.dataset, engine, f, self.panel_years(f), period, options)

    def export_metadata(self, kind: str, fmt: str, command: list[str] | None = None
                        ) -> dict[str, Any]:
        """What a `--metadata` sidecar (and a Parquet file's header) says about an export: the
        tool, its version, the data's as-of date and version, the kind, the format, the command."""
        import shlex

        from . import __version__

        as_of = str(self.dataset.as_of) if self.dataset.as_of is not None else None
        return {"tool": "alliances", "version": __version__, "data_as_of": as_of,
                "data_version": f"{__version__}+{as_of}" if as_of else __version__,
                "coverage_from": self.dataset.covers_from, "kind": kind, "format": fmt,
                "command": None if command is None else shlex.join(command)}

    def export(self, kind: str, *, treaties: Iterable[Any] | None = None,
               states: Iterable[Any] | None = None, kinds: Iterable[str] | None = None,
               start: DateLike | None = None, end: DateLike | None = None,
               on: DateLike | None = None, directed: bool = False, system: str | None = None,
               panel: str | None = None, suspended: str = "count", uncertain: str = "keep",
               signatories: str = "exclude") -> Iterator[dict[str, Any]]:
        """Rows of an export kind: intervals, events, snapshot (`on`), state-year or dyad-year
        (see export_request for the options)."""
        request = self.export_request(kind, treaties=treaties, states=states, kinds=kinds,
                                      start=start, end=end, on=on, directed=directed,
                                      system=system, panel=panel, suspended=suspended,
                                      uncertain=uncertain, signatories=signatories)
        from .exports import export_rows

        return export_rows(kind, request)

def load(paths: Paths = None, *, bundled: bool = True, env: bool = True) -> Alliances:
    """Load the bundled data (plus `paths` and ALLIANCES_DATA); raise DataError on any problem."""
    return Alliances(load_dataset(paths, bundled=bundled, env=env))
