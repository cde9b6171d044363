"""scripts/run_dev.py, the launcher behind ``make run``, with stand-ins for the three processes.

The launcher is started as ``make run &`` starts it from a shell without job
control: SIGINT ignored on entry.  The stand-ins write their process ids to
files and loop; none of them is Django or Celery.
"""

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import run_dev

pytestmark = [
    pytest.mark.unit,
    pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads process states in /proc"),
]

ROOT = Path(run_dev.__file__).resolve().parent.parent

# The launcher's own Stack, with the stand-in commands and grace period from argv.
DRIVER = (
    "import json, sys\n"
    "from scripts.run_dev import Stack\n"
    "sys.exit(Stack(json.loads(sys.argv[1]), grace=float(sys.argv[2])).run())\n"
)
WRITE_PID = (
    "import os, pathlib, sys, time\npathlib.Path(sys.argv[1]).write_text(str(os.getpid()))\n"
)
LOOPS = WRITE_PID + "while True:\n    time.sleep(0.05)\n"
IGNORES_TERM = "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n" + LOOPS
# Like runserver's auto-reloader: a child in the same process group, which a
# SIGTERM to the first process does not reach.
STARTS_A_CHILD = (
    "import subprocess, sys\n"
    f"subprocess.Popen([sys.executable, '-c', {LOOPS!r}, sys.argv[2]])\n" + LOOPS
)
# Exits with status 3 once the test creates the file "<pid file>.go".
EXITS = (
    WRITE_PID
    + "while not pathlib.Path(sys.argv[1] + '.go').exists():\n    time.sleep(0.05)\n"
    + "sys.exit(3)\n"
)


def running(pid: int) -> bool:
    """Whether the process exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def start_launcher(commands: dict[str, list[str]], *, grace: float = 10.0):
    """The launcher in the background, with SIGINT ignored as a non-interactive shell leaves it."""
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, json.dumps(commands), str(grace)],
        cwd=ROOT,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        stderr=subprocess.PIPE,
        text=True,
    )


def stand_ins(tmp_path, **programs) -> tuple[dict[str, list[str]], list[Path]]:
    """Commands running ``programs`` (name -> code), and the files their processes write."""
    commands, pid_files = {}, []
    for name, code in programs.items():
        files = [tmp_path / f"{name}.pid", tmp_path / f"{name}-child.pid"]
        commands[name] = [sys.executable, "-c", code, *map(str, files)]
        pid_files += files if code is STARTS_A_CHILD else files[:1]
    return commands, pid_files


def started_pids(pid_files: list[Path]) -> list[int]:
    wait_for(
        lambda: all(f.exists() and f.read_text() for f in pid_files), 30, "the stand-ins to start"
    )
    pids = [int(f.read_text()) for f in pid_files]
    assert all(running(pid) for pid in pids)
    return pids


@pytest.fixture
def launcher():
    """Start launchers; any still running at the end is killed with its stand-ins."""
    started = []

    def start(commands, **options):
        process = start_launcher(commands, **options)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"]
)
def test_a_signal_to_the_background_launcher_stops_all_three(tmp_path, launcher, signum, status):
    commands, pid_files = stand_ins(tmp_path, runserver=STARTS_A_CHILD, worker=LOOPS, beat=LOOPS)
    process = launcher(commands)
    pids = started_pids(pid_files)

    sent = time.monotonic()
    process.send_signal(signum)
    process.wait(timeout=5)

    assert time.monotonic() - sent < 5
    assert process.returncode == status
    assert [pid for pid in pids if running(pid)] == []
    assert process.stderr.read() == "Stopping runserver, worker, beat...\n"


def test_a_process_deaf_to_sigterm_is_killed_after_the_grace_period(tmp_path, launcher):
    commands, pid_files = stand_ins(tmp_path, runserver=LOOPS, worker=IGNORES_TERM, beat=LOOPS)
    process = launcher(commands, grace=1.0)
    pids = started_pids(pid_files)

    process.send_signal(signal.SIGINT)
    time.sleep(0.5)
    still_running = running(pids[1])
    process.wait(timeout=5)

    assert still_running is True
    assert process.returncode == 130
    assert [pid for pid in pids if running(pid)] == []


def test_when_one_process_exits_the_others_are_stopped_with_its_status(tmp_path, launcher):
    commands, pid_files = stand_ins(tmp_path, runserver=STARTS_A_CHILD, worker=LOOPS, beat=EXITS)
    process = launcher(commands)
    pids = started_pids(pid_files)

    (tmp_path / "beat.pid.go").touch()
    process.wait(timeout=5)

    assert process.returncode == 3
    assert [pid for pid in pids if running(pid)] == []
    assert process.stderr.read() == (
        "beat stopped by itself (exit status 3); stopping the others.\n"
        "Stopping runserver, worker, beat...\n"
    )


def test_a_port_in_use_is_refused_before_anything_starts(capsys):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]

        status = run_dev.main(["--host", "127.0.0.1", "--port", str(port)])

    assert status == 1
    assert capsys.readouterr().err == (
        f"Port {port} on 127.0.0.1 is already in use: stop that server "
        f"or run 'make run PORT={port + 1}'.\n"
    )


def test_the_django_stack_is_runserver_a_worker_and_beat():
    python = sys.executable

    assert run_dev.django_stack("127.0.0.1", 8011) == {
        "runserver": [python, "manage.py", "runserver", "127.0.0.1:8011"],
        "worker": [python, "-m", "celery", "-A", "config", "worker", "-l", "info"]
        + ["--concurrency", "2"],
        "beat": [python, "-m", "celery", "-A", "config", "beat", "-l", "info"],
    }
