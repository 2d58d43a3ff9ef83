"""The built wheel ships what the installed tool reads at run time: the bundled data (every file
of data/, under alliances/data), the state-system lists (systems/*.csv), the data format's
schema and the py.typed marker. Built offline with the build backend of pyproject.toml
(hatchling) already installed; skipped, with the reason, where it is not."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "alliances"


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    if not (ROOT / "pyproject.toml").exists() or not PACKAGE.is_dir():
        pytest.skip("not a source checkout (no pyproject.toml or src/alliances)")
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("the build backend hatchling (pyproject.toml's build-system) is not installed, "
                    "and building in isolation would need the network: pip install hatchling")
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = out.glob("alliances-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_the_wheel_ships_the_bundled_data(wheel_names):
    expected = {f"alliances/data/{p.name}" for p in (ROOT / "data").iterdir() if p.is_file()}
    assert "alliances/data/states.yaml" in expected and "alliances/data/LICENSE" in expected
    assert expected <= wheel_names, sorted(expected - wheel_names)


def test_the_wheel_ships_the_state_systems_schema_and_type_marker(wheel_names):
    systems = {f"alliances/systems/{p.name}" for p in (PACKAGE / "systems").glob("*.csv")}
    assert {"alliances/systems/cow-states-2016.csv", "alliances/systems/gw-states-2017.csv"} <= systems
    assert systems <= wheel_names, sorted(systems - wheel_names)
    assert {"alliances/data.schema.json", "alliances/py.typed"} <= wheel_names


def test_the_wheel_ships_every_module_and_no_tests(wheel_names):
    modules = {f"alliances/{p.name}" for p in PACKAGE.glob("*.py")}
    assert modules <= wheel_names, sorted(modules - wheel_names)
    assert not any(name.startswith("tests/") for name in wheel_names)
