"""A small pool of rendering processes (``common.pdf.worker``) for one run.

Plain subprocesses rather than ``multiprocessing``: the Celery worker's pool
processes are daemonic and may not start multiprocessing children, and a
subprocess inherits no database connection or library state from its parent.
One thread per process carries the jobs; ``submit`` returns a future.
"""

import json
import queue
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor

from .engine import RenderError
from .worker import read_message, write_message


class RenderPool:
    def __init__(self, processes: int, *, cwd):
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._processes = []
        for _ in range(processes):
            process = subprocess.Popen(
                [sys.executable, "-m", "common.pdf.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=cwd,
            )
            self._processes.append(process)
            self._idle.put(process)
        self._threads = ThreadPoolExecutor(max_workers=processes, thread_name_prefix="render")

    def submit(self, job: dict) -> Future:
        return self._threads.submit(self._run, job)

    def _run(self, job: dict) -> list[bytes]:
        process = self._idle.get()
        try:
            write_message(process.stdin, json.dumps(job).encode())
            header = read_message(process.stdout)
            if header is None:
                raise RenderError(f"rendering process exited ({process.poll()})")
            answer = json.loads(header)
            if not answer["ok"]:
                raise RenderError(answer["error"])
            return [process.stdout.read(size) for size in answer["sizes"]]
        finally:
            self._idle.put(process)

    def close(self, *, cancel=False) -> None:
        self._threads.shutdown(wait=True, cancel_futures=cancel)
        for process in self._processes:
            if process.stdin:
                process.stdin.close()
        for process in self._processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout:
                process.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        self.close(cancel=error is not None)
