"""The data model: treaties, states, membership events, and the vocabularies they use."""

from __future__ import annotations

from datetime import date, timedelta

from .dates import PartialDate
from .events import EVENT_KINDS, RELATION_EVENT_KINDS  # what each event kind means: events.py
from .records import Frozen, Record, set_field

__all__ = [
    "ACCEPTABLE_RULES",
    "ALLIED_STATUSES",
    "SIGNATORY_MODES",
    "SUSPENDED_MODES",
    "allied_statuses",
    "COVERAGE_FROM",
    "EVENT_KINDS",
    "RELATION_EVENT_KINDS",
    "OBLIGATIONS",
    "STATUSES",
    "TREATY_KINDS",
    "Dataset",
    "Event",
    "Location",
    "Source",
    "State",
    "StateName",
    "Treaty",
    "CowPeriod",
]

# Records declare the fields the data holds once, in STORED: (attribute, key in the data format,
# codec, always). The key is None for a field only the cache holds (an event's order, implied in
# the data format by its place in the list); `always`: written even when empty (the required
# keys). The order is the data format's key order. cache.py and yamlout.py derive their layouts
# from it, each with one encoder per codec (text, texts, ints, int, date, sources, pledges, cow,
# accept; a treaty's members are written by each on its own); parse.py its lists of keys.
OBLIGATIONS = ("defence", "offence", "neutrality", "non-aggression", "consultation")
TREATY_KINDS = ("treaty", "organisation", "declaration")
STATUSES = ("member", "signatory", "observer", "partner", "suspended")
# Statuses under which a state is bound by the treaty's obligations. A frozen participation
# does not release a state from a treaty it has not left, so `suspended` counts (and is shown).
ALLIED_STATUSES = frozenset({"member", "suspended"})
# What a user may say of the statuses that are not plain membership: whether a suspended member
# still counts as an ally (it does by default), and whether a signatory does (it does not by
# default: it is not bound; ATOP and COW date membership from signature, so "count" reproduces
# their convention).
SUSPENDED_MODES = ("count", "exclude")
SIGNATORY_MODES = ("exclude", "count")


def allied_statuses(suspended: str = "count", signatories: str = "exclude") -> frozenset[str]:
    """The statuses that bind a state to its allies under the user's choices (see
    SUSPENDED_MODES, SIGNATORY_MODES); ValueError for another word."""
    if suspended not in SUSPENDED_MODES:
        raise ValueError(f"suspended '{suspended}' is not one of {', '.join(SUSPENDED_MODES)}")
    if signatories not in SIGNATORY_MODES:
        raise ValueError(f"signatories '{signatories}' is not one of {', '.join(SIGNATORY_MODES)}")
    return frozenset({"member", *(("suspended",) if suspended == "count" else ()),
                      *(("signatory",) if signatories == "count" else ())})


# The first year data claims to cover when no file declares `covers_from` (the bundled data
# declares its own): panels leave earlier years empty (NA), not "not allied".
COVERAGE_FROM = 1945
# The names of options whose meaning lives in modules a query does not need (dyadyear's
# UNCERTAIN_MODES, statesystems.SYSTEMS, exports.EXPORT_KINDS): here, so that the command line
# and the API can offer and check them without importing those modules on every start.
# tests/test_imports.py checks that they agree with the modules'.
UNCERTAIN_MODES = ("keep", "as-member", "as-nonmember")
SYSTEM_NAMES = ("cow", "gw")
EXPORT_KIND_NAMES = ("intervals", "events", "snapshot", "state-year", "dyad-year")


def normalize_obligation(text: str) -> str:
    """Lower-case, with the US spellings ATOP uses accepted: 'Defense' -> 'defence'."""
    return text.strip().lower().replace("defense", "defence").replace("offense", "offence")


class Location(Frozen):
    """Where a value was written: file, 1-based line and column."""

    file: str
    line: int
    col: int

    __slots__ = ("file", "line", "col")

    def __init__(self, file: str, line: int, col: int) -> None:
        set_field(self, "file", file)
        set_field(self, "line", line)
        set_field(self, "col", col)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class Source(Frozen):
    url: str
    title: str | None
    note: str | None

    __slots__ = ("url", "title", "note")

    def __init__(self, url: str, title: str | None = None, note: str | None = None) -> None:
        set_field(self, "url", url)
        set_field(self, "title", title)
        set_field(self, "note", note)


# Validation rules an event may waive with `accept: {rule: why}`, and what each allows.
ACCEPTABLE_RULES = {
    "before-signature": "an event dated before the treaty was signed",
    "after-treaty-end": "an event dated after the treaty ended",
    "before-state": "an event dated before the state began to exist",
    "after-state": "an event dated after the state ceased to exist",
    "exclusive-overlap": "a membership overlapping one in a treaty marked exclusive_with this one",
}


class Pledge(Frozen):
    """Obligations some members of a treaty owe to others: `by` owe `obligations` to `to`.

    A treaty without pledges binds every member to every other with all its obligations. A
    one-sided guarantee (the guarantors of Cyprus to Cyprus, Australia to Tuvalu) is a pledge whose
    `to` are not among its `by`; the guarantors then owe each other nothing under it.
    """

    by: tuple[str, ...]
    to: tuple[str, ...]
    obligations: tuple[str, ...]
    loc: Location | None

    __slots__ = ("by", "to", "obligations", "loc")

    def __init__(self, by: tuple[str, ...], to: tuple[str, ...], obligations: tuple[str, ...],
                 loc: Location | None = None) -> None:
        set_field(self, "by", by)
        set_field(self, "to", to)
        set_field(self, "obligations", obligations)
        set_field(self, "loc", loc)

    def __eq__(self, other: object) -> bool:  # where it was written is not part of what it says
        return (isinstance(other, Pledge) and (self.by, self.to, self.obligations)
                == (other.by, other.to, other.obligations))

    def __hash__(self) -> int:
        return hash((self.by, self.to, self.obligations))


class Event(Record):
    """One dated change in a state's membership of a treaty, as written in the data."""

    treaty: str
    state: str
    date: PartialDate
    kind: str
    note: str | None
    sources: tuple[Source, ...]
    effective: PartialDate | None
    towards: tuple[str, ...]
    loc: Location | None
    order: int  # position as written, to keep same-day events in the author's order
    accept: tuple[tuple[str, str], ...]  # (rule, why): validation rules this event waives

    __slots__ = (
        "treaty", "state", "date", "kind", "note", "sources", "effective", "towards", "loc", "order",
        "accept",
    )
    STORED = (
        ("date", "date", "date", True), ("kind", "event", "text", True),
        ("effective", "effective", "date", False), ("towards", "towards", "texts", False),
        ("note", "note", "text", False), ("accept", "accept", "accept", False),
        ("sources", "sources", "sources", False), ("order", None, "int", False),
    )

    def __init__(
        self,
        treaty: str,
        state: str,
        date: PartialDate,
        kind: str,
        note: str | None = None,
        sources: tuple[Source, ...] = (),
        effective: PartialDate | None = None,
        towards: tuple[str, ...] = (),
        loc: Location | None = None,
        order: int = 0,
        accept: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.treaty = treaty
        self.state = state
        self.date = date
        self.kind = kind
        self.note = note
        self.sources = sources
        self.effective = effective
        self.towards = towards
        self.loc = loc
        self.order = order
        self.accept = accept


class Treaty(Record):
    id: str
    name: str
    kind: str
    obligations: tuple[str, ...]
    signed: PartialDate
    short: str | None
    aliases: tuple[str, ...]
    in_force: PartialDate | None
    ended: PartialDate | None
    predecessor: str | None
    successor: str | None
    exclusive_with: tuple[str, ...]
    atop_ids: tuple[int, ...]
    cow_ids: tuple[int, ...]
    pledges: tuple[Pledge, ...]
    note: str | None
    sources: tuple[Source, ...]
    members: dict[str, list[Event]]
    loc: Location | None
    member_locs: dict[str, Location]

    __slots__ = (
        "id", "name", "kind", "obligations", "signed", "short", "aliases", "in_force", "ended",
        "predecessor", "successor", "exclusive_with", "atop_ids", "cow_ids", "pledges", "note",
        "sources", "members", "loc", "member_locs",
    )
    STORED = (  # the id is the key the treaty is written under
        ("name", "name", "text", True), ("short", "short", "text", False),
        ("aliases", "aliases", "texts", False), ("kind", "kind", "text", True),
        ("obligations", "obligations", "texts", True), ("signed", "signed", "date", True),
        ("in_force", "in_force", "date", False), ("ended", "ended", "date", False),
        ("predecessor", "predecessor", "text", False), ("successor", "successor", "text", False),
        ("note", "note", "text", False), ("exclusive_with", "exclusive_with", "texts", False),
        ("atop_ids", "atop_ids", "ints", False), ("cow_ids", "cow_ids", "ints", False),
        ("pledges", "pledges", "pledges", False), ("sources", "sources", "sources", True),
        ("members", "members", "members", False),
    )

    def __init__(
        self,
        id: str,
        name: str,
        kind: str,
        obligations: tuple[str, ...],
        signed: PartialDate,
        short: str | None = None,
        aliases: tuple[str, ...] = (),
        in_force: PartialDate | None = None,
        ended: PartialDate | None = None,
        predecessor: str | None = None,
        successor: str | None = None,
        exclusive_with: tuple[str, ...] = (),
        atop_ids: tuple[int, ...] = (),
        cow_ids: tuple[int, ...] = (),
        pledges: tuple[Pledge, ...] = (),
        note: str | None = None,
        sources: tuple[Source, ...] = (),
        members: dict[str, list[Event]] | None = None,
        loc: Location | None = None,
        member_locs: dict[str, Location] | None = None,
    ) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self.obligations = obligations
        self.signed = signed
        self.short = short
        self.aliases = aliases
        self.in_force = in_force
        self.ended = ended
        self.predecessor = predecessor
        self.successor = successor
        self.exclusive_with = exclusive_with
        self.atop_ids = atop_ids
        self.cow_ids = cow_ids
        self.pledges = pledges
        self.note = note
        self.sources = sources
        self.members = {} if members is None else members
        self.loc = loc
        self.member_locs = {} if member_locs is None else member_locs

    @property
    def label(self) -> str:
        return self.short or self.name

    def events(self) -> list[Event]:
        return [e for events in self.members.values() for e in events]

    def owes(self, a: str, b: str) -> tuple[str, ...]:
        """The obligations member `a` owes member `b` under this treaty (by its pledges, if any)."""
        if a == b:
            return ()
        if not self.pledges:
            return self.obligations
        found = {o for p in self.pledges if a in p.by and b in p.to for o in p.obligations}
        return tuple(o for o in self.obligations if o in found)

    def binds(self, a: str, b: str, obligations: frozenset[str] | set[str]) -> bool:
        """Whether either of `a` and `b` owes the other one of `obligations` under this treaty."""
        if not self.pledges:
            return a != b and not obligations.isdisjoint(self.obligations)
        return not obligations.isdisjoint(self.owes(a, b)) or not obligations.isdisjoint(self.owes(b, a))


class CowPeriod(Frozen):
    code: int
    start: PartialDate | None
    end: PartialDate | None

    __slots__ = ("code", "start", "end")

    def __init__(self, code: int, start: PartialDate | None = None, end: PartialDate | None = None) -> None:
        set_field(self, "code", code)
        set_field(self, "start", start)
        set_field(self, "end", end)


_ONE_DAY = timedelta(days=1)


def _first_gap(names: tuple[StateName, ...], first: date, last: date) -> date | None:
    """The first day from first to last that no name certainly covers, or None."""
    day = first
    for n in sorted(names, key=lambda n: n.start.latest if n.start else date.min):
        if (n.start.latest if n.start else date.min) > day:
            return day
        if n.end is None:
            return None
        day = max(day, n.end.earliest)
        if day > last:
            return None
    return day if day <= last else None


class StateName(Frozen):
    """A name a state bore from `start` (None: from its beginning) to before `end` (None: still)."""

    name: str
    start: PartialDate | None
    end: PartialDate | None
    sources: tuple[Source, ...]
    note: str | None
    loc: Location | None

    __slots__ = ("name", "start", "end", "sources", "note", "loc")

    def __init__(self, name: str, start: PartialDate | None = None, end: PartialDate | None = None,
                 sources: tuple[Source, ...] = (), note: str | None = None,
                 loc: Location | None = None) -> None:
        set_field(self, "name", name)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "sources", sources)
        set_field(self, "note", note)
        set_field(self, "loc", loc)

    def __eq__(self, other: object) -> bool:  # where it was written is not part of what it says
        return (isinstance(other, StateName) and (self.name, self.start, self.end, self.sources,
                self.note) == (other.name, other.start, other.end, other.sources, other.note))

    def __hash__(self) -> int:
        return hash((self.name, self.start, self.end))

    def may_hold(self, first: date, last: date) -> bool:
        """Whether the name may have been in use on some day from `first` to `last`."""
        return ((self.start is None or self.start.earliest <= last)
                and (self.end is None or first < self.end.latest))

    def holds_all(self, first: date, last: date) -> bool:
        """Whether the name was certainly in use on every day from `first` to `last`."""
        return ((self.start is None or self.start.latest <= first)
                and (self.end is None or last < self.end.earliest))


class State(Record):
    code: str
    name: str
    iso2: str | None
    iso3166_3: str | None
    cow: tuple[CowPeriod, ...]
    cow_abb: str | None
    aliases: tuple[str, ...]
    start: PartialDate | None
    end: PartialDate | None
    successor: str | None
    note: str | None
    sources: tuple[Source, ...]
    names: tuple[StateName, ...]  # names it bore for a time; `name` on every other day
    loc: Location | None

    __slots__ = (
        "code", "name", "iso2", "iso3166_3", "cow", "cow_abb", "aliases", "start", "end", "successor",
        "note", "sources", "names", "loc",
    )
    STORED = (  # the code is the key the state is written under
        ("name", "name", "text", True), ("iso2", "iso2", "text", False),
        ("iso3166_3", "iso3166_3", "text", False), ("cow", "cow", "cow", False),
        ("cow_abb", "cow_abb", "text", False), ("aliases", "aliases", "texts", False),
        ("start", "from", "date", False), ("end", "to", "date", False),
        ("successor", "successor", "text", False), ("note", "note", "text", False),
        ("sources", "sources", "sources", False), ("names", "names", "names", False),
    )

    def __init__(
        self,
        code: str,
        name: str,
        iso2: str | None = None,
        iso3166_3: str | None = None,
        cow: tuple[CowPeriod, ...] = (),
        cow_abb: str | None = None,
        aliases: tuple[str, ...] = (),
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        successor: str | None = None,
        note: str | None = None,
        sources: tuple[Source, ...] = (),
        names: tuple[StateName, ...] = (),
        loc: Location | None = None,
    ) -> None:
        self.code = code
        self.name = name
        self.iso2 = iso2
        self.iso3166_3 = iso3166_3
        self.cow = cow
        self.cow_abb = cow_abb
        self.aliases = aliases
        self.start = start
        self.end = end
        self.successor = successor
        self.note = note
        self.sources = sources
        self.names = names
        self.loc = loc

    @property
    def other_names(self) -> tuple[str, ...]:
        """The names under `names`, each once, in order."""
        return tuple(dict.fromkeys(n.name for n in self.names))

    def name_on(self, first: date | None = None, last: date | None = None) -> str:
        """The name the state bore on the day `first`, or from `first` to `last`: its `names`
        that may have held then, in order, joined by ' / ' when more than one did (a year in
        which it was renamed: 'Prussia / Germany'), with `name` for the days none certainly
        covers. Without a day, `name`. Codes never change; only what is printed does."""
        if not self.names or first is None:
            return self.name
        last = first if last is None else last
        if self.start is not None and first < self.start.earliest <= last:
            first = self.start.earliest  # only the days it existed
        if self.end is not None and first < self.end.latest <= last:
            last = self.end.latest - _ONE_DAY
        held = [(n.start.earliest if n.start else date.min, n.name)
                for n in self.names if n.may_hold(first, last)]
        gap = _first_gap(self.names, first, last)
        if gap is not None:
            held.append((gap, self.name))
        return " / ".join(dict.fromkeys(name for _, name in sorted(held)))

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


class Dataset(Record):
    treaties: dict[str, Treaty]
    states: dict[str, State]
    as_of: PartialDate | None
    files: tuple[str, ...]
    from_cache: bool
    # (state index, treaty index) as names.state_index/treaty_index build them; kept in the cache
    name_index: tuple[dict[str, list[str]], dict[str, list[str]]] | None
    declared_from: int | None  # the earliest `covers_from` the files declare

    __slots__ = ("treaties", "states", "as_of", "files", "from_cache", "name_index", "declared_from")
    _not_compared = ("from_cache", "name_index")

    def __init__(
        self,
        treaties: dict[str, Treaty] | None = None,
        states: dict[str, State] | None = None,
        as_of: PartialDate | None = None,
        files: tuple[str, ...] = (),
        from_cache: bool = False,
        name_index: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None,
        declared_from: int | None = None,
    ) -> None:
        self.treaties = {} if treaties is None else treaties
        self.states = {} if states is None else states
        self.as_of = as_of
        self.files = files
        self.from_cache = from_cache
        self.name_index = name_index
        self.declared_from = declared_from

    @property
    def covers_from(self) -> int:
        """The first year the data claims to cover: the earliest `covers_from` its files
        declare, else COVERAGE_FROM."""
        return COVERAGE_FROM if self.declared_from is None else self.declared_from

    def covered_years(self, today: date | None = None) -> range:
        """The years the data covers: from covers_from to the as-of year (today's without one)."""
        last = self.as_of.latest.year if self.as_of is not None else (today or date.today()).year
        return range(self.covers_from, last + 1)

    def event_count(self) -> int:
        return sum(len(events) for t in self.treaties.values() for events in t.members.values())
