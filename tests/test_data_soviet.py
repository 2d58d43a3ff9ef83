"""Known facts about the Soviet Union's and Russia's bilateral treaties (data/soviet-bilateral.yaml,
data/russia-bilateral.yaml).

Expected values are read by hand from the sources cited on each treaty (treaty texts, official
parliamentary documents, encyclopedias), never from the tool's output.
"""

import json

import pytest
from typer.testing import CliRunner

from alliances.cli import app

runner = CliRunner()


def allies(a, b, on):
    result = runner.invoke(app, ["--quiet", "allies", a, b, "--on", on, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def via(a, b, on):
    return set(allies(a, b, on)["via"] or [])


# -- Finland and the USSR, 1948 ----------------------------------------------------------------
# Signed 6 April 1948, in force 31 May 1948; lapsed 20 January 1992 (Finnish Wikipedia; HE 8/1992).
@pytest.mark.parametrize(
    ("a", "b", "on", "expected"),
    [
        ("FIN", "SUN", "1948-05-30", False),  # signed, not yet in force
        ("FIN", "SUN", "1948-05-31", True),
        ("FIN", "SUN", "1991-12-25", True),
        ("FIN", "SUN", "1991-12-26", False),  # the USSR ceased to exist
        ("FIN", "RUS", "1991-12-26", True),  # Russia as continuator state
        ("FIN", "RUS", "1992-01-19", True),
        ("FIN", "RUS", "1992-01-20", False),  # replaced by the Treaty on the Basis of Relations
    ],
)
def test_finno_soviet_treaty(a, b, on, expected):
    assert ("ussr-finland-1948" in via(a, b, on)) is expected
