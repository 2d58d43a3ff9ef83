"""Known facts about the ratification steps of three African pacts (data/africa-union.yaml), read
by hand from the sources.

AU Non-Aggression and Common Defence Pact: Mozambique's Assembly of the Republic approved the
resolution ratifying the pact in final reading on Monday 7 April 2008 ("ontem" in Jornalismo
Moçambicano's report dated Tuesday 8 April 2008). A parliamentary approval is not a deposit:
Mozambique stays a signatory until its range of joining (entry into force, 18 December 2009, to
the PANA list of 21 April 2016).

SADC Mutual Defence Pact: South Africa's Portfolio Committee on Defence agreed on 15 February 2005
to ratify the pact with a reservation on Article 8 (PMG). No deposit was found: South Africa stays
a signatory after the entry into force of 17 August 2008.

Great Lakes Pact: South Sudan joined the ICGLR in November 2012 (Pambazuka, 6 November 2013); no
instrument of accession to the Pact was found, so it is not a party on 24 February 2013, the day
from which ATOP 4.01 counts it.
"""

from .facts import allied, cli_json, members


def _events(treaty, state):
    return [e for e in cli_json("history", treaty) if e["state"] == state]


# -- AU Non-Aggression and Common Defence Pact (2005) --------------------------------------------
def test_mozambique_parliament_approved_the_au_pact_on_7_april_2008():
    notes = [e for e in _events("au-non-aggression-pact", "MOZ") if e["event"] == "note"]
    assert [(e["date"], e["precision"]) for e in notes] == [("2008-04-07", "day")]


def test_mozambique_parliamentary_approval_is_not_a_deposit():
    assert members("au-non-aggression-pact", "2008-04-08")["MOZ"]["status"] == "signatory"
    assert members("au-non-aggression-pact", "2009-12-17")["MOZ"]["status"] == "signatory"
    joined = members("au-non-aggression-pact", "2010-06-01")["MOZ"]
    assert joined["certain"] is False
    assert joined["since"] == "2009-12-18..2016-04-21"


# -- SADC Mutual Defence Pact (2003) -------------------------------------------------------------
def test_south_africa_defence_committee_agreed_to_ratify_on_15_february_2005():
    notes = [e for e in _events("sadc-mutual-defence-pact", "ZAF") if e["event"] == "note"]
    assert [(e["date"], e["precision"]) for e in notes] == [("2005-02-15", "day")]


def test_south_africa_stays_a_sadc_pact_signatory_without_a_deposit():
    assert members("sadc-mutual-defence-pact", "2005-02-16")["ZAF"]["status"] == "signatory"
    assert members("sadc-mutual-defence-pact", "2008-08-17")["ZAF"]["status"] == "signatory"


# -- Great Lakes Pact (2006) ---------------------------------------------------------------------
def test_south_sudan_joined_the_icglr_in_november_2012():
    notes = [e for e in _events("great-lakes-pact", "SSD") if e["event"] == "note"]
    assert [(e["date"], e["precision"]) for e in notes] == [("2012-11", "month")]


def test_south_sudan_is_not_a_great_lakes_pact_party_on_atops_date():
    assert "SSD" not in members("great-lakes-pact", "2013-02-24")
    assert allied("South Sudan", "Uganda", "2013-02-24") is False
    assert allied("Burundi", "Uganda", "2013-02-24") is True
