"""Characters that data text may not hold, and how to show text that holds them anyway.

A shared data file is read by other people's terminals. A control character in a name or a note
can drive the terminal (ESC ] 52 sets the clipboard, ESC [ 2 J clears the screen, a carriage
return overwrites what was printed), a bidirectional override can make text read differently from
what it holds, and a lone surrogate cannot be written out as UTF-8 at all. Validation refuses them
(`unsafe_char`); the renderers show any that reach them anyway (data built through the API)
as visible stand-ins (`printable`).
"""

from __future__ import annotations

import re

__all__ = ["describe", "link_target", "printable", "unsafe_char"]

# C0 controls (tab and newline are handled apart), DEL, C1 controls, the bidirectional embeddings,
# overrides and isolates, surrogates (only lone ones survive decoding) and the two noncharacters
# that XML 1.0 forbids.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNSAFE_LINE = re.compile(f"[\t\n{_UNSAFE}]")
_UNSAFE_TEXT = re.compile(f"[{_UNSAFE}]")


def unsafe_char(text: str, multiline: bool = False) -> str | None:
    """The first character of `text` that data may not hold, or None.

    multiline: the text may hold tabs and newlines (a note); names, codes and urls may not.
    """
    match = (_UNSAFE_TEXT if multiline else _UNSAFE_LINE).search(text)
    return match.group() if match else None


def describe(ch: str) -> str:
    """'U+001B (a control character)'."""
    code = ord(ch)
    if ch in "\t\n":
        kind = "a tab" if ch == "\t" else "a line break"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate, which is not a character"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "a bidirectional override, which changes how the text around it reads"
    elif code in (0xFFFE, 0xFFFF):
        kind = "a noncharacter"
    else:
        kind = "a control character"
    return f"U+{code:04X} ({kind})"


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def printable(text: str) -> str:
    """`text` with every character `unsafe_char` refuses (but tabs and newlines) replaced by one
    visible stand-in, so that the text keeps its length (rich's style spans stay in place)."""
    if _UNSAFE_TEXT.search(text) is None:  # the usual case: nothing to replace
        return text
    return _UNSAFE_TEXT.sub(_stand_in, text)


_LINK_SCHEMES = ("http://", "https://", "ftp://")


def link_target(url: str) -> str | None:
    """The address a terminal hyperlink (OSC 8) may carry for `url`, or None to show it unlinked.

    The address goes inside an escape sequence, so it may hold only printable ASCII: anything
    else (a control character that would end the sequence early, a space, a non-ASCII letter)
    is percent-encoded as UTF-8, as a browser would send it. Only web and FTP addresses become
    links: a data file cannot make a click run `file:` or a custom scheme.
    """
    if not url.casefold().startswith(_LINK_SCHEMES):
        return None
    out = []
    for ch in url:
        if "\x21" <= ch <= "\x7e":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    return "".join(out)
