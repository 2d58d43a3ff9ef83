"""Known facts about the ratifications of two African pacts (data/africa-union.yaml), read by hand
from the sources (third wave, December 2026).

Great Lakes Pact (Nairobi, 15 December 2006; in force Saturday 21 June 2008): OAG Burundi's report
of Thursday 29 May 2008 names Sudan, Angola and Zambia as the only three states that had not yet
ratified when the eighth instrument was reached; no later ratification or deposit of theirs was
found, so they stay signatories (a dated note on each). Uganda is among the eight ratifiers in the
UN's list of 24 June 2008 and in OAG's report of 29 May 2008 (the ICGLR statement relayed by The
New Times leaves it out); it is a party from the entry into force.

AU Non-Aggression and Common Defence Pact (Abuja, 31 January 2005; in force 18 December 2009):
Ghana's Parliament adopted the resolution ratifying the pact on Wednesday 27 June 2007 (Ghanadot,
Accra, 28 June 2007). A parliamentary approval is not a deposit: Ghana stays a signatory until its
range of joining (the entry into force to the PANA list of Thursday 21 April 2016).
"""

from .facts import check_window, cli_json, members, via


def _events(treaty, state):
    return [e for e in cli_json("history", treaty) if e["state"] == state]


def _notes(treaty, state):
    return [(e["date"], e["precision"]) for e in _events(treaty, state) if e["event"] == "note"]


# -- Great Lakes Pact (2006) ---------------------------------------------------------------------
def test_angola_sudan_zambia_had_not_ratified_on_29_may_2008():
    for state in ("AGO", "SDN", "ZMB"):
        assert _notes("great-lakes-pact", state) == [("2008-05-29", "day")], state


def test_angola_sudan_zambia_signatories_from_nairobi():
    for state in ("AGO", "SDN", "ZMB"):
        assert state not in members("great-lakes-pact", "2006-12-14")
        assert members("great-lakes-pact", "2006-12-15")[state]["status"] == "signatory"


def test_the_note_of_29_may_2008_changes_nothing():
    for on in ("2008-05-28", "2008-05-29", "2008-06-20", "2008-06-21", "2024-01-01"):
        for state in ("AGO", "SDN", "ZMB"):
            row = members("great-lakes-pact", on)[state]
            assert row["status"] == "signatory", (state, on)
            assert row["status_since"] == "2006-12-15", (state, on)


def test_angola_sudan_zambia_not_allied_by_the_great_lakes_pact():
    # Burundi is a party from 21 June 2008; the three signatories are not linked to it by the pact
    check_window("great-lakes-pact", "Burundi", "Uganda", "2008-06-20", "2008-06-21", "2024-01-01", None)
    for other in ("Angola", "Sudan", "Zambia"):
        for on in ("2008-06-21", "2015-01-01", "2024-01-01"):
            assert "great-lakes-pact" not in via("Burundi", other, on), (other, on)


def test_uganda_a_party_from_the_entry_into_force():
    assert members("great-lakes-pact", "2008-06-20")["UGA"]["status"] == "signatory"
    row = members("great-lakes-pact", "2008-06-21")["UGA"]
    assert (row["status"], row["certain"], row["since"]) == ("member", True, "2008-06-21")
    check_window("great-lakes-pact", "Uganda", "Kenya", "2008-06-20", "2008-06-21", "2024-01-01", None)


# -- AU Non-Aggression and Common Defence Pact (2005) --------------------------------------------
def test_ghana_parliament_approved_the_au_pact_on_27_june_2007():
    assert _notes("au-non-aggression-pact", "GHA") == [("2007-06-27", "day")]


def test_ghana_parliamentary_approval_is_not_a_deposit():
    for on in ("2007-06-26", "2007-06-27", "2007-06-28", "2009-12-17"):
        row = members("au-non-aggression-pact", on)["GHA"]
        assert row["status"] == "signatory", on
        assert row["status_since"] == "2005-03-08", on


def test_ghana_joins_on_an_uncertain_day_up_to_the_april_2016_list():
    first = members("au-non-aggression-pact", "2009-12-18")["GHA"]
    assert (first["status"], first["certain"]) == ("member", False)
    assert first["since"] == "2009-12-18..2016-04-21"
    assert members("au-non-aggression-pact", "2016-04-20")["GHA"]["certain"] is False
    last = members("au-non-aggression-pact", "2016-04-21")["GHA"]
    assert (last["status"], last["certain"]) == ("member", True)


def test_the_four_signatories_outside_the_2016_list_stay_signatories():
    for state in ("BEN", "ETH", "LBR", "COM"):
        row = members("au-non-aggression-pact", "2024-01-01")[state]
        assert row["status"] == "signatory", state
