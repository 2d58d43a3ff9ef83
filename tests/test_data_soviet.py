"""Known facts about the Soviet Union's and Russia's bilateral treaties (data/soviet-bilateral.yaml,
data/russia-bilateral.yaml).

Expected values are read by hand from the sources cited on each treaty (treaty texts, official
parliamentary documents, encyclopedias), never from the tool's output.
"""


import pytest

from .facts import check_window, via
from .facts import pair as allies


# -- Finland and the USSR, 1948 ----------------------------------------------------------------
# Signed 6 April 1948, in force 31 May 1948; lapsed 20 January 1992 (Finnish Wikipedia; HE 8/1992).
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("FIN", "SUN", "1948-05-30", False),  # signed, not yet in force
        ("FIN", "SUN", "1948-05-31", True),
        ("FIN", "SUN", "1991-12-25", True),
        ("FIN", "SUN", "1991-12-26", False),  # the USSR ceased to exist
        ("FIN", "RUS", "1991-12-26", True),  # Russia as continuator state
        ("FIN", "RUS", "1992-01-19", True),
        ("FIN", "RUS", "1992-01-20", False),  # replaced by the Treaty on the Basis of Relations
    ],
)
def test_finno_soviet_treaty(a, b, on, expected):
    assert ("ussr-finland-1948" in via(a, b, on)) is expected


# -- the first generation of Soviet treaties with its allies ------------------------------------
@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # in force on signature, 12 Dec 1943 (Art. 6); replaced by the treaty of 6 May 1970
        ("ussr-czechoslovakia-1943", "SUN", "CSK", "1943-12-11", "1943-12-12", "1970-05-05",
         "1970-05-06"),
        # denounced after the Soviet-Yugoslav breach of 28 September 1949 (Great Soviet Encyclopedia)
        ("ussr-yugoslavia-1945", "SUN", "YUG", "1945-04-10", "1945-04-11", "1949-09-27",
         "1949-09-28"),
        # replaced by the treaty of 12 May 1967 (Great Soviet Encyclopedia)
        ("ussr-bulgaria-1948", "SUN", "BGR", "1948-03-17", "1948-03-18", "1967-05-11",
         "1967-05-12"),
        # 1946 treaty, then the 1966 one (signed 15 January 1966, Ulaanbaatar)
        ("ussr-mongolia-1946", "SUN", "MNG", "1946-02-26", "1946-02-27", "1966-01-14",
         "1966-01-15"),
    ],
)
def test_first_generation_treaties(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after)


def test_mongolia_allied_with_the_ussr_then_russia_until_1993():
    assert "ussr-mongolia-1966" in via("MNG", "SUN", "1966-01-15")
    assert "ussr-mongolia-1966" in via("MNG", "RUS", "1992-06-01")
    assert not allies("MNG", "RUS", "1993-01-20")["allied"]  # the 1993 treaty has no defence clause


# -- treaties among the people's democracies, 1946-1949 -----------------------------------------
def test_bulgaria_and_romania_allied_from_january_1948_before_the_warsaw_pact():
    # signed in Bucharest on 16 January 1948 (Great Soviet Encyclopedia); the Warsaw Pact came in 1955
    assert not allies("BGR", "ROU", "1948-01-15")["allied"]
    assert via("BGR", "ROU", "1948-01-16") == {"bulgaria-romania-1948"}


def test_yugoslavia_lost_its_bloc_alliances_in_1949():
    # Bulgaria's note of 1 October 1949 ended the 1947 treaty (Macedonian Encyclopedia)
    assert "bulgaria-yugoslavia-1947" in via("BGR", "YUG", "1949-09-30")
    assert not allies("BGR", "YUG", "1949-10-01")["allied"]
    # Czechoslovakia-Yugoslavia ends in September 1949, known only to the month
    assert allies("CSK", "YUG", "1949-09-15")["allied"] is not True
    assert not allies("CSK", "YUG", "1949-10-01")["allied"]
    assert allies("CSK", "YUG", "1949-08-31")["allied"] is True
