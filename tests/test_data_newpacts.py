"""Known facts about the recent pacts in data/new-pacts.yaml, read by hand from the sources.

Treaty of Nancy (France-Poland): signed 9 May 2025; Poland's instrument of ratification handed to
France on 23 December 2025; in force Thursday 22 January 2026 (Polish MFA via TVN24; the French
embassy in Poland on the day).
"""

import pytest

from .facts import members, via


# -- Treaty of Nancy (France-Poland, 2025) -------------------------------------------------------
@pytest.mark.parametrize("day, expected", [("2026-01-21", "signatory"), ("2026-01-22", "member")])
def test_nancy_binds_from_its_entry_into_force(day, expected):
    rows = members("Treaty of Nancy", day)
    assert rows["FRA"]["status"] == expected and rows["POL"]["status"] == expected


@pytest.mark.parametrize("day, expected", [("2026-01-21", False), ("2026-01-22", True)])
def test_nancy_counts_as_a_link_between_france_and_poland(day, expected):
    assert ("france-poland-nancy" in via("France", "Poland", day)) is expected
