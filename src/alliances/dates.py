"""Partial dates (`1999`, `1999-04`, `1999-04-20`, `1958-10-01..2015`) and inclusive day periods.

A partial date is the set of days it may denote: `1999` is some day in 1999. It is never widened
to its first day. A range `A..B` is some day from A to B, and `A..` some day on or after A that no
source fixes (a state known to have become a party, or possibly to have, but not when). Comparisons
that a partial date cannot decide are left to the caller, which answers "uncertain".
"""

from __future__ import annotations

import heapq
import operator
import re
from datetime import date, timedelta
from functools import lru_cache

from .records import Frozen, set_field

__all__ = [
    "DateError", "DateRange", "PartialDate", "Period", "bounded", "parse_date", "parse_period",
]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MIN_YEAR = 1000
MAX_YEAR = 2999
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """28 to 31 by the proleptic Gregorian calendar (the calendar module's answer, without
    importing it at start-up)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


class DateError(ValueError):
    """A date text that is not an ISO 8601 year, year-month or calendar date, or is impossible."""


class PartialDate(Frozen):
    """A date known to the year, the month or the day.

    `earliest` and `latest` are the first and last days it may denote, worked out once (they
    are read on every comparison the engine makes).
    """

    year: int
    month: int | None
    day: int | None
    earliest: date
    latest: date

    __slots__ = ("year", "month", "day", "earliest", "latest")
    _derived = ("earliest", "latest")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        set_field(self, "year", year)
        set_field(self, "month", month)
        set_field(self, "day", day)
        set_field(self, "earliest", date(year, month or 1, day or 1))
        if day is not None:
            set_field(self, "latest", self.earliest)
        else:
            last_month = month or 12
            set_field(self, "latest", date(year, last_month, days_in_month(year, last_month)))

    @property
    def precision(self) -> str:
        """`year`, `month` or `day`."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def exact(self) -> bool:
        return self.day is not None

    def period(self) -> Period:
        return Period(self.earliest, self.latest, str(self))

    def __str__(self) -> str:
        # date.isoformat writes YYYY-MM-DD, the year with four digits as here (and in C: the
        # cache and every export write many dates)
        if self.day is not None:
            return self.earliest.isoformat()
        if self.month is not None:
            return self.earliest.isoformat()[:7]
        return f"{self.year:04d}"

    def sort_key(self) -> tuple[date, date]:
        return (self.earliest, self.latest)

    @classmethod
    def from_date(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)


# The last day a date range open at its end may denote: "not known by any date".
OPEN_END = date(MAX_YEAR, 12, 31)


class DateRange(PartialDate):
    """Some day from `low` to `high` (both partial dates, both included), or on or after `low`
    when `high` is None: written `1958-10-01..2015-03-19` or `1958-10-01..`."""

    low: PartialDate
    high: PartialDate | None

    __slots__ = ("low", "high")
    _derived = ("year", "month", "day", "earliest", "latest")

    def __init__(self, low: PartialDate, high: PartialDate | None = None) -> None:
        set_field(self, "low", low)
        set_field(self, "high", high)
        set_field(self, "year", low.year)  # the year it may begin, for code that asks
        set_field(self, "month", None)
        set_field(self, "day", None)
        set_field(self, "earliest", low.earliest)
        set_field(self, "latest", high.latest if high is not None else OPEN_END)

    @property
    def precision(self) -> str:
        return "range"

    @property
    def exact(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"{self.low}..{self.high if self.high is not None else ''}"


@lru_cache(maxsize=65536)
def parse_date(text: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, keeping its precision, or a range `A..B` / `A..`
    of those.

    Raises DateError with a sentence saying what is wrong.
    """
    text = text.strip()
    if ".." in text:
        return _parse_range(text)
    match = _DATE_RE.match(text)
    if not match:
        raise DateError(f"'{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1999-04-20)")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"'{text}': year {match.group(1)} is outside {MIN_YEAR}-{MAX_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{text}' is impossible: there is no month {month}")
    if day is not None:
        last = days_in_month(year, month)  # type: ignore[arg-type]
        if not 1 <= day <= last:
            raise DateError(
                f"'{text}' is impossible: {_MONTHS[month - 1]} {year} "  # type: ignore[index]
                f"has {last} days"
            )
    return PartialDate(year, month, day)


def _parse_range(text: str) -> DateRange:
    low_text, _, high_text = text.partition("..")
    if not low_text.strip() or ".." in high_text:
        raise DateError(f"'{text}' is not a date range (A..B, or A.. when no end is known, "
                        "e.g. 1958-10-01..2015-03-19)")
    try:
        low = parse_date(low_text)
        high = parse_date(high_text) if high_text.strip() else None
    except DateError as e:
        raise DateError(f"in the range '{text}': {e}") from None
    if high is not None and high.latest < low.earliest:
        raise DateError(f"'{text}' is impossible: the range ends before it begins")
    return DateRange(low, high)


class Period(Frozen):
    """An inclusive range of days `[first, last]`; a single day when first == last."""

    first: date
    last: date
    label: str | None

    __slots__ = ("first", "last", "label")
    _not_compared = ("label",)

    def __init__(self, first: date, last: date, label: str | None = None) -> None:
        set_field(self, "first", first)
        set_field(self, "last", last)
        set_field(self, "label", label)

    @property
    def is_day(self) -> bool:
        return self.first == self.last

    def __str__(self) -> str:
        if self.label:
            return self.label
        if self.is_day:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    def days(self) -> int:
        return (self.last - self.first).days + 1

    def next_day_after(self) -> date:
        return self.last + timedelta(days=1)


def parse_period(text: str, today: date | None = None) -> tuple[Period, PartialDate | None]:
    """Parse a query date: `today`, a day, a month, a year or a closed range of those.

    Returns the period and the partial date it came from (None for `today`).
    """
    if text.strip().lower() == "today":
        day = today or date.today()
        return Period(day, day, day.isoformat()), None
    pd = bounded(parse_date(text))
    return pd.period(), pd


def bounded(pd: PartialDate) -> PartialDate:
    """`pd`, unless it is a range open at its end, which cannot bound a query."""
    if isinstance(pd, DateRange) and pd.high is None:
        raise DateError(f"'{pd}' has no end: give one (e.g. 2018..2022)")
    return pd


# -- half-open day spans and three-valued presence ---------------------------------------------
# A fact (a membership, an alliance link) holds on a set of days. With partial-date bounds we
# know two sets: the days it certainly holds and the days it possibly holds. Both are unions of
# half-open spans [start, end), end None meaning "still holds".

Span = tuple[date, "date | None"]

ALL = "all"  # holds on every day of the period, certainly
PART = "part"  # holds on some days and certainly not on others
SOME = "some"  # holds on some days, certainly; perhaps on all
UNCERTAIN = "uncertain"  # may hold on some day; not certain on any


def resolve_presence(presence: str, mode: str) -> str | None:
    """A presence under an --uncertain mode, the one rule for allies, state-year and dyad-year:
    "keep" leaves it; "as-member" counts an uncertain one as held on some days (SOME: coverage
    "part or all", certain); "as-nonmember" drops it (None)."""
    if presence != UNCERTAIN or mode == "keep":
        return presence
    return SOME if mode == "as-member" else None


def certain_span(start: PartialDate, end: PartialDate | None) -> Span:
    """Days certainly inside `[start, end)` when the bounds are partial."""
    return (start.latest, end.earliest if end is not None else None)


def possible_span(start: PartialDate, end: PartialDate | None) -> Span:
    """Days possibly inside `[start, end)` when the bounds are partial."""
    return (start.earliest, end.latest if end is not None else None)


def _lt(a: date, b: date | None) -> bool:
    return b is None or a < b


def _min_end(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


# Lists of spans longer than this (both of them) are intersected by a sweep, not pair by pair.
_SWEEP_FROM = 64


def intersect(a: list[Span], b: list[Span]) -> list[Span]:
    """Every non-empty intersection of a span of `a` with a span of `b`, in the order of `a`, then
    of `b` (one piece per pair of spans: spans that overlap within `a` give overlapping pieces).

    Long lists are swept (n log n plus the pieces found), not compared pair by pair.
    """
    if len(a) == 1 and len(b) == 1:  # the usual case, inline (dyad-year exports call this a lot)
        (s1, e1), (s2, e2) = a[0], b[0]
        s = s1 if s1 > s2 else s2
        e = e1 if e2 is None else e2 if e1 is None or e2 < e1 else e1
        return [(s, e)] if e is None or s < e else []
    if len(a) * len(b) > _SWEEP_FROM:
        return [(max(a[i][0], b[j][0]), _min_end(a[i][1], b[j][1]))
                for i, j in overlapping_pairs(a, b)]
    out: list[Span] = []
    for s1, e1 in a:
        for s2, e2 in b:
            s, e = max(s1, s2), _min_end(e1, e2)
            if _lt(s, e):
                out.append((s, e))
    return out


_NEVER_ENDS = date.max  # an ongoing span's end, where a date is needed to order ends


def overlapping_pairs(a: list[Span], b: list[Span] | None = None) -> list[tuple[int, int]]:
    """The index pairs `(i, j)` of a span of `a` and a span of `b` that share a day, sorted; with
    `b` None, the pairs `i < j` of spans of `a` that share a day.

    A sweep by start day keeps the spans not yet ended; each span is paired with those of the
    other list still open when it starts. Time: n log n in the number of spans, plus the pairs.
    """
    sides = (a,) if b is None else (a, b)
    items = sorted(((s, side, i, e) for side, spans in enumerate(sides)
                    for i, (s, e) in enumerate(spans) if e is None or s < e),
                   key=operator.itemgetter(0))
    open_ends: list[list[tuple[date, int]]] = [[] for _ in sides]  # heaps of (end, index)
    still_open: list[dict[int, None]] = [{} for _ in sides]  # insertion-ordered sets
    out: list[tuple[int, int]] = []
    for s, side, i, e in items:
        other = 0 if b is None else 1 - side
        ends, live = open_ends[other], still_open[other]
        while ends and ends[0][0] <= s:
            del live[heapq.heappop(ends)[1]]
        if b is None:
            out.extend((k, i) if k < i else (i, k) for k in live)
        elif side == 0:
            out.extend((i, k) for k in live)
        else:
            out.extend((k, i) for k in live)
        heapq.heappush(open_ends[side], (_NEVER_ENDS if e is None else e, i))
        still_open[side][i] = None
    out.sort()
    return out


def subtract(spans: list[Span], holes: list[Span]) -> list[Span]:
    out = list(spans)
    for hs, he in holes:
        nxt: list[Span] = []
        for s, e in out:
            if not (_lt(s, he) and _lt(hs, e)):
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he is not None and _lt(he, e):
                nxt.append((he, e))
        out = nxt
    return out


def _period_span(period: Period) -> list[Span]:
    return [(period.first, period.next_day_after())]


def presence(certain: list[Span], possible: list[Span], period: Period) -> str | None:
    """Classify a fact over a period: ALL, PART, SOME, UNCERTAIN, or None (certainly absent)."""
    p = _period_span(period)
    certain_in = intersect(certain, p)
    if certain_in:
        covered = sum(((e - s).days for s, e in certain_in if e is not None), 0)  # type: ignore[operator]
        if covered >= period.days():
            return ALL
        possible_in = intersect(possible, p)
        possible_days = sum(((e - s).days for s, e in possible_in if e is not None), 0)  # type: ignore[operator]
        return SOME if possible_days >= period.days() else PART
    if intersect(possible, p):
        return UNCERTAIN
    return None
