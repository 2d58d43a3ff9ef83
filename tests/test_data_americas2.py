"""Known facts of the Americas' and Asia-Pacific treaties added in data/americas.yaml and
data/asia-pacific.yaml, read by hand from the sources the data cite (treaty texts, government and
agency pages, encyclopedia tables), never from the tool's output.
"""

import json
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from alliances.cli import app

runner = CliRunner()


def cli_json(*args):
    result = runner.invoke(app, ["--quiet", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def members(treaty, on):
    return {r["state"]: r for r in cli_json("members", treaty, "--on", on)}


def status(treaty, state, on):
    return members(treaty, on).get(state, {}).get("status")


def day_before(day):
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


# -- Treaty of Amity and Cooperation in Southeast Asia ----------------------------------------
def test_tac_founders_signatories_until_entry_into_force_22_june_1976():
    assert status("tac", "IDN", "1976-02-23") is None
    assert status("tac", "IDN", "1976-02-24") == "signatory"
    assert status("tac", "THA", "1976-06-21") == "signatory"
    assert status("tac", "THA", "1976-06-22") == "member"


@pytest.mark.parametrize(
    ("state", "day"),
    [
        ("USA", "2009-07-22"),  # Clinton signed the instrument of accession at Phuket (State Dept)
        ("CHN", "2003-10-08"),  # Bali summit
        ("IND", "2003-10-08"),
        ("BRN", "1984-01-07"),  # the day Brunei joined ASEAN
        ("AUS", "2005-12-10"),
    ],
)
def test_tac_accession_takes_effect_on_its_day(state, day):
    assert status("tac", state, day_before(day)) is None
    assert status("tac", state, day) == "member"


def test_tac_links_china_and_japan_only_under_non_aggression():
    # Japan acceded on 2 July 2004, China on 8 October 2003; the TAC has no defence clause.
    assert cli_json("allies", "China", "Japan", "--on", "2010-01-01")["allied"] is False
    answer = cli_json(
        "allies", "China", "Japan", "--on", "2004-07-02", "--obligation", "non-aggression"
    )
    assert answer["allied"] is True and "tac" in answer["via"]
    before = cli_json(
        "allies", "China", "Japan", "--on", "2004-07-01", "--obligation", "non-aggression"
    )
    assert "tac" not in before["via"]
