"""Real processes for integration tests and benchmarks: a Celery worker, a Redis server.

Both run in a session of their own, so that killing "the whole worker" kills
its pool processes too, and every test can always end them in a finalizer.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
# No snapshot, no append-only file: a restarted server is empty, as after a crash.
REDIS_OPTIONS = ("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict) -> str:
    """A DATABASE_URL for another process to open the same database (PostgreSQL or SQLite file)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        name = str(settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise ValueError("an in-memory SQLite database cannot be shared with another process")
        return f"sqlite:///{Path(name).resolve()}"
    if "postgresql" not in engine:
        raise ValueError(f"unsupported database engine {engine}")
    auth = quote(settings_dict.get("USER") or "", safe="")
    if settings_dict.get("PASSWORD"):
        auth += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


def wait_until(predicate, timeout: float, what: str, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def _die_with_parent() -> None:
    """In the child before exec: be killed if the process that started it dies (Linux).

    A test run or benchmark stopped by SIGTERM or a crash leaves no worker or
    server behind; a worker's pool processes exit when their parent goes.
    """
    if sys.platform == "linux":
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _kill_group(process: subprocess.Popen, sig=signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


class RedisServer:
    """``redis-server`` on a free port, without persistence: a restart starts empty."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> "RedisServer":
        import redis

        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), *REDIS_OPTIONS],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)

        def answers():
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode}")
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        try:
            wait_until(answers, timeout, f"redis-server on port {self.port}")
        finally:
            client.close()
        return self

    def stop(self) -> None:
        """Kill it (SIGKILL): whatever it held is gone."""
        if self.process is not None:
            _kill_group(self.process)
            self.process.wait(timeout=10)
            self.process = None


class CeleryWorker:
    """``celery -A config worker`` (prefork) in a process session of its own.

    ``env`` is added to this process's environment; the worker logs to ``log``
    and consumes ``queue`` (by default, the default queue).
    """

    def __init__(self, *, env: dict, log: Path, concurrency: int = 1, queue: str | None = None):
        self.queue = queue
        self.env = env
        self.log = Path(log)
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> "CeleryWorker":
        env = {**os.environ, "PYTHONPATH": str(ROOT), **self.env}
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            "--pool", "prefork", "--concurrency", str(self.concurrency),
            "-n", f"test-{uuid.uuid4().hex[:8]}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--loglevel", "INFO",
        ]  # fmt: skip
        if self.queue:
            command += ["-Q", self.queue]
        self._log_start = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=_die_with_parent,
            )  # fmt: skip
        wait_until(self._ready, timeout, f"the Celery worker to be ready (log: {self.log})", 0.1)
        return self

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(
                f"the Celery worker exited with {self.process.returncode}:\n{self.output()}"
            )
        return " ready." in self.output()

    def output(self) -> str:
        with self.log.open("rb") as log:
            log.seek(self._log_start)
            return log.read().decode(errors="replace")

    def wait_for_tasks(self, timeout: float = 30) -> None:
        """Until every task the worker received has ended (succeeded, failed or retried)."""

        def idle():
            log = self.output()
            received = set(re.findall(r"Task [\w.]+\[([\w-]+)\] received", log))
            ended = set(re.findall(r"Task [\w.]+\[([\w-]+)\] (?:succeeded|raised|retry)", log))
            return received <= ended

        wait_until(idle, timeout, "the worker's tasks to end", 0.05)

    def pool_pids(self) -> list[int]:
        """Process ids of the pool's processes (the children of the main process)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill_all(self) -> None:
        """SIGKILL the main process and its pool at once, as when the machine dies."""
        if self.process is not None:
            _kill_group(self.process)
            self.process.wait(timeout=10)

    def stop(self, timeout: float = 30) -> None:
        """A warm shutdown (SIGTERM: finish the running tasks), then SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=timeout)
        self.kill_all()
