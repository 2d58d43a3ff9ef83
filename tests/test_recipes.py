"""The merge recipes of docs/export-columns.md, run as written on a COW dyad-year panel and a
stand-in for the reader's own table (every dyad of the COW system, read from states2016).

pandas and duckdb recipes run when those packages are installed; the R recipes when Rscript (and,
for the tidyverse one, dplyr and readr) is; otherwise the test is skipped and says why."""

from __future__ import annotations

import csv
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliances.cli import app

from .test_panels import _cow_system_dyads

DOC = Path(__file__).resolve().parents[1] / "docs" / "export-columns.md"
RECIPE = re.compile(r"<!-- recipe: ([\w-]+) -->\n```(\w+)\n(.*?)```", re.S)


def recipes() -> dict[str, str]:
    return {name: code for name, _, code in RECIPE.findall(DOC.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    here = tmp_path_factory.mktemp("recipes")
    command = re.search(r"```sh\n(alliances export dyad-year [^\n]*)\n```",
                        DOC.read_text(encoding="utf-8")).group(1).split()
    command = [str(here / word) if word == "dyads.csv" else word for word in command]
    result = CliRunner().invoke(app, command[1:], env={"ALLIANCES_DATA": ""})
    assert result.exit_code == 0, result.stderr
    assert (here / "dyads.csv.meta.json").exists()
    with (here / "my_dyad_years.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["year", "ccode1", "ccode2"])
        w.writerows(sorted(_cow_system_dyads(2020, 2027)))
    return here


def test_every_recipe_is_found():
    assert set(recipes()) == {"pandas", "duckdb", "r-base", "r-tidyverse"}


def _run(cmd: list[str], cwd: Path) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("name, module", [("pandas", "pandas"), ("duckdb", "duckdb")])
def test_python_recipe_runs(folder, name, module):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    out = _run([sys.executable, "-c", recipes()[name]], folder)
    assert "2020" in out and "2027" in out


def _rscript(packages: list[str]) -> str:
    """Rscript's path, or skip the test with the reason (R or one of `packages` missing)."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("R is not installed (no Rscript on PATH)")
    for package in packages:
        check = subprocess.run([rscript, "-e", f"library({package})"], capture_output=True)
        if check.returncode != 0:
            pytest.skip(f"the R package {package} is not installed")
    return rscript


@pytest.mark.parametrize("name, packages", [("r-base", []), ("r-tidyverse", ["dplyr", "readr"])])
def test_r_recipe_runs(folder, name, packages):
    rscript = _rscript(packages)
    out = _run([rscript, "-e", recipes()[name]], folder)
    assert "2020" in out and "2027" in out


def test_duckdb_reads_numbers_from_csv_and_booleans_from_parquet(tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed")
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    runner = CliRunner()
    for name in ("d.csv", "d.parquet"):
        result = runner.invoke(app, ["export", "dyad-year", "--panel", "cow", "--from", "2025",
                                     "--to", "2027", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
    csv_types = dict(duckdb.sql(f"DESCRIBE SELECT * FROM read_csv('{tmp_path / 'd.csv'}')")
                     .fetchall()[i][:2] for i in range(21))
    parquet_types = dict(duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / 'd.parquet'}'")
                         .fetchall()[i][:2] for i in range(21))
    for column in ("year", "ccode1", "ccode2", "allied", "defense", "certain"):
        assert csv_types[column] == "BIGINT", column
    assert parquet_types["allied"] == parquet_types["defense"] == "BOOLEAN"
    assert parquet_types["ccode1"] == "BIGINT" and parquet_types["treaties"] == "VARCHAR"
    nulls = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'd.parquet'}' WHERE year = 2027 "
                       "AND allied IS NOT NULL").fetchall()[0][0]
    assert nulls == 0


# What a reader of our CSV gets in R, checked in R itself: the coverage of the bundled data ends
# with its as-of year (2026), so 2027 is NA, not 0; the panel's keys are unique, so a merge
# keeps every row of the reader's table; 0/1 columns are numbers (base R: integer; readr reads
# every number as a double unless told otherwise).
R_TYPES = {
    "r-base": """
dyads <- read.csv("dyads.csv", na.strings = "")
mine <- read.csv("my_dyad_years.csv")
for (col in c("allied", "defense", "offense", "neutral", "nonagg", "consul", "certain"))
  stopifnot(is.integer(dyads[[col]]))
stopifnot(all(is.na(dyads$allied[dyads$year == 2027])))
stopifnot(all(dyads$allied[dyads$year <= 2026] %in% c(0L, 1L)))
stopifnot(any(dyads$allied == 1L, na.rm = TRUE))
panel <- merge(mine, dyads, by = c("ccode1", "ccode2", "year"), all.x = TRUE)
stopifnot(nrow(panel) == nrow(mine), !anyDuplicated(panel[c("ccode1", "ccode2", "year")]))
cat("ok\\n")
""",
    "r-tidyverse": """
suppressMessages({library(dplyr); library(readr)})
dyads <- read_csv("dyads.csv", show_col_types = FALSE)
mine <- read_csv("my_dyad_years.csv", show_col_types = FALSE)
stopifnot(is.numeric(dyads$allied), is.numeric(dyads$defense))
stopifnot(all(is.na(filter(dyads, year == 2027)$allied)))
stopifnot(all(filter(dyads, year <= 2026)$allied %in% c(0, 1)))
panel <- left_join(mine, dyads, by = c("ccode1", "ccode2", "year"), relationship = "many-to-one")
stopifnot(nrow(panel) == nrow(mine), nrow(distinct(panel, ccode1, ccode2, year)) == nrow(mine))
cat("ok\\n")
""",
}


@pytest.mark.parametrize("name, packages", [("r-base", []), ("r-tidyverse", ["dplyr", "readr"])])
def test_r_reads_numbers_na_outside_coverage_and_merges_without_duplicates(folder, name, packages):
    rscript = _rscript(packages)
    assert _run([rscript, "-e", R_TYPES[name]], folder).strip() == "ok"
