"""The export kinds: one registry entry per kind (its columns, its rows, its own writer if it has
one, the options it takes), used by the API's `export` and the command line's `export` alike, so
a new kind is one entry plus its code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any

from .dates import Period
from .dyadyear import DYAD_YEAR_COLUMNS, PanelOptions, dyad_year_rows, write_dyad_years
from .filters import Filters
from .model import Dataset
from .panels import (
    STATE_YEAR_COLUMNS,
    STATE_YEAR_PANEL_COLUMNS,
    events_rows,
    intervals_rows,
    snapshot_rows,
    state_year_panel_rows,
    state_year_rows,
)
from .query import Engine
from .records import Frozen, set_field
from .rows import EVENT_COLUMNS, INTERVAL_COLUMNS, SNAPSHOT_COLUMNS
from .writers import counted, write_rows

__all__ = ["EXPORT_KINDS", "ExportKind", "ExportRequest", "export_rows", "write_export"]

Progress = Callable[[int], None] | None


class ExportRequest(Frozen):
    """What an export needs once the API has read its options: the data, the engine (whose
    allied statuses say whether suspended members count), the filters, the panel years, the
    snapshot's date and the panel options (system, panel, directed, uncertain, coverage)."""

    dataset: Dataset
    engine: Engine
    filters: Filters
    years: range
    on: Period | None
    options: PanelOptions

    __slots__ = ("dataset", "engine", "filters", "years", "on", "options")

    def __init__(self, dataset: Dataset, engine: Engine, filters: Filters, years: range,
                 on: Period | None = None, options: PanelOptions | None = None) -> None:
        set_field(self, "dataset", dataset)
        set_field(self, "engine", engine)
        set_field(self, "filters", filters)
        set_field(self, "years", years)
        set_field(self, "on", on)
        set_field(self, "options", options or PanelOptions())


class ExportKind(Frozen):
    """An export kind: its name, columns (a function of the request: a panel has its own), rows
    (request -> row dicts), its own writer (request, format, stream, progress, booleans,
    metadata -> row count) when it has a faster one than the generic writers, the options it
    takes beyond the filters ("on", "directed", "panel", "uncertain", "yaml") and a line of help."""

    name: str
    columns: Callable[[ExportRequest], list[str]]
    rows: Callable[[ExportRequest], Iterator[dict[str, Any]]]
    writer: Callable[..., int] | None
    options: frozenset[str]
    help: str

    __slots__ = ("name", "columns", "rows", "writer", "options", "help")

    def __init__(self, name: str, columns: Callable[[ExportRequest], list[str]],
                 rows: Callable[[ExportRequest], Iterator[dict[str, Any]]],
                 writer: Callable[..., int] | None = None,
                 options: frozenset[str] = frozenset(), help: str = "") -> None:
        set_field(self, "name", name)
        set_field(self, "columns", columns)
        set_field(self, "rows", rows)
        set_field(self, "writer", writer)
        set_field(self, "options", options)
        set_field(self, "help", help)


def _state_years(r: ExportRequest) -> Iterator[dict[str, Any]]:
    if r.options.panel:
        return state_year_panel_rows(r.dataset, r.engine, r.filters, r.years, r.options)
    return state_year_rows(r.dataset, r.engine, r.filters, r.years, r.options.uncertain)


def _write_dyad_years(r: ExportRequest, fmt: str, out: IO, progress: Progress,
                      booleans: str = "numbers", metadata: dict[str, Any] | None = None) -> int:
    return write_dyad_years(r.dataset, r.engine, r.filters, r.years, fmt, out, r.options,
                            progress, booleans, metadata)


EXPORT_KINDS: dict[str, ExportKind] = {k.name: k for k in (
    ExportKind("intervals", lambda r: INTERVAL_COLUMNS,
               lambda r: intervals_rows(r.dataset, r.engine, r.filters),
               help="one row per membership spell with one status"),
    ExportKind("events", lambda r: EVENT_COLUMNS, lambda r: events_rows(r.dataset, r.filters),
               options=frozenset({"yaml"}), help="one row per dated event, as written in the data"),
    ExportKind("snapshot", lambda r: SNAPSHOT_COLUMNS,
               lambda r: snapshot_rows(r.dataset, r.engine, r.on, r.filters),
               options=frozenset({"on"}), help="the members of every treaty on a date"),
    ExportKind("state-year",
               lambda r: STATE_YEAR_PANEL_COLUMNS if r.options.panel else STATE_YEAR_COLUMNS,
               _state_years, options=frozenset({"panel", "uncertain"}),
               help="one row per state, year and treaty (--panel: per state and year)"),
    ExportKind("dyad-year", lambda r: DYAD_YEAR_COLUMNS,
               lambda r: dyad_year_rows(r.dataset, r.engine, r.filters, r.years, r.options),
               writer=_write_dyad_years, options=frozenset({"directed", "panel", "uncertain"}),
               help="one row per pair of states allied in a year (--panel: every pair)"),
)}


def export_rows(kind: str, request: ExportRequest) -> Iterator[dict[str, Any]]:
    """The rows of an export kind, as dicts with its columns."""
    return EXPORT_KINDS[kind].rows(request)


def export_columns(kind: str, request: ExportRequest) -> list[str]:
    return EXPORT_KINDS[kind].columns(request)


def write_export(kind: str, request: ExportRequest, fmt: str, out: IO, progress: Progress = None,
                 booleans: str = "numbers", metadata: dict[str, Any] | None = None) -> int:
    """Write an export kind in an output format; return the number of rows. `progress` gets the
    running row count; `metadata` goes into a Parquet file's header."""
    entry = EXPORT_KINDS[kind]
    if entry.writer is not None:
        return entry.writer(request, fmt, out, progress, booleans, metadata)
    return write_rows(counted(entry.rows(request), progress), entry.columns(request), fmt, out,
                      booleans, metadata)
