"""Known facts about the alliances of 1849-1870 in data/1849-1870.yaml, read by hand from the
sources cited on each treaty (treaty texts in Hertslet, Holland and Gibler's reprints, Sybel's
history, the Prussian law gazette, encyclopedias), never from the tool's output.

Crimean War: Britain, France and the Porte signed at Constantinople on 12 March 1854; Sardinia's
convention with the Porte is of 15 March 1855 (Treaty of Paris, Art. 31); the peace was signed on
30 March 1856. The Anglo-French convention was signed at London on 10 April 1854, the Austro-Prussian
treaty at Berlin on 20 April 1854, the treaty of Vienna on 2 December 1854, the November Treaty at
Stockholm on 21 November 1855. The tripartite guarantee of 15 April 1856 was ratified on 29 April.

South America: the Triple Alliance treaty was signed at Buenos Aires on 1 May 1865; Peru and Chile
allied on 5 December 1865, Ecuador joined on 30 January 1866 (its note of 7 February 1866), and the
armistice with Spain was signed at Washington on 11 April 1871.

Germany: the Bregenz meeting was on 11 October 1850 and Olmütz on 29 November 1850; Prussia's
alliances with Württemberg, Baden and Bavaria are of 13, 17 and 22 August 1866 (Haenel) and with
Hesse of 11 April 1867 (LAGIS); the German Empire took effect on 1 January 1871. Prussia and Italy
signed on 8 April 1866.
"""

import pytest

from .facts import members, pair, via


def allies(a, b, on, obligation="defence"):
    return pair(a, b, on, obligation)["allied"]


# -- The Crimean War -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("GBR", "TUR", "1854-03-11", False),  # signed at Constantinople on 12 March 1854
        ("GBR", "TUR", "1854-03-12", True),
        ("FRA", "TUR", "1856-03-29", True),
        ("FRA", "TUR", "1856-03-30", False),  # the Treaty of Paris
        ("ITA", "TUR", "1855-03-14", False),  # Sardinia's convention with the Porte, 15 March 1855
        ("ITA", "TUR", "1855-03-15", True),
    ],
)
def test_constantinople_alliance_defence(a, b, on, expected):
    assert allies(a, b, on) is expected


def test_constantinople_guarantee_runs_to_the_porte_only():
    # Britain and France owe the Porte defence; the treaty gives no defence between them.
    assert via("GBR", "TUR", "1855-01-01") == {"crimean-alliance-1854"}
    assert "crimean-alliance-1854" not in via("GBR", "FRA", "1855-01-01")


def test_london_convention_is_offence_not_defence():
    assert "anglo-french-convention-1854" in via("GBR", "FRA", "1854-04-10", "offence")
    assert "anglo-french-convention-1854" not in via("GBR", "FRA", "1854-04-09", "offence")
    assert "anglo-french-convention-1854" not in via("GBR", "FRA", "1854-04-10", "defence")


def test_austro_prussian_alliance_of_1854_follows_that_of_1851():
    def bilateral(day):  # both were also members of the German Confederation throughout
        return via("AUH", "GMY", day) - {"german-confederation"}
    assert bilateral("1851-05-15") == set()
    assert bilateral("1851-05-16") == {"austro-prussian-alliance-1851"}
    assert bilateral("1854-04-19") == {"austro-prussian-alliance-1851"}
    assert bilateral("1854-04-20") == {"austro-prussian-alliance-1854"}


def test_vienna_treaty_of_2_december_1854():
    assert allies("GBR", "AUH", "1854-12-01") is False
    assert allies("GBR", "AUH", "1854-12-02") is True


def test_november_treaty_guarantees_sweden():
    assert allies("SWE", "GBR", "1855-11-20") is False
    assert allies("SWE", "FRA", "1855-11-21") is True


def test_tripartite_guarantee_binds_from_the_ratifications():
    rows = members("ottoman-guarantee-1856", "1856-04-20")
    assert {r["status"] for r in rows.values()} == {"signatory"}
    rows = members("ottoman-guarantee-1856", "1856-04-29")
    assert set(rows) == {"GBR", "FRA", "AUH"}
    assert {r["status"] for r in rows.values()} == {"member"}
    assert "ottoman-guarantee-1856" in via("GBR", "AUH", "1856-04-29", "offence")


# -- South America -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("BRA", "ARG", "1865-04-30", False),  # Triple Alliance signed 1 May 1865
        ("BRA", "ARG", "1865-05-01", True),
        ("URY", "ARG", "1865-05-01", True),
        ("PER", "CHL", "1865-12-04", False),  # Peru-Chile alliance of 5 December 1865
        ("PER", "CHL", "1865-12-05", True),
        ("ECU", "CHL", "1866-01-29", False),  # Ecuador signed at Quito on 30 January 1866
        ("ECU", "CHL", "1866-01-30", True),
        ("CHL", "PER", "1871-04-10", True),
        ("CHL", "PER", "1871-04-11", False),  # armistice with Spain, Washington, 11 April 1871
        ("PER", "BOL", "1863-11-04", False),  # Peru-Bolivia treaty of 5 November 1863
        ("PER", "BOL", "1863-11-05", True),
    ],
)
def test_south_american_alliances(a, b, on, expected):
    assert allies(a, b, on) is expected


def test_rio_treaty_1859_guarantees_uruguay_one_way():
    assert via("BRA", "URY", "1859-01-02") == {"uruguay-guarantee-1859"}
    assert "uruguay-guarantee-1859" not in via("BRA", "ARG", "1859-01-02")


# -- Germany -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("AUH", "BAV", "1850-10-10", False),  # Bregenz, 11 October 1850
        ("AUH", "WRT", "1850-10-11", True),
        ("BAV", "WRT", "1850-11-28", True),
        ("BAV", "WRT", "1850-11-29", False),  # Olmütz
        ("GMY", "WRT", "1866-08-12", False),  # alliance of 13 August 1866
        ("GMY", "WRT", "1866-08-13", True),
        ("GMY", "BAD", "1866-08-16", False),  # 17 August 1866
        ("GMY", "BAD", "1866-08-17", True),
        ("GMY", "BAV", "1866-08-21", False),  # 22 August 1866
        ("GMY", "BAV", "1866-08-22", True),
        ("GMY", "BAV", "1870-12-31", True),
        ("GMY", "BAV", "1871-01-01", False),  # the German Empire
        ("GMY", "HSG", "1867-04-10", False),  # Hesse, 11 April 1867
        ("GMY", "HSG", "1867-04-11", True),
        # the Grand Duchy stayed a state, and a party, after Upper Hesse entered the North German
        # Confederation in 1867: to the German Empire (Bazille, p. 29)
        ("GMY", "HSG", "1869-06-01", True),
        ("GMY", "HSG", "1870-12-31", True),
        ("GMY", "HSG", "1871-01-01", False),
        ("GMY", "SAX", "1849-05-25", False),  # Three Kings' Alliance, 26 May 1849
        ("GMY", "HAN", "1849-05-26", True),
    ],
)
def test_german_alliances(a, b, on, expected):
    # the German Confederation (1815-1866, data/1815-1848.yaml) also binds these states; the
    # question here is the separate alliances
    assert bool(via(a, b, on) - {"german-confederation"}) is expected


def test_prussia_and_italy_1866_is_offence_only():
    assert "prussian-italian-alliance-1866" in via("GMY", "ITA", "1866-04-08", "offence")
    assert "prussian-italian-alliance-1866" not in via("GMY", "ITA", "1866-04-07", "offence")
    assert allies("GMY", "ITA", "1866-04-08") is False


# -- Italy 1859, Mexico 1861, Poland 1863, Belgium 1870 -------------------------------------------
def test_franco_sardinian_alliance_from_the_turin_text_to_villafranca():
    assert allies("FRA", "ITA", "1859-01-23") is False  # the text is dated Turin, 24 January 1859
    assert allies("FRA", "ITA", "1859-01-24") is True
    assert allies("FRA", "ITA", "1859-07-10") is True
    assert allies("FRA", "ITA", "1859-07-11") is False  # Villafranca, 11 July 1859


def test_russia_owes_france_neutrality_in_1859():
    assert "franco-russian-treaty-1859" in via("RUE", "FRA", "1859-06-01", "neutrality")
    assert allies("RUE", "FRA", "1859-06-01") is False


def test_argentina_and_paraguay_neutral_from_1856():
    assert "argentina-paraguay-1856" not in via("ARG", "PRY", "1856-07-28", "neutrality")
    assert "argentina-paraguay-1856" in via("ARG", "PRY", "1856-07-29", "neutrality")


def test_alvensleben_convention_was_signed_but_never_in_force():
    rows = members("alvensleben-convention-1863", "1863-02-10")
    assert {r["status"] for r in rows.values()} == {"signatory"}
    assert via("GMY", "RUE", "1863-02-10", "any") == set()


def test_belgian_treaties_of_august_1870():
    assert "belgium-treaty-gbr-gmy-1870" not in via("GBR", "GMY", "1870-08-08", "offence")
    assert "belgium-treaty-gbr-gmy-1870" in via("GBR", "GMY", "1870-08-09", "offence")
    assert "belgium-treaty-gbr-fra-1870" not in via("GBR", "FRA", "1870-08-10", "offence")
    assert "belgium-treaty-gbr-fra-1870" in via("GBR", "FRA", "1870-08-11", "offence")


def test_identical_notes_of_1862_make_no_alliance():
    # A diplomatic protest delivered on 2 February 1862 (Sybel): no obligation, so no alliance.
    assert via("AUH", "HAN", "1863-01-01", "any") - {"german-confederation"} == set()
    assert set(members("identical-notes-1862", "1863-01-01")) == {"AUH", "BAV", "WRT", "HAN", "HSG"}


def test_bolivia_adheres_to_the_pacific_alliance_on_19_march_1866():
    # treaty of adherence signed with Chile on 19 March 1866 (Chilean promulgation text)
    assert "pacific-alliance-1865" not in via("BOL", "CHL", "1866-03-18")
    assert "pacific-alliance-1865" in via("BOL", "CHL", "1866-03-19")
    assert "pacific-alliance-1865" in via("BOL", "PER", "1866-03-19")
