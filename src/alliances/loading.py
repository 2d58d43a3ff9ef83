"""Load data files into a Dataset: find the files, read them, check them, merge them."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from pathlib import Path

from .dates import PartialDate
from .errors import DataError, Problem
from .model import Dataset

__all__ = ["bundled_data_dir", "check", "data_files", "load", "ENV_VAR"]

ENV_VAR = "ALLIANCES_DATA"

# One path or several: load("..") is the folder above, not the paths "." and ".".
Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None


def path_list(paths: Paths) -> list[str | os.PathLike[str]]:
    """`paths` as a list: one path (a str or a Path) is a list of one, never a list of letters."""
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    if isinstance(paths, bytes):
        raise TypeError("give paths as str or pathlib.Path, not bytes")
    return list(paths)


def bundled_data_dir() -> Path:
    """The folder of the bundled data: inside the installed package, or the checkout's data/."""
    packaged = Path(__file__).with_name("data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def _read_yaml(path: Path, display: str):
    from .yamlread import compose_file  # imported here: a cached load never needs the reader

    return compose_file(path, display)


# The one table from a kind of input file to its reader: a reader turns a file into a node tree
# (yaml.nodes, with locations) and problems, and FileLoader reads the data format from the tree.
# A new input format is one entry here plus its reader. A file named explicitly with another
# suffix is read as YAML; a folder contributes the files whose suffixes are listed.
READERS = {".yaml": _read_yaml, ".yml": _read_yaml}


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in READERS and p.is_file())


def data_files(
    paths: Paths = None, *, bundled: bool = True, env: bool = True
) -> tuple[list[Path], list[Problem]]:
    """The files to load, in order: bundled, then ALLIANCES_DATA, then `paths`."""
    problems: list[Problem] = []
    files: list[Path] = []
    if bundled:
        files.extend(_yaml_files(bundled_data_dir()))
    extra: list[str | os.PathLike[str]] = []
    if env and os.environ.get(ENV_VAR):
        extra.extend(p for p in os.environ[ENV_VAR].split(os.pathsep) if p.strip())
    extra.extend(path_list(paths))
    for item in extra:
        path = Path(item).expanduser()
        if path.is_dir():
            found = _yaml_files(path)
            if not found:
                problems.append(
                    Problem(str(path), None, None, "folder holds no .yaml or .yml files",
                            "point --data at a YAML file or a folder of them")
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                Problem(str(path), None, None, "no such file or folder",
                        "check the path given with --data or ALLIANCES_DATA")
            )
    unique: list[Path] = []
    seen: set[Path] = set()
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def check(
    paths: Paths = None, *, bundled: bool = True, env: bool = True
) -> tuple[Dataset, list[Problem]]:
    """Load and validate; return the dataset (possibly partial) and every problem found."""
    return _check_files(*data_files(paths, bundled=bundled, env=env))


def _check_files(files: list[Path], found: list[Problem]) -> tuple[Dataset, list[Problem]]:
    """check() on files already listed, with the problems met while listing them."""
    # Loading builds millions of small acyclic objects; the cyclic garbage collector would scan
    # the growing heap again and again for nothing (it doubled the load time of 100k events).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(files, list(found))
    finally:
        if enabled:
            gc.enable()


def _check(files: list[Path], problems: list[Problem]) -> tuple[Dataset, list[Problem]]:
    # Imported here: a cached load never needs the YAML reader.
    from .parse import FileLoader
    from .validate import validate

    dataset = Dataset(files=tuple(str(f) for f in files))
    as_ofs: list[PartialDate] = []
    covers: list[int] = []
    if not files and not problems:
        problems.append(Problem("<data>", None, None, "no data files to load",
                                "give a YAML file or folder with --data"))
    for path in files:
        name = _display(path)
        root, read_problems = READERS.get(path.suffix, _read_yaml)(path, name)
        problems.extend(read_problems)
        if root is None:
            continue
        fl = FileLoader(name)
        fl.document(root)
        problems.extend(fl.r.problems)
        if fl.as_of is not None:
            as_ofs.append(fl.as_of)
        if fl.covers_from is not None:
            covers.append(fl.covers_from)
        for t in fl.treaties:
            _merge(dataset.treaties, t.id, t, f"treaty id '{t.id}'",
                   "rename one of them or remove the duplicate", problems)
        for s in fl.states:
            _merge(dataset.states, s.code, s, f"state {s.code}", "keep one definition", problems)
    if as_ofs:
        dataset.as_of = min(as_ofs, key=PartialDate.sort_key)
    if covers:  # files together cover from the earliest year any of them claims
        dataset.declared_from = min(covers)
    problems.extend(validate(dataset))
    return dataset, problems


def _merge(into: dict, key: str, item, what: str, fix: str, problems: list[Problem]) -> None:
    """Add a treaty or state to the merged dataset; a second definition is a problem naming both."""
    if key in into:
        problems.append(Problem.at(item.loc, f"{what} is defined twice (first at {into[key].loc})",
                                   fix))
    else:
        into[key] = item


def load(
    paths: Paths = None, *, bundled: bool = True, env: bool = True,
    cache: bool = True, notes: list[str] | None = None,
) -> Dataset:
    """Load the bundled data plus `paths` (and ALLIANCES_DATA); raise DataError on any problem.

    A validated dataset is cached (see cache.py); unchanged files load from the cache. Why the
    cache was not used (no safe folder, a folder or file not to be trusted, a damaged or stale
    file) is appended to `notes` when a list is given.
    """
    # The cyclic garbage collector is paused as in _check_files, and for the same reason, also
    # while the cache is read (its header is tens of thousands of small objects) and written
    # (encoding a dataset just built would have every collection traverse it: some 17 ms of a
    # 10k-event load).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(paths, bundled, env, cache, notes)
    finally:
        if enabled:
            gc.enable()


def _load(paths: Paths, bundled: bool, env: bool, cache: bool, notes: list[str] | None
          ) -> Dataset:
    from . import __version__
    from .cache import locate, read_cache, snapshot, write_cache

    files, problems = data_files(paths, bundled=bundled, env=env)
    folder = None
    if cache:
        folder, why = locate()
        if why is not None and notes is not None:
            notes.append(why)
    snap = None
    if folder is not None and files and not problems:
        fallback = _memo(lambda: _check_or_raise(files, problems))
        cached = read_cache(folder, files, __version__, fallback, notes)
        if cached is not None:
            return cached
        snap = snapshot(files, __version__)
    dataset = _check_or_raise(files, problems)
    if folder is not None and snap is not None:
        write_cache(folder, snap, dataset, notes)
    return dataset


def _check_or_raise(files: list[Path], found: list[Problem]) -> Dataset:
    dataset, problems = _check_files(files, found)
    if problems:
        raise DataError(problems)
    return dataset


def _memo(make):
    """Call `make` at most once."""
    box: list = []

    def get():
        if not box:
            box.append(make())
        return box[0]

    return get
