"""Output files: replaced whole when they are regular files, written in place when they are not
(FIFOs, devices, file descriptors), symlinks followed, read-only files refused, signals and I/O
errors cleaned up and reported in one line.

No test here writes to a real device under /dev unless atomic.plan() first says it will be
written in place: a broken writer run as root would otherwise replace the machine's /dev/null.
"""

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliances.atomic import atomic_write, plan
from alliances.cli import app
from alliances.errors import OutputError

from .conftest import FIXTURES

runner = CliRunner()
DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]
SRC = str(Path(__file__).parents[1] / "src")
HEADER = "treaty,state,iso2,cow,state_name,date,precision,event,effective,towards,note,source\n"


def _env():
    return {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_fifo_is_written_to_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    with atomic_write(fifo) as out:
        out.write("through the pipe\n")
    reader.join(timeout=30)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


def test_a_character_device_is_written_to_and_stays_a_device(tmp_path):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device, as /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    with atomic_write(node) as out:
        out.write("into nothing\n")
    assert stat.S_ISCHR(os.lstat(node).st_mode) and _leftovers(tmp_path) == []


def test_dev_null_itself_stays_a_character_device():
    assert plan("/dev/null") == ("direct", "/dev/null")  # never reached if it would be replaced
    with atomic_write("/dev/null") as out:
        out.write("into nothing\n")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_full_device_is_a_one_line_error(tmp_path):
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full: every write fails
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = runner.invoke(app, [*DATA, "export", "events", "-o", str(node)])
    assert result.exit_code == 1
    assert result.stderr == f"alliances: cannot write {node}: No space left on device\n"
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_symlink_stays_a_link_and_its_target_gets_the_content(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.csv"
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(Path("real") / "out.csv")
    assert runner.invoke(app, [*DATA, "export", "events", "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "out.csv")
    assert target.read_text().startswith(HEADER)
    assert _leftovers(tmp_path) == [] and _leftovers(tmp_path / "real") == []


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to("new.csv")
    with atomic_write(link) as out:
        out.write("made\n")
    assert link.is_symlink() and (tmp_path / "new.csv").read_text() == "made\n"


def test_a_read_only_file_is_refused_and_left_alone(tmp_path):
    # Root may write any file, so the check is on the mode bits too: a file made read-only for
    # everyone is refused even for root (tests run as root in CI containers).
    target = tmp_path / "keep.csv"
    target.write_text("precious\n")
    target.chmod(0o444)
    result = runner.invoke(app, [*DATA, "export", "events", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == (f"alliances: cannot write {target}: the file is read-only; make it "
                             "writable (chmod u+w) or choose another file\n")
    assert target.read_text() == "precious\n" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert _leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    with atomic_write(target) as out:
        out.write("new\n")
    assert target.read_text() == "new\n" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_missing_folder_or_a_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, [*DATA, "export", "events", "-o", str(tmp_path / "no" / "x.csv")])
    assert result.exit_code == 1
    assert result.stderr == (f"alliances: cannot write {tmp_path / 'no' / 'x.csv'}: the folder "
                             f"{tmp_path / 'no'} does not exist\n")
    result = runner.invoke(app, [*DATA, "export", "events", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"alliances: cannot write {tmp_path}: it is a folder; give a file name\n"


def test_a_full_disk_is_a_one_line_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old complete content\n")

    def fails(rows, columns, fmt, out, *options):
        out.write("half a row")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    import alliances.exports

    monkeypatch.setattr(alliances.exports, "write_rows", fails)
    result = runner.invoke(app, [*DATA, "export", "events", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"alliances: cannot write {target}: No space left on device\n"
    assert target.read_text() == "old complete content\n" and _leftovers(tmp_path) == []


def test_an_io_error_in_the_library_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match=r"cannot write .*out\.csv: Input/output error$"), \
            atomic_write(tmp_path / "out.csv") as out:
        out.write("x")
        raise OSError(errno.EIO, os.strerror(errno.EIO))
    assert list(tmp_path.iterdir()) == []


def test_the_svg_of_a_timeline_goes_through_the_same_writer(tmp_path):
    target = tmp_path / "t.svg"
    target.write_text("old")
    target.chmod(0o444)
    result = runner.invoke(app, [*DATA, "timeline", "beta", "--svg", str(target)])
    assert result.exit_code == 1 and "the file is read-only" in result.stderr
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    assert runner.invoke(app, [*DATA, "timeline", "beta", "--html", str(fifo)]).exit_code == 0
    reader.join(timeout=30)
    assert received[0].lstrip().startswith("<!DOCTYPE html>") and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_file_descriptor_name_is_written_in_place(tmp_path):
    # A link to /proc/self/fd/1 stands for /dev/stdout without risking the real /dev/stdout.
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    if not os.path.exists("/proc/self/fd/1"):
        pytest.skip("no /proc")
    log = tmp_path / "log"
    log.write_text("earlier line\n")
    cmd = [sys.executable, "-m", "alliances", *DATA, "export", "events", "-s", "DDD", "-o", str(link)]
    with log.open("ab") as out:  # `>> log`: the export is appended, the log kept
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=_env())
    assert done.returncode == 0, done.stderr
    assert log.read_text().startswith("earlier line\n" + HEADER)
    assert link.is_symlink() and _leftovers(tmp_path) == []
    piped = subprocess.run(cmd, capture_output=True, env=_env())  # stdout a pipe: a FIFO
    assert piped.returncode == 0 and piped.stdout.decode().startswith(HEADER)


def test_a_process_substitution_is_written_in_place(tmp_path):
    read_end, write_end = os.pipe()
    cmd = [sys.executable, "-m", "alliances", *DATA, "export", "events", "-s", "DDD",
           "-o", f"/dev/fd/{write_end}"]
    with subprocess.Popen(cmd, pass_fds=[write_end], env=_env()) as proc:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            received = pipe.read()
    assert proc.returncode == 0
    assert received.decode().startswith(HEADER)


SLOW_EXPORT = """
import sys, time
import alliances.cli as cli
import alliances.exports

def slow(rows, columns, fmt, out, *options):
    out.write("half a row")
    print("writing", flush=True)
    time.sleep(120)

alliances.exports.write_rows = slow
sys.argv = ["alliances", *sys.argv[1:]]
cli.main()
"""


@pytest.mark.parametrize("signo", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_export_leaves_no_temporary_file(tmp_path, signo):
    target = tmp_path / "out.csv"
    target.write_text("old complete content\n")
    with subprocess.Popen([sys.executable, "-c", SLOW_EXPORT, *DATA, "export", "events",
                           "-o", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=_env()) as proc:
        assert proc.stdout is not None and proc.stdout.readline() == b"writing\n"
        assert len(_leftovers(tmp_path)) == 1  # the export is under way
        proc.send_signal(signo)
        assert proc.wait(timeout=60) == -signo  # ended by the signal, as without the writer
        assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()
    assert _leftovers(tmp_path) == [] and target.read_text() == "old complete content\n"


def test_signal_handlers_are_restored_and_an_ignored_signal_stays_ignored(tmp_path):
    def mine(signo, frame):
        pass

    old_term = signal.signal(signal.SIGTERM, mine)
    old_hup = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        with atomic_write(tmp_path / "x") as out:
            assert signal.getsignal(signal.SIGTERM) is not mine  # ours, while writing
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            out.write("x")
        assert signal.getsignal(signal.SIGTERM) is mine
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGHUP, old_hup)


def test_a_replaced_file_keeps_its_owner_when_root_replaces_it(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root may give a file to another user")
    target = tmp_path / "theirs.csv"
    target.write_text("old\n")
    os.chown(target, 12345, 12346)
    with atomic_write(target) as out:
        out.write("new\n")
    assert (target.stat().st_uid, target.stat().st_gid) == (12345, 12346)


def test_a_folder_that_cannot_take_the_new_file_is_named(tmp_path, monkeypatch):
    # Root may write into any folder, so the refusal a user would meet is simulated.
    from alliances import atomic

    def refused(**kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    target = tmp_path / "out.csv"
    target.write_text("old\n")
    monkeypatch.setattr(atomic.tempfile, "mkstemp", refused)
    with pytest.raises(OutputError) as error:
        with atomic_write(target) as out:
            out.write("new\n")
    assert str(error.value) == (f"cannot write {target}: Permission denied (the file is replaced "
                                f"by a new one, which needs write access to the folder {tmp_path})")
    assert target.read_text() == "old\n"
