"""Answers a reader can act on (issue 21): statuses in words with their own dates, sources that can
be clicked and copied, notes cut to a sentence, the world's events in a period."""

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import alliances
from alliances.cli import app
from alliances.model import Event, Source
from alliances.query import Engine
from alliances.regions import region_name, region_of
from alliances.render import render_allies_pair, render_history
from alliances.safetext import link_target
from alliances.wording import first_sentence, status_words

from .conftest import FIXTURES, MINI, period

runner = CliRunner()
DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]
RANGES = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"),
          "--data", str(Path(__file__).parent / "good" / "date-ranges.yaml")]
OSC8 = re.compile("\x1b]8;[^;]*;([^\x1b]*)\x1b\\\\")


@pytest.fixture(scope="module")
def fixture_api():
    return alliances.Alliances(alliances.load(MINI, bundled=False, env=False).dataset)


def run(*args, data=DATA, columns="200"):
    return runner.invoke(app, [*data, *args], env={"COLUMNS": columns})


# -- statuses in words -----------------------------------------------------------------------------
@pytest.mark.parametrize("code, on, words", [
    # beta, mini.yaml: AAA joined 2000-01-01, froze in 2024-02, announced leaving on 2024-06-12
    ("AAA", "2025-01-01", "suspended since 2024-02 (month only); withdrawal announced 2024-06-12; "
                          "member since 2000-01-01"),
    ("AAA", "2023-12-31", "member since 2000-01-01"),
    # DDD: observer 2001-03-01, member 2005-05-05, notified 2010-01-01 effective 2011-01-01
    ("DDD", "2003-01-01", "observer since 2001-03-01; in the treaty until 2011-01-01"),
    ("CCC", "1994-06-01", "member since 1990-06-01 until 1995 (year only)"),
    ("DDD", "2010-06-01", "member since 2005-05-05; withdrawal notified 2010-01-01, effective "
                          "2011-01-01; in the treaty since 2001-03-01 until 2011-01-01"),
])
def test_each_status_is_worded_with_its_own_date(mini, code, on, words):
    standing = Engine(mini).standing("alpha" if code == "CCC" else "beta", code, period(on))
    assert status_words(standing) == words


def test_an_uncertain_status_says_so(mini):
    # 2024-02 as a whole: AAA froze on a day of that month that the data do not know
    standing = Engine(mini).standing("beta", "AAA", period("2024-02-15"))
    assert status_words(standing).startswith(
        "member or suspended (uncertain: the status changed in 2024-02 (month only))")


def test_a_notified_withdrawal_is_named_in_the_headline(fixture_api):
    answer = fixture_api.allies("DDD", "BBB", on="2010-06-01")
    assert answer["allied"] is True
    assert str(answer.headline) == (
        "Yes, formally: Dorado's withdrawal from BO is notified (2010-01-01), effective "
        "2011-01-01. Dorado and Bolland on 2010-06-01 (defence obligation).")
    [caveat] = answer["caveats"]
    assert (caveat["withdrawal"], caveat["withdrawal_effective"]) == ("notified", "2011-01-01")


def test_a_no_stays_a_no_without_a_qualifier(fixture_api):
    answer = fixture_api.allies("EEE", "BBB", on="1990")  # gamma: EEE suspended towards BBB
    assert str(answer.headline) == "No: Elbonia and Bolland on 1990 (defence obligation)"


# -- sources ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("url, target", [
    ("https://example.org/a?b=1;c", "https://example.org/a?b=1;c"),
    ("https://example.org/\x1b]8;;https://evil.example\x1b\\", "https://example.org/%1B]8;;https"
                                                              "://evil.example%1B\\"),
    ("https://example.org/a b\x07ü", "https://example.org/a%20b%07%C3%BC"),
    ("javascript:alert(1)", None),
    ("file:///etc/passwd", None),
])
def test_a_link_target_is_printable_ascii_and_only_for_the_web(url, target):
    assert link_target(url) == target


def _pair_output(api, a, b, on, **console):
    out = io.StringIO()
    render_allies_pair(Console(file=out, **console), api.dataset, api.allies(a, b, on=on))
    return out.getvalue()


def test_sources_are_hyperlinks_on_a_terminal_and_never_broken(fixture_api):
    long_url = "https://example.org/gamma"
    linked = _pair_output(fixture_api, "AAA", "BBB", on="1960", width=20, force_terminal=True,
                          color_system="standard")
    assert [u for u in OSC8.findall(linked) if u] == [long_url]  # "" closes the link
    plain = _pair_output(fixture_api, "AAA", "BBB", on="1960", width=20, color_system=None)
    assert "\x1b" not in plain
    assert "    source: https://example.org/gamma" in plain.splitlines()  # whole, at 20 columns


def test_a_url_from_data_cannot_send_escapes(mini):
    # data built through the API is not validated: an address holding an escape sequence (OSC 52
    # sets the clipboard) must reach the terminal neither as text nor inside the link
    evil = "https://example.org/\x1b]52;c;aGk=\x07"
    event = next(e for e in mini.treaties["beta"].members["AAA"] if e.kind == "withdrawal_announced")
    patched = [Event(event.treaty, event.state, event.date, event.kind, event.note, (Source(evil),))]
    out = io.StringIO()
    render_history(Console(file=out, width=120, force_terminal=True, color_system="standard"),
                   mini, "t", patched)
    text = out.getvalue()
    assert "\x1b]52" not in text and "\x07" not in text
    assert {u for u in OSC8.findall(text) if u} == {"https://example.org/%1B]52;c;aGk=%07"}
    shown = re.sub("\x1b\\[[0-9;]*m", "", OSC8.sub("", text)).replace("\x1b]8;;\x1b\\", "")
    assert "\x1b" not in shown
    assert "[1] https://example.org/␛]52;c;aGk=␇" in shown


def test_history_lists_sources_below_the_table_whole():
    result = run("history", "beta", "--from", "2024", columns="40")
    lines = result.stdout.splitlines()
    assert lines[-1] == "[1] https://example.org/aaa-leaves"  # whole, though 40 columns wide
    assert "[1]" in "".join(lines[:-1])  # the reference in the table


# -- notes ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, first", [
    ("One sentence only.", "One sentence only."),
    ("Art. 5 binds them. The rest follows.", "Art. 5 binds them. …"),
    ("Signed in Washington, D.C. on 4 April. Ratified later.", "Signed in Washington, D.C. on "
                                                             "4 April. …"),
    ("The U.S. Senate agreed (No. 12). It was 1949. More.", "The U.S. Senate agreed (No. 12). …"),
    ('He said "we will leave." Nothing followed.', 'He said "we will leave." …'),
    ("Dated by J. Smith in 1950; see p. 4. Then more.", "Dated by J. Smith in 1950; see p. 4. …"),
    ("lower case after a stop. is not a new sentence", "lower case after a stop. is not a new "
                                                       "sentence"),
    ("", ""),
    (None, None),
])
def test_first_sentence(text, first):
    assert first_sentence(text) == first


@pytest.fixture
def noted(tmp_path):
    long = " ".join(["A first sentence about the date."] + ["More words to fill a column."] * 30)
    path = tmp_path / "noted.yaml"
    path.write_text(
        "treaties:\n  noted:\n    name: Noted Pact\n    kind: treaty\n    obligations: [defence]\n"
        "    signed: 1990-01-01\n    sources: [https://example.org/noted]\n    members:\n"
        "      AAA:\n        events:\n"
        f"          - {{date: 1990-01-01, event: joined, note: '{long}'}}\n"
        "      BBB:\n        events:\n"
        "          - {date: 1990-01-01, event: joined, note: 'Short. Two sentences.'}\n",
        encoding="utf-8")
    return ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(path)], long


def test_a_long_note_is_cut_where_it_does_not_fit_and_whole_with_full(noted):
    data, long = noted
    fit = run("history", "noted", data=data, columns="120").stdout
    assert "A first sentence about the date. …" in fit and "fill a column" not in fit
    assert "Short. Two sentences." in fit  # it fits: whole
    assert "--full shows them whole" in fit
    full = run("history", "noted", "--full", data=data, columns="120").stdout
    assert full.count("fill a column") >= 30 // 4
    brief = run("history", "noted", "--brief", data=data, columns="120").stdout
    assert "Short. …" in brief and "Two sentences" not in brief


def test_brief_cuts_notes_in_data_formats_too(noted):
    data, long = noted
    rows = json.loads(run("history", "noted", "--brief", "-f", "json", data=data).stdout)
    assert [r["note"] for r in rows] == ["A first sentence about the date. …", "Short. …"]
    whole = json.loads(run("history", "noted", "-f", "json", data=data).stdout)
    assert [r["note"] for r in whole] == [long, "Short. Two sentences."]
    both = run("history", "noted", "--brief", "--full", data=data)
    assert both.exit_code == 2 and "--brief and --full cannot be used together" in both.stderr


# -- the world's events ----------------------------------------------------------------------------
def test_history_of_the_world_in_a_period_on_the_fixture():
    rows = json.loads(run("history", "--from", "2010", "--to", "2011", "-f", "json").stdout)
    # beta: DDD notified 2010-01-01, left 2011-01-01; delta: AAA and EEE joined 2010-01-01
    assert [(r["date"], r["treaty"], r["state"], r["event"]) for r in rows] == [
        ("2010-01-01", "beta", "DDD", "withdrawal_notified"),
        ("2010-01-01", "delta", "AAA", "joined"),
        ("2010-01-01", "delta", "EEE", "joined"),
        ("2011-01-01", "beta", "DDD", "left"),
    ]
    newest = run("history", "--from", "2010", "--to", "2011", "--order", "newest", "-f", "csv")
    assert newest.stdout.splitlines()[1].startswith("beta,DDD,DD,104,Dorado,2011-01-01,")
    declarations = json.loads(run("history", "--from", "2010", "--to", "2011", "--kind",
                                  "declaration", "-f", "json").stdout)
    assert {r["treaty"] for r in declarations} == {"delta"}
    table = run("history", "--from", "2010", "--to", "2011").stdout
    assert table.startswith("Events worldwide from 2010 to 2011")


def test_an_open_range_is_listed_in_the_period_of_its_known_bound():
    # CCC joined t1 on some day from 1961-07-20 on, not known when
    later = json.loads(run("history", "--from", "1970", "-f", "json", data=RANGES).stdout)
    assert "CCC" not in {r["state"] for r in later}
    then = json.loads(run("history", "--from", "1961", "--to", "1961", "-f", "json",
                          data=RANGES).stdout)
    # a closed range may fall in the period: BBB joined some day from 1958-10-01 to 2015-03-19
    assert [(r["state"], r["date"]) for r in then] == [("BBB", "1958-10-01..2015-03-19"),
                                                       ("CCC", "1961-07-20..")]
    assert "BBB" in {r["state"] for r in later}


@pytest.mark.parametrize("text, name", [("Europe", "europe"), ("middle east", "middle-east"),
                                        ("Asia_Oceania", "asia-oceania"), ("AMERICAS", "americas")])
def test_region_names(text, name):
    assert region_name(text) == name


def test_regions_follow_the_cow_code_of_the_day(mini):
    from datetime import date

    # EEE is COW 105 until 1990-10-03, then 106: both in the Americas range (2-165)
    assert region_of(mini.states["EEE"], date(1980, 1, 1)) == "americas"
    assert region_of(mini.states["NOR"], date(1980, 1, 1)) == "europe"  # 385
    assert region_of(mini.states["OLD"], date(1980, 1, 1)) == "europe"  # 300
    regional = json.loads(run("history", "--from", "2010", "--to", "2011", "--region", "europe",
                              "-f", "json").stdout)
    assert regional == []  # AAA, DDD, EEE are 101-106: the Americas


# -- treaties --on ---------------------------------------------------------------------------------
def test_treaties_on_a_date_count_members_then():
    # beta on 2015: AAA and BBB (DDD left on 2011-01-01); three over its life
    rows = {r["treaty"]: r for r in json.loads(run("treaties", "--on", "2015", "-f",
                                                   "json").stdout)}
    assert (rows["beta"]["members"], rows["beta"]["members_on"]) == (3, 2)
    table = run("treaties", "--on", "2015").stdout
    assert "Mbrs on" in table and "in it on 2015" in table
    header = run("treaties", "--on", "2015", "-f", "csv").stdout.splitlines()[0].split(",")
    assert header[header.index("members") + 1] == "members_on"
    assert "members_on" not in run("treaties", "-f", "csv").stdout.splitlines()[0]


def test_an_uncertain_answer_is_not_called_formal(tmp_path):
    # AAA froze its participation in 2010; BBB left in 2015, day unknown: on 2015-06-01 the link
    # may or may not hold. "formally" qualifies a yes, never an uncertain answer.
    path = tmp_path / "unsure.yaml"
    path.write_text(
        "treaties:\n  unsure:\n    name: Unsure Pact\n    kind: treaty\n    obligations: [defence]\n"
        "    signed: 2000-01-01\n    sources: [https://example.org/unsure]\n    members:\n"
        "      AAA:\n        events:\n          - {date: 2000-01-01, event: joined}\n"
        "          - {date: 2010-05-05, event: suspended}\n"
        "      BBB:\n        events:\n          - {date: 2000-01-01, event: joined}\n"
        "          - {date: '2015', event: left}\n", encoding="utf-8")
    data = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(path)]
    payload = json.loads(run("allies", "AAA", "BBB", "--on", "2015-06-01", "-f", "json",
                             data=data).stdout)
    assert payload["allied"] == "uncertain"
    assert payload["headline"] == (
        "Uncertain: Aland and Bolland on 2015-06-01 (defence obligation). Note: Aland's "
        "participation in Unsure Pact is suspended (since 2010-05-05).")


def test_allies_brief_cuts_the_note_of_a_suspension(tmp_path):
    path = tmp_path / "rel.yaml"
    path.write_text(
        "treaties:\n  rel:\n    name: Rel Pact\n    kind: treaty\n    obligations: [defence]\n"
        "    signed: 1950-01-01\n    sources: [https://example.org/rel]\n    members:\n"
        "      AAA: {joined: 1950-01-01}\n"
        "      BBB:\n        events:\n          - {date: 1950-01-01, event: joined}\n"
        "          - {date: 1986-08-11, event: suspended, towards: [AAA], note: 'Suspended at the "
        "talks. A later date is also given.'}\n", encoding="utf-8")
    data = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(path)]
    full = run("allies", "AAA", "BBB", "--on", "1990", data=data).stdout
    assert "on 1986-08-11: Suspended at the talks. A later date is also given." in full
    brief = run("allies", "AAA", "BBB", "--on", "1990", "--brief", data=data).stdout
    assert "on 1986-08-11: Suspended at the talks. …" in brief
    table = run("allies", "AAA", "--on", "1990", data=data).stdout
    assert "Suspended at the talks. …" in table and "later date" not in table


def test_member_tables_word_each_status_with_its_own_date():
    members = run("members", "beta", "--on", "2025-01-01").stdout
    aland = next(line for line in members.splitlines() if "Aland" in line)
    assert "│ suspended since 2024-02 (month only); withdrawal announced 2024-06-12 │" in aland
    assert "│ 2000-01-01 " in aland  # the membership's start, in its own column
    memberships = run("memberships", "DDD", "--on", "2003").stdout
    dorado = next(line for line in memberships.splitlines() if "beta" in line)
    assert "│ observer " in dorado and "│ 2001-03-01 until 2011-01-01 " in dorado


def test_an_observer_is_named_when_it_is_why_the_answer_is_no(fixture_api):
    # beta: DDD an observer from 2001-03-01, a member from 2005-05-05; BBB a member from 2000
    expected = ("No: Dorado and Bolland on 2003 (defence obligation). Note: Dorado is only an "
                "observer in BO (since 2001-03-01).")
    answer = fixture_api.allies("DDD", "BBB", on="2003")
    payload = json.loads(run("allies", "DDD", "BBB", "--on", "2003", "-f", "json").stdout)
    assert payload == json.loads(json.dumps(dict(answer)))
    assert payload["headline"] == expected and payload["allied"] is False
    assert [(c["state"], c["status"], c["status_since"]) for c in payload["caveats"]] == [
        ("DDD", "observer", "2001-03-01")]
    assert "  Note: Dorado is only an observer in BO (since 2001-03-01)" in run(
        "allies", "DDD", "BBB", "--on", "2003").stdout
    assert fixture_api.allies("DDD", "BBB", on="2006")["caveats"] == []  # a member by then
