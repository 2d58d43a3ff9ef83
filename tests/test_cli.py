"""The CLI through typer's CliRunner, on the hand-written fixture."""

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliances.cli import app

from .conftest import FIXTURES

runner = CliRunner()
DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]


def run(*args):
    return runner.invoke(app, [*DATA, *args])


def test_members_json_contract():
    result = run("members", "alpha", "--on", "1995-03-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {r["state"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"AAA", "BBB", "CCC"}
    assert rows["AAA"]["name"] == "Aland" and rows["AAA"]["status"] == "member"
    assert rows["AAA"]["since"] == "1990-06-01" and rows["AAA"]["certain"] is True
    assert rows["CCC"]["certain"] is False and rows["CCC"]["until"] == "1995"
    assert rows["CCC"]["until_precision"] == "year"


def test_members_csv_pipes_cleanly():
    result = run("members", "beta", "--on", "2025-01-01", "-f", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    aaa = next(r for r in rows if r["state"] == "AAA")
    assert (aaa["status"], aaa["withdrawal"], aaa["withdrawal_date"]) == (
        "suspended", "announced", "2024-06-12")
    assert aaa["certain"] == "1" and aaa["until"] == ""  # empty, never 0, for unknown


def test_members_before_the_treaty_existed_points_to_predecessor():
    result = run("members", "beta", "--on", "1998")
    assert result.exit_code == 0
    assert "did not yet exist" in result.stdout
    assert "predecessor" in result.stdout and "Aland" in result.stdout
    as_json = run("members", "beta", "--on", "1998", "-f", "json")
    assert json.loads(as_json.stdout) == []
    assert "predecessor 'alpha'" in as_json.stderr


def test_memberships_json_contract():
    result = run("memberships", "aaa", "--on", "2015-06-01", "-f", "json")
    assert result.exit_code == 0
    rows = {r["treaty"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"gamma", "beta", "delta"}
    assert rows["beta"]["name"] == "Beta Organisation" and rows["beta"]["since"] == "2000-01-01"


def test_allies_pair_json():
    result = run("allies", "Aland", "bolland", "--on", "2020-10-01", "-f", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["allied"] is True and sorted(payload["via"]) == ["beta", "gamma"]


def test_allies_uncertain_and_suspended():
    uncertain = json.loads(run("allies", "AAA", "CCC", "--on", "1995-06-01", "-f", "json").stdout)
    assert uncertain["allied"] == "uncertain" and uncertain["via"] == ["alpha"]
    suspended = json.loads(run("allies", "EEE", "BBB", "--on", "1990", "-f", "json").stdout)
    assert suspended["allied"] is False and suspended["via"] == []
    assert suspended["links"][0]["relation_suspended"] is True


def test_allies_table_names_status_of_frozen_member():
    # gamma links them plainly, so the answer is a plain yes; beta's frozen member is still named
    result = runner.invoke(app, [*DATA, "allies", "AAA", "BBB", "--on", "2025-01-01"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Yes: Aland and Bolland on 2025-01-01 (defence obligation)"
    assert lines[1] == ("  Note: Aland's participation in BO is suspended (since 2024-02 (month "
                        "only)) and its withdrawal announced (2024-06-12)")
    assert ("    Aland: suspended since 2024-02 (month only); withdrawal announced 2024-06-12; "
            "member since 2000-01-01") in lines


def test_allies_obligation_widens():
    default = json.loads(run("allies", "AAA", "EEE", "--on", "2015", "-f", "json").stdout)
    wide = json.loads(run("allies", "AAA", "EEE", "--on", "2015", "--obligation", "consultation",
                          "-f", "json").stdout)
    assert default["via"] == ["gamma"] and wide["via"] == ["delta"]


def test_allies_of_one_state_csv():
    result = run("allies", "EEE", "--on", "1990-01-01", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["state2"], r["allied"]) for r in rows} == {("AAA", "1"), ("BBB", "0")}


@pytest.mark.parametrize("name", ["AAA", "aaa", "AA", "101", "Aland", "ALAND", "Ålandia", "alandia",
                                  "republic of aland"])
def test_state_names_resolve(name):
    result = run("memberships", name, "--on", "2015", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert {r["state"] for r in json.loads(result.stdout)} == {"AAA"}


@pytest.mark.parametrize("name", ["alpha", "ADT", "Alpha Pact", "alpha defence treaty", "пакт альфа"])
def test_treaty_names_resolve(name):
    result = run("members", name, "--on", "1995-01-01", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert {r["treaty"] for r in json.loads(result.stdout)} == {"alpha"}


def test_cow_code_shared_by_predecessor_and_successor_resolves_by_date(mini):
    from datetime import date

    from alliances.names import Resolver

    resolver = Resolver(mini)
    assert resolver.state("300", date(1980, 1, 1)) == "OLD"
    assert resolver.state("300", date(2000, 1, 1)) == "NEW"


@pytest.mark.parametrize(
    "args, message",
    [
        (["members", "zeta"], "alliances: unknown treaty 'zeta'; did you mean: beta?"),
        (["memberships", "Alandd"], "alliances: unknown state 'Alandd'; did you mean: AAA (Aland)?"),
        (["members", "alpha", "--on", "2024-02-30"],
         "alliances: --on: '2024-02-30' is impossible: February 2024 has 29 days"),
        (["members", "alpha", "--on", "1.1.1999"],
         "alliances: --on: '1.1.1999' is not a date (YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1999-04-20)"),
        (["allies", "AAA", "aland"], "alliances: 'AAA' and 'aland' are the same state (AAA)"),
        (["allies", "AAA", "BBB", "--obligation", "friendship"],
         "alliances: obligation 'friendship' is not one of defence, offence, neutrality, "
         "non-aggression, consultation, any"),
    ],
)
def test_bad_arguments_exit_2_with_one_clear_line(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == message
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_unknown_format_is_a_usage_error():
    result = run("members", "alpha", "--format", "xml")
    assert result.exit_code == 2 and "xml" in result.stderr


def test_broken_data_exits_1_with_located_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("treaties:\n  t1: {name: T, kind: pact}\n", encoding="utf-8")
    result = runner.invoke(app, [*DATA, "--data", str(bad), "members", "alpha"])
    assert result.exit_code == 1
    assert f"{bad}:2:23: kind 'pact' of treaty 't1' is not known" in result.stderr.replace("\n", " ")
    assert "Traceback" not in result.stderr


def test_validate_clean_and_broken(tmp_path):
    ok = run("validate")
    assert ok.exit_code == 0
    assert ok.stdout.strip() == "ok: 2 files, 4 treaties, 8 states, 18 events"
    bad = tmp_path / "bad.yaml"
    bad.write_text("treaties:\n  t1: {name: T, kind: treaty, obligations: [], signed: 1999-02-29,"
                   " sources: [x]}\n", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:2:56: signed of treaty 't1': '1999-02-29' is impossible: February 1999 has 28 "
        "days; write a real date as YYYY, YYYY-MM or YYYY-MM-DD, or a range A..B"]


def test_history_of_a_treaty_json_is_dated_and_sourced():
    result = run("history", "beta", "--from", "2024", "-f", "json")
    rows = json.loads(result.stdout)
    assert [(r["state"], r["date"], r["precision"], r["event"]) for r in rows] == [
        ("AAA", "2024-02", "month", "suspended"), ("AAA", "2024-06-12", "day", "withdrawal_announced")]
    assert rows[1]["source"] == "https://example.org/aaa-leaves"


def test_states_listing_with_codes_and_dates():
    rows = {r["state"]: r for r in json.loads(run("states", "-f", "json").stdout)}
    assert rows["NOR"]["iso2"] == "NO" and rows["OLD"]["to"] == "1991-12-26"
    assert rows["EEE"]["cow"] == "105::1990-10-03 106:1990-10-03:"
    alive = {r["state"] for r in json.loads(run("states", "--on", "1995", "-f", "json").stdout)}
    assert "OLD" not in alive and "NEW" in alive


def test_treaties_in_force_on_a_date():
    rows = json.loads(run("treaties", "--on", "1995", "-f", "json").stdout)
    assert sorted(r["treaty"] for r in rows) == ["alpha", "gamma"]


def test_as_of_note_for_later_dates():
    result = run("members", "beta", "--on", "2027-01-01", "-f", "json")
    assert "current to 2026-11-01" in result.stderr


@pytest.mark.parametrize("command", ["members", "memberships", "allies", "history", "treaties",
                                     "validate", "states"])
def test_every_command_help_has_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example: alliances " in result.stdout


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("alliances 0.1.0")


@pytest.mark.parametrize("command", ["export", "timeline", "compare"])
def test_later_commands_help_has_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example: alliances " in result.stdout


def test_ctrl_c_exits_130_without_a_traceback(monkeypatch, capsys):
    import alliances.cli as cli

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


def test_an_unexpected_error_is_one_line_and_exit_3(monkeypatch, capsys):
    import alliances.cli as cli

    def broken():
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("ALLIANCES_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert err.startswith("alliances: unexpected error (ZeroDivisionError: boom)")
    assert "Traceback" not in err


def test_oversized_file_is_refused_with_the_limit(monkeypatch, tmp_path):
    import alliances.yamlread as yamlread

    big = tmp_path / "big.yaml"
    big.write_text("treaties: {}\n" + "# padding\n" * 200, encoding="utf-8")
    monkeypatch.setattr(yamlread, "MAX_FILE_BYTES", 1000)
    result = runner.invoke(app, ["--no-bundled", "--data", str(big), "validate"])
    assert result.exit_code == 1
    assert f"{big}: file is 2,013 bytes, over the limit of 1,000; split it into several files" \
        in result.stdout


def test_shell_completion_offers_treaty_ids_and_state_codes():
    from alliances.cli import complete_state, complete_treaty

    assert ("cst", "Collective Security Treaty") in complete_treaty("cs")
    assert any(code == "ARM" for code, _ in complete_state("arm"))


def test_verbose_says_which_files_were_loaded():
    result = runner.invoke(app, [*DATA, "--verbose", "members", "alpha", "--on", "1995", "-f",
                                 "json"])
    assert result.exit_code == 0
    assert "mini.yaml" in result.stderr and json.loads(result.stdout)
    assert "loaded 2 files" in result.stderr


@pytest.mark.parametrize(
    "argv, command",
    [
        (["allies", "Armenia", "Belarus"], "allies"),
        (["--data", "history", "members", "NATO"], "members"),  # a --data value is not a command
        (["-d", "x.yaml", "-q", "export", "events"], "export"),
        (["--data=x.yaml", "treaties"], "treaties"),
        (["--help"], None),
        ([], None),
    ],
)
def test_command_named_finds_the_subcommand_past_global_options(argv, command, monkeypatch):
    import alliances.cli as cli

    monkeypatch.delenv("_ALLIANCES_COMPLETE", raising=False)
    assert cli._command_named(argv) == command


def test_shell_completion_keeps_every_command(monkeypatch):
    import alliances.cli as cli

    monkeypatch.setenv("_ALLIANCES_COMPLETE", "complete_bash")
    assert cli._command_named(["members", "NA"]) is None


def test_main_builds_only_the_command_run_and_restores_the_rest(monkeypatch, capsys):
    import alliances.cli as cli

    seen = []
    every = [c.callback.__name__ for c in cli.app.registered_commands]
    real = cli.app
    monkeypatch.setattr(cli.sys, "argv", ["alliances", "-q", "history", "Armenia"])

    class Wrapped:
        registered_commands = real.registered_commands

        def __call__(self):
            seen.append([c.callback.__name__ for c in self.registered_commands])
            raise SystemExit(0)

    wrapped = Wrapped()
    monkeypatch.setattr(cli, "app", wrapped)
    with pytest.raises(SystemExit):
        cli.main()
    assert seen == [["history"]]
    assert [c.callback.__name__ for c in wrapped.registered_commands] == every
    monkeypatch.setattr(cli.sys, "argv", ["alliances", "no-such-command"])
    with pytest.raises(SystemExit):
        cli.main()
    assert seen[-1] == every  # an unknown name keeps them all, for typer's own error message


def test_data_text_is_printed_as_written_not_as_rich_markup(tmp_path):
    odd = tmp_path / "odd.yaml"
    odd.write_text(
        "treaties:\n"
        "  odd:\n"
        "    name: 'The [sic] Pact :smile:'\n"
        "    short: '[b]Odd[/b]'\n"
        "    kind: treaty\n"
        "    obligations: [defence]\n"
        "    signed: '1990'\n"
        "    sources: [https://example.org]\n"
        "    members:\n"
        "      AAA: {joined: '1990-01-01'}\n"
        "      BBB: {joined: '1990-01-01'}\n", encoding="utf-8")
    result = runner.invoke(app, ["--no-bundled", "-d", str(FIXTURES / "states.yaml"), "-d", str(odd),
                                 "members", "odd", "--on", "2000"])
    assert result.exit_code == 0, result.stderr
    assert "[b]Odd[/b] — The [sic] Pact :smile:" in result.stdout


def test_global_options_that_take_a_value_are_the_ones_main_skips():
    """main() finds the command name by skipping these options' values; a new global option
    with a value must be added there too."""
    import typer.main

    import alliances.cli as cli

    group = typer.main.get_command(cli.app)
    taking_values = {name for p in group.params if not getattr(p, "is_flag", False)
                     for name in [*p.opts, *p.secondary_opts]}
    assert taking_values == cli._GLOBAL_VALUE_OPTIONS


@pytest.mark.parametrize(("args", "expected"), [
    (["members", "NATO", "--on", "2020-01-01", "-f", "table"], "┃ State"),
    (["members", "CSTO", "--on", "1998-01-01", "-f", "table"], "predecessor"),
    (["memberships", "Armenia", "--on", "2025-01-01", "-f", "table"], "suspended"),
    (["allies", "Armenia", "Belarus", "--on", "2020-10-01", "-f", "table"], "via CSTO"),
    (["allies", "Belarus", "--on", "2020-10-01", "-f", "table"], "Armenia"),
    (["history", "Azerbaijan", "-f", "table"], "withdrawal"),
    (["treaties", "-f", "table"], "total: "),
    (["treaties", "--on", "1995", "-f", "table"], "total: "),
    (["states", "-f", "table"], "Armenia"),
    (["timeline", "CSTO"], "Armenia"),
    (["compare", "Armenia", "Belarus"], "Belarus"),
])
def test_every_table_renders_on_the_bundled_data(args, expected):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout
    assert "unexpected error" not in result.output


def test_a_date_range_is_answered_as_uncertain_inside_it_and_said_plainly():
    ranges = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"),
              "--data", str(Path(__file__).parent / "good" / "date-ranges.yaml")]
    inside = runner.invoke(app, [*ranges, "allies", "AAA", "BBB", "--on", "1970", "-f", "json"])
    assert json.loads(inside.stdout)["allied"] == "uncertain"
    after = runner.invoke(app, [*ranges, "allies", "AAA", "BBB", "--on", "2016", "-f", "json"])
    assert json.loads(after.stdout)["allied"] is True
    never = runner.invoke(app, [*ranges, "allies", "AAA", "CCC", "--on", "2025", "-f", "json"])
    assert json.loads(never.stdout)["allied"] == "uncertain"
    table = runner.invoke(app, [*ranges, "members", "t1", "--on", "2016"], env={"COLUMNS": "120"})
    assert "some day from 1958-10-01 to 2015-03-19" in table.stdout
    assert "1961-07-20 or later (not known when)" in table.stdout
    assert "3 members (1 uncertain) on 2016" in table.stdout
    link = runner.invoke(app, [*ranges, "allies", "AAA", "BBB", "--on", "2016"])
    assert "via Test Treaty (defence)" in link.stdout  # no short name: no stray ";"
    rows = json.loads(runner.invoke(app, [*ranges, "members", "t1", "--on", "2016", "-f",
                                          "json"]).stdout)
    bbb = next(r for r in rows if r["state"] == "BBB")
    assert (bbb["since"], bbb["since_precision"], bbb["certain"]) == (
        "1958-10-01..2015-03-19", "range", True)


def test_a_closed_range_can_be_asked_about():
    result = run("members", "alpha", "--on", "1994..1996", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {r["on"] for r in json.loads(result.stdout)} == {"1994..1996"}
    open_ended = run("members", "alpha", "--on", "1994..")
    assert open_ended.exit_code == 2 and "has no end" in open_ended.stderr


def test_a_range_given_to_from_and_to_spans_all_of_it():
    result = run("-q", "export", "state-year", "--from", "1994..1995", "--to", "1996..1997",
                 "--treaty", "alpha", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    years = {int(row["year"]) for row in csv.DictReader(io.StringIO(result.stdout))}
    assert min(years) == 1994 and max(years) == 1997
