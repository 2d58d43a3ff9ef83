"""The rows of answers and exports: one function per kind of record (a member's standing, an
event, a membership spell, a treaty, a state, an ally link), and the column names of each, as
docs/export-columns.md documents them. Every query command's data formats use these rows, so
their columns match the export of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from .dates import PartialDate, Period
from .model import Dataset, Event, Treaty
from .query import AllyLink, MemberStanding, Segment, link_allied

__all__ = [
    "ALLY_COLUMNS", "EVENT_COLUMNS", "INTERVAL_COLUMNS", "MEMBER_COLUMNS", "MEMBERSHIP_COLUMNS",
    "SNAPSHOT_COLUMNS", "STATE_COLUMNS", "TREATY_COLUMNS", "allies_payload", "ally_rows",
    "coverage_label", "event_row", "interval_row", "member_rows", "membership_rows",
    "dataset_sourced", "source_totals", "standing_row", "state_name", "state_row", "treaty_row",
]

# How a source names ATOP or COW as itself: their sites, the copies of their files the data cite,
# or a title naming a release ("ATOP 4.01, atopid 3100"; "COW Formal Alliances 4.1").
_DATASET_URLS = ("atopdata.org", "correlatesofwar.org", "atop-member-level.csv")
_DATASET_TITLE = re.compile(r"^\s*(ATOP v?\d|COW (Formal )?Alliances\b|Correlates of War Formal Alliances)",
                            re.IGNORECASE)

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


def _state_cols(ds: Dataset, code: str, day: date | None, last: date | None = None
                ) -> dict[str, Any]:
    """A state's columns on `day` (the COW code then), named as it was from `day` to `last`."""
    s = ds.states.get(code)
    if s is None:
        return {"state": code, "iso2": None, "cow": None, "state_name": None}
    return {"state": code, "iso2": s.iso2, "cow": s.cow_on(day), "state_name": s.name_on(day, last)}


def state_name(ds: Dataset, code: str, period: Period | None = None) -> str:
    """What a state was called in `period` (a renamed state's names then, 'Prussia / Germany'
    in a year it was renamed), or its present name without one; an unknown code as it is."""
    s = ds.states.get(code)
    if s is None:
        return code
    return s.name_on(period.first, period.last) if period is not None else s.name


def coverage_label(presence: str) -> str:
    """The coverage column: all, part, or 'part or all'; uncertain stays uncertain."""
    return {"all": "all", "part": "part", "some": "part or all"}.get(presence, presence)


def standing_row(ds: Dataset, st: MemberStanding, period: Period) -> dict[str, Any]:
    treaty = ds.treaties[st.treaty]
    row: dict[str, Any] = {"on": str(period) if period.is_day else str(period)}
    row.update(treaty=st.treaty, treaty_name=treaty.name)
    row.update(_state_cols(ds, st.state, period.last))
    row["state_name"] = state_name(ds, st.state, period)
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
    return [{"name": state_name(ds, s.state, period) if s.state in ds.states else None,
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
    row.update(_state_cols(ds, ev.state, ev.date.earliest, ev.date.latest))
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


def _is_dataset(s) -> bool:
    return any(u in s.url for u in _DATASET_URLS) or bool(_DATASET_TITLE.match(s.title or ""))


def dataset_sourced(e: Event, t: Treaty, alone: bool = True) -> bool:
    """Whether an event's sources (its own, or its treaty's when it cites none) are ATOP or COW,
    known by address or by a title naming a release. `alone=True`: every source is one of the
    two datasets, so the event rests on them alone; `alone=False`: at least one is."""
    sources = e.sources or t.sources
    test = all if alone else any
    return bool(sources) and test(_is_dataset(s) for s in sources)


def source_totals(ds: Dataset) -> dict[str, Any]:
    """The README's totals over every event of every treaty: counts, and the shares dated to the
    day, citing a source of their own, resting on ATOP or COW alone (`dataset_sourced`), and
    citing either among other sources."""
    events = [(e, t) for t in ds.treaties.values() for e in t.events()]
    n = len(events)
    return {
        "treaties": len(ds.treaties),
        "memberships": sum(len(t.members) for t in ds.treaties.values()),
        "events": n,
        "day_precision_share": sum(e.date.exact for e, _ in events) / n if n else None,
        "own_source_share": sum(bool(e.sources) for e, _ in events) / n if n else None,
        "dataset_source_share": sum(dataset_sourced(e, t) for e, t in events) / n if n else None,
        "dataset_sourced_events": sum(dataset_sourced(e, t) for e, t in events),
        "dataset_cited_share": (sum(dataset_sourced(e, t, alone=False) for e, t in events) / n
                                if n else None),
    }


def state_row(s, day: date | None = None) -> dict[str, Any]:
    """A state: codes (COW: the latest, or all periods as code:from:to), dates, names (`name`:
    its name on `day`, its present name without one)."""
    if len(s.cow) > 1:
        cow = " ".join(f"{p.code}:{p.start or ''}:{p.end or ''}" for p in s.cow)
    else:
        cow = s.cow[0].code if s.cow else None
    return {"state": s.code, "name": s.name_on(day), "iso2": s.iso2, "iso3166_3": s.iso3166_3, "cow": cow,
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
                "state1_name": state_name(ds, a, period) if a in ds.states else None,
                "state2_name": state_name(ds, b, period) if b in ds.states else None,
                "allied": allied,
                "treaty": link.treaty,
                "treaty_name": treaty.name,
                "obligations": " ".join(link.obligations),
                "coverage": coverage_label(link.presence) if link.presence else "suspended",
                "status1": link.a.status,
                "status2": link.b.status,
                "relation_suspended": bool(link.suspended),
            }

