"""Names and codes of states in every table the data has (ISO 3166-1 alpha-2 and alpha-3, ISO
3166-3, COW numbers and abbreviations, names, aliases), through both doors; and what an unknown
one suggests: a key equal to it but for spaces, punctuation or leading zeros first, then keys it
begins, then edit distance (issue 15).

Expected values come from the code tables: the Correlates of War list has the United Kingdom as
200 UKG, the German Federal Republic as 260 GFR, the Republic of Vietnam as 817 RVN, Russia (and
the Soviet Union before it) as 365 RUS, Romania 360 ROM, Estonia 366 EST."""

import pytest
from typer.testing import CliRunner

import alliances
from alliances.cli import app
from alliances.errors import UnknownName
from alliances.loading import check
from alliances.names import edit_distance

from .test_two_doors import cli_json, plain

runner = CliRunner()


@pytest.fixture(scope="module")
def api():
    return alliances.load(env=False)


@pytest.mark.parametrize("typed, on, code", [
    ("UKG", "1965", "GBR"),  # a COW abbreviation
    ("ukg", "1965", "GBR"),  # in lower case
    ("GFR", "1965", "DEU"),
    ("RVN", "1965", "RVN"),
    ("365", "1965", "SUN"),  # a COW number two states held: the one that existed on the date
    ("365", "2000", "RUS"),
    ("200", "1965", "GBR"),
])
def test_a_code_of_any_table_names_its_state_through_both_doors(api, typed, on, code):
    payload, _ = cli_json("allies", typed, "France", "--on", on)
    assert payload == plain(dict(api.allies(typed, "France", on=on)))
    assert payload == plain(dict(api.allies(code, "France", on=on)))
    assert payload["state1"] == code


def suggestions_through_both_doors(api, typed: str) -> list[str]:
    result = runner.invoke(app, ["allies", typed, "--on", "1965"], env={"ALLIANCES_DATA": ""})
    assert result.exit_code == 2
    with pytest.raises(UnknownName) as raised:
        api.allies(typed, on="1965")
    assert f"alliances: {raised.value}" in result.stderr
    return raised.value.suggestions


@pytest.mark.parametrize("typed, first", [
    ("UKGG", ["GBR (United Kingdom)"]),  # UKG with one letter too many, not Yugoslavia
    ("UGK", ["GBR (United Kingdom)", "UGA (Uganda)"]),  # UKG's letters in another order first
    ("GFRR", ["DEU (Germany)"]),
    ("RVNN", ["RVN (South Vietnam)"]),
    # COW 365: Russia to 1922 (RUE), the Soviet Union, Russia
    ("3650", ["RUE (Russia)", "RUS (Russia)", "SUN (Soviet Union)"]),  # a digit too many
    ("0365", ["RUE (Russia)", "RUS (Russia)", "SUN (Soviet Union)"]),  # with a leading zero
    ("u k g", ["GBR (United Kingdom)"]),  # UKG, spaced
    # keys it begins before anything an edit away: COW 360, 365 (three states); four at most
    ("36", ["ROU (Romania)", "RUE (Russia)", "RUS (Russia)", "SUN (Soviet Union)"]),
    ("Sov", ["SUN (Soviet Union)"]),  # the Soviet Union before El Salvador (SLV)
    # one edit from the start of "Soviet Russia" (RUE, 1917-1922) and "Soviet Union"
    ("Sovjet", ["RUE (Russia)", "SUN (Soviet Union)"]),
])
def test_an_unknown_code_suggests_exact_then_prefix_then_edit_distance(api, typed, first):
    assert suggestions_through_both_doors(api, typed)[:len(first)] == first


def test_the_validator_suggests_a_state_by_its_cow_abbreviation(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("""treaties:
  t1:
    name: Test Treaty
    kind: treaty
    obligations: [defence]
    signed: 2000-01-01
    sources: [https://example.org/t1]
    members:
      UKG: {joined: 2000-01-01}
""", encoding="utf-8")
    _, problems = check([extra], env=False)
    assert [f"{p.what}; {p.fix}" for p in problems] == [
        "unknown state code 'UKG' in treaty 't1'; did you mean GBR (United Kingdom)?"]


@pytest.mark.parametrize("a, b, limit, expected", [
    ("ukg", "ukg", 1, 0), ("ukg", "ugk", 1, 1), ("ukgg", "ukg", 1, 1), ("ugk", "uga", 1, 1),
    ("ukg", "uga", 1, 2),
    ("kitten", "sitting", 3, 3), ("kitten", "sitting", 2, 3), ("ab", "abcd", 1, 2), ("", "ab", 2, 2),
])
def test_edit_distance(a, b, limit, expected):
    assert edit_distance(a, b, limit) == expected
