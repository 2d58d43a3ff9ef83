"""Known facts about data/western-bilateral.yaml and data/middle-east.yaml, read by hand.

France: the 1960 quadripartite agreement's provisions on the Congo and Chad were abrogated by the
agreements of 1 January 1974 and 6 March 1976 (Bulletin officiel des armées); the Franco-Gabonese
agreement of 17 August 1960 gave way to the 2010 treaty in force on 1 June 2014; the Togo agreement
entered into force on 8 February 1964 by the exchange of ratifications; the Comoros agreement on
20 October 1982; the Djibouti protocol of 27 June 1977 on 31 October 1982, replaced by the 2011
treaty in force on 1 May 2014; Madagascar took over its common defence on 1 September 1973.
"""

import json

import pytest

from .facts import allied, cli_json


# -- France ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "state, last_day, first_day_out",
    [("Congo", "1973-12-31", "1974-01-01"), ("Chad", "1976-03-05", "1976-03-06")],
)
def test_quadripartite_agreement_ends_for_congo_and_chad(state, last_day, first_day_out):
    assert allied("France", state, last_day) is True
    assert allied("France", state, first_day_out) is False


def test_quadripartite_agreement_binds_the_african_parties_to_each_other():
    assert allied("Central African Republic", "Chad", "1965-01-01") is True
    assert allied("Central African Republic", "Congo", "1975-01-01") is False


def test_car_end_is_an_open_range_after_the_2011_law():
    assert allied("France", "Central African Republic", "2011-04-19") is True
    assert allied("France", "Central African Republic", "2015-01-01") == "uncertain"


@pytest.mark.parametrize("day, expected", [("2014-05-31", True), ("2014-06-01", False)])
def test_gabon_agreement_ends_when_the_2010_treaty_enters_into_force(day, expected):
    assert allied("France", "Gabon", day) is expected


@pytest.mark.parametrize("day, expected", [("1964-02-07", False), ("1964-02-08", True)])
def test_togo_agreement_from_the_exchange_of_ratifications(day, expected):
    assert allied("France", "Togo", day) is expected


def test_senegal_end_known_only_between_bounds():
    assert allied("France", "Senegal", "2014-03-31") is True
    assert allied("France", "Senegal", "2014-06-15") == "uncertain"
    assert allied("France", "Senegal", "2014-10-28") is False


@pytest.mark.parametrize("day, expected", [("1982-10-19", False), ("1982-10-20", True)])
def test_comoros_agreement_from_entry_into_force_not_signature(day, expected):
    assert allied("France", "Comoros", day) is expected


def test_djibouti_protocol_then_2011_treaty_without_a_gap():
    assert allied("France", "Djibouti", "1982-10-30") is False
    assert allied("France", "Djibouti", "1982-10-31") is True
    for day in ("2014-04-30", "2014-05-01", "2020-01-01"):
        assert allied("France", "Djibouti", day) is True
    rows = cli_json("allies", "France", "Djibouti", "--on", "2014-05-01")
    assert "2011" in json.dumps(rows)


@pytest.mark.parametrize("day, expected", [("1973-08-31", True), ("1973-09-01", False)])
def test_madagascar_takes_over_its_defence_on_1_september_1973(day, expected):
    assert allied("France", "Madagascar", day) is expected


# -- United States: the 1959 Agreements of Cooperation --------------------------------------------
@pytest.mark.parametrize("day, expected", [("1959-03-04", False), ("1959-03-05", True)])
def test_us_iran_from_the_ankara_signature(day, expected):
    # the United States was never a full member of the Baghdad Pact/CENTO
    assert allied("United States", "Iran", day) is expected


def test_us_pakistan_agreement_outlives_seato():
    # SEATO was dissolved in 1977; the 1959 agreement was never terminated
    assert allied("United States", "Pakistan", "1990-01-01") is True


def test_us_iran_ends_between_the_two_dataset_dates():
    assert allied("United States", "Iran", "1979-02-10") is True
    assert allied("United States", "Iran", "1979-02-20") == "uncertain"
    assert allied("United States", "Iran", "1979-02-26") is False


# -- United Kingdom ------------------------------------------------------------------------------
def test_treaty_of_guarantee_kept_in_force_after_1974():
    # ATOP ends it in July 1974; the UK said in 2018 it binds all signatories
    assert allied("Cyprus", "United Kingdom", "1960-08-15") is False
    assert allied("Cyprus", "Greece", "1960-08-16") is True
    assert allied("Cyprus", "United Kingdom", "2018-06-05") is True


@pytest.mark.parametrize("day, expected", [("1975-06-15", True), ("1975-06-16", False)])
def test_simonstown_ends_on_16_june_1975(day, expected):
    assert allied("United Kingdom", "South Africa", day) is expected


def test_anglo_libyan_treaty_ends_between_the_two_commons_statements():
    assert allied("United Kingdom", "Libya", "1953-07-29") is True
    assert allied("United Kingdom", "Libya", "1970-02-01") is True
    assert allied("United Kingdom", "Libya", "1970-02-15") == "uncertain"
    assert allied("United Kingdom", "Libya", "1970-03-02") is False


@pytest.mark.parametrize("day, expected", [("1971-10-31", True), ("1971-11-01", False)])
def test_amda_gives_way_to_the_consultative_fpda_on_1_november_1971(day, expected):
    assert allied("United Kingdom", "Malaysia", day) is expected


def test_ceylon_agreement_from_independence_to_1957_known_to_the_year():
    assert allied("United Kingdom", "Sri Lanka", "1948-02-03") is False
    assert allied("United Kingdom", "Sri Lanka", "1948-02-04") is True
    assert allied("United Kingdom", "Sri Lanka", "1957-06-01") == "uncertain"
    assert allied("United Kingdom", "Sri Lanka", "1958-01-01") is False


def test_jordan_treaties_follow_each_other_and_end_13_march_1957():
    assert allied("United Kingdom", "Jordan", "1946-06-16") is False
    assert allied("United Kingdom", "Jordan", "1946-06-17") is True
    assert allied("United Kingdom", "Jordan", "1948-03-15") is True
    assert allied("United Kingdom", "Jordan", "1957-03-12") is True
    assert allied("United Kingdom", "Jordan", "1957-03-13") is False


@pytest.mark.parametrize("day, expected", [("1955-04-04", True), ("1955-04-05", False)])
def test_anglo_iraqi_treaty_ends_when_the_special_agreement_enters_into_force(day, expected):
    # from 5 April 1955 the two are bound by the Baghdad Pact instead (whose own dates for Iraq
    # are known only to the year, so the pair's answer that day is the pact's, not this treaty's)
    via = cli_json("allies", "United Kingdom", "Iraq", "--on", day)["via"]
    assert ("uk-iraq-1930" in via) is expected
