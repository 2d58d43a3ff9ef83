"""The row writers (CSV, TSV, JSON, JSONL): one registry of row formats, each writer taking rows,
their columns and a text stream, so tests, standard output and `-o FILE` use the same code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import IO, Any

from .records import Frozen, set_field

__all__ = ["ROW_FORMATS", "RowFormat", "write_rows"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _write_delimited(delimiter: str) -> Callable[[Iterable, list[str], IO[str]], int]:
    def write(rows: Iterable, columns: list[str], out: IO[str]) -> int:
        import csv

        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(columns)
        count = 0
        for row in rows:
            # tuples are already in column order with cells rendered (dyad_year_tuples)
            writer.writerow(row if isinstance(row, tuple) else [_cell(row.get(c)) for c in columns])
            count += 1
        return count

    return write


def _write_jsonl(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def _write_json(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str]) -> int:
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


class RowFormat(Frozen):
    """An output format for rows: its name, its writer (rows, columns, stream -> row count) and,
    for the delimited formats, the delimiter (the dyad-year export assembles those lines itself)."""

    name: str
    write: Callable[[Iterable, list[str], IO[str]], int]
    delimiter: str | None

    __slots__ = ("name", "write", "delimiter")

    def __init__(self, name: str, write: Callable[[Iterable, list[str], IO[str]], int],
                 delimiter: str | None = None) -> None:
        set_field(self, "name", name)
        set_field(self, "write", write)
        set_field(self, "delimiter", delimiter)


# Every command that writes rows offers these (a new format is one entry plus its writer).
ROW_FORMATS: dict[str, RowFormat] = {f.name: f for f in (
    RowFormat("csv", _write_delimited(","), ","),
    RowFormat("tsv", _write_delimited("\t"), "\t"),
    RowFormat("json", _write_json),
    RowFormat("jsonl", _write_jsonl),
)}


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], fmt: str, out: IO[str]) -> int:
    """Write rows as csv, tsv, json (one array) or jsonl; return the number of rows."""
    try:
        row_format = ROW_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None
    return row_format.write(rows, columns, out)
