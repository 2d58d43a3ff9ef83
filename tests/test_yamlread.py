"""The YAML reader's own limits: the same on every PyYAML build, with libyaml or without it."""

from pathlib import Path

import pytest
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from alliances import yamlread
from alliances.loading import bundled_data_dir

GOOD = sorted((Path(__file__).parent / "good").glob("*.yaml"))


@pytest.fixture(params=sorted(yamlread.PARSERS))
def parser(request, monkeypatch):
    monkeypatch.setattr(yamlread, "PARSER", request.param)
    return request.param


def problems(text: str) -> list[str]:
    node, found = yamlread.compose_text(text, "f.yaml")
    assert (node is None) == bool(found)
    return [f"{p.line}:{p.col}: {p.what}" for p in found]


@pytest.mark.parametrize("depth", [65, 200_000])
def test_deep_flow_nesting_is_refused_at_our_limit(parser, depth):
    # the root mapping is level 1; the first '[' (column 3) level 2; the 64th (column 66) level 65
    assert problems("a: " + "[" * depth + "]" * depth) == [
        "1:67: the document is nested more than 64 levels deep"]


def test_deep_block_nesting_is_refused_at_our_limit(parser):
    text = "".join(" " * i + f"k{i}:\n" for i in range(2_000)) + " " * 2_000 + "v\n"
    # level 1 is the mapping at line 1; the mapping that starts on line 65 is level 65
    assert problems(text) == ["65:65: the document is nested more than 64 levels deep"]


def test_nesting_up_to_the_limit_is_read(parser):
    depth = yamlread.MAX_DEPTH - 1  # under the root mapping
    node, found = yamlread.compose_text("a: " + "[" * depth + "x" + "]" * depth, "f.yaml")
    assert found == []
    for _ in range(depth):
        node = node.value[0][1] if isinstance(node, MappingNode) else node.value[0]
    assert isinstance(node, SequenceNode) and node.value[0].value == "x"


def test_one_long_string_repeated_by_aliases_is_refused(parser):
    big = "x" * 1_000_000
    text = f"a: &big {big}\nb: [" + ", ".join(["*big"] * 3000) + "]\n"
    [problem] = problems(text)
    assert problem.startswith("2:4: anchors and aliases expand to more than 4,")


def test_aliases_that_stay_within_the_budget_are_read(parser):
    text = "s: &s {url: https://example.org/a, title: A}\nt: [" + ", ".join(["*s"] * 500) + "]\n"
    node, found = yamlread.compose_text(text, "f.yaml")
    assert found == [] and len(node.value[1][1].value) == 500
    assert node.value[1][1].value[499] is node.value[0][1]


@pytest.mark.parametrize("text, expected", [
    ("a: *nope\n", "1:4: the alias *nope names no anchor before it"),
    ("a: &x [1, *x]\n", "1:11: an alias refers to the value that contains it"),
    ("a: &x 1\nb: &x 2\n", "2:4: the anchor &x is defined twice (first at line 1)"),
    ("a: 1\n---\nb: 2\n", "2:1: more than one YAML document (---) in one file"),
])
def test_alias_and_document_problems(parser, text, expected):
    assert problems(text) == [expected]


def test_an_empty_document_is_no_data(parser):
    assert problems("# only a comment\n") == ["None:None: the file holds no data"]


def _shape(node):
    if isinstance(node, ScalarNode):
        return (node.tag, node.value, node.style, node.start_mark.line, node.start_mark.column)
    if isinstance(node, SequenceNode):
        return (node.tag, node.start_mark.line, [_shape(n) for n in node.value])
    return (node.tag, node.start_mark.line, [(_shape(k), _shape(v)) for k, v in node.value])


@pytest.mark.skipif(len(yamlread.PARSERS) < 2, reason="this PyYAML was built without libyaml")
@pytest.mark.parametrize("path", [*sorted(bundled_data_dir().glob("*.yaml")), *GOOD],
                         ids=lambda p: p.name)
def test_both_parsers_give_the_same_nodes(path, monkeypatch):
    shapes = []
    for name in ("libyaml", "pure"):
        monkeypatch.setattr(yamlread, "PARSER", name)
        node, found = yamlread.compose_file(path)
        assert found == []
        shapes.append(_shape(node))
    assert shapes[0] == shapes[1]


def test_a_libyaml_build_with_its_own_depth_limit_gives_our_answer(monkeypatch):
    # PyPI's PyYAML wheels carry a libyaml that stops at 1,000 levels while scanning ahead of our
    # check; others have no limit. Whichever is installed, the answer must be ours.
    import yaml

    class LimitedLibyaml(yaml.SafeLoader):
        def get_event(self):
            raise yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth",
                                            yaml.error.Mark("f", 0, 0, 1002, None, None))

    monkeypatch.setitem(yamlread.PARSERS, "libyaml", LimitedLibyaml)
    monkeypatch.setattr(yamlread, "PARSER", "libyaml")
    assert problems("a: " + "[" * 2000 + "]" * 2000) == [
        "1:67: the document is nested more than 64 levels deep"]
