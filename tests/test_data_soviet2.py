"""Known facts about the second batch of Soviet, bloc and Russian treaties (data/soviet-bilateral.yaml
renewals of 1964-1977, data/russia-bilateral.yaml).

Expected values are read by hand from the sources cited on each treaty (treaty texts, official
gazettes, encyclopedias, agency reports; ATOP 4.01 where a note says the date rests on it), never
from the tool's output.
"""

import pytest

from .facts import check_window, cli_json, via
from .facts import pair as allies


# -- Russia and the Central Asian states ---------------------------------------------------------
@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # signed 25 May 1992, in force 9 October 1992 (Nezavisimaya Gazeta); still in force
        ("russia-kazakhstan-1992", "RUS", "KAZ", "1992-10-08", "1992-10-09", "2024-01-01", None),
        # signed in Tashkent on 30 May 1992 (cited by the 2001 air-defence agreement)
        ("russia-uzbekistan-1992", "RUS", "UZB", "1992-05-29", "1992-05-30", "2010-01-01", None),
        # signed in Ashgabat on 31 July 1992; ended 23 April 2002 with the new treaty (ATOP)
        ("russia-turkmenistan-1992", "RUS", "TKM", "1992-07-30", "1992-07-31", "2002-04-22",
         "2002-04-23"),
        # signed 25 May 1993 (CIS Legislation text)
        ("russia-tajikistan-1993", "RUS", "TJK", "1993-05-24", "1993-05-25", "2020-01-01", None),
        # signed in Moscow on 14 November 2005 (RIA Novosti)
        ("russia-uzbekistan-2005", "RUS", "UZB", "2005-11-13", "2005-11-14", "2025-11-14", None),
    ],
)
def test_russia_central_asia_treaties(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after)


def test_kazakhstan_signatory_before_entry_into_force():
    # signed 25 May 1992, not in force until 9 October 1992, and the CST only from 1994
    assert not allies("KAZ", "RUS", "1992-06-01")["allied"]
    assert allies("KAZ", "RUS", "1992-10-09")["allied"]


def test_uzbekistan_and_russia_allied_while_uzbekistan_was_out_of_the_cst():
    # Uzbekistan left the Collective Security Treaty in April 1999 and rejoined the CSTO in 2006;
    # the bilateral treaties of 1992 and 2005 kept the two allied in between.
    assert "russia-uzbekistan-1992" in via("UZB", "RUS", "2003-01-01")
    assert {"russia-uzbekistan-1992", "russia-uzbekistan-2005"} <= via("UZB", "RUS", "2015-01-01")


def test_turkmenistan_never_in_the_cst_but_allied_with_russia_1992_to_2002():
    assert allies("TKM", "RUS", "1995-12-12")["allied"]  # the day of the UN neutrality resolution
    assert not allies("TKM", "RUS", "2002-04-23")["allied"]


# -- the bloc's second- and third-generation treaties, 1964-1977 ---------------------------------
@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # signed in Prague on 6 May 1970 (Federal Assembly print 36); Russia continues from 26 Dec
        # 1991; the link ends when Czechoslovakia ceases to exist on 1 January 1993
        ("ussr-czechoslovakia-1970", "SUN", "CSK", "1970-05-05", "1970-05-06", "1991-12-25",
         "1991-12-26"),
        ("ussr-czechoslovakia-1970", "RUS", "CSK", None, "1991-12-26", "1992-12-31", "1993-01-01"),
        # signed in Bucharest on 24 Feb 1972 (Great Soviet Encyclopedia); ATOP ends it with the
        # Timisoara treaty of 16 Sep 1996
        ("hungary-romania-1972", "HUN", "ROU", "1972-02-23", "1972-02-24", "1996-09-15",
         "1996-09-16"),
        # signed in Warsaw on 1 March 1967; Dziennik Ustaw text valid from 12 May 1967
        ("czechoslovakia-poland-1967", "CSK", "POL", "1967-05-11", "1967-05-12", "1991-10-05",
         "1991-10-06"),
        # GDR-Poland: 15 March 1967, replaced on 28 May 1977 (Great Soviet Encyclopedia, bpb)
        ("gdr-poland-1967", "DDR", "POL", "1967-03-14", "1967-03-15", "1977-05-27", "1977-05-28"),
        ("gdr-poland-1977", "DDR", "POL", "1977-05-27", "1977-05-28", "1990-10-02", "1990-10-03"),
        # the Soviet-Bulgarian treaty of 12 May 1967 passes to Russia until 4 August 1992 (ATOP)
        ("ussr-bulgaria-1967", "RUS", "BGR", "1991-12-25", "1991-12-26", "1992-08-03",
         "1992-08-04"),
    ],
)
def test_bloc_treaties_1964_1977(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after)


def test_czechoslovakia_poland_signatories_before_entry_into_force():
    rows = {r["treaty"]: r for r in cli_json("memberships", "POL", "--on", "1967-04-01")}
    assert rows["czechoslovakia-poland-1967"]["status"] == "signatory"
    assert "czechoslovakia-poland-1947" not in rows  # ended on 1 March 1967, the day of signature


def test_bilateral_treaties_outlive_the_warsaw_pact():
    # The Warsaw Pact was dissolved on 1 July 1991; Hungary and Romania stayed bound by their 1972
    # treaty, Bulgaria and Poland by their 1967 treaty (ATOP's ends: 1996, 1993).
    assert via("HUN", "ROU", "1995-01-01") == {"hungary-romania-1972"}
    assert via("BGR", "POL", "1993-02-24") == {"bulgaria-poland-1967"}
    assert not allies("BGR", "POL", "1993-02-25")["allied"]


def test_predecessors_link_to_the_renewals():
    rows = {r["treaty"]: r for r in cli_json("treaties")}
    assert rows["ussr-poland-1945"]["successor"] == "ussr-poland-1965"
    assert rows["ussr-czechoslovakia-1970"]["predecessor"] == "ussr-czechoslovakia-1943"
    assert rows["hungary-romania-1972"]["predecessor"] == "hungary-romania-1948"


# -- the USSR's treaties of friendship and co-operation with Third-World states ------------------
def via_any(a, b, on):
    return via(a, b, on, "any")


@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # signed in New Delhi on 9 Aug 1971 (The Hindu); Russia continues; ATOP ends it on 28 Jan 1993
        ("ussr-india-1971", "SUN", "IND", "1971-08-08", "1971-08-09", "1991-12-25", "1991-12-26"),
        ("ussr-india-1971", "RUS", "IND", None, "1991-12-26", "1993-01-27", "1993-01-28"),
        # abrogated by Egypt in March 1976 (ATOP: 15 March)
        ("ussr-egypt-1971", "SUN", "EGY", "1971-05-26", "1971-05-27", "1976-03-14", "1976-03-15"),
        # abrogated by Somalia on 13 Nov 1977 (ATOP)
        ("ussr-somalia-1974", "SUN", "SOM", "1974-07-10", "1974-07-11", "1977-11-12", "1977-11-13"),
        # done at Moscow on 3 Nov 1978 (treaty text in Gibler)
        ("ussr-vietnam-1978", "SUN", "VNM", "1978-11-02", "1978-11-03", "1991-12-25", "1991-12-26"),
        # South Yemen merged into the Republic of Yemen on 22 May 1990
        ("ussr-south-yemen-1979", "SUN", "YMD", "1979-10-24", "1979-10-25", "1990-05-21",
         "1990-05-22"),
    ],
)
def test_third_world_treaties(treaty, a, b, before, first, last, after):
    if before:
        assert treaty not in via_any(a, b, before)
    assert treaty in via_any(a, b, first)
    assert treaty in via_any(a, b, last)
    assert treaty not in via_any(a, b, after)


def test_third_world_treaties_are_not_defence_alliances():
    # consultation in case of attack, no obligation of armed assistance (Art. 9 of the Indo-Soviet
    # treaty, Art. 6 of the Soviet-Vietnamese treaty)
    assert not allies("IND", "SUN", "1975-01-01")["allied"]
    assert not allies("VNM", "SUN", "1980-01-01")["allied"]
