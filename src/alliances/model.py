"""The data model: treaties, states, membership events, and the vocabularies they use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dates import PartialDate

__all__ = [
    "ALLIED_STATUSES",
    "EVENT_KINDS",
    "OBLIGATIONS",
    "STATUSES",
    "TREATY_KINDS",
    "Dataset",
    "Event",
    "Location",
    "Source",
    "State",
    "Treaty",
    "CowPeriod",
]

OBLIGATIONS = ("defence", "offence", "neutrality", "non-aggression", "consultation")
TREATY_KINDS = ("treaty", "organisation", "declaration")
STATUSES = ("member", "signatory", "observer", "partner", "suspended")
# Statuses under which a state is bound by the treaty's obligations. A frozen participation
# does not release a state from a treaty it has not left, so `suspended` counts (and is shown).
ALLIED_STATUSES = frozenset({"member", "suspended"})

# event kind -> status from that date; None: not a member; "" : status unchanged
EVENT_KINDS: dict[str, str | None] = {
    "signed": "signatory",
    "joined": "member",
    "member": "member",
    "observer": "observer",
    "partner": "partner",
    "suspended": "suspended",
    "resumed": "member",
    "withdrawal_announced": "",
    "withdrawal_notified": "",
    "left": None,
    "expelled": None,
    "readmitted": "member",
    "note": "",
}
RELATION_EVENT_KINDS = ("suspended", "resumed")


def normalize_obligation(text: str) -> str:
    """Lower-case, with the US spellings ATOP uses accepted: 'Defense' -> 'defence'."""
    return text.strip().lower().replace("defense", "defence").replace("offense", "offence")


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value was written: file, 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    title: str | None = None
    note: str | None = None


@dataclass(slots=True)
class Event:
    """One dated change in a state's membership of a treaty, as written in the data."""

    treaty: str
    state: str
    date: PartialDate
    kind: str
    note: str | None = None
    sources: tuple[Source, ...] = ()
    effective: PartialDate | None = None
    towards: tuple[str, ...] = ()
    loc: Location | None = None
    order: int = 0  # position as written, to keep same-day events in the author's order


@dataclass(slots=True)
class Treaty:
    id: str
    name: str
    kind: str
    obligations: tuple[str, ...]
    signed: PartialDate
    short: str | None = None
    aliases: tuple[str, ...] = ()
    in_force: PartialDate | None = None
    ended: PartialDate | None = None
    predecessor: str | None = None
    successor: str | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    members: dict[str, list[Event]] = field(default_factory=dict)
    loc: Location | None = None
    member_locs: dict[str, Location] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.short or self.name

    def events(self) -> list[Event]:
        return [e for events in self.members.values() for e in events]


@dataclass(frozen=True, slots=True)
class CowPeriod:
    code: int
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(slots=True)
class State:
    code: str
    name: str
    iso2: str | None = None
    iso3166_3: str | None = None
    cow: tuple[CowPeriod, ...] = ()
    cow_abb: str | None = None
    aliases: tuple[str, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    successor: str | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    loc: Location | None = None

    def cow_on(self, day: date | None = None) -> int | None:
        """The COW code in use on `day` (the latest code when day is None)."""
        if not self.cow:
            return None
        if day is None:
            return self.cow[-1].code
        for period in self.cow:
            if (period.start is None or period.start.earliest <= day) and (
                period.end is None or day < period.end.latest
            ):
                return period.code
        return None

    def exists_on(self, day: date) -> bool:
        return (self.start is None or self.start.earliest <= day) and (
            self.end is None or day < self.end.latest
        )


@dataclass(slots=True)
class Dataset:
    treaties: dict[str, Treaty] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    as_of: PartialDate | None = None
    files: tuple[str, ...] = ()
    from_cache: bool = False

    def event_count(self) -> int:
        return sum(len(events) for t in self.treaties.values() for events in t.members.values())
