"""Known facts about the Eastern-bloc treaties of friendship and co-operation with Third World
states (data/eastern-bloc-bilateral.yaml).

Expected values are read by hand from the sources cited on each treaty (the Bulgarian State
Gazette, Darzhaven Vestnik, for ratification and entry into force; Gibler's COW handbook and the
bpb chronicle for signatures; ATOP 4.01 where a note says a date rests on it), never from the
tool's output.
"""

from datetime import date, timedelta

import pytest

from .facts import check_window, members, pair, via

NONAGG = "non-aggression"


# -- Bulgaria: entry into force from the Darzhaven Vestnik --------------------------------------
@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # signed October 1978 in Maputo; in force 24 March 1982 (DV No. 39 of 1982); no end
        ("bulgaria-mozambique-1978", "BGR", "MOZ", "1982-03-23", "1982-03-24", "2018-12-31",
         None),
        # signed 21 January 1983; in force 8 March 1984 (DV No. 28 of 1984); ATOP ends it on
        # 22 April 1992
        ("bulgaria-libya-1983", "BGR", "LBY", "1984-03-07", "1984-03-08", "1992-04-21",
         "1992-04-22"),
        # signed 30 April 1985; in force 23 October 1987 (DV No. 90 of 1987); no end
        ("bulgaria-syria-1985", "BGR", "SYR", "1987-10-22", "1987-10-23", "2018-12-31", None),
    ],
)
def test_bulgarian_treaties(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, obligation=NONAGG)


@pytest.mark.parametrize(
    ("treaty", "state", "on"),
    [
        # between signature and the entry into force the parties are signatories, not members
        ("bulgaria-mozambique-1978", "MOZ", "1980-01-01"),
        ("bulgaria-libya-1983", "LBY", "1983-06-01"),
        ("bulgaria-syria-1985", "BGR", "1986-06-01"),
    ],
)
def test_signatories_before_entry_into_force(treaty, state, on):
    assert members(treaty, on)[state]["status"] == "signatory"


def test_bulgarian_treaties_carry_no_defence_obligation():
    # non-aggression and consultation only: no defence alliance on these treaties alone
    assert "bulgaria-syria-1985" not in via("BGR", "SYR", "1990-01-01")
    assert "bulgaria-syria-1985" in via("BGR", "SYR", "1990-01-01", "consultation")
    assert "bulgaria-libya-1983" not in via("BGR", "LBY", "1990-01-01", "consultation")


# -- the GDR: signatures from the bpb chronicle and Gibler; entry into force not found ----------
@pytest.mark.parametrize(
    ("treaty", "a", "b", "signed", "ended"),
    [
        ("gdr-angola-1979", "DDR", "AGO", "1979-02-19", "1990-10-03"),
        ("gdr-mozambique-1979", "DDR", "MOZ", "1979-02-24", "1990-10-03"),
        ("gdr-ethiopia-1979", "DDR", "ETH", "1979-11-15", "1990-10-03"),
        # South Yemen merged into the Republic of Yemen on 22 May 1990
        ("gdr-south-yemen-1979", "DDR", "YMD", "1979-11-17", "1990-05-22"),
    ],
)
def test_gdr_treaties(treaty, a, b, signed, ended):
    day_before = str(date.fromisoformat(signed) - timedelta(days=1))
    last = str(date.fromisoformat(ended) - timedelta(days=1))
    # not before the signature; certain from 1980 (ATOP's year); gone with the GDR / South Yemen
    check_window(treaty, a, b, day_before, "1980-01-01", last, ended, obligation=NONAGG)
    # between the signature and the end of 1979 the entry into force is uncertain
    assert pair(a, b, signed, NONAGG)["allied"] == "uncertain"
    assert members(treaty, signed)[b]["certain"] is False
    assert members(treaty, "1980-01-01")[b]["certain"] is True


def test_gdr_south_yemen_consultation_from_the_text():
    # Art. 9 of the text: consultation, which ATOP does not code
    assert "gdr-south-yemen-1979" in via("DDR", "YMD", "1985-01-01", "consultation")
    assert "gdr-angola-1979" not in via("DDR", "AGO", "1985-01-01", "consultation")


# -- Hungary and Angola: signed in Budapest on 9 October 1981 (Nógrád, 10 October 1981) ---------
def test_hungary_angola():
    check_window("hungary-angola-1981", "HUN", "AGO", "1981-10-08", "1982-01-01", "2018-12-31",
                 None, obligation=NONAGG)
    assert pair("HUN", "AGO", "1981-10-09", NONAGG)["allied"] == "uncertain"
    # consultation: the report of the signature and ATOP
    assert "hungary-angola-1981" in via("HUN", "AGO", "1985-01-01", "consultation")


# -- Czechoslovakia: signatures from the Federal Assembly's prints; entry into force not found --
@pytest.mark.parametrize(
    ("treaty", "other", "signed", "inside", "ended"),
    [
        # signed at Aden on 14 September 1981 (print 18); ends with South Yemen on 22 May 1990
        ("czechoslovakia-south-yemen-1981", "YMD", "1981-09-14", "1985-01-01", "1990-05-22"),
        # signed in Prague on 9 September 1982 (print 79); ATOP ends it on 15 April 1992
        ("czechoslovakia-libya-1982", "LBY", "1982-09-09", "1985-01-01", "1992-04-15"),
        # signed in Prague on 9 October 1985 (print 185); ends with Czechoslovakia
        ("czechoslovakia-syria-1985", "SYR", "1985-10-09", "1988-01-01", "1993-01-01"),
    ],
)
def test_czechoslovak_treaties(treaty, other, signed, inside, ended):
    day_before = str(date.fromisoformat(signed) - timedelta(days=1))
    last = str(date.fromisoformat(ended) - timedelta(days=1))
    assert treaty not in via("CSK", other, day_before, NONAGG)
    # the open range from the signature: never certain, but listed
    for on in (signed, inside, last):
        answer = pair("CSK", other, on, NONAGG)
        assert answer["allied"] == "uncertain" and treaty in answer["via"]
    assert treaty not in via("CSK", other, ended, NONAGG)


def test_czechoslovak_treaties_not_continued_by_czechia():
    assert "czechoslovakia-syria-1985" not in via("CZE", "SYR", "1993-01-01", NONAGG)
