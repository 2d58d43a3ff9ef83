"""Known facts about data/middle-east.yaml and data/south-asia.yaml, read by hand from the sources.

The Arab League Pact came into force on 10 May 1945; Kuwait was admitted on 20 July 1961; the
League suspended Egypt on 31 March 1979 and Syria from 16 November 2011 until 7 May 2023. The
Egyptian-Jordanian pact was signed on 30 May 1967 and Iraq joined on 4 June 1967. The Arab
Federation of Iraq and Jordan was proclaimed on 14 February 1958 and dissolved on 2 August 1958.
The Egypt-Israel peace treaty entered into force on the exchange of ratifications on 25 April 1979.
The US-Israel memorandum of 30 November 1981 was suspended by the United States in December 1981.
The India-Bangladesh treaty of 19 March 1972 ran for 25 years; the India-Bhutan treaty of 2007
entered into force on 2 March 2007, replacing that of 1949; Singapore became independent of Malaysia
on 9 August 1965; the Simla Agreement took effect on 4 August 1972.
"""


import pytest

from .facts import cli_json


def allied(a, b, on, *obligations):
    extra = [x for o in obligations for x in ("--obligation", o)]
    return cli_json("allies", a, b, "--on", on, *extra)["allied"]


def status(treaty, state, on):
    rows = cli_json("members", treaty, "--on", on)
    return next((r["status"] for r in rows if r["state"] == state), None)


# -- The Pact of the League of Arab States ---------------------------------------------------------
@pytest.mark.parametrize("day, expected", [("1945-05-09", "signatory"), ("1945-05-10", "member")])
def test_pact_binds_the_founders_from_its_entry_into_force(day, expected):
    assert status("arab-league-pact", "IRQ", day) == expected


@pytest.mark.parametrize("day, expected", [("1961-07-19", None), ("1961-07-20", "member")])
def test_kuwait_joins_the_pact_on_its_admission(day, expected):
    assert status("arab-league-pact", "KWT", day) == expected


@pytest.mark.parametrize(
    "state, day, expected",
    [("EGY", "1979-03-30", "member"), ("EGY", "1979-03-31", "suspended"),
     ("SYR", "2011-11-15", "member"), ("SYR", "2011-11-16", "suspended"),
     ("SYR", "2023-05-06", "suspended"), ("SYR", "2023-05-07", "member")],
)
def test_league_suspensions(state, day, expected):
    assert status("arab-league-pact", state, day) == expected


def test_the_pact_holds_no_defence_obligation():
    # Saudi Arabia and Morocco: in the Pact (consultation) but not in the 1950 treaty with certainty.
    assert allied("Saudi Arabia", "Tunisia", "1990-01-01", "consultation") is True


# -- Arab bilateral and minilateral pacts ----------------------------------------------------------
@pytest.mark.parametrize("day, expected", [("1967-06-03", False), ("1967-06-04", True)])
def test_iraq_joins_the_egyptian_jordanian_pact(day, expected):
    via = cli_json("allies", "Iraq", "Egypt", "--on", day)["via"]
    assert ("egypt-jordan-1967" in via) is expected


@pytest.mark.parametrize("day, expected", [("1958-02-13", False), ("1958-08-01", True),
                                           ("1958-08-02", False)])
def test_arab_federation(day, expected):
    via = cli_json("allies", "Iraq", "Jordan", "--on", day)["via"]
    assert ("arab-federation-1958" in via) is expected


# -- Israel ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("day, expected", [("1979-04-24", False), ("1979-04-25", True)])
def test_egypt_israel_peace_treaty_from_the_exchange_of_ratifications(day, expected):
    assert allied("Egypt", "Israel", day, "non-aggression") is expected


@pytest.mark.parametrize("day, expected", [("1981-11-29", False), ("1981-12-01", True),
                                           ("1985-01-01", False)])
def test_us_israel_memorandum_and_its_suspension(day, expected):
    assert allied("United States", "Israel", day) is expected


# -- South Asia ------------------------------------------------------------------------------------
@pytest.mark.parametrize("day, expected", [("1972-03-18", False), ("1997-03-18", True),
                                           ("1997-03-19", False)])
def test_india_bangladesh_treaty_runs_twenty_five_years(day, expected):
    assert allied("India", "Bangladesh", day, "consultation") is expected


def test_india_bhutan_treaties_succeed_each_other():
    on_eve = cli_json("memberships", "Bhutan", "--on", "2007-03-01")
    on_day = cli_json("memberships", "Bhutan", "--on", "2007-03-02")
    assert {r["treaty"] for r in on_eve} >= {"india-bhutan-1949"}
    assert "india-bhutan-1949" not in {r["treaty"] for r in on_day}
    assert "india-bhutan-2007" in {r["treaty"] for r in on_day}


def test_india_bhutan_1949_is_not_an_alliance():
    assert allied("India", "Bhutan", "1980-01-01", "any") is False


@pytest.mark.parametrize("day, expected", [("1965-08-08", False), ("1965-08-09", True)])
def test_malaysia_singapore_from_singapore_day(day, expected):
    assert allied("Malaysia", "Singapore", day) is expected


@pytest.mark.parametrize("day, expected", [("1972-08-03", False), ("1972-08-04", True)])
def test_simla_agreement_takes_effect(day, expected):
    assert allied("India", "Pakistan", day, "non-aggression") is expected
