"""Known facts about China's bilateral treaties of data/china-bilateral.yaml and the Declaration on
the Neutrality of Laos (data/asia-pacific.yaml), read by hand from the sources each treaty cites.

- China-Ghana: signed in Beijing on 18 August 1961 (People's Daily of 22 August 1961); in force on
  the exchange of ratifications at Accra (Art. 4), whose date was not found: uncertain from the
  day after the signature, never certain.
- China-Tanzania: signed in Beijing on 20 February 1965; in force on the exchange of ratifications
  in Dar es Salaam (Art. V), date not found: the same pattern.
- China-India: the 1993 agreement comes into effect as of the date of signature (Art. 9),
  7 September 1993; Art. 1: neither side shall use or threaten to use force against the other.
- Laos: the declaration of 23 July 1962 entered into force on signature; the end on 12 June 1964 is
  ATOP 4.01's date. Laos itself is not a member (ATOP's coding).
"""


import pytest

from .facts import member, via


@pytest.mark.parametrize(
    ("treaty", "state", "on", "expected"),
    [
        ("china-ghana-1961", "GHA", "1961-08-17", False),
        ("china-ghana-1961", "GHA", "1961-08-18", "signatory"),
        ("china-ghana-1961", "CHN", "1961-08-18", "signatory"),
        ("china-ghana-1961", "GHA", "1961-08-19", "uncertain"),
        ("china-ghana-1961", "CHN", "2018-12-31", "uncertain"),
        ("china-tanzania-1965", "TZA", "1965-02-19", False),
        ("china-tanzania-1965", "TZA", "1965-02-20", "signatory"),
        ("china-tanzania-1965", "CHN", "1965-02-21", "uncertain"),
        ("china-tanzania-1965", "TZA", "2018-12-31", "uncertain"),
    ],
)
def test_friendship_treaties_wait_for_the_exchange_of_ratifications(treaty, state, on, expected):
    assert member(state, treaty, on) == expected


@pytest.mark.parametrize(
    ("day", "expected"), [("1993-09-06", False), ("1993-09-07", True), ("2020-06-15", True)]
)
def test_china_india_1993_agreement_in_effect_from_signature(day, expected):
    assert ("china-india-1993" in via("China", "India", day, "non-aggression")) is expected


def test_china_india_1993_agreement_is_not_a_defence_pact():
    assert "china-india-1993" not in via("China", "India", "2000-01-01", "defence")


@pytest.mark.parametrize(
    ("day", "expected"),
    [("1962-07-22", False), ("1962-07-23", True), ("1964-06-11", True), ("1964-06-12", False)],
)
def test_laos_declaration_consultation_from_signature_to_atop_end(day, expected):
    assert ("laos-neutrality-1962" in via("United States", "China", day, "consultation")) is expected


def test_laos_declaration_binds_the_two_vietnams_and_not_laos():
    assert "laos-neutrality-1962" in via("North Vietnam", "South Vietnam", "1963-01-01", "consultation")
    assert member("LAO", "laos-neutrality-1962", "1963-01-01") is False
    assert "laos-neutrality-1962" not in via("United States", "China", "1963-01-01", "defence")


@pytest.mark.parametrize(
    ("a", "b", "treaty", "before", "first"),
    [
        # communiqué signed and effective 24 January 1992 (text on Wikisource)
        ("China", "Israel", "china-israel-1992", "1992-01-23", "1992-01-24"),
        # joint statement of 6 September 1994 (State Council Gazette 1994 No. 20)
        ("China", "Ukraine", "china-ukraine-1994", "1994-09-05", "1994-09-06"),
        # joint statement signed 27 May 2002 during Qarase's visit
        ("China", "Fiji", "china-fiji-2002", "2002-05-26", "2002-05-27"),
        # communiqué: diplomatic relations from 6 July 2006
        ("China", "Montenegro", "china-montenegro-2006", "2006-07-05", "2006-07-06"),
    ],
)
def test_communiques_stating_mutual_non_aggression(a, b, treaty, before, first):
    assert treaty not in via(a, b, before, "non-aggression")
    assert treaty in via(a, b, first, "non-aggression")
    assert treaty in via(a, b, "2018-12-31", "non-aggression")
    assert treaty not in via(a, b, first, "defence")


@pytest.mark.parametrize(
    ("treaty", "state", "on", "expected"),
    [
        # signed 13 September 1960 (third-anniversary reception of 13 September 1963)
        ("china-guinea-1960", "GIN", "1960-09-12", False),
        ("china-guinea-1960", "GIN", "1970-01-01", "uncertain"),
        # signed June 1964 (ATOP: 9 June); ATOP's end at Yemeni unification, 22 May 1990
        ("china-yemen-1964", "YEM", "1964-06-08", False),
        ("china-yemen-1964", "YEM", "1980-01-01", "uncertain"),
        ("china-yemen-1964", "CHN", "1990-05-21", "uncertain"),
        ("china-yemen-1964", "YEM", "1990-05-22", False),
    ],
)
def test_friendship_treaties_whose_texts_were_not_read(treaty, state, on, expected):
    assert member(state, treaty, on) == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2005-05-24", False), ("2010-01-01", "uncertain"), ("2013-09-08", "uncertain"),
     ("2013-09-09", False)],
)
def test_china_uzbekistan_2005_treaty_to_atop_end(on, expected):
    # signed 25 May 2005 (2007 joint communiqué); ATOP ends it when the 2013 treaty was signed
    assert member("UZB", "china-uzbekistan-2005", on) == expected
