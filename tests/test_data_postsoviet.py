"""Known facts about the treaties of friendship of the Soviet Union's successor states added in the
second wave of issue 16 (data/post-soviet-bilateral.yaml, and the later part of
data/russia-bilateral.yaml), read by hand from the sources cited on each treaty, never from the
tool's output.

Moldova-Ukraine: signed at Chisinau 23 October 1992, in force 5 January 1997 (Moldovan treaty
register).
Tajikistan-Uzbekistan Treaty of Eternal Friendship: signed 15 June 2000; in force by January 2007
(Tajik Foreign Ministry via Asia-Plus), day unknown.
Kazakhstan-Uzbekistan Treaty of Eternal Friendship: signed 31 October 1998; not ratified by
Kazakhstan on 23 March 1999; in force by November 2012 (Kazakh Foreign Ministry).
Russia-Azerbaijan: signed 3 July 1997; Russian ratification law 9 February 1998; in force by April
2012 (foreign ministers' joint statement).
Russia-India: signed 28 January 1993; in force by September 2013 (twentieth anniversary).
Russia-DPRK: signed 9 February 2000; submitted to the Duma for ratification 24 June 2000; ended
4 December 2024 when the 2024 treaty entered into force.
Russia-South Korea Basic Treaty: signed 19 November 1992; in force 7 July 1993 (KOTRA, after the
Korean Foreign Ministry).
Russia-Vietnam: signed 16 June 1994; in force by its 25th anniversary (June 2019).
Azerbaijan-Kazakhstan: 1996 treaty signed 16 September 1996, in force 29 January 1999 (Kazakh
register), ended 24 May 2005 (ATOP); 2005 treaty signed 24 May 2005, not ratified by Kazakhstan on
25 April 2006, day of entry into force unknown (open range).
Azerbaijan-Tajikistan: signed 16 March 2007 (Tajik Foreign Ministry; ATOP says 15 March); in force
by May 2020. Azerbaijan-Belarus: signed 2 May 2007; entry into force not found (open range).
Armenia-Georgia: the 1993 treaty (19 May 1993 per ATOP, "signed six years ago" per RFE/RL in 1999;
ended 23 October 2001 per ATOP); the joint declaration of Wednesday 29 September 1999 (RFE/RL); the
treaty of 23 October 2001, instruments of ratification exchanged on 12 March 2004 (Armenpress).
"""

import pytest

from .facts import members, pair


def link(treaty, a, b, on, obligation):
    """How `treaty` alone links a and b on `on` under `obligation`: "all" (certainly),
    "uncertain", or None when it does not link them. (The link's `allied` field repeats the
    overall answer, which other treaties may make certain, so the link's coverage is read.)"""
    for row in pair(a, b, on, obligation)["links"]:
        if row["treaty"] == treaty:
            return row["coverage"]
    return None


# -- Moldova-Ukraine 1992: a day-exact entry into force ---------------------------------------------
@pytest.mark.parametrize(("on", "expected"), [
    ("1992-10-22", None),          # before the signature
    ("1992-10-23", None),          # signed: signatories, not bound
    ("1997-01-04", None),          # the day before the entry into force
    ("1997-01-05", "all"),         # in force
    ("2025-01-01", "all"),         # still in force
])
def test_moldova_ukraine_neutrality_window(on, expected):
    assert link("moldova-ukraine-1992", "MDA", "UKR", on, "neutrality") == expected


def test_moldova_ukraine_signatories_before_entry_into_force():
    rows = members("moldova-ukraine-1992", "1996-12-31")
    assert rows["MDA"]["status"] == rows["UKR"]["status"] == "signatory"
    rows = members("moldova-ukraine-1992", "1997-01-05")
    assert rows["MDA"]["status"] == rows["UKR"]["status"] == "member"


def test_moldova_ukraine_is_not_a_defence_pact():
    assert link("moldova-ukraine-1992", "MDA", "UKR", "2000-01-01", "defence") is None


# -- ranges: uncertain between the first possible day and the day shown in force ------------------
@pytest.mark.parametrize(("treaty", "a", "b", "obligation", "before", "inside", "certain"), [
    ("tajikistan-uzbekistan-2000", "TJK", "UZB", "defence", "2000-06-14", "2003-01-01", "2007-01-05"),
    ("kazakhstan-uzbekistan-1998", "KAZ", "UZB", "non-aggression", "1999-03-22", "2005-01-01",
     "2012-11-20"),
    ("russia-azerbaijan-1997", "RUS", "AZE", "non-aggression", "1998-02-08", "2000-01-01", "2012-04-30"),
    ("russia-india-1993", "RUS", "IND", "consultation", "1993-01-27", "1995-01-01", "2013-09-11"),
    ("russia-dprk-2000", "RUS", "PRK", "non-aggression", "2000-06-23", "2010-01-01", "2024-06-17"),
    ("russia-vietnam-1994", "RUS", "VNM", "consultation", "1994-06-15", "2000-01-01", "2019-06-16"),
    ("azerbaijan-tajikistan-2007", "AZE", "TJK", "non-aggression", "2007-03-15", "2010-01-01",
     "2020-05-29"),
])
def test_uncertain_entry_into_force(treaty, a, b, obligation, before, inside, certain):
    assert link(treaty, a, b, before, obligation) is None
    assert link(treaty, a, b, inside, obligation) == "uncertain"
    assert link(treaty, a, b, certain, obligation) == "all"


def test_tajikistan_uzbekistan_signed_before_in_force():
    rows = members("tajikistan-uzbekistan-2000", "2000-06-15")
    assert set(rows) == {"TJK", "UZB"}
    assert not rows["TJK"]["certain"]
    assert members("tajikistan-uzbekistan-2000", "2000-06-14") == {}


def test_kazakhstan_uzbekistan_only_signatories_when_ratification_was_proposed():
    rows = members("kazakhstan-uzbekistan-1998", "1999-03-22")
    assert rows["KAZ"]["status"] == rows["UZB"]["status"] == "signatory"


def test_kazakhstan_uzbekistan_1998_has_no_defence_clause():
    assert link("kazakhstan-uzbekistan-1998", "KAZ", "UZB", "2015-01-01", "defence") is None


def test_russia_dprk_2000_ends_when_the_2024_treaty_enters_into_force():
    assert link("russia-dprk-2000", "RUS", "PRK", "2024-12-03", "non-aggression") == "all"
    assert link("russia-dprk-2000", "RUS", "PRK", "2024-12-04", "non-aggression") is None
    # from that day the 2024 treaty carries a defence obligation
    assert link("russia-dprk-2024", "RUS", "PRK", "2024-12-04", "defence") == "all"
    assert link("russia-dprk-2000", "RUS", "PRK", "2015-01-01", "defence") is None


def test_russia_india_1993_has_no_defence_clause():
    assert link("russia-india-1993", "RUS", "IND", "2015-01-01", "defence") is None


# -- Russia-South Korea 1992: a day-exact entry into force -------------------------------------------
@pytest.mark.parametrize(("on", "expected"), [
    ("1992-11-18", None),
    ("1992-11-19", None),          # signed
    ("1993-07-06", None),          # the day before the entry into force
    ("1993-07-07", "all"),
    ("2020-01-01", "all"),
])
def test_russia_rok_non_aggression_window(on, expected):
    assert link("russia-rok-1992", "RUS", "KOR", on, "non-aggression") == expected


def test_russia_rok_has_no_consultation_or_defence_obligation():
    assert link("russia-rok-1992", "RUS", "KOR", "2000-01-01", "consultation") is None
    assert link("russia-rok-1992", "RUS", "KOR", "2000-01-01", "defence") is None


# -- Azerbaijan-Kazakhstan: the 1996 treaty (day-exact) and the 2005 treaty (open range) -----------
@pytest.mark.parametrize(("on", "expected"), [
    ("1996-09-16", None),          # signed
    ("1999-01-28", None),          # the day before the entry into force
    ("1999-01-29", "all"),
    ("2005-05-23", "all"),         # the last day (ATOP)
    ("2005-05-24", None),
])
def test_azerbaijan_kazakhstan_1996_neutrality_window(on, expected):
    assert link("azerbaijan-kazakhstan-1996", "AZE", "KAZ", on, "neutrality") == expected


def test_azerbaijan_kazakhstan_2005_never_certain():
    assert link("azerbaijan-kazakhstan-2005", "AZE", "KAZ", "2006-04-24", "non-aggression") is None
    assert link("azerbaijan-kazakhstan-2005", "AZE", "KAZ", "2006-04-25", "non-aggression") == "uncertain"
    assert link("azerbaijan-kazakhstan-2005", "AZE", "KAZ", "2020-01-01", "non-aggression") == "uncertain"
    rows = members("azerbaijan-kazakhstan-2005", "2005-06-01")
    assert rows["AZE"]["status"] == rows["KAZ"]["status"] == "signatory"


def test_azerbaijan_belarus_2007_open_range():
    assert link("azerbaijan-belarus-2007", "AZE", "BLR", "2007-05-01", "non-aggression") is None
    assert link("azerbaijan-belarus-2007", "AZE", "BLR", "2007-05-02", "non-aggression") == "uncertain"
    assert link("azerbaijan-belarus-2007", "AZE", "BLR", "2025-01-01", "non-aggression") == "uncertain"


# -- Armenia-Georgia ------------------------------------------------------------------------------
@pytest.mark.parametrize(("treaty", "obligation", "on", "expected"), [
    ("armenia-georgia-1993", "non-aggression", "1993-05-18", None),
    ("armenia-georgia-1993", "non-aggression", "1995-01-01", "uncertain"),
    ("armenia-georgia-1993", "non-aggression", "1999-09-29", "all"),
    ("armenia-georgia-1993", "non-aggression", "2001-10-22", "all"),
    ("armenia-georgia-1993", "non-aggression", "2001-10-23", None),
    ("armenia-georgia-1999", "consultation", "1999-09-28", None),
    ("armenia-georgia-1999", "consultation", "1999-09-29", "all"),
    ("armenia-georgia-1999", "consultation", "2020-01-01", "all"),
    ("armenia-georgia-2001", "non-aggression", "2001-10-23", None),   # signed only
    ("armenia-georgia-2001", "non-aggression", "2004-03-11", None),
    ("armenia-georgia-2001", "non-aggression", "2004-03-12", "all"),
    ("armenia-georgia-2001", "non-aggression", "2024-01-01", "all"),
])
def test_armenia_georgia(treaty, obligation, on, expected):
    assert link(treaty, "ARM", "GEO", on, obligation) == expected


def test_armenia_georgia_no_non_aggression_pact_between_2001_and_2004():
    # the 1993 treaty ends with the signature of the 2001 treaty (ATOP), which enters into force in
    # 2004; in between only the 1999 declaration (consultation) links the two
    for treaty in ("armenia-georgia-1993", "armenia-georgia-2001"):
        assert link(treaty, "ARM", "GEO", "2003-01-01", "non-aggression") is None
    assert link("armenia-georgia-1999", "ARM", "GEO", "2003-01-01", "consultation") == "all"


def test_central_asian_eternal_friendship_1997_open_range():
    treaty = "kazakhstan-kyrgyzstan-uzbekistan-1997"
    for a, b in (("KAZ", "KGZ"), ("KAZ", "UZB"), ("KGZ", "UZB")):
        assert link(treaty, a, b, "1997-01-09", "consultation") is None
        assert link(treaty, a, b, "2010-01-01", "consultation") == "uncertain"


def test_russia_armenia_1991_ends_when_the_1997_treaty_is_signed():
    # dates rest on ATOP (29 December 1991 to 29 August 1997); Reuters, 29 August 1997
    assert link("russia-armenia-1991", "RUS", "ARM", "1991-12-28", "non-aggression") is None
    assert link("russia-armenia-1991", "RUS", "ARM", "1994-01-01", "non-aggression") == "uncertain"
    assert link("russia-armenia-1991", "RUS", "ARM", "1997-08-28", "non-aggression") == "all"
    assert link("russia-armenia-1991", "RUS", "ARM", "1997-08-29", "non-aggression") is None


# -- Belarus-Uzbekistan 1991 (in force 21 January 1993) and Georgia-Kazakhstan 1993 (range) -------
@pytest.mark.parametrize(("on", "expected"), [
    ("1992-06-01", None),
    ("1993-01-20", None),
    ("1993-01-21", "all"),
    ("2015-01-01", "all"),
])
def test_belarus_uzbekistan_window(on, expected):
    assert link("belarus-uzbekistan-1991", "BLR", "UZB", on, "non-aggression") == expected


def test_georgia_kazakhstan_1993():
    assert link("georgia-kazakhstan-1993", "GEO", "KAZ", "1993-05-31", "neutrality") is None
    assert link("georgia-kazakhstan-1993", "GEO", "KAZ", "1996-01-01", "neutrality") == "uncertain"
    assert link("georgia-kazakhstan-1993", "GEO", "KAZ", "2000-01-01", "neutrality") == "all"


def test_kyrgyzstan_uzbekistan_1996_range():
    # signed in Tashkent on 24 December 1996 (Atambayev, 24 December 2016); relied on in October 2005
    assert link("kyrgyzstan-uzbekistan-1996", "KGZ", "UZB", "1996-12-23", "consultation") is None
    assert link("kyrgyzstan-uzbekistan-1996", "KGZ", "UZB", "1996-12-24", "consultation") == "uncertain"
    assert link("kyrgyzstan-uzbekistan-1996", "KGZ", "UZB", "2005-10-06", "consultation") == "all"


def test_azerbaijan_uzbekistan_1996_open_range():
    # signed in Baku on 27 May 1996 (Heydar Aliyev, 18 June 1997)
    assert link("azerbaijan-uzbekistan-1996", "AZE", "UZB", "1996-05-26", "non-aggression") is None
    assert link("azerbaijan-uzbekistan-1996", "AZE", "UZB", "1996-05-27", "non-aggression") == "uncertain"
