"""What the command line needs to know about the machine it writes to: a usable width, and what to
do when standard output cannot encode Unicode (PYTHONIOENCODING=ascii, a C locale on an old
Python, a Windows code page). Standard library only; rich stays in cli.py and render.py.

Two kinds of output, two answers:

- Data (CSV, TSV, JSON, JSONL, YAML) is always written as UTF-8, whatever the locale, exactly the
  bytes `-o FILE` writes. A name is data: writing "C?te d'Ivoire" or "C\\xf4te d'Ivoire" would
  silently corrupt it (joins on names fail, a '?' cannot be undone), and output whose encoding
  depends on the locale it ran under, or on whether a row happened to hold an accent, cannot be
  read back reliably. Every consumer of CSV and JSON reads UTF-8; JSON even requires it.
- Tables and messages are for reading, so they degrade: boxes are drawn in ASCII (rich and
  tables.py do that once the encoding is not UTF), and a character the terminal cannot show is
  replaced by its nearest ASCII ("é" to "e", "—" to "-", "│" to "|") or by "?".
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

__all__ = ["DISPLAY_ERRORS", "columns", "data_stream", "display_stream", "is_utf"]

# The range of COLUMNS taken at its word; anything else (0, -3, 'wide', 10**9) is ignored.
MIN_COLUMNS, MAX_COLUMNS, DEFAULT_COLUMNS = 10, 10_000, 80
DISPLAY_ERRORS = "alliances-display"

_NEAREST = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bb": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": ".", "\u00b7": ".", "\u2022": "*", "\u00a0": " ",
    "\u00df": "s", "\u00e6": "a", "\u00c6": "A", "\u00f8": "o", "\u00d8": "O", "\u0111": "d",
    "\u0110": "D", "\u0142": "l", "\u0141": "L", "\u0131": "i", "\u0153": "o", "\u0152": "O",
    "\u00fe": "p", "\u00de": "P", "\u00f0": "d", "\u00d0": "D", "\u0259": "e", "\u018f": "E",
}


def _nearest(char: str) -> str:
    """One ASCII character for `char`, so that tables keep their alignment."""
    if char in _NEAREST:
        return _NEAREST[char]
    if "\u2500" <= char <= "\u257f":  # box drawing
        name = unicodedata.name(char, "")
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        return "+"
    if "\u2580" <= char <= "\u259f":  # blocks and shades (timeline bars)
        return "#"
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
    if base:
        return base[0]
    if unicodedata.combining(char):
        return ""
    return "?"


def _display_errors(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(_nearest(c) for c in error.object[error.start:error.end]), error.end


codecs.register_error(DISPLAY_ERRORS, _display_errors)


def columns(environ: dict[str, str] | os._Environ[str] | None = None,
            stream: IO[str] | None = None) -> int | None:
    """The width to force on the console, or None to let rich decide (COLUMNS, the terminal).

    COLUMNS outside MIN_COLUMNS..MAX_COLUMNS is ignored, as if unset: rich would draw a table 0
    columns wide (nothing at all) for COLUMNS=0. The terminal's own width is used instead, or 80.
    """
    environ = os.environ if environ is None else environ
    text = environ.get("COLUMNS")
    if text is None:
        return None
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if MIN_COLUMNS <= value <= MAX_COLUMNS:
        return None
    stream = sys.stdout if stream is None else stream
    try:
        width = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        width = 0
    return width if MIN_COLUMNS <= width <= MAX_COLUMNS else DEFAULT_COLUMNS


def is_utf(stream: IO[str]) -> bool:
    """Whether the stream encodes all of Unicode (UTF-8, UTF-16...)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def display_stream(stream: IO[str]) -> IO[str]:
    """`stream`, set to replace what it cannot encode by the nearest ASCII instead of failing."""
    if not is_utf(stream) and getattr(stream, "errors", None) != DISPLAY_ERRORS:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=DISPLAY_ERRORS)
    return stream


class _Utf8Writer:
    """Text written as UTF-8 bytes to a binary buffer (sys.stdout.buffer), which stays open.

    Newlines become os.linesep, as sys.stdout itself writes them.
    """

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, buffer: IO[bytes]):
        self.buffer = buffer

    def write(self, text: str) -> int:
        encoded = (text if os.linesep == "\n" else text.replace("\n", os.linesep)).encode()
        self.buffer.write(encoded)
        return len(text)

    def flush(self) -> None:
        self.buffer.flush()


@contextmanager
def data_stream(stream: IO[str]) -> Iterator[IO[str]]:
    """A text stream that writes UTF-8 to `stream` (its own bytes when it cannot encode UTF-8)."""
    buffer = getattr(stream, "buffer", None)
    if is_utf(stream) or buffer is None:
        yield stream
        return
    stream.flush()
    out = _Utf8Writer(buffer)
    yield out  # type: ignore[misc]
    out.flush()
