"""The command line: parse arguments, call the library, render tables, CSV or JSON."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .dates import DateError, PartialDate, Period, parse_date, parse_period
from .errors import AlliancesError, DataError, UnknownName, UsageError
from .export import (
    ALLY_COLUMNS,
    EVENT_COLUMNS,
    SNAPSHOT_COLUMNS,
    TREATY_COLUMNS,
    ally_rows,
    event_row,
    standing_row,
    treaty_row,
    write_rows,
)
from .load import check, load
from .model import OBLIGATIONS, Dataset
from .names import Resolver
from .query import Engine, link_allied

EXIT_DATA = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="alliances",
    help="Who was in which alliance, in what status, on any date; and who was allied with whom.",
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


_global = _State()

DataOpt = Annotated[
    list[Path] | None,
    typer.Option("--data", "-d", help="Extra YAML file or folder (repeatable); adds to the bundled "
                 "data and ALLIANCES_DATA.", show_default=False),
]
OnOpt = Annotated[
    str, typer.Option("--on", help="Date: YYYY-MM-DD, YYYY-MM, YYYY or 'today'.")
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
    sys.stderr.write(f"alliances: {message}\n")


def _note(message: str) -> None:
    if not _global.quiet:
        sys.stderr.write(f"note: {message}\n")


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
    return load([*_global.data, *(data or [])], bundled=not _global.no_bundled)


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

    return Console(stderr=stderr, soft_wrap=False)


def _emit(fmt: Format, rows: list[dict[str, Any]], columns: list[str],
          table: Callable[[], None]) -> None:
    if fmt is Format.table:
        table()
    else:
        write_rows(rows, columns, fmt.value, sys.stdout)


def _obligations(values: list[str] | None) -> list[str]:
    if not values:
        return ["defence"]
    out: list[str] = []
    for v in values:
        v = v.lower().replace("defense", "defence").replace("offense", "offence")
        if v == "any":
            return list(OBLIGATIONS)
        if v not in OBLIGATIONS:
            raise UsageError(f"--obligation '{v}' is not one of {', '.join(OBLIGATIONS)}, any")
        out.append(v)
    return out


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
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and the data's as-of date.")] = False,
) -> None:
    """Who was in which alliance, in what status, on any date; and who was allied with whom.

    Example: alliances allies Armenia Belarus --on 2020-10-01
    """
    _global.data = list(data or [])
    _global.no_bundled = no_bundled
    _global.quiet = quiet


# -- commands ---------------------------------------------------------------------------------
@app.command()
def members(
    treaty: Annotated[str, typer.Argument(help="Treaty id or name: nato, CSTO, 'Warsaw Pact'...")],
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
        rows = [{"name": ds.states[s.state].name if s.state in ds.states else None,
                 **standing_row(ds, s, period)} for s in standings]
        columns = ["state", "name", *[c for c in SNAPSHOT_COLUMNS if c != "state"]]

        def table() -> None:
            from .render import render_members

            render_members(_console(), ds, ts, period, standings, fallback)

        _emit(fmt, rows, columns, table)


@app.command()
def memberships(
    state: Annotated[str, typer.Argument(help="State: name, ISO code or COW number.")],
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
        rows = [{"name": ds.treaties[s.treaty].name, **standing_row(ds, s, period)}
                for s in standings]
        columns = ["treaty", "name", *[c for c in SNAPSHOT_COLUMNS if c != "treaty"]]

        def table() -> None:
            from .render import render_memberships

            render_memberships(_console(), ds, code, period, standings)

        _emit(fmt, rows, columns, table)


@app.command()
def allies(
    state: Annotated[str, typer.Argument(help="A state.")],
    other: Annotated[str | None, typer.Argument(help="A second state (optional).")] = None,
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
            allied = link_allied(links)
            payload = {
                "on": str(period),
                "state1": a,
                "state2": b,
                "obligations": obligations,
                "allied": allied,
                "via": [lk.treaty for lk in links
                        if lk.counts or (allied == "uncertain" and lk.presence == "uncertain")],
                "links": list(ally_rows(ds, a, {b: links}, period)),
            }
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
            return

        def table() -> None:
            from .render import render_allies_pair

            render_allies_pair(_console(), ds, a, b, period, links, obligations)

        _emit(fmt, list(ally_rows(ds, a, {b: links}, period)), ALLY_COLUMNS, table)


@app.command()
def history(
    name: Annotated[str, typer.Argument(help="A state or a treaty.")],
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
        first = _date_opt("--from", start)
        last = _date_opt("--to", end)
        resolver = Resolver(ds)
        try:
            tid: str | None = resolver.treaty(name)
            code = None
        except UnknownName as treaty_error:
            tid = None
            try:
                code = resolver.state(name)
            except UnknownName as state_error:
                raise UnknownName("state or treaty", name,
                                  [*treaty_error.suggestions, *state_error.suggestions][:5]) from None
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
        return parse_date(text)
    except DateError as exc:
        raise UsageError(f"{option}: {exc}") from None


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
            selected = [t for t in selected
                        if engine.treaty_phase(t, period).phase == "in_force"
                        or (t.in_force is None and engine.treaty_phase(t, period).phase == "signed")]
            title = f"{len(selected)} treaties in force on {period}"
        rows = [treaty_row(ds, t) for t in sorted(selected, key=lambda t: t.signed.sort_key())]

        def table() -> None:
            from .render import render_treaties

            render_treaties(_console(), rows, title)

        _emit(fmt, rows, TREATY_COLUMNS, table)


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
    if fmt is Format.json:
        sys.stdout.write(json.dumps([
            {"file": p.file, "line": p.line, "col": p.col, "problem": p.what, "fix": p.fix}
            for p in problems], ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        write_rows(({"file": p.file, "line": p.line, "col": p.col, "problem": p.what, "fix": p.fix}
                    for p in problems), ["file", "line", "col", "problem", "fix"], "csv", sys.stdout)
    else:
        for p in problems:
            sys.stdout.write(f"{p}\n")
    if problems:
        _err(f"{len(problems)} problem(s) in {len(ds.files)} file(s)")
        raise typer.Exit(EXIT_DATA)
    summary = (f"ok: {len(ds.files)} files, {len(ds.treaties)} treaties, {len(ds.states)} states, "
               f"{ds.event_count()} events")
    if fmt is Format.table:
        sys.stdout.write(summary + "\n")
    else:
        _note(summary)


def main() -> None:
    """Console-script entry point."""
    # Let `alliances ... | head` end quietly, as csvkit does: die by SIGPIPE, no traceback.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)


__all__ = ["app", "main"]
