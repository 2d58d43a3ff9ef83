"""Known facts about the African multilateral pacts added from data/africa-union.yaml and
data/africa.yaml by the third African data pass, read by hand from the sources.

AU Non-Aggression and Common Defence Pact: adopted at Abuja on 31 January 2005, in force on
18 December 2009 (AfricanLII); Algeria signed at Khartoum on 21 January 2006 (Almanach DZ); the
Angolan foreign minister named the 17 states that had ratified by 21 April 2016 (PANA), among
them Senegal and Chad but not Benin, Ethiopia, Liberia or the Comoros.

SADC Mutual Defence Pact: signed at Dar es Salaam on 26 August 2003 (IRIN; South African
memorandum), in force on 17 August 2008 (SARDC); Botswana, Mauritius and Tanzania had ratified by
late 2004, Angola had not signed (parliamentary briefing).

UAM Defence Pact: the twelve Brazzaville Group states, Tananarive, September 1961 (day 9 per ATOP
4.01); the UAM became the economic-only UAMCE in March 1964 (day 10 per ATOP); Art. 5 is a mutual
defence clause (Gibler's text).

Great Lakes Pact: signed at Nairobi on 15 December 2006 by eleven heads of state (PA-X); in force
on Saturday 21 June 2008 after eight ratifications (Burundi, CAR, DR Congo, Kenya, Congo, Rwanda,
Tanzania, Uganda; UN News); Angola, Sudan and Zambia had not ratified then.

Arab Maghreb Union: treaty signed at Marrakesh on 17 February 1989 by five heads of state, in
force on 1 July 1989 (UNECA); Art. 14 deems aggression against one an aggression against all.
"""



from .facts import allied, members


# -- AU Non-Aggression and Common Defence Pact (2005) --------------------------------------------
def test_au_pact_binds_no_one_before_its_entry_into_force():
    assert allied("Senegal", "Chad", "2009-12-17") is False


def test_au_pact_algeria_a_signatory_from_khartoum():
    assert "DZA" not in members("au-non-aggression-pact", "2006-01-20")
    assert members("au-non-aggression-pact", "2006-01-21")["DZA"]["status"] == "signatory"


def test_au_pact_ratifiers_allied_by_the_april_2016_list():
    # the deposit days are unknown: uncertain after the entry into force, certain by the list
    assert allied("Senegal", "Chad", "2012-01-01") == "uncertain"
    assert allied("Senegal", "Chad", "2016-04-21") is True


def test_au_pact_signatories_not_in_the_list_are_not_allied():
    assert members("au-non-aggression-pact", "2016-05-01")["BEN"]["status"] == "signatory"
    assert members("au-non-aggression-pact", "2016-05-01")["ETH"]["status"] == "signatory"
    assert allied("Ethiopia", "Senegal", "2016-05-01") is False


# -- SADC Mutual Defence Pact (2003) -------------------------------------------------------------
def test_sadc_pact_early_ratifiers_allied_from_entry_into_force():
    assert allied("Botswana", "Tanzania", "2008-08-16") is False
    assert allied("Botswana", "Tanzania", "2008-08-17") is True


def test_sadc_pact_south_africa_a_signatory_from_dar_es_salaam():
    assert "ZAF" not in members("sadc-mutual-defence-pact", "2003-08-25")
    assert members("sadc-mutual-defence-pact", "2003-08-26")["ZAF"]["status"] == "signatory"


def test_sadc_pact_angola_never_signed():
    assert "AGO" not in members("sadc-mutual-defence-pact", "2010-01-01")


# -- Defence Pact of the African and Malagasy Union (1961) ----------------------------------------
def test_uam_pact_allies_the_founders_from_tananarive():
    assert allied("Madagascar", "Senegal", "1961-09-08") is False
    assert allied("Madagascar", "Senegal", "1961-09-09") is True


def test_uam_pact_ends_with_the_turn_to_economic_cooperation():
    assert allied("Madagascar", "Cameroon", "1964-03-09") is True
    assert allied("Madagascar", "Cameroon", "1964-03-10") is False


def test_uam_pact_togo_joined_some_day_in_july_1963():
    assert allied("Togo", "Madagascar", "1963-06-30") is False
    assert allied("Togo", "Madagascar", "1963-07-15") == "uncertain"
    assert allied("Togo", "Madagascar", "1963-08-01") is True


# -- Great Lakes Pact (2006) ---------------------------------------------------------------------
def test_great_lakes_pact_ratifiers_allied_from_21_june_2008():
    assert allied("Kenya", "Burundi", "2008-06-20") is False
    assert allied("Kenya", "Burundi", "2008-06-21") is True


def test_great_lakes_pact_zambia_only_a_signatory():
    assert members("great-lakes-pact", "2008-06-21")["ZMB"]["status"] == "signatory"


# -- Arab Maghreb Union (1989) -------------------------------------------------------------------
def test_amu_signatories_allied_from_the_entry_into_force():
    assert members("Arab Maghreb Union", "1989-02-17")["MAR"]["status"] == "signatory"
    # the Arab League's JDEC makes some Maghreb pairs only 'uncertain' allies; the AMU settles it
    assert members("Arab Maghreb Union", "1989-06-30")["MRT"]["status"] == "signatory"
    assert members("Arab Maghreb Union", "1989-07-01")["MRT"]["status"] == "member"
    assert allied("Mauritania", "Tunisia", "1989-07-01") is True
