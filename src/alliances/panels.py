"""The research exports, built from the engine: events, membership intervals, a snapshot on a
date, and the state-year and dyad-year panels (with the dyad-year's own fast writer).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from typing import IO, Any

from .dates import Period, Span
from .filters import Filters
from .model import Dataset
from .query import Engine
from .rows import _state_cols, coverage_label, event_row, interval_row, standing_row
from .writers import ROW_FORMATS, _cell, write_rows

__all__ = [
    "ATOP_OBLIGATION_COLUMNS", "DYAD_YEAR_COLUMNS", "STATE_YEAR_COLUMNS", "dyad_year_rows",
    "dyad_year_tuples", "events_rows", "intervals_rows", "snapshot_rows", "state_year_rows",
    "write_dyad_years",
]

STATE_YEAR_COLUMNS = [
    "year", "treaty", "state", "iso2", "cow", "state_name", "status", "statuses", "coverage",
    "certain",
]
# ATOP's names for the obligation columns, so panels merge with ATOP-based data unchanged.
ATOP_OBLIGATION_COLUMNS = {
    "defence": "defense",
    "offence": "offense",
    "neutrality": "neutral",
    "non-aggression": "nonagg",
    "consultation": "consul",
}
DYAD_YEAR_COLUMNS = [
    "year", "ccode1", "ccode2", "state1", "state2", "iso2_1", "iso2_2", "treaties",
    *ATOP_OBLIGATION_COLUMNS.values(), "certain",
]


def _year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), str(y))


def _span_years(spans: list[Span], years: range) -> range:
    if not spans:
        return range(0)
    first = min(s for s, _ in spans).year
    ends = [e for _, e in spans]
    last = years.stop - 1 if any(e is None for e in ends) else max(e for e in ends if e).year
    return range(max(first, years.start), min(last, years.stop - 1) + 1)


def events_rows(ds: Dataset, f: Filters) -> Iterator[dict[str, Any]]:
    events = [ev for t in ds.treaties.values() if f.treaty_ok(t)
              for code, evs in t.members.items() if f.state_ok(code)
              for ev in evs if f.date_ok(ev.date)]
    events.sort(key=lambda e: (e.treaty, e.state, e.date.earliest, e.date.latest, e.order))
    for ev in events:
        yield event_row(ds, ev)


def intervals_rows(ds: Dataset, engine: Engine, f: Filters) -> Iterator[dict[str, Any]]:
    for tid, treaty in ds.treaties.items():
        if not f.treaty_ok(treaty):
            continue
        for code in treaty.members:
            if not f.state_ok(code):
                continue
            for seg in engine.segments(tid, code):
                if f.end is not None and seg.start.earliest > f.end.latest:
                    continue
                if f.start is not None and seg.end is not None and seg.end.latest <= f.start.earliest:
                    continue
                yield interval_row(ds, treaty, seg)


def snapshot_rows(ds: Dataset, engine: Engine, period: Period, f: Filters) -> Iterator[dict[str, Any]]:
    for tid, treaty in ds.treaties.items():
        if not f.treaty_ok(treaty):
            continue
        for st in engine.members(tid, period):
            if f.state_ok(st.state):
                yield standing_row(ds, st, period)


def state_year_rows(ds: Dataset, engine: Engine, f: Filters, years: range
                    ) -> Iterator[dict[str, Any]]:
    """One row per state, year and treaty: the status held, all year or part of it."""
    for tid, treaty in ds.treaties.items():
        if not f.treaty_ok(treaty):
            continue
        for code in sorted(treaty.members):
            if not f.state_ok(code):
                continue
            spans = [seg.possible() for seg in engine.segments(tid, code)]
            for y in _span_years(spans, years):
                period = _year(y)
                st = engine.standing(tid, code, period)
                if st is None:
                    continue
                row: dict[str, Any] = {"year": y, "treaty": tid}
                row.update(_state_cols(ds, code, period.first))
                row.update(status=st.status,
                           statuses=" ".join(dict.fromkeys(s.status for s in st.segments)),
                           coverage=coverage_label(st.presence), certain=st.certain)
                yield row


def _year_ranges(spans: list[Span], lo: int, hi: int) -> list[tuple[int, int]]:
    """The years in [lo, hi] that share a day with each span, as (first, last) ranges."""
    out = []
    for start, end in spans:
        last = hi if end is None else min((end - timedelta(days=1)).year, hi)
        first = max(start.year, lo)
        if first <= last:
            out.append((first, last))
    return out


def _pair_runs(links: list[tuple], lo: int, hi: int) -> list[tuple[int, int, tuple, list[Span]]]:
    """Runs of years over which the same treaties link a pair, equally certain.

    `links` holds (treaty id, obligation mask, certain spans, possible spans) for each treaty
    linking the pair. Gives (first year, last year, cells after the states, possible spans).
    """
    ranges = [_year_ranges(possible, lo, hi) for _, _, _, possible in links]
    certain_ranges = [r if c == p else _year_ranges(c, lo, hi)
                      for r, (_, _, c, p) in zip(ranges, links, strict=True)]
    always_certain = certain_ranges == ranges
    if len(links) == 1 and len(ranges[0]) == 1 and always_certain:  # the commonest case
        tid, mask, _, possible = links[0]
        return [(*ranges[0][0], (tid, *mask, True), possible)]
    # a sweep over the years where some treaty's link starts or ends, instead of year by year
    changes: dict[int, list[tuple[int, int, int]]] = {}
    add = changes.setdefault
    for kind, by_link in ((0, ranges), (1, [] if always_certain else certain_ranges)):
        for i, link_ranges in enumerate(by_link):
            for first, last in link_ranges:
                add(first, []).append((kind, i, 1))
                add(last + 1, []).append((kind, i, -1))
    active = [0] * len(links)
    certain_count = 0
    bounds = sorted(changes)
    out = []
    for n, year in enumerate(bounds[:-1]):
        for kind, i, step in changes[year]:
            if kind:
                certain_count += step
            else:
                active[i] += step
        here = [link for link, count in zip(links, active, strict=True) if count]
        if not here:
            continue
        masks = [c[1] for c in here]
        obs = masks[0] if len(masks) == 1 else tuple(map(any, zip(*masks, strict=True)))
        tail = (" ".join(sorted(c[0] for c in here)), *obs, always_certain or certain_count > 0)
        out.append((year, bounds[n + 1] - 1, tail, [sp for c in here for sp in c[3]]))
    return out


def _dyad_year_blocks(ds: Dataset, engine: Engine, f: Filters, years: range, directed: bool,
                      render: Callable[[tuple], Any], join: Callable[[Any, Any], Any]
                      ) -> Iterator[tuple[int, list]]:
    """(year, rows) in year order; a row is `join` of the `render`ed cells naming the pair and
    the `render`ed cells after them (the cells after the year column, in two parts).

    Each part is rendered once (a pair's states, a set of treaties), each row once per pair and
    run of identical years, not once per year; each year's rows come out in order because the
    runs are sorted once, by their row's sort key.
    """
    lo, hi = years.start, years.stop - 1
    if lo > hi:
        return
    obligation_names = list(ATOP_OBLIGATION_COLUMNS)
    # (a, b) with a < b -> the treaties linking them: (id, mask, certain spans, possible spans)
    links: dict[tuple[str, str], list[tuple]] = {}
    for tid, treaty in ds.treaties.items():
        if not treaty.obligations or not f.treaty_ok(treaty):
            continue
        mask = tuple(ob in treaty.obligations for ob in obligation_names)
        for a, b, certain, possible in engine.pair_spans(tid, sorted(treaty.members)):
            if f.states is None or a in f.states or b in f.states:
                links.setdefault((a, b), []).append((tid, mask, certain, possible))

    states = ds.states
    fixed = {code: (s.cow[0].code if s.cow else None) for code, s in states.items()
             if len(s.cow) <= 1}
    iso2 = {code: s.iso2 for code, s in states.items()}

    def cow(code: str, y: int, spans: list[Span]) -> int | None:
        if code in fixed:
            return fixed[code]
        s = states.get(code)
        if s is None:
            return None
        # the code in use on the first day of the year that the link held
        jan1 = date(y, 1, 1)
        first = max(jan1, min((st for st, en in spans if en is None or en > jan1), default=jan1))
        return s.cow_on(first)

    def heads(a: str, b: str, ca: int | None, cb: int | None) -> list[tuple]:
        """The cells before the treaties, in each order the export writes the pair."""
        if (ca, a) > (cb, b) if ca is not None and cb is not None else a > b:
            a, b, ca, cb = b, a, cb, ca
        orders = [(ca, cb, a, b)] + ([(cb, ca, b, a)] if directed else [])
        return [(c1, c2, t1, t2, iso2.get(t1), iso2.get(t2)) for c1, c2, t1, t2 in orders]

    def key(head: tuple) -> tuple:
        return (head[0] is None, head[0] or 0, head[1] or 0, head[2], head[3])

    rendered: dict[tuple, Any] = {}  # each distinct part is rendered once

    def row(head: tuple, tail: tuple) -> Any:
        h = rendered.get(head)
        if h is None:
            h = rendered[head] = render(head)
        t = rendered.get(tail)
        if t is None:
            t = rendered[tail] = render(tail)
        return join(h, t)

    records: list[tuple[tuple, list[tuple[int, int, Any]]]] = []
    for (a, b), pair_links in links.items():
        if a in fixed and b in fixed:  # COW codes that do not change: one sort key per order
            pair = [(h, []) for h in heads(a, b, fixed[a], fixed[b])]
            for first, last, tail, _ in _pair_runs(pair_links, lo, hi):
                for head, rows in pair:
                    rows.append((first, last, row(head, tail)))
            records.extend((key(head), rows) for head, rows in pair)
            continue
        runs: dict[tuple, list[tuple[int, int, Any]]] = {}
        for first, last, tail, spans in _pair_runs(pair_links, lo, hi):
            for y in range(first, last + 1):
                for head in heads(a, b, cow(a, y, spans), cow(b, y, spans)):
                    runs.setdefault(key(head), []).append((y, y, row(head, tail)))
        records.extend(runs.items())
    records.sort(key=lambda r: r[0])

    by_year: list[list] = [[] for _ in range(lo, hi + 1)]
    for _, rows in records:
        for first, last, line in rows:
            for year_rows in by_year[first - lo:last - lo + 1]:
                year_rows.append(line)
    for i, rows in enumerate(by_year):
        if rows:
            yield lo + i, rows
            by_year[i] = []


def dyad_year_tuples(ds: Dataset, engine: Engine, f: Filters, years: range,
                     directed: bool = False, csv_ready: bool = False) -> Iterator[tuple]:
    """Dyad-year rows as tuples in DYAD_YEAR_COLUMNS order, streamed year by year.

    Two states are linked in a year when both were `member` or `suspended`, on a same day of it,
    in a treaty with at least one obligation (relation suspensions excepted). Non-directed rows
    keep ccode1 < ccode2 (ISO codes order pairs where a COW code is missing); `--directed`
    writes both orders. `csv_ready` renders booleans as true/false and None as "".
    """
    render = (lambda cells: tuple(_cell(c) for c in cells)) if csv_ready else tuple
    for y, rows in _dyad_year_blocks(ds, engine, f, years, directed, render, operator.add):
        for row in rows:
            yield (y, *row)


def dyad_year_rows(ds: Dataset, engine: Engine, f: Filters, years: range,
                   directed: bool = False) -> Iterator[dict[str, Any]]:
    """Dyad-year rows as dicts (see dyad_year_tuples)."""
    for row in dyad_year_tuples(ds, engine, f, years, directed):
        yield dict(zip(DYAD_YEAR_COLUMNS, row, strict=True))


def write_dyad_years(ds: Dataset, engine: Engine, f: Filters, years: range, fmt: str,
                     out: IO[str], directed: bool = False,
                     progress: Callable[[int], None] | None = None) -> int:
    """Write the dyad-year export in any row format; return the number of rows.

    CSV and TSV rows are assembled from parts rendered once each (a pair's states, a set of
    treaties) and written a year at a time; a field that needs quoting goes through csv.writer,
    so the bytes are csv.writer's. `progress` gets the running row count.
    """
    delimiter = ROW_FORMATS[fmt].delimiter if fmt in ROW_FORMATS else None
    if delimiter is None:
        rows = dyad_year_rows(ds, engine, f, years, directed)
        return write_rows(_counted(rows, progress), DYAD_YEAR_COLUMNS, fmt, out)
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="")

    def render(cells: tuple) -> str:
        fields = [_cell(c) for c in cells]  # (a part of a row: see _dyad_year_blocks)
        line = delimiter.join(fields)
        if (line.count(delimiter) == len(fields) - 1 and '"' not in line and "\n" not in line
                and "\r" not in line):
            return line
        buffer.seek(0)  # a field that needs quoting: exactly as csv.writer quotes it
        buffer.truncate()
        writer.writerow(fields)
        return buffer.getvalue()

    out.write(render(tuple(DYAD_YEAR_COLUMNS)) + "\n")
    count = 0
    for y, lines in _dyad_year_blocks(ds, engine, f, years, directed, render,
                                      lambda head, tail: f"{head}{delimiter}{tail}"):
        lead = f"{y}{delimiter}"
        out.write(lead + f"\n{lead}".join(lines) + "\n")
        count += len(lines)
        if progress is not None:
            progress(count)
    return count


def _counted(rows: Iterable[dict[str, Any]], progress: Callable[[int], None] | None):
    if progress is None:
        yield from rows
        return
    count = 0
    for count, row in enumerate(rows, 1):
        yield row
        if count % 1000 == 0:
            progress(count)
    progress(count)

