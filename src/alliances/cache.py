"""A cache of validated datasets, so that unchanged data loads in a fraction of a parse.

The cache is JSON, never pickle (nothing read from it can run code). A file holds a seal line
(`alliances-cache FORMAT HEADER-LENGTH BLAKE2B-OF-HEADER`; since format 7), a header line of
JSON with the treaties' and states' fields, then, for each treaty, its note and sources (since
format 13; they are most of a treaty's text and few queries show them) and its events, each as its
own JSON text at an offset the header gives, beside that text's BLAKE2b. A query about one treaty
reads only the header and that treaty's events, and checks both against their digests: a flipped
bit anywhere in what a run reads is caught, without hashing the whole file on every start.

There is one cache file per tool version and list of data files. It is used only while every
file is unchanged, which is decided as git decides it for its index: each file's size,
modification and change times, inode and device must be as recorded, and a file that changed
within two seconds of the cache being built (when a later edit might keep all of those) is
compared by content, as is any file whose record differs (so that a `touch` costs one hash, not
a rebuild). The content digest is BLAKE2b over every file's bytes. The change time cannot be set
by a user, so even an edit that keeps the size and restores the modification time is seen.

The cache lives in the user's cache directory ($XDG_CACHE_HOME when absolute, else
$HOME/.cache when HOME is absolute; no cache when neither is). On POSIX systems the folder must
belong to the user and be writable by no one else, and a cache file must be a regular file of
the user's (a symbolic link, FIFO or device is never opened for reading, and a file is never
written through one); otherwise the cache is not used. Files are opened relative to the folder
as checked. A file is written atomically (two runs at once each write a whole file; the last
rename wins). Writing one removes the tool's own cache files (by name and by their first bytes)
not rewritten for 30 days, so that file sets no longer used and older tool versions do not pile
up. A file that is damaged, truncated, foreign or for other data is ignored and rebuilt, never
trusted; a treaty whose events turn out damaged when read is loaded from the data files instead.

Why the cache was not used goes into `notes`, a list the caller passes; the library never
prints.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from operator import attrgetter
from pathlib import Path

from .dates import PartialDate, parse_date
from .model import CowPeriod, Dataset, Event, Pledge, Source, State, StateName, Treaty

try:  # the same BLAKE2b as hashlib's, without loading OpenSSL on every start (~3 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

__all__ = ["Snapshot", "cache_dir", "locate", "prune", "read_cache", "snapshot", "write_cache"]

FORMAT = 13  # 10: fields in the order of the records' STORED declarations; 11: covers_from;
# 12: states' names; 13: treaties' notes and sources out of the header, read when first asked for
RACY_NS = 2_000_000_000  # files changed this close to a cache's build are checked by content
MAGIC = b"alliances-cache"
MAX_BYTES = 1 << 31  # a cache file larger than this is neither read nor written
_SEAL = re.compile(rb"alliances-cache ([0-9]{1,4}) ([0-9]{1,12}) ([0-9a-f]{32})\n")
_SEAL_MAX = 80  # the longest seal line the pattern allows is 67 bytes
_CACHE_NAME = re.compile(r"dataset-[0-9a-f]{16}\.cache")
_TEMP_NAME = re.compile(r"\.dataset-[0-9A-Za-z_]{1,32}\.tmp")  # also mkstemp's, up to format 6
_OLD_HEADER = re.compile(rb'\{"format":[0-9]{1,3},"key":"[0-9a-f]{32}"')  # formats up to 6
_POSIX = hasattr(os, "getuid") and os.open in os.supports_dir_fd
_READ = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
         | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_CREATE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
           | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def locate() -> tuple[Path | None, str | None]:
    """The cache folder, or None and why there is none.

    ALLIANCES_NO_CACHE switches the cache off; ALLIANCES_CACHE names the folder (it must be an
    absolute path); else $XDG_CACHE_HOME/alliances if that is absolute (the XDG specification
    says to ignore a relative one), else ~/.cache/alliances if HOME is an absolute path. With
    none of these there is no safe place, and no cache: a relative path would put caches
    wherever the tool happens to be run."""
    if os.environ.get("ALLIANCES_NO_CACHE"):
        return None, "cache not used: switched off by ALLIANCES_NO_CACHE"
    explicit = os.environ.get("ALLIANCES_CACHE")
    if explicit:
        if not os.path.isabs(explicit):
            return None, f"cache not used: ALLIANCES_CACHE={explicit!r} is not an absolute path"
        return Path(explicit), None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "alliances", None
    home = os.environ.get("HOME", "") if os.name == "posix" else os.path.expanduser("~")
    if os.path.isabs(home):
        return Path(home) / ".cache" / "alliances", None
    return None, ("cache not used: HOME is unset or not an absolute path and XDG_CACHE_HOME is "
                  "not set to one; set ALLIANCES_CACHE to an absolute folder to use a cache")


def cache_dir() -> Path | None:
    """The cache folder (see `locate`), or None when there is none."""
    return locate()[0]


class _Refused(Exception):
    """A cache folder or file that is not to be trusted; the message says why."""


class _Folder:
    """The cache folder, opened and checked once: every file is then opened, written and removed
    relative to that open folder, so that the folder checked is the folder used even if its path
    is changed meanwhile. (Where the system has no owners or no such calls, by path.)"""

    def __init__(self, path: Path, fd: int | None):
        self.path = path
        self.fd = fd

    def at(self, name: str) -> tuple[str, int | None]:
        """A file's name and the folder's descriptor, as os.open(name, dir_fd=...) takes them."""
        return (name, self.fd) if self.fd is not None else (str(self.path / name), None)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def names(self) -> list[str]:
        return os.listdir(self.fd if self.fd is not None else self.path)

    def open(self, name: str) -> _Opened:
        """The named cache file, opened for reading if it can be trusted; FileNotFoundError if
        it is absent, _Refused if it is not a regular file of the user's of sane size."""
        path, folder = self.at(name)
        try:
            fd = os.open(path, _READ, dir_fd=folder)
        except FileNotFoundError:
            raise
        except OSError as exc:
            why = ("is a symbolic link" if exc.errno in (errno.ELOOP, errno.EMLINK)
                   else f"cannot be opened ({exc.strerror})")
            raise _Refused(f"the file {self.path / name} {why}") from None
        st = os.fstat(fd)
        why = None
        if not stat.S_ISREG(st.st_mode):
            why = "is not a regular file"
        elif _POSIX and st.st_uid != os.getuid():
            why = f"belongs to another user (uid {st.st_uid})"
        elif st.st_size > MAX_BYTES:
            why = f"is larger than {MAX_BYTES} bytes"
        if why:
            os.close(fd)
            raise _Refused(f"the file {self.path / name} {why}")
        return _Opened(fd, st, self.path / name)

    def write(self, name: str, data: bytes) -> None:
        """Write `name` atomically: a new file under a temporary name, then renamed over it (so a
        symbolic link or anything else at `name` is replaced, never written through)."""
        (tmp, folder), (path, _) = self.at(f".dataset-{os.urandom(8).hex()}.tmp"), self.at(name)
        fd = os.open(tmp, _CREATE, 0o600, dir_fd=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            try:
                os.unlink(tmp, dir_fd=folder)
            except OSError:
                pass
            raise

    def unlink(self, name: str) -> None:
        path, folder = self.at(name)
        os.unlink(path, dir_fd=folder)


def _open_folder(path: Path, create: bool) -> _Folder:
    """The cache folder, opened; _Refused if it cannot be used (absent, not a folder, or on POSIX
    another user's or writable by group or others, where anyone could plant a cache in it)."""
    if create:
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise _Refused(f"cache not written: cannot create {path} ({exc.strerror})") from None
    if not _POSIX:  # pragma: no cover - Windows: per-user folders, no owners to compare
        if not path.is_dir():
            raise FileNotFoundError(str(path))
        return _Folder(path, None)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _Refused(f"cache not used: cannot open the folder {path} ({exc.strerror})") from None
    st = os.fstat(fd)
    why = None
    if st.st_uid != os.getuid():
        why = f"belongs to another user (uid {st.st_uid})"
    elif st.st_mode & 0o022:
        why = "is writable by group or others (chmod go-w it to use it)"
    if why:
        os.close(fd)
        raise _Refused(f"cache not used: the folder {path} {why}")
    return _Folder(path, fd)


def _pread(fd: int, length: int, offset: int) -> bytes:
    """Up to `length` bytes at `offset` (fewer only at the end of the file)."""
    parts = []
    while length > 0:
        if hasattr(os, "pread"):
            part = os.pread(fd, length, offset)
        else:  # pragma: no cover - Windows
            os.lseek(fd, offset, os.SEEK_SET)
            part = os.read(fd, length)
        if not part:
            break
        parts.append(part)
        length -= len(part)
        offset += len(part)
    return b"".join(parts)


class _Opened:
    """An opened, trusted cache file. The lazily read parts are read from this descriptor, so
    that a cache replaced meanwhile (by another run) is never read half from each file."""

    def __init__(self, fd: int, st: os.stat_result, path: Path):
        self.fd: int | None = fd
        self.size = st.st_size
        self.ident = (st.st_dev, st.st_ino)
        self.path = path

    def read(self, offset: int, length: int) -> bytes:
        if self.fd is None:
            raise OSError("the cache file is closed")
        return _pread(self.fd, length, offset)

    def discard(self) -> None:
        """Remove this cache (found damaged) so the next run rebuilds it; but not a newer file
        another run has put in its place."""
        try:
            st = os.stat(self.path, follow_symlinks=False)
            if (st.st_dev, st.st_ino) == self.ident:
                os.unlink(self.path)
        except OSError:
            pass

    def close(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)

    def __del__(self) -> None:
        self.close()

    # A copy would close the descriptor a second time when dropped: copies share the file.
    def __copy__(self) -> _Opened:
        return self

    def __deepcopy__(self, memo: dict) -> _Opened:
        return self

    def __reduce__(self):
        raise TypeError("a dataset read from the cache holds an open file and cannot be pickled")


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


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def _sealed(header: bytes) -> bytes:
    """The seal line for a header: what says a file is this tool's, and checks the header."""
    return b"%s %d %d %s\n" % (MAGIC, FORMAT, len(header), _digest(header).encode())


def _header(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _restamp(folder: _Folder, name: str, opened: _Opened, blobs_at: int, doc: dict,
             checked: tuple[int, list[list[int]]]) -> None:
    """Rewrite the cache with new stat records in its header (atomically). The dataset being
    loaded keeps reading the file it opened, so its offsets stay right."""
    doc["built_ns"], doc["stamps"] = checked
    header = _header(doc)
    try:
        blobs = opened.read(blobs_at, opened.size - blobs_at)
        folder.write(name, _sealed(header) + header + blobs)
    except OSError:
        pass


# -- encoding ------------------------------------------------------------------------------
# Each record's fields are a JSON list in the order of its STORED declaration (model.py), each
# value through its codec's encoder below (None: as it is); reading builds the keyword arguments
# back through the decoders. A field added to a declaration is cached with no change here.
def _d(d: PartialDate | None) -> str | None:
    return None if d is None else str(d)


def _p(s: str | None) -> PartialDate | None:
    return None if s is None else parse_date(s)


def _sources(sources: tuple[Source, ...]) -> list[list[str | None]]:
    return [[s.url, s.title, s.note] for s in sources]


def _unsources(raw: list) -> tuple[Source, ...]:
    return tuple(Source(str(u), t, n) for u, t, n in raw)


_ENCODE: dict[str, Callable | None] = {
    "text": None, "int": None, "texts": list, "ints": list, "date": _d, "sources": _sources,
    "pledges": lambda ps: [[list(p.by), list(p.to), list(p.obligations)] for p in ps],
    "cow": lambda periods: [[p.code, _d(p.start), _d(p.end)] for p in periods],
    "accept": lambda pairs: [list(a) for a in pairs],
    "names": lambda names: [[n.name, _d(n.start), _d(n.end), _sources(n.sources), n.note]
                                 for n in names],
}
_DECODE: dict[str, Callable | None] = {
    "text": None, "int": None, "texts": tuple, "ints": tuple, "date": _p, "sources": _unsources,
    "pledges": lambda raw: tuple(Pledge(tuple(by), tuple(to), tuple(obs)) for by, to, obs in raw),
    "cow": lambda raw: tuple(CowPeriod(int(c), _p(f), _p(t)) for c, f, t in raw),
    "accept": lambda raw: tuple((str(rule), str(why)) for rule, why in raw),
    "names": lambda raw: tuple(StateName(str(n), _p(f), _p(t), _unsources(s), note)
                                for n, f, t, s, note in raw),
}


# What an empty value (null, []) decodes to, without a call: most optional fields are empty.
_EMPTY = {"text": None, "int": 0, "texts": (), "ints": (), "date": None, "sources": (),
          "pledges": (), "cow": (), "accept": (), "names": ()}


class _Layout:
    """One record class's cached fields (all of STORED but a treaty's members): how to write
    them as a JSON list, and how to read such a list back into the arguments of the class.

    `given` are the fields the reader passes first (a treaty's id: the key it is cached under).
    Records take their fields positionally in the order of their slots (records.py; Frozen's
    copies rely on it too); a field the cache does not hold is passed as None (its default).
    `only`: just these fields (else all but `skip`), in STORED's order.
    """

    def __init__(self, cls: type, given: tuple[str, ...], skip: tuple[str, ...] = (),
                 only: tuple[str, ...] | None = None):
        stored = [(attr, codec) for attr, _, codec, _ in cls.STORED if codec != "members"
                  and attr not in skip and (only is None or attr in only)]
        self.size = len(stored)
        # all the fields in one call (a tuple even of one field), then each value's encoder
        getter = attrgetter(*[attr for attr, _ in stored])
        self._values = getter if len(stored) > 1 else (lambda record: (getter(record),))
        self._encoders = tuple(_ENCODE[codec] for _, codec in stored)
        at = {attr: (i, _DECODE[codec], _EMPTY[codec]) for i, (attr, codec) in enumerate(stored)}
        fields = cls._fields if only is None else only  # type: ignore[attr-defined]
        if fields[:len(given)] != given:
            raise TypeError(f"{cls.__name__} does not begin with the fields {given}")
        self.plan = tuple(at.get(field, (None, None, None)) for field in fields[len(given):])

    def encode(self, record) -> list:
        """The fields as JSON values. An empty value (None, "", 0, ()) is kept as it is: its
        JSON is the JSON of its encoding (a tuple is written as a list), and decode reads it as
        empty either way."""
        return [value if enc is None or not value else enc(value)
                for value, enc in zip(self._values(record), self._encoders, strict=True)]

    def decode(self, raw: list) -> list:
        """The arguments after the given ones, in order."""
        if len(raw) != self.size:
            raise ValueError("a cached record has the wrong number of fields")
        args = []
        for i, dec, empty in self.plan:
            if i is None:
                args.append(empty)
            elif dec is None:
                args.append(raw[i])
            else:
                value = raw[i]
                args.append(dec(value) if value else empty)
        return args


_EVENT = _Layout(Event, ("treaty", "state"))
# A treaty's note and sources are most of its text, and few queries show them: they are cached
# beside its events, and read when first asked for (_CachedTreaty), not parsed with the header.
_DETAIL_FIELDS = ("note", "sources")
_TREATY = _Layout(Treaty, ("id",), skip=_DETAIL_FIELDS)
_DETAIL = _Layout(Treaty, (), only=_DETAIL_FIELDS)
_STATE = _Layout(State, ("code",))


# One encoder for every part (json.dumps with options would build one per call: a cache of
# 2,000 treaties writes 4,000 parts).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _encode_members(t: Treaty) -> bytes:
    return _JSON.encode({code: [_EVENT.encode(e) for e in events]
                         for code, events in t.members.items()}).encode("utf-8")


def _encode_detail(t: Treaty) -> bytes:
    return _JSON.encode(_DETAIL.encode(t)).encode("utf-8")


def _encode(ds: Dataset, snap: Snapshot) -> bytes:
    """The seal line, one header line of JSON (everything but the treaties' notes, sources and
    events, and the place and digest of each treaty's), then each treaty's note and sources, and
    its events."""
    treaties, blobs, offset = {}, [], 0
    for t in ds.treaties.values():
        detail, blob = _encode_detail(t), _encode_members(t)
        treaties[t.id] = [*_TREATY.encode(t), offset, len(detail), _digest(detail),
                          offset + len(detail), len(blob), _digest(blob)]
        blobs += (detail, blob)
        offset += len(detail) + len(blob)
    states = {s.code: _STATE.encode(s) for s in ds.states.values()}
    if ds.name_index is None:  # built once: kept on the dataset, whose queries resolve names too
        from .names import state_index, treaty_index

        ds.name_index = (state_index(ds), treaty_index(ds))

    header = _header({"key": snap.key, "built_ns": snap.built_ns, "stamps": snap.stamps,
                      "names": list(ds.name_index),
                      "digest": snap.digest, "as_of": _d(ds.as_of),
                      "covers_from": ds.declared_from, "files": list(ds.files),
                      "treaties": treaties, "states": states, "blob_bytes": offset})
    return _sealed(header) + header + b"".join(blobs)


class LazyMembers(Mapping):
    """A treaty's members, read from the cache file on first use.

    If that part of the file turns out to be damaged (its digest differs, or it does not decode),
    the members come from `fallback` (a full load of the data files) instead, and the cache file
    is removed so the next run rebuilds it.
    """

    def __init__(self, treaty_id: str, opened: _Opened, offset: int, length: int, digest: str,
                 fallback: Callable[[], Dataset]):
        self._treaty_id = treaty_id
        self._where: tuple[_Opened, int, int, str] | None = (opened, offset, length, digest)
        self._fallback = fallback
        self._data: Mapping[str, list[Event]] = {}

    def _load(self) -> Mapping[str, list[Event]]:
        if self._where is not None:
            opened, offset, length, digest = self._where
            self._where = None
            try:
                blob = opened.read(offset, length)
                if _digest(blob) != digest:
                    raise ValueError("the cached events do not match their digest")
                raw = json.loads(blob)
                self._data = {
                    code: [Event(self._treaty_id, code, *_EVENT.decode(e)) for e in events]
                    for code, events in raw.items()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                opened.discard()
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


class _Detail:
    """Where a cached treaty's note and sources are: what its note and sources slots hold until
    first read."""

    __slots__ = ("opened", "offset", "length", "digest", "fallback")

    def __init__(self, opened: _Opened, offset: int, length: int, digest: str,
                 fallback: Callable[[], Dataset]):
        self.opened = opened
        self.offset = offset
        self.length = length
        self.digest = digest
        self.fallback = fallback

    def read(self, tid: str) -> tuple[str | None, tuple[Source, ...]]:
        """The note and sources; from `fallback` (the data files) if the cached ones are damaged,
        and then the cache file is removed so the next run rebuilds it."""
        try:
            blob = self.opened.read(self.offset, self.length)
            if _digest(blob) != self.digest:
                raise ValueError("the cached note and sources do not match their digest")
            raw = json.loads(blob)
            if type(raw) is not list:
                raise ValueError("the cached note and sources have the wrong shape")
            note, sources = _DETAIL.decode(raw)
            if not (note is None or type(note) is str):
                raise ValueError("a cached note is not text")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.opened.discard()
            parsed = self.fallback().treaties[tid]
            note, sources = parsed.note, parsed.sources
        return note, sources


_NOTE, _SOURCES = Treaty.__dict__["note"], Treaty.__dict__["sources"]  # the slots themselves


def _detail_field(slot):
    def get(self: _CachedTreaty):
        value = slot.__get__(self, Treaty)
        if type(value) is _Detail:
            self._read_detail()
            value = slot.__get__(self, Treaty)
        return value

    def put(self: _CachedTreaty, value) -> None:
        slot.__set__(self, value)

    return property(get, put)


class _CachedTreaty(Treaty):
    """A Treaty read from the cache whose note and sources are still in the file: both slots
    hold a _Detail until either is first read (or set). Then both are read, and the object
    becomes a plain Treaty (the same slots, so its class can change in place): equal to the
    parsed one, and as fast to use."""

    __slots__ = ()

    note = _detail_field(_NOTE)  # type: ignore[assignment]
    sources = _detail_field(_SOURCES)  # type: ignore[assignment]

    def _read_detail(self) -> None:
        note, sources = _NOTE.__get__(self, Treaty), _SOURCES.__get__(self, Treaty)
        detail = note if type(note) is _Detail else sources
        if type(detail) is _Detail:
            read_note, read_sources = detail.read(self.id)
            if note is detail:
                _NOTE.__set__(self, read_note)
            if sources is detail:
                _SOURCES.__set__(self, read_sources)
        self.__class__ = Treaty

    def __eq__(self, other: object) -> bool:
        self._read_detail()
        return self == other

    __hash__ = None  # type: ignore[assignment]


class _LazyRecords(Mapping):
    """Records built from their cached fields when first asked for. The fields come from the
    header, whose digest was checked. A record whose cached fields turn out to be malformed comes
    from `fallback` (a full load of the data files) instead, and the cache file is removed so the
    next run rebuilds it."""

    _kind = ""  # the Dataset attribute the records stand for, e.g. "states"

    def __init__(self, raw: dict[str, list], opened: _Opened, fallback: Callable[[], Dataset]):
        self._raw = raw
        self._opened = opened
        self._fallback = fallback
        self._built: dict = {}

    def _build(self, key: str, fields: list):
        raise NotImplementedError

    def __getitem__(self, key: str):
        record = self._built.get(key)
        if record is None:
            fields = self._raw[key]
            try:
                record = self._build(key, fields)
            except (ValueError, KeyError, TypeError, AttributeError):
                self._opened.discard()
                record = getattr(self._fallback(), self._kind)[key]
            self._built[key] = record
        return record

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, key: object) -> bool:  # without building the record
        return key in self._raw


class LazyStates(_LazyRecords):
    """The dataset's states, each built from its cached fields when first asked for (a query
    names a few dozen of some 200)."""

    _kind = "states"

    def _build(self, code: str, fields: list) -> State:
        return _state(code, fields)


class LazyTreaties(_LazyRecords, MutableMapping):
    """The dataset's treaties, each built from its cached fields when first asked for (a query
    names a few of some 400); its events (LazyMembers), note and sources (_CachedTreaty) stay in
    the cache until read. Like the dict it stands for, it can be changed (a treaty set or
    removed)."""

    _kind = "treaties"

    def __init__(self, raw: dict[str, list], opened: _Opened, base: int,
                 fallback: Callable[[], Dataset]):
        super().__init__(raw, opened, fallback)
        self._base = base

    def _build(self, tid: str, fields: list) -> Treaty:
        *fields, d_offset, d_length, d_digest, offset, length, digest = fields
        treaty = _CachedTreaty(tid, *_TREATY.decode(fields))
        detail = _Detail(self._opened, self._base + int(d_offset), int(d_length), str(d_digest),
                         self._fallback)
        _NOTE.__set__(treaty, detail)
        _SOURCES.__set__(treaty, detail)
        treaty.members = LazyMembers(  # type: ignore[assignment]
            tid, self._opened, self._base + int(offset), int(length), str(digest), self._fallback)
        return treaty

    def __setitem__(self, tid: str, treaty: Treaty) -> None:
        self._built[tid] = treaty
        self._raw.setdefault(tid, [])  # its place in the order; never decoded (built above)

    def __delitem__(self, tid: str) -> None:
        del self._raw[tid]
        self._built.pop(tid, None)


class _Damaged(Exception):
    """A cache file that is not whole or not what its seal says; the message says how."""


class _Stale(Exception):
    """A sound cache file for other data, or for these files before they changed."""


def _decode(folder: _Folder, name: str, opened: _Opened, key: str, files: list[Path],
            fallback: Callable[[], Dataset]) -> Dataset:
    seal = _SEAL.match(opened.read(0, _SEAL_MAX))
    if seal is None or int(seal[1]) != FORMAT:
        raise _Damaged("does not start with this version's seal")
    at, length = seal.end(), int(seal[2])
    if at + length > opened.size:
        raise _Damaged("is truncated")
    header = opened.read(at, length)
    if _digest(header) != seal[3].decode():
        raise _Damaged("does not match its checksum")
    try:
        doc = json.loads(header)
        if not isinstance(doc, dict) or doc.get("key") != key:
            raise _Stale("is for other data")
        if opened.size != at + length + int(doc["blob_bytes"]):
            raise _Damaged("is truncated or padded")
        verdict = _unchanged(files, doc)
        if verdict is False:
            raise _Stale("is out of date: the data files have changed")
        if verdict is not True:  # touched, or saved just before the build, but the same bytes
            _restamp(folder, name, opened, at + length, doc, verdict)
        return _dataset(doc, opened, at + length, fallback)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise _Damaged(f"has a malformed header ({type(exc).__name__})") from None


def _dataset(doc: dict, opened: _Opened, base: int, fallback: Callable[[], Dataset]) -> Dataset:
    ds = Dataset(as_of=_p(doc["as_of"]), declared_from=doc["covers_from"],
                 files=tuple(doc["files"]), from_cache=True,
                 name_index=_name_index(doc["names"]))
    treaties = doc["treaties"]
    # the fields, then where the note and sources are and where the events are: offset, length,
    # digest of each
    size = _TREATY.size + 6
    if not (isinstance(treaties, dict) and all(
            type(v) is list and len(v) == size and type(v[-6]) is int and type(v[-5]) is int
            and type(v[-4]) is str and type(v[-3]) is int and type(v[-2]) is int
            and type(v[-1]) is str for v in treaties.values())):
        raise ValueError("the cached treaties have the wrong shape")
    ds.treaties = LazyTreaties(treaties, opened, base, fallback)  # type: ignore[assignment]
    states = doc["states"]
    if not (isinstance(states, dict) and all(isinstance(v, list) for v in states.values())):
        raise ValueError("the cached states have the wrong shape")
    ds.states = LazyStates(states, opened, fallback)  # type: ignore[assignment]
    return ds


def _state(code: str, fields: list) -> State:
    return State(code, *_STATE.decode(fields))


def _name_index(raw: object) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    if not (isinstance(raw, list) and len(raw) == 2 and all(
            isinstance(index, dict) and all(isinstance(v, list) for v in index.values())
            for index in raw)):
        raise ValueError("the cached name index has the wrong shape")
    return raw[0], raw[1]


def _name(key: str) -> str:
    return f"dataset-{key[:16]}.cache"


def _note(notes: list[str] | None, text: str) -> None:
    if notes is not None and text not in notes:
        notes.append(text)


def read_cache(folder: Path, files: list[Path], version: str, fallback: Callable[[], Dataset],
               notes: list[str] | None = None) -> Dataset | None:
    """The cached dataset for these files, or None if absent, stale or not trustworthy (and then
    why, in `notes`). A cache found damaged is removed.

    `fallback` loads the data files in full; it is called only if a treaty's events turn out to
    be damaged when first read.
    """
    key = _names_key(files, version)
    name = _name(key)
    try:
        where = _open_folder(folder, create=False)
    except FileNotFoundError:
        _note(notes, f"no cache yet in {folder}")
        return None
    except _Refused as exc:
        _note(notes, str(exc))
        return None
    try:
        try:
            opened = where.open(name)
        except FileNotFoundError:
            _note(notes, f"no cache yet for these data files in {folder}")
            return None
        except (_Refused, OSError) as exc:
            _note(notes, f"cache not used: {exc}")
            return None
        try:
            return _decode(where, name, opened, key, files, fallback)
        except _Stale as exc:
            _note(notes, f"cache {opened.path} {exc}; rebuilt")
        except _Damaged as exc:
            opened.discard()
            _note(notes, f"cache {opened.path} {exc}; removed and rebuilt")
        except OSError as exc:
            _note(notes, f"cache {opened.path} could not be read ({exc}); rebuilt")
        opened.close()
        return None
    finally:
        where.close()


def write_cache(folder: Path, snap: Snapshot, ds: Dataset, notes: list[str] | None = None) -> None:
    """Write the cache atomically, and prune stale ones; a cache that cannot be written is simply
    not written (and why goes into `notes`)."""
    try:
        where = _open_folder(folder, create=True)
    except _Refused as exc:
        _note(notes, str(exc))
        return
    except OSError as exc:
        _note(notes, f"cache not written: {exc}")
        return
    try:
        data = _encode(ds, snap)
        if len(data) > MAX_BYTES:
            _note(notes, f"cache not written: it would be larger than {MAX_BYTES} bytes")
            return
        name = _name(snap.key)
        try:
            where.write(name, data)
        except OSError as exc:
            _note(notes, f"cache not written: {exc}")
            return
        _prune(where, name, time.time())
    finally:
        where.close()


STALE_SECONDS = 30 * 86400


def prune(folder: Path, keep: Path, now: float | None = None) -> None:
    """Remove cache files not rewritten for 30 days (other file sets, older tool versions) and
    temporary files left by writes that were killed over a day ago; not `keep`. A cache that is
    still in use is at worst rebuilt once a month. Only files the tool wrote are touched: their
    names must be its own and they must begin with its seal (or the header of formats up to 6);
    and nothing in a folder that could not be trusted for reading."""
    try:
        where = _open_folder(folder, create=False)
    except (_Refused, OSError):
        return
    try:
        _prune(where, keep.name, time.time() if now is None else now)
    finally:
        where.close()


def _prune(where: _Folder, keep: str, now: float) -> None:
    try:
        names = where.names()
    except OSError:
        return
    for name in names:
        if name == keep:
            continue
        if _CACHE_NAME.fullmatch(name):
            age = STALE_SECONDS
        elif _TEMP_NAME.fullmatch(name):
            age = 86400
        else:
            continue
        try:
            opened = where.open(name)
        except (_Refused, OSError):
            continue
        try:
            old = now - os.fstat(opened.fd).st_mtime > age  # type: ignore[arg-type]
            first = opened.read(0, _SEAL_MAX) if old else b""
        except OSError:
            continue
        finally:
            opened.close()
        if old and (first.startswith(MAGIC + b" ") or _OLD_HEADER.match(first)):
            try:
                where.unlink(name)
            except OSError:
                pass
