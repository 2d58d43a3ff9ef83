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
