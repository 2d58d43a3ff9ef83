"""alliances.tables.Table must print exactly what rich.table.Table prints for the same table."""

import io
import subprocess
import sys
from importlib.metadata import version

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.text import Text

from alliances.tables import _BOXES, Table

RICH = tuple(int(part) for part in version("rich").split(".")[:2])

# Words that exercise what rich measures and pads: wide and combining characters, trailing and
# leading spaces, markup-like text, tabs, newlines and other line breaks, control codes, emoji.
WORDS = ["Belgium", "member", "", " ", "a b", "1949-08-24", "Côte d'Ivoire", "中国", "x" * 30,
         "trailing ", " leading", "emoji 🎉", "[bold]m[/]", "tab\there", "two\nlines",
         "u\u2028v", "ﾊﾝｶｸ", "ab\x07c", "e\u0301", "e\u0301 ", "Belgiume\u0301 ", "a\u200b ",
         "\u0301", " \u0301 ", "suspended; withdrawal announced"]
STYLES = ["", "green", "yellow bold", "blue", "dim", "red on white", "bold italic"]

words = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
plain_cells = words
styled_cells = st.builds(
    lambda a, sa, b, sb: Text(a, style=sa) + Text(b, style=sb),
    words, st.sampled_from(STYLES), words, st.sampled_from(STYLES))
cells = st.one_of(plain_cells, styled_cells)


@st.composite
def tables(draw):
    ncols = draw(st.integers(1, 5))
    table = Table(title=draw(st.one_of(st.none(), words, st.just(
        "NATO — North Atlantic Treaty: 29 members on 2020-01-01"))),
        title_justify=draw(st.sampled_from(["left", "center", "right"])),
        box=draw(st.sampled_from(sorted(_BOXES))))
    for _ in range(ncols):
        table.add_column(draw(st.sampled_from(["State", "Code", "", "Member since", "N"])),
                         justify=draw(st.sampled_from(["left", "right"])),
                         no_wrap=draw(st.booleans()),
                         overflow=draw(st.sampled_from(["ellipsis", "fold"])),
                         ratio=draw(st.sampled_from([None, 1])))
    for _ in range(draw(st.integers(0, 6))):
        table.add_row(*draw(st.lists(cells, min_size=ncols, max_size=ncols)))
        if draw(st.integers(0, 3)) == 0:
            table.add_section()
    return table


def printed(renderable, width, color_system, markup) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=color_system,
                      force_terminal=color_system is not None, markup=markup, emoji=False,
                      highlight=False)
    console.print(renderable)
    return out.getvalue()


def _combining_mark_then_space() -> Table:
    # rich crops trailing spaces by code points, not cells: "é " (3 code points) in 2 cells
    table = Table()
    table.add_column("N")
    table.add_row(Text("e\u0301", style="green") + Text(" ", style="blue"))
    return table


def _combining_mark_then_space_no_wrap() -> Table:
    table = Table()
    table.add_column("State", no_wrap=True)  # rich crops nothing when it does not wrap
    table.add_row(Text("Belgium") + Text("e\u0301 ", style="green"))
    return table


def _empty_column() -> Table:
    table = Table()
    table.add_column("State")
    table.add_column("")
    table.add_row("Belgium", "")
    return table


@pytest.mark.skipif(RICH < (15,), reason="the drawer follows rich 15's tables; older rich ends "
                    "styles differently around combining marks")
@settings(max_examples=400, deadline=None)
@example(table=_combining_mark_then_space(), width=80, color_system="truecolor", markup=False)
@example(table=_combining_mark_then_space_no_wrap(), width=60, color_system="standard",
         markup=False)
@example(table=_empty_column(), width=80, color_system="truecolor", markup=False)
@given(table=tables(), width=st.sampled_from([12, 30, 60, 80, 200]),
       color_system=st.sampled_from([None, "standard", "truecolor"]), markup=st.booleans())
def test_same_output_as_rich_table(table, width, color_system, markup):
    assert printed(table, width, color_system, markup) == \
        printed(table.rich_table(), width, color_system, markup)


def test_box_specs_are_rich_boxes():
    for name, spec in _BOXES.items():
        rich_box = getattr(box, name.upper())
        assert spec == "".join(str(rich_box).splitlines())


def fast(table: Table, width: int) -> bool:
    console = Console(file=io.StringIO(), width=width)
    return table._lay_out(console, console.options) is not None


def test_fits_is_drawn_without_rich_table_and_the_rest_is_not():
    table = Table(title="t")
    table.add_column("State")
    table.add_column("N", justify="right")
    table.add_row("Belgium", Text("member", style="green"))
    assert fast(table, 80)
    assert not fast(table, 12)  # too wide: rich.table wraps it
    table.add_row("two\nlines", "x")
    assert not fast(table, 80)


@pytest.mark.skipif(RICH < (15,), reason="before rich 15, rich's own console imports rich.table")
def test_a_member_table_query_does_not_import_rich_table():
    code = ("import sys\nfrom alliances.cli import main\n"
            "sys.argv = ['alliances', 'members', 'NATO', '--on', '2020-01-01']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('rich.table' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"COLUMNS": "100", "PATH": "", "ALLIANCES_NO_CACHE": "1"})
    assert "┃ State" in done.stdout
    assert done.stderr.strip() == "False"


def test_a_linked_cell_is_drawn_as_rich_draws_it():
    """Sources in the history table are hyperlinks (OSC 8): both drawers write the same link,
    text and styles; only the link's id, which rich numbers afresh, may differ."""
    import re

    from rich.style import Style

    table = Table(title="History")
    table.add_column("Date")
    table.add_column("Note")
    table.add_row("2024-06-12", Text("Announced. ").append(
        "[1]", style=Style(dim=True) + Style(link="https://example.org/a")))

    def without_ids(text: str) -> str:
        return re.sub("\x1b]8;id=[0-9]+;", "\x1b]8;id=N;", text)

    ours = printed(table, 80, "standard", False)
    assert "\x1b]8;id=" in ours and "https://example.org/a" in ours
    assert without_ids(ours) == without_ids(printed(table.rich_table(), 80, "standard", False))
