"""Known facts about data/gap-2026.yaml, read by hand from the sources the treaties cite, and the
count of events that rest on ATOP or COW alone (the README's dataset-sourced share).

SEATO was dissolved on 30 June 1977; the Manila Pact went on as the basis of the US commitment to
Thailand. The Anglo-Soviet treaty entered into force on 4 July 1942 (exchange of ratifications in
Moscow), the Franco-Soviet one on 15 February 1945 (exchange in Paris); the Presidium of the
Supreme Soviet annulled both on 7 May 1955. Gibler's handbook dates the Sudan-Uganda pact from
28 June 1972 to 11 April 1979 and the Niger-Libya treaty from 9 March 1974 to 13 January 1981;
the Great Soviet Encyclopedia dates the Albania-Bulgaria treaty to 16 December 1947.
"""

import pytest

from alliances.loading import load
from alliances.rows import dataset_sourced, source_totals

from .facts import allied, via


@pytest.mark.parametrize(
    "day, expected, treaty",
    [("1977-06-29", True, "seato"), ("1977-06-30", True, "manila-pact-us-thailand"),
     ("2018-12-31", True, "manila-pact-us-thailand")],
)
def test_manila_pact_carries_the_us_thai_alliance_past_seato(day, expected, treaty):
    assert allied("United States", "Thailand", day) is expected
    assert via("United States", "Thailand", day) == {treaty}


def test_manila_pact_after_1977_binds_no_other_former_seato_party():
    assert allied("Thailand", "United Kingdom", "1980-01-01") is False
    assert allied("Thailand", "Australia", "1980-01-01") is False


@pytest.mark.parametrize(
    "state, first_day, last_day_out, treaty",
    [("United Kingdom", "1942-07-04", "1942-07-03", "anglo-soviet-treaty-1942"),
     ("France", "1945-02-15", "1945-02-14", "franco-soviet-treaty-1944")],
)
def test_wartime_treaties_with_the_soviet_union_start_at_the_exchange_of_ratifications(
        state, first_day, last_day_out, treaty):
    # the wartime pledges (the 1941 agreement, the Declaration by United Nations) ally them
    # already; the treaty itself binds from the exchange of ratifications
    assert treaty not in via(state, "Soviet Union", last_day_out)
    assert treaty in via(state, "Soviet Union", first_day)


@pytest.mark.parametrize("state", ["United Kingdom", "France"])
def test_wartime_treaties_with_the_soviet_union_end_with_the_annulment_of_7_may_1955(state):
    assert allied(state, "Soviet Union", "1955-05-06") is True
    assert allied(state, "Soviet Union", "1955-05-07") is False


@pytest.mark.parametrize(
    "a, b, before, first, last, after",
    [("Sudan", "Uganda", "1972-06-27", "1972-06-28", "1979-04-10", "1979-04-11"),
     ("Niger", "Libya", "1974-03-08", "1974-03-09", "1981-01-12", "1981-01-13")],
)
def test_libyan_and_sudanese_pacts_of_the_1970s(a, b, before, first, last, after):
    assert allied(a, b, before) is False
    assert allied(a, b, first) is True
    assert allied(a, b, last) is True
    assert allied(a, b, after) is False


def test_albania_bulgaria_treaty_from_krichim_before_the_warsaw_pact():
    assert allied("Albania", "Bulgaria", "1947-12-15") is False
    assert via("Albania", "Bulgaria", "1950-01-01") == {"albania-bulgaria-1947"}


def test_yugoslav_treaties_end_after_the_cominform_break():
    assert allied("Albania", "Yugoslavia", "1948-06-27") is True
    assert allied("Albania", "Yugoslavia", "1948-06-28") is False
    assert allied("Romania", "Yugoslavia", "1949-10-20") is True
    assert allied("Romania", "Yugoslavia", "1949-10-21") is False
    assert allied("Hungary", "Yugoslavia", "1949-09-15") == "uncertain"  # ATOP: September 1949


# -- the share of events resting on ATOP or COW alone -------------------------------------------
DATA = """
treaties:
  t:
    name: Test Treaty
    kind: treaty
    obligations: [defence]
    signed: 1990-01-01
    sources: [https://example.org/treaty-text]
    members:
      AAA:
        events:
          - date: 1990-01-01
            event: joined
            source: {url: "http://www.atopdata.org/data.html", title: "ATOP 4.01, atopid 1"}
      BBB:
        events:
          - {date: 1990-01-01, event: joined, source: {url: "https://github.com/x/y/blob/1/data/atop-member-level.csv"}}
      CCC:
        events:
          - date: 1990-01-01
            event: joined
            source: {url: "https://example.org/copy.csv", title: "COW Formal Alliances 4.1, version4id 2"}
      DDD:
        events:
          - {date: 1990-01-01, event: joined}
states:
  AAA: {name: A}
  BBB: {name: B}
  CCC: {name: C}
  DDD: {name: D}
"""


def test_events_resting_on_atop_or_cow_alone_are_counted(tmp_path):
    f = tmp_path / "t.yaml"
    f.write_text(DATA, encoding="utf-8")
    ds = load([f], bundled=False, env=False, cache=False)
    t = ds.treaties["t"]
    sourced = {e.state: dataset_sourced(e, t) for e in t.events()}
    # DDD inherits the treaty's own text, which is not a dataset
    assert sourced == {"AAA": True, "BBB": True, "CCC": True, "DDD": False}
    totals = source_totals(ds)
    assert totals["dataset_sourced_events"] == 3
    assert totals["dataset_source_share"] == pytest.approx(0.75)


def test_an_event_citing_a_dataset_beside_a_text_is_cited_not_resting_on_it(tmp_path):
    f = tmp_path / "t.yaml"
    f.write_text(DATA.replace("    sources: [https://example.org/treaty-text]",
                              "    sources: [https://example.org/treaty-text, http://www.atopdata.org/data.html]"),
                 encoding="utf-8")
    ds = load([f], bundled=False, env=False, cache=False)
    t = ds.treaties["t"]
    ddd = next(e for e in t.events() if e.state == "DDD")
    assert dataset_sourced(ddd, t) is False
    assert dataset_sourced(ddd, t, alone=False) is True


def test_uk_malta_agreement_from_independence_day_through_the_1971_dispute():
    assert allied("United Kingdom", "Malta", "1964-09-21") is True
    assert allied("United Kingdom", "Malta", "1971-07-01") is True  # Britain held it in force
    assert allied("United Kingdom", "Malta", "1972-03-26") is False


def test_aden_pact_of_1981_binds_all_three_signatories():
    assert allied("Ethiopia", "Libya", "1981-08-18") is False
    assert via("Libya", "South Yemen", "1983-01-01") == {"aden-tripartite-1981"}
    assert allied("Ethiopia", "Libya", "1986-02-01") is False


@pytest.mark.parametrize(
    "state, day_before, first_day",
    [("Micronesia", "1986-11-02", "1986-11-03"), ("Marshall Islands", "1986-10-20", "1986-10-21"),
     ("Palau", "1994-09-30", "1994-10-01")],
)
def test_compacts_of_free_association_bind_the_united_states_from_their_effective_days(
        state, day_before, first_day):
    assert allied("United States", state, day_before) is False
    assert allied("United States", state, first_day) is True
    assert allied("United States", state, "2018-06-30") is True
