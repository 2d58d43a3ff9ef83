"""A state is named as it was on the date asked about (issue 20): `names:` in the state table.

Expected names come from the dates the sources give (cited on each name in data/states.yaml and
data/states-historic.yaml): the German Empire was proclaimed on 18 January 1871 (Prussia before);
the Compromise that made Austria-Hungary was concluded on 8 February 1867 (Britannica); the
Republic of Turkey was proclaimed on 29 October 1923 (the Ottoman Empire before) and the UN took up
the name Türkiye on 1 June 2022; Siam became
Thailand on 24 June 1939, was Siam again from 9 September 1945 and Thailand from 11 May 1949.
Codes never change. The same question through the API and the command line gives the same names.
"""

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

import alliances
from alliances.cli import app
from alliances.loading import check

runner = CliRunner()


@pytest.fixture(scope="module")
def api():
    return alliances.load(env=False)


def cli(*args):
    result = runner.invoke(app, list(args), env={"ALLIANCES_DATA": ""})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cli_json(*args):
    return json.loads(cli(*args, "--format", "json"))


def cli_csv(*args):
    return list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv"))))


# -- the pair answer ----------------------------------------------------------------------------
@pytest.mark.parametrize(("on", "a_name", "b_name"), [
    ("1849-01-01", "Prussia", "Austria"),  # the German Confederation: before both renamings
    ("1900-01-01", "Germany", "Austria-Hungary"),  # the Dual Alliance of 1879
])
def test_the_pair_answer_names_the_states_as_they_were(api, on, a_name, b_name):
    answer = api.allies("Prussia", "Austria", on=on)
    assert f"{a_name} and {b_name} on {on} (defence obligation)" in answer["headline"]
    assert [r["state1_name"] for r in answer["links"]] == [a_name] * len(answer["links"])
    assert {r["state2_name"] for r in answer["links"]} == {b_name}
    assert (answer["state1"], answer["state2"]) == ("GMY", "AUH")  # codes never change
    assert cli_json("allies", "Prussia", "Austria", "--on", on) == json.loads(
        json.dumps(dict(answer), ensure_ascii=False))
    assert f"{a_name} and {b_name} on {on}" in cli("allies", "Prussia", "Austria", "--on", on)


def test_a_period_across_a_renaming_names_both(api):
    # 1871: Prussia until 17 January, Germany from 18 January
    answer = api.allies("GMY", "AUH", on="1871")
    assert "Prussia / Germany and Austria-Hungary on 1871" in answer["headline"]
    assert api.dataset.states["GMY"].name_on(date(1871, 1, 17)) == "Prussia"
    assert api.dataset.states["GMY"].name_on(date(1871, 1, 18)) == "Germany"


@pytest.mark.parametrize(("day", "name"), [
    ("1939-06-23", "Siam"), ("1939-06-24", "Thailand"), ("1945-09-08", "Thailand"),
    ("1945-09-09", "Siam"), ("1949-05-10", "Siam"), ("1949-05-11", "Thailand"),
])
def test_a_name_may_return(api, day, name):
    assert api.dataset.states["THA"].name_on(date.fromisoformat(day)) == name


# -- members, memberships, history ----------------------------------------------------------------
def test_the_crimean_alliance_in_1854_has_the_ottoman_empire(api):
    rows = api.members("crimean-alliance-1854", on="1854-06-01")
    names = {r["state"]: r["name"] for r in rows}
    assert names["TUR"] == "Ottoman Empire"
    assert {r["state"]: r["state_name"] for r in rows}["TUR"] == "Ottoman Empire"
    assert cli_json("members", "crimean-alliance-1854", "--on", "1854-06-01") == json.loads(
        json.dumps(list(rows), ensure_ascii=False))
    table = cli("members", "crimean-alliance-1854", "--on", "1854-06-01")
    assert "Ottoman Empire" in table and "Türkiye" not in table


def test_memberships_title_names_the_state_then():
    out = cli("memberships", "TUR", "--on", "1854-06-01")
    assert out.lstrip().startswith("Ottoman Empire (TUR): memberships on 1854-06-01")


def test_history_rows_name_the_state_on_the_event_date(api):
    rows = api.history("crimean-alliance-1854")
    assert {r["state_name"] for r in rows if r["state"] == "TUR"} == {"Ottoman Empire"}
    assert {r["state_name"] for r in rows if r["state"] == "ITA"} == {"Sardinia"}  # 1855


def test_the_allies_of_a_state_name_both_sides_then(api):
    rows = api.allies("TUR", on="1854-06-01")
    assert {r["state1_name"] for r in rows} == {"Ottoman Empire"}
    assert "Allies of Ottoman Empire (TUR) on 1854-06-01" in cli("allies", "TUR", "--on",
                                                                 "1854-06-01")


# -- exports --------------------------------------------------------------------------------------
def test_a_state_year_panel_row_for_turkey_in_1900_names_the_ottoman_empire(api):
    rows = cli_csv("export", "state-year", "--panel", "cow", "--from", "1900", "--to", "1900",
                   "--state", "TUR")
    assert [(r["year"], r["state"], r["state_name"]) for r in rows] == [
        ("1900", "TUR", "Ottoman Empire")]
    later = cli_csv("export", "state-year", "--panel", "cow", "--from", "1950", "--to", "1950",
                    "--state", "TUR")
    assert [r["state_name"] for r in later] == ["Turkey"]
    latest = cli_csv("export", "state-year", "--panel", "cow", "--from", "2023", "--to", "2023",
                     "--state", "TUR")
    assert [r["state_name"] for r in latest] == ["Türkiye"]


def test_state_year_rows_name_the_state_in_that_year(api):
    rows = [r for r in api.export("state-year", start="1855", end="1855", states=["ITA"])
            if r["treaty"] == "crimean-alliance-1854"]
    assert rows and {r["state_name"] for r in rows} == {"Sardinia"}


# -- names resolve, are cached, and are written back ------------------------------------------------
def test_a_name_given_only_under_names_resolves(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "states:\n"
        "  XXA:\n"
        "    name: Xland\n"
        "    names:\n"
        "      - {name: Old Xland, to: 1920-01-01, source: https://example.org/x}\n", "utf-8")
    ds, problems = check([path], bundled=False, env=False)
    assert problems == []
    data = alliances.load(path, bundled=False, env=False)
    assert data.state("old xland") == "XXA"
    assert ds.states["XXA"].name_on(date(1919, 12, 31)) == "Old Xland"
    assert ds.states["XXA"].name_on(date(1920, 1, 1)) == "Xland"


def test_names_survive_the_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("ALLIANCES_NO_CACHE", raising=False)
    monkeypatch.setenv("ALLIANCES_CACHE", str(tmp_path))
    first = alliances.load(env=False).dataset
    again = alliances.load(env=False).dataset
    assert again.from_cache
    assert again.states["GMY"].names == first.states["GMY"].names != ()
    assert again.states["THA"].name_on(date(1946, 1, 1)) == "Siam"


# -- charts, the terminal timeline and the site ----------------------------------------------------
RENAMED = """\
states:
  XXA:
    name: Newland
    names:
      - {name: Oldland, to: 2000-01-01, source: https://example.org/x}
  YYA: {name: Yonder}
treaties:
  t1:
    name: Old Pact
    kind: treaty
    obligations: [defence]
    signed: 1990-01-01
    ended: 1995-01-01
    sources: [https://example.org/t1]
    members:
      XXA: {joined: 1990-01-01}
      YYA: {joined: 1990-01-01}
  t2:
    name: New Pact
    kind: treaty
    obligations: [defence]
    signed: 2005-01-01
    sources: [https://example.org/t2]
    members:
      XXA: {joined: 2005-01-01}
      YYA: {joined: 2005-01-01}
"""


@pytest.fixture()
def renamed(tmp_path):
    path = tmp_path / "renamed.yaml"
    path.write_text(RENAMED, "utf-8")
    return path


def test_chart_rows_name_a_member_as_it_was_in_the_treaty(renamed):
    from alliances.chart import compare_chart, treaty_chart
    from alliances.loading import load
    from alliances.query import Engine

    ds = load([renamed], bundled=False, env=False, cache=False)
    engine = Engine(ds)
    assert [r.label for r in treaty_chart(ds, engine, "t1").rows] == ["Oldland", "Yonder"]
    assert [r.label for r in treaty_chart(ds, engine, "t2").rows] == ["Newland", "Yonder"]
    # over an axis across the renaming, both names
    assert compare_chart(ds, engine, ["XXA"]).rows[0].group == "Oldland / Newland"


def test_the_terminal_timeline_names_a_member_as_it_was(renamed):
    out = cli("--no-bundled", "--data", str(renamed), "timeline", "t1")
    assert "Oldland" in out and "Newland" not in out


def test_site_pages_name_a_state_as_it_was(renamed, tmp_path):
    from alliances.loading import load
    from alliances.query import Engine
    from alliances.site import build_site

    ds = load([renamed], bundled=False, env=False, cache=False)
    build_site(ds, Engine(ds), tmp_path / "site", downloads=False)
    old = (tmp_path / "site" / "treaties" / "t1.html").read_text("utf-8")
    assert '">Oldland</a>' in old and '">Newland</a>' not in old
    new = (tmp_path / "site" / "treaties" / "t2.html").read_text("utf-8")
    assert '">Newland</a>' in new and '">Oldland</a>' not in new
    page = (tmp_path / "site" / "states" / "XXA.html").read_text("utf-8")
    assert "Other names</dt><dd>Oldland (until 2000-01-01)</dd>" in page


# -- found at the terminal: questions about 1815-1945 -----------------------------------------------
def test_a_name_shared_by_predecessor_and_successor_is_read_on_the_dates_asked(api):
    # "Austria" is the Austrian Empire (AUH) in 1850 and the Republic (AUT) today
    assert api.history("Austria", start="1850", end="1851").title == \
        "History of Austria (AUH) from 1850 to 1851"
    assert cli("compare", "Austria", "Prussia", "--from", "1850", "--to", "1860").startswith(
        "Alliance memberships: AUH, GMY")
    assert cli("timeline", "Austria", "--from", "1850", "--to", "1860").startswith("Austria (AUH)")
    rows = api.export("state-year", start="1850", end="1850", states=["Austria"])
    assert rows and {r["state"] for r in rows} == {"AUH"}


def test_a_history_title_names_the_state_as_it_was(api):
    assert api.history("Prussia", start="1866", end="1867").title == \
        "History of Prussia (GMY) from 1866 to 1867"
    assert cli("history", "GMY", "--from", "1866", "--to", "1867").lstrip().startswith(
        "History of Prussia (GMY) from 1866 to 1867")


def test_the_states_of_a_date_are_named_as_they_were(api):
    rows = api.states(on="1850-01-01")
    names = {r["state"]: r["name"] for r in rows}
    assert (names["GMY"], names["AUH"], names["TUR"], names["ITA"], names["IRN"], names["THA"]) \
        == ("Prussia", "Austria", "Ottoman Empire", "Sardinia", "Persia", "Siam")
    assert [r["name"] for r in rows] == sorted(r["name"] for r in rows)
    assert cli_json("states", "--on", "1850-01-01") == json.loads(
        json.dumps(list(rows), ensure_ascii=False))
    assert {r["state"]: r["name"] for r in api.states()}["GMY"] == "Germany"  # no date: today's


def test_yugoslavia_was_the_kingdom_of_serbs_croats_and_slovenes_until_october_1929(api):
    # King Alexander renamed the kingdom on 3 October 1929 (Wikipedia, Kingdom of Yugoslavia)
    yug = api.dataset.states["YUG"]
    assert yug.name_on(date(1929, 10, 2)) == "Kingdom of Serbs, Croats and Slovenes"
    assert yug.name_on(date(1929, 10, 3)) == "Yugoslavia"
    answer = api.allies("Yugoslavia", "Czechoslovakia", on="1925-01-01")
    assert "Kingdom of Serbs, Croats and Slovenes and Czechoslovakia on 1925-01-01" in \
        answer["headline"]


@pytest.mark.parametrize(("code", "day", "name"), [
    # the Federal Republic beside East Germany until unification on 3 October 1990 (bpb)
    ("DEU", "1955-05-09", "West Germany"), ("DEU", "1990-10-02", "West Germany"),
    ("DEU", "1990-10-03", "Germany"),
    # Turkey from the Republic (29 October 1923) until the UN took up Türkiye on 1 June 2022
    ("TUR", "1923-10-28", "Ottoman Empire"), ("TUR", "1923-10-29", "Turkey"),
    ("TUR", "2022-05-31", "Turkey"), ("TUR", "2022-06-01", "Türkiye"),
    # the Irish Free State until the Constitution of Ireland took effect on 29 December 1937
    ("IRL", "1937-12-28", "Irish Free State"), ("IRL", "1937-12-29", "Ireland"),
])
def test_the_name_of_the_day_in_the_twentieth_century(api, code, day, name):
    assert api.dataset.states[code].name_on(date.fromisoformat(day)) == name
    answer = api.allies(code, "USA", on=day)
    assert answer["headline"].split(" and ")[0].endswith(name)
