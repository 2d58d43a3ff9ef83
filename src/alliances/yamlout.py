"""The dataset written back in its own data format (YAML), for a round trip or an extract."""

from __future__ import annotations

from typing import IO, Any

from .filters import Filters
from .model import Dataset, Pledge

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


def _cow_doc(periods) -> Any:
    if len(periods) == 1 and periods[0].start is None and periods[0].end is None:
        return periods[0].code
    return [{k: v for k, v in (("code", p.code), ("from", p.start and str(p.start)),
                               ("to", p.end and str(p.end))) if v is not None}
            for p in periods]


# codec (model.py's STORED declarations) -> the value as the data format writes it
_WRITE = {
    "text": lambda v: v, "texts": list, "ints": list, "date": str,
    "sources": lambda sources: [_source_doc(s) for s in sources],
    "pledges": lambda pledges: [{"by": list(p.by), "to": list(p.to),
                                 "obligations": list(p.obligations)} for p in pledges],
    "cow": _cow_doc, "accept": dict,
    "names": lambda names: [{k: v for k, v in (
        ("name", n.name), ("from", n.start and str(n.start)), ("to", n.end and str(n.end)),
        ("note", n.note), ("sources", [_source_doc(s) for s in n.sources])) if v}
        for n in names],
}


def _record_doc(record, values: dict[str, Any] | None = None) -> dict[str, Any]:
    """A record as the data format writes it, from its class's STORED declaration: each field
    under its key, in order, left out when empty unless required (a treaty's members, which
    need the filters, are left to the caller). `values` replaces some fields' values."""
    doc: dict[str, Any] = {}
    for attr, key, codec, always in record.STORED:
        if key is None or codec == "members":
            continue
        value = values[attr] if values is not None and attr in values else getattr(record, attr)
        if always or value:
            doc[key] = _WRITE[codec](value)
    return doc


def dataset_document(ds: Dataset, f: Filters | None = None) -> dict[str, Any]:
    """The (filtered) dataset as a document in the data format, ready for yaml.safe_dump.

    A treaty left out by the filters is left out of the others' predecessor, successor and
    exclusive_with too, so that the document names only treaties it defines; an extract keeps
    the pledges among the members it keeps.
    """
    f = f or Filters()
    treaties: dict[str, Any] = {}
    used: set[str] = set()
    chosen = {t.id for t in ds.treaties.values() if f.treaty_ok(t)}
    for t in ds.treaties.values():
        if t.id not in chosen:
            continue
        members: dict[str, Any] = {}
        for code, events in t.members.items():
            kept = [e for e in events if f.state_ok(code) and f.date_ok(e.date)]
            if kept:
                ordered = sorted(kept, key=lambda e: (e.date.earliest, e.date.latest, e.order))
                members[code] = {"events": [_record_doc(e) for e in ordered]}
                used.add(code)
                used.update(x for e in kept for x in e.towards)
        pledges = [Pledge(tuple(c for c in p.by if c in members), tuple(c for c in p.to if c in members),
                          p.obligations)
                   for p in t.pledges if set(p.by) | set(p.to) <= set(t.members)]
        doc = _record_doc(t, {
            "predecessor": t.predecessor if t.predecessor in chosen else None,
            "successor": t.successor if t.successor in chosen else None,
            "exclusive_with": [x for x in t.exclusive_with if x in chosen],
            "pledges": [p for p in pledges if p.by and p.to]})
        if members:
            doc["members"] = members
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
        states[code] = _record_doc(s)
        if s.successor:
            pending.append(s.successor)
    out: dict[str, Any] = {}
    if ds.as_of is not None:
        out["as_of"] = str(ds.as_of)
    out["treaties"] = treaties
    out["states"] = dict(sorted(states.items()))
    return out


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
