"""Safe YAML reading: bytes to a node tree with locations, and nothing that can run code.

We compose nodes instead of constructing Python objects, so that no tag can build an object,
YAML 1.1 implicit types (`NO` -> false, `1999-04-20` -> date) never change a value behind the
reader's back, duplicate keys can be reported, and every value keeps its line and column.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem
from .model import Location

__all__ = ["MAX_FILE_BYTES", "NodeReader", "compose_file"]

MAX_FILE_BYTES = 64 * 1024 * 1024
# Aliases let a small file refer to one node many times ("billion laughs"); a document may expand
# to at most this many values per byte of the file.
MAX_VISITS_PER_BYTE = 4
MIN_VISIT_BUDGET = 200_000

try:  # libyaml is about ten times faster; the pure-Python loader gives the same nodes.
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
NULL_TAG = _STD + "null"
STR_TAG = _STD + "str"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Composes nodes without YAML 1.1 implicit typing: every plain scalar stays text.

    The schema decides what a value means (`NO` is Norway's code, `1999-04` a month), and
    skipping the implicit resolvers also makes composing faster. Plain empty values and `~`/`null`
    are read as null.
    """

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0] and value in _NULLS:
                return NULL_TAG
            return STR_TAG
        return _STD + ("seq" if kind is SequenceNode else "map")


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
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        what = (exc.problem or exc.context or "invalid YAML").strip()
        fix = "fix the YAML syntax at this place"
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and "\t" in _line(text, mark.line)[: mark.column + 1]:
            what = "a tab character where YAML expects indentation or a value"
            fix = "indent with spaces: YAML does not allow tabs for indentation"
        elif "nesting depth" in what:
            what = "the document is nested deeper than YAML readers allow"
            fix = "flatten the structure"
        elif "expected a single document" in (exc.problem or "") + (exc.context or ""):
            what = "more than one YAML document (---) in one file"
            fix = "keep one document per file"
        return None, [_problem(name, mark, what, fix)]
    except yaml.YAMLError as exc:
        return None, [Problem(name, None, None, f"invalid YAML: {exc}", "fix the YAML syntax")]
    except RecursionError:
        return None, [
            Problem(name, None, None, "the document is nested too deeply", "flatten the structure")
        ]
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
    if "&" in text:  # no anchor, no alias: nothing can expand
        problem = _alias_problem(node, name, len(text))
        if problem:
            return None, [problem]
    return node, []


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _alias_problem(root: Node, name: str, size: int) -> Problem | None:
    """Refuse documents whose aliases refer to themselves or expand far beyond the file's size.

    Counts, without expanding anything, how many values the tree holds once every alias is
    replaced by what it refers to (a "billion laughs" document holds billions).
    """
    limit = max(MIN_VISIT_BUDGET, size * MAX_VISITS_PER_BYTE)
    expanded: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            expanded[key] = 1 + sum(expanded[id(c)] for c in children)
            if expanded[key] > limit:
                return _problem(
                    name, node.start_mark,
                    f"anchors and aliases expand to more than {limit:,} values, far more than "
                    "the file holds (a 'billion laughs' document?)",
                    "write the values out instead of nesting aliases",
                )
            continue
        if key in expanded:
            continue
        if key in on_path:
            return _problem(name, node.start_mark, "an alias refers to the value that contains it",
                            "remove the recursive alias")
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return _problem(name, child.start_mark,
                                "an alias refers to the value that contains it",
                                "remove the recursive alias")
            if id(child) not in expanded:
                stack.append((child, False))
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


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
        if not self.visit(node):
            return None
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping (key: value), not {kind_of(node)}",
                       f"write {what} as `key: value` lines")
            return None
        seen: dict[str, Node] = {}
        items = []
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge" or (key_node.value == "<<" and not key_node.style):
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
        if not self.visit(node):
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be text, not {kind_of(node)}", f"write {what} as one value")
            return None
        if node.tag == NULL_TAG or node.value.strip() == "":
            self.error(node, f"{what} is empty", f"give {what} a value or remove the key")
            return None
        return node.value.strip()

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
