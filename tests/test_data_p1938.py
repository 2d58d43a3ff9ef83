"""Known facts about the alliances that began 1938-1945 (data/1938-1945.yaml, issue 20).

Expected values are read by hand from the sources cited on each treaty (treaty texts, the
State Department's records in FRUS and the Department of State Bulletin, the Avalon Project,
encyclopedias; ATOP 4.01 where a note says the date rests on it), never from the tool's output.
"""

import pytest

from .facts import check_window, via

DUN = "declaration-by-united-nations"


@pytest.mark.parametrize(
    ("a", "b", "before", "first", "last", "after"),
    [
        # "Done at Washington, January First, 1942"; the pledge ran until Japan's surrender
        # was signed on 2 September 1945
        ("USA", "GBR", "1941-12-31", "1942-01-01", "1945-09-01", "1945-09-02"),
        # the other 22 original governments signed on 2 January 1942
        ("USA", "NOR", "1942-01-01", "1942-01-02", "1945-09-01", "1945-09-02"),
        # Mexico's adherence communicated 5 June 1942 (State Department list, Avalon)
        ("MEX", "GBR", "1942-06-04", "1942-06-05", "1945-09-01", None),
        # Brazil 8 February 1943, Iraq 16 January 1943
        ("BRA", "IRQ", "1943-02-07", "1943-02-08", "1945-01-01", None),
        # France only through the Provisional Government, 26 December 1944
        ("FRA", "GBR", "1944-12-25", "1944-12-26", "1945-05-08", None),
        # Peru's note of adherence of 11 February 1945 (FRUS 1945 vol. IX doc. 1075)
        ("PER", "USA", "1945-02-10", "1945-02-11", "1945-08-01", None),
        # Turkey 24 February, Saudi Arabia 1 March 1945
        ("TUR", "SAU", "1945-02-28", "1945-03-01", "1945-09-01", "1945-09-02"),
    ],
)
def test_declaration_by_united_nations(a, b, before, first, last, after):
    check_window(DUN, a, b, before, first, last, after, "any")


def test_declaration_is_a_defence_link():
    # para. 1: full resources, military or economic, against the common enemies
    assert DUN in via("SUN", "CHN", "1943-06-01")


def test_declaration_governments_in_exile_stay_members_through_occupation():
    # the Netherlands and Norway were occupied throughout; their London governments signed
    assert DUN in via("NLD", "NOR", "1943-06-01")


@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # Pact of Steel: signed in Berlin 22 May 1939, in force on signature; Italy's armistice
        # in effect from 8 September 1943
        ("pact-of-steel", "GMY", "ITA", "1939-05-21", "1939-05-22", "1943-09-07", "1943-09-08"),
        # Tripartite Pact signed 27 September 1940 (in force on signature, Art. 6)
        ("tripartite-pact", "GMY", "JPN", "1940-09-26", "1940-09-27", "1945-05-08", "1945-05-09"),
        # Hungary signed the protocol of accession in Vienna on 20 November 1940
        ("tripartite-pact", "HUN", "GMY", "1940-11-19", "1940-11-20", "1945-01-19", "1945-01-20"),
        # Romania 23 November 1940; King Michael's coup of 23 August 1944
        ("tripartite-pact", "ROU", "ITA", "1940-11-22", "1940-11-23", "1943-09-07", "1943-09-08"),
        ("tripartite-pact", "ROU", "JPN", None, "1940-11-23", "1944-08-22", "1944-08-23"),
        # Bulgaria 1 March 1941; declared war on Germany 8 September 1944
        ("tripartite-pact", "BGR", "GMY", "1941-02-28", "1941-03-01", "1944-09-07", "1944-09-08"),
        # Yugoslavia 25 March 1941; invaded 6 April 1941
        ("tripartite-pact", "YUG", "GMY", "1941-03-24", "1941-03-25", "1941-04-05", "1941-04-06"),
        # Axis agreement of 11 December 1941, for the duration of the Tripartite Pact
        ("germany-italy-japan-1941", "ITA", "JPN", "1941-12-10", "1941-12-11", "1943-09-07",
         "1943-09-08"),
    ],
)
def test_axis_treaties(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, "any")


def test_slovakia_and_croatia_are_not_states_here():
    # COW does not count the German client states; their adherence is in the note only
    from .facts import cli_json

    rows = cli_json("members", "tripartite-pact", "--on", "1941-07-01")
    states = {r["state"] for r in rows}
    assert states == {"GMY", "ITA", "JPN", "HUN", "ROU", "BGR"}


@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # reciprocal assurances recorded on 6 April 1939, replaced by the agreement of 25 August
        ("anglo-polish-assurances-1939", "GBR", "POL", "1939-04-05", "1939-04-06", "1939-08-24",
         "1939-08-25"),
        # agreement signed in London 25 August 1939; the London government kept it through the
        # occupation; HMG withdrew recognition on 5 July 1945 (7 p.m. EWT)
        ("anglo-polish-agreement-1939", "GBR", "POL", "1939-08-24", "1939-08-25", "1945-07-05",
         "1945-07-06"),
        # Franco-Turkish declaration of 23 June 1939, elaborated by the treaty of 19 October 1939
        ("franco-turkish-declaration-1939", "FRA", "TUR", "1939-06-22", "1939-06-23",
         "1939-10-18", "1939-10-19"),
        # Ankara treaty of 19 October 1939; France out with the armistice in effect 25 June 1940
        ("anglo-french-turkish-treaty-1939", "FRA", "TUR", "1939-10-18", "1939-10-19",
         "1940-06-24", "1940-06-25"),
        ("anglo-french-turkish-treaty-1939", "GBR", "TUR", None, "1939-10-19", "1945-09-01",
         "1945-09-02"),
    ],
)
def test_guarantees_of_1939(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, "any")


@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # Tehran, 29 January 1942; the withdrawal date, six months after 2 September 1945
        ("anglo-soviet-iranian-treaty-1942", "IRN", "SUN", "1942-01-28", "1942-01-29",
         "1946-03-01", "1946-03-02"),
        # Moscow, 12 July 1941, no ratification; replaced when the 1942 treaty came into force
        ("anglo-soviet-agreement-1941", "GBR", "SUN", "1941-07-11", "1941-07-12", "1942-07-03",
         "1942-07-04"),
        # ratifications exchanged in Moscow 4 July 1942; annulled by the edict of 7 May 1955
        ("anglo-soviet-treaty-1942", "GBR", "SUN", "1942-07-03", "1942-07-04", "1955-05-06",
         "1955-05-07"),
        # signed 10 December 1944, ratifications exchanged in Paris 15 February 1945
        ("franco-soviet-treaty-1944", "FRA", "SUN", "1945-02-14", "1945-02-15", "1955-05-06",
         "1955-05-07"),
    ],
)
def test_soviet_wartime_alliances(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, "any")


def test_iran_treaty_binds_the_guarantors_to_iran_only():
    # Art. 3: the United Kingdom and the Soviet Union defend Iran; no defence between the two
    assert "anglo-soviet-iranian-treaty-1942" in via("GBR", "IRN", "1943-01-01")
    assert "anglo-soviet-iranian-treaty-1942" not in via("GBR", "SUN", "1943-01-01")


@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # ratifications exchanged in Bangkok on 23 December 1940, effective that day
        ("japan-thailand-1940", "JPN", "THA", "1940-12-22", "1940-12-23", "1941-12-20",
         "1941-12-21"),
        # alliance signed in Bangkok on 21 December 1941
        ("japan-thailand-alliance-1941", "JPN", "THA", "1941-12-20", "1941-12-21", "1945-08-01",
         None),
        # Baltic pacts: Estonia 28 September, Latvia 5 October, Lithuania 10 October 1939;
        # Soviet ultimatums of 14 June (Lithuania) and 16 June 1940 (Latvia, Estonia)
        ("ussr-estonia-1939", "SUN", "EST", "1939-09-27", "1939-09-28", "1940-06-15",
         "1940-06-16"),
        ("ussr-latvia-1939", "SUN", "LVA", "1939-10-04", "1939-10-05", "1940-06-15",
         "1940-06-16"),
        ("ussr-lithuania-1939", "SUN", "LTU", "1939-10-09", "1939-10-10", "1940-06-14",
         "1940-06-15"),
    ],
)
def test_pacts_of_1939_1941(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, "any")


def test_japan_thailand_1940_is_neutrality_not_defence():
    # Art. 3: no aid to an attacker; no promise of assistance
    assert "japan-thailand-1940" not in via("JPN", "THA", "1941-06-01")
    assert "japan-thailand-1940" in via("JPN", "THA", "1941-06-01", "neutrality")


@pytest.mark.parametrize(
    ("treaty", "a", "b", "obligation", "before", "first", "last", "after"),
    [
        # in force on signature in Moscow, 23 August 1939 (Art. 7); broken by the invasion of
        # 22 June 1941
        ("molotov-ribbentrop-pact", "GMY", "SUN", "non-aggression", "1939-08-22", "1939-08-23",
         "1941-06-21", "1941-06-22"),
        # signed 13 April 1941, in force on ratification by both, 25 April 1941 (Art. 3; Japanese
        # Official Gazette); the Soviet declaration of war took effect on 9 August 1945
        ("soviet-japanese-neutrality-pact", "SUN", "JPN", "neutrality", "1941-04-24",
         "1941-04-25", "1945-08-08", "1945-08-09"),
        # signed in Moscow 14 August 1945; replaced by the treaty of 14 February 1950
        ("sino-soviet-1945", "SUN", "CHN", "defence", "1945-08-13", "1945-08-14", "1950-02-13",
         "1950-02-14"),
    ],
)
def test_pacts_with_the_soviet_union(treaty, a, b, obligation, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, obligation)


def test_soviet_notice_of_april_1945_leaves_the_pact_in_force():
    # the notice of 5 April 1945 looked to April 1946; the pact stood until the war
    from .facts import cli_json

    rows = {r["state"]: r for r in cli_json("members", "soviet-japanese-neutrality-pact",
                                             "--on", "1945-06-01")}
    assert set(rows) == {"SUN", "JPN"}


def test_molotov_ribbentrop_is_no_defence_pact():
    assert "molotov-ribbentrop-pact" not in via("GMY", "SUN", "1940-06-01")


@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # signed in Berlin 31 May 1939 (from signature, as ATOP); invasion of 9 April 1940
        ("germany-denmark-1939", "GMY", "DNK", "1939-05-30", "1939-05-31", "1940-04-08",
         "1940-04-09"),
        # ratifications exchanged in Berlin 24 July 1939; Soviet ultimatum of 16 June 1940
        ("germany-estonia-1939", "GMY", "EST", "1939-07-23", "1939-07-24", "1940-06-15",
         "1940-06-16"),
        ("germany-latvia-1939", "GMY", "LVA", "1939-07-23", "1939-07-24", "1940-06-15",
         "1940-06-16"),
        # ratifications exchanged in Bangkok 31 August 1940; Thai declaration of war 25 Jan 1942
        ("anglo-thai-1940", "GBR", "THA", "1940-08-30", "1940-08-31", "1942-01-24",
         "1942-01-25"),
    ],
)
def test_non_aggression_pacts_1939_1940(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, "any")


@pytest.mark.parametrize(
    ("treaty", "a", "b", "before", "first", "last", "after"),
    [
        # Moscow, 12 March 1940 (ratifications 21 March); the Continuation War, June 1941
        ("moscow-peace-treaty-1940", "SUN", "FIN", "1940-03-11", "1940-03-12", "1941-06-24",
         "1941-06-25"),
        # signed 10 p.m. 5 April 1941, in force on signature; ended 20 April 1941 (Gibler, ATOP)
        ("ussr-yugoslavia-1941", "SUN", "YUG", "1941-04-04", "1941-04-05", "1941-04-19",
         "1941-04-20"),
        # Ankara, 18 June 1941, in force on signature; Turkey declared war 23 February 1945
        ("germany-turkey-1941", "GMY", "TUR", "1941-06-17", "1941-06-18", "1945-02-22",
         "1945-02-23"),
    ],
)
def test_non_aggression_pacts_1940_1941(treaty, a, b, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, "any")


@pytest.mark.parametrize(
    ("treaty", "a", "b", "obligation", "before", "first", "last", "after"),
    [
        # Paris, 6 December 1938, in force immediately; war of 3 September 1939
        ("franco-german-declaration-1938", "FRA", "GMY", "consultation", "1938-12-05",
         "1938-12-06", "1939-09-02", "1939-09-03"),
        # Salonika, 31 July 1938
        ("salonika-agreement-1938", "BGR", "GRC", "non-aggression", "1938-07-30", "1938-07-31",
         "1940-06-17", "1940-06-18"),
        # ratified 25 March 1939; replaced by the treaty in force 5 May 1978
        ("iberian-pact", "ESP", "PRT", "non-aggression", "1939-03-24", "1939-03-25",
         "1978-05-04", "1978-05-05"),
        # Canberra, 21 January 1944; no end found
        ("canberra-pact", "AUS", "NZL", "consultation", "1944-01-20", "1944-01-21",
         "1990-01-01", None),
    ],
)
def test_declarations_and_pacts_1938_1944(treaty, a, b, obligation, before, first, last, after):
    check_window(treaty, a, b, before, first, last, after, obligation)


def test_colombia_venezuela_1939_non_aggression_still_in_force():
    # signed at Bogotá 17 December 1939; invoked in 1989 (Gibler)
    assert "colombia-venezuela-1939" not in via("COL", "VEN", "1939-12-16", "non-aggression")
    assert "colombia-venezuela-1939" in via("COL", "VEN", "1939-12-17", "non-aggression")
    assert "colombia-venezuela-1939" in via("COL", "VEN", "1989-06-01", "non-aggression")


def test_azores_agreement_runs_one_way():
    # facilities from 8 October 1943; ATOP: the UK owes defence, Portugal neutrality
    assert "azores-agreement-1943" not in via("GBR", "PRT", "1943-10-07", "any")
    assert "azores-agreement-1943" in via("GBR", "PRT", "1943-10-08", "defence")
    assert "azores-agreement-1943" not in via("GBR", "PRT", "1946-05-30", "any")
