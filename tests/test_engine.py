"""The temporal engine on the hand-written fixture (tests/fixtures/mini.yaml).

Every expectation below is read off the fixture by hand: the day before, of and after each event.
"""

import pytest

from alliances.query import link_allied

from .conftest import period


def members(engine, treaty, on):
    return {m.state: m for m in engine.members(treaty, period(on))}


@pytest.mark.parametrize(
    "treaty, on, expected",
    [
        ("alpha", "1990-05-31", set()),
        ("alpha", "1990-06-01", {"AAA", "BBB", "CCC"}),
        ("alpha", "1994-12-31", {"AAA", "BBB", "CCC"}),
        ("alpha", "1996-01-01", {"AAA", "BBB"}),
        ("alpha", "1999-12-31", {"AAA", "BBB"}),
        # a treaty that has ended has no members, with no per-state `left`
        ("alpha", "2000-01-01", set()),
        ("beta", "1999-12-31", set()),
        ("beta", "2000-01-01", {"AAA", "BBB"}),
        ("beta", "2001-02-28", {"AAA", "BBB"}),
        ("beta", "2001-03-01", {"AAA", "BBB", "DDD"}),
        ("beta", "2010-12-31", {"AAA", "BBB", "DDD"}),
        ("beta", "2011-01-01", {"AAA", "BBB"}),
    ],
)
def test_members_on_each_boundary(engine, treaty, on, expected):
    assert set(members(engine, treaty, on)) == expected


def test_year_precise_exit_is_uncertain_inside_the_year(engine):
    ccc = members(engine, "alpha", "1995-03-01")["CCC"]
    assert ccc.presence == "uncertain" and not ccc.certain
    assert str(ccc.until) == "1995" and ccc.until.precision == "year"
    assert members(engine, "alpha", "1994-12-31")["CCC"].certain


@pytest.mark.parametrize(
    "on, status, withdrawal",
    [
        ("2001-03-01", "observer", None),
        ("2005-05-04", "observer", None),
        ("2005-05-05", "member", None),
        ("2009-12-31", "member", None),
        ("2010-01-01", "member", "notified"),
        ("2010-12-31", "member", "notified"),
    ],
)
def test_status_changes_and_pending_withdrawal(engine, on, status, withdrawal):
    ddd = members(engine, "beta", on)["DDD"]
    assert (ddd.status, ddd.withdrawal) == (status, withdrawal)
    if withdrawal:
        assert str(ddd.withdrawal_effective) == "2011-01-01"


def test_frozen_member_is_not_shown_as_plain_member(engine):
    assert members(engine, "beta", "2024-01-31")["AAA"].status == "member"
    during = members(engine, "beta", "2024-02-15")["AAA"]
    assert during.presence == "all" and not during.status_certain  # member, status uncertain
    assert {s.status for s in during.segments} == {"member", "suspended"}
    assert members(engine, "beta", "2024-03-01")["AAA"].status == "suspended"
    before = members(engine, "beta", "2024-06-11")["AAA"]
    assert (before.status, before.withdrawal) == ("suspended", None)
    after = members(engine, "beta", "2025-01-01")["AAA"]
    assert (after.status, after.withdrawal, str(after.withdrawal_date)) == (
        "suspended", "announced", "2024-06-12")


def test_memberships_of_a_state(engine):
    got = {m.treaty: m.status for m in engine.memberships("AAA", period("2015-06-01"))}
    assert got == {"gamma": "member", "beta": "member", "delta": "member"}


def test_treaty_phase_and_predecessor(engine, mini):
    beta = mini.treaties["beta"]
    assert engine.treaty_phase(beta, period("1998")).phase == "not_signed"
    assert engine.treaty_phase(beta, period("1999-11-01")).phase == "signed"
    assert engine.treaty_phase(beta, period("2000-01-01")).phase == "in_force"
    assert engine.treaty_phase(mini.treaties["alpha"], period("2000-01-01")).phase == "ended"
    assert [t.id for t in engine.predecessor_chain("beta")] == ["alpha"]


def allied(engine, a, b, on, obligations=("defence",)):
    links = engine.allies(a, b, period(on), obligations)
    return link_allied(links), sorted(lk.treaty for lk in links if lk.counts)


def test_allies_through_every_shared_defence_treaty(engine):
    assert allied(engine, "AAA", "BBB", "2020-10-01") == (True, ["beta", "gamma"])
    # default "allied" needs a defence obligation; consultation widens it
    assert allied(engine, "AAA", "EEE", "2015-01-01") == (True, ["gamma"])
    assert allied(engine, "AAA", "EEE", "2015-01-01", ("consultation",)) == (True, ["delta"])


def test_observer_is_not_an_ally_but_a_frozen_member_is(engine):
    assert allied(engine, "AAA", "DDD", "2003-01-01") == (False, [])
    assert allied(engine, "AAA", "DDD", "2006-01-01") == (True, ["beta"])
    assert allied(engine, "AAA", "BBB", "2024-03-01") == (True, ["beta", "gamma"])


def test_relation_suspension_applies_to_one_pair_only(engine):
    assert allied(engine, "EEE", "BBB", "1986-09-16") == (True, ["gamma"])
    assert allied(engine, "EEE", "BBB", "1986-09-17") == (False, [])
    assert allied(engine, "BBB", "EEE", "1990-01-01") == (False, [])  # either direction
    assert allied(engine, "EEE", "AAA", "1990-01-01") == (True, ["gamma"])
    # over 1986 they were allied for part of the year
    links = engine.allies("EEE", "BBB", period("1986"))
    assert [(lk.treaty, lk.presence) for lk in links] == [("gamma", "part")]
    suspended = engine.allies("EEE", "BBB", period("1990"))[0]
    assert suspended.presence is None and suspended.suspended[0].towards == "BBB"


def test_uncertain_alliance_at_an_imprecise_boundary(engine):
    assert allied(engine, "AAA", "CCC", "1995-06-01")[0] == "uncertain"
    assert allied(engine, "AAA", "CCC", "1994-06-01") == (True, ["alpha"])


def test_allies_of_one_state(engine):
    got = engine.allies_of("EEE", period("1990-01-01"))
    assert {b: link_allied(links) for b, links in got.items()} == {"AAA": True, "BBB": False}


def test_history_is_in_date_order_and_filtered(engine):
    from alliances.dates import parse_date

    events = engine.history(state="AAA")
    assert [str(e.date) for e in events] == [
        "1952-04-29", "1990-06-01", "2000-01-01", "2010-01-01", "2024-02", "2024-06-12"]
    recent = engine.history(state="AAA", start=parse_date("2024"))
    assert [e.kind for e in recent] == ["suspended", "withdrawal_announced"]
    # an event towards a state belongs to that state's history too
    assert [e.kind for e in engine.history(state="BBB", treaty_id="gamma")] == ["joined", "suspended"]


@pytest.mark.parametrize("bundled", [False, True])
def test_pair_spans_agrees_with_link_spans_for_every_pair(engine, bundled):
    """The batch form used by dyad-year exports gives what asking pair by pair gives."""
    if bundled:
        from alliances.loading import load
        from alliances.query import Engine

        engine = Engine(load(bundled=True, env=False))
    ds = engine.dataset
    seen = 0
    for tid, treaty in ds.treaties.items():
        codes = sorted(treaty.members)
        expected = []
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                certain, possible, _ = engine.link_spans(tid, a, b)
                if possible:
                    expected.append((a, b, certain, possible))
        got = list(engine.pair_spans(tid, codes))
        assert got == expected, tid
        seen += len(got)
    assert seen > (1000 if bundled else 5)


def test_pledges_say_who_owes_what_to_whom():
    from alliances.dates import parse_date
    from alliances.model import Pledge, Treaty

    # the Treaty of Guarantee's shape: three guarantors owe Cyprus defence, and consult each other
    t = Treaty("g", "Guarantee", "treaty", ("defence", "consultation"), parse_date("1960"),
               pledges=(Pledge(("GBR", "GRC", "TUR"), ("CYP",), ("defence",)),
                        Pledge(("GBR", "GRC", "TUR"), ("GBR", "GRC", "TUR"), ("consultation",))))
    assert t.owes("TUR", "CYP") == ("defence",)
    assert t.owes("CYP", "TUR") == ()
    assert t.owes("GRC", "TUR") == ("consultation",)
    assert t.owes("TUR", "TUR") == ()
    defence = frozenset({"defence"})
    assert t.binds("CYP", "TUR", defence) and t.binds("TUR", "CYP", defence)
    assert not t.binds("GRC", "TUR", defence)
    assert t.binds("GRC", "TUR", frozenset({"consultation"}))
    plain = Treaty("p", "Plain", "treaty", ("defence",), parse_date("1960"))
    assert plain.owes("A", "B") == ("defence",) and plain.binds("A", "B", defence)
    assert not plain.binds("A", "A", defence) and not plain.binds("A", "B", frozenset({"neutrality"}))
