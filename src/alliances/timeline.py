"""Timelines as data: rows of cells over a date axis, ready for any renderer.

Each cell is the status held at the middle day of its slice of time, or `?` where an imprecise
date makes it uncertain. Rendering lives in render.py (the terminal) and chart.py (SVG).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import PartialDate
from .events import KINDS
from .model import Dataset
from .query import Engine, Segment, in_force_from

__all__ = ["Timeline", "TimelineRow", "build_state_timeline", "build_treaty_timeline",
           "axis_bounds", "build_compare", "ticks"]

# Cell kinds: a status, "withdrawing" (a member whose withdrawal is pending), "?" or "" (none).
# event kind -> the marker drawn over its column (events.KINDS: each kind's glyph)
MARKERS = {k.name: k.glyph for k in KINDS.values() if k.glyph}


@dataclass
class TimelineRow:
    label: str
    cells: list[str]
    markers: dict[int, str] = field(default_factory=dict)


@dataclass
class Timeline:
    title: str
    start: date
    end: date  # exclusive
    width: int
    rows: list[TimelineRow]
    on: date | None = None
    life: tuple[PartialDate | None, PartialDate | None] | None = None  # a treaty's in force / end

    def column(self, day: date) -> int | None:
        """The column of a day, or None when it lies outside the axis."""
        if not self.start <= day < self.end:
            return None
        span = (self.end - self.start).days
        return min(self.width - 1, (day - self.start).days * self.width // span)

    def day_of(self, col: int) -> date:
        """The middle day of a column's slice."""
        span = (self.end - self.start).days
        first = self.start + timedelta(days=col * span // self.width)
        last = self.start + timedelta(days=max(0, (col + 1) * span // self.width - 1))
        return first + (last - first) / 2


def _cell(segments: list[Segment], day: date) -> str:
    possible = []
    for seg in segments:
        cs, ce = seg.certain()
        if cs <= day and (ce is None or day < ce):
            return "withdrawing" if seg.withdrawal else seg.status
        ps, pe = seg.possible()
        if ps <= day and (pe is None or day < pe):
            possible.append(seg)
    return "?" if possible else ""


def _row(tl: Timeline, label: str, segments: list[Segment], events) -> TimelineRow:
    cells = [_cell(segments, tl.day_of(c)) for c in range(tl.width)]
    markers = {}
    for ev in events:
        if ev.kind in MARKERS and not ev.towards:
            col = tl.column(ev.date.earliest)
            if col is not None:
                markers[col] = MARKERS[ev.kind]
    return TimelineRow(label, cells, markers)


def axis_bounds(engine: Engine, pairs: list[tuple[str, str]], start: date | None, end: date | None,
                floor: date | None = None) -> tuple[date, date]:
    """The first day and the day after the last one of a timeline's axis: whole years around
    the memberships of `pairs` (treaty id, state code), unless `start`/`end` are given."""
    firsts, lasts = [], []
    for tid, code in pairs:
        for seg in engine.segments(tid, code):
            firsts.append(seg.start.earliest)
            lasts.append(seg.end.latest if seg.end else None)
    lo = start or min(firsts, default=floor or date(1945, 1, 1))
    if floor and not start:
        lo = min(lo, floor)
    today = date.today()
    hi = end or (today if not lasts or None in lasts else max(lasts))  # type: ignore[type-var]
    lo = date(lo.year, 1, 1) if not start else lo
    hi = date(hi.year + 1, 1, 1) if not end else hi
    if hi <= lo:
        hi = lo + timedelta(days=365)
    return lo, hi


def name_between(ds: Dataset, code: str, lo: date, hi: date,
                 segments: list[Segment] | None = None) -> str:
    """A state's name on a chart from `lo` to before `hi`: in the days of its `segments` there
    when given (a member's row: Prussia in the German Confederation), else over the whole axis
    ('Prussia / Germany' for 1815-1945)."""
    state = ds.states.get(code)
    if state is None:
        return code
    first, last = lo, hi - timedelta(days=1)
    if segments:
        a = max(first, min(seg.start.earliest for seg in segments))
        b = min(last, max(last if seg.end is None else seg.end.latest - timedelta(days=1)
                          for seg in segments))
        if a <= b:
            first, last = a, b
    return state.name_on(first, last)


def build_treaty_timeline(ds: Dataset, engine: Engine, treaty_id: str, width: int,
                          start: date | None = None, end: date | None = None,
                          on: date | None = None) -> Timeline:
    """One row per state that was ever in the treaty, ordered by first entry."""
    t = ds.treaties[treaty_id]
    codes = sorted(t.members, key=lambda c: (min((e.date.earliest for e in t.members[c]),
                                                 default=date.max), c))
    lo, hi = axis_bounds(engine, [(treaty_id, c) for c in codes], start, end, t.signed.earliest)
    tl = Timeline(f"{t.label} — {t.name}", lo, hi, width, [], on, (in_force_from(t), t.ended))
    for code in codes:
        segments = engine.segments(treaty_id, code)
        tl.rows.append(_row(tl, name_between(ds, code, lo, hi, segments), segments,
                            t.members[code]))
    return tl


def build_state_timeline(ds: Dataset, engine: Engine, code: str, width: int,
                         start: date | None = None, end: date | None = None,
                         on: date | None = None) -> Timeline:
    """One row per treaty the state ever belonged to."""
    tids = [tid for tid, t in ds.treaties.items() if code in t.members]
    tids.sort(key=lambda tid: min(e.date.earliest for e in ds.treaties[tid].members[code]))
    lo, hi = axis_bounds(engine, [(tid, code) for tid in tids], start, end)
    name = name_between(ds, code, lo, hi)
    tl = Timeline(f"{name} ({code})", lo, hi, width, [], on)
    for tid in tids:
        tl.rows.append(_row(tl, ds.treaties[tid].label, engine.segments(tid, code),
                            ds.treaties[tid].members[code]))
    return tl


def build_compare(ds: Dataset, engine: Engine, codes: list[str], width: int,
                  start: date | None = None, end: date | None = None,
                  on: date | None = None) -> Timeline:
    """One row per state and treaty with an obligation, grouped by state."""
    pairs = [(tid, c) for c in codes for tid, t in ds.treaties.items()
             if c in t.members and t.obligations]
    lo, hi = axis_bounds(engine, pairs, start, end)
    tl = Timeline("Alliance memberships: " + ", ".join(codes), lo, hi, width, [], on)
    for code in codes:
        name = name_between(ds, code, lo, hi)
        rows = []
        for tid, c in pairs:
            if c != code:
                continue
            row = _row(tl, f"{name} · {ds.treaties[tid].label}", engine.segments(tid, code),
                       ds.treaties[tid].members[code])
            if any(row.cells):
                rows.append(row)
        tl.rows.extend(rows or [TimelineRow(f"{name} · (none)", [""] * width)])
    return tl


def ticks(tl: Timeline, min_gap: int = 6) -> list[tuple[int, int]]:
    """(column, year) pairs for axis labels, on round years spaced at least `min_gap` apart."""
    years = tl.end.year - tl.start.year + 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if tl.width * step / max(years, 1) >= min_gap:
            break
    out = []
    first = tl.start.year + (-tl.start.year) % step
    for year in range(first, tl.end.year + 1, step):
        col = tl.column(date(year, 1, 1))
        if col is not None:
            out.append((col, year))
    return out
