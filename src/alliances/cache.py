"""A cache of validated datasets, so that unchanged data loads in a fraction of a parse.

The cache is JSON, never pickle (nothing read from it can run code): a header line with the
treaties' and states' fields, then each treaty's events as its own JSON text at an offset the
header gives, so that a query about one treaty reads only that treaty's events.

There is one cache file per tool version and list of data files. It is used only while every
file is unchanged, which is decided as git decides it for its index: each file's size,
modification and change times, inode and device must be as recorded, and a file that changed
within two seconds of the cache being built (when a later edit might keep all of those) is
compared by content, as is any file whose record differs (so that a `touch` costs one hash, not
a rebuild). The content digest is BLAKE2b over every file's bytes. The change time cannot be set
by a user, so even an edit that keeps the size and restores the modification time is seen.

The cache lives in the user's cache directory and is written atomically (two runs at once each
write a whole file; the last rename wins). Writing one removes cache files not rewritten for 30
days, so that file sets no longer used and older tool versions do not pile up. A file that is
corrupt, truncated, foreign or for other data is ignored and rebuilt, never trusted; a treaty
(or state) whose fields turn out damaged when read is loaded from the data files instead.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from .dates import PartialDate, parse_date
from .model import CowPeriod, Dataset, Event, Source, State, Treaty

try:  # the same BLAKE2b as hashlib's, without loading OpenSSL on every start (~3 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

__all__ = ["Snapshot", "cache_dir", "prune", "read_cache", "snapshot", "write_cache"]

FORMAT = 6
RACY_NS = 2_000_000_000  # files changed this close to a cache's build are checked by content


def cache_dir() -> Path | None:
    """ALLIANCES_CACHE, else $XDG_CACHE_HOME/alliances or ~/.cache/alliances; None if disabled."""
    if os.environ.get("ALLIANCES_NO_CACHE"):
        return None
    if os.environ.get("ALLIANCES_CACHE"):
        return Path(os.environ["ALLIANCES_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "alliances"


def _names_key(files: list[Path], version: str) -> str:
    """Which cache file: this tool version reading this list of files."""
    h = blake2b(digest_size=16)
    h.update(f"alliances {version} format {FORMAT}\n".encode())
    for f in files:
        h.update(f"{f.resolve()}\n".encode())
    return h.hexdigest()


def _stamps(files: list[Path]) -> list[list[int]]:
    out = []
    for f in files:
        st = os.stat(f)
        out.append([st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev])
    return out


def content_digest(files: list[Path]) -> str:
    """BLAKE2b of every file's length and bytes, in order."""
    h = blake2b(digest_size=20)
    for f in files:
        data = f.read_bytes()
        h.update(f"{len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


class Snapshot:
    """The files' state taken before a build: what the cache it writes is valid for."""

    def __init__(self, files: list[Path], version: str):
        self.key = _names_key(files, version)
        self.built_ns = time.time_ns()  # before stat and read, so an edit during the build is racy
        self.stamps = _stamps(files)
        self.digest = content_digest(files)


def snapshot(files: list[Path], version: str) -> Snapshot | None:
    """A Snapshot, or None when a file cannot be read (then nothing is cached)."""
    try:
        return Snapshot(files, version)
    except OSError:
        return None


def _unchanged(files: list[Path], doc: dict) -> bool | tuple[int, list[list[int]]]:
    """Whether the files are as the cache was built from: True when their stat records can be
    trusted, or the files equal the cache's by content; False when they changed. A content
    check of files that have since settled gives (check time, their stat records) instead, so
    that the caller can record them and trust the records next time."""
    checked_ns = time.time_ns()  # before the stat, as built_ns is
    now = _stamps(files)
    settled = int(doc["built_ns"]) - RACY_NS
    if now == doc["stamps"] and all(max(s[1], s[2]) < settled for s in now):
        return True
    if content_digest(files) != doc["digest"]:
        return False
    if all(max(s[1], s[2]) < checked_ns - RACY_NS for s in now):
        return checked_ns, now
    return True


def _restamp(path: Path, header: bytes, doc: dict, checked: tuple[int, list[list[int]]]) -> bytes:
    """Rewrite the cache's header with new stat records (atomically); return the header now in
    the file (the old one if it could not be rewritten)."""
    doc["built_ns"], doc["stamps"] = checked
    new_header = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    try:
        blobs = path.read_bytes()[len(header):]
        _write_atomically(path, new_header + blobs)
    except OSError:
        return header
    return new_header


# -- encoding ------------------------------------------------------------------------------
def _d(d: PartialDate | None) -> str | None:
    return None if d is None else str(d)


def _p(s: str | None) -> PartialDate | None:
    return None if s is None else parse_date(s)


def _sources(sources: tuple[Source, ...]) -> list[list[str | None]]:
    return [[s.url, s.title, s.note] for s in sources]


def _unsources(raw: list) -> tuple[Source, ...]:
    return tuple(Source(str(u), t, n) for u, t, n in raw)


def _encode_members(t: Treaty) -> bytes:
    return json.dumps({code: [[str(e.date), e.kind, e.note, _sources(e.sources), _d(e.effective),
                               list(e.towards), e.order] for e in events]
                       for code, events in t.members.items()},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _encode(ds: Dataset, snap: Snapshot) -> bytes:
    """One header line of JSON (everything but the events), then each treaty's events."""
    treaties, blobs, offset = {}, [], 0
    for t in ds.treaties.values():
        blob = _encode_members(t)
        treaties[t.id] = [t.name, t.kind, list(t.obligations), str(t.signed), t.short,
                          list(t.aliases), _d(t.in_force), _d(t.ended), t.predecessor,
                          t.successor, list(t.exclusive_with), list(t.atop_ids), list(t.cow_ids),
                          t.note, _sources(t.sources),
                          offset, len(blob)]
        blobs.append(blob)
        offset += len(blob)
    states = {s.code: [s.name, s.iso2, s.iso3166_3,
                       [[p.code, _d(p.start), _d(p.end)] for p in s.cow], s.cow_abb,
                       list(s.aliases), _d(s.start), _d(s.end), s.successor, s.note,
                       _sources(s.sources)]
              for s in ds.states.values()}
    from .names import state_index, treaty_index

    header = {"format": FORMAT, "key": snap.key, "built_ns": snap.built_ns, "stamps": snap.stamps,
              "names": [state_index(ds), treaty_index(ds)],
              "digest": snap.digest, "as_of": _d(ds.as_of), "files": list(ds.files),
              "treaties": treaties, "states": states, "blob_bytes": offset}
    return json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" \
        + b"".join(blobs)


def _discard(path: Path) -> None:
    """Remove a cache found damaged, so that the next run rebuilds it."""
    try:
        path.unlink()
    except OSError:
        pass


class LazyMembers(Mapping):
    """A treaty's members, read from the cache file on first use.

    If that part of the file turns out to be damaged, the members come from `fallback` (a full
    load of the data files) instead, and the cache file is removed so the next run rebuilds it.
    """

    def __init__(self, treaty_id: str, path: Path, offset: int, length: int,
                 fallback: Callable[[], Dataset]):
        self._treaty_id = treaty_id
        self._where: tuple[Path, int, int] | None = (path, offset, length)
        self._fallback = fallback
        self._data: Mapping[str, list[Event]] = {}

    def _load(self) -> Mapping[str, list[Event]]:
        if self._where is not None:
            path, offset, length = self._where
            self._where = None
            try:
                with path.open("rb") as fh:
                    fh.seek(offset)
                    raw = json.loads(fh.read(length))
                self._data = {
                    code: [Event(self._treaty_id, code, parse_date(d), kind, note,
                                 _unsources(src), _p(eff), tuple(towards), None, order)
                           for d, kind, note, src, eff, towards, order in events]
                    for code, events in raw.items()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                _discard(path)
                self._data = self._fallback().treaties[self._treaty_id].members
        return self._data

    def __getitem__(self, code: str) -> list[Event]:
        return self._load()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    # Mapping's own get and `in` go through __getitem__ and an exception; these are hot.
    def get(self, code: str, default=None):
        return self._load().get(code, default)

    def __contains__(self, code: object) -> bool:
        return code in self._load()


class LazyStates(Mapping):
    """The dataset's states, each built from its cached fields when first asked for (a query
    names a few dozen of some 200).

    A state whose cached fields turn out to be damaged comes from `fallback` (a full load of the
    data files) instead, and the cache file is removed so the next run rebuilds it.
    """

    def __init__(self, raw: dict[str, list], path: Path, fallback: Callable[[], Dataset]):
        self._raw = raw
        self._path = path
        self._fallback = fallback
        self._built: dict[str, State] = {}

    def __getitem__(self, code: str) -> State:
        state = self._built.get(code)
        if state is None:
            fields = self._raw[code]
            try:
                state = _state(code, fields)
            except (ValueError, KeyError, TypeError, AttributeError):
                _discard(self._path)
                state = self._fallback().states[code]
            self._built[code] = state
        return state

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def get(self, code: str, default=None):
        return self[code] if code in self._raw else default

    def __contains__(self, code: object) -> bool:
        return code in self._raw


def _decode(path: Path, key: str, files: list[Path], fallback: Callable[[], Dataset]) -> Dataset:
    with path.open("rb") as fh:
        header = fh.readline()
        doc = json.loads(header)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("key") != key:
            raise ValueError("cache is for other data")
        verdict = _unchanged(files, doc)
        if verdict is False:
            raise ValueError("the data files have changed")
        if os.fstat(fh.fileno()).st_size != len(header) + int(doc["blob_bytes"]):
            raise ValueError("cache is truncated or padded")
    if verdict is not True:  # touched, or saved just before the build, but the same bytes
        header = _restamp(path, header, doc, verdict)
    base = len(header)
    ds = Dataset(as_of=_p(doc["as_of"]), files=tuple(doc["files"]), from_cache=True,
                 name_index=_name_index(doc["names"]))
    for tid, (name, kind, obligations, signed, short, aliases, in_force, ended, pred, succ,
              exclusive, atop_ids, cow_ids, note, sources, offset, length) in doc["treaties"].items():
        ds.treaties[tid] = Treaty(
            id=tid, name=name, kind=kind, obligations=tuple(obligations), signed=parse_date(signed),
            short=short, aliases=tuple(aliases), in_force=_p(in_force), ended=_p(ended),
            predecessor=pred, successor=succ, exclusive_with=tuple(exclusive), atop_ids=tuple(atop_ids),
            cow_ids=tuple(cow_ids), note=note,
            sources=_unsources(sources),
            members=LazyMembers(tid, path, base + int(offset), int(length), fallback))  # type: ignore[arg-type]
    states = doc["states"]
    if not (isinstance(states, dict) and all(isinstance(v, list) for v in states.values())):
        raise ValueError("the cached states have the wrong shape")
    ds.states = LazyStates(states, path, fallback)  # type: ignore[assignment]
    return ds


def _state(code: str, fields: list) -> State:
    name, iso2, iso3, cow, cow_abb, aliases, start, end, succ, note, sources = fields
    return State(code=code, name=name, iso2=iso2, iso3166_3=iso3,
                 cow=tuple(CowPeriod(int(c), _p(f), _p(t)) for c, f, t in cow), cow_abb=cow_abb,
                 aliases=tuple(aliases), start=_p(start), end=_p(end), successor=succ, note=note,
                 sources=_unsources(sources))


def _name_index(raw: object) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    if not (isinstance(raw, list) and len(raw) == 2 and all(
            isinstance(index, dict) and all(isinstance(v, list) for v in index.values())
            for index in raw)):
        raise ValueError("the cached name index has the wrong shape")
    return raw[0], raw[1]


def _path(folder: Path, key: str) -> Path:
    return folder / f"dataset-{key[:16]}.cache"


def read_cache(folder: Path, files: list[Path], version: str,
               fallback: Callable[[], Dataset]) -> Dataset | None:
    """The cached dataset for these files, or None if absent, stale or not trustworthy.

    `fallback` loads the data files in full; it is called only if a treaty's events turn out to
    be damaged when first read.
    """
    key = _names_key(files, version)
    try:
        return _decode(_path(folder, key), key, files, fallback)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def write_cache(folder: Path, snap: Snapshot, ds: Dataset) -> None:
    """Write the cache atomically, and prune stale ones; a cache that cannot be written is simply
    not written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = _path(folder, snap.key)
        _write_atomically(path, _encode(ds, snap))
    except OSError:
        return
    prune(folder, keep=path)


STALE_SECONDS = 30 * 86400


def prune(folder: Path, keep: Path, now: float | None = None) -> None:
    """Remove cache files not rewritten for 30 days (other file sets, older tool versions) and
    temporary files left by writes that were killed over a day ago. A cache that is still in use
    is at worst rebuilt once a month."""
    now = time.time() if now is None else now
    for pattern, age in (("dataset-*.cache", STALE_SECONDS), (".dataset-*.tmp", 86400)):
        for old in folder.glob(pattern):
            try:
                if old != keep and now - old.stat().st_mtime > age:
                    old.unlink()
            except OSError:
                pass


def _write_atomically(path: Path, data: bytes) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".dataset-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
