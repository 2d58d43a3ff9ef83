"""The console-script entry point: the CLI's behaviour, with the GC handled around it."""

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alliances import cli, entry

SRC = str(Path(__file__).parents[1] / "src")


@pytest.fixture
def restore_gc():
    yield
    gc.unfreeze()
    gc.enable()


def test_the_command_runs_with_the_collector_on_and_its_exit_code_passes_through(
        monkeypatch, restore_gc):
    seen = []

    def command():
        seen.append(gc.isenabled())
        sys.exit(2)

    monkeypatch.setattr(cli, "main", command)
    with pytest.raises(SystemExit) as exited:
        entry.main()
    assert exited.value.code == 2
    assert seen == [True]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what the imports created is left out of collections


def test_a_collector_turned_off_by_the_caller_stays_off(monkeypatch, restore_gc):
    monkeypatch.setattr(cli, "main", lambda: None)
    gc.disable()
    entry.main()
    assert not gc.isenabled()


def test_python_m_alliances_answers_and_fails_as_before():
    ok = subprocess.run([sys.executable, "-m", "alliances", "allies", "Armenia", "Belarus",
                         "--on", "2020-10-01"], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("Yes: Armenia and Belarus")
    bad = subprocess.run([sys.executable, "-m", "alliances", "members", "NATO", "--on",
                          "2020-13-01"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "2020-13-01" in bad.stderr


INTERRUPTED_IMPORT = """
import os, signal, sys

class CtrlCWhileImporting:  # Ctrl-C pressed while typer is being imported
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlCWhileImporting())
sys.argv = ["alliances", "states"]
from alliances.entry import main
main()
"""


def test_ctrl_c_during_start_up_exits_130_without_a_traceback():
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_IMPORT], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": SRC})
    assert done.returncode == 130
    assert done.stderr.strip() == "" and done.stdout == ""


def test_loading_runs_with_the_collector_paused_and_leaves_it_as_it_was(monkeypatch, tmp_path,
                                                                         restore_gc):
    from alliances import cache, loading

    from .conftest import FIXTURES

    seen = []
    write = cache.write_cache

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return write(*args, **kwargs)

    monkeypatch.setattr(cache, "write_cache", watched)
    monkeypatch.setenv("ALLIANCES_CACHE", str(tmp_path / "cache"))
    files = [FIXTURES / "states.yaml", FIXTURES / "mini.yaml"]
    gc.enable()
    loading.load(files, bundled=False, env=False)
    assert seen == [False] and gc.isenabled()  # paused while the cache was written
    gc.disable()
    loading.load(files, bundled=False, env=False)  # from the cache
    assert not gc.isenabled()


def test_only_the_console_script_freezes_the_loaded_dataset(monkeypatch, restore_gc):
    from typer.testing import CliRunner

    monkeypatch.setattr(cli, "_process", {"whole": False})
    gc.unfreeze()
    result = CliRunner().invoke(cli.app, ["members", "NATO", "--on", "2020-01-01"])
    assert result.exit_code == 0 and "Belgium" in result.output
    assert gc.get_freeze_count() == 0  # a process that goes on can still free it
    code = ("import gc, sys\nfrom alliances import cli\n"
            "sys.argv = ['alliances', '-q', 'members', 'NATO', '--on', '2020-01-01']\n"
            "gc.unfreeze()\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            "print(gc.get_freeze_count() > 10000, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": SRC, "ALLIANCES_NO_CACHE": "1"})
    assert done.stderr.strip() == "True"
