"""Property tests: engine invariants on random histories, and a loader that never raises."""

from datetime import date, timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alliances.dates import ALL, PART, SOME, Period, parse_period
from alliances.loading import check
from alliances.model import Dataset, Event, Treaty
from alliances.query import Engine

from .conftest import FIXTURES

KINDS = ["joined", "suspended", "resumed", "left"]


@st.composite
def histories(draw):
    """A valid random history: exact dates, statuses that follow each other legally."""
    days = sorted(set(draw(st.lists(st.dates(date(1990, 1, 1), date(2010, 12, 31)),
                                    min_size=1, max_size=8))))
    events, status = [], None
    for i, d in enumerate(days):
        if status is None:
            kind = "joined"
        elif status == "member":
            kind = draw(st.sampled_from(["suspended", "left"]))
        else:
            kind = draw(st.sampled_from(["resumed", "left"]))
        status = {"joined": "member", "resumed": "member", "suspended": "suspended",
                  "left": None}[kind]
        events.append((d, kind, i))
    return events


def naive_status(events, day):
    """The status on a day, by replaying the events up to and including that day."""
    status = None
    for d, kind, _ in events:
        if d <= day:
            status = {"joined": "member", "resumed": "member", "suspended": "suspended",
                      "left": None}[kind]
    return status


def engine_for(events) -> Engine:
    from alliances.dates import PartialDate

    t = Treaty("t", "T", "treaty", ("defence",), PartialDate(1900))
    t.members["AAA"] = [Event("t", "AAA", PartialDate.from_date(d), k, order=i) for d, k, i in events]
    return Engine(Dataset(treaties={"t": t}))


@settings(max_examples=200, deadline=None)
@given(events=histories(), offset=st.integers(-3, 3))
def test_membership_on_a_day_matches_replaying_the_events(events, offset):
    engine = engine_for(events)
    # probe the day before, of and after each event (half-open bounds), plus some other day
    probes = [d + timedelta(days=offset) for d, _, _ in events]
    for day in probes:
        st_ = engine.standing("t", "AAA", Period(day, day))
        expected = naive_status(events, day)
        assert (st_.status if st_ else None) == expected, (day, events)
        assert st_ is None or st_.presence == ALL


@settings(max_examples=100, deadline=None)
@given(events=histories(), year=st.integers(1989, 2011))
def test_a_period_is_the_union_and_intersection_of_its_days(events, year):
    engine = engine_for(events)
    period = parse_period(str(year))[0]
    days = [period.first + timedelta(days=i) for i in range(period.days())]
    member_days = [naive_status(events, d) is not None for d in days]
    got = engine.standing("t", "AAA", period)
    if all(member_days):
        assert got is not None and got.presence == ALL
    elif any(member_days):
        assert got is not None and got.presence in (PART, SOME)
    else:
        assert got is None


# -- the loader never lets an exception escape ------------------------------------------------
VALID = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_loader_on_mutated_documents_returns_problems_not_exceptions(data, tmp_path_factory):
    text = VALID
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["delete", "insert", "dupline", "swap"]))
        if op == "delete":
            text = text[:pos] + text[pos + data.draw(st.integers(1, 20)):]
        elif op == "insert":
            text = text[:pos] + data.draw(st.sampled_from(
                [":", "-", "[", "{", "&a", "*a", "!!python/object ", "\t", "'", "\n  ", "~", "NO",
                 "2024-02-30", "\x00", "\u00e9"])) + text[pos:]
        else:
            lines = text.splitlines(True)
            i = data.draw(st.integers(0, len(lines) - 1))
            j = data.draw(st.integers(0, len(lines) - 1))
            if op == "dupline":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    path: Path = tmp_path_factory.mktemp("fuzz") / "mutated.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    dataset, problems = check([FIXTURES / "states.yaml", path], bundled=False, env=False)
    assert isinstance(dataset, Dataset)
    for p in problems:  # every problem names its file and says how to fix it
        assert p.file and p.what and p.fix


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10),
                    st.dates().map(str))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["treaties", "states", "as_of", "members", "t1", "AAA",
                                     "events", "date", "event", "name", "joined", "x"]),
                    inner, max_size=4)), max_leaves=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents)
def test_loader_on_random_documents_returns_problems_not_exceptions(doc, tmp_path_factory):
    assume(doc is not None)
    path = tmp_path_factory.mktemp("rand") / "random.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    dataset, problems = check([path], bundled=False, env=False)
    assert isinstance(dataset, Dataset)
