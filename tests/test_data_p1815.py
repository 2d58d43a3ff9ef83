"""Known facts about the alliances of 1815-1848 in data/1815-1848.yaml (issue 20).

Expected values are read by hand from the sources cited on each treaty (treaty texts, histories and
constitutional handbooks), never from the tool's output.
"""

import pytest

from .facts import members, pair, via

GC = "german-confederation"


# -- the German Confederation ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("AUH", "GMY", "1815-06-07", False),  # the Federal Act was signed on 8 June 1815
        ("AUH", "GMY", "1815-06-08", True),
        ("BAD", "BAV", "1815-07-25", False),  # Baden acceded on 26 July 1815
        ("BAD", "BAV", "1815-07-26", True),
        ("WRT", "SAX", "1815-08-31", False),  # Württemberg acceded on 1 September 1815
        ("WRT", "SAX", "1815-09-01", True),
        ("BAV", "AUH", "1830-01-01", True),
        ("HSE", "HSG", "1849-06-01", True),  # powers passed to the Regent; the Bund not dissolved
        ("GMY", "AUH", "1866-06-13", True),
        ("GMY", "AUH", "1866-06-14", False),  # Prussia declared the Federal Act broken
        ("MEC", "SAX", "1866-06-30", True),
        ("MEC", "SAX", "1866-07-01", False),  # Mecklenburg withdrew on 1 July 1866
        ("BAD", "WRT", "1866-08-01", True),
        ("BAD", "WRT", "1866-08-02", False),  # Baden withdrew on 2 August 1866
        ("BAV", "AUH", "1866-08-23", True),
        ("BAV", "AUH", "1866-08-24", False),  # dissolution recognised at Augsburg, 24 August 1866
        ("BAV", "AUH", "1867-01-01", False),
    ],
)
def test_german_confederation(a, b, on, expected):
    assert (GC in via(a, b, on)) is expected


def test_the_personal_unions_did_not_bind_denmark_the_netherlands_or_britain():
    # Art. 1: the kings were members for Holstein and Luxembourg only; war with Denmark in 1848
    for other in ("DNK", "NLD", "GBR"):
        assert GC not in via(other, "AUH", "1840-01-01")


def test_the_federal_assembly_suspended_from_july_1848_until_each_state_returned():
    assert members(GC, "1848-07-11")["AUH"]["status"] == "member"
    assert members(GC, "1848-07-12")["AUH"]["status"] == "suspended"
    assert members(GC, "1850-05-10")["AUH"]["status"] == "member"  # Austria's plenary, 10 May 1850
    assert members(GC, "1850-05-10")["GMY"]["status"] == "suspended"
    assert members(GC, "1851-05-12")["GMY"]["status"] == "member"  # Prussia back, 12 May 1851


# -- Italy 1815 and the Quadruple Alliance ----------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "treaty", "expected"),
    [
        ("AUH", "TUS", "1815-06-11", "austria-tuscany-1815", False),  # signed at Vienna 12 June 1815
        ("AUH", "TUS", "1815-06-12", "austria-tuscany-1815", True),
        ("AUH", "TUS", "1840-01-01", "austria-tuscany-1815", True),
        ("AUH", "TUS", "1849-01-01", "austria-tuscany-1815", False),  # Tuscany at war with Austria
        ("AUH", "SIC", "1818-01-01", "austria-two-sicilies-1815", True),
        ("AUH", "SIC", "1821-01-01", "austria-two-sicilies-1815", False),  # the revolution of 1820
        ("GBR", "RUE", "1815-11-19", "quadruple-alliance-1815", False),  # signed at Paris 20 Nov 1815
        ("GBR", "RUE", "1815-11-20", "quadruple-alliance-1815", True),
        ("GBR", "GMY", "1818-11-01", "quadruple-alliance-1815", True),  # renewed at Aix-la-Chapelle
        ("GBR", "FRA", "1819-01-01", "quadruple-alliance-1815", False),  # France joined the concert only
        ("GBR", "AUH", "1823-01-01", "quadruple-alliance-1815", False),  # lapsed after Verona, 1822
    ],
)
def test_alliances_of_1815(a, b, on, treaty, expected):
    assert (treaty in via(a, b, on)) is expected


# -- the eastern courts, the Ottoman Empire and the Iberian Quadruple Alliance, 1833-1834 ------------
@pytest.mark.parametrize(
    ("a", "b", "on", "treaty", "expected"),
    [
        ("RUE", "TUR", "1833-07-07", "unkiar-skelessi", False),  # signed 8 July 1833
        ("RUE", "TUR", "1833-07-08", "unkiar-skelessi", True),
        ("RUE", "TUR", "1841-07-14", "unkiar-skelessi", False),  # eight years, to July 1841
        ("AUH", "RUE", "1833-10-14", "berlin-convention-1833", False),  # signed 15 October 1833
        ("AUH", "RUE", "1833-10-15", "berlin-convention-1833", True),
        ("GMY", "AUH", "1840-01-01", "berlin-convention-1833", True),
        ("GMY", "AUH", "1848-04-01", "berlin-convention-1833", False),  # the revolutions of March 1848
        ("GMY", "RUE", "1833-10-15", "prussia-russia-1833", False),  # signed 16 October 1833
        ("GMY", "RUE", "1833-10-16", "prussia-russia-1833", True),
        ("AUH", "RUE", "1833-09-19", "munchengratz-poland-1833", True),
        ("AUH", "RUE", "1854-06-03", "munchengratz-poland-1833", False),  # Austria's ultimatum
        ("ESP", "PRT", "1834-04-21", "quadruple-alliance-1834", False),  # signed 22 April 1834
        ("ESP", "PRT", "1834-04-22", "quadruple-alliance-1834", True),
        ("GBR", "ESP", "1839-08-30", "quadruple-alliance-1834", True),
        ("GBR", "ESP", "1839-08-31", "quadruple-alliance-1834", False),  # Convention of Vergara
        ("GBR", "FRA", "1836-01-01", "quadruple-alliance-1834", False),  # France owed no defence
    ],
)
def test_alliances_of_1833_and_1834(a, b, on, treaty, expected):
    assert (treaty in via(a, b, on)) is expected


def test_the_munchengratz_convention_on_turkey_is_consultation_only():
    assert "munchengratz-1833" not in via("AUH", "RUE", "1840-01-01")  # no defence obligation
    assert "munchengratz-1833" in via("AUH", "RUE", "1840-01-01", "consultation")
    assert "munchengratz-1833" not in via("AUH", "RUE", "1853-07-02", "consultation")


# -- Italy 1831-1859 and the Levant 1840 ------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "treaty", "expected"),
    [
        ("AUH", "ITA", "1831-07-22", "austria-sardinia-1831", False),  # signed 23 July 1831
        ("AUH", "ITA", "1831-07-23", "austria-sardinia-1831", True),
        ("AUH", "ITA", "1848-03-24", "austria-sardinia-1831", False),  # Sardinia at war with Austria
        ("GBR", "TUR", "1840-07-14", "london-convention-1840", False),  # signed 15 July 1840
        ("GBR", "TUR", "1840-07-15", "london-convention-1840", True),
        ("AUH", "TUR", "1840-11-26", "london-convention-1840", True),
        ("AUH", "TUR", "1840-11-27", "london-convention-1840", False),  # Mehmet Ali accepted
        ("AUH", "RUE", "1840-08-01", "london-convention-1840", False),  # the powers defend the Sultan
        ("FRA", "GBR", "1840-08-01", "london-convention-1840", False),  # France was not a party
        ("AUH", "MOD", "1847-12-23", "austria-modena-1847", False),
        ("AUH", "MOD", "1850-01-01", "austria-modena-1847", True),
        ("AUH", "MOD", "1859-06-01", "austria-modena-1847", False),
    ],
)
def test_italian_and_levant_alliances(a, b, on, treaty, expected):
    assert (treaty in via(a, b, on)) is expected


# -- smaller alliances of 1816-1846 ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "treaty", "expected"),
    [
        ("NLD", "ESP", "1818-01-01", "netherlands-spain-1816", True),
        ("NLD", "ESP", "1821-01-01", "netherlands-spain-1816", False),
        ("PER", "ECU", "1832-12-26", "pando-novoa", False),  # ratifications exchanged 27 Dec 1832
        ("PER", "ECU", "1832-12-27", "pando-novoa", True),
        ("GBR", "CHN", "1846-04-03", "bocca-tigris-1846", False),  # signed 4 April 1846
        ("GBR", "CHN", "1846-04-04", "bocca-tigris-1846", True),
        ("GBR", "CHN", "1856-10-08", "bocca-tigris-1846", False),  # the Arrow incident
    ],
)
def test_smaller_alliances(a, b, on, treaty, expected):
    assert (treaty in via(a, b, on)) is expected


def test_pando_novoa_signatories_were_not_yet_bound():
    assert members("pando-novoa", "1832-08-01")["PER"]["status"] == "signatory"


@pytest.mark.parametrize(
    ("a", "b", "on", "treaty", "obligation", "expected"),
    [
        ("GBR", "RUE", "1827-07-05", "treaty-of-london-1827", "consultation", False),
        ("GBR", "RUE", "1827-07-06", "treaty-of-london-1827", "consultation", True),  # 6 July 1827
        ("GBR", "RUE", "1829-09-14", "treaty-of-london-1827", "consultation", False),  # Adrianople
        ("GBR", "FRA", "1833-01-01", "france-britain-1832", "offence", True),
        ("GBR", "FRA", "1833-05-21", "france-britain-1832", "offence", False),  # the armistice
        ("BEL", "FRA", "1832-11-09", "belgium-france-1832", "defence", False),  # signed 10 Nov 1832
        ("BEL", "FRA", "1832-11-10", "belgium-france-1832", "defence", True),
    ],
)
def test_greece_and_belgium(a, b, on, treaty, obligation, expected):
    assert (treaty in via(a, b, on, obligation)) is expected


def test_one_way_pledges_still_link_both_states_and_france_consulted_in_1834():
    assert "unkiar-skelessi" in via("TUR", "RUE", "1835-01-01")  # Russia's pledge to the Porte
    assert "belgium-france-1832" in via("BEL", "FRA", "1833-01-01")
    assert "quadruple-alliance-1834" in via("GBR", "FRA", "1836-01-01", "consultation")


def test_the_1844_understanding_and_the_1847_protocol():
    assert "britain-russia-1844" in via("GBR", "RUE", "1845-01-01", "consultation")
    assert "britain-russia-1844" not in via("GBR", "RUE", "1846-06-29", "consultation")  # Peel fell
    assert pair("GBR", "RUE", "1844-06-01", "consultation")["allied"] is not True  # date uncertain
    assert "portugal-pacification-1847" in via("PRT", "ESP", "1847-06-01")
    assert "portugal-pacification-1847" not in via("GBR", "FRA", "1847-06-01")  # pledges to Portugal


def test_parma_repudiated_the_austrian_alliance_in_the_spring_of_1848():
    assert "austria-parma-1848" in via("AUH", "PMA", "1848-03-01")
    assert "austria-parma-1848" not in via("AUH", "PMA", "1848-05-01")  # abdication in April
    assert pair("AUH", "PMA", "1848-04-01")["allied"] is not True  # inside the range: uncertain
