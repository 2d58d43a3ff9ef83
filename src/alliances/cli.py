"""The command line: parse arguments, call the library, render tables, CSV or JSON."""

import errno
import gc
import io
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .answers import AlliesOf
from .api import Alliances, as_date, as_period, as_range
from .dates import DateError, PartialDate, Period
from .errors import AlliancesError, DataError, OutputError, UnknownName, UsageError
from .loading import ENV_VAR, check, load
from .model import EXPORT_KIND_NAMES, OBLIGATIONS, SUSPENDED_MODES, SYSTEM_NAMES, UNCERTAIN_MODES
from .safetext import printable
from .terminal import columns, data_stream, display_stream
from .writers import BOOLEANS, FILE_FORMATS, ROW_FORMATS, write_rows

EXIT_DATA = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="alliances",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


# The output formats, from the writers' registry: every query command offers a table and every
# row format; `export` offers the row formats and the data format itself (yaml).
Format = Enum("Format", {name: name for name in ("table", *ROW_FORMATS)}, type=str)
Format.__doc__ = "The output formats of the query commands."


class _State:
    data: list[Path] = []
    no_bundled: bool = False
    quiet: bool = False
    verbose: bool = False


_global = _State()

DataOpt = Annotated[
    list[Path] | None,
    typer.Option("--data", "-d", help="Extra YAML file or folder (repeatable); adds to the bundled "
                 "data and ALLIANCES_DATA.", show_default=False),
]
OnOpt = Annotated[
    str, typer.Option("--on", help="Date: YYYY-MM-DD, YYYY-MM, YYYY, a range A..B or 'today'.")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ObligationOpt = Annotated[
    list[str] | None,
    typer.Option("--obligation", help=f"Count treaties with this obligation as alliances "
                 f"(repeatable; default defence). One of: {', '.join(OBLIGATIONS)}, or 'any'.",
                 show_default=False),
]
SignatoriesOpt = Annotated[
    str,
    typer.Option("--signatories", help="Whether a state that has signed a treaty but is not yet "
                 "bound by it counts as an ally: exclude, or count (ATOP's and COW's convention: "
                 "they date membership from signature)."),
]


# -- plumbing ---------------------------------------------------------------------------------
def _err(message: str) -> None:
    # Messages quote names as typed or as written in the data: show escapes, never send them.
    sys.stderr.write(f"alliances: {printable(message)}\n")


def _note(message: str) -> None:
    if not _global.quiet:
        sys.stderr.write(f"note: {printable(message)}\n")


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one clear message and an exit code; never a traceback."""
    try:
        yield
    except DataError as exc:
        shown = exc.problems[:20]
        for p in shown:
            _err(str(p))
        if len(exc.problems) > len(shown):
            _err(f"... and {len(exc.problems) - len(shown)} more; run 'alliances validate'")
        _err(f"the data has {len(exc.problems)} problem(s); nothing was answered")
        raise typer.Exit(EXIT_DATA) from None
    except (UnknownName, UsageError, DateError) as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except AlliancesError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_DATA) from None


_process = {"whole": False}  # main() runs the command as the whole process


def _api(data: list[Path] | None) -> Alliances:
    """The API over the data this run loads (bundled, ALLIANCES_DATA, --data)."""
    notes: list[str] = []
    ds = load([*_global.data, *(data or [])], bundled=not _global.no_bundled, notes=notes)
    if _process["whole"]:
        # The dataset lives until the process ends: frozen, as entry.py freezes the imports, it
        # is left out of the collections the command's own work triggers (which would traverse
        # all of it, fresh from loading, at least once more). Not when the app is run in a
        # process that goes on (tests): what is frozen is never freed.
        gc.freeze()
    if _global.verbose:
        for note in notes:
            sys.stderr.write(f"{printable(note)}\n")  # paths may hold any character
        how = "from the cache" if ds.from_cache else "parsed and validated"
        sys.stderr.write(f"loaded {len(ds.files)} files ({how}): {', '.join(ds.files)}\n")
    return Alliances(ds)


def _on(text: str) -> Period:
    return as_period(text, "--on")


def _console(stderr: bool = False):
    from rich.console import Console

    stream = display_stream(sys.stderr if stderr else sys.stdout)
    # Data are printed as written: no rich markup ("[sic]" would vanish), no :emoji: codes and
    # no automatic colouring of numbers; styles come only from render.py. A width is forced only
    # where COLUMNS makes no sense (COLUMNS=0 drew nothing).
    return Console(stderr=stderr, soft_wrap=False, markup=False, emoji=False, highlight=False,
                   width=columns(stream=stream))


@contextmanager
def _stdout(data: bool = True) -> Iterator[Any]:
    """Standard output for data (always UTF-8: see terminal.py) or for reading (data=False);
    an error writing it (a full disk, EIO) is an OutputError, not a bug."""
    try:
        if data:
            with data_stream(sys.stdout) as out:
                yield out
        else:
            yield display_stream(sys.stdout)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise
        _silence_stdout()
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point stdout at the null device, so that what is left in its buffer cannot fail again
    when Python flushes it at exit (a second message, or exit code 120)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _emit(fmt: Format, rows: list[dict[str, Any]], columns: list[str],
          table: Callable[[], None]) -> None:
    if fmt is Format.table:
        with _stdout(data=False):
            table()
    else:
        with _stdout() as out:
            write_rows(rows, columns, fmt.value, out)


def _complete(kind: str, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of treaty ids or state codes from the data the tool would load."""
    try:
        ds = load(bundled=True)
    except AlliancesError:
        return []
    key = incomplete.casefold()
    if kind == "treaty":
        items = [(t.id, t.name) for t in ds.treaties.values()]
    else:
        items = [(s.code, s.name) for s in ds.states.values()]
    return [(v, help_) for v, help_ in items
            if v.casefold().startswith(key) or help_.casefold().startswith(key)]


def complete_treaty(incomplete: str) -> list[tuple[str, str]]:
    return _complete("treaty", incomplete)


def complete_state(incomplete: str) -> list[tuple[str, str]]:
    return _complete("state", incomplete)


def complete_any(incomplete: str) -> list[tuple[str, str]]:
    return complete_treaty(incomplete) + complete_state(incomplete)


def _version(value: bool) -> None:
    if value:
        try:
            ds = load(bundled=True, env=False)
            as_of = f"data as of {ds.as_of}" if ds.as_of else "data without an as_of date"
        except AlliancesError:
            as_of = "bundled data has problems (run 'alliances validate')"
        typer.echo(f"alliances {__version__} ({as_of})")
        raise typer.Exit()


@app.callback()
def _main(
    data: DataOpt = None,
    no_bundled: Annotated[bool, typer.Option("--no-bundled", help="Do not load the bundled data; "
                                             "use only --data and ALLIANCES_DATA.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No notes on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say on stderr which files "
                                          "were loaded and whether from the cache.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and the data's as-of date.")] = False,
) -> None:
    """Who was in which alliance, in what status, on any date; and who was allied with whom.

    Example: alliances allies Armenia Belarus --on 2020-10-01

    Dates are YYYY-MM-DD, YYYY-MM, YYYY or A..B. Exit codes: 0 ok, 1 data problem, 2 usage problem.
    """
    _global.data = list(data or [])
    _global.no_bundled = no_bundled
    _global.quiet = quiet
    _global.verbose = verbose


# -- commands ---------------------------------------------------------------------------------
def _answer(answer, fmt: Format, table: Callable[[], None]) -> None:
    """Notes on stderr, then the answer as a table or as rows in a data format."""
    for note in answer.notes:
        _note(note)
    _emit(fmt, answer.rows, answer.columns, table)


@app.command()
def members(
    treaty: Annotated[str, typer.Argument(help="Treaty id or name: nato, CSTO, 'Warsaw Pact'...",
                                          autocompletion=complete_treaty)],
    on: OnOpt = "today",
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """The members of a treaty on a date, with status and since when.

    Example: alliances members CSTO --on 2020-10-01
    """
    with _errors():
        api = _api(data)
        answer = api.members(treaty, _on(on))
        if fmt is not Format.table and answer.phase_note:
            _note(answer.phase_note)

        def table() -> None:
            from .render import render_members

            render_members(_console(), api.dataset, answer.phase, answer.period, answer.standings,
                           answer.fallback)

        _answer(answer, fmt, table)


@app.command()
def memberships(
    state: Annotated[str, typer.Argument(help="State: name, ISO code or COW number.",
                                         autocompletion=complete_state)],
    on: OnOpt = "today",
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """Every treaty a state belongs to on a date, with status.

    Example: alliances memberships Armenia --on 2025-01-01
    """
    with _errors():
        api = _api(data)
        answer = api.memberships(state, _on(on))

        def table() -> None:
            from .render import render_memberships

            render_memberships(_console(), api.dataset, answer.state.code, answer.period,
                               answer.standings)

        _answer(answer, fmt, table)


@app.command()
def allies(
    state: Annotated[str, typer.Argument(help="A state.", autocompletion=complete_state)],
    other: Annotated[str | None, typer.Argument(help="A second state (optional).",
                                                autocompletion=complete_state)] = None,
    on: OnOpt = "today",
    obligation: ObligationOpt = None,
    brief: Annotated[bool, typer.Option("--brief", help="Notes cut to their first sentence (a "
                                        "table of allies always cuts them).")] = False,
    suspended: Annotated[str, typer.Option(
        "--suspended", help="Whether a suspended member counts as an ally: count or exclude.")
    ] = "count",
    uncertain: Annotated[str, typer.Option(
        "--uncertain", help="A membership with a range date: keep (uncertain), as-member or "
        "as-nonmember.")] = "keep",
    signatories: SignatoriesOpt = "exclude",
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """Are two states allied on a date, and through which treaties? With one state: all its allies.

    Allied means, by default, both are members of one treaty with a defence obligation.

    Example: alliances allies Armenia Belarus --on 2020-10-01
    """
    with _errors():
        api = _api(data)
        answer = api.allies(state, other, _on(on), obligation, suspended, uncertain, signatories)
        if isinstance(answer, AlliesOf):
            def table() -> None:
                from .render import render_allies_of

                render_allies_of(_console(), api.dataset, answer)

            _answer(answer, fmt, table)
            return
        if fmt is Format.json:  # one object: the answer and its links
            for note in answer.notes:
                _note(note)
            with _stdout() as out:
                out.write(json.dumps(answer.payload, ensure_ascii=False, indent=2) + "\n")
            return

        def pair_table() -> None:
            from .render import render_allies_pair

            render_allies_pair(_console(), api.dataset, answer, brief)

        _answer(answer, fmt, pair_table)


class Order(str, Enum):
    oldest = "oldest"
    newest = "newest"


@app.command()
def history(
    name: Annotated[str | None, typer.Argument(help="A state or a treaty; without one, every event "
                                               "in the period (--from and/or --to).",
                                               autocompletion=complete_any,
                                               show_default=False)] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date (inclusive).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (inclusive).")] = None,
    order: Annotated[Order, typer.Option("--order", help="Oldest or newest event first.")
                     ] = Order.oldest,
    treaty_kind: Annotated[list[str] | None, typer.Option(
        "--kind", help="Only treaties of this kind: treaty, organisation, declaration "
        "(repeatable).", show_default=False)] = None,
    region: Annotated[list[str] | None, typer.Option(
        "--region", help="Only events of states in this region, by COW code: americas (2-165), "
        "europe (200-399), africa (402-626), middle-east (630-698), asia-oceania (700-990) "
        "(repeatable).", show_default=False)] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Each note cut to its first sentence "
                                        "(in every format).")] = False,
    full: Annotated[bool, typer.Option("--full", help="Tables: every note whole (by default a "
                                       "note too long for its column is cut to its first "
                                       "sentence).")] = False,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """The dated events of a state or a treaty, or of the whole world in a period, with notes
    and sources.

    Example: alliances history Armenia --from 2020

    Example: alliances history --from 2026-01 --order newest --region europe
    """
    with _errors():
        if brief and full:
            raise UsageError("--brief and --full cannot be used together")
        api = _api(data)
        _date_range(start, end)  # the options' own names in any message
        if name is None and start is None and end is None:
            raise UsageError("history needs a state or a treaty, or a period (--from and/or --to) "
                             "for every event in it")
        answer = api.history(name, start, end, order=order.value, kinds=treaty_kind,
                             regions=region, brief=brief)

        def table() -> None:
            from .render import render_history

            render_history(_console(), api.dataset, answer.title, answer.events,
                           "brief" if brief else "full" if full else "fit")

        _answer(answer, fmt, table)


def _date_range(start: str | None, end: str | None) -> tuple[PartialDate | None, PartialDate | None]:
    """--from and --to, read as the API reads them; refused when --to is certainly before --from."""
    return as_range(start, end, ("--from", "--to"))


def _last_day(after: date | None) -> date | None:
    """The last day of a range `_day_range` ends on the day after."""
    return after - timedelta(days=1) if after else None


def _day_range(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """--from and --to as the first day and the day after the last one, for timelines."""
    first, last = _date_range(start, end)
    return (first.earliest if first else None,
            last.latest + timedelta(days=1) if last else None)


@app.command()
def treaties(
    on: Annotated[str | None, typer.Option("--on", help="Only treaties in force on this date, "
                                           "with their members then (members_on).")] = None,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """The treaties, with kind, life dates, member and event counts, and data quality shares.

    `members` counts the states in a treaty over its life; with --on, `members_on` those in it
    on that date.

    Example: alliances treaties --on 1980
    """
    with _errors():
        api = _api(data)
        answer = api.treaties(None if on is None else _on(on))

        def table() -> None:
            from .render import render_treaties

            render_treaties(_console(), answer.rows, answer.title, answer.period)

        _answer(answer, fmt, table)


@app.command()
def states(
    on: Annotated[str | None, typer.Option("--on", help="Only states that existed on this date.")] = None,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """The states in the data, with ISO and Correlates of War codes and the dates they existed.

    Example: alliances states --on 1980
    """
    with _errors():
        api = _api(data)
        answer = api.states(None if on is None else _on(on))

        def table() -> None:
            from .render import render_states

            render_states(_console(), answer.rows)

        _answer(answer, fmt, table)


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to check, with the bundled data (default: what the "
                       "tool loads)."),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Check data files; print every problem as file:line:col: what; how to fix.

    Example: alliances validate my-treaties.yaml
    """
    ds, problems = check([*_global.data, *(paths or [])], bundled=not _global.no_bundled)
    summary = (f"ok: {len(ds.files)} files, {len(ds.treaties)} treaties, {len(ds.states)} states, "
               f"{ds.event_count()} events")
    with _errors(), _stdout(data=fmt is not Format.table) as out:
        if fmt is Format.json:
            out.write(json.dumps([
                {"file": p.file, "line": p.line, "col": p.col, "problem": p.what, "fix": p.fix}
                for p in problems], ensure_ascii=False, indent=2) + "\n")
        elif fmt is not Format.table:
            write_rows(({"file": p.file, "line": p.line, "col": p.col, "problem": p.what,
                         "fix": p.fix} for p in problems),
                       ["file", "line", "col", "problem", "fix"], fmt.value, out)
        else:
            for p in problems:
                out.write(f"{p}\n")
            if not problems:
                out.write(summary + "\n")
    if problems:
        _err(f"{len(problems)} problem(s) in {len(ds.files)} file(s)")
        raise typer.Exit(EXIT_DATA)
    if fmt is not Format.table:
        _note(summary)


def _timeline_output(build, picture: Callable[[], Any] | None, outputs: dict[str, Path | None],
                     width: int) -> None:
    """Draw a timeline on the terminal, or save it as a chart (SVG, HTML, PNG, PDF; each file
    written atomically) when any of `outputs` is given."""
    from .render import render_timeline, timeline_width

    if picture is not None and any(outputs.values()):
        from .atomic import atomic_write
        from .chart import convert, render_svg
        from .site import chart_page

        if width < 200 or width > 10000:
            raise UsageError(f"--width {width}: give a width from 200 to 10000")
        chart = picture()
        svg = render_svg(chart, width)
        for kind, path in outputs.items():
            if path is None:
                continue
            if kind in ("png", "pdf"):
                data = convert(svg, kind, width)
                with atomic_write(path, binary=True) as out:
                    out.write(data)
                continue
            with atomic_write(path) as out:
                out.write(svg if kind == "svg" else chart_page(chart, svg))
        return

    def fitted(console):
        labels = build(1).rows
        return build(timeline_width(console, [r.label for r in labels]))

    with _stdout(data=False):
        console = _console()
        ascii_only = (console.no_color or not console.is_terminal
                      or console.encoding.lower() != "utf-8")
        render_timeline(console, fitted(console), ascii_only)


def _command_line(*parts: Any) -> str:
    """The command that drew a chart, for its caption (options with no value left out)."""
    words: list[str] = ["alliances"]
    for part in parts:
        if isinstance(part, tuple):
            if part[1] is not None:
                words += [part[0], str(part[1])]
        elif isinstance(part, list):
            words += part
        else:
            words.append(part)
    import shlex  # here, as in the other rarely taken paths: every start pays for an import

    return shlex.join(words)


def _opt_day(option: str, text: str | None) -> date | None:
    d = as_date(text, option)
    return None if d is None else d.earliest


SvgOpt = Annotated[Path | None, typer.Option("--svg", help="Save the chart as SVG.")]
HtmlOpt = Annotated[Path | None, typer.Option("--html", help="Save the chart as an HTML page "
                                              "(the SVG and a table of the same facts).")]
PngOpt = Annotated[Path | None, typer.Option("--png", help="Save the chart as PNG (needs the "
                                             "'pictures' extra: pip install 'alliances[pictures]').")]
PdfOpt = Annotated[Path | None, typer.Option("--pdf", help="Save the chart as PDF (needs the "
                                             "'pictures' extra).")]
WidthOpt = Annotated[int, typer.Option("--width", help="Width of the saved chart, in pixels "
                                       "(user units of the SVG).")]


@app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="A treaty (one row per member) or a state (one row "
                                        "per treaty).", autocompletion=complete_any)],
    start: Annotated[str | None, typer.Option("--from", help="Zoom: first date or year.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Zoom: last date or year.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Draw a marker at this date.")] = None,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    png: PngOpt = None,
    pdf: PdfOpt = None,
    width: WidthOpt = 720,
    data: DataOpt = None,
) -> None:
    """Draw a membership history: who joined when, froze, announced withdrawal, left.

    Example: alliances timeline CSTO --on 2024-06-12
    """
    from .timeline import build_state_timeline, build_treaty_timeline

    with _errors():
        api = _api(data)
        ds, engine = api.dataset, api.engine
        first, last = _day_range(start, end)
        marker = _opt_day("--on", on)
        # a name shared by a predecessor and its successor ("Austria") is read on the date shown
        tid, code = api.resolver.treaty_or_state(name, marker or first or _last_day(last))

        def build(columns: int):
            if tid is not None:
                return build_treaty_timeline(ds, engine, tid, columns, first, last, marker)
            return build_state_timeline(ds, engine, code, columns, first, last, marker)

        def picture():
            from .chart import state_chart, treaty_chart

            command = _command_line("timeline", name, ("--from", start), ("--to", end),
                                    ("--on", on))
            if tid is not None:
                return treaty_chart(ds, engine, tid, first, last, marker, command)
            return state_chart(ds, engine, code, first, last, marker, command)

        _timeline_output(build, picture, {"svg": svg, "html": html, "png": png, "pdf": pdf},
                         width)


@app.command()
def compare(
    states: Annotated[list[str], typer.Argument(help="Two or more states.",
                                                autocompletion=complete_state)],
    start: Annotated[str | None, typer.Option("--from", help="First date or year.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date or year.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Draw a marker at this date.")] = None,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    png: PngOpt = None,
    pdf: PdfOpt = None,
    width: WidthOpt = 720,
    data: DataOpt = None,
) -> None:
    """Several states' alliance memberships over time, one row per state and treaty.

    Example: alliances compare Armenia Belarus Azerbaijan Russia --from 1992 --to 2026
    """
    from .timeline import build_compare

    with _errors():
        api = _api(data)
        ds, engine = api.dataset, api.engine
        first, last = _day_range(start, end)
        marker = _opt_day("--on", on)
        day = marker or first or _last_day(last)
        codes = list(dict.fromkeys(api.state(s, day) for s in states))

        def picture():
            from .chart import compare_chart

            command = _command_line("compare", states, ("--from", start), ("--to", end),
                                    ("--on", on))
            return compare_chart(ds, engine, codes, first, last, marker, command)

        _timeline_output(lambda w: build_compare(ds, engine, codes, w, first, last, marker),
                         picture, {"svg": svg, "html": html, "png": png, "pdf": pdf}, width)


@app.command()
def site(
    folder: Annotated[Path, typer.Argument(help="The folder to write the site into (made if "
                                           "missing; files of the same names are replaced).")],
    data: DataOpt = None,
) -> None:
    """Write a static website of the data: a page per treaty and per state, an index with search,
    and the exports to download. It works from the file system or any static host.

    Example: alliances site public/
    """
    from .site import build_site

    with _errors():
        api = _api(data)
        written = build_site(api.dataset, api.engine, folder, progress=_note)
        _note(f"wrote {len(written)} files into {folder}; open {folder / 'index.html'}")


ExportKind = Enum("ExportKind", {name: name for name in EXPORT_KIND_NAMES}, type=str)
ExportKind.__doc__ = "The export kinds (exports.EXPORT_KINDS)."
ExportFormat = Enum("ExportFormat", {name: name for name in (*FILE_FORMATS, "yaml")}, type=str)
ExportFormat.__doc__ = "The export formats: the row formats, Parquet and the data format (yaml)."
SystemChoice = Enum("SystemChoice", {name: name for name in SYSTEM_NAMES}, type=str)
SuspendedChoice = Enum("SuspendedChoice", {name: name for name in SUSPENDED_MODES}, type=str)
UncertainChoice = Enum("UncertainChoice", {name: name for name in UNCERTAIN_MODES}, type=str)
BooleansChoice = Enum("BooleansChoice", {name: name for name in BOOLEANS}, type=str)


def _value(choice: Enum | None) -> str | None:
    return None if choice is None else choice.value


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(help="What to export.")],
    fmt: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", help="Output format (default: from the -o suffix, else csv); yaml "
        "(events only) writes the data format itself.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (atomically) instead of stdout; the suffix "
        "names the format: .csv .tsv .json .jsonl .parquet .yaml, .gz after a text one.")] = None,
    treaty: Annotated[list[str] | None, typer.Option("--treaty", "-t", help="Only this treaty "
                                                     "(repeatable).", show_default=False)] = None,
    state: Annotated[list[str] | None, typer.Option("--state", "-s", help="Only this state "
                                                    "(repeatable).", show_default=False)] = None,
    treaty_kind: Annotated[list[str] | None, typer.Option("--kind", help="Only treaties of this "
                                                          "kind: treaty, organisation, declaration "
                                                          "(repeatable).", show_default=False)] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date or year.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date or year.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="snapshot: the date (default today).")] = None,
    directed: Annotated[bool, typer.Option("--directed",
                                           help="dyad-year: both orders of each pair.")] = False,
    system: Annotated[SystemChoice | None, typer.Option(
        "--system", help="Only states in this state system (COW v2016 or Gleditsch-Ward) on the "
        "row's dates; panels keyed by its codes.", show_default=False)] = None,
    panel: Annotated[SystemChoice | None, typer.Option(
        "--panel", help="state-year, dyad-year: every state (dyad) of this system in every year, "
        "0 when not allied, empty outside the data's coverage.", show_default=False)] = None,
    suspended: Annotated[SuspendedChoice, typer.Option(
        "--suspended", help="Whether a suspended member counts as an ally.")] = "count",
    uncertain: Annotated[UncertainChoice, typer.Option(
        "--uncertain", help="state-year, dyad-year: a membership with a range date: keep (with "
        "certain=0), as-member, as-nonmember.")] = "keep",
    signatories: SignatoriesOpt = "exclude",
    booleans: Annotated[BooleansChoice, typer.Option(
        "--booleans", help="CSV/TSV booleans: numbers (1/0) or words (true/false).")] = "numbers",
    metadata: Annotated[bool, typer.Option(
        "--metadata", help="Also write FILE.meta.json: tool version, data as-of date, command.")
    ] = False,
    data: DataOpt = None,
) -> None:
    """Export tables for scripts and research: intervals, events, snapshot, state-year, dyad-year.

    Columns are documented in docs/export-columns.md. State-year and dyad-year panels need
    --from and --to years (default: 1945 to the data's as-of year).

    Example: alliances export dyad-year --panel cow --from 1946 --to 2014 -o dyads.csv.gz
    """
    from .atomic import atomic_write
    from .exports import EXPORT_KINDS, write_export
    from .model import TREATY_KINDS
    from .writers import output_format, text_layer
    from .yamlout import dataset_document, write_yaml, yaml_header

    kind = ExportKind(kind)
    with _errors():
        name, compressed = output_format(output, _value(fmt and ExportFormat(fmt)))
        if name == "yaml" and "yaml" not in EXPORT_KINDS[kind.value].options:
            raise UsageError("--format yaml writes the data format; use it with 'export events'")
        if metadata and output is None:
            raise UsageError("--metadata writes FILE.meta.json beside the output; give -o FILE")
        for k in treaty_kind or []:
            if k not in TREATY_KINDS:
                raise UsageError(f"--kind '{k}' is not one of {', '.join(TREATY_KINDS)}")
        api = _api(data)
        request = api.export_request(
            kind.value, treaties=treaty, states=state, kinds=treaty_kind, start=start, end=end,
            on=on, directed=directed, system=_value(system and SystemChoice(system)),
            panel=_value(panel and SystemChoice(panel)),
            suspended=SuspendedChoice(suspended).value, uncertain=UncertainChoice(uncertain).value,
            signatories=signatories,
            names={"start": "--from", "end": "--to", "on": "--on", "directed": "--directed",
                   "panel": "--panel", "system": "--system", "uncertain": "--uncertain"})
        if request.on is not None:
            for note in api.as_of_notes(request.on):
                _note(note)
        filters = request.filters
        about = api.export_metadata(kind.value, name, ["alliances", *sys.argv[1:]])
        binary = name in FILE_FORMATS and FILE_FORMATS[name].binary
        count = [0]

        def write_text(out) -> None:
            if name == "yaml":
                import shlex

                header = yaml_header(shlex.quote(str(output)) if output else "FILE",
                                     by_date=filters.start is not None or filters.end is not None,
                                     clear_env=bool(os.environ.get(ENV_VAR)))
                write_yaml(dataset_document(api.dataset, filters), out, header)
                return
            with _Progress() as progress:
                count[0] = write_export(kind.value, request, name, out, progress.update,
                                        BooleansChoice(booleans).value, about)

        def write(raw) -> None:
            if binary:
                write_text(raw)
            else:
                with text_layer(raw, compressed) as out:
                    write_text(out)

        if output is None:
            if binary or compressed:
                with _stdout() as out:
                    out.flush()
                    write(getattr(out, "buffer", None) or sys.stdout.buffer)
                return
            with _stdout() as out:
                write_text(out)
            return
        with atomic_write(output, binary=True) as raw:
            write(raw)
        if metadata:
            about["rows"] = count[0] if name != "yaml" else None
            with atomic_write(f"{output}.meta.json") as out:
                out.write(json.dumps(about, ensure_ascii=False, indent=2) + "\n")


class Suspended(str, Enum):
    count = "count"
    exclude = "exclude"


class UncertainRule(str, Enum):
    keep = "keep"
    as_member = "as-member"
    as_nonmember = "as-nonmember"


@app.command()
def annotate(
    file: Annotated[str, typer.Argument(help="Your CSV, TSV, JSON Lines or Parquet file ('-': "
                                        "standard input, with --input-format).")],
    col_a: Annotated[str | None, typer.Option("--a", help="Column of the first state of a pair.")] = None,
    col_b: Annotated[str | None, typer.Option("--b", help="Column of the second state.")] = None,
    col_state: Annotated[str | None, typer.Option("--state", help="Column of one state: its "
                                                  "memberships instead of a pair's alliance.")] = None,
    col_date: Annotated[str | None, typer.Option("--date", help="Column of the date: a day, "
                                                 "month, year or range A..B.")] = None,
    obligation: ObligationOpt = None,
    suspended: Annotated[Suspended, typer.Option("--suspended", help="A frozen (suspended) "
                                                 "member: still bound (count) or not (exclude).")
                         ] = Suspended.count,
    uncertain: Annotated[UncertainRule, typer.Option("--uncertain", help="A membership that "
                                                     "depends on an imprecise date: left uncertain "
                                                     "(keep), or taken as held or not.")
                         ] = UncertainRule.keep,
    signatories: SignatoriesOpt = "exclude",
    three_valued: Annotated[bool, typer.Option("--three-valued", help="allied as true/false/"
                                               "uncertain instead of 1/0/empty.")] = False,
    prefix: Annotated[str, typer.Option("--prefix", help="Put before the new columns' names.")] = "",
    in_format: Annotated[str | None, typer.Option("--input-format", help="csv, tsv, jsonl or "
                                                     "parquet (default: from the file's name).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "(atomically) instead of stdout.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any row had a problem "
                                         "(after writing).")] = False,
    data: DataOpt = None,
) -> None:
    """Add alliance status on each row's date to your own data: allied, via which treaties,
    obligations, each side's status and whether it is certain.

    Every row is written back, in order, with the new columns after its own; a row that cannot
    be answered (unknown state, impossible date, a state that did not exist then) gets empty new
    columns and a line on stderr. Columns: docs/export-columns.md.

    Example: alliances annotate deliveries.csv --a supplier --b recipient --date date -o out.csv
    """
    from .annotate import (
        Options,
        input_format,
        new_columns,
        open_table,
        row_columns,
        write_table,
    )
    from .atomic import atomic_write

    with _errors():
        columns = row_columns(col_a, col_b, col_state, col_date)
        fmt = input_format(file, in_format)
        options = Options(obligation, suspended.value, uncertain.value, three_valued, prefix,
                          signatories)
        if fmt == "parquet" and output is None:
            raise UsageError("Parquet output is binary: give -o FILE")
        if file == "-":
            source: Any = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
            name = "<stdin>"
        else:
            source, name = file, file
        api = _api(data)
        ds = api.dataset
        reported = 0

        def report(problem) -> None:
            nonlocal reported
            reported += 1
            sys.stderr.write(f"{problem}\n")

        with open_table(source, fmt, name) as table:
            table.check(columns, new_columns(len(columns) == 3, prefix))  # before any output
            engine, resolver = api.engine, api.resolver
            if output is None:
                with _stdout() as out:
                    write_table(table, out, ds, engine, resolver, options, columns, report)
            else:
                with atomic_write(output, binary=fmt == "parquet") as out:
                    write_table(table, out, ds, engine, resolver, options, columns, report)
        if reported:
            _err(f"{reported} of {table.rows} row(s) in {name} could not be answered: their new "
                 "columns are empty (the lines above say why)")
            if strict:
                raise typer.Exit(EXIT_DATA)


class _Progress:
    """A row counter on stderr once an export has run for a second (terminals only)."""

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._shown = None
        self._task = None
        self._enabled = sys.stderr.isatty() and not _global.quiet

    def update(self, count: int) -> None:
        if not self._enabled:
            return
        if self._shown is None:
            if self._clock() - self._started <= 1:
                return
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self._shown = Progress(SpinnerColumn(), TextColumn("{task.completed:,} rows"),
                                   console=_console(stderr=True), transient=True)
            self._shown.start()
            self._task = self._shown.add_task("export", completed=count)
        else:
            self._shown.update(self._task, completed=count)

    def counted(self, rows):
        count = 0
        for count, row in enumerate(rows, 1):
            if count % 1000 == 0:
                self.update(count)
            yield row

    def __enter__(self) -> "_Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self._shown is not None:
            self._shown.stop()


# Options of the top-level callback that take a value (so their value is not a command name).
_GLOBAL_VALUE_OPTIONS = {"--data", "-d"}


def _command_named(argv: list[str]) -> str | None:
    """The subcommand an argument list invokes, or None (help, completion, a typo...)."""
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return None
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _GLOBAL_VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _needed_commands(commands: list, name: str | None) -> list:
    """Only the command being run, if known: typer inspects every registered command's
    signature at start-up, which costs more than answering a query."""
    chosen = [c for c in commands if (c.name or c.callback.__name__) == name]
    return chosen or commands


def _flush_stdout() -> None:
    """Flush what is left of the output now, so that a full disk is reported like any other
    write error (Python would report it at exit with a traceback-like message and code 120)."""
    with _stdout(data=False) as out:
        out.flush()


def main() -> None:
    """Console-script entry point."""
    # Let `alliances ... | head` end quietly, as csvkit does: die by SIGPIPE, no traceback.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    commands = getattr(app, "registered_commands", None)
    _process["whole"] = True
    try:
        if commands is not None:
            app.registered_commands = _needed_commands(commands, _command_named(sys.argv[1:]))
        try:
            app()
        finally:
            _flush_stdout()
    except OutputError as exc:  # from the last flush
        _err(str(exc))
        sys.exit(EXIT_DATA)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except Exception as exc:  # a bug: still one clear line, never a traceback
        _err(f"unexpected error ({type(exc).__name__}: {exc}); please report it with the command "
             "you ran (set ALLIANCES_DEBUG=1 to see the traceback)")
        if os.environ.get("ALLIANCES_DEBUG"):
            raise
        sys.exit(3)
    finally:
        if commands is not None:
            app.registered_commands = commands


__all__ = ["app", "main"]
