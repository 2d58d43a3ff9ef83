"""A cache of validated datasets, so that unchanged data loads in a fraction of a parse.

The cache is JSON (never pickle: nothing read from it can run code), keyed on the tool's version
and the exact bytes of every data file, stored in the user's cache directory and written
atomically (two runs at once each write a whole file; the last rename wins). A file that is
corrupt, truncated, foreign or for other data is ignored and rebuilt, never trusted. Each
treaty's members are kept as a JSON string and decoded on first use, so a query about one treaty
does not build the events of two thousand.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .dates import PartialDate, parse_date
from .model import CowPeriod, Dataset, Event, Source, State, Treaty

__all__ = ["cache_dir", "cache_key", "read_cache", "write_cache"]

FORMAT = 1


def cache_dir() -> Path | None:
    """ALLIANCES_CACHE, else $XDG_CACHE_HOME/alliances or ~/.cache/alliances; None if disabled."""
    if os.environ.get("ALLIANCES_NO_CACHE"):
        return None
    if os.environ.get("ALLIANCES_CACHE"):
        return Path(os.environ["ALLIANCES_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "alliances"


def cache_key(files: list[Path], version: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(f"alliances {version} format {FORMAT}\n".encode())
    for f in files:
        data = f.read_bytes()
        h.update(f"{f.resolve()}\n{len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


# -- encoding ------------------------------------------------------------------------------
def _d(d: PartialDate | None) -> str | None:
    return None if d is None else str(d)


def _p(s: str | None) -> PartialDate | None:
    return None if s is None else parse_date(s)


def _sources(sources: tuple[Source, ...]) -> list[list[str | None]]:
    return [[s.url, s.title, s.note] for s in sources]


def _unsources(raw: list) -> tuple[Source, ...]:
    return tuple(Source(str(u), t, n) for u, t, n in raw)


def _encode_members(t: Treaty) -> str:
    return json.dumps({code: [[str(e.date), e.kind, e.note, _sources(e.sources), _d(e.effective),
                               list(e.towards), e.order] for e in events]
                       for code, events in t.members.items()}, ensure_ascii=False)


def _encode(ds: Dataset, key: str) -> dict[str, Any]:
    treaties = {}
    for t in ds.treaties.values():
        treaties[t.id] = [t.name, t.kind, list(t.obligations), str(t.signed), t.short,
                          list(t.aliases), _d(t.in_force), _d(t.ended), t.predecessor,
                          t.successor, t.note, _sources(t.sources), _encode_members(t)]
    states = {s.code: [s.name, s.iso2, s.iso3166_3,
                       [[p.code, _d(p.start), _d(p.end)] for p in s.cow], s.cow_abb,
                       list(s.aliases), _d(s.start), _d(s.end), s.successor, s.note,
                       _sources(s.sources)]
              for s in ds.states.values()}
    return {"format": FORMAT, "key": key, "as_of": _d(ds.as_of), "files": list(ds.files),
            "treaties": treaties, "states": states}


class LazyMembers(Mapping):
    """A treaty's members, decoded from the cache on first use."""

    def __init__(self, treaty_id: str, blob: str):
        self._treaty_id = treaty_id
        self._blob: str | None = blob
        self._data: dict[str, list[Event]] = {}

    def _load(self) -> dict[str, list[Event]]:
        if self._blob is not None:
            raw = json.loads(self._blob)
            self._data = {
                code: [Event(self._treaty_id, code, parse_date(d), kind, note, _unsources(src),
                             _p(eff), tuple(towards), None, order)
                       for d, kind, note, src, eff, towards, order in events]
                for code, events in raw.items()}
            self._blob = None
        return self._data

    def __getitem__(self, code: str) -> list[Event]:
        return self._load()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def _decode(doc: dict[str, Any], key: str) -> Dataset:
    if doc.get("format") != FORMAT or doc.get("key") != key:
        raise ValueError("cache is for other data")
    ds = Dataset(as_of=_p(doc["as_of"]), files=tuple(doc["files"]), from_cache=True)
    for tid, (name, kind, obligations, signed, short, aliases, in_force, ended, pred, succ, note,
              sources, members) in doc["treaties"].items():
        if not isinstance(members, str):
            raise ValueError("members must be a JSON string")
        ds.treaties[tid] = Treaty(
            id=tid, name=name, kind=kind, obligations=tuple(obligations), signed=parse_date(signed),
            short=short, aliases=tuple(aliases), in_force=_p(in_force), ended=_p(ended),
            predecessor=pred, successor=succ, note=note, sources=_unsources(sources),
            members=LazyMembers(tid, members))  # type: ignore[arg-type]
    for code, (name, iso2, iso3, cow, cow_abb, aliases, start, end, succ, note,
               sources) in doc["states"].items():
        ds.states[code] = State(
            code=code, name=name, iso2=iso2, iso3166_3=iso3,
            cow=tuple(CowPeriod(int(c), _p(f), _p(t)) for c, f, t in cow), cow_abb=cow_abb,
            aliases=tuple(aliases), start=_p(start), end=_p(end), successor=succ, note=note,
            sources=_unsources(sources))
    return ds


def _path(folder: Path, key: str) -> Path:
    return folder / f"dataset-{key[:16]}.json"


def read_cache(folder: Path, key: str) -> Dataset | None:
    """The cached dataset for `key`, or None if absent or not trustworthy (then rebuilt)."""
    path = _path(folder, key)
    try:
        with path.open("rb") as fh:
            return _decode(json.loads(fh.read()), key)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_cache(folder: Path, key: str, ds: Dataset) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".dataset-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(_encode(ds, key), fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, _path(folder, key))
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return
