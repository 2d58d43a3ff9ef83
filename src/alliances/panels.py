"""The research exports built from the engine: events, membership intervals, a snapshot on a date,
and the state-year panel (the dyad-year panel is in dyadyear.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from .dates import UNCERTAIN, Period, Span, intersect, resolve_presence
from .dyadyear import (
    _OBLIGATIONS,
    ALLIED_ORDER,
    ATOP_OBLIGATION_COLUMNS,
    PanelOptions,
    YearEndCodes,
    held_codes,
    identities,
)
from .filters import Filters
from .model import Dataset
from .query import Engine
from .rows import _state_cols, coverage_label, event_row, interval_row, standing_row
from .statesystems import gw_code, load_system

__all__ = [
    "STATE_YEAR_COLUMNS", "STATE_YEAR_PANEL_COLUMNS", "events_rows", "intervals_rows",
    "snapshot_rows", "state_year_panel_rows", "state_year_rows",
]

STATE_YEAR_COLUMNS = [
    "year", "treaty", "state", "iso2", "cow", "gwcode", "state_name", "status", "statuses",
    "coverage", "certain", "atop_ids", "cow_ids",
]
STATE_YEAR_PANEL_COLUMNS = [
    "year", "ccode", "gwcode", "state", "iso2", "state_name", "allied", "treaties", "atop_ids",
    "cow_ids", "statuses", *ATOP_OBLIGATION_COLUMNS.values(), "certain",
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


def _day_after(d) -> date:
    return d.latest + timedelta(days=1)


def events_rows(ds: Dataset, f: Filters) -> Iterator[dict[str, Any]]:
    events = [ev for t in ds.treaties.values() if f.treaty_ok(t)
              for code, evs in t.members.items() if f.state_ok(code)
              for ev in evs if f.date_ok(ev.date)
              and f.system_ok(ds.states.get(code), ev.date.earliest, _day_after(ev.date))]
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
                start, end = seg.possible()
                if not f.system_ok(ds.states.get(code), start, end or date.max):
                    continue
                yield interval_row(ds, treaty, seg)


def snapshot_rows(ds: Dataset, engine: Engine, period: Period, f: Filters) -> Iterator[dict[str, Any]]:
    for tid, treaty in ds.treaties.items():
        if not f.treaty_ok(treaty):
            continue
        for st in engine.members(tid, period):
            if f.state_ok(st.state) and f.system_ok(ds.states.get(st.state), period.first,
                                                      period.next_day_after()):
                yield standing_row(ds, st, period)


def _crosswalk(treaties) -> tuple[str | None, str | None]:
    return (" ".join(str(i) for t in treaties for i in t.atop_ids) or None,
            " ".join(str(i) for t in treaties for i in t.cow_ids) or None)


def _counts(presence: str, uncertain: str) -> tuple[str | None, bool]:
    """(the standing's presence under an --uncertain mode, None if it does not count; whether
    it is certain): see dates.resolve_presence."""
    resolved = resolve_presence(presence, uncertain)
    return resolved, resolved is not None and resolved != UNCERTAIN


def state_year_rows(ds: Dataset, engine: Engine, f: Filters, years: range,
                    uncertain: str = "keep") -> Iterator[dict[str, Any]]:
    """One row per state, year, treaty and COW code held (two in a year the state's code
    changed): the status held, all year or part of it."""
    system = load_system(f.system) if f.system else None
    for tid, treaty in ds.treaties.items():
        if not f.treaty_ok(treaty):
            continue
        atop, cow = _crosswalk([treaty])
        for code in sorted(treaty.members):
            if not f.state_ok(code):
                continue
            state = ds.states.get(code)
            ids = identities(state) if state is not None else [(date.min, None, None, None)]
            spans = [seg.possible() for seg in engine.segments(tid, code)]
            for y in _span_years(spans, years):
                period = _year(y)
                st = engine.standing(tid, code, period)
                if st is None:
                    continue
                presence, certain = _counts(st.presence, uncertain)
                if presence is None:
                    continue
                held = [seg.possible() for seg in st.segments] or spans
                row: dict[str, Any] = {"year": y, "treaty": tid}
                row.update(_state_cols(ds, code, period.first, period.last))
                row.update(status=st.status,
                           statuses=" ".join(dict.fromkeys(s.status for s in st.segments)),
                           coverage=coverage_label(presence),
                           certain=st.certain if uncertain == "keep" else certain,
                           atop_ids=atop, cow_ids=cow)
                for c, g in _touching_codes(ids, held, y):
                    key = g if f.system == "gw" else c
                    if system is not None and not system.has_in_year(key, y):
                        continue
                    yield {**row, "cow": c, "gwcode": g}


def _touching_codes(ids: list[tuple], spans: list[Span], year: int) -> list[tuple]:
    from .dyadyear import _touching

    return _touching(ids, spans, year)


def state_year_panel_rows(ds: Dataset, engine: Engine, f: Filters, years: range,
                          opts: PanelOptions) -> Iterator[dict[str, Any]]:
    """One row per state of the system (opts.system) and year: allied (1) when in an allied
    status in at least one treaty with an obligation on some day of the year, else 0; the
    treaties, their crosswalk ids and obligations; empty outside the years the data covers."""
    key_gw = opts.system == "gw"
    system = load_system(opts.system or "cow")
    acc: dict[tuple[int, int], dict[str, Any]] = {}
    for tid, treaty in ds.treaties.items():
        if not treaty.obligations or not f.treaty_ok(treaty):
            continue
        mask = [ob in treaty.obligations for ob in _OBLIGATIONS]
        for code in sorted(treaty.members):
            if not f.state_ok(code) or code not in ds.states:
                continue
            ids = identities(ds.states[code])
            spans = engine.allied_spans(tid, code)[1]
            for y in _span_years(spans, years):
                st = engine.standing(tid, code, _year(y), engine.allied_statuses)
                if st is None:
                    continue
                presence, certain = _counts(st.presence, opts.uncertain)
                if presence is None:
                    continue
                window = [(date(y, 1, 1), date(y + 1, 1, 1))]
                for c, g in _touching_codes(ids, intersect(spans, window), y):
                    key = g if key_gw else c
                    if key is None:
                        continue
                    entry = acc.setdefault((y, key), {"states": set(), "treaties": [],
                                                      "statuses": set(), "mask": [False] * 5,
                                                      "certain": False})
                    entry["states"].add(code)
                    entry["treaties"].append(treaty)
                    entry["statuses"].update(s.status for s in st.segments)
                    entry["mask"] = [x or m for x, m in zip(entry["mask"], mask, strict=True)]
                    entry["certain"] = entry["certain"] or (
                        st.certain if opts.uncertain == "keep" else certain)
    holders = _holders(ds, key_gw)
    year_end = YearEndCodes(ds, key_gw)
    for y in years:
        covered = opts.covered is None or y in opts.covered
        first, after = date(y, 1, 1), date(y + 1, 1, 1)
        for key in system.codes(y):
            states = sorted({code for code, start, end in holders.get(key, ())
                             if start < after and (end is None or end > first)})
            if f.states is not None and not f.states & set(states):
                continue
            entry = acc.get((y, key)) if covered else None
            row: dict[str, Any] = {"year": y}
            codes = year_end(key, y) if states else None
            if codes is not None:
                row.update(ccode=codes[0], gwcode=codes[1])
            else:
                row.update(ccode=None if key_gw else key,
                           gwcode=key if key_gw else gw_code(key, date(y, 12, 31)))
            row.update(state=" ".join(states) or None,
                       iso2=" ".join(filter(None, (ds.states[s].iso2 for s in states))) or None,
                       state_name=" / ".join(ds.states[s].name_on(first, after - timedelta(days=1))
                                             for s in states) or None)
            if not covered:
                row.update(dict.fromkeys(STATE_YEAR_PANEL_COLUMNS[6:]))
            elif entry is None:
                row.update(allied=False, treaties=None, atop_ids=None, cow_ids=None,
                           statuses=None, **dict.fromkeys(ATOP_OBLIGATION_COLUMNS.values(), False),
                           certain=None)
            else:
                ts = sorted({t.id: t for t in entry["treaties"]}.values(), key=lambda t: t.id)
                atop, cow = _crosswalk(ts)
                row.update(allied=True, treaties=" ".join(t.id for t in ts), atop_ids=atop,
                           cow_ids=cow, statuses=" ".join(s for s in ALLIED_ORDER
                                                          if s in entry["statuses"]),
                           **dict(zip(ATOP_OBLIGATION_COLUMNS.values(), entry["mask"], strict=True)),
                           certain=entry["certain"])
            yield {c: row.get(c) for c in STATE_YEAR_PANEL_COLUMNS}


def _holders(ds: Dataset, key_gw: bool) -> dict[int, list[tuple[str, date, date | None]]]:
    """code -> (our state, from, until) for each of our states that held it."""
    out: dict[int, list[tuple[str, date, date | None]]] = {}
    for k, code, start, end, _, _ in held_codes(ds, key_gw):
        out.setdefault(k, []).append((code, start, end))
    return out
