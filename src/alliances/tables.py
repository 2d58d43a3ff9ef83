"""Tables for the terminal: rich's Table output, drawn without rich.table when the table fits.

rich.table costs about 6 ms to import (it pulls in fractions and decimal) and about 0.3 ms a row
to lay out, most of the start-up of a table query. A table whose cells are single lines that fit
side by side needs none of rich's wrapping or width bargaining, so `Table` draws that case itself,
segment for segment as rich.table.Table would. Anything else (a cell to wrap, a terminal too
narrow, legacy Windows boxes) is handed to rich.table.Table. tests/test_tables.py checks that
both give the same output.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from .safetext import printable

__all__ = ["Table", "safe"]

# rich.box's eight-line specs (top, head, head row, mid, row, foot row, foot, bottom), so that
# rich.box need not be imported; tests/test_tables.py checks them against rich.box.
_BOXES = {
    "heavy_head": "┏━┳┓" "┃ ┃┃" "┡━╇┩" "│ ││" "├─┼┤" "├─┼┤" "│ ││" "└─┴┘",
    "simple_head": "    " "    " " ── " "    " "    " "    " "    " "    ",
    "ascii": "+--+" "| ||" "|-+|" "| ||" "|-+|" "|-+|" "| ||" "+--+",
}


_JOIN = Text("\n")


def safe(text: str | Text) -> str | Text:
    """The text with every character a terminal would act on (an escape sequence, a carriage
    return, a bidirectional override) replaced by a visible stand-in of the same length, so that a
    Text's style spans stay in place (safetext.printable)."""
    plain = text if isinstance(text, str) else text.plain
    clean = printable(plain)
    if clean is plain:
        return text
    if isinstance(text, str):
        return clean
    text = text.copy()
    text.plain = clean
    return text


class _Column:
    __slots__ = ("header", "justify", "no_wrap", "overflow", "ratio")

    def __init__(self, header: str, justify: str, no_wrap: bool, overflow: str,
                 ratio: int | None):
        self.header, self.justify, self.no_wrap = header, justify, no_wrap
        self.overflow, self.ratio = overflow, ratio


class Table:
    """A table with a title, a header row, one box style and (0, 1) cell padding; the subset of
    rich.table.Table this tool uses, with the same defaults."""

    def __init__(self, title: str | None = None, title_justify: str = "center",
                 box: str = "heavy_head"):
        if box not in _BOXES:
            raise ValueError(f"unknown box {box!r}; one of {', '.join(_BOXES)}")
        self.title = None if title is None else printable(title)
        self.title_justify, self.box = title_justify, box
        self.columns: list[_Column] = []
        self.rows: list[tuple[str | Text, ...]] = []
        self.section_ends: set[int] = set()  # rows followed by a rule

    def add_column(self, header: str, *, justify: str = "left", no_wrap: bool = False,
                   overflow: str = "ellipsis", ratio: int | None = None) -> None:
        self.columns.append(_Column(printable(header), justify, no_wrap, overflow, ratio))

    def add_row(self, *cells: str | Text) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"a row of {len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(tuple(safe(c) for c in cells))

    def add_section(self) -> None:
        """Draw a rule after the last row added, as rich's Table.add_section does."""
        if self.rows:
            self.section_ends.add(len(self.rows) - 1)

    def __repr__(self) -> str:
        columns = [(c.header, c.justify, c.no_wrap, c.overflow, c.ratio) for c in self.columns]
        return (f"Table(title={self.title!r}, title_justify={self.title_justify!r}, "
                f"box={self.box!r}, columns={columns!r}, rows={self.rows!r}, "
                f"section_ends={sorted(self.section_ends)!r})")

    def rich_table(self) -> RenderableType:
        """The same table as a rich.table.Table."""
        from rich import box
        from rich.table import Table as RichTable

        table = RichTable(title=self.title, title_justify=self.title_justify,  # type: ignore[arg-type]
                          box=getattr(box, self.box.upper()))
        for c in self.columns:
            table.add_column(c.header, justify=c.justify, no_wrap=c.no_wrap,  # type: ignore[arg-type]
                             overflow=c.overflow, ratio=c.ratio)  # type: ignore[arg-type]
        for i, row in enumerate(self.rows):
            table.add_row(*row)
            if i in self.section_ends:
                table.add_section()
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions
                         ) -> Iterator[RenderableType | Segment]:
        laid_out = None if options.legacy_windows else self._lay_out(console, options)
        if laid_out is None:
            yield self.rich_table()
            return
        widths, grid = laid_out
        table_width = sum(widths) + len(widths) + 1
        render_options = options.update(width=table_width, highlight=False, height=None)
        if self.title:
            title = console.render_str(self.title, style="table.title", highlight=False)
            yield from console.render(title, render_options.update(justify=self.title_justify))
        yield from self._draw(console, options, widths, grid)

    def _lay_out(self, console: Console, options: ConsoleOptions
                 ) -> tuple[list[int], list[list[Text]]] | None:
        """Column widths and the cells as Text, or None if rich.table must lay this table out."""
        columns = self.columns
        if not columns or any(c.justify not in ("left", "right")
                              or c.overflow not in ("ellipsis", "fold") for c in columns):
            return None
        render_str = console.render_str
        header = [render_str(c.header, highlight=False) for c in columns]
        grid = [header]
        for row in self.rows:
            grid.append([render_str(c, highlight=False) if isinstance(c, str) else c for c in row])
        widths = [0] * len(columns)
        for cells in grid:
            for i, text in enumerate(cells):
                plain = text.plain
                # splitlines, not "\n": rich measures lines that way (\x1c, \u2028, ...).
                if (plain and plain.splitlines() != [plain]) or "\t" in plain \
                        or text.justify is not None or text.overflow is not None \
                        or text.no_wrap is not None:
                    return None
                width = text.cell_len
                if width > widths[i]:
                    widths[i] = width
        if not any(widths):  # a table of empty cells: rich pads it differently; rare
            return None
        widths = [w + 2 for w in widths]
        if sum(widths) > options.max_width - len(columns) - 1:
            return None
        return widths, grid

    def _draw(self, console: Console, options: ConsoleOptions, widths: list[int],
              grid: list[list[Text]]) -> Iterator[Segment]:
        spec = _BOXES["ascii" if options.ascii_only else self.box]
        top, head, head_row, mid, rule, _foot_row, foot, bottom = (
            spec[i:i + 4] for i in range(0, 32, 4))
        border = Style()
        new_line = Segment("\n")

        def line(edge: str) -> Segment:  # a box line: left, fill per column, crossings, right
            return Segment(edge[0] + edge[2].join(edge[1] * w for w in widths) + edge[3], border)

        yield line(top)
        yield new_line
        header_style = console.get_style("table.header")
        null = Style.null()
        justifies = [c.justify for c in self.columns]
        no_wraps = [c.no_wrap for c in self.columns]
        last_row = len(grid) - 1
        for index, cells in enumerate(grid):
            edges = head if index == 0 else foot if index == last_row else mid
            left, right, divider = (Segment(edges[i], border) for i in (0, 3, 2))
            yield left
            for i, text in enumerate(cells):
                if i:
                    yield divider
                yield from _cell(console, text, widths[i] - 2, justifies[i], no_wraps[i],
                                 header_style if index == 0 else null)
            yield right
            yield new_line
            if index == 0:
                yield line(head_row)
                yield new_line
            elif index - 1 in self.section_ends and index != last_row:
                yield line(rule)
                yield new_line
        yield line(bottom)
        yield new_line


def _cell(console: Console, text: Text, width: int, justify: str, no_wrap: bool, style: Style
          ) -> list[Segment]:
    """One padded cell of one line, as rich's Padding(Text) renders it at this width."""
    if width == 0:  # rich renders no line, and pads the empty cell to its width
        return [Segment("  ", style)]
    line = text.copy()
    if not no_wrap:  # as rich's wrap does; it counts code points, so combining marks matter
        line.rstrip_end(width)
    if justify == "right":
        line.rstrip()
        line.pad_left(width - line.cell_len)
    else:
        line.pad_right(width - line.cell_len)
    pad = Style.null()
    # rich renders a cell's lines joined, which turns the base style into a span.
    segments = [Segment(" ", pad), *_JOIN.join((line,)).render(console), Segment(" ", pad)]
    if style:
        segments = list(Segment.apply_style(segments, style))
    return segments
