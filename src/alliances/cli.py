"""The command line: parse arguments, call the library, render tables, CSV or JSON."""

import errno
import io
import json
import os
import shlex
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
from .dates import DateError, PartialDate, Period, bounded, parse_date, parse_period
from .errors import AlliancesError, DataError, OutputError, UnknownName, UsageError
from .export import (
    ALLY_COLUMNS,
    EVENT_COLUMNS,
    MEMBER_COLUMNS,
    MEMBERSHIP_COLUMNS,
    SNAPSHOT_COLUMNS,
    TREATY_COLUMNS,
    allies_payload,
    ally_rows,
    event_row,
    member_rows,
    membership_rows,
    treaty_row,
    write_rows,
)
from .loading import ENV_VAR, check, load
from .model import OBLIGATIONS, Dataset, normalize_obligation
from .names import Resolver
from .query import Engine
from .safetext import printable
from .terminal import columns, data_stream, display_stream

EXIT_DATA = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="alliances",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


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


def _load(data: list[Path] | None) -> Dataset:
    notes: list[str] = []
    ds = load([*_global.data, *(data or [])], bundled=not _global.no_bundled, notes=notes)
    if _global.verbose:
        for note in notes:
            sys.stderr.write(f"{printable(note)}\n")  # paths may hold any character
        how = "from the cache" if ds.from_cache else "parsed and validated"
        sys.stderr.write(f"loaded {len(ds.files)} files ({how}): {', '.join(ds.files)}\n")
    return ds


def _period(text: str) -> Period:
    try:
        period, _ = parse_period(text)
    except DateError as exc:
        raise UsageError(f"--on: {exc}") from None
    return period


def _as_of_note(ds: Dataset, period: Period) -> None:
    if ds.as_of is not None and period.last > ds.as_of.latest:
        _note(f"the data are current to {ds.as_of}; an answer for {period} may be out of date")


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


def _obligations(values: list[str] | None) -> list[str]:
    if not values:
        return ["defence"]
    out: list[str] = []
    for v in values:
        v = normalize_obligation(v)
        if v == "any":
            return list(OBLIGATIONS)
        if v not in OBLIGATIONS:
            raise UsageError(f"--obligation '{v}' is not one of {', '.join(OBLIGATIONS)}, any")
        out.append(v)
    return out


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
        ds = _load(data)
        tid = Resolver(ds).treaty(treaty)
        period = _period(on)
        engine = Engine(ds)
        standings = engine.members(tid, period)
        ts = engine.treaty_phase(ds.treaties[tid], period)
        fallback = None
        if ts.phase in ("not_signed", "signed") and not standings:
            for pred in engine.predecessor_chain(tid):
                pst = engine.members(pred.id, period)
                if pst:
                    fallback = (pred, pst)
                    break
        _as_of_note(ds, period)
        if fmt is not Format.table and ts.phase == "not_signed":
            msg = f"{ds.treaties[tid].label} did not yet exist on {period}"
            if fallback:
                msg += f"; its predecessor '{fallback[0].id}' had {len(fallback[1])} members"
            _note(msg)
        rows = member_rows(ds, standings, period)

        def table() -> None:
            from .render import render_members

            render_members(_console(), ds, ts, period, standings, fallback)

        _emit(fmt, rows, MEMBER_COLUMNS, table)


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
        ds = _load(data)
        period = _period(on)
        code = Resolver(ds).state(state, period.first)
        standings = Engine(ds).memberships(code, period)
        _as_of_note(ds, period)
        rows = membership_rows(ds, standings, period)

        def table() -> None:
            from .render import render_memberships

            render_memberships(_console(), ds, code, period, standings)

        _emit(fmt, rows, MEMBERSHIP_COLUMNS, table)


@app.command()
def allies(
    state: Annotated[str, typer.Argument(help="A state.", autocompletion=complete_state)],
    other: Annotated[str | None, typer.Argument(help="A second state (optional).",
                                                autocompletion=complete_state)] = None,
    on: OnOpt = "today",
    obligation: ObligationOpt = None,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """Are two states allied on a date, and through which treaties? With one state: all its allies.

    Allied means, by default, both are members of one treaty with a defence obligation.

    Example: alliances allies Armenia Belarus --on 2020-10-01
    """
    with _errors():
        ds = _load(data)
        period = _period(on)
        resolver = Resolver(ds)
        a = resolver.state(state, period.first)
        obligations = _obligations(obligation)
        engine = Engine(ds)
        _as_of_note(ds, period)
        if other is None:
            by_state = engine.allies_of(a, period, obligations)
            rows = list(ally_rows(ds, a, by_state, period))

            def table() -> None:
                from .render import render_allies_of

                render_allies_of(_console(), ds, a, period, by_state)

            _emit(fmt, rows, ALLY_COLUMNS, table)
            return
        b = resolver.state(other, period.first)
        if a == b:
            raise UsageError(f"'{state}' and '{other}' are the same state ({a})")
        links = engine.allies(a, b, period, obligations)
        if fmt is Format.json:
            payload = allies_payload(ds, a, b, links, period, obligations)
            with _stdout() as out:
                out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
            return

        def table() -> None:
            from .render import render_allies_pair

            render_allies_pair(_console(), ds, a, b, period, links, obligations)

        _emit(fmt, list(ally_rows(ds, a, {b: links}, period)), ALLY_COLUMNS, table)


@app.command()
def history(
    name: Annotated[str, typer.Argument(help="A state or a treaty.", autocompletion=complete_any)],
    start: Annotated[str | None, typer.Option("--from", help="First date (inclusive).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (inclusive).")] = None,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """The dated events of a state or a treaty, in order, with notes and sources.

    Example: alliances history Armenia --from 2020
    """
    with _errors():
        ds = _load(data)
        first, last = _date_range(start, end)
        tid, code = Resolver(ds).treaty_or_state(name)
        events = Engine(ds).history(treaty_id=tid, state=code, start=first, end=last)
        rows = [event_row(ds, ev) for ev in events]
        label = ds.treaties[tid].label if tid else f"{ds.states[code].name} ({code})"

        def table() -> None:
            from .render import render_history

            render_history(_console(), ds, f"History of {label}", events)

        _emit(fmt, rows, EVENT_COLUMNS, table)


def _date_opt(option: str, text: str | None) -> PartialDate | None:
    if text is None:
        return None
    try:
        return bounded(parse_date(text))
    except DateError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _date_range(start: str | None, end: str | None) -> tuple[PartialDate | None, PartialDate | None]:
    """--from and --to; refused when --to is certainly before --from (`--from 2020 --to 2020-06`
    overlap, and are a period)."""
    first, last = _date_opt("--from", start), _date_opt("--to", end)
    if first and last and last.latest < first.earliest:
        raise UsageError(f"--to {last} is before --from {first}")
    return first, last


def _day_range(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """--from and --to as the first day and the day after the last one, for timelines."""
    first, last = _date_range(start, end)
    return (first.earliest if first else None,
            last.latest + timedelta(days=1) if last else None)


@app.command()
def treaties(
    on: Annotated[str | None, typer.Option("--on", help="Only treaties in force on this date.")] = None,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """The treaties, with kind, life dates, member and event counts, and data quality shares.

    Example: alliances treaties --on 1980
    """
    with _errors():
        ds = _load(data)
        engine = Engine(ds)
        selected = list(ds.treaties.values())
        title = f"{len(selected)} treaties"
        if on is not None:
            period = _period(on)

            selected = [t for t in selected if engine.treaty_phase(t, period).phase == "in_force"]
            title = f"{len(selected)} treaties in force on {period}"
        rows = [treaty_row(ds, t) for t in sorted(selected, key=lambda t: t.signed.sort_key())]

        def table() -> None:
            from .render import render_treaties

            render_treaties(_console(), rows, title)

        _emit(fmt, rows, TREATY_COLUMNS, table)


@app.command()
def states(
    on: Annotated[str | None, typer.Option("--on", help="Only states that existed on this date.")] = None,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """The states in the data, with ISO and Correlates of War codes and the dates they existed.

    Example: alliances states --on 1980
    """
    from .export import STATE_COLUMNS, state_row

    with _errors():
        ds = _load(data)
        selected = list(ds.states.values())
        if on is not None:
            period = _period(on)
            selected = [s for s in selected if s.exists_on(period.first)]
        rows = [state_row(s) for s in sorted(selected, key=lambda s: s.name)]

        def table() -> None:
            from .render import render_states

            render_states(_console(), rows)

        _emit(fmt, rows, STATE_COLUMNS, table)


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
        elif fmt is Format.csv:
            write_rows(({"file": p.file, "line": p.line, "col": p.col, "problem": p.what,
                         "fix": p.fix} for p in problems),
                       ["file", "line", "col", "problem", "fix"], "csv", out)
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


def _timeline_output(build, svg: Path | None, html: Path | None) -> None:
    """Draw a timeline on the terminal, or record it to SVG/HTML (written atomically)."""
    from rich.console import Console

    from .atomic import atomic_write
    from .render import render_timeline, timeline_width

    def fitted(console: Console):
        labels = build(1).rows
        return build(timeline_width(console, [r.label for r in labels]))

    if svg or html:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            console = Console(record=True, width=120, file=sink, markup=False, emoji=False,
                              highlight=False)
            render_timeline(console, fitted(console), ascii_only=False)
        for path, text in ((svg, svg and console.export_svg(title="alliances timeline",
                                                              clear=False)),
                           (html, html and console.export_html(clear=False))):
            if path:
                with atomic_write(path) as out:
                    out.write(text)
        return
    with _stdout(data=False):
        console = _console()
        ascii_only = (console.no_color or not console.is_terminal
                      or console.encoding.lower() != "utf-8")
        render_timeline(console, fitted(console), ascii_only)


def _opt_day(option: str, text: str | None) -> date | None:
    d = _date_opt(option, text)
    return None if d is None else d.earliest


SvgOpt = Annotated[Path | None, typer.Option("--svg", help="Save the picture as SVG.")]
HtmlOpt = Annotated[Path | None, typer.Option("--html", help="Save the picture as HTML.")]


@app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="A treaty (one row per member) or a state (one row "
                                        "per treaty).", autocompletion=complete_any)],
    start: Annotated[str | None, typer.Option("--from", help="Zoom: first date or year.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Zoom: last date or year.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Draw a marker at this date.")] = None,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    data: DataOpt = None,
) -> None:
    """Draw a membership history: who joined when, froze, announced withdrawal, left.

    Example: alliances timeline CSTO --on 2024-06-12
    """
    from .timeline import build_state_timeline, build_treaty_timeline

    with _errors():
        ds = _load(data)
        resolver = Resolver(ds)
        first, last = _day_range(start, end)
        marker = _opt_day("--on", on)
        engine = Engine(ds)
        tid, code = resolver.treaty_or_state(name)

        def build(width: int):
            if tid is not None:
                return build_treaty_timeline(ds, engine, tid, width, first, last, marker)
            return build_state_timeline(ds, engine, code, width, first, last, marker)

        _timeline_output(build, svg, html)


@app.command()
def compare(
    states: Annotated[list[str], typer.Argument(help="Two or more states.",
                                                autocompletion=complete_state)],
    start: Annotated[str | None, typer.Option("--from", help="First date or year.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date or year.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Draw a marker at this date.")] = None,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    data: DataOpt = None,
) -> None:
    """Several states' alliance memberships over time, one row per state and treaty.

    Example: alliances compare Armenia Belarus Azerbaijan Russia --from 1992 --to 2026
    """
    from .timeline import build_compare

    with _errors():
        ds = _load(data)
        resolver = Resolver(ds)
        codes = list(dict.fromkeys(resolver.state(s) for s in states))
        first, last = _day_range(start, end)
        marker = _opt_day("--on", on)
        engine = Engine(ds)
        _timeline_output(lambda w: build_compare(ds, engine, codes, w, first, last, marker), svg, html)


class ExportKind(str, Enum):
    intervals = "intervals"
    events = "events"
    snapshot = "snapshot"
    state_year = "state-year"
    dyad_year = "dyad-year"


class ExportFormat(str, Enum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(help="What to export.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format; yaml (events "
                                              "only) writes the data format itself.")] = ExportFormat.csv,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "(atomically) instead of stdout.")] = None,
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
    data: DataOpt = None,
) -> None:
    """Export tables for scripts and research: intervals, events, snapshot, state-year, dyad-year.

    Columns are documented in docs/export-columns.md. State-year and dyad-year panels need
    --from and --to years (default: 1945 to the data's as-of year).

    Example: alliances export dyad-year --from 1990 --to 2020 -o dyads.csv
    """
    from .atomic import atomic_write
    from .export import (
        INTERVAL_COLUMNS,
        STATE_YEAR_COLUMNS,
        Filters,
        dataset_document,
        events_rows,
        intervals_rows,
        snapshot_rows,
        state_year_rows,
        write_dyad_years,
        write_yaml,
        yaml_header,
    )
    from .model import TREATY_KINDS

    with _errors():
        if fmt is ExportFormat.yaml and kind is not ExportKind.events:
            raise UsageError("--format yaml writes the data format; use it with 'export events'")
        if on is not None and kind is not ExportKind.snapshot:
            raise UsageError("--on applies to 'export snapshot' only; use --from/--to")
        if directed and kind is not ExportKind.dyad_year:
            raise UsageError("--directed applies to 'export dyad-year' only")
        for k in treaty_kind or []:
            if k not in TREATY_KINDS:
                raise UsageError(f"--kind '{k}' is not one of {', '.join(TREATY_KINDS)}")
        ds = _load(data)
        resolver = Resolver(ds)
        first, last = _date_range(start, end)
        filters = Filters(
            treaties=frozenset(resolver.treaty(t) for t in treaty) if treaty else None,
            states=frozenset(resolver.state(s) for s in state) if state else None,
            kinds=frozenset(treaty_kind) if treaty_kind else None,
            start=first,
            end=last,
        )
        engine = Engine(ds)
        as_of_year = ds.as_of.year if ds.as_of else date.today().year
        years = filters.years(1945, as_of_year)
        if kind is ExportKind.intervals:
            rows, columns = intervals_rows(ds, engine, filters), INTERVAL_COLUMNS
        elif kind is ExportKind.events:
            rows, columns = events_rows(ds, filters), EVENT_COLUMNS
        elif kind is ExportKind.snapshot:
            period = _period(on or "today")
            _as_of_note(ds, period)
            rows, columns = snapshot_rows(ds, engine, period, filters), SNAPSHOT_COLUMNS
        elif kind is ExportKind.state_year:
            rows, columns = state_year_rows(ds, engine, filters, years), STATE_YEAR_COLUMNS
        else:  # dyad-year: its own writer, below
            rows, columns = (), []

        def write(out) -> None:
            if fmt is ExportFormat.yaml:
                header = yaml_header(shlex.quote(str(output)) if output else "FILE",
                                     by_date=first is not None or last is not None,
                                     clear_env=bool(os.environ.get(ENV_VAR)))
                write_yaml(dataset_document(ds, filters), out, header)
                return
            with _Progress() as progress:
                if kind is ExportKind.dyad_year:  # its own writer: rows rendered once per run
                    write_dyad_years(ds, engine, filters, years, fmt.value, out, directed,
                                     progress=progress.update)
                else:
                    write_rows(progress.counted(rows), columns, fmt.value, out)

        if output is None:
            with _stdout() as out:
                write(out)
            return
        with atomic_write(output) as out:
            write(out)


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
        options = Options(obligation, suspended.value, uncertain.value, three_valued, prefix)
        if fmt == "parquet" and output is None:
            raise UsageError("Parquet output is binary: give -o FILE")
        if file == "-":
            source: Any = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
            name = "<stdin>"
        else:
            source, name = file, file
        ds = _load(data)
        reported = 0

        def report(problem) -> None:
            nonlocal reported
            reported += 1
            sys.stderr.write(f"{problem}\n")

        with open_table(source, fmt, name) as table:
            table.check(columns, new_columns(len(columns) == 3, prefix))  # before any output
            engine, resolver = Engine(ds), Resolver(ds)
            if output is None:
                with _stdout() as out:
                    write_table(table, out, ds, engine, resolver, options, columns, report)
            else:
                with atomic_write(output, encoding=None if fmt == "parquet" else "utf-8") as out:
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
