"""Known facts about the alliances of 1815-1945 added to close the gaps against COW and ATOP
(data/1815-1945-more.yaml).

Expected values are read by hand from the sources cited on each treaty (the treaty texts and
contemporary records), never from the tool's output. Where a date rests on ATOP 4.01 alone, the
test says so.
"""

import pytest

from .facts import via


# -- the Nyon Arrangement: signed at Nyon on 14 September 1937, in force at once -----------------
# Nine signatories (FRUS 1937 vol. I: all listed states but Albania signed); the end, 28 March
# 1939, is ATOP 4.01's (atopid 2420).
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("GBR", "SUN", "1937-09-13", False),  # the conference still sitting
        ("GBR", "SUN", "1937-09-14", True),  # signed, "enter immediately into force"
        ("BGR", "EGY", "1937-09-14", True),
        ("GRC", "SUN", "1938-06-01", True),
        ("FRA", "YUG", "1939-03-27", True),
        ("FRA", "YUG", "1939-03-28", False),  # ATOP's end: the fall of Madrid
        ("GBR", "ITA", "1938-01-01", False),  # Italy patrolled but never signed
        ("GBR", "ALB", "1938-01-01", False),  # named in the draft, did not sign
    ],
)
def test_nyon_arrangement(a, b, on, expected):
    assert ("nyon-arrangement" in via(a, b, on)) is expected


# -- the Anglo-Portuguese treaty of Vienna, 22 January 1815 ------------------------------------
# Art. III renews the ancient treaties of alliance (read by Canning to the Commons in 1826); the
# alliance was never ended, and the Windsor declaration of 1899 confirmed it.
@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("1815-01-21", False),
        ("1815-01-22", True),
        ("1826-12-12", True),  # the aid against Spain
        ("1898-12-31", True),
    ],
)
def test_anglo_portuguese_renewal_of_1815(on, expected):
    assert ("anglo-portuguese-1815" in via("GBR", "PRT", on)) is expected


# -- Turkey and Afghanistan: signed in Moscow on 1 March 1921 ------------------------------------
@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("1921-02-28", False),
        ("1921-03-01", True),
        ("1928-05-25", True),  # the Ankara treaty of 1928 did not, by any source read, replace it
        ("1944-12-31", True),
    ],
)
def test_turkey_afghanistan_1921(on, expected):
    assert ("turkey-afghanistan-1921" in via("TUR", "AFG", on)) is expected


# -- the Soviet-Persian treaty of 1921: ratifications exchanged at Tehran on 26 February 1922 ----
# Art. 5 is a promise not to let one's territory serve the other's enemies (neutrality); Art. 6
# is Russia's right to intervene, not a promise to defend Persia: no defence.
def test_soviet_persian_treaty_starts_at_the_exchange_of_ratifications():
    assert "soviet-persian-1921" not in via("RUE", "IRN", "1922-02-25", "neutrality")
    assert "soviet-persian-1921" in via("RUE", "IRN", "1922-02-26", "neutrality")


def test_soviet_persian_treaty_passes_to_the_soviet_union_and_ends_in_august_1941():
    assert "soviet-persian-1921" in via("SUN", "IRN", "1922-12-30", "neutrality")
    assert "soviet-persian-1921" in via("SUN", "IRN", "1941-08-24", "neutrality")
    assert "soviet-persian-1921" not in via("SUN", "IRN", "1941-08-25", "neutrality")


def test_soviet_persian_treaty_is_not_a_defence_pact():
    assert "soviet-persian-1921" not in via("SUN", "IRN", "1930-01-01")
