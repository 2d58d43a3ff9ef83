"""Known facts about the European and Eurasian instruments in data/europe-eurasia.yaml.

Expected values are read by hand from the sources cited on each treaty (OSCE pages and press
releases, foreign ministries, treaty texts, encyclopedias), never from the tool's output.
"""

import json

import pytest
from typer.testing import CliRunner

from alliances.cli import app

from .facts import cli_json, pair
from .facts import via as any_via

runner = CliRunner()


def allies(a, b, on, obligation="any"):  # these treaties are mostly not defence pacts
    return pair(a, b, on, obligation)


def via(a, b, on, obligation="any"):
    return any_via(a, b, on, obligation)


def members(treaty, on):
    result = runner.invoke(app, ["--quiet", "members", treaty, "--on", on, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- the Helsinki Final Act ----------------------------------------------------------------------
HFA = "helsinki-final-act"


@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("USA", "SUN", "1975-07-31", False),  # signed at Helsinki on 1 August 1975
        ("USA", "SUN", "1975-08-01", True),
        ("VAT", "TUR", "1975-08-01", True),  # the Holy See signed as a participating State
        ("DEU", "DDR", "1990-10-02", True),
        ("DEU", "DDR", "1990-10-03", False),  # the GDR ceased to exist
        ("FRA", "RUS", "1991-12-26", True),  # Russia continued the USSR's participation
        ("EST", "FIN", "1991-09-09", False),  # Baltic states admitted in Moscow, 10 Sep 1991
        ("EST", "FIN", "1991-09-10", True),
        ("KAZ", "CAN", "1992-01-29", False),  # admitted at the Prague Council, 30 January 1992
        ("KAZ", "CAN", "1992-01-30", True),
        ("GEO", "ARM", "1992-03-23", False),  # Georgia admitted in Helsinki, 24 March 1992
        ("GEO", "ARM", "1992-03-24", True),
        ("BIH", "HRV", "1992-04-29", False),  # Bosnia and Herzegovina admitted 30 April 1992
        ("BIH", "HRV", "1992-04-30", True),
        ("CZE", "SVK", "1993-01-01", True),
        ("MKD", "GRC", "1995-10-11", False),  # North Macedonia joined 12 October 1995
        ("MKD", "GRC", "1995-10-12", True),
        ("MNG", "CHN", "2020-01-01", False),  # China is not a participating State
        ("MNG", "RUS", "2012-11-20", False),  # Mongolia admitted 21 November 2012
        ("MNG", "RUS", "2012-11-21", True),
    ],
)
def test_helsinki_participation(a, b, on, expected):
    assert (HFA in via(a, b, on)) is expected


def test_the_fry_was_not_a_participating_state_from_1992_to_its_admission_in_2000():
    # suspended in July 1992; admitted as a new participating State on 10 November 2000
    assert HFA not in via("SCG", "HRV", "1995-06-01")
    assert HFA not in via("SCG", "HRV", "2000-11-09")
    assert HFA in via("SCG", "HRV", "2000-11-10")
    # Serbia continued Serbia and Montenegro's participation; Montenegro admitted 21 June 2006
    assert HFA in via("SRB", "HRV", "2006-06-05")
    assert HFA not in via("MNE", "SRB", "2006-06-20")
    assert HFA in via("MNE", "SRB", "2006-06-21")


def test_albania_admission_is_known_only_to_the_two_days_of_the_berlin_council():
    answer = allies("ALB", "GRC", "1991-06-19")
    assert answer["allied"] is not True
    assert HFA in via("ALB", "GRC", "1991-06-21")
    assert HFA not in via("ALB", "GRC", "1991-06-18")


def test_helsinki_is_non_aggression_only_so_no_defence_alliance():
    assert HFA not in via("USA", "SUN", "1980-01-01", obligation="defence")


def test_fifty_seven_participating_states_today():
    # 57 participating States since Mongolia (Austrian foreign ministry, 21 November 2012)
    assert len(members(HFA, "2020-01-01")) == 57
    # 35 signatories in 1975
    assert len(members(HFA, "1976-01-01")) == 35


# -- the Balkan Pact: Ankara 1953 and Bled 1954 --------------------------------------------------
def test_ankara_treaty_signed_then_in_force_after_the_last_ratification():
    # signed 28 Feb 1953; Turkey ratified last, on 18 May 1953 (FRUS); day of exchange unknown
    assert "balkan-pact-1953" not in via("GRC", "YUG", "1953-05-17")
    assert allies("GRC", "YUG", "1953-06-01")["allied"] is not True  # inside the range: uncertain
    # in force by the Bled treaty of 9 August 1954, until 4 April 1964 (Gibler, ATOP)
    assert "balkan-pact-1953" in via("GRC", "TUR", "1954-08-10")
    assert "balkan-pact-1953" in via("YUG", "TUR", "1964-04-03")
    assert "balkan-pact-1953" not in via("YUG", "TUR", "1964-04-04")


def test_bled_alliance_is_a_defence_pact_whose_entry_into_force_is_unknown():
    answer = allies("GRC", "YUG", "1960-01-01", obligation="defence")
    assert answer["allied"] is not True and answer["allied"] is not False  # uncertain, not yes
    assert "balkan-pact-1954" in via("GRC", "YUG", "1960-01-01", obligation="defence")
    assert not allies("GRC", "YUG", "1964-04-04", obligation="defence")["allied"]


# -- Dayton/Paris 1995 --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("BIH", "SCG", "1995-11-21", False),  # only initialled at Dayton
        ("BIH", "SCG", "1995-12-13", False),
        ("BIH", "SCG", "1995-12-14", True),  # signed in Paris, in force on signature (Art. XI)
        ("HRV", "SRB", "2006-06-05", True),  # Serbia continues Serbia and Montenegro
        ("HRV", "MNE", "2010-01-01", False),  # Montenegro is not a party
    ],
)
def test_dayton_agreement(a, b, on, expected):
    assert ("dayton-gfap" in via(a, b, on)) is expected


# -- SCO Treaty on Long-Term Good-Neighbourliness ------------------------------------------------
def test_sco_treaty_binds_from_entry_into_force_not_signature():
    # signed at Bishkek 16 August 2007; in force 31 October 2012 (Kazakhstan treaty bulletin)
    assert "sco-good-neighbourliness" not in via("CHN", "UZB", "2012-10-30")
    assert "sco-good-neighbourliness" in via("CHN", "UZB", "2012-10-31")
    assert "sco-good-neighbourliness" not in via("CHN", "UZB", "2013-01-01", obligation="defence")


# -- Azerbaijan and Turkey, 2010 ------------------------------------------------------------------
def test_azerbaijan_turkey_2010_signed_then_in_force_on_an_unknown_day_after_ratification():
    # signed 16 August 2010; ratified 21 December 2010 and 2 February 2011 (Wikipedia). The pair is
    # allied anyway by the 1994 treaty (gap-bilateral-2.yaml), so the 2010 agreement is checked itself.
    before = {r["state"]: r for r in cli_json("members", "azerbaijan-turkey-2010", "--on", "2011-02-01")}
    assert before["AZE"]["status"] == "signatory" and before["TUR"]["status"] == "signatory"
    rows = {r["state"]: r for r in cli_json("members", "azerbaijan-turkey-2010", "--on", "2015-01-01")}
    assert rows["AZE"]["status"] == "member"
    assert rows["AZE"]["certain"] is False  # day of entry into force not found: uncertain
