from datetime import date

import pytest

from alliances.dates import (
    ALL,
    PART,
    SOME,
    UNCERTAIN,
    DateError,
    DateRange,
    PartialDate,
    Period,
    certain_span,
    parse_date,
    parse_period,
    possible_span,
    presence,
)


@pytest.mark.parametrize(
    "text, precision, earliest, latest",
    [
        ("1999", "year", date(1999, 1, 1), date(1999, 12, 31)),
        ("1999-04", "month", date(1999, 4, 1), date(1999, 4, 30)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("1999-04-20", "day", date(1999, 4, 20), date(1999, 4, 20)),
        # a range: some day from the first day of A to the last day of B
        ("1958-10-01..2015-03-19", "range", date(1958, 10, 1), date(2015, 3, 19)),
        ("1958..2015-03", "range", date(1958, 1, 1), date(2015, 3, 31)),
        # open: on or after A, and no date by which it certainly happened
        ("1961-07-20..", "range", date(1961, 7, 20), date(2999, 12, 31)),
    ],
)
def test_partial_dates_keep_their_precision(text, precision, earliest, latest):
    d = parse_date(text)
    assert d.precision == precision
    assert (d.earliest, d.latest) == (earliest, latest)
    assert str(d) == text  # never widened to a day


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("1999-13", "no month 13"),
        ("99-04-20", "not a date"),
        ("1999/04/20", "not a date"),
        ("0012", "outside"),
        ("20 April 1999", "not a date"),
        ("2015..1958", "ends before it begins"),
        ("..2015", "not a date range"),
        ("1958..1960..1970", "not a date range"),
        ("1958..1960-02-30", "in the range '1958..1960-02-30': '1960-02-30' is impossible"),
    ],
)
def test_bad_dates_say_what_is_wrong(text, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


def test_ranges_are_values_that_copy_and_pickle():
    import copy
    import pickle

    d = parse_date("1958-10-01..2015")
    assert isinstance(d, DateRange) and not d.exact
    assert d == DateRange(PartialDate(1958, 10, 1), PartialDate(2015))
    assert d != parse_date("1958-10-01..2016") and d != parse_date("1958-10-01..")
    assert pickle.loads(pickle.dumps(d)) == d and copy.deepcopy(d) == d
    assert hash(d) == hash(parse_date(str(d)))


def test_a_closed_range_is_a_query_period_and_an_open_one_is_not():
    period, _ = parse_period("2018..2022")
    assert (period.first, period.last, str(period)) == (date(2018, 1, 1), date(2022, 12, 31),
                                                        "2018..2022")
    with pytest.raises(DateError, match="has no end"):
        parse_period("2018..")


def test_query_period_from_year_month_day_and_today():
    assert parse_period("2020")[0] == Period(date(2020, 1, 1), date(2020, 12, 31))
    assert parse_period("2020-10-01")[0].is_day
    assert str(parse_period("1998")[0]) == "1998"
    assert parse_period("today", today=date(2026, 11, 29))[0] == Period(date(2026, 11, 29),
                                                                        date(2026, 11, 29))


def _presence(start, end, query):
    s, e = parse_date(start), parse_date(end) if end else None
    return presence([certain_span(s, e)], [possible_span(s, e)], parse_period(query)[0])


@pytest.mark.parametrize(
    "start, end, query, expected",
    [
        # half-open: member on the day of joining, not on the day of leaving
        ("1994-04-20", "1999-04-20", "1994-04-19", None),
        ("1994-04-20", "1999-04-20", "1994-04-20", ALL),
        ("1994-04-20", "1999-04-20", "1999-04-19", ALL),
        ("1994-04-20", "1999-04-20", "1999-04-20", None),
        # imprecise boundary: a day inside it is uncertain, outside it is not
        ("1994-04-20", "1999", "1998-12-31", ALL),
        ("1994-04-20", "1999", "1999-03-01", UNCERTAIN),
        # left on some day of 1999, at the latest on 31 December: not a member that day
        ("1994-04-20", "1999", "1999-12-31", None),
        ("1994-04-20", "1999", "2000-01-01", None),
        ("1999-04", None, "1999-04-15", UNCERTAIN),
        ("1999-04", None, "1999-05-01", ALL),
        # periods: all of it, part of it, part or all of it
        ("1994-04-20", None, "1994", PART),
        ("1994-04-20", None, "1995", ALL),
        ("1994", None, "1994-12", SOME),
        # joined some day in 1994: certainly a member by 31 December, perhaps all year
        ("1994", "1999", "1994", SOME),
        ("1999-12", None, "1999-12-15", UNCERTAIN),
        ("1994-04-20", "1999-04-20", "1999", PART),
        # joined some day in a range: uncertain inside it, certain after it
        ("1958-10-01..2015-03-19", None, "1958-09-30", None),
        ("1958-10-01..2015-03-19", None, "1970", UNCERTAIN),
        ("1958-10-01..2015-03-19", None, "2015-03-19", ALL),
        ("1958-10-01..2015-03-19", None, "2015", SOME),
        # on or after A, not known when: never certain
        ("1961-07-20..", None, "2025", UNCERTAIN),
        ("1961-07-20..", None, "1961-07-19", None),
    ],
)
def test_presence_half_open_and_three_valued(start, end, query, expected):
    assert _presence(start, end, query) == expected


def test_partial_date_equality_is_by_value():
    assert PartialDate(1999) == parse_date("1999")
    assert PartialDate(1999) != parse_date("1999-01-01")


def test_days_in_month_agrees_with_the_calendar_module():
    import calendar

    from alliances.dates import days_in_month

    assert all(days_in_month(y, m) == calendar.monthrange(y, m)[1]
               for y in range(1000, 3000) for m in range(1, 13))
