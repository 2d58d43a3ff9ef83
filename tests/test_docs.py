"""Documentation as tests: the CLI reference cannot drift, and the Python API examples run."""

import doctest
import subprocess
import sys
from pathlib import Path

import pytest
import typer

ROOT = Path(__file__).resolve().parents[1]


# docs/cli.md is generated with this typer release; others word metavars differently (`PATH` or
# `<path>`), so the exact comparison runs only where the same release is installed (as in CI's
# first pass, which installs the newest release the bounds allow).
DOCS_TYPER = "0.28"


@pytest.mark.skipif(not typer.__version__.startswith(DOCS_TYPER + "."),
                    reason=f"docs/cli.md is generated with typer {DOCS_TYPER}; "
                           f"typer {typer.__version__} formats help differently")
def test_cli_reference_is_generated_from_the_cli(tmp_path):
    out = tmp_path / "cli.md"
    subprocess.run([sys.executable, "-m", "typer", "alliances.cli", "utils", "docs", "--name",
                    "alliances", "--title", "alliances command-line reference", "--output", str(out)],
                   check=True, capture_output=True)
    assert out.read_text() == (ROOT / "docs" / "cli.md").read_text(), (
        "docs/cli.md is stale: regenerate it with the command in the README's development section")


def test_python_api_examples_run():
    result = doctest.testfile(str(ROOT / "docs" / "python-api.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 5 and result.failed == 0


def test_api_module_docstring_example_runs():
    import alliances.api

    result = doctest.testmod(alliances.api)
    assert result.attempted >= 2 and result.failed == 0


def test_readme_starts_with_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert block == ["pip install . && alliances allies Armenia Belarus --on 2020-10-01",
                     "pip install -e '.[test]' && pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'\npytest\n" in ci


def test_readme_coverage_totals_match_the_data():
    import re

    from alliances.loading import load
    from alliances.rows import source_totals, treaty_row

    ds = load(env=False, cache=False)
    rows = [treaty_row(ds, t) for t in ds.treaties.values()]
    events = sum(r["events"] for r in rows)
    day = sum(r["day_precision_share"] * r["events"] for r in rows) / events
    own = sum(r["own_source_share"] * r["events"] for r in rows) / events
    totals = source_totals(ds)  # computed a second way: the two must agree
    assert (totals["events"], f"{totals['day_precision_share']:.1%}") == (events, f"{day:.1%}")
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    expected = (f"{len(rows)} treaties, {sum(r['members'] for r in rows)} memberships, {events} "
                f"dated events; {day:.0%} of events are dated to the day and {own:.0%} cite")
    assert expected in text, re.findall(r"\d+ treaties, \d+ memberships[^;]*;[^(]*", text)
    dataset = (f"{totals['dataset_sourced_events']} events ({totals['dataset_source_share']:.1%}) "
               "rest on ATOP or COW alone")
    assert dataset in text, re.findall(r"\d+ events \([\d.]+%\) rest on[^.]*", text)
    cited = f"{totals['dataset_cited_share']:.0%} cite one of them among other sources"
    assert cited in text, re.findall(r"\d+% cite one of them[^(]*", text)


def test_json_schema_matches_the_loader():
    import json

    from alliances import parse
    from alliances.model import EVENT_KINDS, OBLIGATIONS, TREATY_KINDS

    schema = json.loads((ROOT / "src" / "alliances" / "data.schema.json").read_text())
    defs = schema["definitions"]
    assert set(schema["properties"]) == set(parse.TOP_KEYS)
    assert set(defs["treaty"]["properties"]) == set(parse.TREATY_KEYS)
    assert set(defs["treaty"]["required"]) == set(parse.TREATY_REQUIRED)
    assert set(defs["member"]["properties"]) == set(parse.MEMBER_KEYS)
    assert set(defs["event"]["properties"]) == set(parse.EVENT_KEYS)
    assert set(defs["state"]["properties"]) == set(parse.STATE_KEYS)
    assert set(defs["pledge"]["properties"]) == set(parse.PLEDGE_KEYS)
    from alliances.model import ACCEPTABLE_RULES

    assert defs["event"]["properties"]["accept"]["propertyNames"]["enum"] == list(ACCEPTABLE_RULES)
    assert defs["event"]["properties"]["event"]["enum"] == list(EVENT_KINDS)
    assert defs["treaty"]["properties"]["kind"]["enum"] == list(TREATY_KINDS)
    assert defs["treaty"]["properties"]["obligations"]["items"]["enum"] == list(OBLIGATIONS)


def test_readme_shows_the_latest_benchmark_figures():
    results = (ROOT / "benchmarks" / "results.md").read_text(encoding="utf-8")
    assert results in (ROOT / "README.md").read_text(encoding="utf-8")
