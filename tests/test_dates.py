from datetime import date

import pytest

from alliances.dates import (
    ALL,
    PART,
    SOME,
    UNCERTAIN,
    DateError,
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
    ],
)
def test_bad_dates_say_what_is_wrong(text, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


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
