"""The temporal engine: statuses over time, members on a date, memberships, allies, history.

Membership periods are half-open: a state that joined on D is a member on D; one that left on D
is not. A partial boundary (`left: 1999`) makes the days it may denote uncertain; queries that
touch them answer "uncertain" with the known bounds.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import date

from .dates import (
    ALL,
    UNCERTAIN,
    DateRange,
    PartialDate,
    Period,
    Span,
    certain_span,
    intersect,
    overlapping_pairs,
    possible_span,
    presence,
    subtract,
)
from .events import KINDS, UNCHANGED
from .model import ALLIED_STATUSES, Dataset, Event, Treaty
from .records import Frozen, Record, set_field

__all__ = [
    "ALL",
    "AllyLink",
    "Engine",
    "MemberStanding",
    "Segment",
    "TreatyStanding",
    "derive_segments",
    "in_effect_by",
    "in_force_from",
    "link_allied",
]


class Segment(Frozen):
    """A stretch `[start, end)` of one state's membership of one treaty with one status."""

    treaty: str
    state: str
    status: str
    start: PartialDate
    end: PartialDate | None
    start_event: Event
    # What ended it: the next event, or the withdrawal_notified event whose `effective` date
    # passed with no `left` recorded; None: ongoing, or ended with the treaty.
    end_event: Event | None
    withdrawal: str | None  # "announced" or "notified"
    withdrawal_date: PartialDate | None
    withdrawal_effective: PartialDate | None

    __slots__ = (
        "treaty", "state", "status", "start", "end", "start_event", "end_event", "withdrawal",
        "withdrawal_date", "withdrawal_effective",
    )

    def __init__(
        self,
        treaty: str,
        state: str,
        status: str,
        start: PartialDate,
        end: PartialDate | None,
        start_event: Event,
        end_event: Event | None = None,
        withdrawal: str | None = None,
        withdrawal_date: PartialDate | None = None,
        withdrawal_effective: PartialDate | None = None,
    ) -> None:
        set_field(self, "treaty", treaty)
        set_field(self, "state", state)
        set_field(self, "status", status)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "start_event", start_event)
        set_field(self, "end_event", end_event)
        set_field(self, "withdrawal", withdrawal)
        set_field(self, "withdrawal_date", withdrawal_date)
        set_field(self, "withdrawal_effective", withdrawal_effective)

    def certain(self) -> Span:
        return certain_span(self.start, self.end)

    def possible(self) -> Span:
        return possible_span(self.start, self.end)


class Relation(Frozen):
    """A suspension of one state's obligations towards another inside a treaty."""

    treaty: str
    state: str
    towards: str
    start: PartialDate
    end: PartialDate | None
    event: Event

    __slots__ = ("treaty", "state", "towards", "start", "end", "event")

    def __init__(
        self,
        treaty: str,
        state: str,
        towards: str,
        start: PartialDate,
        end: PartialDate | None,
        event: Event,
    ) -> None:
        set_field(self, "treaty", treaty)
        set_field(self, "state", state)
        set_field(self, "towards", towards)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "event", event)


class MemberStanding(Record):
    """A state's standing in a treaty over a query period."""

    treaty: str
    state: str
    status: str  # the status held (the latest one in the period)
    presence: str  # ALL, PART, SOME or UNCERTAIN (see dates.presence)
    since: PartialDate  # start of the continuous membership
    until: PartialDate | None  # end of it, if it has ended
    segments: list[Segment]  # statuses held during the period
    withdrawal: str | None
    withdrawal_date: PartialDate | None
    withdrawal_effective: PartialDate | None
    status_certain: bool
    status_since: PartialDate | None

    __slots__ = (
        "treaty", "state", "status", "presence", "since", "until", "segments", "withdrawal",
        "withdrawal_date", "withdrawal_effective", "status_certain", "status_since",
    )

    def __init__(
        self,
        treaty: str,
        state: str,
        status: str,
        presence: str,
        since: PartialDate,
        until: PartialDate | None,
        segments: list[Segment] | None = None,
        withdrawal: str | None = None,
        withdrawal_date: PartialDate | None = None,
        withdrawal_effective: PartialDate | None = None,
        status_certain: bool = True,
        status_since: PartialDate | None = None,
    ) -> None:
        self.treaty = treaty
        self.state = state
        self.status = status
        self.presence = presence
        self.since = since
        self.until = until
        self.segments = [] if segments is None else segments
        self.withdrawal = withdrawal
        self.withdrawal_date = withdrawal_date
        self.withdrawal_effective = withdrawal_effective
        self.status_certain = status_certain
        self.status_since = status_since

    @property
    def certain(self) -> bool:
        return self.presence != UNCERTAIN and self.status_certain


class TreatyStanding(Record):
    """Whether a treaty existed on a query period: 'not_signed', 'signed', 'in_force', 'ended'."""

    treaty: Treaty
    phase: str
    certain: bool

    __slots__ = ("treaty", "phase", "certain")

    def __init__(self, treaty: Treaty, phase: str, certain: bool) -> None:
        self.treaty = treaty
        self.phase = phase
        self.certain = certain


class AllyLink(Record):
    """One treaty linking two states over a period."""

    treaty: str
    obligations: tuple[str, ...]
    presence: str | None  # ALL/PART/SOME/UNCERTAIN; None when the link is suspended throughout
    a: MemberStanding
    b: MemberStanding
    suspended: list[Relation]

    __slots__ = ("treaty", "obligations", "presence", "a", "b", "suspended")

    def __init__(
        self,
        treaty: str,
        obligations: tuple[str, ...],
        presence: str | None,
        a: MemberStanding,
        b: MemberStanding,
        suspended: list[Relation] | None = None,
    ) -> None:
        self.treaty = treaty
        self.obligations = obligations
        self.presence = presence
        self.a = a
        self.b = b
        self.suspended = [] if suspended is None else suspended

    @property
    def counts(self) -> bool:
        return self.presence is not None and self.presence != UNCERTAIN


def in_force_from(treaty: Treaty) -> PartialDate:
    """When the treaty entered into force: its `in_force` date, or, without one, its signature
    (declarations and many organisations' founding acts bind from signature)."""
    return treaty.in_force or treaty.signed


def _key(e: Event) -> tuple:
    return (e.date.earliest, e.date.latest, e.order)


def in_effect_by(effective: PartialDate, ev: Event) -> bool:
    """A withdrawal effective on `effective` had certainly taken effect by the day of `ev` (a
    `left` or an expulsion on the effective date itself is what ends the membership: not counted)."""
    if KINDS[ev.kind].ends and ev.date == effective:
        return False
    return ev.date.earliest >= effective.latest


def derive_segments(treaty: Treaty, code: str) -> tuple[list[Segment], list[Relation]]:
    """Turn one state's events in one treaty into status segments and relation suspensions.

    A notified withdrawal with an `effective` date ends the membership on that date, whether or
    not a `left` event records it (docs/data-format.md).
    """
    segments: list[Segment] = []
    relations: list[Relation] = []
    open_rel: dict[str, Event] = {}
    cur: dict | None = None  # the open segment's fields
    # A notified withdrawal still pending, and its effective date.
    notice: Event | None = None
    effective: PartialDate | None = None

    def close(at: PartialDate, by: Event | None) -> None:
        nonlocal cur
        if cur is not None:
            segments.append(Segment(end=at, end_event=by, **cur))
            cur = None

    for ev in sorted(treaty.members.get(code, ()), key=_key):
        if effective is not None and in_effect_by(effective, ev):
            close(effective, notice)
            notice = effective = None
        kind = KINDS[ev.kind]
        if ev.towards:
            for other in ev.towards:
                if kind.relation == "opens":
                    open_rel.setdefault(other, ev)
                elif other in open_rel:
                    start = open_rel.pop(other)
                    relations.append(Relation(treaty.id, code, other, start.date, ev.date, start))
            continue
        new_status = kind.status
        if new_status == UNCHANGED:
            if kind.withdrawal is None or cur is None:  # a note; or no membership to flag
                continue
            fields = dict(cur)  # withdrawal announced / notified: same status, flagged
            fields.update(
                start=ev.date,
                start_event=ev,
                withdrawal=kind.withdrawal,
                withdrawal_date=ev.date,
                withdrawal_effective=ev.effective or cur.get("withdrawal_effective"),
            )
            close(ev.date, ev)
            cur = fields
            if kind.effective and ev.effective is not None:
                notice, effective = ev, ev.effective
            continue
        if new_status is None:
            close(ev.date, ev)
            notice = effective = None
            continue
        keep = {}
        if cur is not None and not kind.renews:
            keep = {k: cur[k] for k in ("withdrawal", "withdrawal_date", "withdrawal_effective")
                    if k in cur}
        close(ev.date, ev)
        cur = dict(treaty=treaty.id, state=code, status=new_status, start=ev.date, start_event=ev,
                   **keep)
    if effective is not None:
        close(effective, notice)
    if cur is not None:
        segments.append(Segment(end=None, end_event=None, **cur))
    for other, start in open_rel.items():
        relations.append(Relation(treaty.id, code, other, start.date, None, start))
    if treaty.ended is not None:
        segments = _clip(segments, treaty.ended)
        relations = [r for r in relations if r.start.earliest < treaty.ended.latest]
    return segments, relations


def _clip(segments: list[Segment], ended: PartialDate) -> list[Segment]:
    """A treaty that has ended has no members from its end on."""
    out = []
    for seg in segments:
        if seg.start.earliest >= ended.latest:
            continue
        if seg.end is None or seg.end.earliest > ended.earliest:
            seg = Segment(seg.treaty, seg.state, seg.status, seg.start, ended, seg.start_event,
                          None, seg.withdrawal, seg.withdrawal_date, seg.withdrawal_effective)
        out.append(seg)
    return out


def _runs(segments: list[Segment], statuses: frozenset[str] | None = None) -> list[list[Segment]]:
    """Group segments into runs of contiguous ones (optionally only with the given statuses)."""
    runs: list[list[Segment]] = []
    for seg in segments:
        if statuses is not None and seg.status not in statuses:
            continue
        if runs and runs[-1][-1].end == seg.start and runs[-1][-1].end_event is seg.start_event:
            runs[-1].append(seg)
        else:
            runs.append([seg])
    return runs


def _run_spans(run: list[Segment]) -> tuple[list[Span], list[Span]]:
    return [certain_span(run[0].start, run[-1].end)], [possible_span(run[0].start, run[-1].end)]


class Engine:
    """Answers questions about one Dataset; derived timelines are computed once and kept."""

    def __init__(self, dataset: Dataset, allied_statuses: frozenset[str] = ALLIED_STATUSES):
        """`allied_statuses`: the statuses in which a member is bound to its allies (member and
        suspended by default; `frozenset({"member"})` leaves suspended members out)."""
        self.dataset = dataset
        self.allied_statuses = allied_statuses
        self._segments: dict[tuple[str, str], list[Segment]] = {}
        self._relations: dict[tuple[str, str], list[Relation]] = {}
        self._allied: dict[tuple[str, str], tuple[list[Span], list[Span]]] = {}
        self._run_index: dict[tuple[str, str, frozenset[str] | None],
                              tuple[list[list[Segment]], list[date], list[date]]] = {}

    # -- timelines -------------------------------------------------------------------------
    def segments(self, treaty_id: str, code: str) -> list[Segment]:
        key = (treaty_id, code)
        if key not in self._segments:
            segs, rels = derive_segments(self.dataset.treaties[treaty_id], code)
            self._segments[key] = segs
            self._relations[key] = rels
        return self._segments[key]

    def relations(self, treaty_id: str, code: str) -> list[Relation]:
        self.segments(treaty_id, code)
        return self._relations[(treaty_id, code)]

    def _runs_near(self, treaty_id: str, code: str, statuses: frozenset[str] | None,
                   period: Period) -> list[list[Segment]]:
        """The state's runs (see _runs), in order, leaving out runs that certainly do not reach
        the period: those that start after it (runs start in date order, so they are a suffix)
        and those before the first one that ends after it begins (their running latest end)."""
        key = (treaty_id, code, statuses)
        index = self._run_index.get(key)
        if index is None:
            runs = _runs(self.segments(treaty_id, code), statuses)
            starts, reach, latest = [], [], date.min
            for run in runs:
                start, end = possible_span(run[0].start, run[-1].end)
                starts.append(start)
                latest = max(latest, date.max if end is None else end)
                reach.append(latest)
            index = self._run_index[key] = (runs, starts, reach)
        runs, starts, reach = index
        return runs[bisect_right(reach, period.first):
                    bisect_left(starts, period.next_day_after())]

    def treaty_phase(self, treaty: Treaty, period: Period) -> TreatyStanding:
        """Where the treaty stood at the start of the period. A treaty without an `in_force` date
        is in force once signed (in_force_from), so it is never in the phase 'signed'."""
        day = period.first
        bounds = [("signed", treaty.signed), ("in_force", in_force_from(treaty)),
                  ("ended", treaty.ended)]
        phase, certain = "not_signed", True
        for name, bound in bounds:
            if bound is None:
                continue
            if bound.latest <= day:
                phase, certain = name, True
            elif bound.earliest <= day:
                phase, certain = name, False
        return TreatyStanding(treaty, phase, certain)

    def standing(self, treaty_id: str, code: str, period: Period,
                 statuses: frozenset[str] | None = None) -> MemberStanding | None:
        """The state's standing in the treaty over the period, or None if certainly not in it."""
        best: MemberStanding | None = None
        for run in self._runs_near(treaty_id, code, statuses, period):
            certain, possible = _run_spans(run)
            pres = presence(certain, possible, period)
            if pres is None:
                continue
            seg_presence = [(s, presence([s.certain()], [s.possible()], period)) for s in run]
            touching = [s for s, p in seg_presence if p]
            # Several statuses in one period are certain when each was certainly held in it;
            # a status that only may have applied (an imprecise change date) is uncertain.
            status_certain = len({s.status for s in touching}) <= 1 or not any(
                p == UNCERTAIN for _, p in seg_presence)
            last = touching[-1] if touching else run[-1]
            # "since" is when the state became bound (its signature only while a signatory);
            # "status_since" is when the status it holds began.
            joined = next((s for s in run if s.status != "signatory"), run[0])
            since = run[0].start if last.status == "signatory" else joined.start
            i = run.index(last)
            while i > 0 and run[i - 1].status == last.status:
                i -= 1
            standing = MemberStanding(
                treaty=treaty_id, state=code, status=last.status, presence=pres,
                since=since, until=run[-1].end, segments=touching, status_since=run[i].start,
                withdrawal=last.withdrawal, withdrawal_date=last.withdrawal_date,
                withdrawal_effective=last.withdrawal_effective, status_certain=status_certain,
            )
            # Prefer a certain standing, then the latest one in the period.
            if best is None or (best.presence == UNCERTAIN and pres != UNCERTAIN) or (
                (best.presence == UNCERTAIN) == (pres == UNCERTAIN)
            ):
                best = standing
        return best

    # -- the questions -----------------------------------------------------------------------
    def members(self, treaty_id: str, period: Period) -> list[MemberStanding]:
        """Every state in the treaty (in any status) over the period."""
        treaty = self.dataset.treaties[treaty_id]
        out = []
        for code in treaty.members:
            st = self.standing(treaty_id, code, period)
            if st is not None:
                out.append(st)
        return sorted(out, key=lambda s: (s.since.sort_key(), s.state))

    def memberships(self, code: str, period: Period) -> list[MemberStanding]:
        """Every treaty the state belongs to (in any status) over the period."""
        out = []
        for tid, treaty in self.dataset.treaties.items():
            if code in treaty.members:
                st = self.standing(tid, code, period)
                if st is not None:
                    out.append(st)
        return sorted(out, key=lambda s: (s.since.sort_key(), s.treaty))

    def predecessor_chain(self, treaty_id: str) -> list[Treaty]:
        chain, seen = [], {treaty_id}
        treaty = self.dataset.treaties[treaty_id]
        while treaty.predecessor and treaty.predecessor in self.dataset.treaties:
            if treaty.predecessor in seen:
                break
            seen.add(treaty.predecessor)
            treaty = self.dataset.treaties[treaty.predecessor]
            chain.append(treaty)
        return chain

    def qualifying_treaties(self, obligations: Iterable[str]) -> list[Treaty]:
        wanted = set(obligations)
        return [t for t in self.dataset.treaties.values() if wanted & set(t.obligations)]

    def allied_spans(self, treaty_id: str, code: str) -> tuple[list[Span], list[Span]]:
        """Days the state certainly / possibly held an obligation-bearing status in the treaty."""
        key = (treaty_id, code)
        if key not in self._allied:
            runs = _runs(self.segments(treaty_id, code), self.allied_statuses)
            certain = [certain_span(r[0].start, r[-1].end) for r in runs]
            possible = [possible_span(r[0].start, r[-1].end) for r in runs]
            # one list when they are the same days, so that callers can tell by identity
            self._allied[key] = (certain, certain if certain == possible else possible)
        return self._allied[key]

    def link_spans(self, treaty_id: str, a: str, b: str
                   ) -> tuple[list[Span], list[Span], list[Relation]]:
        """Days the treaty certainly / possibly linked a and b, and the relation suspensions."""
        ca, pa = self.allied_spans(treaty_id, a)
        cb, pb = self.allied_spans(treaty_id, b)
        certain, possible = intersect(ca, cb), intersect(pa, pb)
        rels = [r for r in self.relations(treaty_id, a) if r.towards == b]
        rels += [r for r in self.relations(treaty_id, b) if r.towards == a]
        for rel in rels:
            certain = subtract(certain, [possible_span(rel.start, rel.end)])
            possible = subtract(possible, [certain_span(rel.start, rel.end)])
        return certain, possible, rels

    def pair_spans(self, treaty_id: str, codes: list[str]
                   ) -> Iterator[tuple[str, str, list[Span], list[Span]]]:
        """(a, b, certain, possible) as link_spans gives them, for each pair of `codes` (a before
        b) that the treaty possibly linked; quicker than asking pair by pair."""
        spans = {c: self.allied_spans(treaty_id, c) for c in codes}
        related = {c for c in codes if self.relations(treaty_id, c)}
        # the pairs whose possible spans share a day, found by one sweep over every member's
        # spans rather than by trying each pair of members
        owner = [n for n, c in enumerate(codes) for _ in spans[c][1]]
        pairs = sorted({(owner[x], owner[y]) for x, y in
                        overlapping_pairs([sp for c in codes for sp in spans[c][1]])
                        if owner[x] != owner[y]})
        by_index = [spans[c] for c in codes]
        for i, j in pairs:
            a, b = codes[i], codes[j]
            (ca, pa), (cb, pb) = by_index[i], by_index[j]
            possible = intersect(pa, pb)
            if related and (a in related or b in related):
                certain, possible, _ = self.link_spans(treaty_id, a, b)
                if not possible:
                    continue
            else:
                certain = possible if ca is pa and cb is pb else intersect(ca, cb)
            yield a, b, certain, possible

    def link(self, treaty: Treaty, a: str, b: str, period: Period,
             obligations: Iterable[str] | None = None) -> AllyLink | None:
        """How `treaty` links a and b over the period, or None if it certainly does not (or, for a
        treaty with pledges, if neither owes the other one of `obligations`)."""
        if a not in treaty.members or b not in treaty.members or a == b:
            return None
        owed = pair_obligations(treaty, a, b)
        if not owed or (obligations is not None and not set(obligations) & set(owed)):
            return None
        sa = self.standing(treaty.id, a, period, self.allied_statuses)
        sb = self.standing(treaty.id, b, period, self.allied_statuses)
        if sa is None or sb is None:
            return None
        certain, possible, rels = self.link_spans(treaty.id, a, b)
        touching = [r for r in rels if presence([certain_span(r.start, r.end)],
                                                 [possible_span(r.start, r.end)], period)]
        pres = presence(certain, possible, period)
        if pres is None and not touching:
            return None
        return AllyLink(treaty.id, owed, pres, sa, sb, touching)

    def allies(self, a: str, b: str, period: Period,
               obligations: Iterable[str] = ("defence",)) -> list[AllyLink]:
        """Every qualifying treaty that links a and b (certainly or possibly) over the period."""
        links = []
        wanted = list(obligations)
        for treaty in self.qualifying_treaties(wanted):
            link = self.link(treaty, a, b, period, wanted)
            if link is not None:
                links.append(link)
        return links

    def allies_of(self, a: str, period: Period,
                  obligations: Iterable[str] = ("defence",)) -> dict[str, list[AllyLink]]:
        """All states linked to `a` over the period, each with the linking treaties."""
        out: dict[str, list[AllyLink]] = {}
        wanted = set(obligations)
        for treaty in self.qualifying_treaties(wanted):
            if a not in treaty.members:
                continue
            sa = self.standing(treaty.id, a, period, self.allied_statuses)
            if sa is None:
                continue
            for b, link in self._links_of(treaty, a, sa, period):
                if treaty.pledges:  # only those who owe each other one of the obligations asked
                    owed = pair_obligations(treaty, a, b)
                    if not wanted & set(owed):
                        continue
                    link = AllyLink(link.treaty, owed, link.presence, link.a, link.b,
                                    link.suspended)
                out.setdefault(b, []).append(link)
        return dict(sorted(out.items()))

    def _links_of(self, treaty: Treaty, a: str, sa: MemberStanding, period: Period
                  ) -> Iterator[tuple[str, AllyLink]]:
        """(b, link(treaty, a, b, period)) for each other member that `a` is linked with.

        Members with a relation suspension towards `a` (or `a` towards them) go through `link`.
        For the others, the days `a` shares with each are found by two sweeps over the whole
        treaty (a's spans, clipped to the period, against every other member's), instead of one
        intersection per member: a link over the period depends only on the days inside it.
        """
        related = {r.towards for r in self.relations(treaty.id, a)}
        others = []
        for b in treaty.members:
            if b != a and b not in related:
                if any(r.towards == a for r in self.relations(treaty.id, b)):
                    related.add(b)
                else:
                    others.append(b)
        p = [(period.first, period.next_day_after())]
        shared: list[dict[str, list[Span]]] = []
        for which in (0, 1):  # certain, then possible
            mine = intersect(self.allied_spans(treaty.id, a)[which], p)
            theirs = [(b, sp) for b in others for sp in self.allied_spans(treaty.id, b)[which]]
            pieces: dict[str, list[Span]] = {}
            for i, k in overlapping_pairs(mine, [sp for _, sp in theirs]):
                b, (s2, e2) = theirs[k]
                s1, e1 = mine[i]
                pieces.setdefault(b, []).append((max(s1, s2), e1 if e2 is None or (
                    e1 is not None and e1 < e2) else e2))
            shared.append(pieces)
        certain, possible = shared
        for b in treaty.members:
            if b in related:
                link = self.link(treaty, a, b, period)
            elif b in possible:
                sb = self.standing(treaty.id, b, period, self.allied_statuses)
                pres = presence(certain.get(b, []), possible[b], period)
                link = (AllyLink(treaty.id, treaty.obligations, pres, sa, sb)
                        if sb is not None and pres is not None else None)
            else:
                continue
            if link is not None:
                yield b, link

    def history(self, *, treaty_id: str | None = None, state: str | None = None,
                start: PartialDate | None = None, end: PartialDate | None = None) -> list[Event]:
        """Events as written, in date order, filtered by treaty, state and dates (inclusive).

        An event that may fall in the period is listed, except one known only as 'on or after
        D' (an open range), which is listed in a period that contains D: otherwise every such
        event of the past would be listed for any later period ("what changed since January?").
        """
        events = []
        for tid, treaty in self.dataset.treaties.items():
            if treaty_id is not None and tid != treaty_id:
                continue
            for code, evs in treaty.members.items():
                if state is not None and code != state and state not in _towards(evs):
                    continue
                for ev in evs:
                    if state is not None and code != state and state not in ev.towards:
                        continue
                    if start is not None and _known_latest(ev.date) < start.earliest:
                        continue
                    if end is not None and ev.date.earliest > end.latest:
                        continue
                    events.append(ev)
        return sorted(events, key=lambda e: (e.date.earliest, e.date.latest, e.treaty, e.order))


def _known_latest(d: PartialDate) -> date:
    """The last day `d` may denote, taking an open range ('1958-10-01..') at its known bound."""
    if isinstance(d, DateRange) and d.high is None:
        return d.low.latest
    return d.latest


def _towards(events: list[Event]) -> set[str]:
    return {t for e in events for t in e.towards}


def pair_obligations(treaty: Treaty, a: str, b: str) -> tuple[str, ...]:
    """The obligations that bind a and b to each other under `treaty`, in either direction."""
    if not treaty.pledges:
        return treaty.obligations if a != b else ()
    owed = set(treaty.owes(a, b)) | set(treaty.owes(b, a))
    return tuple(o for o in treaty.obligations if o in owed)


def link_allied(links: list[AllyLink]) -> bool | str:
    """True if any link certainly holds, "uncertain" if one may, else False."""
    if any(link.counts for link in links):
        return True
    if any(link.presence == UNCERTAIN for link in links):
        return "uncertain"
    return False

