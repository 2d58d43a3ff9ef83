"""Known facts about the African treaties in data/africa.yaml, read by hand from the sources.

ECOWAS defence protocol: signed at Freetown on 29 May 1981, in force in September 1986 (month
only); Mauritania's year's notice of withdrawal from ECOWAS, announced on 26 December 1999, lapsed
on Tuesday 26 December 2000; Burkina Faso, Mali and Niger ceased to be ECOWAS members on
29 January 2025 (66th summit communiqué).
"""


import pytest

from .facts import allied, cli_json, members


# -- ECOWAS Protocol relating to Mutual Assistance on Defence (1981) -----------------------------
def test_pmad_signatories_are_not_yet_allied_before_entry_into_force():
    rows = members("ECOWAS Defence Protocol", "1985-01-01")
    assert rows["GHA"]["status"] == "signatory" and rows["NGA"]["status"] == "signatory"
    assert allied("Ghana", "Nigeria", "1986-08-31") is False


def test_pmad_entry_into_force_known_to_the_month_only():
    # "came into force in September 1986": a day inside the month is uncertain, after it certain
    assert allied("Ghana", "Nigeria", "1986-09-15") == "uncertain"
    assert allied("Ghana", "Nigeria", "1986-10-01") is True
    assert allied("Senegal", "Togo", "2018-06-30") is True


def test_pmad_mali_and_cape_verde_never_signed():
    rows = members("pmad", "1995-01-01")
    assert "MLI" not in rows and "CPV" not in rows


@pytest.mark.parametrize("day, expected", [("2000-12-25", True), ("2000-12-26", False)])
def test_mauritania_leaves_with_its_ecowas_withdrawal(day, expected):
    assert allied("Senegal", "Mauritania", day) is expected


def test_mauritania_withdrawal_pending_during_its_notice_year():
    row = members("pmad", "2000-06-01")["MRT"]
    assert row["status"] == "member" and row["withdrawal"] == "announced"


@pytest.mark.parametrize("state", ["BFA", "NER"])
def test_sahel_states_leave_on_29_january_2025(state):
    assert members("pmad", "2025-01-28")[state]["withdrawal"] == "announced"
    assert state not in members("pmad", "2025-01-29")


def test_guinea_bissau_is_an_uncertain_party():
    # ATOP lists it, a thesis says it did not sign: an open range answers "uncertain", never "yes"
    assert allied("Senegal", "Guinea-Bissau", "1995-01-01") == "uncertain"
    assert allied("Senegal", "Guinea", "1995-01-01") is True


# -- ECOWAS Protocol on Non-Aggression (1978) ----------------------------------------------------
def nonagg(a, b, on):
    return cli_json("allies", a, b, "--on", on, "--obligation", "non-aggression")["allied"]


def test_pna_parties_are_never_certain_and_never_before_signature():
    assert nonagg("Senegal", "Nigeria", "1978-04-21") is False
    assert nonagg("Senegal", "Nigeria", "1990-01-01") == "uncertain"
    assert allied("Cape Verde", "Mali", "1990-01-01") is False  # no defence obligation in the PNA


def test_pna_niger_only_from_1987():
    assert nonagg("Niger", "Nigeria", "1987-10-22") is False
    assert nonagg("Niger", "Nigeria", "1988-01-01") == "uncertain"


@pytest.mark.parametrize("state, last, gone", [("MRT", "2000-12-25", "2000-12-26"),
                                               ("MLI", "2025-01-28", "2025-01-29")])
def test_pna_ends_with_ecowas_withdrawal(state, last, gone):
    assert state in members("ecowas-pna", last)
    assert state not in members("ecowas-pna", gone)
