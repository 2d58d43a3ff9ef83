"""Writing an output file (`-o`, `--svg`, `--html`) so that a reader never sees half of it.

A regular file is written to a hidden temporary file beside it, flushed to disk and renamed over
it: the old content stays whole until the new one is complete, and a failed or interrupted write
leaves the old file and no temporary file. Everything that is not a regular file is written to in
place and never replaced: a FIFO, a terminal, /dev/null, /dev/stdout, a process substitution
(/dev/fd/N), a regular file reached through a file descriptor's name (`-o /dev/stdout > log`:
appended to, as the shell's redirection would). Renaming over those would swap a device or a pipe
for a plain file, which as root means replacing the system's /dev/null.

- A symbolic link is followed: the temporary file goes beside the link's final target and
  replaces the target; the link stays a link.
- An existing file with no write permission bit (0444), or that the user may not write, is
  refused and left alone, as `>` in a shell would be. The test is on the mode bits as well as
  os.access because root may write anything, and a file someone made read-only for everyone is
  meant to be left alone (vim refuses it for root too).
- A replaced file keeps its mode (and, where the user may set them, its owner and group); a new
  file gets the mode `open()` would give it (0666 less the umask).
- SIGTERM and SIGHUP during the write remove the temporary file, as Ctrl-C does; the previous
  handlers are put back and the signal is delivered again (the process ends as the signal would
  have ended it: exit status 128 + the signal's number). A signal the process ignores (SIGHUP
  under nohup) stays ignored.
- Every operating-system error (disk full, I/O error, permission, read-only file system, missing
  folder) becomes an OutputError: one line naming the file and the reason.

A replaced file is a new file: other hard links to the old one keep the old content.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import OutputError

__all__ = ["atomic_write", "plan"]

# The signals that end a process by default and would otherwise leave the temporary file behind
# (SIGINT already arrives as KeyboardInterrupt).
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_DESCRIPTOR_FOLDER = re.compile(r"/proc/[^/]+/fd|/dev/fd")


class _Signalled(BaseException):
    """Raised by our handler so that the cleanup runs; not an Exception, so nothing catches it."""

    def __init__(self, signo: int):
        super().__init__(signo)
        self.signo = signo


def _names_descriptor(path: str) -> bool:
    """Whether `path` is, or links through, a file descriptor's name (/dev/stdout, /dev/fd/3)."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's limit on symbolic links in a path
        folder = os.path.realpath(os.path.dirname(current))
        if _DESCRIPTOR_FOLDER.fullmatch(folder):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return False


def plan(path: str | os.PathLike[str]) -> tuple[str, str]:
    """How `path` would be written: ("direct", path) or ("replace", the regular file to replace).

    Raises OutputError for what cannot be written (a folder, a read-only file, a missing folder).
    """
    name = os.fspath(path)
    try:
        st: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(name, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {name}: it is a folder; give a file name")
    if st is not None and (not stat.S_ISREG(st.st_mode) or _names_descriptor(name)):
        return "direct", name
    target = os.path.realpath(name)
    if st is not None and (not st.st_mode & 0o222 or not os.access(target, os.W_OK)):
        shown = name if target == os.path.abspath(name) else f"{name} (-> {target})"
        raise OutputError(f"cannot write {shown}: the file is read-only; make it writable "
                          "(chmod u+w) or choose another file")
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"cannot write {name}: the folder {folder} does not exist")
    return "replace", target


def _error(name: str, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {name}: {exc.strerror or exc}")


@contextmanager
def atomic_write(path: str | os.PathLike[str], encoding: str | None = "utf-8") -> Iterator[IO]:
    """A text stream for `path` (newlines written as given); the file changes only on success.

    `encoding=None` gives a binary stream (Parquet). Raises OutputError, never OSError, when the
    file cannot be written.
    """
    name = os.fspath(path)
    how, target = plan(name)
    if how == "direct":
        with _direct(name, encoding) as out:
            yield out
        return
    with _signals_cleaned(), _replacing(name, target, encoding) as out:
        yield out


@contextmanager
def _direct(name: str, encoding: str | None) -> Iterator[IO]:
    # O_APPEND: a descriptor's name for a file the shell opened (`> log` or `>> log`) writes
    # after what is there, as the shell's own redirection does; a FIFO or a device ignores it.
    flags = os.O_WRONLY | os.O_APPEND if _names_descriptor(name) else os.O_WRONLY
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        raise _error(name, exc) from None
    out = _fdopen(fd, encoding)
    try:
        with out:
            yield out
    except OSError as exc:
        raise _error(name, exc) from None


@contextmanager
def _replacing(name: str, target: str, encoding: str | None) -> Iterator[IO]:
    folder = Path(target).parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{Path(target).name}.", suffix=".tmp", dir=folder)
    except PermissionError as exc:
        raise OutputError(f"cannot write {name}: {exc.strerror} (the file is replaced by a new "
                          f"one, which needs write access to the folder {folder})") from None
    except OSError as exc:
        raise _error(name, exc) from None
    try:
        try:
            with _fdopen(fd, encoding) as fh:
                _copy_mode(tmp, target)
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            raise _error(name, exc) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _fdopen(fd: int, encoding: str | None) -> IO:
    return os.fdopen(fd, "wb") if encoding is None else os.fdopen(fd, "w", encoding=encoding,
                                                                   newline="")


def _copy_mode(tmp: str, target: str) -> None:
    """Give the temporary file (mkstemp makes it 0600) the mode the result should have."""
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    if hasattr(os, "chown"):
        mine = os.stat(tmp)
        if (st.st_uid, st.st_gid) != (mine.st_uid, mine.st_gid):
            try:  # root replacing another user's file keeps it theirs; others may not: fine
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


@contextmanager
def _signals_cleaned() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise inside it (so its cleanup runs); then the
    previous handlers come back and the signal is delivered again."""
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be set from the main thread
        return
    previous = {}
    raising = [True]  # only the first signal raises; one during the cleanup waits for its end
    pending: list[int] = []

    def handler(signo, frame):
        pending.append(signo)
        if raising[0]:
            raising[0] = False
            raise _Signalled(signo)

    for signo in _SIGNALS:
        old = signal.getsignal(signo)
        if old in (signal.SIG_IGN, None):  # ignored (nohup) or set outside Python: leave it
            continue
        previous[signo] = old
        signal.signal(signo, handler)
    try:
        yield
    except _Signalled:
        pass
    finally:
        raising[0] = False
        for signo, old in previous.items():
            signal.signal(signo, old)
    if pending:
        _redeliver(pending[0])


def _redeliver(signo: int) -> None:
    old = signal.getsignal(signo)
    if old == signal.SIG_DFL:
        os.kill(os.getpid(), signo)  # ends the process, as the signal would have
    elif callable(old):
        old(signo, None)
    raise SystemExit(128 + signo)
