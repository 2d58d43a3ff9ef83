"""The dataset written back in its own data format (YAML), for a round trip or an extract."""

from __future__ import annotations

from typing import IO, Any

from .filters import Filters
from .model import Dataset, Event

__all__ = ["dataset_document", "write_yaml", "yaml_header"]


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
