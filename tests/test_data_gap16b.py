"""Known facts about the parties to the SADC Mutual Defence Pact, read by hand from the sources
data/africa-union.yaml cites.

The pact entered into force on 17 August 2008 (SARDC); Botswana and Mauritius had ratified by late
2004 (South African parliamentary briefing), so they are parties from that day and not before.
SADC's status of protocols as at 30 July 2013 lists the pact among the agreements Malawi had yet
to ratify (The Nation, Malawi): Malawi is still only a signatory. Angola's National Assembly
approved its accession on 23 February 2011 (RFI), but no deposit was found: Angola is not a party.
"""

import pytest

from .facts import members, via


@pytest.mark.parametrize("day, expected", [("2008-08-16", False), ("2008-08-17", True)])
def test_sadc_pact_binds_its_early_ratifiers_from_the_entry_into_force(day, expected):
    assert ("sadc-mutual-defence-pact" in via("Botswana", "Mauritius", day)) is expected


def test_malawi_had_not_ratified_the_sadc_pact_by_30_july_2013():
    row = members("sadc-mutual-defence-pact", "2013-07-30")["MWI"]
    assert row["status"] == "signatory"
    assert "sadc-mutual-defence-pact" not in via("Malawi", "Botswana", "2013-07-30")


@pytest.mark.parametrize("day", ["2011-02-22", "2011-02-23", "2011-02-24"])
def test_angolas_parliamentary_approval_does_not_make_it_a_party(day):
    assert "AGO" not in members("sadc-mutual-defence-pact", day)
    assert "sadc-mutual-defence-pact" not in via("Angola", "Botswana", day)


def test_dr_congo_approved_the_sadc_pact_only_after_its_entry_into_force():
    # the Senate adopted the ratification law on a Monday 1 February, 2010 or 2016 (CongoPlanete);
    # no deposit was found, so the DR Congo stays a signatory
    assert members("sadc-mutual-defence-pact", "2008-08-17")["COD"]["status"] == "signatory"
    assert members("sadc-mutual-defence-pact", "2016-02-02")["COD"]["status"] == "signatory"
