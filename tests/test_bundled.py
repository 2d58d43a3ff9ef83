"""The bundled dataset: it validates, and well-known facts come out right through the CLI.

The expected values are written from the public record (NATO's accession dates, the CST's 1999
extension protocol, the CSTO's own history), not from the tool's output.
"""

import json
import warnings
from datetime import date, timedelta

import pycountry
import pytest
from typer.testing import CliRunner

from alliances.cli import app
from alliances.errors import UnknownName
from alliances.loading import check, load
from alliances.names import Resolver

runner = CliRunner()


@pytest.fixture(scope="module")
def bundled():
    return load(env=False, cache=False)


def cli_json(*args):
    result = runner.invoke(app, ["--quiet", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def members(treaty, on):
    return {r["state"]: r for r in cli_json("members", treaty, "--on", on)}


def test_bundled_data_validates():
    dataset, problems = check(env=False)
    assert [str(p) for p in problems] == []
    assert len(dataset.treaties) >= 29 and len(dataset.states) >= 200
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0 and result.stdout.startswith("ok: ")


# -- the story the tool must answer ------------------------------------------------------------
def test_armenia_and_belarus_allied_through_the_csto_in_2020():
    answer = cli_json("allies", "Armenia", "Belarus", "--on", "2020-10-01")
    assert answer["allied"] is True and answer["via"] == ["csto"]
    table = runner.invoke(app, ["allies", "Armenia", "Belarus", "--on", "2020-10-01"])
    assert table.stdout.startswith("Yes") and "CSTO" in table.stdout
    rows = runner.invoke(app, ["-q", "allies", "ARM", "BLR", "--on", "2020-10-01", "-f", "csv"])
    assert "ARM,BLR,Armenia,Belarus,1,csto," in rows.stdout
    whole = cli_json("allies", "Armenia", "Belarus", "--on", "2018..2022")  # the deliveries
    assert whole["allied"] is True and whole["links"][0]["coverage"] == "all"


@pytest.mark.parametrize("state", ["AZE", "GEO", "UZB"])
def test_three_states_left_the_cst_in_april_1999(state):
    # The CST's first five-year term ran to 20 April 1999; the extension protocol of 2 April 1999
    # was not signed by Azerbaijan, Georgia and Uzbekistan.
    assert state in members("CST", "1999-04-20")
    assert state not in members("CST", "1999-04-21")
    assert state in members("Tashkent Treaty", "1998")
    assert state not in members("cst", "2000")
    later = {r["treaty"] for r in cli_json("memberships", state, "--on", "2000-06-01")}
    assert not later & {"cst", "csto"}


def test_cst_had_nine_parties_before_1999_and_six_after():
    assert set(members("cst", "1999-01-01")) == {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS",
                                                 "TJK", "UZB"}
    assert set(members("cst", "2000-01-01")) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}


def test_csto_before_it_existed_points_to_the_cst():
    result = runner.invoke(app, ["members", "CSTO", "--on", "1998"])
    assert "did not yet exist" in result.stdout and "Collective Security Treaty" in result.stdout
    assert "Azerbaijan" in result.stdout  # the CST's members in 1998


def test_uzbekistan_in_the_csto_2006_to_2012():
    assert "UZB" not in members("csto", "2005-01-01")
    assert "UZB" in members("csto", "2008-01-01")
    assert members("csto", "2012-10-01")["UZB"]["status"] == "suspended"
    assert "UZB" not in members("csto", "2013-01-01")


def test_armenia_after_february_2024_is_not_a_plain_member():
    assert members("csto", "2024-01-01")["ARM"]["status"] == "member"
    row = members("ODKB", "2025-06-01")["ARM"]
    assert row["status"] == "suspended" and row["withdrawal"] == "announced"
    assert row["withdrawal_date"] == "2024-06-12"
    allied = cli_json("allies", "Armenia", "Belarus", "--on", "2025-06-01")
    assert allied["links"][0]["status1"] == "suspended"


# -- NATO: every enlargement, the day it took effect and the day before -------------------------
NATO_ACCESSIONS = [
    ("1952-02-18", {"GRC", "TUR"}),
    ("1955-05-06", {"DEU"}),
    ("1982-05-30", {"ESP"}),
    ("1999-03-12", {"CZE", "HUN", "POL"}),
    ("2004-03-29", {"BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"}),
    ("2009-04-01", {"ALB", "HRV"}),
    ("2017-06-05", {"MNE"}),
    ("2020-03-27", {"MKD"}),
    ("2023-04-04", {"FIN"}),
    ("2024-03-07", {"SWE"}),
]
FOUNDERS = {"BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "GBR", "USA"}


@pytest.mark.parametrize("day, new", NATO_ACCESSIONS)
def test_nato_enlargement_takes_effect_on_its_day(day, new):
    before = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
    on, prior = set(members("NATO", day)), set(members("nato", before))
    assert on - prior == new


def test_nato_founders_and_size():
    assert set(members("North Atlantic Treaty", "1949-08-24")) == FOUNDERS
    assert len(members("nato", "2024-03-07")) == 32


def test_no_state_in_nato_and_the_warsaw_pact_at_once(bundled):
    # declared in the data, so `alliances validate` enforces it for any edit too
    assert {"nato", "weu"} <= set(bundled.treaties["warsaw-pact"].exclusive_with)
    from alliances.dates import parse_period
    from alliances.query import Engine

    engine = Engine(bundled)
    for year in range(1955, 1992):
        period = parse_period(str(year))[0]
        nato = {m.state for m in engine.members("nato", period)}
        warsaw = {m.state for m in engine.members("warsaw-pact", period)}
        assert not nato & warsaw, year


def test_anzus_us_suspension_towards_new_zealand_only():
    assert cli_json("allies", "USA", "NZL", "--on", "1985")["allied"] is True
    assert cli_json("allies", "USA", "NZL", "--on", "1990")["allied"] is False
    assert "anzus" in cli_json("allies", "AUS", "NZL", "--on", "1990")["via"]
    assert "anzus" in cli_json("allies", "AUS", "USA", "--on", "1990")["via"]


def test_venezuela_rio_withdrawal_took_effect_in_2015_after_its_2013_notice():
    row = members("Rio Treaty", "2014-06-01")["VEN"]
    assert (row["withdrawal"], row["withdrawal_date"], row["withdrawal_effective"]) == (
        "notified", "2013", "2015")
    assert members("rio", "2015-06-01")["VEN"]["certain"] is False  # year-only end: uncertain
    assert "VEN" not in members("rio", "2016-06-01")


def test_later_arab_league_states_are_possible_jdec_parties_from_their_league_admission():
    # No accession to the 1950 treaty could be dated: a state admitted to the League (Kuwait on
    # 20 July 1961) may have joined any day since, so the answer is "uncertain", not "no".
    assert "KWT" not in members("jdec", "1961-07-19")
    assert members("jdec", "1961-07-20")["KWT"]["certain"] is False
    assert cli_json("allies", "Kuwait", "Egypt", "--on", "2020")["allied"] == "uncertain"
    assert "LBY" not in members("JDEC", "1956-06-01")  # not a party in 1956 (State Department)
    assert members("jdec", "2020")["MAR"]["certain"] is True  # ratified an amendment in 2013
    assert "YMD" not in members("jdec", "1991")  # South Yemen ended with unification


def test_the_uk_left_the_eu_clause_on_1_february_2020():
    assert "GBR" in members("eu-mutual-assistance", "2020-01-31")
    assert "GBR" not in members("EU", "2020-02-01")


# -- names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, tid", [
    ("NATO", "nato"), ("North Atlantic Treaty", "nato"), ("OTAN", "nato"),
    ("Warsaw Pact", "warsaw-pact"), ("CST", "cst"), ("Tashkent Treaty", "cst"),
    ("CSTO", "csto"), ("ODKB", "csto"), ("ОДКБ", "csto"), ("SEATO", "seato"),
    ("Manila Pact", "seato"), ("Baghdad Pact", "cento"), ("CENTO", "cento"), ("ANZUS", "anzus"),
    ("Rio Treaty", "rio-treaty"), ("TIAR", "rio-treaty"), ("EU", "eu-mutual-assistance"),
    ("CIS", "cis"), ("SCO", "sco"), ("AUKUS", "aukus"), ("WEU", "weu"), ("GCC", "gcc"),
    ("rio", "rio-treaty"), ("warsaw", "warsaw-pact"),
])
def test_treaties_resolve_from_the_names_people_use(bundled, name, tid):
    assert Resolver(bundled).treaty(name) == tid


@pytest.mark.parametrize("name, code", [
    ("Türkiye", "TUR"), ("Turkey", "TUR"), ("turkiye", "TUR"), ("Czechia", "CZE"),
    ("Czech Republic", "CZE"), ("North Macedonia", "MKD"), ("FYROM", "MKD"), ("Eswatini", "SWZ"),
    ("Swaziland", "SWZ"), ("Myanmar", "MMR"), ("Burma", "MMR"), ("Côte d'Ivoire", "CIV"),
    ("Cote d'Ivoire", "CIV"), ("Ivory Coast", "CIV"), ("armenia", "ARM"), ("AM", "ARM"),
    ("371", "ARM"), ("NO", "NOR"), ("USSR", "SUN"), ("East Germany", "DDR"),
])
def test_states_resolve_from_common_names_and_codes(bundled, name, code):
    assert Resolver(bundled).state(name, date(1985, 1, 1)) == code


def test_cow_365_is_the_soviet_union_in_1980_and_russia_now(bundled):
    resolver = Resolver(bundled)
    assert resolver.state("365", date(1980, 1, 1)) == "SUN"
    assert resolver.state("365", date(2020, 1, 1)) == "RUS"


# -- an independent cross-check: ISO 3166 via pycountry -----------------------------------------
NON_ISO = {"XKX", "RVN"}  # documented codes where ISO has none


def test_iso_codes_and_names_agree_with_pycountry(bundled):
    for state in bundled.states.values():
        if state.code in NON_ISO:
            continue
        if state.iso3166_3:
            historic = pycountry.historic_countries.get(alpha_4=state.iso3166_3)
            assert historic is not None and historic.alpha_3 == state.code, state.code
            continue
        country = pycountry.countries.get(alpha_3=state.code)
        if state.end and state.end.earliest < date(1945, 9, 2):
            # states-historic.yaml's own scheme: never a code ISO gives a state, past or present
            assert country is None, f"{state.code} is ISO's code for {country.name}"
            assert not any(h.alpha_3 == state.code for h in pycountry.historic_countries), state.code
            continue
        assert country is not None, f"{state.code} is not an ISO 3166-1 alpha-3 code"
        assert country.alpha_2 == state.iso2, state.code


def iso_name_forms(name: str) -> list[str]:
    """The ways an ISO 3166 name may be written in running text: as given, each comma-separated
    part, the inverted 'Yemen, ..., People's Democratic Republic of' as "People's Democratic
    Republic of Yemen", and with a parenthesised word kept or dropped."""
    parts = [p.strip() for p in name.split(",")]
    forms = [name, *parts] if len(parts) > 1 else [name]
    if len(parts) > 1 and parts[-1].endswith(" of"):
        forms.append(f"{parts[-1]} {parts[0]}")
    for form in list(forms):
        if "(" in form:
            forms.append(form.replace("(", "").replace(")", ""))
            forms.append(" ".join(w for w in form.split() if not w.startswith("(")))
    return forms


def test_iso_names_resolve_to_the_same_state(bundled):
    # A name copied from ISO 3166 (pycountry's short, common and official names, 3166-3 names of
    # historic states) names the state with that code in this data, on a day it existed.
    resolver = Resolver(bundled)
    unresolved = []
    for state in bundled.states.values():
        day = state.end.earliest - timedelta(days=1) if state.end else date(2020, 1, 1)
        if state.iso3166_3:
            historic = pycountry.historic_countries.get(alpha_4=state.iso3166_3)
            names, need_all = [historic.name], False
        elif state.code not in NON_ISO:
            country = pycountry.countries.get(alpha_3=state.code)
            with warnings.catch_warnings():  # pycountry < 24 warns, then falls back to the name
                warnings.simplefilter("ignore", UserWarning)
                names = [getattr(country, a) for a in ("name", "common_name", "official_name")
                         if hasattr(country, a)]
            need_all = True
        else:
            continue
        for name in names:
            forms = iso_name_forms(name) if not need_all else [name]
            hits = [f for f in forms if _resolves(resolver, f, day) == state.code]
            if not hits:
                unresolved.append((state.code, name))
    assert unresolved == []


def _resolves(resolver, name, day):
    try:
        return resolver.state(name, day)
    except UnknownName:
        return None


def test_the_leading_article_is_optional(bundled):
    resolver = Resolver(bundled)
    assert resolver.state("the United States") == "USA"
    assert resolver.state("The Gambia") == "GMB"
    assert resolver.treaty("the Warsaw Pact") == "warsaw-pact"
    assert resolver.treaty("the rio") == "rio-treaty"


def test_every_treaty_cites_a_public_page(bundled):
    for t in bundled.treaties.values():
        assert t.sources and all(s.url.startswith(("http://", "https://")) for s in t.sources), t.id
        for events in t.members.values():
            for ev in events:
                assert all(s.url.startswith(("http://", "https://")) for s in ev.sources), ev
