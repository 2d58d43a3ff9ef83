"""One-sided pledges (tests/good/pledges.yaml): AAA and BBB guarantee CCC's defence and consult
each other; CCC owes nothing; AAA and BBB owe each other no defence."""

from pathlib import Path

import pytest

import alliances

from .conftest import FIXTURES

GOOD = Path(__file__).parent / "good" / "pledges.yaml"


@pytest.fixture(scope="module")
def api():
    return alliances.load([FIXTURES / "states.yaml", GOOD], bundled=False, env=False)


def test_a_guarantee_links_guarantor_and_guaranteed(api):
    answer = api.allies("AAA", "CCC", on="1995")
    assert answer["allied"] is True and answer["via"] == ["guarantee"]
    assert answer["links"][0]["obligations"] == "defence"


def test_guarantors_are_not_defence_allies_of_each_other(api):
    assert api.allies("AAA", "BBB", on="1995")["allied"] is False
    consult = api.allies("AAA", "BBB", on="1995", obligations="consultation")
    assert consult["allied"] is True and consult["links"][0]["obligations"] == "consultation"
    assert api.allies("AAA", "CCC", on="1995", obligations="consultation")["allied"] is False


def test_allies_of_follows_the_pledges(api):
    assert [r["state2"] for r in api.allies("AAA", on="1995")] == ["CCC"]
    assert [r["state2"] for r in api.allies("CCC", on="1995")] == ["AAA", "BBB"]
    assert [r["state2"] for r in api.allies("AAA", on="1995", obligations="any")] == ["BBB", "CCC"]


def _pairs(rows):
    return {(r["state1"], r["state2"]): (r["defense"], r["consul"]) for r in rows}


def test_dyad_year_shows_what_binds_each_pair(api):
    rows = _pairs(api.export("dyad-year", start="1995", end="1995"))
    assert rows == {("AAA", "BBB"): (False, True), ("AAA", "CCC"): (True, False),
                    ("BBB", "CCC"): (True, False)}


def test_directed_dyad_year_shows_who_owes_whom(api):
    rows = _pairs(api.export("dyad-year", start="1995", end="1995", directed=True))
    assert rows == {("AAA", "BBB"): (False, True), ("BBB", "AAA"): (False, True),
                    ("AAA", "CCC"): (True, False), ("BBB", "CCC"): (True, False)}


@pytest.fixture(scope="module")
def bundled():
    return alliances.load(env=False)


def test_the_guarantors_of_cyprus_owe_each_other_no_defence(bundled):
    assert bundled.allies("Greece", "Turkey", on="2000")["via"] == ["nato"]
    assert "cyprus-treaty-of-guarantee" in bundled.allies("Turkey", "Cyprus", on="2000")["via"]
    consult = bundled.allies("Greece", "Turkey", on="2000", obligations="consultation")["via"]
    assert "cyprus-treaty-of-guarantee" in consult


def test_the_falepili_union_runs_from_australia_to_tuvalu(bundled):
    rows = _pairs(bundled.export("dyad-year", treaties=["falepili-union"], start="2025",
                                 end="2025", directed=True))
    assert rows == {("AUS", "TUV"): (True, False)}
    assert bundled.allies("Australia", "Tuvalu", on="2025")["allied"] is True
