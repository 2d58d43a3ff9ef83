"""Known facts of the Americas' and Asia-Pacific treaties added in data/americas.yaml and
data/asia-pacific.yaml, read by hand from the sources the data cite (treaty texts, government and
agency pages, encyclopedia tables), never from the tool's output.
"""

from datetime import date, timedelta

import pytest

from .facts import cli_json, members


def status(treaty, state, on):
    return members(treaty, on).get(state, {}).get("status")


def day_before(day):
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


# -- Treaty of Amity and Cooperation in Southeast Asia ----------------------------------------
def test_tac_founders_signatories_until_entry_into_force_22_june_1976():
    assert status("tac", "IDN", "1976-02-23") is None
    assert status("tac", "IDN", "1976-02-24") == "signatory"
    assert status("tac", "THA", "1976-06-21") == "signatory"
    assert status("tac", "THA", "1976-06-22") == "member"


@pytest.mark.parametrize(
    ("state", "day"),
    [
        ("USA", "2009-07-22"),  # Clinton signed the instrument of accession at Phuket (State Dept)
        ("CHN", "2003-10-08"),  # Bali summit
        ("IND", "2003-10-08"),
        ("BRN", "1984-01-07"),  # the day Brunei joined ASEAN
        ("AUS", "2005-12-10"),
    ],
)
def test_tac_accession_takes_effect_on_its_day(state, day):
    assert status("tac", state, day_before(day)) is None
    assert status("tac", state, day) == "member"


def test_tac_links_china_and_japan_only_under_non_aggression():
    # Japan acceded on 2 July 2004, China on 8 October 2003; the TAC has no defence clause.
    assert cli_json("allies", "China", "Japan", "--on", "2010-01-01")["allied"] is False
    answer = cli_json(
        "allies", "China", "Japan", "--on", "2004-07-02", "--obligation", "non-aggression"
    )
    assert answer["allied"] is True and "tac" in answer["via"]
    before = cli_json(
        "allies", "China", "Japan", "--on", "2004-07-01", "--obligation", "non-aggression"
    )
    assert "tac" not in before["via"]


# -- OECS (Treaty of Basseterre), RSS ------------------------------------------------------------
def test_oecs_members_from_signature_and_associated_states_from_independence():
    on_signature = members("oecs-basseterre", "1981-06-18")
    assert {"DMA", "GRD", "LCA", "VCT"} <= set(on_signature)
    assert "ATG" not in on_signature  # an associated state until 1 November 1981
    assert status("oecs-basseterre", "ATG", "1981-11-01") == "member"
    assert status("oecs-basseterre", "KNA", "1983-09-18") is None
    assert status("oecs-basseterre", "KNA", "1983-09-19") == "member"


def test_grenada_and_saint_lucia_allied_through_the_oecs_in_october_1983():
    # Neither is a party to the Rio Treaty; both are OAS members (Grenada 1975, Saint Lucia 1979),
    # so the OAS Charter also links them; the OECS must be among the links.
    answer = cli_json("allies", "Grenada", "Saint Lucia", "--on", "1983-10-21")
    assert answer["allied"] is True and "oecs-basseterre" in answer["via"]


def test_barbados_joins_the_eastern_caribbean_pacts_only_with_the_rss_1996():
    assert status("rss-treaty", "BRB", "1996-03-04") is None
    assert status("rss-treaty", "BRB", "1996-03-05") == "member"
    assert "BRB" not in members("oecs-basseterre", "1996-03-05")
    answer = cli_json("allies", "Barbados", "Dominica", "--on", "1997-01-01")
    assert "rss-treaty" in answer["via"]


# -- Cuba-DPRK 1986, the Tripartite Accord 1988 --------------------------------------------------
def test_cuba_and_north_korea_allied_from_11_march_1986():
    assert cli_json("allies", "Cuba", "North Korea", "--on", "1986-03-10")["allied"] is False
    answer = cli_json("allies", "Cuba", "North Korea", "--on", "1986-03-11")
    assert answer["allied"] is True and answer["via"] == ["cuba-dprk-1986"]


def test_tripartite_accord_is_non_aggression_from_22_december_1988():
    assert cli_json("allies", "Cuba", "South Africa", "--on", "1989-01-01")["allied"] is False
    args = ("allies", "Cuba", "South Africa", "--obligation", "non-aggression")
    assert "tripartite-accord-1988" not in cli_json(*args, "--on", "1988-12-21")["via"]
    assert "tripartite-accord-1988" in cli_json(*args, "--on", "1988-12-22")["via"]


# -- Asian treaties of friendship and non-aggression -----------------------------------------
@pytest.mark.parametrize(
    ("treaty", "state", "signed", "in_force"),
    [
        # NPC Standing Committee Gazette 1961 no. 7: ratifications exchanged 13 Nov 1961
        ("china-nepal-1960", "NPL", "1960-04-28", "1961-11-13"),
        # Philippine treaty series notes: in force on the exchange of ratifications
        ("india-philippines-1952", "IND", "1952-07-11", "1954-04-29"),
        ("philippines-turkey-1949", "TUR", "1949-06-13", "1950-09-28"),
        ("philippines-roc-1947", "TWN", "1947-04-18", "1947-10-24"),
        # Swiss SR 0.142.116.451: ratifications exchanged and in force 9 Dec 1957
        ("philippines-switzerland-1956", "CHE", "1956-08-30", "1957-12-09"),
    ],
)
def test_friendship_treaty_binds_from_the_exchange_of_ratifications(treaty, state, signed, in_force):
    assert status(treaty, state, day_before(signed)) is None
    assert status(treaty, state, signed) == "signatory"
    assert status(treaty, state, day_before(in_force)) == "signatory"
    assert status(treaty, state, in_force) == "member"


def test_philippines_roc_treaty_ends_when_manila_recognises_beijing():
    assert status("philippines-roc-1947", "PHL", "1975-06-08") == "member"
    assert status("philippines-roc-1947", "PHL", "1975-06-09") is None


def test_sino_burmese_treaty_end_is_uncertain_between_the_datasets_dates():
    assert status("china-burma-1960", "MMR", "1967-06-27") == "member"
    assert "MMR" not in members("china-burma-1960", "1967-10-06")


def test_inter_korean_basic_agreement_effective_19_february_1992():
    assert status("korea-basic-agreement", "PRK", "1992-02-18") == "signatory"
    assert status("korea-basic-agreement", "PRK", "1992-02-19") == "member"


def test_sino_japanese_treaty_in_force_on_the_tokyo_exchange():
    assert status("china-japan-1978", "JPN", "1978-10-22") == "signatory"
    assert status("china-japan-1978", "JPN", "1978-10-23") == "member"


@pytest.mark.parametrize(
    ("treaty", "state", "day"),
    [
        ("china-malaysia-1974", "MYS", "1974-05-31"),  # Wikisource text; gov.cn
        ("china-philippines-1975", "PHL", "1975-06-09"),  # Wikisource text
        ("china-thailand-1975", "THA", "1975-07-01"),  # signed and in effect that day
        ("china-png-1976", "PNG", "1976-10-12"),  # 2022 joint statement
    ],
)
def test_china_joint_communiques_bind_from_their_day(treaty, state, day):
    assert status(treaty, state, day_before(day)) is None
    assert status(treaty, state, day) == "member"
    assert status(treaty, "CHN", day) == "member"


def test_australia_indonesia_security_agreements():
    ams = "australia-indonesia-ams-1995"
    assert status(ams, "IDN", "1996-07-14") == "signatory"
    assert status(ams, "IDN", "1996-07-15") == "member"
    assert status(ams, "AUS", "1999-09-14") == "member"
    assert "AUS" not in members(ams, "1999-09-16")  # cancelled 15 or 16 September 1999
    assert status("lombok-treaty", "AUS", "2008-02-06") == "signatory"
    assert status("lombok-treaty", "AUS", "2008-02-07") == "member"


def test_treaty_of_tarawa_in_force_on_the_suva_exchange():
    assert status("us-kiribati-1979", "KIR", "1983-09-22") == "signatory"
    assert status("us-kiribati-1979", "KIR", "1983-09-23") == "member"
    args = ("allies", "United States", "Kiribati", "--obligation", "consultation")
    assert "us-kiribati-1979" in cli_json(*args, "--on", "1990-01-01")["via"]
