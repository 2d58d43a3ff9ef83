"""The library's exceptions. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from .model import Location
from .records import Frozen, set_field
from .safetext import printable

__all__ = [
    "AlliancesError", "DataError", "InputError", "OutputError", "Problem", "UnknownName", "UsageError",
]


class Problem(Frozen):
    """One thing wrong with the data: where, what, and how to fix it.

    The texts quote the data, so any character a terminal would act on is shown as a visible
    stand-in (safetext.printable): a problem is always safe to print.
    """

    file: str
    line: int | None
    col: int | None
    what: str
    fix: str

    __slots__ = ("file", "line", "col", "what", "fix")

    def __init__(self, file: str, line: int | None, col: int | None, what: str, fix: str) -> None:
        set_field(self, "file", printable(file))
        set_field(self, "line", line)
        set_field(self, "col", col)
        set_field(self, "what", printable(what))
        set_field(self, "fix", printable(fix))

    @classmethod
    def at(cls, loc: Location | None, what: str, fix: str, file: str = "<data>") -> Problem:
        if loc is None:
            return cls(file, None, None, what, fix)
        return cls(loc.file, loc.line, loc.col, what, fix)

    @property
    def where(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"

    def __str__(self) -> str:
        return f"{self.where}: {self.what}; {self.fix}"


class AlliancesError(Exception):
    """Base class for errors the user can act on."""


class DataError(AlliancesError):
    """The data files have problems; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        first = str(problems[0]) if problems else "no details"
        more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
        super().__init__(f"{first}{more}")


class UnknownName(AlliancesError):
    """A state or treaty name that resolves to nothing (or to several things)."""

    def __init__(self, kind: str, name: str, suggestions: list[str], ambiguous: bool = False):
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        if ambiguous:
            msg = f"'{name}' could be several {kind}s: {', '.join(suggestions)}; use a code"
        elif suggestions:
            msg = f"unknown {kind} '{name}'; did you mean: {', '.join(suggestions)}?"
        else:
            listing = {"treaty": "treaties", "state": "states"}.get(kind, "treaties' or 'alliances states")
            msg = f"unknown {kind} '{name}'; run 'alliances {listing}' to list them"
        super().__init__(msg)


class UsageError(AlliancesError):
    """A bad argument: an impossible date, conflicting options."""


class OutputError(AlliancesError):
    """An output file that cannot be written: a missing folder, a read-only file, a full disk."""


class InputError(AlliancesError):
    """A file of the user's own rows (`alliances annotate`) that cannot be read: not UTF-8, not
    CSV or JSON Lines, or gone."""
