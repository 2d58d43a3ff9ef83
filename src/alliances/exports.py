"""The export kinds: one registry entry per kind (its columns, its rows, its own writer if it has
one, the options it takes), used by the API's `export` and the command line's `export` alike, so
a new kind is one entry plus its code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any

from .dates import Period
from .filters import Filters
from .model import Dataset
from .panels import (
    DYAD_YEAR_COLUMNS,
    STATE_YEAR_COLUMNS,
    _counted,
    dyad_year_rows,
    events_rows,
    intervals_rows,
    snapshot_rows,
    state_year_rows,
    write_dyad_years,
)
from .query import Engine
from .records import Frozen, set_field
from .rows import EVENT_COLUMNS, INTERVAL_COLUMNS, SNAPSHOT_COLUMNS
from .writers import write_rows

__all__ = ["EXPORT_KINDS", "ExportKind", "ExportRequest", "export_rows", "write_export"]

Progress = Callable[[int], None] | None


class ExportRequest(Frozen):
    """What an export needs once the API has read its options: the data, the engine, the
    filters, the panel years, the snapshot's date and whether pairs are directed."""

    dataset: Dataset
    engine: Engine
    filters: Filters
    years: range
    on: Period | None
    directed: bool

    __slots__ = ("dataset", "engine", "filters", "years", "on", "directed")

    def __init__(self, dataset: Dataset, engine: Engine, filters: Filters, years: range,
                 on: Period | None = None, directed: bool = False) -> None:
        set_field(self, "dataset", dataset)
        set_field(self, "engine", engine)
        set_field(self, "filters", filters)
        set_field(self, "years", years)
        set_field(self, "on", on)
        set_field(self, "directed", directed)


class ExportKind(Frozen):
    """An export kind: its name, columns, rows (request -> row dicts), its own writer (request,
    format, stream, progress -> row count) when it has a faster one than the generic writers, the
    options it takes beyond the filters ("on", "directed", "yaml") and a line of help."""

    name: str
    columns: list[str]
    rows: Callable[[ExportRequest], Iterator[dict[str, Any]]]
    writer: Callable[[ExportRequest, str, IO[str], Progress], int] | None
    options: frozenset[str]
    help: str

    __slots__ = ("name", "columns", "rows", "writer", "options", "help")
    _not_compared = ("columns",)

    def __init__(self, name: str, columns: list[str],
                 rows: Callable[[ExportRequest], Iterator[dict[str, Any]]],
                 writer: Callable[[ExportRequest, str, IO[str], Progress], int] | None = None,
                 options: frozenset[str] = frozenset(), help: str = "") -> None:
        set_field(self, "name", name)
        set_field(self, "columns", columns)
        set_field(self, "rows", rows)
        set_field(self, "writer", writer)
        set_field(self, "options", options)
        set_field(self, "help", help)


EXPORT_KINDS: dict[str, ExportKind] = {k.name: k for k in (
    ExportKind("intervals", INTERVAL_COLUMNS,
               lambda r: intervals_rows(r.dataset, r.engine, r.filters),
               help="one row per membership spell with one status"),
    ExportKind("events", EVENT_COLUMNS, lambda r: events_rows(r.dataset, r.filters),
               options=frozenset({"yaml"}), help="one row per dated event, as written in the data"),
    ExportKind("snapshot", SNAPSHOT_COLUMNS,
               lambda r: snapshot_rows(r.dataset, r.engine, r.on, r.filters),
               options=frozenset({"on"}), help="the members of every treaty on a date"),
    ExportKind("state-year", STATE_YEAR_COLUMNS,
               lambda r: state_year_rows(r.dataset, r.engine, r.filters, r.years),
               help="one row per state, year and treaty"),
    ExportKind("dyad-year", DYAD_YEAR_COLUMNS,
               lambda r: dyad_year_rows(r.dataset, r.engine, r.filters, r.years, r.directed),
               writer=lambda r, fmt, out, progress: write_dyad_years(
                   r.dataset, r.engine, r.filters, r.years, fmt, out, r.directed, progress),
               options=frozenset({"directed"}), help="one row per pair of states allied in a year"),
)}


def export_rows(kind: str, request: ExportRequest) -> Iterator[dict[str, Any]]:
    """The rows of an export kind, as dicts with its columns."""
    return EXPORT_KINDS[kind].rows(request)


def write_export(kind: str, request: ExportRequest, fmt: str, out: IO[str],
                 progress: Progress = None) -> int:
    """Write an export kind in a row format; return the number of rows. `progress` gets the
    running row count."""
    entry = EXPORT_KINDS[kind]
    if entry.writer is not None:
        return entry.writer(request, fmt, out, progress)
    return write_rows(_counted(entry.rows(request), progress), entry.columns, fmt, out)

