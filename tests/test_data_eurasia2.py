"""Known facts about the treaties added by the second Europe/Eurasia helper.

Expected values are read by hand from the sources cited on each treaty (ratification laws, the
treaty texts, the US treaty series and FRUS), never from the tool's output.
"""


import pytest

from .facts import member, pair


def allies(a, b, on, obligation="any"):  # these treaties are mostly not defence pacts
    return pair(a, b, on, obligation)


def link(a, b, on, treaty):
    """Both states members of one treaty: True, 'uncertain' or False."""
    answers = {member(a, treaty, on), member(b, treaty, on)}
    if not answers <= {True, "uncertain"}:
        return False
    return "uncertain" if "uncertain" in answers else True


# -- the Shanghai agreement of 26 April 1996 ------------------------------------------------------
SH5 = "shanghai-five-1996"


@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        # signed at Shanghai on 26 April 1996: signatories, not yet bound
        ("RUS", "CHN", "1996-04-26", False),
        # ratified by Kazakhstan 24 Dec 1996 and Russia 26 May 1997; in force by October 2004
        ("KAZ", "CHN", "1997-05-25", False),
        ("KAZ", "CHN", "1997-05-26", "uncertain"),
        ("KAZ", "CHN", "2004-10-28", "uncertain"),
        ("KAZ", "CHN", "2004-10-29", True),
        ("TJK", "KGZ", "2020-01-01", True),
        # Uzbekistan joined the SCO in 2001, not this agreement
        ("UZB", "CHN", "2010-01-01", False),
    ],
)
def test_shanghai_agreement(a, b, on, expected):
    assert link(a, b, on, SH5) == expected


def test_shanghai_signatories_before_entry_into_force():
    assert member("RUS", SH5, "1996-04-26") == "signatory"
    assert member("CHN", SH5, "1997-05-25") == "signatory"
    assert member("RUS", SH5, "1996-04-25") is False


def test_shanghai_agreement_is_non_aggression_only():
    # Art. 1: forces in the border area will not be used to attack another party; no defence
    answer = allies("RUS", "CHN", "2010-01-01", obligation="defence")
    assert SH5 not in (answer["via"] or [])
    assert link("RUS", "CHN", "2010-01-01", SH5) is True


# -- US-Spain Agreement of Friendship and Cooperation, 1970 ---------------------------------------
USESP = "us-spain-1970"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("1970-08-06", False),  # signed at Washington: not yet in force
        ("1970-09-25", False),
        ("1970-09-26", True),  # entered into force
        ("1975-08-31", True),
        ("1975-09-15", "uncertain"),  # expired in September 1975, day not known
        ("1975-10-01", False),
    ],
)
def test_us_spain_1970(on, expected):
    assert link("USA", "ESP", on, USESP) == expected


def test_us_spain_1970_is_consultation_not_defence():
    answer = allies("USA", "ESP", "1972-01-01", obligation="defence")
    assert USESP not in (answer["via"] or [])


# -- Five Power Defence Arrangements, in effect 1 November 1971 -----------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("AUS", "SGP", "1971-10-31", False),  # agreed 16 April 1971, in effect 1 November
        ("AUS", "SGP", "1971-11-01", True),
        ("NZL", "MYS", "2024-01-01", True),
        ("GBR", "SGP", "2024-01-01", True),
    ],
)
def test_fpda(a, b, on, expected):
    assert link(a, b, on, "fpda") == expected


def test_fpda_replaces_amda_and_is_consultation_only():
    # AMDA ends the day the FPDA comes into effect: Malaysia and the UK lose their defence link
    assert link("GBR", "MYS", "1971-10-31", "uk-malaya-amda") is True
    assert link("GBR", "MYS", "1971-11-01", "uk-malaya-amda") is False
    answer = allies("GBR", "MYS", "1972-01-01", obligation="defence")
    assert "fpda" not in (answer["via"] or [])


# -- Anglo-Nigerian Defence Agreement, 1960-1962 ---------------------------------------------------
@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("1960-11-18", False),
        ("1960-11-19", True),  # signature (ATOP 4.01's date)
        ("1962-01-20", True),
        # abrogation announced on 21 (Reuters) or 22 (Hansard) January: the end is one of the two
        ("1962-01-21", "uncertain"),
        ("1962-01-22", False),
    ],
)
def test_uk_nigeria(on, expected):
    assert link("GBR", "NGA", on, "uk-nigeria-1960") == expected


def test_uk_nigeria_is_a_defence_pact():
    assert "uk-nigeria-1960" in allies("GBR", "NGA", "1961-06-01", obligation="defence")["via"]


# -- Croatia-Bosnia Agreement on Friendship and Cooperation, Zagreb, 21 July 1992 ------------------
def test_croatia_bosnia_1992():
    assert link("HRV", "BIH", "1992-07-20", "croatia-bosnia-1992") is False
    assert link("HRV", "BIH", "1992-07-21", "croatia-bosnia-1992") is True
    answer = allies("HRV", "BIH", "1992-08-01", obligation="defence")
    assert "croatia-bosnia-1992" in answer["via"]
