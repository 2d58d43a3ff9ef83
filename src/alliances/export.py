"""Rows for tables and scripts, their column names, and the writers (CSV, TSV, JSON, JSONL).

Every query command's `--format csv|json` uses the rows built here, so its columns match the
export of the same kind (docs/export-columns.md).
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

from .dates import PartialDate, Period
from .model import OBLIGATIONS, Dataset, Event, Treaty
from .query import AllyLink, Engine, MemberStanding, Segment, link_allied

__all__ = [
    "ALLY_COLUMNS",
    "EVENT_COLUMNS",
    "INTERVAL_COLUMNS",
    "SNAPSHOT_COLUMNS",
    "TREATY_COLUMNS",
    "atomic_output",
    "write_rows",
]

SNAPSHOT_COLUMNS = [
    "on", "treaty", "treaty_name", "state", "iso2", "cow", "state_name", "status", "certain",
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
    "predecessor", "successor", "members", "events", "day_precision_share", "own_source_share",
    "source",
]
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


def interval_rows(ds: Dataset, engine: Engine) -> Iterator[dict[str, Any]]:
    for tid, treaty in ds.treaties.items():
        for code in treaty.members:
            for seg in engine.segments(tid, code):
                yield interval_row(ds, treaty, seg)


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
        "members": len(t.members),
        "events": n,
        "day_precision_share": round(sum(e.date.exact for e in events) / n, 3) if n else None,
        "own_source_share": round(sum(bool(e.sources) for e in events) / n, 3) if n else None,
        "source": " ; ".join(s.url for s in t.sources) or None,
    }


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
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
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


def json_obligations() -> list[str]:
    return list(OBLIGATIONS)


@contextmanager
def atomic_output(path: str | Path) -> Iterator[IO[str]]:
    """Open a temporary file beside `path`; rename it over `path` only if the block succeeds."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
