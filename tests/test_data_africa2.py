"""Known facts about the treaties in data/africa-union.yaml, read by hand from the sources.

African Union Constitutive Act: adopted at Lomé on 11 July 2000, in force on 26 May 2001, thirty
days after Nigeria's deposit of 26 April 2001 (PANA); AU status list: Angola deposited on
20 December 2001, Guinea-Bissau on 7 July 2003 (having ratified in January 2001); South Sudan
deposited its instrument of accession on 15 August 2011 (APO); Morocco on 31 January 2017 (AU
member-states page). Peace and Security Council: Egypt suspended on 5 July 2013, reinstated on
17 June 2014; Gabon suspended on 31 August 2023, reinstated on 30 April 2025.
"""


import pytest

from .facts import allied, cli_json, members


def nonagg(a, b, on):
    return cli_json("allies", a, b, "--on", on, "--obligation", "non-aggression")["allied"]


# -- Constitutive Act of the African Union (2000) -------------------------------------------------
def test_au_signatories_bound_only_from_entry_into_force():
    assert members("African Union", "2001-05-25")["SEN"]["status"] == "signatory"
    assert nonagg("Senegal", "Tunisia", "2001-05-25") is False
    assert nonagg("Senegal", "Tunisia", "2001-05-26") is True


@pytest.mark.parametrize("state, other, deposit, day_before", [
    ("Angola", "Tunisia", "2001-12-20", "2001-12-19"),
    ("Guinea-Bissau", "Tunisia", "2003-07-07", "2003-07-06"),
    ("South Sudan", "Ghana", "2011-08-15", "2011-08-14"),
    ("Morocco", "Kenya", "2017-01-31", "2017-01-30"),
])
def test_au_later_members_join_on_their_deposit(state, other, deposit, day_before):
    assert nonagg(state, other, day_before) is False
    assert nonagg(state, other, deposit) is True


def test_au_sahrawi_republic_is_a_founding_member():
    assert members("au-constitutive-act", "2001-05-26")["ESH"]["status"] == "member"


def test_au_is_not_a_defence_alliance():
    # Art. 4 forbids force among members; it promises no mutual defence
    assert allied("Morocco", "Kenya", "2018-01-01") is False


@pytest.mark.parametrize("state, before, start, end", [
    ("EGY", "2013-07-04", "2013-07-05", "2014-06-17"),
    ("GAB", "2023-08-30", "2023-08-31", "2025-04-30"),
])
def test_au_suspensions_by_the_peace_and_security_council(state, before, start, end):
    assert members("African Union", before)[state]["status"] == "member"
    assert members("African Union", start)[state]["status"] == "suspended"
    assert members("African Union", end)[state]["status"] == "member"


def test_au_suspended_state_stays_bound():
    assert members("African Union", "2014-01-01")["EGY"]["status"] == "suspended"
    assert nonagg("Egypt", "Tunisia", "2014-01-01") is True
