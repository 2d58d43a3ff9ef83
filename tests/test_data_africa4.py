"""Known facts about the bilateral and minilateral African pacts of data/africa-bilateral.yaml,
read by hand from the sources.

ECCAS Mutual Assistance Pact: signed at Malabo on 24 February 2000 by the eleven ECCAS states
(Nguimbi; UN release DC/2894); no entry into force found, counted from the signature as ATOP does;
Rwanda's part ends on 5 June 2007 (ATOP 4.01), after it left ECCAS in 2007.

ANAD: signed at Abidjan on 9 June 1977 by the six CEAO states and Togo (ECOWAS 1999 protocol,
preamble); Benin was only an observer; ended 9 October 2000 (ATOP 4.01).

Union of African States: charter signed at Accra on 29 April 1961, in effect on its publication on
1 July 1961 (International Organization, 1962); ended 25 May 1963 (Gibler; ATOP).

Senegambia: signed 17 December 1981, in force 1 February 1982 (Universalis), dissolved
30 September 1989.

Kenya-Ethiopia: signed on 12 December 1963, the day of Kenya's independence (Ethiopian Ministry of
Defence).

Nairobi Agreement: Sudan and Uganda, 8 December 1999 (Carter Center). Sudan-South Sudan MoU:
10 February 2012, in effect on signature (JPSM record). Luanda pact: Angola, DR Congo, Namibia and
Zimbabwe, April 1999 (8 April per ATOP) to 14 August 2001 (ATOP). Guinea-Liberia: 23 January 1979
(Gibler) to 20 November 1986 (ATOP).
"""



from .facts import allied, cli_json, members


# -- ECCAS Mutual Assistance Pact (2000) ---------------------------------------------------------
def test_eccas_pact_binds_from_malabo():
    assert members("eccas-mutual-assistance-pact", "2000-02-23") == {}
    assert len(members("eccas-mutual-assistance-pact", "2000-02-24")) == 11


def test_eccas_pact_links_gabon_and_angola():
    assert allied("Gabon", "Angola", "2000-02-23") is False
    assert allied("Gabon", "Angola", "2000-02-24") is True


def test_eccas_pact_rwanda_leaves_in_2007():
    assert allied("Rwanda", "Gabon", "2007-06-04") is True
    assert allied("Rwanda", "Gabon", "2007-06-05") is False


# -- ANAD (1977) ---------------------------------------------------------------------------------
def test_anad_links_togo_and_niger_from_abidjan():
    assert allied("Togo", "Niger", "1977-06-08") is False
    assert allied("Togo", "Niger", "1977-06-09") is True


def test_anad_observer_benin_is_not_a_member():
    assert "BEN" not in members("anad", "1990-01-01")
    assert len(members("anad", "1990-01-01")) == 7


def test_anad_ends_in_october_2000():
    assert "MLI" in members("anad", "2000-10-08")
    assert members("anad", "2000-10-09") == {}


# -- Union of African States (1961) --------------------------------------------------------------
def test_uas_signatories_until_publication_of_the_charter():
    assert members("union-of-african-states", "1961-06-30")["GIN"]["status"] == "signatory"
    assert allied("Ghana", "Mali", "1961-06-30") is False
    assert allied("Ghana", "Mali", "1961-07-01") is True


def test_uas_ends_with_the_oau_charter():
    assert allied("Ghana", "Guinea", "1963-05-24") is True
    assert allied("Ghana", "Guinea", "1963-05-25") is False


# -- Senegambia (1981) ---------------------------------------------------------------------------
def test_senegambia_in_force_on_1_february_1982():
    assert members("senegambia-confederation", "1982-01-31")["GMB"]["status"] == "signatory"
    assert allied("Senegal", "Gambia", "1982-01-31") is False
    assert allied("Senegal", "Gambia", "1982-02-01") is True


def test_senegambia_dissolved_30_september_1989():
    assert "SEN" in members("senegambia-confederation", "1989-09-29")
    assert members("senegambia-confederation", "1989-09-30") == {}


# -- Kenya-Ethiopia (1963) -----------------------------------------------------------------------
def test_kenya_ethiopia_allied_from_kenyan_independence():
    assert allied("Kenya", "Ethiopia", "1963-12-12") is True
    assert allied("Kenya", "Ethiopia", "1990-01-01") is True


# -- Nairobi Agreement (1999) and the Sudan-South Sudan MoU (2012) -------------------------------
def test_nairobi_agreement_is_non_aggression_only():
    assert members("uganda-sudan-1999", "1999-12-07") == {}
    assert set(members("uganda-sudan-1999", "1999-12-08")) == {"SDN", "UGA"}
    result = cli_json("allies", "Uganda", "Sudan", "--on", "2000-01-01")
    assert result["allied"] is False


def test_sudan_south_sudan_mou_from_signature():
    assert members("sudan-south-sudan-2012", "2012-02-09") == {}
    assert set(members("sudan-south-sudan-2012", "2012-02-10")) == {"SDN", "SSD"}


# -- Luanda pact (1999) and Guinea-Liberia (1979) ------------------------------------------------
def test_luanda_pact_links_namibia_and_the_drc_until_2001():
    assert allied("Namibia", "Democratic Republic of the Congo", "1999-04-07") is False
    assert allied("Namibia", "Democratic Republic of the Congo", "1999-04-08") is True
    assert "NAM" not in members("drc-allies-defence-pact-1999", "2001-08-14")


def test_guinea_liberia_pact_1979_to_1986():
    assert allied("Guinea", "Liberia", "1979-01-22") is False
    assert allied("Guinea", "Liberia", "1979-01-23") is True
    assert members("guinea-liberia-1979", "1986-11-20") == {}


# -- Soviet friendship treaties, continued by Russia ---------------------------------------------
def test_soviet_angolan_treaty_passes_to_russia():
    assert members("ussr-angola-1976", "1976-10-07") == {}
    assert set(members("ussr-angola-1976", "1976-10-08")) == {"SUN", "AGO"}
    assert set(members("ussr-angola-1976", "1991-12-26")) == {"RUS", "AGO"}


def test_soviet_syrian_treaty_still_in_effect_for_russia():
    # the Russian foreign ministry, October 2020
    assert set(members("ussr-syria-1980", "2020-10-08")) == {"RUS", "SYR"}


def test_soviet_friendship_treaties_are_no_defence_alliances():
    assert allied("Russia", "Syria", "2015-01-01") is False
    assert allied("Soviet Union", "Ethiopia", "1980-01-01") is False
