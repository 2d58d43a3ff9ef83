"""Every broken data file under tests/bad/ gives exactly the problems written at its end.

Each file ends with `# expect: LINE:COL: what; how to fix` lines (`-:` for a problem with no
line; `*` matches any text, used only where the YAML parser words the problem).
"""

import re
from pathlib import Path

import pytest

from alliances import yamlread
from alliances.loading import check

from .conftest import FIXTURES

BAD = sorted((Path(__file__).parent / "bad").glob("*.yaml"))
GOOD = sorted((Path(__file__).parent / "good").glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return [line[len("# expect: "):] for line in text.splitlines() if line.startswith("# expect: ")]


def problems_for(path: Path) -> list[str]:
    _, problems = check([FIXTURES / "states.yaml", path], bundled=False, env=False)
    assert all(p.file.endswith(path.name) for p in problems), [str(p) for p in problems]
    return [f"{p.line}:{p.col}: {p.what}; {p.fix}" if p.line else f"-: {p.what}; {p.fix}"
            for p in problems]


def test_corpus_is_large_enough():
    assert len(BAD) >= 40


@pytest.fixture(params=sorted(yamlread.PARSERS))
def parser(request, monkeypatch):
    """Every file is read with libyaml (where PyYAML has it) and with PyYAML's own parser."""
    monkeypatch.setattr(yamlread, "PARSER", request.param)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_broken_file_gives_its_exact_problems(path, parser):
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' line"
    got = problems_for(path)
    unmatched = list(got)
    for pattern in expected:
        regex = re.compile(re.escape(pattern).replace(r"\*", ".*") + "$")
        match = next((g for g in unmatched if regex.match(g)), None)
        assert match is not None, f"expected {pattern!r}\n got {got}"
        unmatched.remove(match)
    assert not unmatched, f"unexpected problems: {unmatched}"


@pytest.mark.parametrize("path", GOOD, ids=[p.stem for p in GOOD])
def test_tricky_but_valid_file_loads(path, parser):
    assert problems_for(path) == []
