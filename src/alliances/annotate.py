"""Alliance status for the user's own dated rows: `alliances annotate` and `Alliances.annotate`.

Each row names two states (or one) and a date; the answer is appended as new columns and every
row is written back, good or bad, in its order. The answers are the engine's: for a pair on a day,
`Engine.link` over the treaties both states belong to, exactly as `alliances allies A B --on DAY`
gives it; a month, a year or a range `A..B` is a period, as `--on` treats it.

Speed without a second engine: a pair's answer can change only on a day that bounds one of its
spells (the earliest or latest day of a membership segment's or a relation suspension's start or
end) or the life of one of the states. So each pair, the first time it is seen, is asked once per
stretch between those days (on the stretch's first day), and every row of that pair is then a
binary search on its day. Names and dates are parsed once per distinct text. Memory grows with the
number of distinct pairs, names and dates seen (bounded by the data, not by the rows).

A row that cannot be answered (an unknown state, an impossible date, a state that did not exist on
the date, the same state twice) gets empty result columns and a problem: where, what, how to fix.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from itertools import repeat
from operator import getitem, itemgetter
from typing import IO, Any

from .dates import UNCERTAIN, DateError, Period, bounded, parse_date
from .errors import InputError, UnknownName, UsageError
from .model import OBLIGATIONS, Dataset, Treaty, allied_statuses, normalize_obligation
from .names import Resolver
from .query import AllyLink, Engine, link_allied
from .records import Frozen, set_field
from .safetext import printable

__all__ = [
    "FORMATS",
    "PAIR_COLUMNS",
    "STATE_COLUMNS",
    "Annotator",
    "Options",
    "RowProblem",
    "annotate_frame",
    "annotate_rows",
    "input_format",
    "open_table",
    "row_columns",
    "write_table",
]

PAIR_COLUMNS = ["allied", "via", "obligations", "status_a", "status_b", "certain"]
STATE_COLUMNS = ["treaties", "statuses", "certain"]
FORMATS = ("csv", "tsv", "jsonl", "parquet")
UNCERTAIN_RULES = ("keep", "as-member", "as-nonmember")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
               ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
# Caches of texts seen (names, dates) and of period answers are emptied when they reach this
# size, so that a file of a million distinct bad names still runs in flat memory.
_CACHE_LIMIT = 200_000
_CHUNK_ROWS = 2048  # rows gathered before one write: fewer system calls, prompt output


class RowProblem(Frozen):
    """A row that could not be answered: `FILE:ROW: what; how to fix`."""

    file: str
    row: int
    what: str
    fix: str

    __slots__ = ("file", "row", "what", "fix")

    def __init__(self, file: str, row: int, what: str, fix: str) -> None:
        set_field(self, "file", printable(file))
        set_field(self, "row", row)
        set_field(self, "what", printable(what))
        set_field(self, "fix", printable(fix))

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.what}; {self.fix}"


class Options(Frozen):
    """How rows are answered.

    obligations: the treaties that count (a pair: default defence; one state: default every
    treaty). suspended: 'count' (a frozen member is still bound, as everywhere in the tool) or
    'exclude'. uncertain: 'keep' (allied is empty/'uncertain'), 'as-member' or 'as-nonmember'
    (an uncertain membership is taken as held, or not). three_valued: allied as true/false/
    uncertain instead of 1/0/empty. prefix: put before each new column's name. signatories:
    'exclude' (a signatory not yet bound links no one, as everywhere in the tool) or 'count'
    (pairs only: as ATOP and COW date membership from signature).
    """

    obligations: tuple[str, ...] | None
    suspended: str
    uncertain: str
    three_valued: bool
    prefix: str
    signatories: str

    __slots__ = ("obligations", "suspended", "uncertain", "three_valued", "prefix", "signatories")

    def __init__(self, obligations: Iterable[str] | None = None, suspended: str = "count",
                 uncertain: str = "keep", three_valued: bool = False, prefix: str = "",
                 signatories: str = "exclude") -> None:
        wanted = None
        if obligations is not None:
            wanted = []
            for ob in obligations:
                ob = normalize_obligation(ob)
                if ob == "any":
                    wanted = list(OBLIGATIONS)
                    break
                if ob not in OBLIGATIONS:
                    raise UsageError(f"obligation '{ob}' is not one of {', '.join(OBLIGATIONS)}, any")
                wanted.append(ob)
        try:
            allied_statuses(suspended, signatories)  # checks both words
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if uncertain not in UNCERTAIN_RULES:
            raise UsageError(f"uncertain '{uncertain}' is not one of {', '.join(UNCERTAIN_RULES)}")
        set_field(self, "obligations", tuple(dict.fromkeys(wanted)) if wanted else None)
        set_field(self, "suspended", suspended)
        set_field(self, "uncertain", uncertain)
        set_field(self, "three_valued", three_valued)
        set_field(self, "prefix", prefix)
        set_field(self, "signatories", signatories)


class _Missing:
    """Why a row has no answer; `dated` problems name the row's date."""

    __slots__ = ("what", "fix", "dated")

    def __init__(self, what: str, fix: str, dated: bool = False) -> None:
        self.what, self.fix, self.dated = what, fix, dated

    def text(self, date_text: str) -> tuple[str, str]:
        if self.dated:
            return self.what.replace("\0", date_text), self.fix
        return self.what, self.fix

    def within(self, column: str) -> _Missing:
        return _Missing(f"column '{column}': {self.what}", self.fix, self.dated)


_FIX_DATE = "give a day (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or a range A..B"


def cell_text(value: Any) -> str:
    """A cell of the user's file as text: numbers (a COW code 365), dates and datetimes
    (the day), missing values (None, NaN, NaT) as empty."""
    if value.__class__ is str:
        return value
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Annotator:
    """Answers rows `(a, b, date)` or `(state, date)`, with every cache the speed needs.

    `render` turns an answer's values into what the writer appends (a CSV suffix, a JSON
    fragment, a tuple); it runs once per distinct answer.
    """

    def __init__(self, dataset: Dataset, engine: Engine, resolver: Resolver, options: Options,
                 pair: bool, render: Callable[[tuple], Any],
                 columns: tuple[str, ...] = ("a", "b", "date")) -> None:
        statuses = allied_statuses(options.suspended, options.signatories)
        if engine.allied_statuses != statuses:
            engine = Engine(dataset, statuses)  # e.g. a suspended member binds no one
        self.ds, self.engine, self.resolver, self.options = dataset, engine, resolver, options
        self.pair = pair
        self.columns = columns
        wanted = options.obligations or (("defence",) if pair else None)
        treaties = list(dataset.treaties.values())
        self._treaties: list[Treaty] = (
            treaties if wanted is None else [t for t in treaties if set(wanted) & set(t.obligations)])
        self._of_state: dict[str, list[Treaty]] = {}
        self._render_fn = render
        self._rendered: dict[tuple, Any] = {}
        self._names: dict[str, Any] = {}  # text -> code, a list of codes (the date decides) or _Missing
        self._dates: dict[str, Any] = {}  # text -> day ordinal, (first, last) ordinals or _Missing
        self._timelines: dict[Any, tuple[list[int], list[Any]]] = {}
        self._periods: dict[tuple, Any] = {}
        self._links: dict[tuple, tuple[list[int], list[Any]]] = {}
        self._lives: dict[str, tuple[int, int]] = {}
        self._gone: dict[tuple[str, bool], _Missing] = {}
        self._ids: dict[str, set[str]] = {}
        self._lines_alike: dict[tuple, tuple[list[int], list[Any]]] = {}
        self._plain: dict[tuple, tuple[list[int], list[Any]]] = {}  # never allied, by lives

    # -- the answer to one row ---------------------------------------------------------------------
    def answer_pair(self, a_text: str, b_text: str, d_text: str) -> Any:
        """The rendered answer for a pair on a date, or a _Missing."""
        a = self._names.get(a_text)
        if a is None:
            a = self._name(a_text)
        b = self._names.get(b_text)
        if b is None:
            b = self._name(b_text)
        d = self._dates.get(d_text)
        if d is None:
            d = self._date(d_text)
        if a.__class__ is str and b.__class__ is str and d.__class__ is int:
            line = self._timelines.get((a, b))
            if line is None:
                line = self._timeline((a, b))
            return line[1][bisect_right(line[0], d)]
        return self._slow((a, b), d, (a_text, b_text))

    def answer_state(self, s_text: str, d_text: str) -> Any:
        """The rendered memberships of a state on a date, or a _Missing."""
        s = self._names.get(s_text)
        if s is None:
            s = self._name(s_text)
        d = self._dates.get(d_text)
        if d is None:
            d = self._date(d_text)
        if s.__class__ is str and d.__class__ is int:
            line = self._timelines.get(s)
            if line is None:
                line = self._timeline((s,))
            return line[1][bisect_right(line[0], d)]
        return self._slow((s,), d, (s_text,))

    def _slow(self, states: tuple, d: Any, texts: tuple[str, ...]) -> Any:
        """Everything but a known pair on a day: problems, ambiguous names, periods."""
        for i, s in enumerate(states):
            if s.__class__ is _Missing:
                return s.within(self.columns[i])
        if d.__class__ is _Missing:
            return d.within(self.columns[-1])
        first, last = (d, d) if d.__class__ is int else d
        codes = []
        for i, s in enumerate(states):
            if s.__class__ is list:  # a code shared by predecessor and successor: the one
                # that existed on the (first) day, as the command line decides
                try:
                    s = self.resolver.state(texts[i].strip(), date.fromordinal(first))
                except UnknownName:
                    names = ", ".join(f"{c} ({self.ds.states[c].name})" for c in s)
                    return _Missing(f"column '{self.columns[i]}': '{texts[i]}' could be {names} on "
                                    "\0", "use a code (ISO 3166-1 alpha-3)", dated=True)
            codes.append(s)
        key = tuple(codes)
        if d.__class__ is int:
            line = self._timelines.get(key if len(key) == 2 else key[0]) or self._timeline(key)
            return line[1][bisect_right(line[0], d)]
        found = self._periods.get((key, d))
        if found is None:
            if len(self._periods) >= _CACHE_LIMIT:
                self._periods.clear()
            found = self._periods[(key, d)] = self._compute(key, _day(first, last))
        return found

    # -- names and dates, once per distinct text -------------------------------------------------
    def _name(self, text: str) -> Any:
        if len(self._names) >= _CACHE_LIMIT:
            self._names.clear()
        stripped = text.strip()
        if not stripped:
            found: Any = _Missing("no state given", "fill in a state (a name, an ISO or COW code) "
                                  "or leave the row: its result columns stay empty")
        else:
            codes = self.resolver.state_candidates(stripped)
            if len(codes) == 1:
                found = codes[0]
            elif codes:
                found = sorted(codes)
            else:
                try:
                    self.resolver.state(stripped)
                except UnknownName as exc:
                    fix = (f"did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else
                           "run 'alliances states' to list the names and codes it knows")
                    found = _Missing(f"unknown state '{stripped}'", fix)
        self._names[text] = found
        return found

    def _date(self, text: str) -> Any:
        if len(self._dates) >= _CACHE_LIMIT:
            self._dates.clear()
        stripped = text.strip()
        # A timestamp (UCDP's '1989-01-01 00:00:00.000', ISO '2020-10-01T12:00Z') is its day.
        if len(stripped) > 10 and stripped[10] in "T " and stripped[4:5] == "-" \
                and stripped[11:13].isdigit():
            stripped = stripped[:10]
        found: Any
        if not stripped:
            found = _Missing("no date given", _FIX_DATE)
        else:
            try:
                pd = bounded(parse_date(stripped))
            except DateError as exc:
                found = _Missing(f"{exc}", _FIX_DATE)
            else:
                first, last = pd.earliest.toordinal(), pd.latest.toordinal()
                found = first if first == last else (first, last)
        self._dates[text] = found
        return found

    def _life(self, code: str) -> tuple[int, int]:
        """The days the state may have existed, [first, end) as ordinals (as State.exists_on)."""
        found = self._lives.get(code)
        if found is None:
            s = self.ds.states.get(code)
            lo = s.start.earliest.toordinal() if s is not None and s.start is not None else 0
            hi = s.end.latest.toordinal() if s is not None and s.end is not None else _NEVER
            found = self._lives[code] = (lo, hi)
        return found

    def _absent(self, codes: tuple[str, ...], first: int, last: int) -> _Missing | None:
        """Why a state of `codes` did not exist on any day of [first, last], or None."""
        for code in codes:
            lo, hi = self._life(code)
            if lo <= last and first < hi:
                continue
            key = (code, first >= hi)
            found = self._gone.get(key)
            if found is None:
                found = self._gone[key] = self._gone_message(code, first >= hi)
            return found
        return None

    def _gone_message(self, code: str, after: bool) -> _Missing:
        s = self.ds.states[code]
        life = (f"from {s.start}" if s.end is None else
                f"until {s.end}" if s.start is None else f"from {s.start} until {s.end}")
        before = [p for p in self.ds.states.values() if p.successor == code]
        if after and s.successor in self.ds.states:
            then = self.ds.states[s.successor]
            fix = f"check the date; {then.name} ({then.code}) succeeded it"
        elif not after and before:
            fix = f"check the date; {before[0].name} ({before[0].code}) preceded it"
        else:
            fix = "check the date and the state"
        return _Missing(f"{s.name} ({code}) did not exist on \0 (it existed {life})", fix,
                        dated=True)

    # -- answers from the engine ---------------------------------------------------------------------
    def _of(self, code: str) -> list[Treaty]:
        found = self._of_state.get(code)
        if found is None:
            found = self._of_state[code] = [t for t in self._treaties if code in t.members]
        return found

    def _bounds(self, treaty: Treaty, codes: Iterable[str], days: set[int]) -> None:
        """Add to `days` every day on which the engine's answer about `codes` in the treaty
        may change: the first and last days each segment's and relation's bounds may denote."""
        for code in codes:
            for seg in self.engine.segments(treaty.id, code):
                days.update((seg.start.earliest.toordinal(), seg.start.latest.toordinal()))
                if seg.end is not None:
                    days.update((seg.end.earliest.toordinal(), seg.end.latest.toordinal()))
            for rel in self.engine.relations(treaty.id, code):
                days.update((rel.start.earliest.toordinal(), rel.start.latest.toordinal()))
                if rel.end is not None:
                    days.update((rel.end.earliest.toordinal(), rel.end.latest.toordinal()))

    @staticmethod
    def _starts(breaks: list[int]) -> list[int]:
        """A day in each stretch the breaks make: the day before the first, then each break."""
        return [max(breaks[0] - 1, 1) if breaks else date(2000, 1, 1).toordinal(), *breaks]

    def _link_line(self, treaty: Treaty, x: str, y: str) -> tuple[list[int], list[Any]]:
        """Engine.link(treaty, x, y) on each stretch of days over which it cannot change."""
        key = (treaty.id, x, y)
        found = self._links.get(key)
        if found is None:
            days: set[int] = set()
            self._bounds(treaty, (x, y), days)
            breaks = sorted(days)
            # the engine is asked only where both may hold a binding status: elsewhere its
            # answer is None (no standing, no link)
            spans = [self.engine.allied_spans(treaty.id, c)[1] for c in (x, y)]
            links = []
            for o in self._starts(breaks):
                day = date.fromordinal(o)
                links.append(self.engine.link(treaty, x, y, _day(o))
                             if all(_within(day, sp) for sp in spans) else None)
            found = self._links[key] = (breaks, links)
        return found

    def _timeline(self, key: tuple) -> tuple[list[int], list[Any]]:
        """The days on which the answer for `key` may change, and the answer from each on."""
        days: set[int] = set()
        for code in key:
            lo, hi = self._life(code)
            days.update(d for d in (lo, hi) if 0 < d < _NEVER)
        if len(key) == 1:
            for t in self._of(key[0]):
                self._bounds(t, key, days)
            breaks = sorted(days)
            found = self._alike((breaks, [self._compute(key, _day(o)) for o in self._starts(breaks)]))
            self._timelines[key[0]] = found
            return found
        a, b = key
        if a == b:
            found: tuple[list[int], list[Any]] = ([], [self._same(a)])
            self._timelines[key] = found
            return found
        shared = self._ids_of(a) & self._ids_of(b)
        if not shared:  # never allied: only the lives of the states that have bounds matter
            alive = (0, _NEVER)
            lives = tuple(c if self._life(c) != alive else None for c in key)
            found = self._plain.get(lives)
            if found is None:
                breaks = sorted(days)
                answers = []
                for o in self._starts(breaks):
                    absent = self._absent(key, o, o)
                    answers.append(absent if absent is not None else self._not_allied)
                found = self._plain[lives] = self._alike((breaks, answers))
            self._timelines[key] = found
            return found
        # each treaty's links, computed once for both orders of the pair
        x, y = (a, b) if a < b else (b, a)
        lines = [self._link_line(t, x, y) for t in self._of(a) if t.id in shared]
        for line in lines:
            days.update(line[0])
        breaks = sorted(days)
        forward, backward = [], []
        for o in self._starts(breaks):
            absent = self._absent(key, o, o)
            if absent is not None:
                forward.append(absent)
                backward.append(absent)
                continue
            links = [lk for br, lks in lines if (lk := lks[bisect_right(br, o)]) is not None]
            forward.append(self._rendered_values(self._values(links, swapped=a > b)))
            backward.append(self._rendered_values(self._values(links, swapped=b > a)))
        found = self._timelines[key] = self._alike((breaks, forward))
        self._timelines[(b, a)] = self._alike((breaks, backward))
        return found

    def _alike(self, line: tuple[list[int], list[Any]]) -> tuple[list[int], list[Any]]:
        """One object for timelines alike (most pairs never allied share a few)."""
        return self._lines_alike.setdefault((tuple(line[0]), tuple(map(id, line[1]))), line)

    @property
    def _not_allied(self) -> Any:
        return self._rendered_values(_NOT_ALLIED)

    def _ids_of(self, code: str) -> set[str]:
        found = self._ids.get(code)
        if found is None:
            found = self._ids[code] = {t.id for t in self._of(code)}
        return found

    def _same(self, code: str) -> _Missing:
        state = self.ds.states[code]
        return _Missing(f"both columns name {state.name} ({state.code})",
                        "a pair needs two different states")

    def _rendered_values(self, values: tuple) -> Any:
        found = self._rendered.get(values)
        if found is None:
            found = self._rendered[values] = self._render_fn(values)
        return found

    def _compute(self, key: tuple, period: Period) -> Any:
        """The rendered answer for `key` over a period, from the engine (or a _Missing)."""
        absent = self._absent(key, period.first.toordinal(), period.last.toordinal())
        if absent is not None:
            return absent
        if len(key) == 1:
            return self._rendered_values(self._memberships(key[0], period))
        a, b = key
        if a == b:
            return self._same(a)
        links = []
        for t in self._of(a):
            if b in t.members:
                link = self.engine.link(t, a, b, period)
                if link is not None:
                    links.append(link)
        return self._rendered_values(self._values(links))

    def _values(self, links: list[AllyLink], swapped: bool = False) -> tuple:
        """(allied, via, obligations, statuses of a, of b, certain), as `allies A B` answers
        (each link's standings in the other order when `swapped`)."""
        if not links:
            return _NOT_ALLIED
        allied = link_allied(links)
        # the treaties that make the answer (export.allies_payload's `via`)
        via = [lk for lk in links
               if lk.counts or (allied == "uncertain" and lk.presence == UNCERTAIN)]
        certain = allied != "uncertain"
        if not certain and self.options.uncertain != "keep":
            allied = self.options.uncertain == "as-member"
            if not allied:
                via = []
        obligations = tuple(ob for ob in OBLIGATIONS if any(ob in lk.obligations for lk in via))
        first = tuple(lk.a.status for lk in via)
        second = tuple(lk.b.status for lk in via)
        if swapped:
            first, second = second, first
        return (allied, tuple(lk.treaty for lk in via), obligations, first, second, certain)

    def _memberships(self, code: str, period: Period) -> tuple:
        """(treaties, statuses, certain): the state's memberships, as `memberships S` lists them."""
        wanted = {t.id for t in self._of(code)}
        kept = []
        for st in self.engine.memberships(code, period):
            if st.treaty not in wanted:
                continue
            if self.options.suspended == "exclude" and st.status == "suspended":
                continue
            if st.presence == UNCERTAIN and self.options.uncertain == "as-nonmember":
                continue
            kept.append(st)
        return (tuple(st.treaty for st in kept), tuple(st.status for st in kept),
                all(st.certain for st in kept))


_NOT_ALLIED = (False, (), (), (), (), True)
_NEVER = 10**7  # an ordinal after every date: the end of a life without one


def _within(day: date, spans: list) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in spans)


def _day(first: int, last: int | None = None) -> Period:
    return Period(date.fromordinal(first), date.fromordinal(first if last is None else last))


# -- cells ------------------------------------------------------------------------------------------
def _pair_values(values: tuple, three_valued: bool) -> tuple:
    """Python values of the pair columns (for JSON, dicts, DataFrames)."""
    allied, via, obligations, status_a, status_b, certain = values
    if three_valued:
        shown: Any = allied
    else:
        shown = None if allied == "uncertain" else int(allied)
    return (shown, " ".join(via), " ".join(obligations), " ".join(status_a), " ".join(status_b),
            certain)


def _state_values(values: tuple, three_valued: bool) -> tuple:
    treaties, statuses, certain = values
    return (" ".join(treaties), " ".join(statuses), certain)


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


# -- the user's file ------------------------------------------------------------------------------
def input_format(name: str, given: str | None = None) -> str:
    """The file's format: `given`, else from its extension (.csv, .tsv, .jsonl, .parquet)."""
    if given is not None:
        if given not in FORMATS:
            raise UsageError(f"input format '{given}' is not one of {', '.join(FORMATS)}")
        return given
    ext = os.path.splitext(name)[1].lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    raise UsageError(f"cannot tell the format of '{name}' from its name; give --input-format "
                     f"({', '.join(FORMATS)})")


class Table:
    """A user's file opened for annotation: its header read and the columns checked, nothing
    written yet. `write(out)` streams it back with the answers appended."""

    def __init__(self, name: str, fmt: str, stream: IO | None, header: list[str],
                 first: Any = None, parquet: Any = None) -> None:
        self.name, self.fmt, self.stream, self.header = name, fmt, stream, header
        self._first = first  # JSON Lines: the first line, read to check the columns
        self._parquet = parquet
        self.problems = 0
        self.rows = 0

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, needed: list[str], new: list[str]) -> list[int]:
        """The positions of the needed columns; UsageError for a missing one or a clash."""
        missing = [c for c in needed if c not in self.header]
        if missing:
            shown = ", ".join(self.header[:30]) + (" ..." if len(self.header) > 30 else "")
            raise UsageError(f"{self.name} has no column '{missing[0]}'; its columns are: "
                             f"{shown or '(none)'}")
        clash = [c for c in new if c in self.header]
        if clash:
            raise UsageError(f"{self.name} already has a column '{clash[0]}'; give --prefix "
                             "(e.g. --prefix ally_) so that the new columns keep their own names")
        return [self.header.index(c) for c in needed]


def open_table(source: str | os.PathLike[str] | IO[str], fmt: str, name: str | None = None) -> Table:
    """Open the user's file (or a text stream: CSV, TSV or JSON Lines) and read its header."""
    shown = name or (os.fspath(source) if isinstance(source, (str, os.PathLike)) else "<stdin>")
    if fmt == "parquet":
        if not isinstance(source, (str, os.PathLike)):
            raise UsageError("Parquet is read from a file, not from standard input")
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise UsageError("reading Parquet needs pyarrow, which is not installed: "
                             "pip install pyarrow (or convert the file to CSV)") from None
        try:
            pf = pq.ParquetFile(os.fspath(source))
        except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
            raise InputError(f"cannot read {shown}: {exc}") from None
        return Table(shown, fmt, None, list(pf.schema_arrow.names), parquet=pf)
    if isinstance(source, (str, os.PathLike)):
        try:
            stream: IO[str] = open(source, encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise UsageError(f"cannot read {shown}: {exc.strerror or exc}") from None
    else:
        stream = source
    try:
        if fmt == "jsonl":
            for number, line in enumerate(stream, 1):
                if line.strip():
                    obj = _json_object(line, shown, number)
                    return Table(shown, fmt, stream, list(obj), first=(number, line))
            return Table(shown, fmt, stream, [], first=None)
        lines = _Lines(stream)
        reader = csv.reader(lines, delimiter="," if fmt == "csv" else "\t")
        header = next(reader, None)
    except (UnicodeDecodeError, csv.Error) as exc:
        stream.close()
        raise _unreadable(shown, exc) from None
    except BaseException:
        stream.close()
        raise
    if header is None:
        stream.close()
        raise UsageError(f"{shown} is empty: it has no header row")
    table = Table(shown, fmt, stream, header)
    table._first = (lines, reader, "".join(lines.raw))
    return table


class _Lines:
    """The lines csv.reader reads, kept (`raw`) so that a record is written back as it was."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = iter(stream)
        self.raw: list[str] = []
        self.pending: str | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.pending
        if line is None:
            line = next(self.stream)
        self.pending = None
        self.raw.append(line)
        return line


def _json_object(line: str, name: str, number: int) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{name}:{number}: not JSON ({exc}); each line of a JSON Lines file "
                         "holds one object") from None
    if not isinstance(obj, dict):
        raise InputError(f"{name}:{number}: a JSON {type(obj).__name__}, not an object; each "
                         "line of a JSON Lines file holds one object")
    return obj


def _unreadable(name: str, exc: Exception) -> InputError:
    if isinstance(exc, UnicodeDecodeError):
        return InputError(f"cannot read {name}: it is not UTF-8 text ({exc.reason} at byte "
                          f"{exc.start}); convert it first (e.g. iconv -f latin1 -t utf-8)")
    return InputError(f"cannot read {name}: {exc}")


def new_columns(pair: bool, prefix: str) -> list[str]:
    return [prefix + c for c in (PAIR_COLUMNS if pair else STATE_COLUMNS)]


def write_table(table: Table, out: IO, dataset: Dataset, engine: Engine, resolver: Resolver,
                options: Options, columns: list[str], report: Callable[[RowProblem], None]) -> int:
    """Write the table back with the answers appended; return the number of rows.

    `columns`: (a, b, date) or (state, date), checked present. `report` gets each problem as
    it is found; the run goes on.
    """
    pair = len(columns) == 3
    added = new_columns(pair, options.prefix)
    positions = table.check(columns, added)
    # Rows make no reference cycles, but each block's lists would set off the cyclic
    # collector, which would walk the whole dataset and every timeline again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if table.fmt == "parquet":
            return _write_parquet(table, out, dataset, engine, resolver, options, columns, added,
                                  report)
        if table.fmt == "jsonl":
            return _write_jsonl(table, out, dataset, engine, resolver, options, columns, added,
                                report)
        return _write_csv(table, out, dataset, engine, resolver, options, positions, columns,
                          added, report)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _unreadable(table.name, exc) from None
    finally:
        if collecting:
            gc.enable()


# A calendar day as the date column of a fast row: YYYY-MM-DD, a year 1000-2999 (dates.py's
# range), a month 01-12 and a day that month has (29 February in leap years only). Anything
# else (a month, a year, a range, spaces, an impossible day) goes row by row.
_DAY = (r"(?:[12]\d{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-"
        r"(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))"
        r"|(?:[12]\d(?:0[48]|[2468][048]|[13579][26])|(?:1[26]|2[048])00)-02-29)")


class _Flagged(str):
    """The empty cells of a row with a problem, inside a fast block's answers: the problem
    rides along so that the block can report it."""

    missing: _Missing


def _row_pattern(width: int, wanted: list[int], delimiter: str) -> re.Pattern[str]:
    """A line of `width` fields without quotes, capturing the `wanted` fields (the last one a
    calendar day), in the order of their positions."""
    field = f"[^{re.escape(delimiter)}\"\n\r]*"
    parts = []
    for i in range(width):
        if i == wanted[-1]:
            parts.append(f"({_DAY})")
        elif i in wanted:
            parts.append(f"({field})")
        else:
            parts.append(field)
    return re.compile("^" + re.escape(delimiter).join(parts) + "$", re.M)


def _write_csv(table: Table, out: IO[str], dataset: Dataset, engine: Engine, resolver: Resolver,
               options: Options, positions: list[int], columns: list[str], added: list[str],
               report: Callable[[RowProblem], None]) -> int:
    """Each record is written back as it was read (its line end made `\\n`), with the answer's
    cells after it.

    The file is read in blocks of about 64 KiB. In a block whose lines are all plain records
    (no quotes, the header's number of fields, a calendar day in the date column) the rows are
    answered without a Python statement per row: one regular expression takes the cells, the
    state names become indexes through a small dict, the pair's timeline comes from a table by
    those indexes (timelines that are alike are one object), and the day, compared as text
    (ISO dates sort as the days do), picks the answer by binary search. A row these steps
    cannot answer (a name not seen yet, a problem) and every row of any other block go
    row by row, through csv.reader where a field is quoted.
    """
    delimiter = "," if table.fmt == "csv" else "\t"
    pair = len(positions) == 3
    one = io.StringIO()
    line_writer = csv.writer(one, delimiter=delimiter, lineterminator="")
    values_of = _pair_values if pair else _state_values

    def cells(values: list[str]) -> str:
        one.seek(0)
        one.truncate()
        line_writer.writerow(values)
        return delimiter + one.getvalue()

    def render(values: tuple) -> str:
        return cells([_text_cell(v) for v in values_of(values, options.three_valued)]) + "\n"

    empty = delimiter * len(added) + "\n"
    annotator = Annotator(dataset, engine, resolver, options, pair, render, tuple(columns))
    answer = annotator.answer_pair if pair else annotator.answer_state
    lines, reader, header_text = table._first
    width = len(table.header)
    ia, ib, ic = positions[0], positions[1], positions[-1]

    # -- the fast path's tables ------------------------------------------------------------
    index: dict[str, int] = {}  # a name as written -> the state's index (from 1)
    codes: dict[str, int] = {}
    grid: list[list[Any]] = [[None]]  # [index a][index b] (or [index]) -> timeline
    as_text: dict[int, tuple] = {}  # id of a timeline -> its days as text, problems flagged
    keep: list[Any] = []
    iso: dict[int, str] = {}
    wanted = sorted(set(positions))
    pattern = _row_pattern(width, wanted, delimiter)
    group = {pos: i for i, pos in enumerate(wanted)}
    get_a, get_b, get_day = itemgetter(group[ia]), itemgetter(group[ib]), itemgetter(group[ic])
    index_get = index.get
    zero = repeat(0)

    def flagged(x: Any) -> str:
        if x.__class__ is _Missing:
            marked = _Flagged(empty)
            marked.missing = x
            return marked
        return x

    def learn(texts: tuple[str, ...]) -> tuple | None:
        """Put a row's names and timeline in the tables, if they are plain known codes;
        return the timeline with its days as text (None for other names)."""
        found = [annotator._names.get(t) or annotator._name(t) for t in texts]
        if any(f.__class__ is not str for f in found):
            return None
        slots = []
        for code in found:
            if code not in codes:
                codes[code] = len(grid)
                for row in grid:
                    row.append(None)
                grid.append([None] * (len(grid) + 1))
            slots.append(codes[code])
        for t, slot in zip(texts, slots, strict=True):
            if len(index) >= _CACHE_LIMIT:
                index.clear()
            index[t] = slot
        timeline = (annotator._timelines.get(tuple(found) if pair else found[0])
                    or annotator._timeline(tuple(found)))
        line = as_text.get(id(timeline)) or text_line(timeline)
        grid[slots[0]][slots[-1]] = line
        if pair and grid[slots[1]][slots[0]] is None:  # the other order: built with this one
            other = annotator._timelines.get((found[1], found[0]))
            if other is not None:
                grid[slots[1]][slots[0]] = as_text.get(id(other)) or text_line(other)
        return line

    def text_line(timeline: tuple) -> tuple:
        days = tuple(iso.get(o) or iso.setdefault(o, date.fromordinal(o).isoformat())
                     for o in timeline[0])
        line = as_text[id(timeline)] = (days, tuple(flagged(x) for x in timeline[1]))
        keep.append(timeline)  # so that its id stays its own
        return line

    def one_row(text: str, row: list[str], line_number: int, fast: bool) -> str:
        """The answer's cells for one row (the general path), reporting a problem."""
        if len(row) == width:
            if fast:
                learn((row[ia], row[ib]) if pair else (row[ia],))
            x = answer(row[ia], row[ib], row[ic]) if pair else answer(row[ia], row[ic])
        else:
            x = _Missing(f"the row has {len(row)} fields, the header {width}",
                         "give every row the header's number of fields")
        if x.__class__ is _Missing:
            table.problems += 1
            report(RowProblem(table.name, line_number, *x.text(row[ic] if len(row) > ic else "")))
            return empty if len(row) >= width else delimiter * (width - len(row)) + empty
        return x

    def slow_block(block: str, number: int) -> tuple[list[str], int, int]:
        """A block row by row; returns its output, the rows and the last line's number."""
        pieces: list[str] = []
        rows = 0
        source = iter(io.StringIO(block, newline=""))  # lines as the file gives them
        lines.stream = _chain(source, stream)
        for line in source:
            number += 1
            if '"' in line:  # quoted fields, perhaps over several lines: csv.reader's
                lines.pending, lines.raw = line, []
                row = next(reader)
                text = "".join(lines.raw).rstrip("\r\n")
                number += len(lines.raw) - 1
                fast = False
            else:
                text = line.rstrip("\r\n")
                row = text.split(delimiter)
                fast = True
            if not text:  # a blank line: written back as it was
                pieces.append("\n")
                continue
            rows += 1
            pieces.append(text)
            pieces.append(one_row(text, row, number, fast))
        lines.stream = stream
        return pieces, rows, number

    out.write(header_text.rstrip("\r\n") + cells(added) + "\n")
    number = header_text.count("\n") or 1  # the number of the last line read
    count = 0
    stream = lines.stream
    read, readline = stream.read, stream.readline
    while True:
        block = read(1 << 16)
        if not block:
            break
        if block[-1] != "\n":
            block += readline()
        if "\r" in block and '"' not in block:
            block = block.replace("\r\n", "\n")
        texts = block.split("\n")
        if texts[-1] == "":
            texts.pop()
        cells_of = pattern.findall(block) if '"' not in block and "\r" not in block else ()
        if len(cells_of) != len(texts):
            pieces, rows, number = slow_block(block, number)
            count += rows
            out.write("".join(pieces))
            continue
        # the timeline of each row's pair (or state), by the indexes of its names
        if pair:
            found = list(map(getitem, map(grid.__getitem__, map(index_get, map(get_a, cells_of),
                                                                zero)),
                             map(index_get, map(get_b, cells_of), zero)))
        else:
            slots = list(map(index_get, map(get_a, cells_of), zero))
            found = list(map(getitem, map(grid.__getitem__, slots), slots))
        if None in found:
            for i in _nones(found):
                row_cells = cells_of[i]
                line = learn((get_a(row_cells), get_b(row_cells)) if pair else (get_a(row_cells),))
                if line is None:  # a name that is not a plain code: row by row
                    x = one_row(texts[i], texts[i].split(delimiter), number + i + 1, False)
                    line = ((), (x,))
                found[i] = line
        answers = list(map(getitem, map(_SECOND, found),
                           map(bisect_right, map(_FIRST, found), map(get_day, cells_of))))
        if _Flagged in set(map(type, answers)):
            for i, x in enumerate(answers):
                if x.__class__ is _Flagged:
                    table.problems += 1
                    report(RowProblem(table.name, number + i + 1,
                                      *x.missing.text(get_day(cells_of[i]))))
        pieces = [""] * (2 * len(texts))
        pieces[::2] = texts
        pieces[1::2] = answers
        out.write("".join(pieces))
        count += len(texts)
        number += len(texts)
    table.rows = count
    return count


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _write_jsonl(table: Table, out: IO[str], dataset: Dataset, engine: Engine, resolver: Resolver,
                 options: Options, columns: list[str], added: list[str],
                 report: Callable[[RowProblem], None]) -> int:
    pair = len(columns) == 3
    values_of = _pair_values if pair else _state_values
    keys = [json.dumps(c, ensure_ascii=False) + ": " for c in added]

    def fragment(cells: Iterable[Any]) -> str:
        return ", ".join(k + json.dumps(v, ensure_ascii=False) for k, v in zip(keys, cells, strict=True))

    def render(values: tuple) -> str:
        return fragment(values_of(values, options.three_valued))

    empty = fragment([None] * len(added))
    annotator = Annotator(dataset, engine, resolver, options, pair, render, tuple(columns))
    answer = annotator.answer_pair if pair else annotator.answer_state
    pieces: list[str] = []
    append = pieces.append
    count = 0
    lines: Iterable[tuple[int, str]] = ()
    if table._first is not None:
        number, line = table._first
        lines = _chain([(number, line)], enumerate(table.stream, number + 1))
    loads = json.loads
    for number, line in lines:
        body = line.rstrip()
        if not body:
            append(line if line.endswith("\n") else line + "\n")
            continue
        count += 1
        appendable, date_text = False, ""  # an object without our keys: answers go on its end
        try:
            obj = loads(body)
        except ValueError as exc:
            x = _Missing(f"not JSON ({exc})", "make the line one JSON object")
        else:
            if obj.__class__ is not dict:
                x = _Missing(f"a JSON {type(obj).__name__}, not an object",
                             "make the line one JSON object")
            elif added[0] in obj or any(c in obj for c in added):
                x = _Missing(f"the row already has a key '{next(c for c in added if c in obj)}'",
                             "give --prefix so that the new columns keep their own names")
            else:
                texts = [cell_text(obj.get(c)) for c in columns]
                x = answer(*texts)
                appendable, date_text = True, texts[-1]
        if x.__class__ is _Missing:
            table.problems += 1
            report(RowProblem(table.name, number, *x.text(date_text)))
            if not appendable:
                append(body + "\n")  # written back as it was
                continue
            x = empty
        head = body[:-1].rstrip()
        append(head + (", " if head[-1] != "{" else "") + x + "}\n")
        if count % _CHUNK_ROWS == 0:
            out.write("".join(pieces))
            pieces.clear()
    out.write("".join(pieces))
    table.rows = count
    return count


def _nones(values: list[Any]) -> list[int]:
    return [i for i, v in enumerate(values) if v is None]


def _chain(first: Iterable, rest: Iterable) -> Iterator:
    yield from first
    yield from rest


def _write_parquet(table: Table, out: IO[bytes], dataset: Dataset, engine: Engine,
                   resolver: Resolver, options: Options, columns: list[str], added: list[str],
                   report: Callable[[RowProblem], None]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pair = len(columns) == 3
    values_of = _pair_values if pair else _state_values
    annotator = Annotator(dataset, engine, resolver, options, pair,
                          lambda v: values_of(v, options.three_valued), tuple(columns))
    answer = annotator.answer_pair if pair else annotator.answer_state
    types = _arrow_types(pa, pair, options.three_valued)
    schema = table._parquet.schema_arrow
    for name, kind in zip(added, types, strict=True):
        schema = schema.append(pa.field(name, kind))
    writer = pq.ParquetWriter(out, schema)
    count = 0
    try:
        for batch in table._parquet.iter_batches():
            given = [batch.column(c).to_pylist() for c in columns]
            results: list[list[Any]] = [[] for _ in added]
            for cells in zip(*given, strict=True):
                count += 1
                x = answer(*(cell_text(c) for c in cells))
                if x.__class__ is _Missing:
                    table.problems += 1
                    report(RowProblem(table.name, count, *x.text(cell_text(cells[-1]))))
                    x = (None,) * len(added)
                for column, v in zip(results, x, strict=True):
                    column.append(v)
            arrays = [*batch.columns, *(pa.array(r, type=k) for r, k in zip(results, types, strict=True))]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
    finally:
        writer.close()
    table.rows = count
    return count


def _arrow_types(pa: Any, pair: bool, three_valued: bool) -> list[Any]:
    if not pair:
        return [pa.string(), pa.string(), pa.bool_()]
    return [pa.string() if three_valued else pa.int8(), pa.string(), pa.string(), pa.string(),
            pa.string(), pa.bool_()]


# -- the Python API -------------------------------------------------------------------------------
def row_columns(a: str | None, b: str | None, state: str | None, date_column: str | None) -> list[str]:
    """(a, b, date) or (state, date), or UsageError."""
    if date_column is None:
        raise UsageError("give the column that holds the date (--date COL)")
    if state is not None and (a is not None or b is not None):
        raise UsageError("give either a pair of columns (--a COL --b COL) or one (--state COL), "
                         "not both")
    if state is not None:
        return [state, date_column]
    if a is None or b is None:
        raise UsageError("give the two states' columns (--a COL --b COL), or one state's "
                         "(--state COL)")
    return [a, b, date_column]


def annotate_rows(dataset: Dataset, engine: Engine, resolver: Resolver,
                  rows: Iterable[dict[str, Any]], columns: list[str], options: Options,
                  problems: list[RowProblem] | None = None, name: str = "<rows>"
                  ) -> Iterator[dict[str, Any]]:
    """Each row (a dict) as a new dict with the answer's columns after its own.

    A row that cannot be answered gets None in the new columns, and a RowProblem (row numbers
    from 1) is appended to `problems` if given.
    """
    pair = len(columns) == 3
    added = new_columns(pair, options.prefix)
    values_of = _pair_values if pair else _state_values
    annotator = Annotator(dataset, engine, resolver, options, pair,
                          lambda v: values_of(v, options.three_valued), tuple(columns))
    answer = annotator.answer_pair if pair else annotator.answer_state
    empty = (None,) * len(added)
    for number, row in enumerate(rows, 1):
        clash = [c for c in added if c in row]
        if clash:
            raise UsageError(f"row {number} already has a key '{clash[0]}'; give a prefix "
                             "(prefix='ally_') so that the new columns keep their own names")
        x = answer(*(cell_text(row.get(c)) for c in columns))
        if x.__class__ is _Missing:
            if problems is not None:
                problems.append(RowProblem(name, number, *x.text(cell_text(row.get(columns[-1])))))
            x = empty
        yield {**row, **dict(zip(added, x, strict=True))}


def annotate_frame(dataset: Dataset, engine: Engine, resolver: Resolver, frame: Any,
                   columns: list[str], options: Options,
                   problems: list[RowProblem] | None = None) -> Any:
    """A pandas DataFrame with the answer's columns appended (a new frame; the given one is
    left as it was). allied is a nullable integer (1, 0, <NA>), certain a nullable boolean."""
    import pandas as pd

    pair = len(columns) == 3
    added = new_columns(pair, options.prefix)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UsageError(f"the DataFrame has no column '{missing[0]}'; its columns are: "
                         f"{', '.join(map(str, frame.columns))}")
    clash = [c for c in added if c in frame.columns]
    if clash:
        raise UsageError(f"the DataFrame already has a column '{clash[0]}'; give a prefix "
                         "(prefix='ally_') so that the new columns keep their own names")
    values_of = _pair_values if pair else _state_values
    annotator = Annotator(dataset, engine, resolver, options, pair,
                          lambda v: values_of(v, options.three_valued), tuple(columns))
    answer = annotator.answer_pair if pair else annotator.answer_state
    results: list[list[Any]] = [[] for _ in added]
    given = [frame[c].tolist() for c in columns]
    for number, cells in enumerate(zip(*given, strict=True), 1):
        x = answer(*(cell_text(c) for c in cells))
        if x.__class__ is _Missing:
            if problems is not None:
                problems.append(RowProblem("<DataFrame>", number, *x.text(cell_text(cells[-1]))))
            x = (None,) * len(added)
        for column, v in zip(results, x, strict=True):
            column.append(v)
    if pair:
        dtypes = ["object" if options.three_valued else "Int8", *["object"] * 4, "boolean"]
    else:
        dtypes = ["object", "object", "boolean"]
    new = {name: pd.array(values, dtype=kind) if kind != "object" else values
           for name, values, kind in zip(added, results, dtypes, strict=True)}
    return frame.assign(**new)
