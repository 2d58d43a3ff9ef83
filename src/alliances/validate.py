"""Checks across the whole merged dataset: references, event order, treaty and state lives."""

from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from datetime import date

from .dates import intersect
from .errors import Problem
from .events import KINDS, UNCHANGED
from .model import ACCEPTABLE_RULES, ALLIED_STATUSES, Dataset, Event, State, StateName, Treaty
from .names import closest, normalize, state_index
from .query import Segment, derive_segments, in_effect_by

__all__ = ["validate"]

_MEMBERISH = {"member", "observer", "partner", "suspended", "signatory"}


def _suggest_state(code: str, ds: Dataset, index: dict[str, list[str]]) -> str:
    """The states an unknown code may mean, from every code table and name (names.closest):
    only those it equals but for case, spaces or punctuation, if any; else up to three."""
    if not index:  # built on the first unknown code only
        index.update(state_index(ds))
    found = closest(normalize(code), index)
    close = [c for tier, c in found if tier == 0] or [c for _, c in found[:3]]
    if close:
        return "did you mean " + " or ".join(f"{c} ({ds.states[c].name})" for c in close) + "?"
    return "add the state to data/states.yaml or use an ISO 3166-1 alpha-3 code"


def _certainly_before(a, b) -> bool:
    """a is certainly before b (partial dates)."""
    return a.latest < b.earliest


def validate(ds: Dataset) -> list[Problem]:
    """Every problem found across the merged dataset (empty when it is clean)."""
    problems: list[Problem] = []
    add = problems.append
    used: set[tuple[int, str]] = set()  # (id of event, rule) of every waiver that waived something
    names: dict[str, list[str]] = {}  # the state index, for suggestions
    for t in ds.treaties.values():
        _check_treaty_refs(ds, t, add)
        _check_pledges(t, add)
        for code, events in t.members.items():
            if code not in ds.states:
                loc = t.member_locs.get(code, t.loc)
                add(Problem.at(loc, f"unknown state code '{code}' in treaty '{t.id}'",
                               _suggest_state(code, ds, names)))
            _check_events(ds, t, code, events, add, used)
    _check_successor_cycles(ds, add)
    _check_exclusive(ds, add, used)
    _check_waivers(ds, add, used)
    for s in ds.states.values():
        if s.successor and s.successor not in ds.states:
            add(Problem.at(s.loc, f"successor '{s.successor}' of state {s.code} is not a known state",
                           _suggest_state(s.successor, ds, names)))
        if s.start and s.end and _certainly_before(s.end, s.start):
            add(Problem.at(s.loc, f"state {s.code} ends ({s.end}) before it begins ({s.start})",
                           "check `from` and `to`"))
        _check_names(s, add)
    return problems


def _check_names(s: State, add) -> None:
    """A state's `names`: each within the state's life and after its own start, none
    overlapping another (a name may begin the day the one before it ends: `to` is the first
    day it was no longer used). Sources are checked as they are read (parse.py)."""
    def at(n: StateName) -> str:
        return f"the name '{n.name}' of state {s.code}"

    for n in s.names:
        if n.start and n.end and not _certainly_before(n.start, n.end):
            add(Problem.at(n.loc, f"{at(n)} ends ({n.end}) before it begins ({n.start})",
                           "check `from` and `to` (`to` is the first day it was no longer used)"))
        if s.start and n.start and _certainly_before(n.start, s.start):
            add(Problem.at(n.loc, f"{at(n)} begins ({n.start}) before the state began to exist "
                           f"({s.start})", f"begin it on or after {s.start}, or leave out `from`"))
        if s.end and n.end and _certainly_before(s.end, n.end):
            add(Problem.at(n.loc, f"{at(n)} ends ({n.end}) after the state ceased to exist "
                           f"({s.end})", f"end it on or before {s.end}, or leave out `to`"))
    # names without dates or with inverted ones are reported above (parse.py: no dates)
    ordered = sorted((n for n in s.names if (n.start or n.end) and not (
                      n.start and n.end and not _certainly_before(n.start, n.end))),
                     key=lambda n: n.start.earliest if n.start else date.min)
    reach: StateName | None = None  # of the names so far, the one that may end last
    for n in ordered:
        if reach is not None and (reach.end is None or n.start is None or (
                reach.end.latest > n.start.earliest and str(reach.end) != str(n.start))):
            until = f"until {reach.end}" if reach.end else "with no end"
            since = f"from {n.start}" if n.start else "with no beginning"
            add(Problem.at(n.loc, f"{at(n)} ({since}) overlaps '{reach.name}' ({until})",
                           "a state bears one name at a time: end the earlier name (`to`) on or "
                           "before the day the later begins (`from`)"))
        if reach is None or reach.end is not None and (n.end is None or n.end.latest > reach.end.latest):
            reach = n


def _accepts(ev: Event, rule: str, used: set[tuple[int, str]]) -> bool:
    """Whether `ev` waives `rule` (`accept: {rule: why}`); a waiver used is remembered."""
    if any(r == rule for r, _ in ev.accept):
        used.add((id(ev), rule))
        return True
    return False


def _check_waivers(ds: Dataset, add, used: set[tuple[int, str]]) -> None:
    """A waiver that waives nothing is stale (the dates were corrected): it must go."""
    for t in ds.treaties.values():
        for events in t.members.values():
            for ev in events:
                for rule, _ in ev.accept:
                    if (id(ev), rule) not in used:
                        add(Problem.at(ev.loc or t.loc,
                                       f"{ev.state} '{ev.kind}' on {ev.date} in '{t.id}' accepts "
                                       f"'{rule}', but it is not {ACCEPTABLE_RULES[rule]}",
                                       f"remove `{rule}` from its `accept`"))


def _check_treaty_refs(ds: Dataset, t: Treaty, add) -> None:
    for field, ref in (("predecessor", t.predecessor), ("successor", t.successor)):
        if ref is None:
            continue
        if ref not in ds.treaties:
            close = difflib.get_close_matches(ref, list(ds.treaties), n=3)
            fix = f"did you mean {', '.join(close)}?" if close else "use the id of a treaty in the data"
            add(Problem.at(t.loc, f"{field} '{ref}' of treaty '{t.id}' is not a known treaty id", fix))
    for ref in t.exclusive_with:
        if ref == t.id:
            add(Problem.at(t.loc, f"treaty '{t.id}' names itself in exclusive_with",
                           "list the other treaties a member may not belong to at the same time"))
        elif ref not in ds.treaties:
            close = difflib.get_close_matches(ref, list(ds.treaties), n=3)
            fix = f"did you mean {', '.join(close)}?" if close else "use the id of a treaty in the data"
            add(Problem.at(t.loc, f"exclusive_with '{ref}' of treaty '{t.id}' is not a known treaty id",
                           fix))
    if t.successor in ds.treaties:
        other = ds.treaties[t.successor]
        if other.predecessor not in (None, t.id):
            add(Problem.at(other.loc, f"treaty '{other.id}' names '{other.predecessor}' as predecessor "
                           f"but '{t.id}' names it as successor",
                           "make predecessor and successor agree"))
    if t.in_force and t.in_force.latest < t.signed.earliest:
        add(Problem.at(t.loc, f"treaty '{t.id}' enters into force ({t.in_force}) before it is "
                       f"signed ({t.signed})", "check `signed` and `in_force`"))
    if t.ended and t.ended.latest < t.signed.earliest:
        add(Problem.at(t.loc, f"treaty '{t.id}' ends ({t.ended}) before it is signed ({t.signed})",
                       "check `signed` and `ended`"))


def _check_pledges(t: Treaty, add) -> None:
    """Pledges name members of the treaty and the treaty's own obligations, and cover all of them."""
    if not t.pledges:
        return
    for p in t.pledges:
        for code in dict.fromkeys((*p.by, *p.to)):
            if code not in t.members:
                add(Problem.at(p.loc, f"a pledge of treaty '{t.id}' names {code}, which is not a "
                               "member of it", "list member codes in `by` and `to`"))
        for ob in p.obligations:
            if ob not in t.obligations:
                add(Problem.at(p.loc, f"a pledge of treaty '{t.id}' gives '{ob}', which is not among "
                               f"the treaty's obligations ({', '.join(t.obligations) or 'none'})",
                               "add it to `obligations`, or remove it from the pledge"))
        if set(p.by) == set(p.to) and len(p.by) == 1:
            add(Problem.at(p.loc, f"a pledge of treaty '{t.id}' binds {p.by[0]} only to itself",
                           "name the states it is owed to in `to`"))
    pledged = {ob for p in t.pledges for ob in p.obligations}
    for ob in t.obligations if t.members else ():  # (an extract may keep none of its members)
        if ob not in pledged:
            add(Problem.at(t.loc, f"treaty '{t.id}' has pledges, but none gives its obligation '{ob}', "
                           "so no member owes it", "add a pledge for it, or remove it from `obligations`"))


def _check_successor_cycles(ds: Dataset, add) -> None:
    reported: set[str] = set()
    for start in ds.treaties:
        chain, tid = [], start
        while tid in ds.treaties and tid not in chain:
            chain.append(tid)
            tid = ds.treaties[tid].successor
        if tid in chain and tid not in reported:
            cycle = chain[chain.index(tid):]
            reported.update(cycle)
            add(Problem.at(ds.treaties[tid].loc,
                           "successor chain is a cycle: " + " -> ".join([*cycle, tid]),
                           "a treaty cannot succeed itself; fix one `successor`"))



def _check_exclusive(ds: Dataset, add, used: set[tuple[int, str]]) -> None:
    """No state bound by two treaties marked exclusive of each other at once, unless the event that
    made it bound by the second one accepts it (`accept: {exclusive-overlap: why}`)."""
    pairs = sorted({tuple(sorted((t.id, ref))) for t in ds.treaties.values()
                    for ref in t.exclusive_with if ref in ds.treaties and ref != t.id})
    bound: dict[tuple[str, str], _Bound] = {}

    def bound_by(t: Treaty, code: str) -> _Bound:
        key = (t.id, code)
        if key not in bound:
            bound[key] = _Bound([g for g in derive_segments(t, code)[0]
                                 if g.status in ALLIED_STATUSES])
        return bound[key]

    for a, b in pairs:
        ta, tb = ds.treaties[a], ds.treaties[b]
        for code in sorted(ta.members.keys() & tb.members.keys()):
            found = _first_overlap(bound_by(ta, code), bound_by(tb, code), ta, tb, used)
            if found is None:
                continue
            x, y = found
            later, other = (x, b) if x.start.earliest >= y.start.earliest else (y, a)
            ev = later.start_event
            certain = intersect([x.certain()], [y.certain()])
            when = (f"both from {certain[0][0].isoformat()}" if certain
                    else "their dates are imprecise, so they may overlap")
            t = ds.treaties[later.treaty]
            # one problem per state and pair: fixing it may settle the rest
            add(Problem.at(ev.loc or t.member_locs.get(code, t.loc),
                           f"{code} is bound by '{later.treaty}' from {later.start} while still "
                           f"bound by '{other}' ({when}), and the two treaties are marked "
                           "exclusive_with each other",
                           "correct the dates, or, if both held, add `accept: {exclusive-overlap: "
                           "why}` to this event"))


class _Bound:
    """One state's segments in one treaty with an obligation-bearing status, in start order, and
    what a binary search over them needs: their possible spans' starts, and the running latest
    end (an ongoing span's end is date.max)."""

    __slots__ = ("segments", "spans", "starts", "reach")

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.spans = [g.possible() for g in segments]
        self.starts = [s for s, _ in self.spans]
        self.reach: list[date] = []
        latest = date.min
        for _, e in self.spans:
            latest = max(latest, date.max if e is None else e)
            self.reach.append(latest)


def _first_overlap(xs: _Bound, ys: _Bound, tx: Treaty, ty: Treaty,
                   used: set[tuple[int, str]] | None = None) -> tuple[Segment, Segment] | None:
    """The first pair (x of `xs`, then y of `ys`, in their order) whose possible spans share a
    day, and that no waiver excuses: the later one to start (x when they start together) accepts
    the overlap (`accept: {exclusive-overlap: why}` on the event that starts it).

    Segments start in date order (derive_segments sorts the events), so the ys that start no
    later than x are a prefix, found by binary search, as are those that start before x ends.
    Among the first, the earliest that reaches past x's start is found by binary search on
    their running latest end (an empty one cannot: it ends by its start); all of them are
    excused or not with x. Among the others, each shares a day with x and is excused on its
    own: the first one not excused is looked for once per y over the whole search.
    Time: (len(xs) + len(ys)) log len(ys).
    """
    if not xs.segments or not ys.segments:
        return None
    n = len(ys.segments)
    skip: dict[int, int] = {}  # y index -> a later index to look at instead (excused or empty)

    waived = set() if used is None else used

    def excused(g: Segment, other: Treaty) -> bool:
        return _accepts(g.start_event, "exclusive-overlap", waived)

    def first_counted_y(j: int) -> int:
        """The first y from index j on that is not empty and not excused (n if none)."""
        path = []
        while j < n:
            if j in skip:
                path.append(j)
                j = skip[j]
                continue
            s, e = ys.spans[j]
            if (e is None or s < e) and not excused(ys.segments[j], tx):
                break
            path.append(j)
            j += 1
        for k in path:
            skip[k] = j
        return j

    for x, (sx, ex) in zip(xs.segments, xs.spans, strict=True):
        if ex is not None and sx >= ex:
            continue  # an empty span shares no day with anything
        started = bisect_right(ys.starts, sx)  # ys[:started] start no later than x
        first = bisect_right(ys.reach, sx)  # the first y that ends after x starts
        if first < started and not excused(x, ty):
            return x, ys.segments[first]
        before_end = n if ex is None else bisect_left(ys.starts, ex)
        j = first_counted_y(started)
        if j < before_end:
            return x, ys.segments[j]
    return None


def _check_events(ds: Dataset, t: Treaty, code: str, events: list[Event], add,
                  used: set[tuple[int, str]]) -> None:
    ordered = sorted(events, key=lambda e: (e.date.earliest, e.date.latest, e.order))
    status: str | None = None
    since: Event | None = None
    suspended_towards: dict[str, Event] = {}
    notice: Event | None = None  # a notified withdrawal with an effective date, still pending
    for ev in ordered:
        # A notified withdrawal ends the membership on its effective date, `left` or not.
        if notice is not None and notice.effective and in_effect_by(notice.effective, ev):
            if KINDS[ev.kind].ends and not ev.towards:
                add(Problem.at(ev.loc, f"{code} '{ev.kind}' on {ev.date}, after its withdrawal from "
                               f"'{t.id}' took effect ({notice.effective}, notified on {notice.date}, "
                               f"line {notice.loc.line if notice.loc else '?'})",
                               "correct the date of one of them: a notified withdrawal ends the "
                               "membership on its `effective` date"))
                notice = None
                status, since = None, ev
                continue
            status, since, notice = None, notice, None
        # Dates outside the treaty's or the state's life: an error, unless the event accepts it
        # (`accept: {rule: why}`); an incidental note waives nothing.
        if _certainly_before(ev.date, t.signed):
            if not _accepts(ev, "before-signature", used):
                add(Problem.at(ev.loc, f"{code} '{ev.kind}' on {ev.date} is before treaty '{t.id}' "
                               f"was signed ({t.signed})",
                               "correct the date, or add `accept: {before-signature: why}`"))
        elif t.ended and ev.date.earliest > t.ended.latest:
            if not _accepts(ev, "after-treaty-end", used):
                add(Problem.at(ev.loc, f"{code} '{ev.kind}' on {ev.date} is after treaty '{t.id}' "
                               f"ended ({t.ended})",
                               "correct the date, or add `accept: {after-treaty-end: why}`"))
        state = ds.states.get(code)
        if state and state.start and ev.date.latest < state.start.earliest:
            if not _accepts(ev, "before-state", used):
                add(Problem.at(ev.loc, f"{code} '{ev.kind}' on {ev.date} is before {state.name} "
                               f"began to exist ({state.start})",
                               "correct the date, record it under the state that existed then, or "
                               "add `accept: {before-state: why}`"))
        if state and state.end and ev.date.earliest > state.end.latest:
            if not _accepts(ev, "after-state", used):
                add(Problem.at(ev.loc, f"{code} '{ev.kind}' on {ev.date} is after {state.name} "
                               f"ceased to exist ({state.end})",
                               f"record it under {state.successor or 'the successor state'}, or add "
                               "`accept: {after-state: why}`"))
        if ev.towards:
            for other in ev.towards:
                if other not in t.members:
                    add(Problem.at(ev.loc, f"{code} '{ev.kind}' towards {other}, which is not a member "
                                   f"of '{t.id}'", "name a member state of the same treaty"))
                elif KINDS[ev.kind].relation == "opens":
                    if other in suspended_towards:
                        add(Problem.at(ev.loc, f"{code} suspends its relation with {other} again",
                                       "add a `resumed` event in between, or remove one"))
                    suspended_towards[other] = ev
                elif suspended_towards.pop(other, None) is None:
                    add(Problem.at(ev.loc, f"{code} resumes its relation with {other}, which was "
                                   "not suspended", "add the `suspended` event first"))
            if status is None:
                add(Problem.at(ev.loc, f"{code} '{ev.kind}' on {ev.date} while not a member of '{t.id}'",
                               "add the joined event first"))
            continue
        kind = KINDS[ev.kind]
        new = kind.status
        problem = _transition_problem(ev, status, since)
        if problem:
            add(Problem.at(ev.loc, problem[0], problem[1]))
        if kind.effective and ev.effective and ev.effective.latest < ev.date.earliest:
            add(Problem.at(ev.loc, f"withdrawal of {code} takes effect ({ev.effective}) before it "
                           f"was notified ({ev.date})", "check `date` and `effective`"))
        elif kind.effective and ev.effective and status is not None:
            notice = ev
        if new == UNCHANGED:
            continue
        if new is None:
            notice = None
        status = new
        since = ev
    # A state that ceased to exist cannot stay a member of a treaty that outlived it (a pending
    # withdrawal that takes effect by then ends the membership in time).
    state = ds.states.get(code)
    if state and state.end and status is not None:
        ends = [d for d in (t.ended, notice.effective if notice else None) if d is not None]
        if all(d.earliest > state.end.latest for d in ends):
            loc = since.loc if since else t.loc
            add(Problem.at(loc, f"{state.name} ({code}) ceased to exist on {state.end} but its "
                           f"membership of '{t.id}' never ends",
                           f"add `left: {state.end}` (and a `joined` for "
                           f"{state.successor or 'the successor'} if it continued)"))


def _transition_problem(ev: Event, status: str | None, since: Event | None):
    """Why this event cannot follow the current status, or None (the rules: events.KINDS)."""
    where = f" (since {since.date}, line {since.loc.line})" if since and since.loc else ""
    kind = KINDS[ev.kind]
    if status in kind.refused_from and kind.refusal is not None:
        message, fix = kind.refusal_again if since is not None and kind.refusal_again else kind.refusal
        return (message.format(state=ev.state, treaty=ev.treaty, date=ev.date, kind=ev.kind,
                               status=status, where=where), fix)
    # A membership that ends on the day it began is empty (half-open intervals).
    if kind.ends and since is not None and since.date == ev.date and since.date.exact:
        return (f"{ev.state} left '{ev.treaty}' on the day it joined ({ev.date})",
                "check the dates: half-open intervals make that membership empty")
    return None
