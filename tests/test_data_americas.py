"""Known facts of the Americas' treaties (data/americas.yaml) and of the post-dataset pacts
(data/new-pacts.yaml), read by hand from the sources the data cite (the OAS depositary table A-41,
OAS press releases, agency reports), never from the tool's output.
"""

from datetime import date, timedelta

import pytest

from .facts import cli_json, members


def in_treaty(treaty, state, on):
    return state in members(treaty, on)


# -- OAS Charter -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("state", "day"),
    [
        ("JAM", "1969-08-20"),  # deposit 08/20/69 (UNTS vol. 264 agrees)
        ("BRB", "1967-11-15"),  # deposit 11/15/67
        ("CAN", "1990-01-08"),  # deposit 01/08/90 (signed 11/13/89)
        ("ARG", "1956-04-10"),  # deposit 04/10/56, after entry into force
        ("GUY", "1991-01-08"),
    ],
)
def test_oas_accession_takes_effect_on_the_deposit_day(state, day):
    before = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
    assert members("oas-charter", before).get(state, {}).get("status") != "member"
    assert members("oas-charter", day)[state]["status"] == "member"


def test_oas_founders_bound_from_entry_into_force_13_december_1951():
    assert members("oas-charter", "1951-12-12")["MEX"]["status"] == "signatory"
    on_day = members("oas-charter", "1951-12-13")
    assert on_day["MEX"]["status"] == "member" and on_day["COL"]["status"] == "member"
    assert on_day["USA"]["status"] == "member"  # FRUS: in force for the US on 13 Dec 1951
    assert on_day["CHL"]["status"] == "signatory"  # Chile deposited 06/05/53


def test_jamaica_and_barbados_allied_only_through_the_oas():
    assert cli_json("allies", "Jamaica", "Barbados", "--on", "1969-08-19")["allied"] is False
    answer = cli_json("allies", "Jamaica", "Barbados", "--on", "1969-08-20")
    assert answer["allied"] is True and answer["via"] == ["oas-charter"]


def test_cuba_suspended_from_1962_and_still_after_2009():
    assert members("oas-charter", "1962-01-30")["CUB"]["status"] == "member"
    assert members("oas-charter", "1962-01-31")["CUB"]["status"] == "suspended"
    assert members("oas-charter", "2010-01-01")["CUB"]["status"] == "suspended"


def test_honduras_suspended_2009_to_2011():
    assert members("oas-charter", "2009-07-03")["HND"]["status"] == "member"
    assert members("oas-charter", "2009-07-04")["HND"]["status"] == "suspended"
    assert members("oas-charter", "2011-06-01")["HND"]["status"] == "member"


def test_nicaragua_leaves_the_oas_on_19_november_2023():
    row = members("oas-charter", "2023-11-18")["NIC"]
    assert row["status"] == "member" and row["withdrawal"] == "notified"
    assert not in_treaty("oas-charter", "NIC", "2023-11-19")


def test_venezuela_oas_withdrawal_notified_2017_effective_2019():
    assert members("oas-charter", "2017-04-28")["VEN"]["withdrawal"] == "notified"
    assert in_treaty("oas-charter", "VEN", "2019-04-26")
    assert not in_treaty("oas-charter", "VEN", "2019-04-27")


def test_uruguay_oas_deposit_unknown_is_uncertain_not_no():
    assert cli_json("allies", "Uruguay", "Jamaica", "--on", "1980-01-01")["allied"] == "uncertain"


# -- Act of Chapultepec ------------------------------------------------------------------------
def test_chapultepec_binds_the_twenty_from_8_march_1945_and_argentina_from_its_adherence():
    # both were also bound by the Declaration by United Nations (1942-1945), so look at the Act
    before = cli_json("allies", "USA", "Mexico", "--on", "1945-03-07")["via"] or []
    assert "act-of-chapultepec" not in before
    assert "act-of-chapultepec" in cli_json("allies", "USA", "Mexico", "--on", "1945-03-08")["via"]
    assert "ARG" not in members("act-of-chapultepec", "1945-03-27")
    assert members("act-of-chapultepec", "1945-03-28")["ARG"]["status"] == "member"


def test_chapultepec_ends_when_the_rio_treaty_is_concluded():
    assert "USA" in members("act-of-chapultepec", "1947-09-01")
    assert members("act-of-chapultepec", "1947-09-02") == {}


# -- treaties after the datasets' end (data/new-pacts.yaml) -------------------------------------
def test_falepili_union_in_force_28_august_2024():
    assert cli_json("allies", "Australia", "Tuvalu", "--on", "2024-08-27")["allied"] is False
    answer = cli_json("allies", "Australia", "Tuvalu", "--on", "2024-08-28")
    assert answer["allied"] is True and answer["via"] == ["falepili-union"]


def test_russia_belarus_guarantees_treaty_in_force_13_march_2025():
    before = members("russia-belarus-security-guarantees", "2025-03-12")
    assert before["RUS"]["status"] == "signatory"
    assert members("russia-belarus-security-guarantees", "2025-03-13")["BLR"]["status"] == "member"


@pytest.mark.parametrize(
    ("treaty", "a", "b", "day"),
    [
        ("saudi-pakistan-smda", "SAU", "PAK", "2025-09-17"),
        ("australia-png-pukpuk", "AUS", "PNG", "2025-10-06"),
        ("aes-liptako-gourma", "MLI", "NER", "2023-09-16"),
    ],
)
def test_pacts_whose_entry_into_force_is_unverified_stay_signed_only(treaty, a, b, day):
    rows = members(treaty, "2026-12-01")
    assert rows[a]["status"] == rows[b]["status"] == "signatory"
    assert a not in members(treaty, (date.fromisoformat(day) - timedelta(days=1)).isoformat())
