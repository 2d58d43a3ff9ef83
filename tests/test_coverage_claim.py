"""Issue 20: the years a dataset covers are its own claim (`covers_from:`), so a panel marks the
years before it as outside coverage (NA), never as "not allied". The fixture treaty is invented
for the test; the states are the bundled ones (their COW codes are real)."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from alliances.api import load
from alliances.cli import app

from .conftest import HERE

runner = CliRunner()
STATES = str(HERE.parent / "data" / "states.yaml")
TREATY = """\
{head}treaties:
  test-pact:
    name: Test Pact
    kind: treaty
    obligations: [defence]
    signed: 1900-01-01
    ended: 1910-01-01
    sources: [https://example.org/test-pact]
    members:
      USA: {{joined: 1900-01-01}}
      GBR: {{joined: 1900-01-01}}
"""


def _file(tmp_path, head: str, name: str = "pact.yaml"):
    path = tmp_path / name
    path.write_text(TREATY.format(head=head), encoding="utf-8")
    return path


def _usa_gbr(path, *extra) -> dict[int, str]:
    args = ["--no-bundled", "--data", STATES, "--data", str(path), *extra, "export",
            "dyad-year", "--panel", "cow", "--from", "1888", "--to", "1900"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    rows = csv.DictReader(io.StringIO(result.stdout))
    return {int(r["year"]): r["allied"] for r in rows if (r["ccode1"], r["ccode2"]) == ("2", "200")}


def test_years_before_the_declared_coverage_are_na_and_after_it_are_zero_or_one(tmp_path):
    answers = _usa_gbr(_file(tmp_path, "covers_from: 1890\n"))
    assert answers[1888] == answers[1889] == ""
    assert answers[1890] == "0" and answers[1899] == "0"
    assert answers[1900] == "1"


def test_without_a_declaration_the_default_claim_applies(tmp_path):
    answers = _usa_gbr(_file(tmp_path, ""))
    assert set(answers.values()) == {""}  # before 1945: outside coverage, even the allied year


def test_several_files_cover_from_the_earliest_year_any_claims(tmp_path):
    first = _file(tmp_path, "covers_from: 1895\n")
    other = tmp_path / "other.yaml"
    other.write_text("covers_from: 1889\nstates: {}\n", encoding="utf-8")
    data = load([STATES, first, other], bundled=False)
    assert data.dataset.covers_from == 1889


@pytest.mark.parametrize("value, words", [
    ("1700", "between 1800 and 2100, not 1700"),
    ("'nineteen hundred'", "must be a whole number"),
])
def test_a_bad_claim_names_the_file_and_line(tmp_path, value, words):
    path = _file(tmp_path, f"as_of: 2026-01-01\ncovers_from: {value}\n")
    result = runner.invoke(app, ["--no-bundled", "--data", STATES, "--data", str(path), "validate"])
    assert result.exit_code != 0
    said = result.stdout + result.stderr
    assert f"{path.name}:2" in said and words in said


def test_the_claim_survives_the_cache(tmp_path):
    path = _file(tmp_path, "covers_from: 1890\n")
    first = load([STATES, path], bundled=False)
    again = load([STATES, path], bundled=False)
    assert first.dataset.covers_from == again.dataset.covers_from == 1890
    assert again.dataset.from_cache
