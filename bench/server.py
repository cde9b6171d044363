"""The HTTP harness the page benchmarks share: gunicorn as in production, and a load.

``server_environment`` gives gunicorn's environment (production settings:
DEBUG off, collected static files, a fixed secret key so that sessions made in
the benchmark's own process hold there); ``start_gunicorn`` starts it and waits
for ``/healthz``; ``load`` requests one path from ``CLIENTS`` threads for a
number of seconds and returns requests/s and the 95th percentile.  Every
answer must be a 200, or the run stops with the path that failed.
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 4
SECRET = "bench-only-secret-key-" + "x" * 40


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed_in(client, user):
    """``client`` signed in as ``user``, with the second factor given where the user's
    role requires one (what the verify page would have recorded in the session)."""
    from tests.support.twofactor import verify_client_session

    client.force_login(user)
    verify_client_session(client, user)
    return client


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = signed_in(Client(), user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def database_url(connection) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{auth}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


def server_environment(connection, static_root: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="False",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://thidua.example.gov.vn",
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=static_root,
        DATABASE_URL=database_url(connection),
        CELERY_BROKER_URL="memory://",
        LOG_LEVEL="WARNING",
    )
    return env


def start_gunicorn(env: dict, port: int, app: str) -> subprocess.Popen:
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn
        [
            str(bin_dir / "gunicorn"),
            app,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = fetch(port, "/healthz", "")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def fetch(port: int, path: str, cookie: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Host": "127.0.0.1", "Cookie": cookie} if cookie else {"Host": "127.0.0.1"}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def load(port: int, path: str, cookie: str, seconds: float) -> dict:
    """``CLIENTS`` threads request ``path`` for ``seconds``; every answer must be a 200."""
    status, size = fetch(port, path, cookie)  # warm up, and check the page answers
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    times: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        while time.perf_counter() < stop:
            started = time.perf_counter()
            status, _ = fetch(port, path, cookie)
            elapsed = time.perf_counter() - started
            with lock:
                (times if status == 200 else failures).append(elapsed if status == 200 else status)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    if failures:
        raise SystemExit(f"{path}: {len(failures)} answers were not 200: {set(failures)}")
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
    return {"rps": len(times) / wall, "p95": p95, "count": len(times), "kb": size / 1024}


def load_cold(env: dict, pages, seconds: float) -> list[dict | None]:
    """Each page again from a server whose cache reads all miss (bench/cold_cache.py):
    every request builds the session, the roles, the rows and the filter form as the
    first request after a change does, and pays the cache's round trips."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"]
    cold_env = dict(env)
    cold_env["CACHE_BACKEND"] = (
        "bench.cold_cache.ColdRedisCache"
        if "Redis" in backend
        else "bench.cold_cache.ColdFileCache"
    )
    port = free_port()
    server = start_gunicorn(cold_env, port, "config.wsgi")
    try:
        return [load(port, path, cookie, seconds) if cookie else None for _, path, cookie in pages]
    finally:
        server.terminate()
        server.wait(timeout=30)
