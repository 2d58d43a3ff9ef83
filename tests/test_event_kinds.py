"""One description per event kind (events.KINDS), and every part of the tool agrees with it:
the parser accepts exactly these kinds, the engine gives the status each leads to, the validator
refuses each where its rule says, the timelines draw and name each one, and the JSON schema and
docs/data-format.md list them (issue 15). Adding a kind to one place only fails here."""

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from alliances import chart, events, render, timeline
from alliances.events import KINDS, UNCHANGED
from alliances.loading import check
from alliances.model import STATUSES
from alliances.query import Engine

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "alliances"

# The events that put AAA in each status before the event under test (on 2005-01-01).
BEFORE = {
    None: [],
    "member": ["{date: 2001-01-01, event: joined}"],
    "signatory": ["{date: 2001-01-01, event: signed}"],
    "observer": ["{date: 2001-01-01, event: observer}"],
    "partner": ["{date: 2001-01-01, event: partner}"],
    "suspended": ["{date: 2001-01-01, event: joined}", "{date: 2002-01-01, event: suspended}"],
}


def treaty_file(tmp_path, events_of_aaa: list[str], others: str = "") -> Path:
    lines = "\n".join(f"          - {e}" for e in events_of_aaa)
    path = tmp_path / "t.yaml"
    path.write_text(f"""treaties:
  t1:
    name: Test Treaty
    kind: treaty
    obligations: [defence]
    signed: 2000-01-01
    sources: [https://example.org/t1]
    members:
      AAA:
        events:
{lines}
{others}""", encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    _, found = check([FIXTURES / "states.yaml", path], bundled=False, env=False)
    return [f"{p.what}; {p.fix}" for p in found]


def test_every_status_a_kind_leads_to_is_a_status():
    for kind in KINDS.values():
        assert kind.status in (*STATUSES, None, UNCHANGED), kind.name
    assert set(STATUSES) <= {k.status for k in KINDS.values()}


@pytest.mark.parametrize("name", list(KINDS))
def test_the_parser_accepts_each_kind(tmp_path, name):
    status = next(s for s in BEFORE if s not in KINDS[name].refused_from)
    ds, found = check([FIXTURES / "states.yaml", treaty_file(tmp_path, [
        *BEFORE[status], f"{{date: 2005-01-01, event: {name}}}"])], bundled=False, env=False)
    assert [str(p) for p in found] == []
    assert ds.treaties["t1"].members["AAA"][-1].kind == name


@pytest.mark.parametrize("word", ["frozen", "ratified", "withdrawal", "signatory", "Joined", ""])
def test_the_parser_refuses_any_other_kind(tmp_path, word):
    path = treaty_file(tmp_path, [f"{{date: 2005-01-01, event: '{word}'}}"])
    assert any(f"unknown event kind '{word}'" in p for p in problems(path)) or (
        word == "" and problems(path))


@pytest.mark.parametrize("name", list(KINDS))
def test_the_engine_gives_the_status_each_kind_leads_to(tmp_path, name):
    first = "{date: 2001-01-01, event: suspended}" if name == "resumed" else \
        "{date: 2000-06-01, event: note}"
    ds, _ = check([FIXTURES / "states.yaml", treaty_file(tmp_path, [
        "{date: 2000-01-01, event: joined}", first, f"{{date: 2005-01-01, event: {name}}}"])],
        bundled=False, env=False)
    kind = KINDS[name]
    on = [s for s in Engine(ds).segments("t1", "AAA")
          if s.start.earliest <= date(2005, 6, 1) and (s.end is None or date(2005, 6, 1) < s.end.earliest)]
    if kind.ends:
        assert on == []
    elif kind.status == UNCHANGED:
        assert [(s.status, s.withdrawal) for s in on] == [("member", kind.withdrawal)]
    else:
        assert [s.status for s in on] == [kind.status]


@pytest.mark.parametrize("name", list(KINDS))
@pytest.mark.parametrize("status", list(BEFORE))
def test_the_validator_refuses_each_kind_where_its_rule_says(tmp_path, name, status):
    kind = KINDS[name]
    found = problems(treaty_file(tmp_path, [*BEFORE[status], f"{{date: 2005-01-01, event: {name}}}"]))
    if status in kind.refused_from:
        message, fix = kind.refusal_again if BEFORE[status] and kind.refusal_again else kind.refusal
        assert len(found) == 1, found
        assert found[0].startswith("AAA ") and found[0].endswith(f"; {fix}")
        words = re.split(r"\{[a-z]+\}", message)
        assert all(w in found[0] for w in words), (found, words)
    else:
        assert found == []


def test_the_refusals_read_as_before():
    """A few of the messages, written out by hand."""
    assert KINDS["resumed"].refused_from == (None, "member", "signatory", "observer", "partner")
    assert KINDS["joined"].refused_from == ("member", "suspended")
    assert set(KINDS["readmitted"].refused_from) == set(STATUSES)
    assert KINDS["observer"].refused_from == KINDS["note"].refused_from == ()


def test_every_kind_is_drawn_in_the_terminal_timeline_and_named_in_its_legend():
    for kind in KINDS.values():
        if kind.status in (UNCHANGED, None):  # no bar of its own: a marker shows it
            assert kind.glyph and kind.legend, kind.name
        else:  # the bar of its status shows it
            legend_glyphs = {render.GLYPHS[k] for k, _ in render.LEGEND}
            assert render.GLYPHS[kind.status] in legend_glyphs, kind.name
    glyphs = [k.glyph for k in KINDS.values() if k.glyph]
    assert len(set(glyphs)) == len(glyphs)
    cells = {g for uni, asc, _ in render.GLYPHS.values() for g in (uni, asc)}
    assert not cells & set(glyphs)
    assert timeline.MARKERS == {k.name: k.glyph for k in KINDS.values() if k.glyph}


def test_every_kind_is_drawn_in_the_chart_and_named_in_its_legend():
    for kind in KINDS.values():
        if kind.status == UNCHANGED:
            assert chart.MARKS[kind.name] == (kind.mark, kind.legend), kind.name
        elif kind.status is not None:
            assert kind.status in chart.STYLES, kind.name
    for kind in KINDS.values():  # the end of a bar shows a `left`; an expulsion is marked too
        if kind.mark:
            assert chart.MARKS[kind.name][0] == kind.mark
    assert set(chart.MARKS) == {k.name for k in KINDS.values() if k.mark} | {"towards"}


def test_an_expulsion_is_drawn_and_named_in_both_legends(tmp_path):
    ds, found = check([FIXTURES / "states.yaml", treaty_file(tmp_path, [
        "{date: 2000-01-01, event: joined}", "{date: 2004-01-01, event: expelled}"])],
        bundled=False, env=False)
    assert found == []
    engine = Engine(ds)
    tl = timeline.build_treaty_timeline(ds, engine, "t1", 50)
    assert list(tl.rows[0].markers.values()) == ["x"]
    assert tl.rows[0].markers == {tl.column(date(2004, 1, 1)): "x"}
    out = io.StringIO()
    render.render_timeline(Console(file=out, width=80, color_system=None), tl, ascii_only=True)
    legend = " ".join(out.getvalue().split())
    assert "x expelled" in legend and "] left" in legend and "! withdrawal announced" in legend
    svg = chart.render_svg(chart.treaty_chart(ds, engine, "t1"))
    assert 'class="mark m-expelled"' in svg and ">expelled</text>" in svg


def test_the_json_schema_lists_the_kinds_and_which_take_effective_and_towards():
    schema = json.loads((SRC / "data.schema.json").read_text())
    event = schema["definitions"]["event"]["properties"]
    assert event["event"]["enum"] == list(KINDS)
    takes_effective = [k.name for k in KINDS.values() if k.effective]
    takes_towards = [k.name for k in KINDS.values() if k.towards]
    assert event["effective"]["description"].startswith(f"{'/'.join(takes_effective)} only")
    assert event["towards"]["description"].startswith(f"{'/'.join(takes_towards)} only")


def test_the_data_format_docs_describe_each_kind_as_declared():
    docs = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert events.markdown_table() in docs
    # and no other row: the table ends where the declared one does
    start = docs.index("| event | meaning |")
    table = docs[start:].split("\n\n")[0]
    assert table == events.markdown_table()


def test_no_module_but_events_compares_an_event_kind_to_a_word():
    """What a kind means is looked up in events.KINDS, never spelled out as `ev.kind == "left"`."""
    compare = re.compile(r"\.kind\s*((==|!=)\s*[\"']|(\bin\b|\bnot in\b)\s*[(\[{])")
    own = {k for k in KINDS if "_" in k or k in ("expelled", "readmitted", "resumed")}
    for path in SRC.glob("*.py"):
        if path.name == "events.py":
            continue
        source = path.read_text(encoding="utf-8")
        for line in source.splitlines():
            if compare.search(line) and re.search(r"\b(ev|e|event)\.kind\b", line):
                pytest.fail(f"{path.name}: {line.strip()}")
        for word in own:
            assert f'"{word}"' not in source, (path.name, word)
