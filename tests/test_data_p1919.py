"""Known facts about the alliances that began 1919-1937 (data/1919-1937.yaml).

Expected values are read by hand from the sources cited on each treaty (treaty texts, the US State
Department's annotated Locarno record, the Nuremberg record, contemporary reports), never from the
tool's output. Where an end date rests on ATOP 4.01 alone, the test says so.
"""

import pytest

from .facts import via


# -- Locarno: the Rhineland Pact ----------------------------------------------------------------
# Art. 10: in force when the ratifications were deposited at Geneva and Germany was a League
# member; deposited 14 September 1926. Germany repudiated the treaty on 7 March 1936; France and
# the United Kingdom released Belgium on 24 April 1937.
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("GMY", "FRA", "1925-10-16", False),  # initialled/signed, not yet in force
        ("GMY", "FRA", "1926-09-13", False),
        ("GMY", "FRA", "1926-09-14", True),  # ratifications deposited at Geneva
        ("GMY", "BEL", "1930-01-01", True),
        ("GBR", "FRA", "1930-01-01", True),  # guarantor owes France assistance
        ("ITA", "GMY", "1930-01-01", True),
        ("GBR", "ITA", "1930-01-01", False),  # the two guarantors owe each other nothing
        ("GMY", "FRA", "1936-03-06", True),
        ("GMY", "FRA", "1936-03-07", False),  # Germany's notice and the Rhineland remilitarised
        ("GBR", "BEL", "1937-04-23", True),
        ("GBR", "BEL", "1937-04-24", False),  # Belgium released from its obligations
    ],
)
def test_rhineland_pact(a, b, on, expected):
    assert ("locarno-rhineland-pact" in via(a, b, on)) is expected


def test_rhineland_pact_non_aggression_only_between_germany_and_its_western_neighbours():
    # Art. 2 binds Germany and Belgium, and Germany and France, not France and Belgium.
    assert "locarno-rhineland-pact" in via("GMY", "BEL", "1930-01-01", "non-aggression")
    assert "locarno-rhineland-pact" not in via("FRA", "BEL", "1930-01-01", "non-aggression")


# -- France's guarantee treaties of Locarno: in force with the Rhineland Pact -------------------
@pytest.mark.parametrize(
    ("treaty", "a", "b"),
    [
        ("france-poland-1925", "FRA", "POL"),
        ("france-czechoslovakia-1925", "FRA", "CSK"),
    ],
)
def test_locarno_guarantee_treaties_in_force_14_september_1926(treaty, a, b):
    assert treaty not in via(a, b, "1926-09-13")
    assert treaty in via(a, b, "1926-09-14")


# -- the Little Entente: in force on the exchange of ratifications ------------------------------
@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first"),
    [
        # Belgrade, 14 Aug 1920; ratifications exchanged at Belgrade 10 Feb 1921
        ("czechoslovakia-yugoslavia-1920", "CSK", "YUG", "1921-02-09", "1921-02-10"),
        # Bucharest, 23 Apr 1921; ratifications exchanged at Bucharest 27 May 1921
        ("czechoslovakia-romania-1921", "CSK", "ROU", "1921-05-26", "1921-05-27"),
        # Tallinn, 1 Nov 1923; in force 21 Feb 1924 (the French text's record)
        ("estonia-latvia-1923", "EST", "LVA", "1924-02-20", "1924-02-21"),
        # agreed 7 Sep 1920 by the chiefs of staff, approved by the governments three days later
        ("france-belgium-1920", "FRA", "BEL", "1920-09-09", "1920-09-10"),
    ],
)
def test_in_force_on_ratification(treaty, a, b, before, first):
    assert treaty not in via(a, b, before)
    assert treaty in via(a, b, first)


def test_balkan_pact_in_force_on_signature():
    # Athens, 9 February 1934; effective on the day it was signed.
    assert "balkan-pact-1934" not in via("GRC", "TUR", "1934-02-08")
    assert "balkan-pact-1934" in via("GRC", "TUR", "1934-02-09")
    assert "balkan-pact-1934" in via("ROU", "YUG", "1935-01-01")


def test_czechoslovak_alliances_end_with_the_occupation_of_march_1939():
    # ATOP 4.01's end date: 15 March 1939, the German occupation of Bohemia and Moravia.
    assert "czechoslovakia-romania-1921" in via("CSK", "ROU", "1939-03-14")
    assert "czechoslovakia-romania-1921" not in via("CSK", "ROU", "1939-03-15")


def test_litvinov_protocol():
    # Signed 9 Feb 1929; operative 16 Mar 1929 (Art. 3); Poland and Romania ratified 30 Mar 1929.
    # Non-aggression only, so no defence link.
    assert "litvinov-protocol" not in via("SUN", "LVA", "1929-03-15", "non-aggression")
    assert "litvinov-protocol" in via("SUN", "LVA", "1929-03-16", "non-aggression")
    assert "litvinov-protocol" not in via("SUN", "POL", "1929-03-29", "non-aggression")
    assert "litvinov-protocol" in via("SUN", "POL", "1929-03-30", "non-aggression")
    assert "litvinov-protocol" not in via("SUN", "POL", "1930-01-01")


def test_franco_polish_agreement_waited_for_the_commercial_agreements():
    # Art. 5: not in force until the commercial agreements were concluded (2 August 1923).
    assert "france-poland-1921" not in via("FRA", "POL", "1922-01-01")
    assert "france-poland-1921" in via("FRA", "POL", "1923-08-02")


def test_franco_soviet_treaty_in_force_on_the_exchange_of_ratifications():
    # Paris, 2 May 1935; ratifications exchanged in Moscow on 27 March 1936 (Art. 5).
    assert "france-ussr-1935" not in via("FRA", "SUN", "1935-05-02")
    assert "france-ussr-1935" not in via("FRA", "SUN", "1936-03-26")
    assert "france-ussr-1935" in via("FRA", "SUN", "1936-03-27")


def test_soviet_mongolian_protocol_hands_over_to_the_1946_treaty():
    # Protocol of 12 March 1936; replaced by the treaty of 27 February 1946.
    assert "ussr-mongolia-1936" not in via("SUN", "MNG", "1936-03-11")
    assert "ussr-mongolia-1936" in via("SUN", "MNG", "1936-03-12")
    assert via("SUN", "MNG", "1946-02-26") == {"ussr-mongolia-1936"}
    assert via("SUN", "MNG", "1946-02-27") == {"ussr-mongolia-1946"}


@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first"),
    [
        # ratifications exchanged in Warsaw on 23 December 1932
        ("ussr-poland-1932", "SUN", "POL", "1932-12-22", "1932-12-23"),
        # in force 18 August 1932
        ("ussr-estonia-1932", "SUN", "EST", "1932-08-17", "1932-08-18"),
        # ratifications exchanged in Kaunas on 9 November 1926
        ("ussr-lithuania-1926", "SUN", "LTU", "1926-11-08", "1926-11-09"),
        # ratifications exchanged in Berlin on 29 June 1926
        ("germany-ussr-1926", "GMY", "SUN", "1926-06-28", "1926-06-29"),
        # in force on signature at Nanjing, 21 August 1937
        ("ussr-china-1937", "SUN", "CHN", "1937-08-20", "1937-08-21"),
    ],
)
def test_soviet_pacts_in_force(treaty, a, b, before, first):
    assert treaty not in via(a, b, before, "any")
    assert treaty in via(a, b, first, "any")


def test_soviet_polish_pact_broken_by_the_invasion_of_17_september_1939():
    assert "ussr-poland-1932" in via("SUN", "POL", "1939-09-16", "non-aggression")
    assert "ussr-poland-1932" not in via("SUN", "POL", "1939-09-17", "non-aggression")


def test_greek_turkish_treaty_in_force_on_the_exchange_of_5_october_1931():
    assert "greece-turkey-1930" not in via("GRC", "TUR", "1931-10-04", "neutrality")
    assert "greece-turkey-1930" in via("GRC", "TUR", "1931-10-05", "neutrality")


def test_soviet_persian_treaty_in_force_on_the_exchange_of_23_october_1927():
    assert "ussr-persia-1927" not in via("SUN", "IRN", "1927-10-22", "neutrality")
    assert "ussr-persia-1927" in via("SUN", "IRN", "1927-10-23", "neutrality")


def test_soviet_afghan_treaty_of_1926_hands_over_to_that_of_1931():
    assert via("SUN", "AFG", "1931-06-23", "neutrality") == {"ussr-afghanistan-1926"}
    assert via("SUN", "AFG", "1931-06-24", "neutrality") == {"ussr-afghanistan-1931"}


def test_anti_comintern_pact():
    # Berlin, 25 November 1936, in force on signature (Art. 3); Italy joined on 6 November 1937.
    assert "anti-comintern-pact" in via("GMY", "JPN", "1936-11-25", "consultation")
    assert "anti-comintern-pact" not in via("GMY", "ITA", "1937-11-05", "consultation")
    assert "anti-comintern-pact" in via("GMY", "ITA", "1937-11-06", "consultation")
    # the secret protocol's neutrality bound Germany and Japan only
    assert "anti-comintern-pact" in via("GMY", "JPN", "1938-01-01", "neutrality")
    assert "anti-comintern-pact" not in via("GMY", "ITA", "1938-01-01", "neutrality")


def test_rome_protocols_in_force_12_july_1934_until_the_anschluss():
    assert "rome-protocols-1934" not in via("ITA", "AUT", "1934-07-11", "consultation")
    assert "rome-protocols-1934" in via("ITA", "AUT", "1934-07-12", "consultation")
    assert "rome-protocols-1934" in via("AUT", "HUN", "1938-03-12", "consultation")
    assert "rome-protocols-1934" not in via("AUT", "HUN", "1938-03-13", "consultation")


def test_pact_of_rome_1924_neutrality_for_five_years_from_22_february_1924():
    assert "italy-yugoslavia-1924" not in via("ITA", "YUG", "1924-02-21", "neutrality")
    assert "italy-yugoslavia-1924" in via("ITA", "YUG", "1924-02-22", "neutrality")
    assert "italy-yugoslavia-1924" in via("ITA", "YUG", "1929-02-21", "neutrality")
    assert "italy-yugoslavia-1924" not in via("ITA", "YUG", "1929-02-22", "neutrality")


def test_anti_comintern_agreement_runs_its_five_year_term():
    # Art. III: in force on signature (25 November 1936) for five years.
    assert "anti-comintern-pact" in via("GMY", "JPN", "1941-11-24", "consultation")
    assert "anti-comintern-pact" not in via("GMY", "JPN", "1941-11-25", "consultation")


def test_treaty_of_lana_in_force_15_march_1922_for_five_years():
    assert "austria-czechoslovakia-1921" not in via("AUT", "CSK", "1922-03-14", "neutrality")
    assert "austria-czechoslovakia-1921" in via("AUT", "CSK", "1922-03-15", "neutrality")
    assert "austria-czechoslovakia-1921" in via("AUT", "CSK", "1927-03-14", "neutrality")
    assert "austria-czechoslovakia-1921" not in via("AUT", "CSK", "1927-03-15", "neutrality")


def test_little_entente_pact_of_organisation_in_force_some_day_in_1933():
    # signed 16 Feb 1933; ratified in 1933, the day not found: uncertain inside the range
    assert "little-entente-pact-1933" not in via("CSK", "YUG", "1933-02-15", "consultation")
    assert "little-entente-pact-1933" in via("CSK", "YUG", "1934-01-01", "consultation")


def test_soviet_turkish_treaty_runs_to_the_end_of_its_term_in_november_1945():
    # notice of 19 March 1945 (FRUS 1945 VIII doc. 1183); the treaty expired after 7 November
    # 1945, ten years from the protocol of 7 November 1935 (FRUS 1945 VIII doc. 1223)
    assert "ussr-turkey-1925" in via("TUR", "SUN", "1945-11-06", "neutrality")
    assert "ussr-turkey-1925" not in via("TUR", "SUN", "1945-11-09", "neutrality")


def test_spain_joins_the_anti_comintern_agreement_by_the_protocol_of_27_march_1939():
    # the extension protocol of 25 November 1941 recites Spain's protocol of 27 March 1939
    # and Hungary's of 24 February 1939 (IMTFE record)
    assert "anti-comintern-pact" not in via("GMY", "ESP", "1939-03-26", "consultation")
    assert "anti-comintern-pact" in via("GMY", "ESP", "1939-03-27", "consultation")
    assert "anti-comintern-pact" not in via("GMY", "HUN", "1939-02-23", "consultation")
    assert "anti-comintern-pact" in via("GMY", "HUN", "1939-02-24", "consultation")
