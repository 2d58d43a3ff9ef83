"""Known facts about the alliances of data/1815-1945-more-any.yaml (early 1815, and the pre-1945
non-defence obligations) and the Litvinov Protocol's adherents.

Expected values are read by hand from the sources cited on each treaty (treaty texts, FRUS, the
Great Soviet Encyclopedia, Gibler's collection), never from the tool's output. Where a date rests
on ATOP 4.01 alone, the test says so.
"""

import pytest

from .facts import members, via


# -- the secret treaty of Vienna, 3 January 1815 (signature) to 8 February 1815 ---------------
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("GBR", "FRA", "1815-01-02", False),
        ("GBR", "FRA", "1815-01-03", True),  # signed by Castlereagh, Metternich, Talleyrand
        ("AUH", "FRA", "1815-02-07", True),
        ("AUH", "FRA", "1815-02-08", False),  # the agreement on Saxony (Gibler, ATOP)
        ("BAV", "GBR", "1815-01-12", False),  # accession days are ATOP 4.01's (member file)
        ("BAV", "GBR", "1815-01-13", True),
        ("NLD", "AUH", "1815-01-30", False),
        ("NLD", "AUH", "1815-01-31", True),
    ],
)
def test_secret_treaty_of_vienna(a, b, on, expected):
    assert ("secret-treaty-of-vienna-1815" in via(a, b, on)) is expected


def test_austria_and_ferdinand_allied_against_murat_from_29_april_1815():
    # Offence: the King of the Two Sicilies joins Austria's war against Murat's Naples.
    assert "austria-two-sicilies-april-1815" not in via("AUH", "SIC", "1815-04-28", "offence")
    assert "austria-two-sicilies-april-1815" in via("AUH", "SIC", "1815-04-29", "offence")
    # replaced on 12 June 1815 by the treaty of alliance of that day
    on_12_june = via("AUH", "SIC", "1815-06-12", "any")
    assert "austria-two-sicilies-april-1815" not in on_12_june
    assert "austria-two-sicilies-1815" in on_12_june


# -- the Central American General Treaty of Peace and Amity, 7 February 1923 ------------------
# FRUS 1933 doc. 635: the Costa Rican and Salvadoran denunciations (December 1932) take effect on
# 1 January 1934; FRUS 1934 doc. 502: the other three keep it in force among themselves.
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("GTM", "HND", "1923-02-06", False),
        ("GTM", "HND", "1923-02-07", True),
        ("CRI", "GTM", "1933-12-31", True),  # denounced, not yet effective
        ("CRI", "GTM", "1934-01-01", False),
        ("SLV", "NIC", "1933-12-31", True),
        ("SLV", "NIC", "1934-01-01", False),
        ("GTM", "HND", "1934-01-01", True),
        ("HND", "NIC", "1940-01-01", True),
    ],
)
def test_central_american_treaty_of_1923(a, b, on, expected):
    assert ("central-american-peace-amity-1923" in via(a, b, on, "non-aggression")) is expected


def test_costa_ricas_denunciation_is_shown_pending_in_1933():
    row = members("central-american-peace-amity-1923", "1933-06-01")["CRI"]
    assert row["status"] == "member" and row["withdrawal"] == "notified"


# -- the Four-Power Treaty: signed 13 Dec 1921, ratifications deposited 17 Aug 1923 -------------
@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("1921-12-13", False),  # signatories only
        ("1923-08-16", False),
        ("1923-08-17", True),
        ("1931-09-18", True),
        ("1931-09-19", False),  # ATOP 4.01's end (Mukden), not a termination of the text
    ],
)
def test_four_power_treaty(on, expected):
    assert ("four-power-treaty-1921" in via("USA", "JPN", on, "consultation")) is expected


# -- the Litvinov Protocol's adherents (Great Soviet Encyclopedia; Russian encyclopedia text) ---
@pytest.mark.parametrize(
    ("state", "before", "day"),
    [
        ("TUR", "1929-03-31", "1929-04-01"),  # signed 27 Feb, adhered 1 Apr 1929
        ("IRN", "1929-04-02", "1929-04-03"),
        ("LTU", "1929-04-04", "1929-04-05"),
    ],
)
def test_litvinov_protocol_adherents(state, before, day):
    assert "litvinov-protocol" not in via(state, "SUN", before, "non-aggression")
    assert "litvinov-protocol" in via(state, "SUN", day, "non-aggression")
    assert "litvinov-protocol" in via(state, "POL", "1935-01-01", "non-aggression")


def test_turkey_a_signatory_of_the_litvinov_protocol_in_march_1929():
    assert members("litvinov-protocol", "1929-03-01")["TUR"]["status"] == "signatory"


# -- bilateral non-defence treaties -------------------------------------------------------------
@pytest.mark.parametrize(
    ("treaty", "a", "b", "obligation", "before", "first"),
    [
        # Taif, 20 May 1934: Art. 17 neutrality if either is attacked
        ("treaty-of-taif-1934", "SAU", "YEM", "neutrality", "1934-05-19", "1934-05-20"),
        # St. Petersburg, 15 Oct 1904 (Gibler no. 4.1209)
        ("austria-russia-neutrality-1904", "AUH", "RUE", "neutrality", "1904-10-14", "1904-10-15"),
        # Paris, 3 Oct 1904 (Gibler no. 4.1208): Art. XV concert
        ("france-spain-morocco-1904", "FRA", "ESP", "consultation", "1904-10-02", "1904-10-03"),
        # Stresa, 14 April 1935
        ("stresa-front-1935", "GBR", "ITA", "consultation", "1935-04-13", "1935-04-14"),
        # Buenos Aires, 21 July 1938 (Art. 1: peace re-established)
        ("chaco-peace-treaty-1938", "BOL", "PRY", "non-aggression", "1938-07-20", "1938-07-21"),
    ],
)
def test_bilateral_non_defence_treaties_begin_on_signature(treaty, a, b, obligation, before, first):
    assert treaty not in via(a, b, before, obligation)
    assert treaty in via(a, b, first, obligation)


@pytest.mark.parametrize(
    ("treaty", "a", "b", "obligation", "last", "end"),
    [
        # Gibler: until October 1908, the annexation of Bosnia (the day, 6 Oct, is ATOP's)
        ("austria-russia-neutrality-1904", "AUH", "RUE", "neutrality", "1908-10-05", "1908-10-06"),
        # Gibler and ATOP: replaced by the Cartagena agreements of 16 May 1907
        ("france-spain-morocco-1904", "FRA", "ESP", "consultation", "1907-05-15", "1907-05-16"),
    ],
)
def test_bilateral_non_defence_treaties_end(treaty, a, b, obligation, last, end):
    assert treaty in via(a, b, last, obligation)
    assert treaty not in via(a, b, end, obligation)


def test_the_non_defence_treaties_make_no_defence_alliance():
    # Default `allies` counts defence only: these pacts must not answer "allied".
    assert via("CRI", "GTM", "1930-01-01") == set()
    assert "four-power-treaty-1921" not in via("USA", "GBR", "1925-01-01")
