"""Safe YAML reading: bytes to a node tree with locations, and nothing that can run code.

We compose nodes instead of constructing Python objects, so that no tag can build an object,
YAML 1.1 implicit types (`NO` -> false, `1999-04-20` -> date) never change a value behind the
reader's back, duplicate keys can be reported, and every value keeps its line and column.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from yaml import SafeLoader as _PureBase
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem
from .model import Location

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "NodeReader", "compose_file", "compose_text"]

MAX_FILE_BYTES = 64 * 1024 * 1024
# Collections nested deeper than this are refused before they are built. The data format needs
# ten levels; libyaml builds differ (some stop at 1,000, older ones recurse until the process
# crashes), so the limit is ours and the same with every PyYAML and with or without libyaml.
MAX_DEPTH = 64
# Aliases let a small file refer to one node many times ("billion laughs", or one long string
# repeated): a document may expand to at most this many characters per character of the file.
MAX_EXPANSION_PER_CHAR = 4
MIN_EXPANSION_BUDGET = 2_000_000

try:  # libyaml is about ten times faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _FastBase
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastBase = None

_STD = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
NULL_TAG = _STD + "null"
STR_TAG = _STD + "str"
_MERGE_TAG = _STD + "merge"


# Tags without YAML 1.1 implicit typing (_compose_document gives them): every plain scalar stays
# text. The schema decides what a value means (`NO` is Norway's code, `1999-04` a month). Plain
# empty values and `~`/`null` are read as null.
_SEQ_TAG, _MAP_TAG = _STD + "seq", _STD + "map"


# Which parser turns text into events: libyaml where PyYAML was built with it, else PyYAML's own.
# ALLIANCES_YAML=pure chooses the pure-Python one (the test suite runs once with each).
PARSERS = {"pure": _PureBase}
if _FastBase is not None:
    PARSERS["libyaml"] = _FastBase
PARSER = "pure" if os.environ.get("ALLIANCES_YAML") == "pure" or _FastBase is None else "libyaml"


class _Refused(Exception):
    def __init__(self, mark, what: str, fix: str):
        super().__init__(what)
        self.mark, self.what, self.fix = mark, what, fix


class _Frame:
    __slots__ = ("node", "key", "weight", "is_seq", "anchored")

    def __init__(self, node: Node, is_seq: bool, anchored: bool):
        self.node = node
        self.key: Node | None = None
        self.weight = 1
        self.is_seq = is_seq
        self.anchored = anchored


def _compose(text: str, parser_name: str | None = None) -> Node | None:
    """Events to nodes without recursion, refusing depth and alias expansion beyond our limits.

    PyYAML's own composer recurses once per nesting level, so a deeply nested file exhausts the
    stack (or, with some libyaml builds, crashes the process) before any check could run. The
    parser itself keeps its state on the heap; composing from its events here keeps the limits
    ours, the same on every PyYAML build.
    """
    parser = PARSERS[parser_name or PARSER](text)
    try:
        parser.get_event()  # stream start
        if parser.check_event(StreamEndEvent):
            return None
        parser.get_event()  # document start
        root = _compose_document(parser, len(text))
        parser.get_event()  # document end
        if not parser.check_event(StreamEndEvent):
            raise _Refused(parser.peek_event().start_mark,
                           "more than one YAML document (---) in one file", "keep one document per file")
        return root
    finally:
        parser.dispose()


def _compose_document(parser, size: int) -> Node:
    # This loop runs once per event (some 80,000 for 10,000 membership events): a scalar's tag
    # is worked out here, and only an anchored node is looked at for anchors and weights.
    limit = max(MIN_EXPANSION_BUDGET, size * MAX_EXPANSION_PER_CHAR)
    anchors: dict[str, Node] = {}
    # expanded size of each anchored node, once it is complete (only those can be aliased)
    weights: dict[int, int] = {}
    stack: list[_Frame] = []
    get_event = parser.get_event
    while True:
        event = get_event()
        cls = type(event)
        if cls is ScalarEvent:
            value = event.value
            tag = event.tag
            if tag is None or tag == "!":  # no implicit types (see _SEQ_TAG)
                tag = NULL_TAG if event.implicit[0] and value in _NULLS else STR_TAG
            node: Node = ScalarNode(tag, value, event.start_mark, event.end_mark,
                                    style=event.style or None)  # libyaml says "" for plain
            weight = len(value) + 1
            if event.anchor is not None:
                _anchor(anchors, event, node)
                weights[id(node)] = weight
        elif cls is AliasEvent:
            node = anchors.get(event.anchor)  # type: ignore[assignment]
            if node is None:
                raise _Refused(event.start_mark, f"the alias *{event.anchor} names no anchor before it",
                               f"define &{event.anchor} before using it, or write the value out")
            if id(node) not in weights:
                raise _Refused(event.start_mark, "an alias refers to the value that contains it",
                               "remove the recursive alias")
            weight = weights[id(node)]
        elif cls is SequenceStartEvent or cls is MappingStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise _Refused(event.start_mark,
                               f"the document is nested more than {MAX_DEPTH} levels deep",
                               "flatten the structure (the data format needs about ten levels)")
            is_seq = cls is SequenceStartEvent
            kind = SequenceNode if is_seq else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = _SEQ_TAG if is_seq else _MAP_TAG
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            _anchor(anchors, event, node)
            stack.append(_Frame(node, is_seq, event.anchor is not None))
            continue
        else:  # the end of a sequence or mapping
            frame = stack.pop()
            node, weight = frame.node, frame.weight
            node.end_mark = event.end_mark
            if frame.anchored:
                weights[id(node)] = weight
        if not stack:
            return node
        frame = stack[-1]
        frame.weight += weight
        if frame.weight > limit:
            raise _Refused(frame.node.start_mark,
                           f"anchors and aliases expand to more than {limit:,} characters, far more "
                           "than the file holds (a 'billion laughs' document?)",
                           "write the values out instead of nesting aliases")
        if frame.is_seq:
            frame.node.value.append(node)
        elif frame.key is None:
            frame.key = node
        else:
            frame.node.value.append((frame.key, node))
            frame.key = None


def _anchor(anchors: dict[str, Node], event, node: Node) -> None:
    if event.anchor is None:
        return
    if event.anchor in anchors:
        first = anchors[event.anchor].start_mark.line + 1
        raise _Refused(event.start_mark, f"the anchor &{event.anchor} is defined twice (first at line "
                       f"{first})", "give each anchor its own name")
    anchors[event.anchor] = node


def _problem(file: str, mark, what: str, fix: str) -> Problem:
    if mark is None:
        return Problem(file, None, None, what, fix)
    return Problem(file, mark.line + 1, mark.column + 1, what, fix)


def compose_file(path: Path, display: str | None = None) -> tuple[Node | None, list[Problem]]:
    """Read one YAML file into a node tree, or return the problems that stop it."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    name,
                    None,
                    None,
                    f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                    "split it into several files in one folder",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, None, None, f"cannot read file: {exc.strerror}", "check the path")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                name,
                line,
                col,
                f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not UTF-8",
                "save the file as UTF-8",
            )
        ]
    return compose_text(text, name)


def compose_text(text: str, name: str) -> tuple[Node | None, list[Problem]]:
    """Compose YAML text into a node tree, turning parser errors into problems."""
    try:
        try:
            node = _compose(text)
        except yaml.MarkedYAMLError as exc:
            # Some libyaml builds stop at their own depth (1,000), scanning ahead of our check
            # (a flow collection may turn out to be a key). PyYAML's parser has no such limit, so
            # reading the file with it reports our limit at the same place on every build.
            if PARSER == "pure" or "nesting depth" not in str(exc.problem):
                raise
            node = _compose(text, "pure")
    except _Refused as exc:
        return None, [_problem(name, exc.mark, exc.what, exc.fix)]
    except yaml.MarkedYAMLError as exc:
        what = (exc.problem or exc.context or "invalid YAML").strip()
        fix = "fix the YAML syntax at this place"
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and "\t" in _line(text, mark.line)[: mark.column + 1]:
            what = "a tab character where YAML expects indentation or a value"
            fix = "indent with spaces: YAML does not allow tabs for indentation"
        return None, [_problem(name, mark, what, fix)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file at all
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        return None, [Problem(name, line, col, f"the character U+{exc.character:04X} is not allowed in "
                              "a YAML file (a control character, which could drive the terminal "
                              "of whoever reads it)", "remove it; write text only")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, None, None, f"invalid YAML: {exc}", "fix the YAML syntax")]
    if node is None:
        return None, [
            Problem(
                name,
                None,
                None,
                "the file holds no data",
                "add a `treaties:` or `states:` mapping, or remove the file",
            )
        ]
    return node, []


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


class NodeReader:
    """Reads typed values out of nodes, collecting problems with locations."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def loc(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def error(self, node: Node | None, what: str, fix: str) -> None:
        if node is None:
            self.problems.append(Problem(self.file, None, None, what, fix))
        else:
            loc = self.loc(node)
            self.problems.append(Problem(self.file, loc.line, loc.col, what, fix))

    def visit(self, node: Node) -> bool:
        """False (and a problem) for a node whose tag could construct an object."""
        if node.tag in _ALLOWED_TAGS:
            return True
        tag = node.tag.replace(_STD, "!!")
        self.error(
            node,
            f"the tag {tag} is not allowed (data files never construct objects)",
            "remove the tag; write plain values",
        )
        return False

    def mapping(self, node: Node, what: str) -> list[tuple[str, Node, Node]] | None:
        """The (key, key node, value node) triples of a mapping, or None if it is not one."""
        if node.tag not in _ALLOWED_TAGS and not self.visit(node):  # visit: the problem
            return None
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping (key: value), not {kind_of(node)}",
                       f"write {what} as `key: value` lines")
            return None
        seen: dict[str, Node] = {}
        items = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG or (key_node.value == "<<" and not key_node.style):
                self.error(key_node, "merge keys (<<) are not supported",
                           "write the keys out in full")
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, f"a key in {what} is {kind_of(key_node)}", "use a plain text key")
                continue
            key = key_node.value
            if key in seen:
                first = self.loc(seen[key])
                self.error(
                    key_node,
                    f"duplicate key '{key}' in {what} (first at line {first.line})",
                    "merge the two entries into one; YAML would silently keep only the last",
                )
                continue
            seen[key] = key_node
            items.append((key, key_node, value_node))
        return items

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not self.visit(node):
            return None
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {kind_of(node)}",
                       f"write {what} as a list: [a, b] or '- a' lines")
            return None
        return list(node.value)

    def text(self, node: Node, what: str) -> str | None:
        """A non-empty scalar, read as written (so `NO` stays `NO`)."""
        if node.tag not in _ALLOWED_TAGS and not self.visit(node):  # visit: the problem
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be text, not {kind_of(node)}", f"write {what} as one value")
            return None
        value = node.value.strip()
        if node.tag == NULL_TAG or not value:
            self.error(node, f"{what} is empty", f"give {what} a value or remove the key")
            return None
        return value

    def is_null(self, node: Node) -> bool:
        return isinstance(node, ScalarNode) and node.tag == NULL_TAG

    def integer(self, node: Node, what: str) -> int | None:
        value = self.text(node, what)
        if value is None:
            return None
        if not value.isdigit():
            self.error(node, f"{what} must be a whole number, not '{value}'", "write digits only")
            return None
        return int(value)


def kind_of(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL_TAG:
        return "empty (null)"
    return f"the value '{node.value}'"
