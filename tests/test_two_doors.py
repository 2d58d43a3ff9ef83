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
