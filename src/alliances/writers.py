"""The row writers: one registry of output formats (CSV, TSV, JSON, JSONL, Parquet), each writer
taking rows, their columns and a stream, so tests, standard output and `-o FILE` use the same
code; and the reading of an output file's name (`dyads.csv.gz`: CSV, gzipped).

CSV and TSV write booleans as 1/0 by default (`booleans="words"`: true/false), the coding base R's
read.csv, Stata and SPSS read as numbers; JSON and Parquet keep their own boolean type.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from .errors import OutputError, UsageError
from .records import Frozen, set_field

__all__ = ["BOOLEANS", "ROW_FORMATS", "RowFormat", "cell_renderer", "cell_words", "output_format",
           "write_rows"]

BOOLEANS = ("numbers", "words")
_CELLS = {"numbers": {True: "1", False: "0"}, "words": {True: "true", False: "false"}}


def cell_renderer(booleans: str = "numbers") -> Callable[[Any], str]:
    """How a CSV/TSV cell is written: None as empty, booleans as 1/0 (or true/false)."""
    if booleans not in _CELLS:
        raise UsageError(f"booleans '{booleans}' is not one of {', '.join(BOOLEANS)}")
    words = _CELLS[booleans]
    true, false = words[True], words[False]

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if value is True:
            return true
        if value is False:
            return false
        return str(value)

    return cell


def cell_words(booleans: str = "numbers") -> dict[Any, str]:
    """The cells cell_renderer writes for None, True and False, as a mapping, for writers that
    render cells inline: `words[v] if v is None or v.__class__ is bool else str(v)`."""
    cell = cell_renderer(booleans)
    return {v: cell(v) for v in (None, True, False)}


_cell = cell_renderer("numbers")


def _write_delimited(delimiter: str):
    def write(rows: Iterable, columns: list[str], out: IO[str], booleans: str = "numbers",
              metadata: dict[str, Any] | None = None) -> int:
        import csv

        cell = cell_renderer(booleans)
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(columns)
        count = 0
        for row in rows:
            # tuples are already in column order with cells rendered (dyad_year_tuples)
            writer.writerow(row if isinstance(row, tuple) else [cell(row.get(c)) for c in columns])
            count += 1
        return count

    return write


def _write_jsonl(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str],
                 booleans: str = "numbers", metadata: dict[str, Any] | None = None) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def _write_json(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str],
                booleans: str = "numbers", metadata: dict[str, Any] | None = None) -> int:
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _arrow_column(values: list[Any]):
    """A Parquet column of the values' own type: integers, booleans, floats, else text."""
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return pa.array(values, pa.bool_())
    if kinds and kinds <= {int}:
        return pa.array(values, pa.int64())
    if kinds and kinds <= {int, float}:
        return pa.array(values, pa.float64())
    text = cell_renderer("words")
    return pa.array([None if v is None else text(v) for v in values], pa.string())


def _write_parquet(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[bytes],
                   booleans: str = "numbers", metadata: dict[str, Any] | None = None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise OutputError("writing Parquet needs pyarrow: pip install 'alliances[parquet]'") from None
    data: dict[str, list[Any]] = {c: [] for c in columns}
    count = 0
    for row in rows:
        for c in columns:
            data[c].append(row.get(c))
        count += 1
    table = pa.table({c: _arrow_column(v) for c, v in data.items()})
    if metadata:
        table = table.replace_schema_metadata({"alliances": json.dumps(metadata, ensure_ascii=False)})
    pq.write_table(table, out)
    return count


class RowFormat(Frozen):
    """An output format for rows: its name, its writer (rows, columns, stream, booleans, metadata
    -> row count), the delimiter of a delimited text format (the dyad-year export assembles those
    lines itself), whether it writes bytes, and whether `.gz` may follow its suffix."""

    name: str
    write: Callable[..., int]
    delimiter: str | None
    binary: bool

    __slots__ = ("name", "write", "delimiter", "binary")

    def __init__(self, name: str, write: Callable[..., int], delimiter: str | None = None,
                 binary: bool = False) -> None:
        set_field(self, "name", name)
        set_field(self, "write", write)
        set_field(self, "delimiter", delimiter)
        set_field(self, "binary", binary)


# Every command that writes rows offers these (a new format is one entry plus its writer).
ROW_FORMATS: dict[str, RowFormat] = {f.name: f for f in (
    RowFormat("csv", _write_delimited(","), ","),
    RowFormat("tsv", _write_delimited("\t"), "\t"),
    RowFormat("json", _write_json),
    RowFormat("jsonl", _write_jsonl),
)}
# Formats only files take (the query commands print rows; a Parquet file is for an export).
FILE_FORMATS: dict[str, RowFormat] = {**ROW_FORMATS, "parquet": RowFormat("parquet", _write_parquet,
                                                                           binary=True)}


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], fmt: str, out: IO,
               booleans: str = "numbers", metadata: dict[str, Any] | None = None) -> int:
    """Write rows as csv, tsv, json (one array), jsonl or parquet (`out` then a binary stream);
    return the number of rows."""
    try:
        row_format = FILE_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None
    return row_format.write(rows, columns, out, booleans, metadata)


def counted(rows: Iterable, progress: Callable[[int], None] | None) -> Iterator:
    """The rows, telling `progress` the running count every thousand rows and at the end."""
    if progress is None:
        yield from rows
        return
    count = 0
    for count, row in enumerate(rows, 1):
        yield row
        if count % 1000 == 0:
            progress(count)
    progress(count)


# -- output files -------------------------------------------------------------------------------
SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl",
            ".ndjson": "jsonl", ".parquet": "parquet", ".yaml": "yaml", ".yml": "yaml"}


def output_format(path: str | os.PathLike[str] | None, flag: str | None, default: str = "csv"
                  ) -> tuple[str, bool]:
    """The format and compression of an output: (format, gzip), from `--format` and the file's
    suffix (`dyads.csv.gz`: csv, gzipped; `dyads.parquet`: parquet). A suffix the tool does not
    know, a suffix that contradicts --format, or `.gz` after a binary format is a UsageError, so
    that `-o dyads.parquet` never silently writes CSV."""
    if path is None:
        return flag or default, False
    name = os.path.basename(os.fspath(path))
    compressed = name.lower().endswith(".gz")
    stem = name[:-3] if compressed else name
    dot = stem.rfind(".")
    suffix = stem[dot:].lower() if dot > 0 else ""
    known = ", ".join(sorted(SUFFIXES))
    if suffix and suffix not in SUFFIXES:
        raise UsageError(f"cannot tell the format of {name}: '{suffix}' is not a suffix the tool "
                         f"writes ({known}, each text one optionally followed by .gz); name the "
                         "file with one of them or give --format with a name without a suffix")
    by_suffix = SUFFIXES.get(suffix)
    if flag is not None and by_suffix is not None and flag != by_suffix:
        raise UsageError(f"--format {flag} contradicts the file name {name} ({by_suffix}); "
                         "give one or make them agree")
    fmt = by_suffix or flag or default
    if compressed and fmt in FILE_FORMATS and FILE_FORMATS[fmt].binary:
        raise UsageError(f"{name}: {fmt} is compressed already; drop the .gz")
    return fmt, compressed


@contextmanager
def text_layer(raw: IO[bytes], compressed: bool) -> Iterator[IO[str]]:
    """A UTF-8 text stream over a binary one, gzipped when `compressed` (with no time stamp in
    the gzip header, so the same export gives the same bytes); `raw` stays open."""
    gz = None
    if compressed:
        import gzip  # here: most outputs are not compressed

        gz = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
    text = io.TextIOWrapper(gz if gz is not None else raw, encoding="utf-8", newline="",
                            write_through=False)
    try:
        yield text
        text.flush()
    finally:
        text.detach()
        if gz is not None:
            gz.close()
