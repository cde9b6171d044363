"""The development stack behind ``make run``: Django's runserver, a Celery worker and Celery beat.

``make run`` applies the migrations and loads the demo, then runs this with the
virtualenv's Python.  What it guarantees:

* Ctrl-C, and SIGINT, SIGTERM or SIGHUP sent to this process, stop all three.
  That holds also when it was started with SIGINT ignored, as a shell without
  job control starts a background command (``make run &`` in a script):
  installing a handler replaces the inherited "ignore", which a bash script
  cannot do.  ``make`` itself passes SIGTERM on to this process.
* When one of the three exits by itself, the other two are stopped and its exit
  status becomes this process's.  After a signal the status is 128 + its number.
* Each process runs in a session, hence a process group, of its own: the
  terminal's Ctrl-C reaches only ``make`` and this process, and stopping a
  process stops what it started (the worker's pool, runserver's reloader child).
  Stopping sends SIGTERM to each of the three (the worker finishes the task in
  hand), SIGTERM to a group whose first process has gone, and SIGKILL to
  whatever is left after ``GRACE_SECONDS`` or at a second signal.
* On Linux this process adopts the orphans of its groups (a child subreaper)
  and reaps them at once: a group counts as stopped only when it is empty, and
  process 1 reaps late or not at all in some containers.
"""

import argparse
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRACE_SECONDS = 15.0
KILL_WAIT_SECONDS = 5.0
POLL_SECONDS = 0.1
START_TIMEOUT_SECONDS = 60.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>


def become_subreaper() -> None:
    """Adopt orphaned descendants (Linux); elsewhere the system's process 1 reaps them."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1)


def exit_status(code: int) -> int:
    """A shell's exit status for a child's return code (negative: killed by that signal)."""
    return 128 - code if code < 0 else code


class Stack:
    """Processes started together, each in a session of its own, and stopped together."""

    def __init__(self, commands: dict[str, list[str]], *, grace: float = GRACE_SECONDS):
        self.commands = commands
        self.grace = grace
        self.processes: dict[int, subprocess.Popen] = {}  # by pid, also its process group id
        self.names: dict[int, str] = {}
        self.exit_codes: dict[str, int] = {}  # of the ones that have exited, in that order
        self.signals: list[int] = []

    def _on_signal(self, signum, _frame) -> None:
        self.signals.append(signum)

    def start(self) -> None:
        for signum in STOP_SIGNALS:
            signal.signal(signum, self._on_signal)
        become_subreaper()
        for name, argv in self.commands.items():
            process = subprocess.Popen(  # noqa: S603 - the launcher's own fixed commands
                argv, cwd=ROOT, stdin=subprocess.DEVNULL, start_new_session=True
            )
            self.processes[process.pid] = process
            self.names[process.pid] = name

    def reap(self) -> None:
        """Collect every child that has ended: the three, and adopted orphans."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.processes:
                # Reaped here rather than by Popen, which would miss the orphans.
                code = os.waitstatus_to_exitcode(status)
                self.processes[pid].returncode = code
                self.exit_codes[self.names[pid]] = code

    def ended(self) -> tuple[str, int] | None:
        """The first of the three found to have exited, with its return code."""
        self.reap()
        return next(iter(self.exit_codes.items()), None)

    def live_groups(self) -> list[int]:
        self.reap()
        alive = []
        for pgid in self.processes:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                continue
            alive.append(pgid)
        return alive

    def supervise(self, ready=None, on_ready=None) -> int:
        """Run until a signal arrives or one of the three exits; the exit status to return.

        ``ready()`` is polled until it is true, then ``on_ready()`` is called once.
        """
        waiting = ready is not None
        started = time.monotonic()
        while True:
            if self.signals:
                return 128 + self.signals[0]
            ended = self.ended()
            if ended:
                name, code = ended
                when = "during start-up" if waiting else "by itself"
                print(
                    f"{name} stopped {when} (exit status {exit_status(code)}); "
                    "stopping the others.",
                    file=sys.stderr,
                )
                return exit_status(code)
            if waiting and ready():
                waiting = False
                if on_ready:
                    on_ready()
            elif waiting and time.monotonic() - started > START_TIMEOUT_SECONDS:
                print(f"Not ready after {START_TIMEOUT_SECONDS:.0f} s; stopping.", file=sys.stderr)
                return 1
            time.sleep(POLL_SECONDS)

    def stop(self) -> None:
        """TERM; after the grace period, or at a second signal, KILL whatever is left."""
        if not self.live_groups():
            return
        print(f"Stopping {', '.join(self.names.values())}...", file=sys.stderr)
        signals_before = len(self.signals)
        for pid, process in self.processes.items():
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        terminated_groups = set()
        deadline = time.monotonic() + self.grace
        while time.monotonic() < deadline and len(self.signals) == signals_before:
            alive = self.live_groups()
            if not alive:
                return
            for pgid in alive:
                if self.processes[pgid].returncode is not None and pgid not in terminated_groups:
                    # The first process went and left others behind (runserver's reloader child).
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(pgid, signal.SIGTERM)
                    terminated_groups.add(pgid)
            time.sleep(POLL_SECONDS)
        for pgid in self.live_groups():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)
        deadline = time.monotonic() + KILL_WAIT_SECONDS
        while self.live_groups() and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)

    def run(self, ready=None, on_ready=None) -> int:
        self.start()
        try:
            return self.supervise(ready, on_ready)
        finally:
            self.stop()


def port_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def django_stack(host: str, port: int) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "runserver": [python, "manage.py", "runserver", f"{host}:{port}"],
        "worker": [python, "-m", "celery", "-A", "config", "worker", "-l", "info"]
        + ["--concurrency", "2"],
        "beat": [python, "-m", "celery", "-A", "config", "beat", "-l", "info"],
    }


def banner(site_url: str) -> str:
    return f"""
============================================================
 Portal: {site_url}/        Admin: {site_url}/admin/
 Demo accounts (password demo12345, development only):
   admin     superuser
   staff     provincial emulation staff (Ban Thi đua – Khen thưởng)
   officer1  unit officer, Sở Y tế
   officer2  unit officer, Công an tỉnh
   council   council member (Hội đồng Thi đua – Khen thưởng)
 Celery worker and beat are running. Ctrl-C stops everything.
============================================================
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Django's runserver, a Celery worker and beat.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    if port_answers(args.host, args.port):
        print(
            f"Port {args.port} on {args.host} is already in use: stop that server "
            f"or run 'make run PORT={args.port + 1}'.",
            file=sys.stderr,
        )
        return 1
    site_url = os.environ.get("SITE_URL", f"http://{args.host}:{args.port}").rstrip("/")
    stack = Stack(django_stack(args.host, args.port))
    return stack.run(
        ready=lambda: port_answers(args.host, args.port),
        on_ready=lambda: print(banner(site_url), flush=True),
    )


if __name__ == "__main__":
    sys.exit(main())
