"""The same question through the command line and the Python API gives the same answer, and the
same bad question the same error (issue 15: one query layer)."""

import json

import pytest
from typer.testing import CliRunner

import alliances
from alliances.cli import app
from alliances.errors import AlliancesError

runner = CliRunner()


@pytest.fixture(scope="module")
def api():
    return alliances.load(env=False)


def cli_json(*args):
    result = runner.invoke(app, [*args, "--format", "json"], env={"ALLIANCES_DATA": ""})
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def plain(value):
    return json.loads(json.dumps(value, ensure_ascii=False))


QUESTIONS = [
    (["members", "CSTO", "--on", "2020-10-01"], lambda a: a.members("CSTO", on="2020-10-01")),
    (["memberships", "Armenia", "--on", "2025-06-01"],
     lambda a: a.memberships("Armenia", on="2025-06-01")),
    (["allies", "Armenia", "--on", "2020"], lambda a: a.allies("Armenia", on="2020")),
    (["allies", "USA", "--on", "1990", "--obligation", "any"],
     lambda a: a.allies("USA", on="1990", obligations="any")),
    (["history", "Armenia", "--from", "2024"], lambda a: a.history("Armenia", start="2024")),
    (["treaties", "--on", "1980"], lambda a: a.treaties(on="1980")),
    (["states", "--on", "1980"], lambda a: a.states(on="1980")),
    # issue 21: the allies of a state with its own caveats, the world's history in a period
    # (filtered, newest first, notes brief), members on a date
    (["allies", "Armenia", "--on", "2025-06-01"], lambda a: a.allies("Armenia", on="2025-06-01")),
    (["history", "--from", "2025-06", "--to", "2025-12"],
     lambda a: a.history(start="2025-06", end="2025-12")),
    (["history", "--from", "2024", "--order", "newest", "--region", "europe", "--kind",
      "organisation"],
     lambda a: a.history(start="2024", order="newest", regions="europe", kinds="organisation")),
    (["history", "--to", "1949-08-24", "--region", "americas", "--region", "Europe"],
     lambda a: a.history(end="1949-08-24", regions=["americas", "Europe"])),
    (["history", "Armenia", "--from", "2024", "--brief"],
     lambda a: a.history("Armenia", start="2024", brief=True)),
    (["treaties", "--on", "2024-03-07"], lambda a: a.treaties(on="2024-03-07")),
]


@pytest.mark.parametrize("args, ask", QUESTIONS, ids=[" ".join(q[0]) for q in QUESTIONS])
def test_same_rows_through_both_doors(api, args, ask):
    rows, _ = cli_json(*args)
    answer = ask(api)
    assert len(answer) > 0
    assert rows == plain(list(answer))


@pytest.mark.parametrize("cli_args, ask", [
    (["Armenia", "Belarus", "--on", "2020-10-01"],
     lambda a: a.allies("Armenia", "Belarus", on="2020-10-01")),
    (["ARM", "AZE", "--on", "1999-04-20", "--obligation", "defence"],
     lambda a: a.allies("ARM", "AZE", on="1999-04-20", obligations=["defence"])),
    (["371", "373", "--on", "1999-04-21"], lambda a: a.allies(371, 373, on="1999-04-21")),
    (["2", "20", "--on", "1990"], lambda a: a.allies(2.0, 20, on=1990)),
    (["Armenia", "Belarus", "--on", "2025-06-01"],
     lambda a: a.allies("Armenia", "Belarus", on="2025-06-01")),
    (["Armenia", "Russia", "--on", "2025-06-01"],
     lambda a: a.allies("ARM", "RUS", on="2025-06-01")),
])
def test_same_pair_answer_through_both_doors(api, cli_args, ask):
    payload, _ = cli_json("allies", *cli_args)
    assert payload == plain(dict(ask(api)))


def test_a_state_that_did_not_exist_is_named_through_both_doors(api):
    payload, stderr = cli_json("allies", "RUS", "POL", "--on", "1980")
    answer = api.allies("RUS", "POL", on="1980")
    assert payload == plain(dict(answer)) and payload["allied"] is False
    [note] = answer.notes
    assert note == ("Russia (RUS) did not exist on 1980 (it exists from 1991-12-26); the state that "
                    "did: Soviet Union (SUN, COW 365)")
    assert f"note: {note}" in stderr


@pytest.mark.parametrize("cli_args, ask, message", [
    (["allies", "Armenia", "Armenia"], lambda a: a.allies("Armenia", "ARM"),
     "are the same state (ARM)"),
    (["allies", "Armenia", "Belarus", "--on", "2024.."],
     lambda a: a.allies("Armenia", "Belarus", on="2024.."), "'2024..' has no end"),
    (["allies", "Armenia", "Belarus", "--obligation", "friendship"],
     lambda a: a.allies("Armenia", "Belarus", obligations="friendship"),
     "obligation 'friendship' is not one of"),
    (["members", "Nonesuch Pact"], lambda a: a.members("Nonesuch Pact"), "unknown treaty"),
    (["memberships", "Atlantis"], lambda a: a.memberships("Atlantis"), "unknown state 'Atlantis'"),
    (["history", "Armenia", "--from", "2020", "--to", "2010"],
     lambda a: a.history("Armenia", start="2020", end="2010"), "2010 is before"),
    (["history"], lambda a: a.history(), "history needs a state or a treaty, or a period"),
    (["history", "--from", "2024", "--region", "Mars"],
     lambda a: a.history(start="2024", regions="Mars"),
     "region 'Mars' is not one of americas, europe, africa, middle-east, asia-oceania"),
    (["history", "--from", "2024", "--kind", "pact"], lambda a: a.history(start="2024", kinds="pact"),
     "kind 'pact' is not one of treaty, organisation, declaration"),
])
def test_same_error_through_both_doors(api, cli_args, ask, message):
    result = runner.invoke(app, cli_args, env={"ALLIANCES_DATA": ""})
    assert result.exit_code == 2
    with pytest.raises(AlliancesError) as raised:
        ask(api)
    assert message in result.stderr and message in str(raised.value)


@pytest.mark.parametrize("value", [True, None, 3.5, float("nan"), object()])
def test_a_state_must_be_a_name_or_a_whole_number(api, value):
    with pytest.raises(alliances.UsageError):
        api.allies(value, "Belarus", on="2020")


def test_a_single_obligation_word_is_not_read_letter_by_letter(api):
    assert api.allies("Armenia", "Belarus", on="2020-10-01", obligations="consultation")["via"] == [
        "cis", "csto"]


def test_numpy_integers_resolve_like_ints(api):
    numpy = pytest.importorskip("numpy")
    assert api.allies(numpy.int64(2), numpy.int32(20), on="1990")["allied"] is True
    assert api.allies(numpy.float64(2.0), 20, on="1990")["allied"] is True


# -- issue 21 ------------------------------------------------------------------------------------
# Armenia froze its CSTO participation on 22 February 2024 (Pashinyan to France 24) and announced
# on 12 June 2024 in parliament that it would leave; it has not notified a withdrawal.
FROZEN = ("Armenia's participation in CSTO is suspended (since 2024-02-22) and its withdrawal "
          "announced (2024-06-12)")


def test_the_headline_names_the_frozen_side_through_both_doors(api):
    payload, _ = cli_json("allies", "Armenia", "Belarus", "--on", "2025-06-01")
    answer = api.allies("Armenia", "Belarus", on="2025-06-01")
    expected = (f"Yes, formally: {FROZEN}. Armenia and Belarus on 2025-06-01 (defence "
                "obligation).")
    assert payload["headline"] == str(answer.headline) == expected
    assert payload["allied"] is True
    assert payload["caveats"] == [{
        "state": "ARM", "treaty": "csto", "status": "suspended", "status_since": "2024-02-22",
        "status_certain": True, "withdrawal": "announced", "withdrawal_date": "2024-06-12",
        "withdrawal_effective": None, "text": FROZEN}]
    assert [link["caveats"] for link in payload["links"]] == [FROZEN]
    table = runner.invoke(app, ["allies", "Armenia", "Belarus", "--on", "2025-06-01"],
                          env={"ALLIANCES_DATA": "", "COLUMNS": "250"})
    lines = table.stdout.splitlines()
    assert lines[0] == f"Yes, formally: {FROZEN}"
    assert lines[1] == "  Armenia and Belarus on 2025-06-01 (defence obligation)"
    assert ("    Armenia: suspended since 2024-02-22; withdrawal announced 2024-06-12; member "
            "since 2003-09-18") in lines  # the CSTO Charter in force for Armenia, 18 Sep 2003


def test_before_the_freeze_the_headline_is_a_plain_yes(api):
    answer = api.allies("Armenia", "Belarus", on="2024-02-21")
    assert str(answer.headline) == "Yes: Armenia and Belarus on 2024-02-21 (defence obligation)"
    assert answer["caveats"] == [] and answer.headline.qualifier is None


def test_a_plain_link_keeps_a_plain_yes_and_still_names_the_frozen_one(api):
    # the 1997 Armenia-Russia treaty links them plainly; the CSTO link is qualified
    answer = api.allies("Armenia", "Russia", on="2025-06-01")
    assert answer.headline.lead == "Yes"
    assert answer.headline.caveats == (FROZEN,)
    assert str(answer.headline).endswith(f"Note: {FROZEN}.")


def test_the_allies_of_a_frozen_member_name_its_status_in_every_format(api):
    rows, _ = cli_json("allies", "Armenia", "--on", "2025-06-01")
    csto = [r for r in rows if r["treaty"] == "csto"]
    assert {r["state2"] for r in csto} == {"BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert all(r["status1"] == "suspended" and r["caveats"] == FROZEN for r in csto)
    answer = api.allies("Armenia", on="2025-06-01")
    assert [c.text for c in answer.caveats] == [FROZEN]
    table = runner.invoke(app, ["allies", "Armenia", "--on", "2025-06-01"],
                          env={"ALLIANCES_DATA": "", "COLUMNS": "250"})
    lines = table.stdout.splitlines()
    assert lines[0] == f"Note: {FROZEN}."
    assert "ARM's status" in table.stdout and "Ally's status" in table.stdout
    belarus = next(line for line in lines if "Belarus" in line)
    assert "yes, formally" in belarus
    assert "suspended since 2024-02-22; withdrawal announced 2024-06-12" in belarus
    russia = next(line for line in lines if "Russia" in line)
    assert "│ yes " in russia  # plainly allied through their bilateral treaty


def test_the_world_history_of_a_period_through_both_doors(api):
    # The Kensington Treaty was signed by Germany and the UK on 17 July 2025; the Saudi-Pakistan
    # defence agreement on 17 September 2025 (Riyadh).
    rows, _ = cli_json("history", "--from", "2025-07", "--to", "2025-09")
    seen = {(r["treaty"], r["state"], r["date"], r["event"]) for r in rows}
    kensington = {(r["treaty"], r["state"]) for r in rows if r["date"] == "2025-07-17"}
    assert {s for _, s in kensington} >= {"DEU", "GBR"}
    assert any(s == "SAU" and d == "2025-09-17" and e == "signed" for _, s, d, e in seen)
    assert all("2025-07-01" <= r["date"][:10] <= "2025-09-30" for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    newest = api.history(start="2025-07", end="2025-09", order="newest")
    assert list(newest) == list(reversed(api.history(start="2025-07", end="2025-09")))
    europe = {r["state"] for r in api.history(start="2025-07", end="2025-09", regions="europe")}
    assert "GBR" in europe and "DEU" in europe and not europe & {"SAU", "PAK"}
    middle_east = {r["state"] for r in api.history(start="2025-07", end="2025-09",
                                                  regions="middle east")}
    assert "SAU" in middle_east and "PAK" not in middle_east  # Pakistan is COW 770: Asia


def test_members_on_a_date_and_over_a_life(api):
    # Sweden joined NATO on 7 March 2024, the 32nd member. Albania left the Warsaw Pact on
    # 13 September 1968: seven members in 1970, eight over its life.
    rows, _ = cli_json("treaties", "--on", "2024-03-07")
    nato = next(r for r in rows if r["treaty"] == "nato")
    assert nato["members_on"] == 32
    warsaw = next(r for r in api.treaties(on="1970-01-01") if r["treaty"] == "warsaw-pact")
    assert (warsaw["members_on"], warsaw["members"]) == (7, 8)
    assert "members_on" not in api.treaties()[0]
    assert list(cli_json("treaties", "--on", "1970")[0][0])[12:14] == ["members", "members_on"]
