"""Property tests: the sweeps that replace pair-by-pair span comparisons (issue 14) give exactly
what a plain comparison of every pair gives. The plain versions live here, not in the library."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.dates import intersect, overlapping_pairs

DAY0 = date(2000, 1, 1)


def shares_a_day(x, y) -> bool:
    (s1, e1), (s2, e2) = x, y
    s = max(s1, s2)
    ends = [e for e in (e1, e2) if e is not None]
    return not ends or s < min(ends)


def plain_intersect(a, b):
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            ends = [e for e in (e1, e2) if e is not None]
            s, e = max(s1, s2), (min(ends) if ends else None)
            if e is None or s < e:
                out.append((s, e))
    return out


# Spans on a few dozen days, so that starts and ends often coincide; some are empty or inverted
# (a certain span between imprecise dates can be), some never end.
days = st.integers(0, 40).map(lambda n: DAY0 + timedelta(days=n))
spans = st.tuples(days, st.one_of(st.none(), days))
span_lists = st.lists(spans, max_size=25)


@settings(max_examples=400, deadline=None)
@given(a=span_lists, b=span_lists)
def test_overlapping_pairs_of_two_lists_are_the_pairs_that_share_a_day(a, b):
    expected = [(i, j) for i, x in enumerate(a) for j, y in enumerate(b) if shares_a_day(x, y)]
    assert overlapping_pairs(a, b) == expected


@settings(max_examples=400, deadline=None)
@given(a=span_lists)
def test_overlapping_pairs_within_one_list(a):
    expected = [(i, j) for i, x in enumerate(a) for j, y in enumerate(a)
                if i < j and shares_a_day(x, y)]
    assert overlapping_pairs(a) == expected


@settings(max_examples=400, deadline=None)
@given(a=span_lists, b=span_lists)
def test_intersect_gives_every_piece_in_the_plain_order(a, b):
    assert intersect(a, b) == plain_intersect(a, b)


def test_long_lists_are_swept():
    """Lists long enough for the sweep: every other day, against every third."""
    a = [(DAY0 + timedelta(days=2 * i), DAY0 + timedelta(days=2 * i + 1)) for i in range(50)]
    b = [(DAY0 + timedelta(days=3 * i), DAY0 + timedelta(days=3 * i + 2)) for i in range(50)]
    got = intersect(a, b)
    # a day d is in both when d is even and d mod 3 is 0 or 1: 0, 4, 6, 10, 12, ...
    assert [s for s, _ in got] == [DAY0 + timedelta(days=d) for d in range(100)
                                   if d % 2 == 0 and d % 3 in (0, 1)]
    assert got == plain_intersect(a, b)


# -- exclusive_with: the first overlap of two states' memberships ------------------------------
from alliances.dates import DateRange, PartialDate  # noqa: E402
from alliances.model import ALLIED_STATUSES, Dataset, Event, Location, Treaty  # noqa: E402
from alliances.query import derive_segments  # noqa: E402
from alliances.validate import _check_exclusive  # noqa: E402

KINDS_ANY = ["joined", "suspended", "resumed", "left", "observer", "withdrawal_notified", "signed",
             "readmitted"]
NOTES = [None, "Stayed in the Alpha Pact a while.", "A note that waives nothing."]
ACCEPTS = [(), (), (("exclusive-overlap", "Held both for a while."),),
           (("before-signature", "Not the rule in question."),)]


@st.composite
def partial_dates(draw):
    """Days, months, years and ranges, mostly in a few months, so that days often coincide and
    imprecise dates overlap."""
    d = date(2000, 1, 1) + timedelta(days=draw(st.one_of(st.integers(0, 8).map(lambda n: 5 * n),
                                                         st.integers(0, 3 * 365))))
    kind = draw(st.sampled_from(["day", "day", "day", "month", "year", "range", "open"]))
    if kind == "day":
        return PartialDate(d.year, d.month, d.day)
    if kind == "month":
        return PartialDate(d.year, d.month)
    if kind == "year":
        return PartialDate(d.year)
    low = PartialDate(d.year, d.month, d.day)
    if kind == "open":
        return DateRange(low)
    high = d + timedelta(days=draw(st.integers(0, 400)))
    return DateRange(low, PartialDate(high.year, high.month, high.day))


@st.composite
def member_events(draw, treaty: str, code: str):
    """Any events (not necessarily a legal history: validate reports those problems elsewhere)."""
    n = draw(st.integers(0, 8))
    return [Event(treaty, code, draw(partial_dates()), draw(st.sampled_from(KINDS_ANY)),
                  note=draw(st.sampled_from(NOTES)), loc=Location("f.yaml", 10 * i + 1, 1),
                  order=i, accept=draw(st.sampled_from(ACCEPTS)))
            for i in range(n)]


@st.composite
def exclusive_datasets(draw):
    treaties = {}
    for tid, name, others in (("alpha", "Alpha Pact", ("beta",)), ("beta", "Beta Pact", ()),
                              ("gamma", "Gamma Pact", ("alpha", "beta"))):
        ended = draw(st.one_of(st.none(), partial_dates()))
        t = Treaty(tid, name, "treaty", ("defence",), PartialDate(1990), ended=ended,
                   exclusive_with=others, loc=Location("f.yaml", 1, 1))
        for code in draw(st.lists(st.sampled_from(["AAA", "BBB", "CCC"]), unique=True)):
            t.members[code] = draw(member_events(tid, code))
        treaties[tid] = t
    return Dataset(treaties=treaties)


def plain_exclusive(ds):
    """The check as first written: every pair of segments, in order; the first not excused."""
    found = []
    pairs = sorted({tuple(sorted((t.id, ref))) for t in ds.treaties.values()
                    for ref in t.exclusive_with if ref in ds.treaties and ref != t.id})
    for a, b in pairs:
        ta, tb = ds.treaties[a], ds.treaties[b]
        for code in sorted(ta.members.keys() & tb.members.keys()):
            bound_a = [g for g in derive_segments(ta, code)[0] if g.status in ALLIED_STATUSES]
            bound_b = [g for g in derive_segments(tb, code)[0] if g.status in ALLIED_STATUSES]
            for x in bound_a:
                hit = None
                for y in bound_b:
                    if not intersect([x.possible()], [y.possible()]):
                        continue
                    later, other = (x, b) if x.start.earliest >= y.start.earliest else (y, a)
                    if any(rule == "exclusive-overlap" for rule, _ in later.start_event.accept):
                        continue
                    hit = (code, later.treaty, str(later.start), other, later.start_event.loc.line)
                    break
                if hit:
                    found.append(hit)
                    break
    return found


@settings(max_examples=400, deadline=None)
@given(ds=exclusive_datasets())
def test_exclusive_check_reports_what_comparing_every_pair_reports(ds):
    problems = []
    _check_exclusive(ds, problems.append, set())
    got = [(p.what.split()[0], p.what.split("'")[1], p.what.split(" from ")[1].split()[0],
            p.what.split("'")[3], p.line) for p in problems]
    assert got == plain_exclusive(ds)


def _pacts(alpha_events, beta_events):
    alpha = Treaty("alpha", "Alpha Pact", "treaty", ("defence",), PartialDate(1990),
                   exclusive_with=("beta",))
    beta = Treaty("beta", "Beta Pact", "treaty", ("defence",), PartialDate(1990))
    for t, events in ((alpha, alpha_events), (beta, beta_events)):
        t.members["AAA"] = [Event(t.id, "AAA", PartialDate(*d), kind, order=i,
                                  loc=Location("f.yaml", i + 1, 1))
                            for i, (d, kind) in enumerate(events)]
    problems = []
    _check_exclusive(Dataset(treaties={"alpha": alpha, "beta": beta}), problems.append, set())
    return [p.what for p in problems]


def test_leaving_one_pact_and_joining_the_other_on_the_same_day_is_no_overlap():
    # half-open memberships: a state that left Beta on 10 January is not in it that day
    assert _pacts([((2000, 1, 10), "joined")],
                  [((2000, 1, 1), "joined"), ((2000, 1, 10), "left")]) == []
    assert _pacts([((2000, 1, 1), "joined"), ((2000, 1, 10), "left")],
                  [((2000, 1, 10), "joined")]) == []


def test_a_membership_left_on_the_day_it_began_overlaps_nothing():
    # joined and left Alpha on 5 January: no day in Alpha, though Beta holds it all month
    assert _pacts([((2000, 1, 5), "joined"), ((2000, 1, 5), "left")],
                  [((2000, 1, 1), "joined"), ((2000, 2, 1), "left")]) == []
    assert _pacts([((2000, 1, 1), "joined"), ((2000, 2, 1), "left")],
                  [((2000, 1, 5), "joined"), ((2000, 1, 5), "left")]) == []
    # ... but the day after it is a day in both
    assert len(_pacts([((2000, 1, 5), "joined"), ((2000, 1, 6), "left")],
                      [((2000, 1, 1), "joined"), ((2000, 2, 1), "left")])) == 1


# -- the engine: pairs of members, allies of one state, standings --------------------------------
from alliances.dates import Period  # noqa: E402
from alliances.query import Engine, _runs  # noqa: E402

CODES = ["AAA", "BBB", "CCC", "DDD", "EEE"]


@st.composite
def treaty_datasets(draw):
    """One defence treaty: random events (some imprecise, some suspending a relation towards
    another member), sometimes an end date."""
    t = Treaty("t", "T", "treaty", ("defence",), PartialDate(1990),
               ended=draw(st.one_of(st.none(), st.none(), partial_dates())))
    for code in draw(st.lists(st.sampled_from(CODES), unique=True, min_size=1)):
        events = draw(member_events("t", code))
        for i, ev in enumerate(events):
            if draw(st.integers(0, 5)) == 0:  # a relation event towards another state
                events[i] = Event("t", code, ev.date, draw(st.sampled_from(["suspended", "resumed"])),
                                  towards=(draw(st.sampled_from(CODES)),), order=ev.order)
        t.members[code] = events
    return Dataset(treaties={"t": t})


@st.composite
def periods(draw):
    """Days and stretches; often on the days the events favour, so that bounds coincide."""
    grid = st.integers(-1, 9).map(lambda n: 5 * n)
    first = date(2000, 1, 1) + timedelta(days=draw(st.one_of(grid, st.integers(-30, 3 * 365))))
    return Period(first, first + timedelta(days=draw(st.one_of(
        st.just(0), st.just(4), st.just(5), st.integers(0, 800)))))


class PlainEngine(Engine):
    """Looks at every run of a state for a standing, as the engine first did."""

    def _runs_near(self, treaty_id, code, statuses, period):
        return _runs(self.segments(treaty_id, code), statuses)


def plain_pair_spans(engine, treaty_id, codes):
    for i, a in enumerate(codes):
        ca, pa = engine.allied_spans(treaty_id, a)
        for b in codes[i + 1:]:
            cb, pb = engine.allied_spans(treaty_id, b)
            if not plain_intersect(pa, pb):
                continue
            if engine.relations(treaty_id, a) or engine.relations(treaty_id, b):
                certain, possible, _ = engine.link_spans(treaty_id, a, b)
                if not possible:
                    continue
            else:
                certain, possible = plain_intersect(ca, cb), plain_intersect(pa, pb)
            yield a, b, certain, possible


def plain_allies_of(engine, a, period):
    out = {}
    for treaty in engine.qualifying_treaties(["defence"]):
        if a in treaty.members and engine.standing(treaty.id, a, period, ALLIED_STATUSES):
            for b in treaty.members:
                link = engine.link(treaty, a, b, period)
                if link is not None:
                    out.setdefault(b, []).append(link)
    return dict(sorted(out.items()))


def _link_fields(links):
    return {b: [(lk.treaty, lk.presence, lk.a, lk.b, lk.suspended) for lk in ls]
            for b, ls in links.items()}


@settings(max_examples=300, deadline=None)
@given(ds=treaty_datasets())
def test_pair_spans_gives_what_trying_each_pair_gives(ds):
    codes = sorted(ds.treaties["t"].members)
    assert list(Engine(ds).pair_spans("t", codes)) == list(
        plain_pair_spans(PlainEngine(ds), "t", codes))


@settings(max_examples=300, deadline=None)
@given(ds=treaty_datasets(), period=periods(), a=st.sampled_from(CODES))
def test_allies_of_gives_what_linking_each_member_gives(ds, period, a):
    assert _link_fields(Engine(ds).allies_of(a, period)) == _link_fields(
        plain_allies_of(PlainEngine(ds), a, period))


@settings(max_examples=300, deadline=None)
@given(ds=treaty_datasets(), period=periods(), code=st.sampled_from(CODES),
       allied=st.booleans())
def test_standing_gives_what_looking_at_every_run_gives(ds, period, code, allied):
    statuses = ALLIED_STATUSES if allied else None
    got = Engine(ds).standing("t", code, period, statuses)
    expected = PlainEngine(ds).standing("t", code, period, statuses)
    assert (got and vars_of(got)) == (expected and vars_of(expected))


def vars_of(standing):
    return {k: getattr(standing, k) for k in standing.__slots__}
