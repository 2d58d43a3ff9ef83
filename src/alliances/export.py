"""Rows for tables and scripts, their column names, and the writers (CSV, TSV, JSON, JSONL).

Every query command's `--format csv|json` uses the rows built here, so its columns match the
export of the same kind (docs/export-columns.md).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from typing import IO, Any

from .dates import PartialDate, Period, Span
from .model import Dataset, Event, Treaty
from .query import AllyLink, Engine, MemberStanding, Segment, link_allied
from .records import Frozen, set_field

__all__ = [
    "ALLY_COLUMNS",
    "DYAD_YEAR_COLUMNS",
    "STATE_YEAR_COLUMNS",
    "Filters",
    "dyad_year_rows",
    "dyad_year_tuples",
    "write_dyad_years",
    "events_rows",
    "intervals_rows",
    "snapshot_rows",
    "state_year_rows",
    "EVENT_COLUMNS",
    "INTERVAL_COLUMNS",
    "SNAPSHOT_COLUMNS",
    "TREATY_COLUMNS",
    "write_rows",
]

SNAPSHOT_COLUMNS = [
    "on", "treaty", "treaty_name", "state", "iso2", "cow", "state_name", "status", "status_since",
    "certain",
    "coverage", "since", "since_precision", "until", "until_precision", "withdrawal",
    "withdrawal_date", "withdrawal_effective",
]
EVENT_COLUMNS = [
    "treaty", "state", "iso2", "cow", "state_name", "date", "precision", "event", "effective",
    "towards", "note", "source",
]
INTERVAL_COLUMNS = [
    "treaty", "treaty_name", "treaty_kind", "state", "iso2", "cow", "state_name", "status",
    "start", "start_precision", "end", "end_precision", "withdrawal", "source",
]
TREATY_COLUMNS = [
    "treaty", "name", "short", "kind", "obligations", "signed", "in_force", "ended",
    "predecessor", "successor", "atop_ids", "cow_ids", "members", "events", "day_precision_share",
    "own_source_share", "source",
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
STATE_COLUMNS = ["state", "name", "iso2", "iso3166_3", "cow", "cow_abb", "from", "to", "successor",
                 "aliases"]
ALLY_COLUMNS = [
    "on", "state1", "state2", "state1_name", "state2_name", "allied", "treaty", "treaty_name",
    "obligations", "coverage", "status1", "status2", "relation_suspended",
]


def _pd(d: PartialDate | None) -> str | None:
    return str(d) if d is not None else None


def _prec(d: PartialDate | None) -> str | None:
    return d.precision if d is not None else None


def _state_cols(ds: Dataset, code: str, day: date | None) -> dict[str, Any]:
    s = ds.states.get(code)
    if s is None:
        return {"state": code, "iso2": None, "cow": None, "state_name": None}
    return {"state": code, "iso2": s.iso2, "cow": s.cow_on(day), "state_name": s.name}


def coverage_label(presence: str) -> str:
    """The coverage column: all, part, or 'part or all'; uncertain stays uncertain."""
    return {"all": "all", "part": "part", "some": "part or all"}.get(presence, presence)


def standing_row(ds: Dataset, st: MemberStanding, period: Period) -> dict[str, Any]:
    treaty = ds.treaties[st.treaty]
    row: dict[str, Any] = {"on": str(period) if period.is_day else str(period)}
    row.update(treaty=st.treaty, treaty_name=treaty.name)
    row.update(_state_cols(ds, st.state, period.last))
    row.update(
        status=st.status,
        status_since=_pd(st.status_since),
        certain=st.certain,
        coverage=coverage_label(st.presence),
        since=_pd(st.since),
        since_precision=_prec(st.since),
        until=_pd(st.until),
        until_precision=_prec(st.until),
        withdrawal=st.withdrawal,
        withdrawal_date=_pd(st.withdrawal_date),
        withdrawal_effective=_pd(st.withdrawal_effective),
    )
    return row


MEMBER_COLUMNS = ["state", "name", *[c for c in SNAPSHOT_COLUMNS if c != "state"]]
MEMBERSHIP_COLUMNS = ["treaty", "name", *[c for c in SNAPSHOT_COLUMNS if c != "treaty"]]


def member_rows(ds: Dataset, standings: list[MemberStanding], period: Period) -> list[dict[str, Any]]:
    """Rows of `alliances members`: snapshot columns plus `name`, the state's name."""
    return [{"name": ds.states[s.state].name if s.state in ds.states else None,
             **standing_row(ds, s, period)} for s in standings]


def membership_rows(ds: Dataset, standings: list[MemberStanding], period: Period
                    ) -> list[dict[str, Any]]:
    """Rows of `alliances memberships`: snapshot columns plus `name`, the treaty's name."""
    return [{"name": ds.treaties[s.treaty].name, **standing_row(ds, s, period)} for s in standings]


def allies_payload(ds: Dataset, a: str, b: str, links: list[AllyLink], period: Period,
                   obligations: list[str]) -> dict[str, Any]:
    """The JSON answer of `alliances allies A B`: allied (true/false/"uncertain") and via."""
    allied = link_allied(links)
    return {
        "on": str(period),
        "state1": a,
        "state2": b,
        "obligations": obligations,
        "allied": allied,
        "via": [lk.treaty for lk in links
                if lk.counts or (allied == "uncertain" and lk.presence == "uncertain")],
        "links": list(ally_rows(ds, a, {b: links}, period)),
    }


def source_text(ev: Event, treaty: Treaty) -> str | None:
    sources = ev.sources or treaty.sources
    return " ; ".join(s.url for s in sources) if sources else None


def event_row(ds: Dataset, ev: Event) -> dict[str, Any]:
    row: dict[str, Any] = {"treaty": ev.treaty}
    row.update(_state_cols(ds, ev.state, ev.date.earliest))
    row.update(
        date=str(ev.date),
        precision=ev.date.precision,
        event=ev.kind,
        effective=_pd(ev.effective),
        towards=" ".join(ev.towards) or None,
        note=ev.note,
        source=" ; ".join(s.url for s in ev.sources) or None,
    )
    return row


def interval_row(ds: Dataset, treaty: Treaty, seg: Segment) -> dict[str, Any]:
    row: dict[str, Any] = {"treaty": treaty.id, "treaty_name": treaty.name,
                           "treaty_kind": treaty.kind}
    row.update(_state_cols(ds, seg.state, seg.start.earliest))
    row.update(
        status=seg.status,
        start=_pd(seg.start),
        start_precision=_prec(seg.start),
        end=_pd(seg.end),
        end_precision=_prec(seg.end),
        withdrawal=seg.withdrawal,
        source=source_text(seg.start_event, treaty),
    )
    return row


def treaty_row(ds: Dataset, t: Treaty) -> dict[str, Any]:
    events = t.events()
    n = len(events)
    return {
        "treaty": t.id,
        "name": t.name,
        "short": t.short,
        "kind": t.kind,
        "obligations": " ".join(t.obligations) or None,
        "signed": _pd(t.signed),
        "in_force": _pd(t.in_force),
        "ended": _pd(t.ended),
        "predecessor": t.predecessor,
        "successor": t.successor,
        "atop_ids": " ".join(map(str, t.atop_ids)) or None,
        "cow_ids": " ".join(map(str, t.cow_ids)) or None,
        "members": len(t.members),
        "events": n,
        "day_precision_share": round(sum(e.date.exact for e in events) / n, 3) if n else None,
        "own_source_share": round(sum(bool(e.sources) for e in events) / n, 3) if n else None,
        "source": " ; ".join(s.url for s in t.sources) or None,
    }


def state_row(s) -> dict[str, Any]:
    """A state: codes (COW: the latest, or all periods as code:from:to), dates, names."""
    if len(s.cow) > 1:
        cow = " ".join(f"{p.code}:{p.start or ''}:{p.end or ''}" for p in s.cow)
    else:
        cow = s.cow[0].code if s.cow else None
    return {"state": s.code, "name": s.name, "iso2": s.iso2, "iso3166_3": s.iso3166_3, "cow": cow,
            "cow_abb": s.cow_abb, "from": _pd(s.start), "to": _pd(s.end),
            "successor": s.successor, "aliases": " ; ".join(s.aliases) or None}


def ally_rows(ds: Dataset, a: str, links_by_state: dict[str, list[AllyLink]],
              period: Period) -> Iterator[dict[str, Any]]:
    """One row per (other state, treaty) link; state2 is the other state."""
    for b, links in links_by_state.items():
        allied = link_allied(links)
        for link in links:
            treaty = ds.treaties[link.treaty]
            yield {
                "on": str(period),
                "state1": a,
                "state2": b,
                "state1_name": ds.states[a].name if a in ds.states else None,
                "state2_name": ds.states[b].name if b in ds.states else None,
                "allied": allied,
                "treaty": link.treaty,
                "treaty_name": treaty.name,
                "obligations": " ".join(link.obligations),
                "coverage": coverage_label(link.presence) if link.presence else "suspended",
                "status1": link.a.status,
                "status2": link.b.status,
                "relation_suspended": bool(link.suspended),
            }


# -- filters and panels -----------------------------------------------------------------------
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
    # pairs linked by a treaty with pledges -> that link's masks a->b and b->a (what each owes)
    pledged: dict[tuple[str, str], dict[int, tuple[tuple, tuple]]] = {}
    for tid, treaty in ds.treaties.items():
        if not treaty.obligations or not f.treaty_ok(treaty):
            continue
        mask = tuple(ob in treaty.obligations for ob in obligation_names)
        for a, b, certain, possible in engine.pair_spans(tid, sorted(treaty.members)):
            if f.states is None or a in f.states or b in f.states:
                if treaty.pledges:
                    ab, ba = (tuple(ob in treaty.owes(x, y) for ob in obligation_names)
                              for x, y in ((a, b), (b, a)))
                    if not any(ab) and not any(ba):
                        continue
                    pair_links = links.setdefault((a, b), [])
                    pledged.setdefault((a, b), {})[len(pair_links)] = (ab, ba)
                    mask = tuple(map(operator.or_, ab, ba))
                    pair_links.append((tid, mask, certain, possible))
                    mask = tuple(ob in treaty.obligations for ob in obligation_names)
                    continue
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
        if directed and (a, b) in pledged:
            # each order shows what its first state owes the second: a row per direction
            masks = pledged[(a, b)]
            for x, y, side in ((a, b, 0), (b, a, 1)):
                one_way = [(tid, masks[i][side] if i in masks else mask, c, p)
                           for i, (tid, mask, c, p) in enumerate(pair_links)]
                one_way = [link for link in one_way if any(link[1])]
                runs = {}
                for first, last, tail, spans in _pair_runs(one_way, lo, hi) if one_way else ():
                    for yr in range(first, last + 1):
                        cx, cy = cow(x, yr, spans), cow(y, yr, spans)
                        head = (cx, cy, x, y, iso2.get(x), iso2.get(y))
                        runs.setdefault(key(head), []).append((yr, yr, row(head, tail)))
                records.extend(runs.items())
            continue
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
    if fmt not in ("csv", "tsv"):
        rows = dyad_year_rows(ds, engine, f, years, directed)
        return write_rows(_counted(rows, progress), DYAD_YEAR_COLUMNS, fmt, out)
    import csv
    import io

    delimiter = "," if fmt == "csv" else "\t"
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


# -- writers ---------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], fmt: str, out: IO[str]) -> int:
    """Write rows as csv, tsv, json (one array) or jsonl; return the number of rows."""
    count = 0
    if fmt in ("csv", "tsv"):
        import csv

        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            # tuples are already in column order with cells rendered (dyad_year_tuples)
            writer.writerow(row if isinstance(row, tuple) else [_cell(row.get(c)) for c in columns])
            count += 1
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
            out.write("\n")
            count += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(",\n  " if count else "\n  ")
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return count


# -- the data format itself (round trip) -------------------------------------------------------
def _source_doc(s) -> Any:
    if s.title is None and s.note is None:
        return s.url
    doc = {"url": s.url}
    if s.title:
        doc["title"] = s.title
    if s.note:
        doc["note"] = s.note
    return doc


def _event_doc(ev: Event) -> dict[str, Any]:
    doc: dict[str, Any] = {"date": str(ev.date), "event": ev.kind}
    if ev.effective is not None:
        doc["effective"] = str(ev.effective)
    if ev.towards:
        doc["towards"] = list(ev.towards)
    if ev.note:
        doc["note"] = ev.note
    if ev.accept:
        doc["accept"] = dict(ev.accept)
    if ev.sources:
        doc["sources"] = [_source_doc(s) for s in ev.sources]
    return doc


def dataset_document(ds: Dataset, f: Filters | None = None) -> dict[str, Any]:
    """The (filtered) dataset as a document in the data format, ready for yaml.safe_dump.

    A treaty left out by the filters is left out of the others' predecessor, successor and
    exclusive_with too, so that the document names only treaties it defines.
    """
    f = f or Filters()
    treaties: dict[str, Any] = {}
    used: set[str] = set()
    chosen = {t.id for t in ds.treaties.values() if f.treaty_ok(t)}
    for t in ds.treaties.values():
        if t.id not in chosen:
            continue
        doc: dict[str, Any] = {"name": t.name}
        if t.short:
            doc["short"] = t.short
        if t.aliases:
            doc["aliases"] = list(t.aliases)
        doc.update(kind=t.kind, obligations=list(t.obligations), signed=str(t.signed))
        for key in ("in_force", "ended"):
            if getattr(t, key) is not None:
                doc[key] = str(getattr(t, key))
        for key in ("predecessor", "successor"):
            if getattr(t, key) in chosen:
                doc[key] = getattr(t, key)
        if t.note:
            doc["note"] = t.note
        if any(x in chosen for x in t.exclusive_with):
            doc["exclusive_with"] = [x for x in t.exclusive_with if x in chosen]
        for key in ("atop_ids", "cow_ids"):
            if getattr(t, key):
                doc[key] = list(getattr(t, key))
        pledges = [p for p in t.pledges if set(p.by) | set(p.to) <= set(t.members)]
        if pledges:
            doc["pledges"] = [{"by": list(p.by), "to": list(p.to), "obligations": list(p.obligations)}
                              for p in pledges]
        doc["sources"] = [_source_doc(s) for s in t.sources]
        members: dict[str, Any] = {}
        for code, events in t.members.items():
            kept = [e for e in events if f.state_ok(code) and f.date_ok(e.date)]
            if kept:
                ordered = sorted(kept, key=lambda e: (e.date.earliest, e.date.latest, e.order))
                members[code] = {"events": [_event_doc(e) for e in ordered]}
                used.add(code)
                used.update(x for e in kept for x in e.towards)
        if members:
            doc["members"] = members
        if "pledges" in doc:  # an extract keeps the pledges among the members it keeps
            kept = [{"by": [c for c in p["by"] if c in members], "to": [c for c in p["to"] if c in members],
                     "obligations": p["obligations"]} for p in doc["pledges"]]
            kept = [p for p in kept if p["by"] and p["to"]]
            if kept:
                doc["pledges"] = kept
            else:
                del doc["pledges"]
        treaties[t.id] = doc
    if f.states is None and f.treaties is None and f.kinds is None:
        used = set(ds.states)
    states: dict[str, Any] = {}
    pending = sorted(used)
    while pending:
        code = pending.pop()
        s = ds.states.get(code)
        if s is None or code in states:
            continue
        states[code] = _state_doc(s)
        if s.successor:
            pending.append(s.successor)
    out: dict[str, Any] = {}
    if ds.as_of is not None:
        out["as_of"] = str(ds.as_of)
    out["treaties"] = treaties
    out["states"] = dict(sorted(states.items()))
    return out


def _state_doc(s) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": s.name}
    if s.iso2:
        doc["iso2"] = s.iso2
    if s.iso3166_3:
        doc["iso3166_3"] = s.iso3166_3
    if len(s.cow) == 1 and s.cow[0].start is None and s.cow[0].end is None:
        doc["cow"] = s.cow[0].code
    elif s.cow:
        doc["cow"] = [{k: v for k, v in (("code", p.code), ("from", p.start and str(p.start)),
                                         ("to", p.end and str(p.end))) if v is not None}
                      for p in s.cow]
    if s.cow_abb:
        doc["cow_abb"] = s.cow_abb
    if s.aliases:
        doc["aliases"] = list(s.aliases)
    if s.start:
        doc["from"] = str(s.start)
    if s.end:
        doc["to"] = str(s.end)
    for key in ("successor", "note"):
        if getattr(s, key):
            doc[key] = getattr(s, key)
    if s.sources:
        doc["sources"] = [_source_doc(x) for x in s.sources]
    return doc


def yaml_header(name: str = "FILE", by_date: bool = False, clear_env: bool = False) -> str:
    """The comment that opens a YAML export: what it is and the command that loads it.

    The export defines the treaties of the data it was made from, so it loads in place of the
    bundled data (--no-bundled); with ALLIANCES_DATA set, those files are in it too, so the
    command clears the variable. An extract by date (--from/--to) leaves out events before or
    after the dates, and may then not validate on its own (a `left` without its `joined`).
    """
    lines = ["# Written by `alliances export events --format yaml`, in the data format "
             "(docs/data-format.md)."]
    if by_date:
        lines += ["# An extract by date: events outside --from/--to are left out, so it need not",
                  "# validate on its own. For a file that loads in place of the bundled data,",
                  "# export without --from and --to."]
    else:
        env = "ALLIANCES_DATA= " if clear_env else ""
        lines += ["# It defines the treaties it was made from: load it in place of the bundled data:",
                  f"#   {env}alliances --no-bundled --data {name} validate"]
    return "\n".join(lines) + "\n"


def write_yaml(doc: dict[str, Any], out: IO[str], header: str | None = None) -> None:
    """The document in the data format, under `header` (default: yaml_header())."""
    import yaml

    out.write(yaml_header() if header is None else header)
    yaml.safe_dump(doc, out, allow_unicode=True, sort_keys=False, width=100)
